"""Which issue the home page shows, and what releasing an issue does to it.

Editors make a live issue current (`make_current`); the home page follows it
(`Issue.objects.current()`), and without one shows the newest live issue. Releasing an issue
dated ahead, or newer than the one on the home page, is first explained to the editor
(`release_notes`), so a release never silently replaces the home page.
"""

import datetime

from django.contrib.humanize.templatetags.humanize import apnumber
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from outlook.models import AuditAction, Issue
from outlook.publishing import gate


@transaction.atomic
def make_current(*, issue: Issue, user) -> Issue:
    """Make a live issue the one the home page shows, in place of the current one."""
    gate.require(user.has_perm(gate.PUBLISH_ISSUE))
    issue = gate.locked(issue)
    if not issue.is_live:
        raise ValidationError(
            _("%(issue)s is %(state)s: only a live issue can be the current one.")
            % {"issue": issue, "state": issue.state_label.lower()}
        )
    if issue.is_current:
        raise ValidationError(_("%(issue)s is already the current issue.") % {"issue": issue})
    shown = Issue.objects.current()
    # Locked as well: two editors choosing at once get one current issue, one after the other.
    list(Issue.objects.select_for_update().filter(is_current=True))
    Issue.objects.filter(is_current=True).update(is_current=False)
    issue.is_current = True
    issue.save(update_fields=["is_current"])
    comment = _("In place of %(issue)s.") % {"issue": shown} if shown else ""
    gate.record_in_place(obj=issue, user=user, action=AuditAction.MADE_CURRENT, comment=comment)
    gate.announce(kind=gate.Effect.CURRENT_CHANGED, obj=issue)
    return issue


def stop_being_current(issue: Issue) -> bool:
    """Let an issue going off the site stop being current; say whether it was.

    Called by the unpublish step under its lock: the home page falls back to the newest live
    issue rather than refusing an unpublish, which may be urgent (a legal or factual error).
    """
    if not issue.is_current:
        return False
    issue.is_current = False
    issue.save(update_fields=["is_current"])
    return True


def home_page_note(issue: Issue) -> str:
    """Say whether the home page shows `issue`, and why."""
    shown = Issue.objects.current()
    if issue.is_current and shown and shown.pk == issue.pk:
        return _("This is the current issue: the home page shows it.")
    if shown is None:
        return _("No issue is live: the home page shows none yet.")
    if shown.pk == issue.pk:
        return _(
            "The home page shows this issue as the newest live one: no editor has made an "
            "issue current."
        )
    reason = _("made current by an editor") if shown.is_current else _("the newest live issue")
    return _("The home page shows %(issue)s (%(reason)s).") % {"issue": shown, "reason": reason}


def _newer(issue: Issue, than: Issue) -> bool:
    """Whether `issue` comes before `than` in the issues' own order (Issue.Meta.ordering)."""

    def order(i):
        # Every field of that order is descending: the newest issue has the greatest values.
        return tuple(getattr(i, field.lstrip("-")) for field in Issue._meta.ordering)

    return order(issue) > order(than)


def _span(days: int) -> str:
    if days == 1:
        return _("one day")
    if days % 7 == 0 and days <= 8 * 7:
        weeks = days // 7
        return _("%(n)s weeks") % {"n": apnumber(weeks)} if weeks > 1 else _("one week")
    if days < 60:
        return _("%(n)s days") % {"n": apnumber(days)}
    return _("about %(n)s months") % {"n": apnumber(round(days / 30.4))}


def release_notes(issue: Issue, *, go_live_at: datetime.datetime | None = None) -> list[str]:
    """Return what an editor confirms before releasing `issue` now or at `go_live_at`.

    Its date ahead of the day it goes live, and whether it takes the home page.
    """
    notes = []
    day = timezone.localdate(go_live_at) if go_live_at else timezone.localdate()
    dated = date_format(issue.publication_date, "j F Y")
    ahead = (issue.publication_date - day).days
    if ahead > 0 and go_live_at is None:
        notes.append(
            _("This issue is dated %(date)s, %(span)s ahead.")
            % {"date": dated, "span": _span(ahead)}
        )
    elif ahead > 0:
        notes.append(
            _("This issue is dated %(date)s, %(span)s after the day it goes live (%(day)s).")
            % {"date": dated, "span": _span(ahead), "day": date_format(day, "j F Y")}
        )
    shown = Issue.objects.current()
    if shown is not None and shown.pk != issue.pk and _newer(issue, shown):
        if shown.is_current:
            notes.append(
                _(
                    "It is newer than %(shown)s, the current issue, and does not replace it: "
                    "the home page stays on %(shown)s. Make this issue current from its page "
                    "once it is live."
                )
                % {"shown": shown}
            )
        else:
            notes.append(
                _(
                    "It becomes the current issue: no issue is made current, so the home page "
                    "shows the newest live one, and this issue replaces %(shown)s there once "
                    "it is live. To keep %(shown)s on the home page, make it current first."
                )
                % {"shown": shown}
            )
    return notes
