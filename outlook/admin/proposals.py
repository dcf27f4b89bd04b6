"""Proposed professions and skills on the outlook form: a way forward, and none onto a live page.

Anyone who may add a skill sees Django's "+" beside the skill field, which opens the skill's
add form in a popup, and an autocomplete that finds nothing offers to propose what was typed
(static/admin/outlook/propose_entry.js); a contributor's new entry is proposed
(outlook/publishing/catalogue.py).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from outlook.admin import rows
from outlook.models import RELEASED
from outlook.publishing import catalogue

NO_SKILL = _("Choose a skill from the list.")
NO_SKILL_PROPOSE = _(
    "Choose a skill from the list. Not in it? Propose it with “+” beside the field: "
    "you can use it in this draft at once, and an editor approves it before publication."
)


def is_live(outlook) -> bool:
    return outlook.pk is not None and outlook.status in RELEASED


class SkillRowsFormSet(rows.SkillRowsFormSet):
    """A live outlook takes no proposed skill: readers would see it before an editor did."""

    def clean(self):
        super().clean()
        if not is_live(self.instance):
            return
        for form in self.forms:
            if not form.has_changed() or (self.can_delete and self._should_delete_form(form)):
                continue
            refusal = catalogue.live_use_refusal(getattr(form, "cleaned_data", {}).get("skill"))
            if refusal:
                form.add_error("skill", refusal)


def check_profession_while_live(outlook, profession):
    """Refuse a proposed profession on a live outlook, with the reason."""
    refusal = catalogue.live_use_refusal(profession) if is_live(outlook) else None
    if refusal:
        raise ValidationError(refusal)
    return profession


class SkillChoiceInlineMixin:
    """The skill field's "required" message says how to go on when the skill is not listed."""

    formset = SkillRowsFormSet

    @property
    def media(self):
        # Offers "Propose “…”" where the skill (or profession) autocomplete finds nothing.
        return super().media + forms.Media(
            js=["admin/js/jquery.init.js", "admin/outlook/propose_entry.js"]
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "skill":
            may_propose = request.user.has_perm("professions.add_skill")
            field.error_messages["required"] = NO_SKILL_PROPOSE if may_propose else NO_SKILL
        return field
