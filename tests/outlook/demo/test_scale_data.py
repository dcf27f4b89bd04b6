"""The scale-data command, at a tiny size."""

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from accounts.models import REVIEW_STATUSES, Signup, SignupStatus
from outlook.models import Insight, Issue, Outlook, SkillAssessment, TaskAssessment, WhatChanged
from outlook.publishing import content_keys
from outlook.web import key_versions
from professions.models import Category, Profession, Skill
from tests.factories import ProfessionFactory
from tests.outlook.helpers import stored_counts_match_the_tasks

pytestmark = pytest.mark.django_db

TINY = {"professions": 6, "issues": 3, "outlooks": 15, "skills": 12, "signups": 40}


def test_it_generates_the_requested_sizes(django_capture_on_commit_callbacks, capsys):
    site = key_versions.soft_name(content_keys.SITE)
    before = cache.get(site, 0)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("generate_scale_data", tasks_per_outlook=4, skills_per_outlook=3, **TINY)

    assert Profession.objects.count() == 6
    assert Skill.objects.count() == 12
    assert Issue.objects.count() == 3
    assert Outlook.objects.count() == 15
    assert TaskAssessment.objects.count() == 15 * 4
    assert SkillAssessment.objects.count() == 15 * 3
    assert WhatChanged.objects.count() == 15 * 3
    assert Insight.objects.count() == 15 * 2
    assert stored_counts_match_the_tasks()
    # Bulk inserts send no signals; the command itself makes cached pages stale.
    assert cache.get(site) > before
    assert "15 outlooks" in capsys.readouterr().out


def test_the_data_makes_real_pages(client):
    call_command("generate_scale_data", **TINY)
    issues = list(Issue.objects.order_by("publication_date"))
    assert [issue.year for issue in issues] == list(range(issues[0].year, issues[0].year + 3))
    # Every profession has at most one outlook a year, as the public URL needs.
    for outlook in Outlook.objects.select_related("profession"):
        assert outlook.year == Issue.objects.get(pk=outlook.issue_id).year
    outlook = Outlook.objects.published().with_page_data().first()
    response = client.get(outlook.get_absolute_url())
    assert response.status_code == 200
    assert outlook.headline in response.content.decode()
    assert len(outlook.task_assessments.all()) == 6


def test_the_same_seed_gives_the_same_data():
    call_command("generate_scale_data", seed=7, **TINY)
    first = list(Profession.objects.order_by("pk").values_list("name", "category__name"))
    for model in (Signup, Outlook, Issue, Profession, Category, Skill):
        model.objects.all().delete()
    call_command("generate_scale_data", seed=7, **TINY)
    assert list(Profession.objects.order_by("pk").values_list("name", "category__name")) == first


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"professions": 2, "issues": 2, "outlooks": 5}, "at most one outlook per issue"),
        ({"outlooks": 0}, "--outlooks must be at least 1"),
        ({"skills": 2, "skills_per_outlook": 3}, "distinct skills"),
        ({"tasks_per_outlook": 500}, "distinct tasks per outlook"),
    ],
)
def test_impossible_sizes_are_refused_before_writing(options, message):
    with pytest.raises(CommandError, match=message):
        call_command("generate_scale_data", **(TINY | options))
    assert not Profession.objects.exists()


def test_it_refuses_a_database_with_content():
    ProfessionFactory()
    with pytest.raises(CommandError, match="already has content"):
        call_command("generate_scale_data", **TINY)
    assert Profession.objects.count() == 1


def test_signups_are_valid_varied_and_can_be_added_later():
    call_command("generate_scale_data", **TINY)
    assert Signup.objects.count() == 40
    call_command("generate_scale_data", signups_only=True, signups=60, seed=3)
    signups = list(Signup.objects.all())
    assert len(signups) == 100
    # Every row passes the model's own validation, constraints included.
    for signup in signups:
        signup.full_clean()
    assert len({(s.email, s.profession_id) for s in signups}) == 100
    statuses = {s.status for s in signups}
    assert {SignupStatus.NEW, SignupStatus.REPORT_SENT} <= statuses
    assert any(s.confirmed_at is None for s in signups)
    assert all(s.confirmed_at for s in signups if s.status in REVIEW_STATUSES)
    assert all(s.report_sent_at for s in signups if s.status == SignupStatus.REPORT_SENT)


def test_signups_only_needs_a_catalogue():
    with pytest.raises(CommandError, match="generate the catalogue first"):
        call_command("generate_scale_data", signups_only=True, signups=5)
    assert not Signup.objects.exists()


@pytest.mark.postgresql
def test_the_planner_knows_the_new_row_counts_at_once():
    """Without fresh statistics PostgreSQL plans for empty tables and sorts what it could walk."""
    from django.db import connection

    call_command("generate_scale_data", **TINY)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples FROM pg_class WHERE relname = ANY(%s)",
            [["outlook_outlook", "outlook_taskassessment", "accounts_signup"]],
        )
        estimates = dict(cursor.fetchall())
    assert estimates == {
        "outlook_outlook": 15,
        "outlook_taskassessment": TaskAssessment.objects.count(),
        "accounts_signup": 40,
    }
