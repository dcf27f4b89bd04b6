"""Revisions of outlooks (django-reversion) and the guard against two editors' saves crossing.

An outlook's revision holds the outlook and every row of it (what changed, tasks, skills,
insights), so restoring one puts the whole page back as it was. Corrections are left out on
purpose: they are a public record appended after publication, and restoring an older text
must never delete one.
"""

import reversion
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from reversion.models import Version

from outlook.models import Insight, Outlook, SkillAssessment, TaskAssessment, WhatChanged
from outlook.models.bylines import OutlookAuthor, Source

ROW_MODELS = (WhatChanged, TaskAssessment, SkillAssessment, Insight, OutlookAuthor, Source)
FOLLOW = ("changes", "task_assessments", "skill_assessments", "insights", "bylines", "sources")


def register_models() -> None:
    """Register the outlook and its rows, following every row from the outlook."""
    for model in ROW_MODELS:
        if not reversion.is_registered(model):
            reversion.register(model)
    if not reversion.is_registered(Outlook):
        reversion.register(Outlook, follow=FOLLOW)


def versions_of(outlook_id) -> "reversion.models.VersionQuerySet":
    return Version.objects.get_for_object_reference(Outlook, outlook_id).select_related(
        "revision__user"
    )


def edit_token(updated_at) -> str:
    return updated_at.isoformat() if updated_at else ""


class ConcurrentEditForm(forms.ModelForm):
    """A model form that refuses to overwrite a save made since the editor opened it.

    The form carries the object's `updated_at` as it was when the page was opened (an outlook's
    moves with every row saved too). If it has moved on by the time this form is saved, someone
    else saved in between: the editor gets the error with everything they typed still in the
    form and the saved text of every field that differs beside it, and the token is refreshed
    so a deliberate second save (after comparing) goes through.
    """

    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)
    # The revision the editor opened (outlooks), to show what was saved since on a conflict.
    opened_revision = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_token"].initial = edit_token(self.instance.updated_at)
            self.fields["opened_revision"].initial = str(self.latest_revision() or "")

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance.pk:
            return cleaned_data
        rows = type(self.instance).objects.filter(pk=self.instance.pk)
        if transaction.get_connection(rows.db).in_atomic_block:
            # Locked until the admin's transaction ends, so two saves cannot both pass here.
            rows = rows.select_for_update()
        current = rows.values_list("updated_at", flat=True).first()
        if current is not None and cleaned_data.get("edit_token") != edit_token(current):
            self.data = self.data.copy()
            self.data[self.add_prefix("edit_token")] = edit_token(current)
            self.data[self.add_prefix("opened_revision")] = self.latest_revision() or ""
            raise ValidationError(
                [
                    self.conflict_message(current),
                    *self.saved_texts(cleaned_data),
                    *self.meanwhile_comparison(cleaned_data.get("opened_revision")),
                ],
                code="edit_conflict",
            )
        return cleaned_data

    def saved_texts(self, cleaned_data) -> list[str]:
        """Return "Saved meanwhile — field: text" for each field whose input differs."""
        # self.instance still holds the stored row here: the form's input is put on it later.
        texts = []
        for name, field in self.fields.items():
            model_field = getattr(type(self.instance), name, None)
            if name == "edit_token" or model_field is None or name not in cleaned_data:
                continue
            saved = getattr(self.instance, name, None)
            if isinstance(saved, str) and saved != cleaned_data[name]:
                texts.append(f"Saved meanwhile — {field.label}: {saved}")
        return texts

    def meanwhile_comparison(self, opened: str | None) -> list[str]:
        """Point an outlook's editor at the diff of everything saved since they opened it."""
        latest = self.latest_revision()
        if latest is None or not (opened or "").isdigit() or int(opened) == latest:
            return []
        url = reverse("admin:outlook_outlook_compare", args=[self.instance.pk])
        return [f"Saved meanwhile, rows included: {url}?from={opened}&to={latest}"]

    def latest_revision(self) -> int | None:
        if not isinstance(self.instance, Outlook) or not self.instance.pk:
            return None
        return versions_of(self.instance.pk).order_by("-pk").values_list("pk", flat=True).first()

    def conflict_message(self, updated_at) -> str:
        who = ""
        if reversion.is_registered(type(self.instance)):
            latest = (
                Version.objects.get_for_object(self.instance)
                .select_related("revision__user")
                .first()
            )
            if latest and latest.revision.user:
                who = f" by {latest.revision.user.get_username()}"
        when = date_format(timezone.localtime(updated_at), "DATETIME_FORMAT")
        name = self.instance._meta.verbose_name
        return (
            f"This {name} was changed{who} at {when}, after you opened it. Nothing has been "
            "saved: your edits are still in the form below, and what was saved meanwhile is "
            "shown here. Compare (the history shows every revision), then save again to keep "
            "your version."
        )
