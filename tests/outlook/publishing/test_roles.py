"""Each editorial role through the real admin: what it can do, and its 403s and missing buttons."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from outlook.models import AuditEntry, PublicationStatus
from outlook.publishing import workflow
from tests.factories import IssueFactory, SkillFactory
from tests.outlook.helpers import complete_outlook

pytestmark = pytest.mark.django_db

CONTENT_ROWS = ("whatchanged", "taskassessment", "skillassessment", "insight")
CRUD = ("add", "change", "delete", "view")


def codenames(group: str) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=group).permissions.select_related("content_type")
    }


def test_the_contributor_group_has_exactly_its_permissions():
    assert codenames("Contributor") == {
        "outlook.add_outlook",
        "outlook.change_outlook",
        "outlook.view_outlook",
        *(f"outlook.{verb}_{model}" for model in CONTENT_ROWS for verb in CRUD),
        "outlook.view_issue",
        "professions.view_category",
        "professions.view_profession",
        "professions.view_skill",
        # They propose professions and skills (an editor approves them), never change one.
        "professions.add_profession",
        "professions.add_skill",
        # Bylines and sources: contributors list sources, editors add co-authors.
        *(f"outlook.{verb}_source" for verb in CRUD),
        "outlook.view_author",
        "outlook.view_outlookauthor",
    }


def test_the_editor_group_has_exactly_its_permissions():
    content = ("issue", "outlook", *CONTENT_ROWS)
    assert codenames("Editor") == {
        *(f"outlook.{verb}_{model}" for model in content for verb in CRUD),
        "outlook.publish_outlook",
        "outlook.publish_issue",
        "outlook.view_auditentry",
        "outlook.add_correction",
        "outlook.change_correction",
        "outlook.view_correction",
        *(f"professions.{verb}_{m}" for m in ("category", "profession", "skill") for verb in CRUD),
        *(f"outlook.{verb}_{m}" for m in ("author", "outlookauthor", "source") for verb in CRUD),
        "accounts.view_professionrequest",
        "accounts.delete_professionrequest",
    }


def change_page(client, obj):
    name = type(obj).__name__.lower()
    return client.get(reverse(f"admin:outlook_{name}_change", args=[obj.pk]))


def step(client, obj, name):
    model = type(obj).__name__.lower()
    return client.post(reverse(f"admin:outlook_{model}_workflow", args=[obj.pk, name]))


class TestContributor:
    def test_edits_a_draft_and_sees_only_the_submit_step(self, contributor_client, contributor):
        outlook = complete_outlook(writer=contributor)
        response = change_page(contributor_client, outlook)
        html = response.content.decode()
        assert response.status_code == 200
        assert 'name="_save"' in html
        assert 'data-step="submit"' in html
        for editor_step in ("publish", "schedule", "approve", "unpublish"):
            assert f'data-step="{editor_step}"' not in html

    @pytest.mark.parametrize(
        "status",
        [PublicationStatus.IN_REVIEW, PublicationStatus.SCHEDULED, PublicationStatus.PUBLISHED],
    )
    def test_cannot_edit_an_outlook_that_left_draft(self, contributor_client, status):
        outlook = complete_outlook(status=status)
        response = change_page(contributor_client, outlook)
        html = response.content.decode()
        assert response.status_code == 200
        assert 'name="_save"' not in html
        assert "No workflow step is open to you" in html
        url = reverse("admin:outlook_outlook_change", args=[outlook.pk])
        assert contributor_client.post(url, {"standfirst": "Changed"}).status_code == 403
        outlook.refresh_from_db()
        assert outlook.standfirst != "Changed"

    @pytest.mark.parametrize("name", ["publish", "schedule", "unpublish"])
    def test_gets_a_403_for_a_publishing_step(self, contributor_client, name):
        outlook = complete_outlook()
        assert step(contributor_client, outlook, name).status_code == 403
        outlook.refresh_from_db()
        assert outlook.status == PublicationStatus.DRAFT

    def test_gets_a_403_for_approving(self, contributor_client):
        outlook = complete_outlook(status=PublicationStatus.IN_REVIEW)
        assert step(contributor_client, outlook, "approve").status_code == 403

    def test_cannot_publish_or_change_an_issue(self, contributor_client):
        issue = IssueFactory(status=PublicationStatus.DRAFT)
        complete_outlook(status=PublicationStatus.IN_REVIEW, issue=issue)
        html = change_page(contributor_client, issue).content.decode()
        assert 'name="_save"' not in html
        assert 'data-step="publish"' not in html
        assert step(contributor_client, issue, "publish").status_code == 403
        assert contributor_client.get(reverse("admin:outlook_issue_add")).status_code == 403
        issue.refresh_from_db()
        assert issue.status == PublicationStatus.DRAFT

    def test_cannot_delete_outlooks_or_read_the_audit_log(self, contributor_client):
        outlook = complete_outlook()
        delete_url = reverse("admin:outlook_outlook_delete", args=[outlook.pk])
        assert contributor_client.get(delete_url).status_code == 403
        changelist = reverse("admin:outlook_auditentry_changelist")
        assert contributor_client.get(changelist).status_code == 403

    def test_may_propose_but_not_edit_the_catalogue(self, contributor_client):
        # Adding is proposing (test_catalogue_proposals.py); changing stays editors'.
        assert contributor_client.get(reverse("admin:professions_skill_add")).status_code == 200
        skill = SkillFactory()
        change = reverse("admin:professions_skill_change", args=[skill.pk])
        assert 'name="_save"' not in contributor_client.get(change).content.decode()
        assert contributor_client.post(change, {"name": "Renamed"}).status_code == 403
        assert contributor_client.get(reverse("admin:professions_category_add")).status_code == 403

    def test_may_preview_and_open_the_schedule(self, contributor_client):
        outlook = complete_outlook()
        preview = reverse("admin:outlook_outlook_preview", args=[outlook.pk])
        assert contributor_client.get(preview).status_code == 200
        assert contributor_client.get(reverse("admin:outlook_schedule")).status_code == 200


class TestEditor:
    def test_edits_a_published_outlook_and_may_unpublish_it(self, editor_client):
        outlook = complete_outlook(status=PublicationStatus.PUBLISHED)
        html = change_page(editor_client, outlook).content.decode()
        assert 'name="_save"' in html
        assert 'data-step="unpublish"' in html

    def test_reviews_with_approve_and_return(self, editor_client):
        outlook = complete_outlook(status=PublicationStatus.IN_REVIEW)
        html = change_page(editor_client, outlook).content.decode()
        assert 'data-step="approve"' in html
        assert 'data-step="return"' in html

    def test_manages_issues_and_the_catalogue(self, editor_client):
        issue = IssueFactory(status=PublicationStatus.DRAFT)
        assert editor_client.get(reverse("admin:outlook_issue_add")).status_code == 200
        assert 'data-step="publish"' in change_page(editor_client, issue).content.decode()
        assert editor_client.get(reverse("admin:professions_profession_add")).status_code == 200

    def test_cannot_manage_staff_accounts(self, editor_client):
        assert editor_client.get(reverse("admin:accounts_user_changelist")).status_code == 403

    def test_reads_the_audit_log_but_cannot_change_it(self, editor_client):
        outlook = complete_outlook()
        step(editor_client, outlook, "publish")
        entry = AuditEntry.objects.get()
        changelist = editor_client.get(reverse("admin:outlook_auditentry_changelist"))
        assert changelist.status_code == 200
        assert str(outlook) in changelist.content.decode()
        detail = editor_client.get(reverse("admin:outlook_auditentry_change", args=[entry.pk]))
        assert detail.status_code == 200
        assert 'name="_save"' not in detail.content.decode()


class TestAuditLogIsNeverEditable:
    """Not even by a superuser."""

    def test_no_add_change_or_delete(self, admin_client, editor):
        outlook = complete_outlook(status=PublicationStatus.IN_REVIEW)
        workflow.return_to_draft(outlook=outlook, user=editor, comment="Needs work.")
        entry = AuditEntry.objects.get()
        change_url = reverse("admin:outlook_auditentry_change", args=[entry.pk])
        assert admin_client.get(reverse("admin:outlook_auditentry_add")).status_code == 403
        assert admin_client.post(change_url, {"comment": "Rewritten"}).status_code == 403
        delete_url = reverse("admin:outlook_auditentry_delete", args=[entry.pk])
        assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
        changelist = reverse("admin:outlook_auditentry_changelist")
        bulk = {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
        admin_client.post(changelist, bulk)
        entry.refresh_from_db()
        assert entry.comment == "Needs work."


def test_workflow_urls_need_a_staff_login(client):
    outlook = complete_outlook()
    url = reverse("admin:outlook_outlook_workflow", args=[outlook.pk, "publish"])
    response = client.post(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    outlook.refresh_from_db()
    assert outlook.status == PublicationStatus.DRAFT
