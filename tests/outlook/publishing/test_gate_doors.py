"""Every door of the admin that changes content, tried by those who may not and by an editor.

Contributors, signup reviewers and anonymous clients are refused on published content and on
someone else's draft: the outlook is unchanged and no audit entry is written. An editor's
allowed change through the same door writes exactly one.
"""

import pytest
import reversion
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from outlook.models import AuditEntry, Outlook, PublicationStatus, TaskAssessment
from outlook.publishing import gate
from outlook.publishing.revisions import register_models
from tests.factories import IssueFactory, ProfessionFactory, UserFactory
from tests.outlook.form_html import form_data
from tests.outlook.helpers import complete_outlook, staff_in

pytestmark = pytest.mark.django_db

register_models()


def state(outlook_id):
    """Everything a door could change about an outlook, rows included."""
    outlook = Outlook.objects.with_page_data().filter(pk=outlook_id).first()
    if outlook is None:
        return None
    return (
        outlook.status,
        outlook.go_live_at,
        outlook.writer_id,
        outlook.preview_generation,
        outlook.standfirst,
        [(t.pk, t.task, t.exposure, t.rationale) for t in outlook.task_assessments.all()],
        [(s.pk, s.verdict, s.rationale) for s in outlook.skill_assessments.all()],
        [c.text for c in outlook.changes.all()],
        [i.text for i in outlook.insights.all()],
    )


def with_revision(outlook, user=None):
    with reversion.create_revision():
        reversion.set_user(user)
        outlook.save()
    return Version.objects.get_for_object(outlook).first()


@pytest.fixture
def writer(contributor):
    return contributor


@pytest.fixture
def other_writer(db):
    return staff_in("Contributor", "olive")


@pytest.fixture
def published(writer):
    """A live outlook its contributor once wrote, with one old revision to go back to."""
    outlook = complete_outlook(status=PublicationStatus.PUBLISHED, writer=writer)
    outlook.old_version = with_revision(outlook, writer)
    outlook.standfirst = "The editors' fixed standfirst."
    outlook.save()
    return outlook


@pytest.fixture
def others_draft(other_writer):
    outlook = complete_outlook(
        status=PublicationStatus.DRAFT, writer=other_writer, profession__name="Other"
    )
    outlook.old_version = with_revision(outlook, other_writer)
    outlook.standfirst = "Olive's newer words."
    outlook.save()
    return outlook


def client_as(role, writer):
    client = Client()
    if role == "contributor":
        client.force_login(writer)
    elif role == "signup reviewer":
        client.force_login(staff_in("Signup reviewer", "rita"))
    return client


def editor_form(outlook, editor):
    client = Client()
    client.force_login(editor)
    url = reverse("admin:outlook_outlook_change", args=[outlook.pk])
    return form_data(client.get(url), "outlook_form")


def task_of(outlook):
    return outlook.task_assessments.first()


# Each door: (name, how to knock given (client, outlook, editor)).


def door_restore(client, outlook, editor):
    url = reverse("admin:outlook_outlook_revision", args=[outlook.pk, outlook.old_version.pk])
    return client.post(url)


def door_history_form(client, outlook, editor):
    # What reversion's old form view accepted: the revision's form, posted back.
    url = reverse("admin:outlook_outlook_revision", args=[outlook.pk, outlook.old_version.pk])
    return client.post(url, {**editor_form(outlook, editor), "standfirst": "Overwritten."})


def door_change_form(client, outlook, editor):
    data = editor_form(outlook, editor) | {"standfirst": "Rewritten by the wrong person."}
    return client.post(reverse("admin:outlook_outlook_change", args=[outlook.pk]), data)


def door_inline(client, outlook, editor):
    data = editor_form(outlook, editor) | {"task_assessments-0-rationale": "Changed inline."}
    return client.post(reverse("admin:outlook_outlook_change", args=[outlook.pk]), data)


def door_workflow_button(client, outlook, editor):
    data = editor_form(outlook, editor) | {"_workflow": "unpublish"}
    return client.post(reverse("admin:outlook_outlook_change", args=[outlook.pk]), data)


def door_delete(client, outlook, editor):
    url = reverse("admin:outlook_outlook_delete", args=[outlook.pk])
    return client.post(url, {"post": "yes"})


def door_bulk_delete(client, outlook, editor):
    return client.post(
        reverse("admin:outlook_outlook_changelist"),
        {"action": "delete_selected", "_selected_action": [outlook.pk], "post": "yes"},
    )


def door_task_admin_change(client, outlook, editor):
    task = task_of(outlook)
    data = {
        "outlook": outlook.pk,
        "position": 0,
        "task": "Hijacked",
        "exposure": "low",
        "rationale": "x",
    }
    return client.post(reverse("admin:outlook_taskassessment_change", args=[task.pk]), data)


