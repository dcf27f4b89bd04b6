"""Lists show each entry's exposure; the navigation shows where the reader is; ties show."""

import datetime
import re

import pytest

from outlook.models import Exposure, PublicationStatus, SkillVerdict
from tests.factories import (
    IssueFactory,
    OutlookFactory,
    ProfessionFactory,
    SkillAssessmentFactory,
    SkillFactory,
    TaskAssessmentFactory,
)

pytestmark = pytest.mark.django_db


def outlook_scoring(index_levels, **kwargs):
    outlook = OutlookFactory(**kwargs)
    for level in index_levels:
        TaskAssessmentFactory(outlook=outlook, exposure=level)
    return outlook


def test_the_directory_shows_each_professions_latest_published_index(client):
    profession = ProfessionFactory(name="Backend Developer")
    outlook_scoring(
        [Exposure.LOW],
        profession=profession,
        issue=IssueFactory(publication_date=datetime.date(2025, 4, 1)),
    )
    outlook_scoring([Exposure.HIGH, Exposure.MEDIUM], profession=profession)
    outlook_scoring(
        [Exposure.HIGH],
        profession=profession,
        year=2027,
        status=PublicationStatus.DRAFT,
    )
    html = client.get("/professions/").content.decode()
    assert "Exposure index <strong>75</strong> in 2026" in html


def test_the_skill_list_shows_how_often_each_skill_is_vulnerable_and_resilient(client):
    python = SkillFactory(name="Python")
    for verdict in (SkillVerdict.VULNERABLE, SkillVerdict.VULNERABLE, SkillVerdict.RESILIENT):
        SkillAssessmentFactory(skill=python, verdict=verdict)
    SkillAssessmentFactory(
        skill=python,
        verdict=SkillVerdict.RESILIENT,
        outlook=OutlookFactory(status=PublicationStatus.DRAFT),
    )
    html = client.get("/skills/").content.decode()
    item = html[html.index(">Python<") :]
    item = item[: item.index("</li>")]
    assert "2 vulnerable" in item and "1 resilient" in item


def test_the_skill_page_charts_verdicts_issue_by_issue(client):
    sql = SkillFactory(name="SQL")
    older = IssueFactory(title="2025 Outlook", publication_date=datetime.date(2025, 4, 1))
    newer = IssueFactory(title="2026 Outlook")
    SkillAssessmentFactory(skill=sql, outlook=OutlookFactory(issue=older))
    for verdict in (SkillVerdict.VULNERABLE, SkillVerdict.RESILIENT, SkillVerdict.RESILIENT):
        SkillAssessmentFactory(skill=sql, verdict=verdict, outlook=OutlookFactory(issue=newer))
    html = client.get(sql.get_absolute_url()).content.decode()
    assert (
        "<strong>2026 Outlook:</strong> Vulnerable 1 outlook (33%) · Resilient 2 outlooks (67%)"
        in html
    )
    assert "<strong>2025 Outlook:</strong> Vulnerable 1 outlook (100%)" in html
    assert html.index("2026 Outlook:</strong>") < html.index("2025 Outlook:</strong>")
    assert "Vulnerable in 2 outlooks" in html and "Resilient in 2 outlooks" in html


def test_the_profession_page_charts_the_index_year_by_year(client):
    profession = ProfessionFactory()
    for year, levels in ((2024, [Exposure.LOW]), (2025, [Exposure.MEDIUM, Exposure.LOW])):
        outlook_scoring(
            levels,
            profession=profession,
            issue=IssueFactory(publication_date=datetime.date(year, 4, 1)),
        )
    html = client.get(profession.get_absolute_url()).content.decode()
    description = re.search(r'<desc id="index-by-year-desc">(.*?)</desc>', html).group(1)
    assert description.endswith("2024: 0; 2025: 25.")


def test_tied_professions_share_a_rank_shown_with_an_equals_sign(client):
    issue = IssueFactory()
    for name, level in (("Alpha", Exposure.HIGH), ("Beta", Exposure.MEDIUM)):
        outlook_scoring([level], issue=issue, profession__name=name)
    outlook_scoring([Exposure.MEDIUM], issue=issue, profession__name="Gamma")
    html = client.get(issue.get_absolute_url()).content.decode()
    ranks = re.findall(r'<td data-label="Rank">([^<]*)</td>', html)
    assert ranks == ["1", "=2", "=2"]


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/professions/", ("Professions", "page")),
        ("/skills/", ("Skills", "page")),
        ("/issues/", ("Issues", "page")),
    ],
)
def test_the_main_navigation_marks_the_section_page(client, path, current):
    OutlookFactory()
    nav = client.get(path).content.decode().split('aria-label="Main"')[1].split("</nav>")[0]
    marked = re.findall(r'aria-current="(\w+)">(\w+)<', nav)
    assert marked == [(current[1], current[0])]


def test_pages_inside_a_section_mark_it_and_the_home_page_marks_none(client):
    outlook = OutlookFactory()
    SkillAssessmentFactory(outlook=outlook)

    def marked(url):
        html = client.get(url).content.decode()
        nav = html.split('aria-label="Main"')[1].split("</nav>")[0]
        return re.findall(r'aria-current="(\w+)">(\w+)<', nav)

    assert marked(outlook.profession.get_absolute_url()) == [("true", "Professions")]
    assert marked(outlook.get_absolute_url()) == [("true", "Issues")]
    assert marked(outlook.skill_assessments.get().skill.get_absolute_url()) == [("true", "Skills")]
    assert marked("/") == []
