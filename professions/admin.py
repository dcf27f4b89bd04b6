from django.contrib import admin
from django.db.models import Count

from outlook.admin_autocomplete import CheckedAutocompleteMixin
from professions.models import Category, Profession, Skill


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "profession_count")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("name",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(profession_total=Count("professions"))

    @admin.display(description="professions", ordering="profession_total")
    def profession_count(self, category):
        return category.profession_total


@admin.register(Profession)
class ProfessionAdmin(CheckedAutocompleteMixin, admin.ModelAdmin):
    list_display = ("name", "category", "slug")
    list_filter = ("category",)
    list_select_related = ("category",)
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("category",)
    ordering = ("name",)
    fields = ("name", "slug", "category", "description", "image", "image_alt")


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "assessment_count")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("name",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(assessment_total=Count("assessments"))

    @admin.display(description="assessments", ordering="assessment_total")
    def assessment_count(self, skill):
        return skill.assessment_total
