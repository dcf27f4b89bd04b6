"""Revisions through the real admin: history, comparison, restore, and crossed saves."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from outlook.models import Exposure, Outlook, PublicationStatus, WhatChanged
from tests.factories import (
    InsightFactory,
    OutlookFactory,
    SkillAssessmentFactory,
    SkillFactory,
    TaskAssessmentFactory,
    UserFactory,
    WhatChangedFactory,
)
from tests.outlook.editors import content_editor
from tests.outlook.form_html import form_data
from tests.outlook.helpers import stored_counts_match_the_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def outlook():
    outlook = OutlookFactory(standfirst="Coding is changing fast for backend developers.")
    TaskAssessmentFactory(outlook=outlook, task="Write production code", exposure=Exposure.HIGH)
    TaskAssessmentFactory(outlook=outlook, task="Design systems", exposure=Exposure.LOW)
    SkillAssessmentFactory(outlook=outlook, skill=SkillFactory(name="Python"))
    WhatChangedFactory(outlook=outlook, text="Assistants became standard tooling.")
    InsightFactory(outlook=outlook, text="Judging code matters more than typing it.")
    return outlook


@pytest.fixture
def editor_client(client):
    client.force_login(content_editor())
    return client


def change_url(outlook):
    return reverse("admin:outlook_outlook_change", args=[outlook.pk])


def save_through_admin(client, outlook, **changes):
    data = form_data(client.get(change_url(outlook)), "outlook_form") | changes
    response = client.post(change_url(outlook), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    return response


def page_state(outlook):
    outlook = Outlook.objects.with_page_data().get(pk=outlook.pk)
    return {
        "standfirst": outlook.standfirst,
        "tasks": [(t.task, t.exposure) for t in outlook.task_assessments.all()],
        "skills": [(s.skill.name, s.verdict) for s in outlook.skill_assessments.all()],
        "changes": [c.text for c in outlook.changes.all()],
        "insights": [i.text for i in outlook.insights.all()],
    }


def edit_everything(client, outlook):
    """Second save: a task deleted, an exposure moved, a bullet reworded, an insight added."""
    save_through_admin(
        client,
        outlook,
        **{
            "standfirst": "Coding has changed for good.",
            "task_assessments-0-DELETE": "on",
            "task_assessments-1-exposure": Exposure.MEDIUM,
            "changes-0-text": "Assistants are everywhere now.",
            "insights-1-position": "1",
            "insights-1-text": "Reviewing is the new bottleneck.",
        },
    )


def test_every_admin_save_keeps_a_revision_with_its_author(editor_client, outlook):
    save_through_admin(editor_client, outlook)
    edit_everything(editor_client, outlook)
    versions = Version.objects.get_for_object(outlook)
    assert versions.count() == 2
    assert {v.revision.user.username for v in versions} == {"editor"}
    history = editor_client.get(reverse("admin:outlook_outlook_history", args=[outlook.pk]))
    html = history.content.decode()
    assert html.count('name="from"') == 2
    assert "editor" in html


def test_restoring_an_old_revision_brings_back_its_rows(editor_client, outlook):
    save_through_admin(editor_client, outlook)
    original = page_state(outlook)
    edit_everything(editor_client, outlook)
    edited = page_state(outlook)
    assert edited["tasks"] == [("Design systems", Exposure.MEDIUM)]
    assert edited["insights"][-1] == "Reviewing is the new bottleneck."

    first = Version.objects.get_for_object(outlook).order_by("pk").first()
    revision_url = reverse("admin:outlook_outlook_revision", args=[outlook.pk, first.pk])
    revision_page = editor_client.get(revision_url)
    assert revision_page.status_code == 200
    # Looking at an old revision changes nothing.
    assert page_state(outlook) == edited
    response = editor_client.post(revision_url, form_data(revision_page, "outlook_form"))
    assert response.status_code == 302, response.context and response.context["errors"]

    assert page_state(outlook) == original
    assert Version.objects.get_for_object(outlook).count() == 3
    assert stored_counts_match_the_tasks()


def test_two_revisions_compare_in_words(editor_client, outlook):
    save_through_admin(editor_client, outlook)
    edit_everything(editor_client, outlook)
    older, newer = Version.objects.get_for_object(outlook).order_by("pk")
    url = reverse("admin:outlook_outlook_compare", args=[outlook.pk])
    response = editor_client.get(url, {"from": older.pk, "to": newer.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Coding <del>is changing fast</del> <ins>has changed</ins> for" in html
    assert "Write production code" in html  # the deleted task
    assert "HIGH" in html
    assert "<del>LOW:</del> <ins>MEDIUM:</ins>" in html  # the moved exposure
    assert "Reviewing is the new bottleneck." in html


@pytest.mark.parametrize("query", [{}, {"from": "x", "to": "1"}, {"from": "3", "to": "3"}])
def test_a_malformed_comparison_is_a_400(editor_client, outlook, query):
    url = reverse("admin:outlook_outlook_compare", args=[outlook.pk])
    response = editor_client.get(url, query)
    assert response.status_code == 400
    assert b"revisions to compare" in response.content


def test_revisions_of_another_outlook_do_not_compare(editor_client, outlook):
    save_through_admin(editor_client, outlook)
    edit_everything(editor_client, outlook)
    other = OutlookFactory()
    older, newer = Version.objects.get_for_object(outlook)
    url = reverse("admin:outlook_outlook_compare", args=[other.pk])
    assert editor_client.get(url, {"from": older.pk, "to": newer.pk}).status_code == 404
    missing = reverse("admin:outlook_outlook_compare", args=[999999])
    assert editor_client.get(missing, {"from": older.pk, "to": newer.pk}).status_code == 404


def test_the_second_of_two_crossed_saves_is_told_and_keeps_its_input(outlook):
    first, second = Client(), Client()
    first.force_login(content_editor("first"))
    second.force_login(content_editor("second"))
    first_form = form_data(first.get(change_url(outlook)), "outlook_form")
    second_form = form_data(second.get(change_url(outlook)), "outlook_form")

    saved = first.post(change_url(outlook), first_form | {"standfirst": "First editor's words."})
    assert saved.status_code == 302

    refused = second.post(change_url(outlook), second_form | {"standfirst": "Second's words."})
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "was changed by first" in html
    assert "your edits are still in the form below" in html
    assert "Second&#x27;s words." in html
    outlook.refresh_from_db()
    assert outlook.standfirst == "First editor's words."

    # Having looked, the second editor saves again on purpose and their version wins.
    again = second.post(change_url(outlook), form_data(refused, "outlook_form"))
    assert again.status_code == 302
    outlook.refresh_from_db()
    assert outlook.standfirst == "Second's words."


def test_a_save_without_the_edit_token_is_refused(editor_client, outlook):
    data = form_data(editor_client.get(change_url(outlook)), "outlook_form")
    del data["edit_token"]
    response = editor_client.post(change_url(outlook), data)
    assert response.status_code == 200
    assert "after you opened it" in response.content.decode()


def test_the_history_page_runs_a_fixed_number_of_queries(
    editor_client, outlook, django_assert_max_num_queries
):
    save_through_admin(editor_client, outlook)
    edit_everything(editor_client, outlook)
    # prevents N+1: the revisions' users come with them.
    with django_assert_max_num_queries(12):
        response = editor_client.get(reverse("admin:outlook_outlook_history", args=[outlook.pk]))
    assert response.status_code == 200
    assert outlook.status == PublicationStatus.PUBLISHED


def test_restoring_an_old_revision_keeps_later_corrections(editor_client, outlook):
    save_through_admin(editor_client, outlook)
    save_through_admin(
        editor_client,
        outlook,
        **{
            "standfirst": "A corrected standfirst.",
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-created_at_0": "2026-05-03",
            "corrections-0-created_at_1": "12:00:00",
            "corrections-0-text": "The standfirst misstated the trend.",
        },
    )
    first = Version.objects.get_for_object(outlook).order_by("pk").first()
    revision_url = reverse("admin:outlook_outlook_revision", args=[outlook.pk, first.pk])
    response = editor_client.post(
        revision_url, form_data(editor_client.get(revision_url), "outlook_form")
    )
    assert response.status_code == 302
    outlook.refresh_from_db()
    assert outlook.standfirst == "Coding is changing fast for backend developers."
    assert [c.text for c in outlook.corrections.all()] == ["The standfirst misstated the trend."]


def test_staff_without_outlook_permissions_cannot_compare(client, outlook):
    client.force_login(UserFactory(username="reviewer", is_staff=True))
    url = reverse("admin:outlook_outlook_compare", args=[outlook.pk])
    assert client.get(url, {"from": "1", "to": "2"}).status_code == 403


rename_migration = importlib.import_module("outlook.migrations.0015_rename_change_to_whatchanged")


def test_revisions_saved_before_the_bullets_were_renamed_still_restore(editor_client, outlook):
    save_through_admin(editor_client, outlook)
    edit_everything(editor_client, outlook)
    first = Version.objects.get_for_object(outlook).order_by("pk").first()
    bullets = first.revision.version_set.filter(content_type__model="whatchanged")
    # Give the first revision's bullet the shape it was stored in while the model was `Change`.
    for version in bullets:
        version.serialized_data = version.serialized_data.replace(
            '"outlook.whatchanged"', '"outlook.change"'
        )
        version.save()
    assert bullets and all('"outlook.change"' in v.serialized_data for v in bullets.all())

    rename_migration.forwards(django_apps, None)

    assert all('"outlook.whatchanged"' in v.serialized_data for v in bullets.all())
    revision_url = reverse("admin:outlook_outlook_revision", args=[outlook.pk, first.pk])
    revision_page = editor_client.get(revision_url)
    assert revision_page.status_code == 200
    response = editor_client.post(revision_url, form_data(revision_page, "outlook_form"))
    assert response.status_code == 302
    assert [c.text for c in outlook.changes.all()] == ["Assistants became standard tooling."]


def test_groups_holding_a_permission_of_the_old_name_keep_it_under_the_new_one():
    content_type = ContentType.objects.get_for_model(WhatChanged)
    stale = Permission.objects.create(
        content_type=content_type, codename="view_change", name="Can view what changed"
    )
    group = Group.objects.create(name="Readers of bullets")
    group.permissions.add(stale)

    rename_migration.forwards(django_apps, None)

    assert not Permission.objects.filter(codename="view_change").exists()
    assert list(group.permissions.values_list("codename", flat=True)) == ["view_whatchanged"]
