"""The admin side of the editorial workflow: buttons, previews, the schedule, the audit log.

Kept apart from admin/publication.py so the content admin stays about content. The buttons belong
to the change form: a click saves what the editor typed, then takes the step (so a step never
acts on text the editor has not saved). The same steps also answer on one URL per object, for
callers without a form. Either way outlook.publishing.workflow takes them and checks permissions
again.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from outlook.models import AuditEntry, Outlook, PublicationStatus
from outlook.publishing import gate, previews, workflow
from outlook.publishing.outlook_diff import with_rows
from outlook.publishing.schedule import build_schedule
from outlook.publishing.transitions import OUTLOOK_STEPS, steps_from
from outlook.templatetags.outlook_tags import publication_time


class WorkflowForm(forms.Form):
    go_live_at = forms.DateTimeField(
        required=False,
        label=_("Go-live time"),
        # Read in the current time zone, which is the publication's (settings.TIME_ZONE).
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    comment = forms.CharField(required=False, max_length=2000, label=_("Comment"))
    # Sent by the "… and schedule" buttons, so an empty time is an error, never "now".
    later = forms.BooleanField(required=False)
    # Sent by the confirmation page of a step that asks first (ConfirmFirst).
    confirmed = forms.BooleanField(required=False)


class ConfirmFirst(Exception):
    """Raised by a step the editor must confirm, having read `notes`, before it is taken."""

    def __init__(self, notes: list[str], label: str):
        super().__init__(*notes)
        self.notes, self.label = notes, label


@dataclass(frozen=True)
class WorkflowAction:
    key: str
    label: str
    time: str = ""  # "" (no time asked) or "required"
    comment: bool = False
    style: str = ""


SUBMIT = WorkflowAction("submit", _("Save and submit for review"))
WITHDRAW = WorkflowAction("withdraw", _("Withdraw from review"))
APPROVE_NOW = WorkflowAction("approve", _("Approve and publish now"), style="default")
APPROVE_LATER = WorkflowAction("approve", _("Approve and schedule"), time="required")
RETURN = WorkflowAction("return", _("Return to draft"), comment=True)
PUBLISH = WorkflowAction("publish", _("Publish now"), style="default")
SCHEDULE = WorkflowAction("schedule", _("Schedule"), time="required")
UNPUBLISH = WorkflowAction("unpublish", _("Unpublish"), style="danger")
# Not a change of state: every shared preview link made so far stops working.
REVOKE_LINKS = "revoke-links"


def go_live_of(data: dict):
    if data["go_live_at"] is None:
        raise ValidationError(_("Choose a go-live time."))
    return data["go_live_at"]


def when_released(obj) -> str:
    if obj.status == PublicationStatus.SCHEDULED:
        return _("scheduled for %(time)s") % {"time": publication_time(obj.go_live_at)}
    return _("published")


def when_readers_see(outlook: Outlook) -> str:
    """Say when readers will see a just-published outlook: its issue may not be live yet."""
    issue = outlook.issue
    if outlook.is_published:
        return _("Published: readers see it now.")
    if outlook.reader_go_live_at is not None:
        return _("Published, and readers will see it from %(time)s, when its issue goes live.") % {
            "time": publication_time(outlook.reader_go_live_at)
        }
    return _(
        "Published, but readers will not see it yet: its issue, %(issue)s, is %(state)s. "
        "They will see it once the issue is published or scheduled."
    ) % {"issue": issue, "state": issue.state_label.lower()}


# Each step of outlook/publishing/transitions.py as the buttons that take it.
BUTTONS = {
    "submit": [SUBMIT],
    "withdraw": [WITHDRAW],
    "approve": [APPROVE_NOW, APPROVE_LATER],
    "return": [RETURN],
    "publish": [PUBLISH],
    "schedule": [SCHEDULE],
    "unpublish": [UNPUBLISH],
}


def buttons(steps: list[str]) -> list[WorkflowAction]:
    if "approve" in steps:
        # In review, approving is how an outlook is published or scheduled.
        steps = [step for step in steps if step not in ("publish", "schedule")]
    return [button for step in steps for button in BUTTONS[step]]


def outlook_actions(outlook: Outlook, user) -> list[WorkflowAction]:
    allowed = {
        "submit": gate.can_edit_outlook(user, outlook),
        "withdraw": outlook.writer_id == user.pk,
    }
    can_publish = user.has_perm(workflow.PUBLISH_OUTLOOK)
    steps = [
        step for step in steps_from(OUTLOOK_STEPS, outlook.status) if allowed.get(step, can_publish)
    ]
    return buttons(steps)


def run_outlook_action(key: str, *, outlook: Outlook, user, data: dict) -> str:
    """Run one workflow step; return the message to show."""
    # Permission before input: someone who may not take a step learns nothing about it.
    if key not in ("submit", "withdraw") and not user.has_perm(workflow.PUBLISH_OUTLOOK):
        raise PermissionDenied
    if key == "submit":
        workflow.submit_for_review(outlook=outlook, user=user)
        return _("Submitted for review. An editor will approve it or return it to you.")
    if key == "withdraw":
        workflow.withdraw_submission(outlook=outlook, user=user)
        return _("Withdrawn from review: it is your draft again. Submit it when it is ready.")
    if key == "approve":
        go_live_at = go_live_of(data) if data["later"] else None
        outlook = workflow.approve(outlook=outlook, user=user, go_live_at=go_live_at)
        return _("Approved and %(when)s.") % {"when": when_released(outlook)}
    if key == "return":
        workflow.return_to_draft(outlook=outlook, user=user, comment=data["comment"])
        return _("Returned to draft with your comment.")
    if key == "schedule":
        outlook = workflow.schedule(outlook=outlook, user=user, go_live_at=go_live_of(data))
        return _("The outlook is %(when)s.") % {"when": when_released(outlook)}
    if key == "publish":
        outlook = workflow.publish_outlook(outlook=outlook, user=user)
        return when_readers_see(outlook)
    if key == "unpublish":
        workflow.unpublish(outlook=outlook, user=user)
        return _("Unpublished: it is a draft again and readers no longer see it.")
    raise Http404("No such step.")


class WorkflowAdminMixin:
    """Shared by the issue and outlook admins: the workflow panel, its view and previews.

    Put it first among an admin's bases: its templates extend whatever template the next
    admin class in line would use (another mixin's, or Django's), so both keep working.
    """

    change_form_template = "admin/outlook/workflow_change_form.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/workflow/<slug:step>/",
                wrap(require_POST(self.workflow_view)),
                name="{}_{}_workflow".format(*info),
            ),
            path(
                "<path:object_id>/preview/",
                wrap(never_cache(self.preview_view)),
                name="{}_{}_preview".format(*info),
            ),
            *super().get_urls(),
        ]

    def _object_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(f"No {self.opts.verbose_name} with this id.")
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def workflow_view(self, request, object_id, step):
        if step not in self.steps and step != REVOKE_LINKS:
            raise Http404("No such step.")
        obj = self._object_or_404(request, object_id)
        return self.take_step(request, obj, step, WorkflowForm(request.POST))

    def take_step(self, request, obj, step, form, saved: bool = False):
        """Run one step on `obj` and answer: back to the change page, or why not (400)."""
        change_url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]
        )
        try:
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            if step == REVOKE_LINKS:
                gate.revoke_preview_links(obj=obj, user=request.user)
                message = _("Every preview link shared so far stopped working.")
            else:
                message = self.run_action(step, obj=obj, user=request.user, data=form.cleaned_data)
        except ConfirmFirst as question:
            context = {"question": question, "saved": saved, "change_url": change_url}
            return self.ask_first(request, obj, step, form, context)
        except ValidationError as error:
            errors = error.messages
            if saved:
                errors = [_("Your edits were saved, but this step was not taken:"), *errors]
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": obj,
                "title": _("Not done"),
                "errors": errors,
                "change_url": change_url,
            }
            return render(request, "admin/outlook/workflow_refused.html", context, status=400)
        messages.success(request, message)
        return HttpResponseRedirect(change_url)

    def ask_first(self, request, obj, step, form, context: dict):
        """Show what the step would do, with a button that takes it (nothing happened yet)."""
        go_live_at = form.cleaned_data["go_live_at"]
        context = {
            **self.admin_site.each_context(request),
            **context,
            "opts": self.opts,
            "original": obj,
            "title": _("Before you go on"),
            "action_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_workflow", args=[obj.pk, step]
            ),
            "go_live_at": timezone.localtime(go_live_at).strftime("%Y-%m-%dT%H:%M")
            if go_live_at
            else "",
            "later": form.cleaned_data["later"],
        }
        return render(request, "admin/outlook/workflow_confirm.html", context)

    def response_change(self, request, obj):
        # A step button of the change form: the edits are saved by now, then the step runs.
        step, _sep, later = request.POST.get("_workflow", "").partition(":")
        if not step:
            return super().response_change(request, obj)
        if step not in self.steps and step != REVOKE_LINKS:
            raise Http404("No such step.")
        data = {
            "go_live_at": request.POST.get(f"{step}-go_live_at", ""),
            "comment": request.POST.get(f"{step}-comment", ""),
            "later": later == "later",
        }
        return self.take_step(request, obj, step, WorkflowForm(data), saved=True)

    def preview_view(self, request, object_id):
        obj = self._object_or_404(request, object_id)
        return self.render_preview(request, obj)

    def workflow_context(self, request, obj) -> dict:
        key = f"admin:{self.opts.app_label}_{self.opts.model_name}"
        return {
            "object": obj,
            "state": obj.state_label,
            "actions": [
                (action, reverse(f"{key}_workflow", args=[obj.pk, action.key]))
                for action in self.available_actions(obj, request.user)
            ],
            "time_zone": timezone.get_current_timezone_name(),
            "preview_url": reverse(f"{key}_preview", args=[obj.pk]),
            "share_url": request.build_absolute_uri(previews.preview_link(obj)),
            "can_revoke": self.has_change_permission(request, obj),
            "revoke_url": reverse(f"{key}_workflow", args=[obj.pk, REVOKE_LINKS]),
            "share_expires_at": previews.link_expires_at(),
            "history": list(AuditEntry.objects.for_object(obj)[:30]),
        }

    @admin.display(description=_("go-live time"), ordering="go_live_at")
    def go_live(self, obj):
        return publication_time(obj.go_live_at) or "—"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), **self.parent_templates()}
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            extra_context["workflow"] = self.workflow_context(request, obj)
            # The form below edits this same instance: loaded once, and what is cached on it
            # (its rows, the comparison with last year) serves the buttons and the form alike.
            request._change_view_object = (unquote(object_id), obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_object(self, request, object_id, from_field=None):
        loaded = getattr(request, "_change_view_object", None)
        if loaded is not None and from_field is None and loaded[0] == object_id:
            return loaded[1]
        return super().get_object(request, object_id, from_field)

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), **self.parent_templates()}
        return super().add_view(request, form_url, extra_context)

    def parent_templates(self) -> dict:
        return {"parent_change_form_template": super().change_form_template}


class OutlookWorkflowAdmin(WorkflowAdminMixin):
    """Contributors edit drafts only; editors review, schedule and publish."""

    steps = {"submit", "withdraw", "approve", "return", "schedule", "publish", "unpublish"}
    change_list_template = "admin/outlook/workflow_change_list.html"

    def get_urls(self):
        return [
            path(
                "schedule/",
                self.admin_site.admin_view(self.schedule_view),
                name="outlook_schedule",
            ),
            *super().get_urls(),
        ]

    def available_actions(self, obj, user):
        return outlook_actions(obj, user)

    def run_action(self, step, *, obj, user, data):
        return run_outlook_action(step, outlook=obj, user=user, data=data)

    def render_preview(self, request, obj):
        return previews.render_outlook_preview(request, pk=obj.pk, shared=False)

    def workflow_context(self, request, obj) -> dict:
        return {
            **super().workflow_context(request, obj),
            "reader_go_live_at": obj.reader_go_live_at,
            # With its rows and their skills, so the check costs a fixed few queries; fetched
            # once per instance, for the form's comparison with last year too.
            "missing": with_rows(obj).missing_for_publication(),
        }

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "schedule_url": reverse("admin:outlook_schedule"),
            "parent_change_list_template": super().change_list_template,
        }
        return super().changelist_view(request, extra_context)

    def schedule_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Schedule: what goes live when"),
            "rows": build_schedule(),
            "time_zone": timezone.get_current_timezone_name(),
        }
        return TemplateResponse(request, "admin/outlook/schedule.html", context)


class OutlookRowInlineMixin:
    """An outlook's rows follow the outlook: editable by whoever may edit the outlook now."""

    def _outlook_allows(self, request, obj) -> bool:
        return obj is None or gate.can_edit_outlook(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return self._outlook_allows(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._outlook_allows(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._outlook_allows(request, obj) and super().has_delete_permission(request, obj)
