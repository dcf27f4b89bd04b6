"""The outlook admin's editorial tools: revisions compared, next year's outlook, corrections."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from outlook.admin.proposals import check_profession_while_live
from outlook.admin.rows import LabelledRowsInline
from outlook.models import Correction, Issue, Outlook, PublicationStatus
from outlook.publishing import content, copy_review
from outlook.publishing.outlook_diff import (
    Comparison,
    compare_with_previous,
    snapshot_of_version,
    with_rows,
)
from outlook.publishing.revisions import ConcurrentEditForm, versions_of
from outlook.reading.params import id_value
from outlook.templatetags.outlook_tags import publication_time


class OutlookAdminForm(ConcurrentEditForm):
    accept_suggestions = forms.MultipleChoiceField(
        label="Add to “What changed”",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick the bullets to add; reword them in “What changed” after saving.",
    )
    copy_reviewed = forms.BooleanField(
        label="I have reviewed the copied text",
        required=False,
        help_text="Tick once every text copied from last year's outlook says what you mean "
        "this year, the mentions of last year above included. Needed before it is submitted.",
    )

    class Meta:
        model = Outlook
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        comparison = compare_with_previous(self.instance)
        existing = set(comparison.after.changes) if comparison else set()
        self.fields["accept_suggestions"].choices = [
            (text, text)
            for text in (comparison.suggested_changes if comparison else [])
            if text not in existing
        ]
        if not self.instance.needs_copy_review:
            del self.fields["copy_reviewed"]

    def clean_profession(self):
        return check_profession_while_live(self.instance, self.cleaned_data["profession"])


class CorrectionInline(LabelledRowsInline):
    model = Correction
    extra = 0
    # A public record: a correction is never removed in passing with other edits.
    can_delete = False
    fields = ("created_at", "text")
    verbose_name_plural = "Corrections (published outlooks only; shown on the page, dated)"


class NextOutlookForm(forms.Form):
    issue = forms.ModelChoiceField(
        queryset=Issue.objects.filter(status=PublicationStatus.DRAFT),
        label="Draft issue",
        help_text="The new outlook is created as a draft in this issue, for the issue's year.",
        empty_label=None,
    )


class OutlookEditorialMixin:
    """Mixed into OutlookAdmin (a reversion VersionAdmin)."""

    form = OutlookAdminForm
    object_history_template = "admin/outlook/outlook/object_history.html"
    actions = ["start_next_outlook"]

    def get_inline_instances(self, request, obj=None):
        # Corrections put a published page right; a draft is simply edited.
        return [
            inline
            for inline in super().get_inline_instances(request, obj)
            if not isinstance(inline, CorrectionInline) or (obj is not None and obj.is_published)
        ]

    # Comparing with last year's outlook.

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        name, options = fieldsets[0]
        fieldsets[0] = (
            name,
            {**options, "fields": (*options["fields"], "edit_token", "opened_revision")},
        )
        if obj is not None and compare_with_previous(obj) is not None:
            fieldsets.insert(
                1,
                (
                    "Compared with the previous outlook",
                    {"fields": ("differences_from_previous", "accept_suggestions")},
                ),
            )
        # First on the page: the writer reviews it before anything else.
        if obj is not None and obj.copied_from_year is not None:
            review = ("copied_text_mentions",)
            if obj.needs_copy_review:
                review = (*review, "copy_reviewed")
            fieldsets.insert(
                0, (f"Copied from the {obj.copied_from_year} outlook", {"fields": review})
            )
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        return (
            *super().get_readonly_fields(request, obj),
            "differences_from_previous",
            "copied_text_mentions",
        )

    @admin.display(description="Mentions of last year")
    def copied_text_mentions(self, obj):
        mentions = copy_review.old_year_mentions(with_rows(obj))
        reviewed = (
            format_html(
                '<p class="copy-reviewed">Reviewed by {} on {}.</p>',
                obj.copy_reviewed_by or "a former user",
                publication_time(obj.copy_reviewed_at),
            )
            if obj.copy_reviewed_at
            else ""
        )
        if not mentions:
            return format_html(
                "{}<p>No copied text mentions {} any more.</p>", reviewed, obj.copied_from_year
            )
        return format_html(
            '{}<ul class="copied-mentions">{}</ul>',
            reviewed,
            format_html_join(
                "", "<li><strong>{}</strong>: {}</li>", ((m.where, m.excerpt) for m in mentions)
            ),
        )

    @admin.display(description="What differs")
    def differences_from_previous(self, obj):
        comparison = compare_with_previous(obj)
        if comparison is None:
            return "-"
        rows = [
            (d.section, d.item, d.kind, d.diff)
            for d in comparison.differences
            if d.section in ("Tasks", "Skills")
        ]
        if not rows:
            return f"Tasks and skills are as they were in {comparison.before.year}."
        return format_html(
            '<ul class="outlook-differences">{}</ul>',
            format_html_join("", "<li><strong>{}: {}</strong> ({}) {}</li>", rows),
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.cleaned_data.get("copy_reviewed"):
            copy_review.confirm_reviewed(outlook=form.instance, user=request.user)
            self.message_user(request, "Recorded: you reviewed the copied text.")
        accepted = form.cleaned_data.get("accept_suggestions")
        if accepted:
            content.add_changes(outlook=form.instance, texts=accepted)
            self.message_user(
                request, f"Added {len(accepted)} bullet(s) to “What changed”; reword them freely."
            )

    # Next year's outlook.

    @admin.action(description="Start the next outlook from this one", permissions=["add"])
    def start_next_outlook(self, request, queryset):
        sources = list(queryset.select_related("issue", "profession"))
        form = NextOutlookForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            created = []
            for source in sources:
                try:
                    created.append(
                        content.start_next_outlook(
                            source=source, issue=form.cleaned_data["issue"], user=request.user
                        )
                    )
                except ValidationError as error:
                    self.message_user(
                        request, f"{source}: {' '.join(error.messages)}", messages.ERROR
                    )
            if len(created) == 1:
                self.message_user(request, f"Started {created[0]} as a draft; update it here.")
                return HttpResponseRedirect(
                    reverse("admin:outlook_outlook_change", args=[created[0].pk])
                )
            if created:
                self.message_user(request, f"Started {len(created)} draft outlooks.")
            return None
        if not Issue.objects.filter(status=PublicationStatus.DRAFT).exists():
            self.message_user(
                request,
                "There is no draft issue to start the next outlook in; add one first.",
                messages.ERROR,
            )
            return None
        return TemplateResponse(
            request,
            "admin/outlook/outlook/start_next_outlook.html",
            {
                **self.admin_site.each_context(request),
                "title": "Start the next outlook",
                "opts": self.model._meta,
                "sources": sources,
                "form": form,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )

    # Comparing two revisions.

    def history_view(self, request, object_id, extra_context=None):
        revisions = [
            {
                "version": version,
                "url": reverse(
                    "admin:outlook_outlook_revision", args=[version.object_id, version.pk]
                ),
            }
            for version in versions_of(unquote(object_id)).order_by("-pk")
        ]
        return super().history_view(
            request, object_id, {"revisions": revisions, **(extra_context or {})}
        )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="outlook_outlook_compare",
            ),
            *super().get_urls(),
        ]

    def compare_view(self, request, object_id):
        """Show what changed between two revisions of one outlook."""
        # get_object() answers None for an id of the wrong type ("abc", "1/2"), not an error.
        outlook = self.get_object(request, unquote(object_id))
        if outlook is None:
            raise Http404("No such outlook.")
        if not self.has_view_or_change_permission(request, outlook):
            raise PermissionDenied
        try:
            ids = sorted({id_value(request.GET["from"]), id_value(request.GET["to"])})
        except (KeyError, ValueError):
            return HttpResponseBadRequest("Choose two revisions to compare.")
        if len(ids) != 2:
            return HttpResponseBadRequest("Choose two different revisions to compare.")
        versions = {v.pk: v for v in versions_of(outlook.pk).filter(pk__in=ids)}
        if len(versions) != 2:
            raise Http404("No such revisions of this outlook.")
        older, newer = versions[ids[0]], versions[ids[1]]
        comparison = Comparison(before=snapshot_of_version(older), after=snapshot_of_version(newer))
        return TemplateResponse(
            request,
            "admin/outlook/outlook/revision_compare.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Compare revisions of {outlook}",
                "opts": self.model._meta,
                "original": outlook,
                "older": older,
                "newer": newer,
                "comparison": comparison,
            },
        )
