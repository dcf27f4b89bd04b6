import pytest
from django.urls import reverse

from outlook.models import Outlook, PublicationStatus
from tests.factories import (
    IssueFactory,
    OutlookFactory,
    ProfessionFactory,
    SkillFactory,
    TaskAssessmentFactory,
)

pytestmark = pytest.mark.django_db

INLINE_PREFIXES = (
    "changes",
    "task_assessments",
    "skill_assessments",
    "insights",
    "bylines",
    "sources",
)


def management_data(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def outlook_form_data(issue, profession, skills, **overrides) -> dict:
    data = {
        "issue": str(issue.pk),
        "profession": str(profession.pk),
        "year": "",
        "status": PublicationStatus.PUBLISHED,
        "verdict": "No: AI drafts the code, people still decide what to build.",
        "standfirst": "How exposed the work is, task by task.",
        "body": "Some **analysis**.",
        **management_data("changes", 1),
        "changes-0-position": "0",
        "changes-0-text": "Assistants became standard tooling.",
        **management_data("task_assessments", 2),
        "task_assessments-0-position": "0",
        "task_assessments-0-task": "Write production code",
        "task_assessments-0-exposure": "high",
        "task_assessments-0-rationale": "Models draft code quickly.",
        "task_assessments-1-position": "1",
        "task_assessments-1-task": "Design systems",
        "task_assessments-1-exposure": "low",
        "task_assessments-1-rationale": "Needs context and judgement.",
        **management_data("skill_assessments", len(skills)),
        **management_data("insights", 1),
        "insights-0-position": "0",
        "insights-0-text": "Judging code matters more than typing it.",
        **management_data("bylines", 0),
        **management_data("sources", 0),
    }
    for i, skill in enumerate(skills):
        data |= {
            f"skill_assessments-{i}-position": str(i),
            f"skill_assessments-{i}-skill": str(skill.pk),
            f"skill_assessments-{i}-verdict": "vulnerable" if i == 0 else "resilient",
            f"skill_assessments-{i}-rationale": f"Why skill {i}.",
        }
    return data | overrides


def test_the_add_page_has_every_inline_the_markdown_editor_and_autocomplete(admin_client):
    response = admin_client.get(reverse("admin:outlook_outlook_add"))
    assert response.status_code == 200
    html = response.content.decode()
    for prefix in INLINE_PREFIXES:
        assert f'name="{prefix}-TOTAL_FORMS"' in html
    assert "markdownx-editor" in html
    assert 'data-markdownx-urls-path="/markdownx/markdownify/"' in html
    assert "admin-autocomplete" in html


def test_an_editor_adds_a_complete_outlook_through_the_admin(admin_client):
    issue = IssueFactory()
    profession = ProfessionFactory(name="Backend Developer", slug="backend-developer")
    skills = [SkillFactory(name="Python"), SkillFactory(name="System design")]
    response = admin_client.post(
        reverse("admin:outlook_outlook_add"), outlook_form_data(issue, profession, skills)
    )
    assert response.status_code == 302, response.context["errors"]
    outlook = Outlook.objects.get()
    assert outlook.year == issue.year
    assert [c.text for c in outlook.changes.all()] == ["Assistants became standard tooling."]
    assert [(t.task, t.exposure) for t in outlook.task_assessments.all()] == [
        ("Write production code", "high"),
        ("Design systems", "low"),
    ]
    assert [(s.skill.name, s.verdict) for s in outlook.skill_assessments.all()] == [
        ("Python", "vulnerable"),
        ("System design", "resilient"),
    ]
    assert outlook.insights.count() == 1
    assert (outlook.high_count, outlook.medium_count, outlook.low_count) == (1, 0, 1)
    page = admin_client.get(outlook.get_absolute_url())
    assert "Will AI Replace Backend Developer in 2026?" in page.content.decode()


def test_the_admin_explains_a_duplicate_profession_in_an_issue(admin_client):
    existing = OutlookFactory()
    response = admin_client.post(
        reverse("admin:outlook_outlook_add"),
        outlook_form_data(existing.issue, existing.profession, [SkillFactory()]),
    )
    assert response.status_code == 200
    assert "already has an outlook for this profession" in response.content.decode()
    assert Outlook.objects.count() == 1


def test_the_admin_refuses_a_task_without_an_exposure(admin_client):
    data = outlook_form_data(IssueFactory(), ProfessionFactory(), [SkillFactory()])
    data["task_assessments-0-exposure"] = ""
    response = admin_client.post(reverse("admin:outlook_outlook_add"), data)
    assert response.status_code == 200
    assert Outlook.objects.count() == 0


def test_the_change_page_links_to_the_public_page(admin_client):
    outlook = OutlookFactory()
    response = admin_client.get(reverse("admin:outlook_outlook_change", args=[outlook.pk]))
    view_on_site = reverse(
        "admin:view_on_site", args=[response.context["content_type_id"], outlook.pk]
    )
    assert view_on_site in response.content.decode()
    assert admin_client.get(view_on_site).url.endswith(outlook.get_absolute_url())


@pytest.mark.parametrize(
    "model",
    [
        "outlook/issue",
        "outlook/outlook",
        "outlook/taskassessment",
        "outlook/skillassessment",
        "outlook/whatchanged",
        "outlook/insight",
        "professions/profession",
        "professions/category",
        "professions/skill",
        "accounts/user",
    ],
)
def test_every_changelist_opens_with_its_search_and_filters(admin_client, model):
    TaskAssessmentFactory()
    response = admin_client.get(f"/admin/{model}/?q=a")
    assert response.status_code == 200


def test_the_skill_autocomplete_finds_a_skill(admin_client):
    SkillFactory(name="Python")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "pyth",
            "app_label": "outlook",
            "model_name": "skillassessment",
            "field_name": "skill",
        },
    )
    assert [result["text"] for result in response.json()["results"]] == ["Python"]