def door_task_admin_add(client, outlook, editor):
    data = {
        "outlook": outlook.pk,
        "position": 9,
        "task": "Added",
        "exposure": "low",
        "rationale": "x",
    }
    return client.post(reverse("admin:outlook_taskassessment_add"), data)


def door_row_admin_delete(client, outlook, editor):
    skill = outlook.skill_assessments.first()
    url = reverse("admin:outlook_skillassessment_delete", args=[skill.pk])
    return client.post(url, {"post": "yes"})


def door_row_admin_bulk_delete(client, outlook, editor):
    return client.post(
        reverse("admin:outlook_taskassessment_changelist"),
        {"action": "delete_selected", "_selected_action": [task_of(outlook).pk], "post": "yes"},
    )


def door_revoke_links(client, outlook, editor):
    url = reverse("admin:outlook_outlook_workflow", args=[outlook.pk, "revoke-links"])
    return client.post(url)


DOORS = [
    door_restore,
    door_history_form,
    door_change_form,
    door_inline,
    door_workflow_button,
    door_delete,
    door_bulk_delete,
    door_task_admin_change,
    door_task_admin_add,
    door_row_admin_delete,
    door_row_admin_bulk_delete,
    door_revoke_links,
]


@pytest.mark.parametrize("door", DOORS, ids=lambda door: door.__name__[5:])
@pytest.mark.parametrize("role", ["contributor", "signup reviewer", "anonymous"])
@pytest.mark.parametrize("target", ["published", "others_draft"])
def test_those_who_may_not_are_refused_at_every_door(request, door, role, target, writer, editor):
    outlook = request.getfixturevalue(target)
    before, tasks = state(outlook.pk), TaskAssessment.objects.count()
    audit = AuditEntry.objects.count()
    response = door(client_as(role, writer), outlook, editor)
    assert response.status_code in (200, 302, 400, 403, 404, 409)
    if role == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert state(outlook.pk) == before
    assert TaskAssessment.objects.count() == tasks
    assert AuditEntry.objects.count() == audit


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


class TestAnEditorsAllowedChangeIsAuditedOnce:
    def test_an_edit_through_the_form_and_its_inlines(self, published, editor):
        data = editor_form(published, editor) | {
            "standfirst": "A clearer standfirst.",
            "task_assessments-0-rationale": "Better said.",
        }
        url = reverse("admin:outlook_outlook_change", args=[published.pk])
        assert logged_in(editor).post(url, data).status_code == 302
        entry = AuditEntry.objects.get()
        assert (entry.action, entry.actor, entry.outlook) == ("edited", editor, published)
        assert (entry.from_state, entry.to_state) == ("published", "published")
        assert "Standfirst" in entry.comment and "task assessments" in entry.comment

    def test_a_restore(self, published, editor):
        assert door_restore(logged_in(editor), published, editor).status_code == 302
        entry = AuditEntry.objects.get()
        assert entry.action == "restored"
        assert str(published.old_version.pk) in entry.comment

    def test_a_delete_of_a_draft(self, others_draft, editor):
        assert door_delete(logged_in(editor), others_draft, editor).status_code == 302
        assert state(others_draft.pk) is None
        entry = AuditEntry.objects.get()
        assert (entry.action, entry.from_state, entry.to_state) == ("deleted", "draft", "deleted")
        assert "1 task(s)" in entry.comment

    def test_a_bulk_delete_of_a_draft(self, others_draft, editor):
        assert door_bulk_delete(logged_in(editor), others_draft, editor).status_code == 302
        assert state(others_draft.pk) is None
        assert AuditEntry.objects.get().action == "deleted"

    def test_a_step_button_with_no_edits(self, published, editor):
        assert door_workflow_button(logged_in(editor), published, editor).status_code == 302
        entry = AuditEntry.objects.get()
        assert (entry.action, entry.from_state, entry.to_state) == (
            "unpublished",
            "published",
            "draft",
        )

    def test_a_revocation_of_preview_links(self, published, editor):
        assert door_revoke_links(logged_in(editor), published, editor).status_code == 302
        assert AuditEntry.objects.get().action == "links_revoked"

    def test_the_row_admins_are_read_only_even_for_editors(self, published, editor):
        client = logged_in(editor)
        before = state(published.pk)
        for door in (door_task_admin_change, door_task_admin_add, door_row_admin_delete):
            assert door(client, published, editor).status_code == 403
        door_row_admin_bulk_delete(client, published, editor)
        assert state(published.pk) == before
        assert not AuditEntry.objects.exists()
        listing = client.get(reverse("admin:outlook_taskassessment_changelist"))
        assert listing.status_code == 200
        assert reverse("admin:outlook_outlook_change", args=[published.pk]) in listing.text


