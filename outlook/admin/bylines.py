"""The admin for bylines and sources: authors edited through the gate, outlook inlines."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from outlook.admin.autocomplete import CheckedAutocompleteMixin
from outlook.admin.rows import OrderedRowsInline
from outlook.admin.workflow import OutlookRowInlineMixin
from outlook.models.bylines import Author, OutlookAuthor, Source
from professions.admin import CatalogueAdmin


@admin.register(Author)
class AuthorAdmin(CheckedAutocompleteMixin, CatalogueAdmin):
    list_display = ("name", "slug", "user")
    list_select_related = ("user",)
    search_fields = ("name", "slug", "bio")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("user",)
    ordering = ("name",)
    fields = ("name", "slug", "bio", "user")


class OutlookAuthorInline(CheckedAutocompleteMixin, OutlookRowInlineMixin, OrderedRowsInline):
    model = OutlookAuthor
    extra = 0
    fields = ("position", "author")
    autocomplete_fields = ("author",)
    verbose_name_plural = _("Co-authors (the writer's author profile comes first by default)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


class SourceInline(OutlookRowInlineMixin, OrderedRowsInline):
    model = Source
    extra = 1
    fields = ("position", "title", "url", "accessed")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "url":
            kwargs["assume_scheme"] = "https"  # "example.org/report" means https
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class MissingVerdictFilter(admin.SimpleListFilter):
    """Find the outlooks still without a verdict (those live from before verdicts existed)."""

    title = _("verdict")
    parameter_name = "verdict"

    def lookups(self, request, model_admin):
        return (("missing", _("Missing")), ("written", _("Written")))

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(verdict="")
        if self.value() == "written":
            return queryset.exclude(verdict="")
        return queryset
