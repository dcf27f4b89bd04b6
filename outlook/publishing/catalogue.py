"""Proposed professions and skills: who proposes, who approves, and what a proposal holds back.

A contributor may add a profession or skill from the outlook form; it is *proposed*. It can be
used in drafts at once, but an outlook that uses one is not complete for publication
(Outlook.missing_for_publication) until an editor approves it here, through the gate.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from outlook.models import AuditAction
from outlook.publishing import gate
from professions.models import CatalogueStatus, Profession, Skill


@transaction.atomic
def approve(*, obj: Profession | Skill, user) -> Profession | Skill:
    """Approve a proposed profession or skill: outlooks using it may then go live."""
    current = gate.locked(obj)
    gate.require(gate.can_approve(user, current))
    if not current.is_proposed:
        raise ValidationError(
            _("%(entry)s “%(name)s” is already approved.")
            % {"entry": current._meta.verbose_name.capitalize(), "name": current}
        )
    current.status = CatalogueStatus.APPROVED
    current.save(update_fields=["status", "updated_at"])
    gate.record(
        obj=current,
        user=user,
        action=AuditAction.APPROVED,
        from_state=CatalogueStatus.PROPOSED,
        to_state=CatalogueStatus.APPROVED,
    )
    # Readers see it only with a published outlook, which it could not have had until now.
    gate.announce(kind=gate.Effect.DRAFT_EDIT, obj=current)
    return current


def live_use_refusal(entry: Profession | Skill | None) -> str | None:
    """Return why a live outlook cannot take `entry` now, or None."""
    if entry is None or not entry.is_proposed:
        return None
    return _(
        "“%(name)s” is a proposed %(entry)s and this outlook is live: "
        "an editor must approve it first, or choose another."
    ) % {"name": entry, "entry": entry._meta.verbose_name}
