"""Multi-step writes on outlook content: next year's outlook, accepted "What changed" bullets."""

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from outlook.models import (
    Issue,
    Outlook,
    PublicationStatus,
    SkillAssessment,
    TaskAssessment,
    WhatChanged,
)
from outlook.publishing import gate


@transaction.atomic
def start_next_outlook(*, source: Outlook, issue: Issue, user) -> Outlook:
    """Copy `source` with its tasks and skills into `issue`, as a draft to update.

    "What changed" starts empty: the form offers bullets drawn from what differs from the
    source (outlook_diff.Comparison.suggested_changes). The copy remembers its source's year,
    so its text is flagged and must be confirmed reviewed before it is submitted
    (outlook/publishing/copy_review.py). Written by `user`, who must be allowed to add outlooks.
    """
    gate.require(user.has_perm("outlook.add_outlook"))
    if issue.status != PublicationStatus.DRAFT:
        raise ValidationError(f"{issue} is not a draft issue; choose a draft issue.")
    if issue.year <= source.year:
        raise ValidationError(
            f"{issue} is for {issue.year}; the next outlook after {source.year} needs an issue "
            "from a later year."
        )
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(f"Started from the {source.year} outlook.")
        outlook = Outlook(
            issue=issue,
            profession=source.profession,
            year=issue.year,
            standfirst=source.standfirst,
            body=source.body,
            status=PublicationStatus.DRAFT,
            writer=user,
            copied_from_year=source.year,
        )
        outlook.full_clean()
        outlook.save()
        rows = [
            *(
                TaskAssessment(
                    outlook=outlook,
                    position=task.position,
                    task=task.task,
                    exposure=task.exposure,
                    rationale=task.rationale,
                    aliases=task.aliases,
                )
                for task in source.task_assessments.all()
            ),
            *(
                SkillAssessment(
                    outlook=outlook,
                    position=skill.position,
                    skill_id=skill.skill_id,
                    verdict=skill.verdict,
                    rationale=skill.rationale,
                    next_step=skill.next_step,
                )
                for skill in source.skill_assessments.all()
            ),
        ]
        for row in rows:
            row.full_clean()
            row.save()
    gate.record_created(obj=outlook, user=user)
    return outlook


@transaction.atomic
def add_changes(*, outlook: Outlook, texts: list[str]) -> list[WhatChanged]:
    """Append `texts` to the outlook's "What changed" bullets, after the existing ones."""
    last = outlook.changes.aggregate(last=Max("position"))["last"]
    position = -1 if last is None else last
    added = []
    for text in texts:
        position += 1
        change = WhatChanged(outlook=outlook, position=position, text=text)
        change.full_clean()
        change.save()
        added.append(change)
    return added
