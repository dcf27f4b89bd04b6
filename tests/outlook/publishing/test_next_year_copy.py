"""Next year's copy: the old year flagged, "What changed" from the data, a review before submit."""

import datetime

import pytest
from django.urls import reverse

from outlook.models import (
    AuditAction,
    AuditEntry,
    Exposure,
    Outlook,
    PublicationStatus,
    SkillVerdict,
)
from outlook.publishing import content
from tests.factories import (
    IssueFactory,
    OutlookFactory,
    SkillAssessmentFactory,
    SkillFactory,
    TaskAssessmentFactory,
    WhatChangedFactory,
)
from tests.outlook.editors import content_editor
from tests.outlook.form_html import form_data
from tests.outlook.helpers import staff_in
from tests.outlook.publishing.test_next_outlook import start_next

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:outlook_outlook_changelist"


@pytest.fixture
def source():
    outlook = OutlookFactory(
        standfirst="Will developers still write code in 2026? Mostly, yes.",
        body="Since early 2026, assistants write tests. Ticket 20265 is not a year.",
    )
    TaskAssessmentFactory(
        outlook=outlook,
        task="Write production code",
        exposure=Exposure.MEDIUM,
        rationale="In 2026 assistants draft most boilerplate.",
    )
    TaskAssessmentFactory(
        outlook=outlook,
        task="Design systems",
        exposure=Exposure.LOW,
        rationale="Trade-offs need judgement.",
    )
    TaskAssessmentFactory(
        outlook=outlook, task="Triage bugs", exposure=Exposure.HIGH, rationale="Logs are text."
    )
    SkillAssessmentFactory(
        outlook=outlook,
        skill=SkillFactory(name="Python"),
        verdict=SkillVerdict.RESILIENT,
        rationale="Reviewing generated code matters more than ever in 2026.",
    )
    WhatChangedFactory(outlook=outlook, text="Assistants became standard tooling in 2026.")
    return outlook


@pytest.fixture
def editor():
    return content_editor()


def start_copy(client, source, issue) -> Outlook:
    assert start_next(client, source, issue).status_code == 302
    return Outlook.objects.get(issue=issue)


def change_url(outlook) -> str:
    return reverse("admin:outlook_outlook_change", args=[outlook.pk])


def test_the_form_flags_every_copied_mention_of_the_old_year(client, editor, source, next_issue):
    client.force_login(editor)
    action = {"action": "start_next_outlook", "_selected_action": [str(source.pk)]}
    chooser = client.post(reverse(CHANGELIST), action)
    assert "every mention of 2026 is flagged" in chooser.content.decode()
    copy = start_copy(client, source, next_issue)
    assert copy.copied_from_year == 2026

    html = client.get(change_url(copy)).content.decode()
    assert "Copied from the 2026 outlook" in html
    mentions = html[html.index('class="copied-mentions"') :]
    mentions = mentions[: mentions.index("</ul>")]
    assert (
        "<strong>Standfirst</strong>: Will developers still write code in <mark>2026</mark>?"
        in (mentions)
    )
    assert "<strong>Longer analysis</strong>: Since early <mark>2026</mark>" in mentions
    assert (
        "<strong>Task “Write production code”: rationale</strong>: In <mark>2026</mark>" in mentions
    )
    assert "<strong>Skill “Python”: why</strong>:" in mentions
    assert "ever in <mark>2026</mark>." in mentions
    # A number that merely contains the year, and texts without it, are not flagged.
    assert "20265" not in mentions.replace("<mark>", "").split("Ticket")[0]
    assert "<mark>2026</mark>5" not in mentions
    assert "Design systems" not in mentions
    assert mentions.count("<li>") == 4
    assert 'name="copy_reviewed"' in html


def test_a_mention_typed_into_a_row_after_copying_is_flagged_too(
    client, editor, source, next_issue
):
    client.force_login(editor)
    copy = start_copy(client, source, next_issue)
    data = form_data(client.get(change_url(copy)), "outlook_form") | {
        "insights-0-text": "Unlike 2026, pair programming with AI is the norm.",
        "standfirst": "Will developers still write code in 2027? Mostly, yes.",
    }
    assert client.post(change_url(copy), data).status_code == 302
    html = client.get(change_url(copy)).content.decode()
    assert "<strong>Key insight 1</strong>: Unlike <mark>2026</mark>" in html
    assert "<strong>Standfirst</strong>" not in html


