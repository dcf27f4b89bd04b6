"""The issue's workflow buttons: publish, schedule, unpublish, and make it the current issue.

Releasing an issue dated ahead, or one that would be newer than the home page's, asks first
(outlook.publishing.current_issue.release_notes); the services check everything again.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outlook.admin.workflow import (
    ConfirmFirst,
    WorkflowAction,
    WorkflowAdminMixin,
    buttons,
    go_live_of,
    when_released,
)
from outlook.models import RELEASED, Issue, PublicationStatus
from outlook.publishing import current_issue, previews, workflow
from outlook.publishing.transitions import ISSUE_STEPS, steps_from

MAKE_CURRENT = WorkflowAction("make_current", _("Make it the current issue"))
ANYWAY = {"publish": _("Publish anyway"), "schedule": _("Schedule anyway")}


def issue_actions(issue: Issue, user) -> list[WorkflowAction]:
    if not (user.has_perm(workflow.PUBLISH_ISSUE) and user.has_perm(workflow.PUBLISH_OUTLOOK)):
        return []
    offered = buttons(steps_from(ISSUE_STEPS, issue.status))
    if issue.is_live and not issue.is_current:
        offered.append(MAKE_CURRENT)
    return offered


def _release(key: str, *, issue: Issue, user, data: dict) -> str:
    go_live_at = go_live_of(data) if key == "schedule" else None
    if not data["confirmed"] and issue.status in ISSUE_STEPS[key]:
        notes = current_issue.release_notes(issue, go_live_at=go_live_at)
        if notes:
            raise ConfirmFirst(notes, label=ANYWAY[key])
    issue = workflow.publish_issue(issue=issue, user=user, go_live_at=go_live_at)
    if key == "publish":
        return _("Published, with every outlook in review or approved.")
    return _("The issue and its ready outlooks are %(when)s.") % {"when": when_released(issue)}


def run_issue_action(key: str, *, issue: Issue, user, data: dict) -> str:
    if not user.has_perm(workflow.PUBLISH_ISSUE):
        raise PermissionDenied
    if key in ("publish", "schedule"):
        return _release(key, issue=issue, user=user, data=data)
    if key == "unpublish":
        was_current = issue.is_current
        workflow.unpublish_issue(issue=issue, user=user)
        message = _("Unpublished: readers no longer see the issue or its outlooks.")
        if not was_current:
            return message
        shown = Issue.objects.current()
        fallback = (
            _(
                "It was the current issue: the home page now shows %(issue)s, the newest live "
                "issue, until you make one current."
            )
            % {"issue": shown}
            if shown
            else _("It was the current issue, and no other issue is live.")
        )
        return f"{message} {fallback}"
    if key == "make_current":
        current_issue.make_current(issue=issue, user=user)
        return _("%(issue)s is the current issue: the home page shows it now.") % {"issue": issue}
    raise Http404("No such step.")


class IssueWorkflowAdmin(WorkflowAdminMixin):
    steps = {"publish", "schedule", "unpublish", "make_current"}

    def available_actions(self, obj, user):
        return issue_actions(obj, user)

    def run_action(self, step, *, obj, user, data):
        return run_issue_action(step, issue=obj, user=user, data=data)

    def render_preview(self, request, obj):
        def admin_link(outlook):
            return reverse("admin:outlook_outlook_preview", args=[outlook.pk])

        return previews.render_issue_preview(
            request, pk=obj.pk, shared=False, outlook_link=admin_link
        )

    def workflow_context(self, request, obj) -> dict:
        outlooks = obj.outlooks.all()
        return {
            **super().workflow_context(request, obj),
            "reader_go_live_at": obj.go_live_at if obj.status in RELEASED else None,
            "ready_total": outlooks.filter(
                status__in=[PublicationStatus.IN_REVIEW, *RELEASED]
            ).count(),
            "draft_total": outlooks.filter(status=PublicationStatus.DRAFT).count(),
            "home_page": current_issue.home_page_note(obj),
        }
