"""Editing content outside the admin, through the same gate the admin's saves pass.

The admin's forms do these steps themselves (outlook/admin_gate.py); scripts, the newsroom
benchmark and tests call these services: each checks the actor's permission on the object as
stored now, saves, writes one audit entry and announces the change after commit.
"""

from django.db import transaction

from outlook.models import Correction, Outlook
from outlook.publishing import gate


@transaction.atomic
def edit_fields(*, obj, user, **fields):
    """Change fields of an issue, outlook or catalogue entry."""
    gate.check_edit(user=user, obj=obj)
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    gate.record_edit(obj=obj, user=user, what=sorted(fields))
    return obj


@transaction.atomic
def edit_row(*, row, user, **fields):
    """Change one row of an outlook (a task, skill, what-changed bullet or insight)."""
    outlook = Outlook.objects.get(pk=row.outlook_id)
    gate.check_edit(user=user, obj=outlook)
    for name, value in fields.items():
        setattr(row, name, value)
    row.full_clean()
    row.save()
    gate.record_edit(obj=outlook, user=user, what=[str(row._meta.verbose_name_plural)])
    return row


@transaction.atomic
def append_correction(*, outlook: Outlook, user, text: str) -> Correction:
    """Append a dated correction to an outlook (readers see it at the foot of the page)."""
    gate.check_edit(user=user, obj=outlook)
    correction = Correction(outlook=outlook, text=text)
    correction.full_clean()
    correction.save()
    gate.record_edit(obj=outlook, user=user, what=["corrections"], corrected=True)
    return correction
