"""Next year's outlook: copied from last year's through an admin action, then compared."""

import datetime

import pytest
from django.urls import reverse
from reversion.models import Version

from outlook.models import Exposure, Outlook, PublicationStatus, SkillVerdict
from tests.factories import (
    InsightFactory,
    IssueFactory,
    OutlookFactory,
    SkillAssessmentFactory,
    SkillFactory,
    TaskAssessmentFactory,
    WhatChangedFactory,
)
from tests.outlook.editors import content_editor
from tests.outlook.form_html import form_data
from tests.outlook.helpers import stored_counts_match_the_tasks

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:outlook_outlook_changelist"
EXTRA = 10


@pytest.fixture
def source():
    outlook = OutlookFactory(standfirst="Last year's standfirst.", body="Last year's **body**.")
    TaskAssessmentFactory(
        outlook=outlook,
        task="Write production code",
        exposure=Exposure.MEDIUM,
        aliases="Ship features",
    )
    TaskAssessmentFactory(outlook=outlook, task="Design systems", exposure=Exposure.LOW)
    SkillAssessmentFactory(
        outlook=outlook,
        skill=SkillFactory(name="Python"),
        verdict=SkillVerdict.RESILIENT,
        next_step="Own the design the scripts sit in.",
    )
    WhatChangedFactory(outlook=outlook, text="Assistants became standard tooling.")
    InsightFactory(outlook=outlook, text="An insight that belongs to last year.")
    return outlook


@pytest.fixture
def editor_client(client):
    client.force_login(content_editor())
    return client


def start_next(client, source, issue):
    action = {"action": "start_next_outlook", "_selected_action": [str(source.pk)]}
    chooser = client.post(reverse(CHANGELIST), action)
    assert chooser.status_code == 200
    return client.post(reverse(CHANGELIST), action | {"apply": "1", "issue": str(issue.pk)})


def test_the_action_copies_the_outlook_and_its_rows_into_a_draft_issue(
    editor_client, source, next_issue
):
    chooser = editor_client.post(
        reverse(CHANGELIST),
        {"action": "start_next_outlook", "_selected_action": [str(source.pk)]},
    )
    assert str(next_issue) in chooser.content.decode()
    assert str(source.issue) not in chooser.content.decode()  # published: not offered

    response = start_next(editor_client, source, next_issue)
    copy = Outlook.objects.with_page_data().get(issue=next_issue)
    assert response.status_code == 302
    assert response.url == reverse("admin:outlook_outlook_change", args=[copy.pk])
    assert (copy.year, copy.status, copy.profession) == (
        2027,
        PublicationStatus.DRAFT,
        source.profession,
    )
    assert copy.standfirst == "Last year's standfirst."
    # Editors' other wordings and next steps for reports carry over with their rows.
    assert [(t.task, t.exposure, t.aliases) for t in copy.task_assessments.all()] == [
        ("Write production code", Exposure.MEDIUM, "Ship features"),
        ("Design systems", Exposure.LOW, ""),
    ]
    assert [(s.skill.name, s.verdict, s.next_step) for s in copy.skill_assessments.all()] == [
        ("Python", SkillVerdict.RESILIENT, "Own the design the scripts sit in.")
    ]
    assert list(copy.changes.all()) == []  # "What changed" starts empty
    assert list(copy.insights.all()) == []
    # Last year's page is untouched, and the copy's history starts with who made it.
    assert source.task_assessments.count() == 2
    first = Version.objects.get_for_object(copy).get()
    assert first.revision.user.username == "editor"
    assert "Started from the 2026 outlook" in first.revision.get_comment()


def test_an_issue_of_the_same_year_is_refused_with_a_reason(editor_client, source):
    same_year = IssueFactory(status=PublicationStatus.DRAFT)
    response = start_next(editor_client, source, same_year)
    assert response.status_code == 302
    listing = editor_client.get(response.url)
    assert "needs an issue from a later year" in listing.content.decode()
    assert not Outlook.objects.filter(issue=same_year).exists()


def test_a_published_issue_cannot_be_chosen(editor_client, source, next_issue):
    later = IssueFactory(publication_date=datetime.date(2027, 1, 1))
    response = start_next(editor_client, source, later)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Outlook.objects.filter(issue=later).exists()


def test_without_a_draft_issue_the_editor_is_told_to_add_one(editor_client, source):
    response = editor_client.post(
        reverse(CHANGELIST),
        {"action": "start_next_outlook", "_selected_action": [str(source.pk)]},
        follow=True,
    )
    assert "no draft issue" in response.content.decode()


def test_the_copy_shows_what_moved_and_offers_bullets_to_accept(editor_client, source, next_issue):
    start_next(editor_client, source, next_issue)
    copy = Outlook.objects.get(issue=next_issue)
    url = reverse("admin:outlook_outlook_change", args=[copy.pk])
    data = form_data(editor_client.get(url), "outlook_form")
    assert "accept_suggestions" not in data  # nothing differs yet
    data |= {
        "task_assessments-0-exposure": Exposure.HIGH,
        "skill_assessments-0-verdict": SkillVerdict.VULNERABLE,
    }
    assert editor_client.post(url, data).status_code == 302

    assert stored_counts_match_the_tasks()
    page = editor_client.get(url)
    html = page.content.decode()
    moved = "Write production code moved from medium to high AI exposure since 2026."
    switched = "Python is now vulnerable to AI, where in 2026 it was resilient."
    assert "Compared with the previous outlook" in html
    assert moved in html
    assert switched in html

    data = form_data(page, "outlook_form") | {"accept_suggestions": [moved]}
    assert editor_client.post(url, data).status_code == 302
    assert [c.text for c in copy.changes.all()] == [moved]
    # An accepted bullet is no longer offered; the other still is.
    html = editor_client.get(url).content.decode()
    assert f'value="{switched}"' in html
    assert f'value="{moved}"' not in html


def test_a_task_retyped_in_another_case_still_counts_as_moved(editor_client, source, next_issue):
    """The editors' suggestions match tasks as the readers' year comparison does."""
    start_next(editor_client, source, next_issue)
    copy = Outlook.objects.get(issue=next_issue)
    url = reverse("admin:outlook_outlook_change", args=[copy.pk])
    data = form_data(editor_client.get(url), "outlook_form") | {
        "task_assessments-0-task": "write  Production code",
        "task_assessments-0-exposure": Exposure.HIGH,
    }
    assert editor_client.post(url, data).status_code == 302

    html = editor_client.get(url).content.decode()
    assert "write  Production code moved from medium to high AI exposure since 2026." in html


def test_the_change_page_runs_a_fixed_number_of_queries(
    editor_client, source, next_issue, django_assert_max_num_queries
):
    start_next(editor_client, source, next_issue)
    copy = Outlook.objects.get(issue=next_issue)
    for i in range(EXTRA):
        TaskAssessmentFactory(outlook=copy, task=f"Extra task {i}", exposure=Exposure.HIGH)
        TaskAssessmentFactory(outlook=source, task=f"Extra task {i}", exposure=Exposure.LOW)
    # prevents N+1: comparing with last year reads each outlook's rows once, plus the writer
    # choice and one query per inline (co-authors and sources included); the count is the
    # same for 1 or 30 extra tasks.
    with django_assert_max_num_queries(39):
        response = editor_client.get(reverse("admin:outlook_outlook_change", args=[copy.pk]))
    assert f"Extra task {EXTRA - 1}" in response.content.decode()
