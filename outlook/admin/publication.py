from django.contrib import admin
from markdownx.admin import MarkdownxModelAdmin
from reversion.admin import VersionAdmin

from outlook.admin.autocomplete import CheckedAutocompleteMixin
from outlook.admin.bylines import MissingVerdictFilter, OutlookAuthorInline, SourceInline
from outlook.admin.gate import GatedAdminMixin, ReadOnlyRowAdmin
from outlook.admin.history import GatedHistoryMixin
from outlook.admin.issue_workflow import IssueWorkflowAdmin
from outlook.admin.large import LargeTableMixin, related_count
from outlook.admin.live_index import LiveExposureIndexMixin
from outlook.admin.mixins import CorrectionInline, OutlookEditorialMixin
from outlook.admin.proposals import SkillChoiceInlineMixin
from outlook.admin.review_queue import ReviewQueueFilter
from outlook.admin.rows import OrderedRowsInline, TaskRowsFormSet
from outlook.admin.search import (
    FullTextSearchMixin,
    rows_matching,
    skill_assessments_matching,
)
from outlook.admin.workflow import OutlookRowInlineMixin, OutlookWorkflowAdmin
from outlook.models import Insight, Issue, Outlook, SkillAssessment, TaskAssessment, WhatChanged
from outlook.publishing import gate
from outlook.publishing.revisions import ConcurrentEditForm, register_models

# Before OutlookAdmin is built, so reversion follows the rows we name rather than guessing.
register_models()
from outlook.admin import imports  # noqa: E402, F401  (the issue import and export pages)


class ChangeInline(OutlookRowInlineMixin, OrderedRowsInline):
    model = WhatChanged
    extra = 1
    fields = ("position", "text")


class TaskAssessmentInline(OutlookRowInlineMixin, OrderedRowsInline):
    model = TaskAssessment
    formset = TaskRowsFormSet
    extra = 1
    fields = ("position", "task", "exposure", "rationale", "aliases")


class SkillAssessmentInline(
    SkillChoiceInlineMixin, CheckedAutocompleteMixin, OutlookRowInlineMixin, OrderedRowsInline
):
    model = SkillAssessment
    extra = 1
    fields = ("position", "skill", "verdict", "rationale", "next_step")
    autocomplete_fields = ("skill",)

    def get_queryset(self, request):
        # Each row's heading names its skill.
        return super().get_queryset(request).select_related("skill")


class InsightInline(OutlookRowInlineMixin, OrderedRowsInline):
    model = Insight
    extra = 1
    fields = ("position", "text")


class IssueAdminForm(ConcurrentEditForm):
    class Meta:
        model = Issue
        fields = "__all__"


@admin.register(Issue)
class IssueAdmin(GatedAdminMixin, LargeTableMixin, IssueWorkflowAdmin, MarkdownxModelAdmin):
    form = IssueAdminForm
    list_display = ("__str__", "publication_date", "state", "current", "go_live", "outlook_count")
    list_filter = ("status", "volume")
    search_fields = ("title", "editors_note")
    ordering = ("-publication_date",)
    date_hierarchy = "publication_date"
    fieldsets = (
        # The state changes only through the workflow buttons above the form.
        (None, {"fields": ("volume", "number", "publication_date", "title", "edit_token")}),
        ("Editor's note", {"fields": ("editors_note",)}),
        ("Cover", {"fields": ("cover", "cover_alt")}),
    )

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(outlook_total=related_count(Issue, "outlooks"))
        )

    @admin.display(description="current", boolean=True, ordering="is_current")
    def current(self, issue):
        # The home page shows it (made current on its page; see publishing/current_issue.py).
        return issue.is_current

    def get_search_results(self, request, queryset, search_term):
        # Titles and notes as Django searches them, or the volume and number typed as printed.
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        by_masthead = Issue.objects.matching_masthead(search_term)
        if by_masthead is not None:
            found = found | queryset.filter(pk__in=by_masthead.values("pk"))
        return found, may_have_duplicates

    @admin.display(description="outlooks", ordering="outlook_total")
    def outlook_count(self, issue):
        return issue.outlook_total

    @admin.display(description="state", ordering="status")
    def state(self, obj):
        return obj.state_label


@admin.register(Outlook)
class OutlookAdmin(
    LiveExposureIndexMixin,
    FullTextSearchMixin,
    GatedAdminMixin,
    GatedHistoryMixin,
    CheckedAutocompleteMixin,
    LargeTableMixin,
    OutlookWorkflowAdmin,
    OutlookEditorialMixin,
    VersionAdmin,
    MarkdownxModelAdmin,
):
    list_display = ("headline", "issue", "year", "writer", "state", "go_live", "updated_at")
    list_filter = (
        ReviewQueueFilter,
        "status",
        MissingVerdictFilter,
        "issue",
        "year",
        "profession__category",
        "writer",
    )
    list_select_related = ("issue", "profession", "writer")
    search_fields = ("profession__name", "verdict", "standfirst", "task_assessments__task")
    ordering = ("-year", "profession__name")
    autocomplete_fields = ("profession", "issue")
    fieldsets = (
        # The state changes only through the workflow buttons above the form.
        (None, {"fields": ("issue", "profession", "year", "writer", "verdict", "standfirst")}),
        ("Longer analysis", {"classes": ("collapse",), "fields": ("body",)}),
    )
    inlines = (
        ChangeInline,
        TaskAssessmentInline,
        SkillAssessmentInline,
        InsightInline,
        OutlookAuthorInline,
        SourceInline,
        CorrectionInline,
    )

    @admin.display(description="headline", ordering="profession__name")
    def headline(self, outlook):
        return outlook.headline

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        # Contributors write their own outlooks; editors reassign them.
        if not request.user.has_perm(gate.PUBLISH_OUTLOOK):
            readonly = (*readonly, "writer")
        return readonly

    @admin.display(description="state", ordering="status")
    def state(self, obj):
        return obj.state_label


class OutlookPartAdmin(
    FullTextSearchMixin, CheckedAutocompleteMixin, LargeTableMixin, ReadOnlyRowAdmin
):
    """Read across every outlook's rows; editing happens on the outlook page."""

    full_text_condition = staticmethod(rows_matching)

    list_select_related = ("outlook__profession", "outlook__issue")
    list_filter = ("outlook__issue",)
    ordering = ("outlook", "position")


@admin.register(TaskAssessment)
class TaskAssessmentAdmin(OutlookPartAdmin):
    list_display = ("task", "exposure", "outlook_link")
    list_filter = ("exposure", *OutlookPartAdmin.list_filter)
    search_fields = ("task", "rationale", "outlook__profession__name")


@admin.register(SkillAssessment)
class SkillAssessmentAdmin(OutlookPartAdmin):
    full_text_condition = staticmethod(skill_assessments_matching)
    list_display = ("skill", "verdict", "outlook_link")
    list_select_related = ("skill", *OutlookPartAdmin.list_select_related)
    list_filter = ("verdict", *OutlookPartAdmin.list_filter)
    search_fields = ("skill__name", "rationale", "outlook__profession__name")


@admin.register(WhatChanged)
class ChangeAdmin(OutlookPartAdmin):
    list_display = ("text", "outlook_link")
    search_fields = ("text", "outlook__profession__name")


@admin.register(Insight)
class InsightAdmin(OutlookPartAdmin):
    list_display = ("text", "outlook_link")
    search_fields = ("text", "outlook__profession__name")