def test_what_changed_starts_empty_and_the_data_offers_bullets(client, editor, source, next_issue):
    client.force_login(editor)
    copy = start_copy(client, source, next_issue)
    assert not copy.changes.exists()
    page = client.get(change_url(copy))
    data = form_data(page, "outlook_form")
    tasks = {data[f"task_assessments-{i}-task"]: i for i in range(3)}
    moved, dropped = tasks["Write production code"], tasks["Triage bugs"]
    data |= {
        f"task_assessments-{moved}-exposure": Exposure.HIGH,
        f"task_assessments-{dropped}-DELETE": "on",
        "task_assessments-3-task": "Review pull requests",
        "task_assessments-3-exposure": Exposure.LOW,
        "task_assessments-3-rationale": "Someone answers for the merge.",
        "task_assessments-3-position": "4",
    }
    assert client.post(change_url(copy), data).status_code == 302

    suggestions = [
        "Newly assessed: Review pull requests, at low AI exposure.",
        "Triage bugs is no longer assessed, as it was in 2026.",
        "Write production code moved from medium to high AI exposure since 2026.",
        # Medium, low, high: (50 + 100) ÷ 3 = 50; now high, low, low: 100 ÷ 3 = 33.
        "The exposure index fell from 50 to 33 since 2026.",
    ]
    html = client.get(change_url(copy)).content.decode()
    for text in suggestions:
        assert f'value="{text}"' in html

    data = form_data(client.get(change_url(copy)), "outlook_form") | {
        "accept_suggestions": suggestions[:2]
    }
    assert client.post(change_url(copy), data).status_code == 302
    assert [c.text for c in copy.changes.all()] == suggestions[:2]


def submit(client, copy, **fields):
    data = form_data(client.get(change_url(copy)), "outlook_form") | fields
    return client.post(change_url(copy), data | {"_workflow": "submit"})


def test_submitting_refuses_unreviewed_copied_text_and_says_what_to_review(client, source):
    writer = staff_in("Contributor", "casey")
    issue = IssueFactory(publication_date=datetime.date(2027, 4, 20), status="draft")
    copy = content.start_next_outlook(source=source, issue=issue, user=content_editor())
    Outlook.objects.filter(pk=copy.pk).update(writer=writer)
    client.force_login(writer)

    refused = submit(client, copy, verdict="Not replaced in 2027.")
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Review the text copied from the 2026 outlook, then tick" in html
    assert "These still mention 2026: Standfirst; Longer analysis; Task" in html
    copy.refresh_from_db()
    assert copy.status == PublicationStatus.DRAFT
    assert copy.verdict == "Not replaced in 2027."  # the edits were saved; the step was not

    done = submit(client, copy, copy_reviewed="on")
    assert done.status_code == 302
    copy.refresh_from_db()
    assert copy.status == PublicationStatus.IN_REVIEW
    assert copy.copy_reviewed_by == writer
    entry = AuditEntry.objects.get(outlook=copy, action=AuditAction.COPY_REVIEWED)
    assert entry.actor == writer
    assert "4 mention(s) of 2026 left" in entry.comment


def test_an_editor_confirms_the_review_and_the_form_then_says_who_did(
    client, editor, source, next_issue
):
    client.force_login(editor)
    copy = start_copy(client, source, next_issue)
    data = form_data(client.get(change_url(copy)), "outlook_form") | {
        "verdict": "Not replaced in 2027.",
        "copy_reviewed": "on",
    }
    response = client.post(change_url(copy), data, follow=True)
    assert "Recorded: you reviewed the copied text." in response.content.decode()

    html = client.get(change_url(copy)).content.decode()
    assert 'name="copy_reviewed"' not in html
    assert "Reviewed by editor on" in html
    copy = Outlook.objects.with_page_data().get(pk=copy.pk)
    assert copy.missing_for_publication() == []
    # Publishing now asks for nothing more about the copy.
    data = form_data(client.get(change_url(copy)), "outlook_form") | {"_workflow": "publish"}
    assert client.post(change_url(copy), data).status_code == 302


def test_a_form_opened_before_the_review_does_not_undo_it(client, editor, source, next_issue):
    client.force_login(editor)
    copy = start_copy(client, source, next_issue)
    stale = form_data(client.get(change_url(copy)), "outlook_form")
    reviewed = stale | {"copy_reviewed": "on"}
    assert client.post(change_url(copy), reviewed).status_code == 302
    # A second tab posts the older form (with a fresh token, as after reloading the rows).
    fresh = form_data(client.get(change_url(copy)), "outlook_form")
    assert client.post(change_url(copy), fresh | {"standfirst": "New."}).status_code == 302
    copy.refresh_from_db()
    assert copy.copy_reviewed_at is not None


def test_an_outlook_written_from_scratch_needs_no_review(client, editor):
    outlook = OutlookFactory(status=PublicationStatus.DRAFT, standfirst="In 2026, a lot.")
    client.force_login(editor)
    html = client.get(change_url(outlook)).content.decode()
    assert "Copied from" not in html
    assert 'name="copy_reviewed"' not in html
    assert not any("copied" in item for item in outlook.missing_for_publication())
