"""The outlook page's related links: built once per issue or profession, refreshed by events."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from outlook.models import Issue, PublicationStatus
from outlook.publishing import edits
from outlook.publishing import workflow as services
from outlook.reading.related_links import outlook_url_builder
from professions.models import Profession
from tests.factories import CategoryFactory, IssueFactory, OutlookFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

NOON = datetime.datetime(2026, 4, 20, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def issue_pages():
    """Two outlooks of one category, and one of another that both list as another profession."""
    issue = IssueFactory()
    money = CategoryFactory(name="Money")
    first = OutlookFactory(issue=issue, profession__name="Tax Adviser", profession__category=money)
    second = OutlookFactory(issue=issue, profession__name="Auditor", profession__category=money)
    other = OutlookFactory(issue=issue, profession__name="Nurse", profession__category__name="Care")
    return first, second, other


def page(client, outlook) -> str:
    response = client.get(outlook.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def warm(client, issue):
    """Read the issue's page once: it starts its keys' versions, which a list is kept under."""
    assert client.get(issue.get_absolute_url()).status_code == 200


def test_pages_of_an_issue_share_its_link_lists(client, issue_pages):
    first, second, other = issue_pages
    warm(client, first.issue)
    assert "Nurse" in page(client, first)
    # A change no event announced: only a list built once and reused can hide it.
    Profession.objects.filter(pk=other.profession_id).update(name="Midwife")
    html = page(client, second)
    assert "Nurse" in html
    assert "Midwife" not in html


def test_a_later_page_of_the_issue_runs_fewer_queries(
    client, issue_pages, django_assert_max_num_queries
):
    first, second, _ = issue_pages
    third = OutlookFactory(issue=first.issue, profession__category=second.profession.category)
    warm(client, first.issue)
    page(client, first)
    # The issue's two lists come from the shared cache: two queries fewer than the first page.
    with django_assert_max_num_queries(10):
        page(client, third)


@pytest.mark.parametrize(
    ("change", "expected", "gone"),
    [
        (
            lambda outlook, user: edits.edit_fields(
                obj=Profession.objects.get(pk=outlook.profession_id), user=user, name="Midwife"
            ),
            "Midwife",
            "Nurse",
        ),
        (
            lambda outlook, user: services.unpublish(outlook=outlook, user=user),
            None,
            "Nurse",
        ),
    ],
    ids=["rename", "unpublish"],
)
def test_an_edit_through_the_gate_refreshes_the_lists_on_the_next_page(
    client, issue_pages, superuser, after_commit, change, expected, gone
):
    first, second, other = issue_pages
    assert gone in page(client, first)
    with after_commit():
        change(other, superuser)
    html = page(client, second)
    assert gone not in html
    if expected:
        assert expected in html


def test_an_issue_retitled_through_the_gate_refreshes_the_other_years_lists(
    client, issue_pages, superuser, after_commit
):
    first = issue_pages[0]
    earlier = OutlookFactory(
        profession=first.profession, year=first.year - 1, issue=IssueFactory(title="Last Year")
    )
    html = page(client, first)
    assert "Last Year</span>" in html
    assert f"Compare {earlier.year} with {first.year}" in html
    with after_commit():
        edits.edit_fields(
            obj=Issue.objects.get(pk=earlier.issue_id), user=superuser, title="The Old Issue"
        )
    assert "The Old Issue</span>" in page(client, first)


def test_a_draft_edit_leaves_the_shared_lists_alone(client, issue_pages, superuser, after_commit):
    first, second, _ = issue_pages
    draft = OutlookFactory(
        issue=first.issue, profession__name="Actuary", status=PublicationStatus.DRAFT
    )
    warm(client, first.issue)
    page(client, first)
    Profession.objects.filter(pk=second.profession_id).update(name="Silent Auditor")
    with after_commit():
        edits.edit_fields(obj=draft, user=superuser, standfirst="Readers never see this.")
    # The draft is not listed, and its edit did not rebuild the list (the silent rename stays).
    html = page(
        client, OutlookFactory(issue=first.issue, profession__category=first.profession.category)
    )
    assert "Actuary" not in html
    assert "Silent Auditor" not in html


def test_a_list_shows_an_outlook_going_live_at_its_moment(client, issue_pages):
    first, second, _ = issue_pages
    go_live = NOON + datetime.timedelta(minutes=10)
    OutlookFactory(
        issue=first.issue,
        profession__name="Payroll Clerk",
        status=PublicationStatus.SCHEDULED,
        go_live_at=go_live,
    )
    with time_machine.travel(NOON, tick=False) as clock:
        assert "Payroll Clerk" not in page(client, first)
        clock.move_to(go_live + datetime.timedelta(seconds=1))
        # No event: the list (and the page) were kept no later than the go-live.
        assert "Payroll Clerk" in page(client, second)


@pytest.mark.parametrize(("year", "slug"), [(2026, "tax-adviser"), (1, "a"), (12345, "x_1-2")])
def test_outlook_addresses_are_built_as_reverse_builds_them(year, slug):
    expected = reverse("outlook:detail", kwargs={"year": year, "slug": slug})
    assert outlook_url_builder()(year, slug) == expected
