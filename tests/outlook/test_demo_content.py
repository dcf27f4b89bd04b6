import pytest
from django.core.management import call_command

from outlook.models import Change, Insight, Issue, Outlook, SkillAssessment, TaskAssessment
from professions.models import Category, Profession, Skill
from tests.outlook.helpers import stored_counts_match_the_tasks

pytestmark = pytest.mark.django_db

MODELS = (Category, Profession, Skill, Issue, Outlook, Change, TaskAssessment, SkillAssessment)


def snapshot():
    return {model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in MODELS}


def test_demo_content_is_a_complete_published_issue():
    call_command("load_demo")
    issue = Issue.objects.published().get(volume=1, number=4)
    outlooks = Outlook.objects.published().filter(issue=issue).with_page_data()
    assert outlooks.count() >= 6
    assert len({outlook.profession.category_id for outlook in outlooks}) >= 3
    for outlook in outlooks:
        assert outlook.task_assessments.all(), outlook
        assert outlook.skill_assessments.all(), outlook
        assert outlook.changes.all(), outlook
        assert outlook.insights.all() or outlook.derived_insights, outlook
    assert stored_counts_match_the_tasks()


def test_running_the_demo_twice_changes_nothing():
    call_command("load_demo")
    before = snapshot()
    updated = list(Outlook.objects.order_by("pk").values_list("updated_at", flat=True))
    call_command("load_demo")
    assert snapshot() == before
    assert list(Outlook.objects.order_by("pk").values_list("updated_at", flat=True)) == updated
    assert Insight.objects.exists()


def test_every_demo_outlook_page_renders(client):
    call_command("load_demo")
    for outlook in Outlook.objects.select_related("profession"):
        assert client.get(outlook.get_absolute_url()).status_code == 200
