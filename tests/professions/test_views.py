import datetime

import pytest

from outlook.models import Exposure, PublicationStatus, SkillVerdict
from tests.factories import (
    CategoryFactory,
    IssueFactory,
    OutlookFactory,
    ProfessionFactory,
    SkillAssessmentFactory,
    SkillFactory,
    TaskAssessmentFactory,
)

pytestmark = pytest.mark.django_db


def test_directory_lists_professions_a_to_z_with_a_category_filter(client):
    tech = CategoryFactory(name="Technology")
    health = CategoryFactory(name="Healthcare")
    for name, category in [("Radiologist", health), ("Backend Developer", tech), ("Analyst", tech)]:
        OutlookFactory(profession=ProfessionFactory(name=name, category=category))
    ProfessionFactory(name="Unpublished Job", category=tech)
    OutlookFactory(profession__name="Draft Job", status=PublicationStatus.DRAFT)
    html = client.get("/professions/").content.decode()
    assert html.index("Analyst") < html.index("Backend Developer") < html.index("Radiologist")
    assert 'id="letter-A"' in html and 'id="letter-R"' in html
    assert 'href="#letter-B"' in html
    assert "Unpublished Job" not in html and "Draft Job" not in html
    filtered = client.get("/professions/", {"category": "technology"}).content.decode()
    assert "Backend Developer" in filtered and "Radiologist" not in filtered
    assert '<link rel="canonical" href="http://testserver/professions/?category=technology">' in (
        filtered
    )


@pytest.mark.parametrize("category", ["nope", "%00", "a b", "empty"])
def test_directory_unknown_category_is_404(client, category):
    OutlookFactory()
    CategoryFactory(name="Empty")
    assert client.get(f"/professions/?category={category}").status_code == 404


def test_directory_paginates_with_bounded_queries(client, django_assert_max_num_queries):
    issue = IssueFactory()
    for i in range(65):
        OutlookFactory(issue=issue, profession__name=f"Job {i:03d}")
    # prevents N+1
    with django_assert_max_num_queries(4):
        response = client.get("/professions/")
    assert response.content.decode().count('<li class="directory__item">') == 60
    second = client.get("/professions/", {"page": 2}).content.decode()
    assert second.count('<li class="directory__item">') == 5
    assert client.get("/professions/", {"page": "abc"}).status_code == 404
    assert client.get("/professions/", {"page": "3"}).status_code == 404


def test_profession_page_shows_outlooks_across_years_and_exposure_moves(client):
    profession = ProfessionFactory(name="Backend Developer", slug="backend-developer")
    old = OutlookFactory(
        profession=profession,
        issue=IssueFactory(number=1, publication_date=datetime.date(2025, 4, 14)),
    )
    new = OutlookFactory(profession=profession, issue=IssueFactory(number=4))
    TaskAssessmentFactory(outlook=old, exposure=Exposure.LOW)
    TaskAssessmentFactory(outlook=new, exposure=Exposure.HIGH)
    OutlookFactory(
        profession=profession,
        issue=IssueFactory(number=7, publication_date=datetime.date(2027, 1, 1)),
        status=PublicationStatus.DRAFT,
    )
    html = client.get(profession.get_absolute_url()).content.decode()
    assert new.get_absolute_url() in html and old.get_absolute_url() in html
    assert "2027" not in html
    assert "▲ up 100" in html
    assert 'href="/professions/backend-developer/compare/2025/2026/"' in html
    assert 'href="/feeds/backend-developer/rss/"' in html


def test_profession_without_published_outlooks_is_404(client):
    draft = OutlookFactory(status=PublicationStatus.DRAFT)
    assert client.get(draft.profession.get_absolute_url()).status_code == 404
    assert client.get("/professions/no-such-job/").status_code == 404


def test_profession_page_with_many_outlooks_has_bounded_queries(
    client, django_assert_max_num_queries
):
    profession = ProfessionFactory()
    for year in range(2000, 2055):
        outlook = OutlookFactory(
            profession=profession,
            issue=IssueFactory(publication_date=datetime.date(year, 1, 1)),
        )
        TaskAssessmentFactory(outlook=outlook)
    # prevents N+1
    with django_assert_max_num_queries(3):
        response = client.get(profession.get_absolute_url())
    trend = response.content.decode().split('id="exposure-over-time"')[1].split("</table>")[0]
    assert trend.count('<th scope="row" data-label="Year">') == 55


def test_skill_page_lists_every_published_assessment(client):
    python = SkillFactory(name="Python", description="The programming language.")
    backend = OutlookFactory(profession__name="Backend Developer")
    analyst = OutlookFactory(profession__name="Data Analyst", issue=backend.issue)
    hidden = OutlookFactory(profession__name="Hidden Job", status=PublicationStatus.DRAFT)
    SkillAssessmentFactory(outlook=backend, skill=python, rationale="Generated quickly.")
    SkillAssessmentFactory(
        outlook=analyst, skill=python, verdict=SkillVerdict.RESILIENT, rationale="Glue code."
    )
    SkillAssessmentFactory(outlook=hidden, skill=python, rationale="Secret reason.")
    html = client.get(python.get_absolute_url()).content.decode()
    assert "Backend Developer, 2026" in html and "Generated quickly." in html
    assert 'verdict--resilient">Resilient<' in html and "Glue code." in html
    assert "Hidden Job" not in html and "Secret reason." not in html
    assert "Vulnerable in 1 outlook" in html and "Resilient in 1 outlook" in html


def test_skill_pages_404_when_unknown_or_only_in_drafts(client):
    only_draft = SkillFactory(name="Hidden")
    SkillAssessmentFactory(skill=only_draft, outlook=OutlookFactory(status=PublicationStatus.DRAFT))
    assert client.get(only_draft.get_absolute_url()).status_code == 404
    assert client.get("/skills/nothing/").status_code == 404


def test_skill_page_paginates_with_bounded_queries(client, django_assert_max_num_queries):
    skill = SkillFactory(name="SQL")
    issue = IssueFactory()
    for _ in range(55):
        SkillAssessmentFactory(skill=skill, outlook=OutlookFactory(issue=issue))
    # prevents N+1
    with django_assert_max_num_queries(5):
        response = client.get(skill.get_absolute_url())
    assert response.content.decode().count('<th scope="row" data-label="Outlook">') == 50
    assert client.get(skill.get_absolute_url(), {"page": "x"}).status_code == 404


def test_skill_list_has_bounded_queries(client, django_assert_max_num_queries):
    outlook = OutlookFactory()
    for _ in range(55):
        SkillAssessmentFactory(outlook=outlook)
    SkillAssessmentFactory(
        outlook=OutlookFactory(status=PublicationStatus.DRAFT), skill__name="Draft skill"
    )
    # prevents N+1
    with django_assert_max_num_queries(3):
        response = client.get("/skills/")
    html = response.content.decode()
    assert html.count("/skills/skill-") == 55
    assert "Draft skill" not in html


def test_outlook_pages_link_each_assessed_skill_to_its_page(client):
    outlook = OutlookFactory()
    SkillAssessmentFactory(outlook=outlook, skill=SkillFactory(name="Python"))
    html = client.get(outlook.get_absolute_url()).content.decode()
    assert '<a href="/skills/python/">Python</a>' in html
