"""The one gate every change to content passes: who may, the publication rules, the audit.

Admin pages, inlines, bulk actions, the history views and the workflow services all call
these functions; none saves content around them. Each operation checks the actor's permission
on the object in its current state (read under a lock), writes exactly one audit entry, and
says after commit what readers will see, through `publishing_event`.
"""

import logging
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from outlook.models import (
    RELEASED,
    AuditAction,
    AuditEntry,
    Correction,
    Issue,
    Outlook,
    OutlookPart,
    PublicationStatus,
)
from outlook.publishing import pipeline
from professions.models import CatalogueStatus, Profession, Skill

logger = logging.getLogger(__name__)

PUBLISH_OUTLOOK = "outlook.publish_outlook"
PUBLISH_ISSUE = "outlook.publish_issue"
DELETED = "deleted"


class Effect(models.TextChoices):
    """What a change means for readers."""

    WENT_LIVE = "went_live", _("went live")
    WITHDRAWN = "withdrawn", _("withdrawn")
    EDITED_LIVE = "edited_live", _("edited while live")
    CORRECTED = "corrected", _("corrected")
    GO_LIVE_MOVED = "go_live_moved", _("go-live time moved")
    DRAFT_EDIT = "draft_edit", _("a change readers never see")
    CURRENT_CHANGED = "current_changed", _("another issue on the home page")


def publishing_event(*, kind: str, obj, changed: pipeline.Affected | None = None) -> None:
    """Run the side effects of one reader-facing change; called once, after commit.

    `changed` names the pages showing `obj`, taken before the commit
    (outlook/publishing/pipeline.py); a share card is redrawn for what readers now see.
    """
    from outlook.media.share_cards import redraw_after

    logger.info("publishing event", extra={"kind": kind, "subject": str(obj)[:120]})
    if kind == Effect.DRAFT_EDIT:
        return
    pipeline.handle(kind=kind, obj=obj, changed=changed or pipeline.affected(obj, kind=kind))
    redraw_after(kind=kind, obj=obj)


def announce(*, kind: str, obj, changed: pipeline.Affected | None = None) -> None:
    # Which pages show the object is read now, inside the change's transaction: a deletion
    # passes what it read before the rows went.
    if kind != Effect.DRAFT_EDIT and changed is None:
        changed = pipeline.affected(obj, kind=kind)
    # Robust: the change is committed either way; a cache outage is logged, not shown.
    transaction.on_commit(
        partial(publishing_event, kind=kind, obj=obj, changed=changed), robust=True
    )


def visible_to_readers(obj) -> bool:
    if isinstance(obj, Outlook):
        return obj.is_published
    if isinstance(obj, Issue):
        return obj.is_live
    if isinstance(obj, OutlookPart | Correction):
        return obj.outlook.is_published
    # The catalogue is public as soon as it is saved, or once approved if it was proposed.
    return getattr(obj, "status", CatalogueStatus.APPROVED) == CatalogueStatus.APPROVED


def effect_of_transition(*, was_visible: bool, before_go_live, obj) -> str:
    """Classify a change of state by what readers see before and after it."""
    now_visible = visible_to_readers(obj)
    if now_visible and not was_visible:
        return Effect.WENT_LIVE
    if was_visible and not now_visible:
        return Effect.WITHDRAWN
    if obj.status in RELEASED and obj.go_live_at != before_go_live:
        return Effect.GO_LIVE_MOVED
    return Effect.EDITED_LIVE if now_visible else Effect.DRAFT_EDIT


# Who may change what, on the object as it is now.


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You do not have permission to do this."))


def _perm(obj, verb: str) -> str:
    return f"{obj._meta.app_label}.{verb}_{obj._meta.model_name}"


def can_edit_outlook(user, outlook: Outlook) -> bool:
    """Editors edit any outlook; contributors only their own drafts."""
    if not user.has_perm("outlook.change_outlook"):
        return False
    if user.has_perm(PUBLISH_OUTLOOK):
        return True
    return outlook.status == PublicationStatus.DRAFT and outlook.writer_id == user.pk


def can_change(user, obj) -> bool:
    """Whether `user` may change `obj` (an issue, outlook, row or catalogue entry) now."""
    if isinstance(obj, Outlook):
        return can_edit_outlook(user, obj)
    if isinstance(obj, OutlookPart | Correction):
        return user.has_perm(_perm(obj, "change")) and can_edit_outlook(user, obj.outlook)
    return user.has_perm(_perm(obj, "change"))


def can_approve(user, obj: Profession | Skill) -> bool:
    """Who may change a profession or skill adds it approved, and approves proposed ones."""
    return user.has_perm(_perm(obj, "change"))


def can_delete(user, obj) -> bool:
    if not user.has_perm(_perm(obj, "delete")):
        return False
    return can_edit_outlook(user, obj) if isinstance(obj, Outlook) else True


