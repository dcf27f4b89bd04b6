"""Next year's copy: where copied text still names the old year, and the review it needs.

An outlook started from last year's (outlook.publishing.content.start_next_outlook) carries
text written for that year. Until its writer or an editor confirms they reviewed it, it is
incomplete: `unreviewed_copy` is part of `Outlook.missing_for_publication`, the one rule the
submit, approve, schedule and publish steps check.
"""

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

# Characters of context kept on each side of a mention in an excerpt.
CONTEXT = 60


@dataclass(frozen=True)
class Mention:
    """One copied text that names the old year."""

    where: str
    text: str
    year: int

    def pattern(self) -> re.Pattern:
        return year_pattern(self.year)

    @property
    def excerpt(self) -> SafeString:
        """Return the text around each mention, the year marked, escaped for the admin."""
        matches = list(self.pattern().finditer(self.text))
        start = max(matches[0].start() - CONTEXT, 0)
        end = min(matches[-1].end() + CONTEXT, len(self.text))
        pieces, position = [], start
        for match in matches:
            pieces.append((self.text[position : match.start()], match.group()))
            position = match.end()
        return format_html(
            "{}{}{}{}",
            "…" if start else "",
            format_html_join("", "{}<mark>{}</mark>", pieces),
            self.text[position:end],
            "…" if end < len(self.text) else "",
        )


def year_pattern(year: int) -> re.Pattern:
    # "2026" alone, not inside "20265" or "12026".
    return re.compile(rf"(?<!\d){year}(?!\d)")


def copied_texts(outlook) -> list[tuple[str, str]]:
    """Return (where, text) for every text field and row the copy carries.

    Reads the rows through `.all()`: free on an outlook fetched `with_page_data()`.
    """
    texts = [
        (_("Verdict"), outlook.verdict),
        (_("Standfirst"), outlook.standfirst),
        (_("Longer analysis"), outlook.body),
    ]
    for task in outlook.task_assessments.all():
        texts.append((_("Task “%(task)s”: the task") % {"task": task.task}, task.task))
        texts.append((_("Task “%(task)s”: rationale") % {"task": task.task}, task.rationale))
    for skill in outlook.skill_assessments.all():
        texts.append((_("Skill “%(skill)s”: why") % {"skill": skill.skill.name}, skill.rationale))
    for position, change in enumerate(outlook.changes.all(), start=1):
        texts.append((_("What changed, bullet %(n)d") % {"n": position}, change.text))
    for position, insight in enumerate(outlook.insights.all(), start=1):
        texts.append((_("Key insight %(n)d") % {"n": position}, insight.text))
    return texts


def old_year_mentions(outlook) -> list[Mention]:
    """Return every copied text of a copy that still names the year it was copied from."""
    year = outlook.copied_from_year
    if year is None:
        return []
    pattern = year_pattern(year)
    return [
        Mention(where=where, text=text, year=year)
        for where, text in copied_texts(outlook)
        if pattern.search(text)
    ]


def unreviewed_copy(outlook) -> list[str]:
    """Return what to review before a copy may be submitted or published (empty once done)."""
    if not outlook.needs_copy_review:
        return []
    mentions = old_year_mentions(outlook)
    confirm = _(
        "Review the text copied from the %(year)s outlook, then tick “I have reviewed the "
        "copied text”."
    ) % {"year": outlook.copied_from_year}
    if not mentions:
        return [confirm]
    places = "; ".join(mention.where for mention in mentions)
    return [
        f"{confirm} "
        + _("These still mention %(year)s: %(places)s.")
        % {"year": outlook.copied_from_year, "places": places}
    ]


@transaction.atomic
def confirm_reviewed(*, outlook, user):
    """Record that `user` (its writer or an editor) reviewed a copy's text."""
    from outlook.models import AuditAction
    from outlook.publishing import gate

    current = gate.locked(outlook)
    gate.require(gate.can_edit_outlook(user, current))
    if not current.needs_copy_review:
        return current
    current.copy_reviewed_by, current.copy_reviewed_at = user, timezone.now()
    current.save(update_fields=["copy_reviewed_by", "copy_reviewed_at"])
    remaining = len(old_year_mentions(current))
    comment = (
        _("Confirmed with %(count)d mention(s) of %(year)s left as they are.")
        % {"count": remaining, "year": current.copied_from_year}
        if remaining
        else ""
    )
    gate.record_in_place(obj=current, user=user, action=AuditAction.COPY_REVIEWED, comment=comment)
    return current
