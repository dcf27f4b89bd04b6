import pytest
from django.urls import reverse

from outlook.models import Exposure, PublicationStatus, SkillVerdict
from tests.factories import (
    InsightFactory,
    OutlookFactory,
    ProfessionFactory,
    SkillAssessmentFactory,
    TaskAssessmentFactory,
    WhatChangedFactory,
)

pytestmark = pytest.mark.django_db


def build_full_outlook(tasks=3, skills=4, **kwargs):
    defaults = {
        "profession__name": "Backend Developer",
        "profession__slug": "backend-developer",
        "standfirst": "Where AI meets the server side.",
    }
    outlook = OutlookFactory(**(defaults | kwargs))
    WhatChangedFactory(outlook=outlook, text="Coding assistants became standard tooling.")
    exposures = [Exposure.HIGH, Exposure.LOW, Exposure.MEDIUM]
    for i in range(tasks):
        TaskAssessmentFactory(
            outlook=outlook, task=f"Task number {i}", exposure=exposures[i % 3], position=i
        )
    for i in range(skills):
        SkillAssessmentFactory(
            outlook=outlook,
            verdict=SkillVerdict.VULNERABLE if i % 2 == 0 else SkillVerdict.RESILIENT,
            rationale=f"Reason for skill {i}.",
        )
    InsightFactory(outlook=outlook, text="Judging code matters more than typing it.")
    return outlook


def sections_in_order(html: str, markers: list[str]) -> list[int]:
    """Return where each marker first appears in the article (the <title> comes earlier)."""
    article = html[html.index("<article") :]
    return [article.index(marker) for marker in markers]


def test_the_outlook_url_is_year_and_profession_slug():
    outlook = build_full_outlook()
    assert outlook.get_absolute_url() == "/2026/backend-developer/"


def test_a_published_outlook_shows_every_section_in_order(client):
    outlook = build_full_outlook()
    sibling = OutlookFactory(
        issue=outlook.issue,
        profession=ProfessionFactory(name="Data Analyst", category=outlook.profession.category),
    )
    other = OutlookFactory(issue=outlook.issue, profession__name="Radiologist")
    response = client.get(outlook.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    positions = sections_in_order(
        html,
        [
            "Vol. I",
            "2026 Outlook · ",
            "Will AI Replace Backend Developer in 2026?",
            "Where AI meets the server side.",
            "1 high-exposure task",
            "What Changed in 2026",
            "Task-by-Task AI Exposure",
            "Skills Analysis",
            "Key Insights",
            "Related Analyses for Backend Developer",
            "Other Professions",
        ],
    )
    assert positions == sorted(positions)
    assert 'class="badge badge--high">HIGH<' in html
    assert "Reason for skill 0." in html
    assert "Judging code matters more than typing it." in html
    assert "1 of 3 tasks face high AI exposure: Task number 0." in html
    assert sibling.get_absolute_url() in html
    assert other.get_absolute_url() in html


@pytest.mark.parametrize(
    "draft",
    [{"status": PublicationStatus.DRAFT}, {"issue__status": PublicationStatus.DRAFT}],
    ids=["draft outlook", "draft issue"],
)
def test_anything_unpublished_is_a_404_for_readers(client, draft):
    outlook = build_full_outlook(**draft)
    assert client.get(outlook.get_absolute_url()).status_code == 404


def test_content_staff_see_a_draft_with_a_banner(admin_client):
    outlook = build_full_outlook(status=PublicationStatus.DRAFT)
    response = admin_client.get(outlook.get_absolute_url())
    assert response.status_code == 200
    assert "Readers cannot see this outlook" in response.content.decode()


def test_drafts_are_not_linked_from_a_published_outlook(client):
    outlook = build_full_outlook()
    draft = OutlookFactory(issue=outlook.issue, status=PublicationStatus.DRAFT)
    html = client.get(outlook.get_absolute_url()).content.decode()
    assert draft.get_absolute_url() not in html


@pytest.mark.parametrize("path", ["/2026/no-such-profession/", "/1999/backend-developer/"])
def test_unknown_outlooks_are_a_404(client, path):
    build_full_outlook()
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/2026/%00/", "/2026/back%20end/", "/99999999999999999999/x/"])
def test_malformed_outlook_urls_are_a_404(client, path):
    assert client.get(path).status_code == 404


def test_the_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    # The issue's stored median is refreshed after commit, as when an editor publishes.
    with django_capture_on_commit_callbacks(execute=True):
        small = build_full_outlook(tasks=1, skills=1)
        large = build_full_outlook(
            tasks=40, skills=40, issue=small.issue, profession__name="Other", profession__slug="o"
        )
        OutlookFactory(profession=small.profession, year=small.year - 1)
    # prevents N+1: the same budget holds for 1 and 40 tasks and skills (3: the outlook with
    # every row kind, its co-authors, sources and the profession's other years inside its own
    # query, and the issue's two related-link lists, shared between pages when cached).
    for outlook in (small, large):
        with django_assert_max_num_queries(3):
            assert client.get(outlook.get_absolute_url()).status_code == 200


def test_home_lists_the_latest_published_issue(client):
    outlook = build_full_outlook()
    draft = OutlookFactory(issue=outlook.issue, status=PublicationStatus.DRAFT)
    response = client.get(reverse("outlook:home"))
    html = response.content.decode()
    assert outlook.issue.masthead_parts[0] in html
    assert outlook.get_absolute_url() in html
    assert draft.get_absolute_url() not in html


def test_the_page_links_the_professions_other_published_years_and_charts_the_previous_index(
    client,
):
    outlook = build_full_outlook(tasks=3)  # one high, one low, one medium: index 50
    profession = outlook.profession
    earlier = OutlookFactory(profession=profession, year=outlook.year - 2)
    TaskAssessmentFactory(outlook=earlier, exposure=Exposure.HIGH)
    TaskAssessmentFactory(outlook=earlier, exposure=Exposure.HIGH)
    # A draft of the year between: readers see neither its link nor its index.
    draft = OutlookFactory(profession=profession, year=outlook.year - 1, status="draft")
    TaskAssessmentFactory(outlook=draft, exposure=Exposure.LOW)

    html = client.get(outlook.get_absolute_url()).content.decode()

    assert f"Will AI Replace Backend Developer in {earlier.year}?" in html
    assert earlier.get_absolute_url() in html
    assert f"Compare {earlier.year} with {outlook.year}" in html
    assert draft.get_absolute_url() not in html
    # The chart's note sets this index (50) against the latest earlier published one (100).
    assert f"Since {earlier.year}:" in html
    assert "down 50" in html
    assert f"{earlier.year} outlook" in html
