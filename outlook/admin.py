from django.contrib import admin
from django.db.models import Count
from markdownx.admin import MarkdownxModelAdmin
from reversion.admin import VersionAdmin

from outlook.admin_autocomplete import CheckedAutocompleteMixin
from outlook.admin_large import LargeTableMixin
from outlook.admin_mixins import CorrectionInline, OutlookEditorialMixin
from outlook.admin_workflow import DraftOnlyInlineMixin, IssueWorkflowAdmin, OutlookWorkflowAdmin
from outlook.models import Change, Insight, Issue, Outlook, SkillAssessment, TaskAssessment
from outlook.revisions import register_models

# Before OutlookAdmin is built, so reversion follows the rows we name rather than guessing.
register_models()


class ChangeInline(DraftOnlyInlineMixin, admin.TabularInline):
    model = Change
    extra = 1
    fields = ("position", "text")


class TaskAssessmentInline(DraftOnlyInlineMixin, admin.TabularInline):
    model = TaskAssessment
    extra = 1
    fields = ("position", "task", "exposure", "rationale")


class SkillAssessmentInline(CheckedAutocompleteMixin, DraftOnlyInlineMixin, admin.TabularInline):
    model = SkillAssessment
    extra = 1
    fields = ("position", "skill", "verdict", "rationale")
    autocomplete_fields = ("skill",)

    def get_queryset(self, request):
        # Each row's heading names its skill.
        return super().get_queryset(request).select_related("skill")


class InsightInline(DraftOnlyInlineMixin, admin.TabularInline):
    model = Insight
    extra = 1
    fields = ("position", "text")


@admin.register(Issue)
class IssueAdmin(IssueWorkflowAdmin, MarkdownxModelAdmin):
    list_display = ("__str__", "publication_date", "state", "go_live", "outlook_count")
    list_filter = ("status", "volume")
    search_fields = ("title", "editors_note")
    ordering = ("-publication_date",)
    date_hierarchy = "publication_date"
    fieldsets = (
        # The state changes only through the workflow buttons above the form.
        (None, {"fields": ("volume", "number", "publication_date", "title")}),
        ("Editor's note", {"fields": ("editors_note",)}),
        ("Cover", {"fields": ("cover", "cover_alt")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(outlook_total=Count("outlooks"))

    @admin.display(description="outlooks", ordering="outlook_total")
    def outlook_count(self, issue):
        return issue.outlook_total

    @admin.display(description="state", ordering="status")
    def state(self, obj):
        return obj.state_label


@admin.register(Outlook)
class OutlookAdmin(
    CheckedAutocompleteMixin,
    LargeTableMixin,
    OutlookWorkflowAdmin,
    OutlookEditorialMixin,
    VersionAdmin,
    MarkdownxModelAdmin,
):
    list_display = ("headline", "issue", "year", "state", "go_live", "updated_at")
    list_filter = ("status", "issue", "year", "profession__category")
    list_select_related = ("issue", "profession")
    search_fields = ("profession__name", "standfirst", "task_assessments__task")
    ordering = ("-year", "profession__name")
    autocomplete_fields = ("profession", "issue")
    fieldsets = (
        # The state changes only through the workflow buttons above the form.
        (None, {"fields": ("issue", "profession", "year", "standfirst")}),
        ("Longer analysis", {"classes": ("collapse",), "fields": ("body",)}),
    )
    inlines = (
        ChangeInline,
        TaskAssessmentInline,
        SkillAssessmentInline,
        InsightInline,
        CorrectionInline,
    )

    @admin.display(description="headline", ordering="profession__name")
    def headline(self, outlook):
        return outlook.headline

    @admin.display(description="state", ordering="status")
    def state(self, obj):
        return obj.state_label


class OutlookPartAdmin(CheckedAutocompleteMixin, LargeTableMixin, admin.ModelAdmin):
    """Read across every outlook's rows; editing happens on the outlook page."""

    list_select_related = ("outlook__profession", "outlook__issue")
    list_filter = ("outlook__issue",)
    autocomplete_fields = ("outlook",)
    ordering = ("outlook", "position")


@admin.register(TaskAssessment)
class TaskAssessmentAdmin(OutlookPartAdmin):
    list_display = ("task", "exposure", "outlook")
    list_filter = ("exposure", *OutlookPartAdmin.list_filter)
    search_fields = ("task", "rationale", "outlook__profession__name")


@admin.register(SkillAssessment)
class SkillAssessmentAdmin(OutlookPartAdmin):
    list_display = ("skill", "verdict", "outlook")
    list_select_related = ("skill", *OutlookPartAdmin.list_select_related)
    list_filter = ("verdict", *OutlookPartAdmin.list_filter)
    search_fields = ("skill__name", "rationale", "outlook__profession__name")
    autocomplete_fields = ("outlook", "skill")


@admin.register(Change)
class ChangeAdmin(OutlookPartAdmin):
    list_display = ("text", "outlook")
    search_fields = ("text", "outlook__profession__name")


@admin.register(Insight)
class InsightAdmin(OutlookPartAdmin):
    list_display = ("text", "outlook")
    search_fields = ("text", "outlook__profession__name")
