"""The catalogue readers see: every change goes through outlook.publishing.gate, like outlooks."""

from django.contrib import admin

from outlook.admin.autocomplete import CheckedAutocompleteMixin
from outlook.admin.gate import GatedAdminMixin
from outlook.admin.large import LargeTableMixin, related_count
from outlook.publishing.revisions import ConcurrentEditForm
from professions.models import Category, Profession, Skill


def edit_form(catalogue_model):
    """Return the admin form of a catalogue model, with the crossed-saves check."""
    meta = type("Meta", (), {"model": catalogue_model, "fields": "__all__"})
    return type(f"{catalogue_model.__name__}Form", (ConcurrentEditForm,), {"Meta": meta})


class CatalogueAdmin(GatedAdminMixin, LargeTableMixin, admin.ModelAdmin):
    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = edit_form(self.model)
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        return fields if "edit_token" in fields else [*fields, "edit_token"]


@admin.register(Category)
class CategoryAdmin(CatalogueAdmin):
    list_display = ("name", "slug", "profession_count")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("name",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(profession_total=related_count(Category, "professions"))
        )

    @admin.display(description="professions", ordering="profession_total")
    def profession_count(self, category):
        return category.profession_total


@admin.register(Profession)
class ProfessionAdmin(CheckedAutocompleteMixin, CatalogueAdmin):
    list_display = ("name", "category", "slug")
    list_filter = ("category",)
    list_select_related = ("category",)
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("category",)
    ordering = ("name",)
    fields = ("name", "slug", "category", "description", "image", "image_alt")


@admin.register(Skill)
class SkillAdmin(CatalogueAdmin):
    list_display = ("name", "slug", "assessment_count")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("name",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(assessment_total=related_count(Skill, "assessments"))
        )

    @admin.display(description="assessments", ordering="assessment_total")
    def assessment_count(self, skill):
        return skill.assessment_total