def delete_refusal(obj) -> str | None:
    """Return why `obj` cannot be deleted in its state, or None."""
    if isinstance(obj, Issue | Outlook) and obj.status in RELEASED:
        return _("“%(object)s” is %(state)s: unpublish it first, then delete it.") % {
            "object": obj,
            "state": obj.state_label.lower(),
        }
    return None


def locked(obj):
    """Return `obj` as stored now, locked until the transaction ends."""
    return type(obj).objects.select_for_update().get(pk=obj.pk)


# The audit log.


def state_of(obj) -> str:
    return getattr(obj, "status", "")


def record(*, obj, user, action: str, from_state: str, to_state: str, comment: str = ""):
    """Write the one audit entry of a change."""
    if isinstance(obj, Issue | Outlook):
        subject = str(obj)
    else:
        subject = f"{obj._meta.verbose_name.capitalize()}: {obj}"
    entry = AuditEntry(
        actor=user,
        action=action,
        subject=subject[:300],
        from_state=from_state,
        to_state=to_state,
        go_live_at=getattr(obj, "go_live_at", None),
        comment=comment,
        issue=obj if isinstance(obj, Issue) else None,
        outlook=obj if isinstance(obj, Outlook) else None,
    )
    entry.full_clean()
    entry.save()
    return entry


def record_in_place(*, obj, user, action: str, comment: str = ""):
    """Write the audit entry of a change that leaves `obj` in its state."""
    state = state_of(obj)
    return record(
        obj=obj, user=user, action=action, from_state=state, to_state=state, comment=comment
    )


# Operations.


def transition(obj, *, user, action: str, status: str, go_live_at, comment: str = ""):
    """Move an issue or outlook to `status`: save, audit once, kill old preview links."""
    from_state, was_visible, before_go_live = obj.status, visible_to_readers(obj), obj.go_live_at
    obj.status, obj.go_live_at = status, go_live_at
    obj.preview_generation += 1
    obj.full_clean()
    obj.save(update_fields=["status", "go_live_at", "preview_generation", "updated_at"])
    record(
        obj=obj, user=user, action=action, from_state=from_state, to_state=status, comment=comment
    )
    kind = effect_of_transition(was_visible=was_visible, before_go_live=before_go_live, obj=obj)
    announce(kind=kind, obj=obj)
    # Imported here: the notifications read this module's permission names.
    from outlook.publishing.notifications import after_transition

    after_transition(obj=obj, action=action, actor=user)
    return obj


def check_create(*, user, obj) -> None:
    """Refuse a new object the user may not add; a new outlook is written by its creator.

    A profession or skill added by someone who may not change the catalogue is proposed.
    """
    require(user.has_perm(_perm(obj, "add")))
    if isinstance(obj, Outlook):
        if obj.writer_id is None or not user.has_perm(PUBLISH_OUTLOOK):
            obj.writer = user
        obj.status, obj.go_live_at = PublicationStatus.DRAFT, None
    if isinstance(obj, Profession | Skill):
        approved = can_approve(user, obj)
        obj.status = CatalogueStatus.APPROVED if approved else CatalogueStatus.PROPOSED


def check_edit(*, user, obj):
    """Refuse an edit the user may not make on the object as it is stored now.

    Call inside the saving transaction: the stored row stays locked until it commits.
    """
    current = locked(obj)
    require(can_change(user, current))
    if isinstance(obj, Outlook) and not user.has_perm(PUBLISH_OUTLOOK):
        obj.writer_id = current.writer_id  # only editors reassign
    # Set by their own services only: a form opened before they changed keeps them.
    if isinstance(obj, Outlook):
        obj.copy_reviewed_by_id, obj.copy_reviewed_at = (
            current.copy_reviewed_by_id,
            current.copy_reviewed_at,
        )
    if isinstance(obj, Issue):
        obj.is_current = current.is_current
    return current


def record_created(*, obj, user) -> AuditEntry:
    """Record who created an issue, outlook or catalogue entry."""
    entry = record(
        obj=obj, user=user, action=AuditAction.CREATED, from_state="", to_state=state_of(obj)
    )
    announce(kind=Effect.EDITED_LIVE if visible_to_readers(obj) else Effect.DRAFT_EDIT, obj=obj)
    return entry


def record_edit(*, obj, user, what: list[str], corrected: bool = False) -> AuditEntry:
    """Record one saved edit of `obj` (fields and rows named in `what`)."""
    comment = _("Changed: %(what)s.") % {"what": ", ".join(what)} if what else ""
    entry = record_in_place(obj=obj, user=user, action=AuditAction.EDITED, comment=comment)
    if not visible_to_readers(obj):
        kind = Effect.DRAFT_EDIT
    else:
        kind = Effect.CORRECTED if corrected else Effect.EDITED_LIVE
    announce(kind=kind, obj=obj)
    return entry


