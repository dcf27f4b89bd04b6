import datetime

import pytest
from django.urls import reverse

from outlook.models import Exposure, Outlook, PublicationStatus, SkillVerdict
from outlook.reading.comparison import compare_side_by_side, compare_years
from outlook.reading.views import CONTENTS_PER_PAGE
from tests.factories import (
    IssueFactory,
    OutlookFactory,
    ProfessionFactory,
    SkillAssessmentFactory,
    SkillFactory,
    TaskAssessmentFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_years():
    """A backend developer in 2025 and 2026: one task rose, one stayed, one new, one gone."""
    profession = ProfessionFactory(name="Backend Developer", slug="backend-developer")
    python = SkillFactory(name="Python")
    design = SkillFactory(name="System design")
    earlier = OutlookFactory(
        profession=profession,
        issue=IssueFactory(number=1, publication_date=datetime.date(2025, 4, 14)),
    )
    later = OutlookFactory(profession=profession, issue=IssueFactory(number=4))
    TaskAssessmentFactory(outlook=earlier, task="Write production code", exposure=Exposure.MEDIUM)
    TaskAssessmentFactory(outlook=earlier, task="Design systems", exposure=Exposure.LOW)
    TaskAssessmentFactory(outlook=earlier, task="Answer pagers", exposure=Exposure.LOW)
    # Matched by name whatever the case and spacing.
    TaskAssessmentFactory(outlook=later, task="write  production code", exposure=Exposure.HIGH)
    TaskAssessmentFactory(outlook=later, task="Design systems", exposure=Exposure.LOW)
    TaskAssessmentFactory(outlook=later, task="Review AI code", exposure=Exposure.MEDIUM)
    SkillAssessmentFactory(outlook=earlier, skill=python, verdict=SkillVerdict.RESILIENT)
    SkillAssessmentFactory(outlook=later, skill=python, verdict=SkillVerdict.VULNERABLE)
    SkillAssessmentFactory(outlook=earlier, skill=design, verdict=SkillVerdict.RESILIENT)
    SkillAssessmentFactory(outlook=later, skill=design, verdict=SkillVerdict.RESILIENT)
    return earlier, later


def page_data(outlook):
    return Outlook.objects.with_page_data().get(pk=outlook.pk)


def test_compare_years_matches_tasks_by_name_and_finds_moved_skills(two_years):
    earlier, later = map(page_data, two_years)
    comparison = compare_years(earlier=earlier, later=later)
    changed = comparison.changed_tasks
    assert [(c.name, c.before.exposure, c.after.exposure) for c in changed] == [
        ("write  production code", Exposure.MEDIUM, Exposure.HIGH)
    ]
    assert changed[0].direction == "up"
    assert {c.name: c.direction for c in comparison.other_tasks} == {
        "Design systems": "same",
        "Review AI code": "new",
        "Answer pagers": "dropped",
    }
    assert [m.after.skill.name for m in comparison.moved_skills] == ["Python"]
    assert comparison.index_change == 50 - 17


def test_compare_side_by_side_lines_up_skills():
    issue = IssueFactory()
    shared = SkillFactory(name="SQL")
    left = OutlookFactory(issue=issue, profession__name="Data Analyst")
    right = OutlookFactory(issue=issue, profession__name="Accountant")
    TaskAssessmentFactory(outlook=left, exposure=Exposure.HIGH)
    TaskAssessmentFactory(outlook=right, exposure=Exposure.LOW)
    SkillAssessmentFactory(outlook=left, skill=shared, verdict=SkillVerdict.VULNERABLE)
    SkillAssessmentFactory(outlook=right, skill=shared, verdict=SkillVerdict.RESILIENT)
    SkillAssessmentFactory(outlook=right, skill__name="Bookkeeping")
    comparison = compare_side_by_side(left=page_data(left), right=page_data(right))
    assert [p.name for p in comparison.skills] == ["Bookkeeping", "SQL"]
    assert [p.name for p in comparison.shared_skills] == ["SQL"]
    assert comparison.more_exposed.pk == left.pk
    assert comparison.less_exposed.pk == right.pk


def test_the_year_comparison_page_shows_a_changed_exposure(client, two_years):
    url = reverse(
        "professions:compare", kwargs={"slug": "backend-developer", "earlier": 2025, "later": 2026}
    )
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    changed = html[html.index('id="changed-tasks"') : html.index('id="other-tasks"')]
    assert "write  production code" in changed
    assert 'badge--medium">MEDIUM<' in changed and 'badge--high">HIGH<' in changed
    assert "More exposed" in changed
    moved = html[html.index('id="moved-skills"') :]
    assert "Python" in moved and "System design" not in moved


def test_reversed_years_redirect_to_the_canonical_comparison(client, two_years):
    response = client.get("/professions/backend-developer/compare/2026/2025/")
    assert response.status_code == 302
    assert response["Location"] == "/professions/backend-developer/compare/2025/2026/"


def test_the_year_form_redirects_to_the_comparison(client, two_years):
    response = client.get("/professions/backend-developer/compare/", {"from": "2026", "to": "2025"})
    assert response["Location"] == "/professions/backend-developer/compare/2025/2026/"


@pytest.mark.parametrize(
    "url",
    [
        "/professions/backend-developer/compare/2026/2026/",
        "/professions/backend-developer/compare/2024/2026/",
        "/professions/backend-developer/compare/1/99999999999/",
        "/professions/nobody/compare/2025/2026/",
        "/professions/backend-developer/compare/?from=2025&to=abc",
        "/professions/backend-developer/compare/?from=2025",
    ],
)
def test_bad_year_comparisons_are_404(client, two_years, url):
    assert client.get(url).status_code == 404


def test_a_draft_outlook_is_never_compared(client, two_years):
    earlier, _later = two_years
    earlier.status = PublicationStatus.DRAFT
    earlier.save()
    url = "/professions/backend-developer/compare/2025/2026/"
    assert client.get(url).status_code == 404


def test_side_by_side_page_and_its_form(client):
    issue = IssueFactory(volume=1, number=4)
    left = OutlookFactory(issue=issue, profession__name="Data Analyst")
    right = OutlookFactory(issue=issue, profession__name="Accountant")
    TaskAssessmentFactory(outlook=left, task="Write ad-hoc queries", exposure=Exposure.HIGH)
    TaskAssessmentFactory(outlook=right, task="Advise clients", exposure=Exposure.LOW)
    response = client.get("/issues/1/4/compare/", {"a": "accountant", "b": "data-analyst"})
    assert response["Location"] == "/issues/1/4/compare/accountant/data-analyst/"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Accountant vs Data Analyst" in html
    assert "Data Analyst is the more exposed to AI of the two (index 100 against 0)" in html
    assert "Write ad-hoc queries" in html and "Advise clients" in html


@pytest.mark.parametrize(
    "url",
    [
        "/issues/1/4/compare/data-analyst/data-analyst/",
        "/issues/1/4/compare/data-analyst/secret/",
        "/issues/1/4/compare/?a=data-analyst&b=%00",
        "/issues/1/4/compare/?a=data-analyst&b=secret",
        f"/issues/1/4/compare/?a=data-analyst&b={'x' * 201}",
        "/issues/2/4/compare/data-analyst/accountant/",
    ],
)
def test_bad_side_by_side_comparisons_are_404(client, url):
    issue = IssueFactory(volume=1, number=4)
    OutlookFactory(issue=issue, profession__name="Data Analyst")
    OutlookFactory(issue=issue, profession__name="Accountant")
    OutlookFactory(issue=issue, profession__name="Secret", status=PublicationStatus.DRAFT)
    assert client.get(url).status_code == 404


def test_comparison_pages_have_bounded_queries(client, django_assert_max_num_queries, two_years):
    earlier, later = two_years
    for i in range(55):
        TaskAssessmentFactory(outlook=earlier, task=f"Extra {i}", exposure=Exposure.LOW)
        TaskAssessmentFactory(outlook=later, task=f"Extra {i}", exposure=Exposure.HIGH)
        SkillAssessmentFactory(outlook=earlier)
        SkillAssessmentFactory(outlook=later)
    # prevents N+1
    with django_assert_max_num_queries(8):
        response = client.get("/professions/backend-developer/compare/2025/2026/")
    changed = response.content.decode().split('id="changed-tasks"')[1].split("</table>")[0]
    assert changed.count('<th scope="row" data-label="Task">') == 56
    other = OutlookFactory(issue=later.issue, profession__name="Analyst")
    url = reverse(
        "outlook:side_by_side",
        kwargs={
            "volume": 1,
            "number": 4,
            "left": "backend-developer",
            "right": other.profession.slug,
        },
    )
    # prevents N+1
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200


def compare_issue():
    issue = IssueFactory(volume=1, number=4)
    OutlookFactory(issue=issue, profession__name="Data Analyst")
    OutlookFactory(issue=issue, profession__name="Accountant")
    OutlookFactory(issue=issue, profession__name="Secret", status=PublicationStatus.DRAFT)
    return issue


def test_the_compare_form_takes_names_as_readers_type_them(client):
    compare_issue()
    response = client.get("/issues/1/4/compare/", {"a": " data analyst ", "b": "ACCOUNTANT"})
    assert response["Location"] == "/issues/1/4/compare/data-analyst/accountant/"


def test_the_compare_form_says_which_name_it_cannot_find(client):
    compare_issue()
    response = client.get("/issues/1/4/compare/", {"a": "Data Analyst", "b": "Secret"})
    assert response.status_code == 404
    html = response.content.decode()
    assert "This issue has no outlook for “Secret”. Check the spelling" in html
    assert 'name="a" type="text"' in html and 'value="Data Analyst"' in html
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"a": "data-analyst", "b": "Data Analyst"}, "Choose two different professions."),
        ({"a": "data-analyst"}, "Name two professions to compare."),
        ({"a": "  ", "b": "accountant"}, "Name two professions to compare."),
    ],
)
def test_an_incomplete_comparison_is_a_400_with_the_form_again(client, params, message):
    compare_issue()
    response = client.get("/issues/1/4/compare/", params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_small_issue_offers_its_professions_to_pick_a_large_one_asks_for_names(client):
    issue = compare_issue()
    html = client.get(issue.get_absolute_url()).content.decode()
    assert '<select id="compare-a" name="a">' in html
    assert '<option value="accountant" selected>Accountant</option>' in html
    for _ in range(CONTENTS_PER_PAGE - 1):
        OutlookFactory(issue=issue)
    html = client.get(issue.get_absolute_url()).content.decode()
    assert "<select" not in html and "<option" not in html
    assert '<input id="compare-a" name="a" type="text" required' in html
    assert "Type each profession's name as the contents list it, for example “" in html
