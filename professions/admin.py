"""The catalogue readers see: every change goes through outlook.publishing.gate, like outlooks."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.text import slugify

from outlook.admin.autocomplete import CheckedAutocompleteMixin
from outlook.admin.gate import GatedAdminMixin
from outlook.admin.large import LargeTableMixin, related_count
from outlook.publishing import catalogue
from outlook.publishing.revisions import ConcurrentEditForm
from professions.models import CatalogueStatus, Category, Profession, Skill


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


class ProposalsAdmin(CatalogueAdmin):
    """Professions and skills: contributors propose them (often from the outlook form's "+"),
    editors find the proposals with the status filter and approve them."""

    actions = ["approve_proposals"]

    def get_changeform_initial_data(self, request):
        # "Propose “Rust”" from the outlook form opens this page with the name filled in.
        initial = super().get_changeform_initial_data(request)
        if initial.get("name") and not initial.get("slug"):
            initial["slug"] = slugify(initial["name"])[:120]
        return initial

    @admin.action(description="Approve the selected proposals", permissions=["change"])
    def approve_proposals(self, request, queryset):
        approved = 0
        for entry in queryset.filter(status=CatalogueStatus.PROPOSED):
            try:
                catalogue.approve(obj=entry, user=request.user)
            except ValidationError as error:
                self.message_user(request, f"{entry}: {' '.join(error.messages)}", messages.ERROR)
            else:
                approved += 1
        others = queryset.count() - approved
        note = f" {others} selected were approved already or refused." if others else ""
        self.message_user(request, f"Approved {approved} proposal(s).{note}")


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
class ProfessionAdmin(CheckedAutocompleteMixin, ProposalsAdmin):
    list_display = ("name", "category", "slug", "status")
    list_filter = ("status", "category")
    list_select_related = ("category",)
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("category",)
    ordering = ("name",)
    fields = ("name", "slug", "category", "description", "image", "image_alt")


@admin.register(Skill)
class SkillAdmin(ProposalsAdmin):
    list_display = ("name", "slug", "status", "assessment_count")
    list_filter = ("status",)
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