def _what_goes_with(obj) -> str:
    if isinstance(obj, Outlook):
        parts = (
            (obj.task_assessments.count(), _("task(s)")),
            (obj.skill_assessments.count(), _("skill(s)")),
            (obj.changes.count(), _("what-changed bullet(s)")),
            (obj.insights.count(), _("insight(s)")),
            (obj.corrections.count(), _("correction(s)")),
        )
        texts = [f"“{c.text}”" for c in obj.corrections.all()]
        summary = ", ".join(f"{count} {noun}" for count, noun in parts if count)
        if texts:
            summary += ". " + _("Corrections: %(texts)s") % {"texts": " ".join(texts)}
        return summary
    if isinstance(obj, Issue):
        return _("%(count)d outlook(s) were in it.") % {"count": obj.outlooks.count()}
    return ""


@transaction.atomic
def delete(*, obj, user) -> None:
    """Delete content the user may delete; published content must be unpublished first."""
    current = locked(obj)
    require(can_delete(user, current))
    refusal = delete_refusal(current)
    if refusal:
        raise ValidationError(refusal)
    was_visible = visible_to_readers(current)
    changed = pipeline.affected(current) if was_visible else None
    record(
        obj=current,
        user=user,
        action=AuditAction.DELETED,
        from_state=state_of(current),
        to_state=DELETED,
        comment=_what_goes_with(current),
    )
    current.delete()
    announce(
        kind=Effect.WITHDRAWN if was_visible else Effect.DRAFT_EDIT, obj=current, changed=changed
    )


@transaction.atomic
def revoke_preview_links(*, obj: Issue | Outlook, user) -> None:
    """Make every shared preview link of `obj` made so far stop working."""
    current = locked(obj)
    require(can_change(user, current))
    current.preview_generation += 1
    current.save(update_fields=["preview_generation"])
    record_in_place(obj=current, user=user, action=AuditAction.LINKS_REVOKED)


def revision_label(version) -> str:
    return _("revision %(id)s of %(date)s") % {
        "id": version.pk,
        "date": date_format(version.revision.date_created, "DATETIME_FORMAT"),
    }


# Revisions: content comes back, never the state, its time, or who writes it.

RESTORED_FIELDS = ("verdict", "standfirst", "body")


def version_of(outlook_id, version_id):
    from outlook.publishing.revisions import versions_of

    return versions_of(outlook_id).get(pk=version_id)  # another object's version: DoesNotExist


@transaction.atomic
def restore_version(*, outlook: Outlook, version_id, user) -> Outlook:
    """Put an outlook's text and rows back as they were in one of its own revisions.

    Permission first; a live outlook stays live, so the restored text must be complete.
    """
    import reversion

    current = locked(outlook)
    require(can_edit_outlook(user, current))
    version = version_of(current.pk, version_id)
    was_visible = visible_to_readers(current)
    with reversion.create_revision():
        version.revision.revert(delete=True)
        restored = Outlook.objects.get(pk=current.pk)
        for field in Outlook._meta.concrete_fields:
            if field.name not in RESTORED_FIELDS:
                setattr(restored, field.attname, getattr(current, field.attname))
        restored.full_clean()
        restored.save()  # also counts its tasks again: reverted rows were saved raw
        reversion.set_user(user)
        reversion.set_comment(_("Restored %(revision)s.") % {"revision": revision_label(version)})
    if restored.status in RELEASED:
        missing = Outlook.objects.with_page_data().get(pk=restored.pk).missing_for_publication()
        if missing:
            raise ValidationError(
                [
                    _("It stays live, so the restored text must be complete; nothing changed:"),
                    *missing,
                ]
            )
    record_in_place(
        obj=restored, user=user, action=AuditAction.RESTORED, comment=revision_label(version)
    )
    announce(kind=Effect.EDITED_LIVE if was_visible else Effect.DRAFT_EDIT, obj=restored)
    return restored


def deleted_version(version_id):
    """Return the last version of a deleted outlook; rows' and live outlooks' do not exist."""
    from reversion.models import Version

    return Version.objects.get_deleted(Outlook).select_related("revision").get(pk=version_id)


@transaction.atomic
def recover_outlook(*, version_id, user) -> Outlook:
    """Bring a deleted outlook back with its rows, as a draft."""
    import reversion

    require(user.has_perm("outlook.add_outlook") and user.has_perm(PUBLISH_OUTLOOK))
    version = deleted_version(version_id)
    candidate = version._object_version.object
    candidate.status, candidate.go_live_at = PublicationStatus.DRAFT, None
    candidate.full_clean()  # its issue and profession still exist, its URL is still free
    with reversion.create_revision():
        version.revision.revert(delete=False)
        outlook = Outlook.objects.get(pk=candidate.pk)
        outlook.status, outlook.go_live_at = PublicationStatus.DRAFT, None
        outlook.preview_generation += 1
        outlook.full_clean()
        outlook.save()
        reversion.set_user(user)
        reversion.set_comment(_("Recovered after deletion, as a draft."))
    record(
        obj=outlook,
        user=user,
        action=AuditAction.RECOVERED,
        from_state=DELETED,
        to_state=outlook.status,
        comment=revision_label(version),
    )
    announce(kind=Effect.DRAFT_EDIT, obj=outlook)
    return outlook