class TestRecover:
    @pytest.fixture
    def deleted(self, editor):
        outlook = complete_outlook(status=PublicationStatus.DRAFT, writer=editor)
        with_revision(outlook, editor)
        outlook_id = outlook.pk
        gate.delete(obj=outlook, user=editor)
        AuditEntry.objects.all().delete()  # only what the recovery writes counts below
        return outlook_id, gate.deleted_version(
            Version.objects.get_deleted(Outlook).get(object_id=outlook_id).pk
        )

    def url(self, version):
        return reverse("admin:outlook_outlook_recover", args=[version.pk])

    @pytest.mark.parametrize("role", ["contributor", "signup reviewer", "anonymous"])
    def test_is_refused_to_those_who_may_not(self, deleted, role, writer, editor):
        outlook_id, version = deleted
        response = client_as(role, writer).post(self.url(version))
        assert response.status_code in (302, 403)
        assert state(outlook_id) is None
        assert not AuditEntry.objects.exists()

    def test_brings_a_published_outlook_back_as_a_draft_once_confirmed(self, editor):
        outlook = complete_outlook(status=PublicationStatus.PUBLISHED, writer=editor)
        with_revision(outlook, editor)
        outlook_id = outlook.pk
        Outlook.objects.filter(pk=outlook_id).update(status=PublicationStatus.DRAFT)
        gate.delete(obj=Outlook.objects.get(pk=outlook_id), user=editor)
        version = Version.objects.get_deleted(Outlook).get(object_id=outlook_id)
        client = logged_in(editor)
        confirm = client.get(self.url(version))
        assert confirm.status_code == 200
        assert "comes back as a <strong>draft</strong>" in confirm.text
        assert state(outlook_id) is None
        assert client.post(self.url(version)).status_code == 302
        recovered = Outlook.objects.get(pk=outlook_id)
        assert recovered.status == PublicationStatus.DRAFT
        assert recovered.go_live_at is None
        assert recovered.task_assessments.count() == 1
        entry = AuditEntry.objects.filter(action="recovered").get()
        assert (entry.from_state, entry.to_state) == ("deleted", "draft")

    def test_a_row_version_or_a_live_outlooks_version_is_a_404(self, deleted, editor):
        live = complete_outlook(status=PublicationStatus.PUBLISHED, profession__name="Live")
        live_version = with_revision(live, editor)
        row_version = Version.objects.get_for_model(TaskAssessment).first()
        client = logged_in(editor)
        for version in (live_version, row_version):
            assert client.post(self.url(version)).status_code == 404
        assert live.__class__.objects.get(pk=live.pk).status == PublicationStatus.PUBLISHED
        assert not AuditEntry.objects.exists()


class TestCatalogueAndIssues:
    @pytest.mark.parametrize("role", ["contributor", "signup reviewer", "anonymous"])
    def test_the_catalogue_and_issues_refuse_those_who_may_not(self, role, writer):
        profession = ProfessionFactory(name="Welder")
        issue = IssueFactory(title="2026 Outlook")
        client = client_as(role, writer)
        client.post(
            reverse("admin:professions_profession_change", args=[profession.pk]),
            {"name": "Renamed", "slug": "renamed", "category": profession.category_id},
        )
        client.post(reverse("admin:outlook_issue_delete", args=[issue.pk]), {"post": "yes"})
        profession.refresh_from_db()
        issue.refresh_from_db()
        assert profession.name == "Welder"
        assert issue.title == "2026 Outlook"
        assert not AuditEntry.objects.exists()

    def test_an_editor_edits_a_profession_with_one_audit_entry(self, editor):
        profession = ProfessionFactory(name="Welder")
        client = logged_in(editor)
        url = reverse("admin:professions_profession_change", args=[profession.pk])
        data = form_data(client.get(url), "profession_form") | {"name": "Master welder"}
        assert client.post(url, data).status_code == 302
        entry = AuditEntry.objects.get()
        assert (entry.action, entry.subject) == ("edited", "Profession: Master welder")

    def test_a_published_issue_is_not_deleted_unpublish_first(self, editor):
        issue = IssueFactory(status=PublicationStatus.PUBLISHED)
        response = logged_in(editor).post(
            reverse("admin:outlook_issue_delete", args=[issue.pk]), {"post": "yes"}
        )
        assert response.status_code == 409
        assert "unpublish it first" in response.text
        assert issue.__class__.objects.filter(pk=issue.pk).exists()
        assert not AuditEntry.objects.exists()


def test_a_published_outlook_is_not_deleted_even_by_an_editor(published, editor):
    client = logged_in(editor)
    response = door_delete(client, published, editor)
    assert response.status_code == 409
    assert "unpublish it first" in response.text
    bulk = door_bulk_delete(client, published, editor)
    assert "unpublish it first" in bulk.text
    assert state(published.pk) is not None
    assert not AuditEntry.objects.exists()


def test_a_superuser_is_refused_deleting_a_published_outlook_too(published):
    client = logged_in(UserFactory(username="root", is_staff=True, is_superuser=True))
    assert door_delete(client, published, None).status_code == 409
