"""Proposed professions and skills: contributors propose, editors approve, readers never see one."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from outlook.models import AuditAction, AuditEntry, Outlook, PublicationStatus
from professions.models import CatalogueStatus, Profession, Skill
from tests.factories import (
    CategoryFactory,
    IssueFactory,
    ProfessionFactory,
    SkillAssessmentFactory,
    SkillFactory,
)
from tests.outlook.admin.test_admin import outlook_form_data
from tests.outlook.helpers import complete_outlook

pytestmark = pytest.mark.django_db

PROPOSED, APPROVED = CatalogueStatus.PROPOSED, CatalogueStatus.APPROVED
# The popup's form sends these back as hidden fields.
POPUP = {"_popup": "1", "_to_field": "id"}
SKILL_POPUP = reverse("admin:professions_skill_add") + "?_to_field=id&_popup=1"


def propose_skill(client, name="Prompt design"):
    return client.post(
        SKILL_POPUP,
        {"name": name, "slug": name.lower().replace(" ", "-"), "description": "", **POPUP},
    )


def step(client, outlook, name):
    return client.post(reverse("admin:outlook_outlook_workflow", args=[outlook.pk, name]))


def approve(client, model, *entries):
    return client.post(
        reverse(f"admin:professions_{model}_changelist"),
        {"action": "approve_proposals", ACTION_CHECKBOX_NAME: [e.pk for e in entries]},
        follow=True,
    )


class TestProposing:
    def test_a_contributors_skill_from_the_form_popup_is_proposed_and_audited(
        self, contributor_client, contributor
    ):
        response = propose_skill(contributor_client)
        assert response.status_code == 200
        assert "popup_response" in response.templates[0].name  # the form's select gets it
        skill = Skill.objects.get(name="Prompt design")
        assert skill.status == PROPOSED
        entry = AuditEntry.objects.get(subject="Skill: Prompt design")
        assert (entry.actor, entry.action, entry.to_state) == (
            contributor,
            AuditAction.CREATED,
            PROPOSED,
        )

    def test_a_contributor_proposes_a_profession(self, contributor_client):
        category = CategoryFactory()
        response = contributor_client.post(
            reverse("admin:professions_profession_add") + "?_to_field=id&_popup=1",
            {
                "name": "Prompt Engineer",
                "slug": "prompt-engineer",
                "category": category.pk,
                **POPUP,
            },
        )
        assert response.status_code == 200
        assert Profession.objects.get(slug="prompt-engineer").status == PROPOSED

    def test_an_editors_new_skill_is_approved(self, editor_client):
        propose_skill(editor_client)
        assert Skill.objects.get(name="Prompt design").status == APPROVED

    def test_the_outlook_form_offers_to_add_skills_and_professions(self, contributor_client):
        html = contributor_client.get(reverse("admin:outlook_outlook_add")).content.decode()
        assert 'id="add_id_profession"' in html
        assert 'id="add_id_skill_assessments-0-skill"' in html

    def test_the_add_form_fills_the_slug_from_a_proposed_name(self, contributor_client):
        response = contributor_client.get(SKILL_POPUP + "&name=Rust%20async")
        form = response.context["adminform"].form
        assert (form.initial["name"], form.initial["slug"]) == ("Rust async", "rust-async")

    def test_a_skill_row_without_a_skill_says_how_to_go_on(self, contributor_client):
        data = outlook_form_data(IssueFactory(), ProfessionFactory(), [SkillFactory()])
        data["skill_assessments-0-skill"] = ""
        response = contributor_client.post(reverse("admin:outlook_outlook_add"), data)
        assert response.status_code == 200
        assert "Propose it with “+” beside the field" in response.content.decode()
        assert "This field is required" not in response.content.decode()


class TestPublishingWaitsForApproval:
    def test_a_draft_uses_a_proposed_skill_but_cannot_be_submitted(
        self, contributor_client, contributor
    ):
        propose_skill(contributor_client, "Prompt design")
        skill = Skill.objects.get(name="Prompt design")
        data = outlook_form_data(IssueFactory(), ProfessionFactory(), [skill])
        response = contributor_client.post(reverse("admin:outlook_outlook_add"), data)
        assert response.status_code == 302
        outlook = Outlook.objects.get()
        assert outlook.skill_assessments.get().skill == skill

        refused = step(contributor_client, outlook, "submit")
        assert refused.status_code == 400
        assert "Approve the proposed skill “Prompt design”" in refused.content.decode()
        outlook.refresh_from_db()
        assert outlook.status == PublicationStatus.DRAFT

    def test_an_editor_approves_then_the_outlook_goes_through(self, editor_client, editor):
        outlook = complete_outlook(status=PublicationStatus.IN_REVIEW)
        skill = SkillFactory(name="Prompt design", status=PROPOSED)
        SkillAssessmentFactory(outlook=outlook, skill=skill, rationale="Why.")
        outlook.profession.status = PROPOSED
        outlook.profession.save()
        refused = step(editor_client, outlook, "publish")
        assert refused.status_code == 400
        text = refused.content.decode()
        assert f"Approve the proposed profession “{outlook.profession.name}”" in text
        assert "Approve the proposed skill “Prompt design”" in text

        assert approve(editor_client, "profession", outlook.profession).status_code == 200
        approved = approve(editor_client, "skill", skill, SkillFactory(name="Approved already"))
        assert "Approved 1 proposal(s). 1 selected were" in approved.content.decode()
        assert Skill.objects.get(pk=skill.pk).status == APPROVED
        approvals = AuditEntry.objects.filter(action=AuditAction.APPROVED, actor=editor)
        assert sorted(approvals.values_list("subject", flat=True)) == sorted(
            [f"Profession: {outlook.profession.name}", "Skill: Prompt design"]
        )
        assert step(editor_client, outlook, "publish").status_code == 302
        outlook.refresh_from_db()
        assert outlook.status == PublicationStatus.PUBLISHED

    def test_an_issue_with_a_waiting_outlook_is_not_published(self, editor_client):
        outlook = complete_outlook(
            status=PublicationStatus.IN_REVIEW, issue__status=PublicationStatus.DRAFT
        )
        SkillAssessmentFactory(
            outlook=outlook, skill=SkillFactory(status=PROPOSED, name="Prompt design")
        )
        response = editor_client.post(
            reverse("admin:outlook_issue_workflow", args=[outlook.issue.pk, "publish"])
        )
        assert response.status_code == 400
        assert "Prompt design" in response.content.decode()
        outlook.issue.refresh_from_db()
        assert outlook.issue.status == PublicationStatus.DRAFT

    def test_a_live_outlook_refuses_a_proposed_skill_or_profession(self, editor_client):
        skill = SkillFactory(name="Prompt design", status=PROPOSED)
        profession = ProfessionFactory(status=PROPOSED)
        issue = IssueFactory(status=PublicationStatus.PUBLISHED)
        response = editor_client.post(
            reverse("admin:outlook_outlook_add"),
            outlook_form_data(issue, ProfessionFactory(), [SkillFactory()]),
        )
        outlook = Outlook.objects.get()
        step(editor_client, outlook, "publish")
        outlook.refresh_from_db()
        assert outlook.status == PublicationStatus.PUBLISHED
        change = reverse("admin:outlook_outlook_change", args=[outlook.pk])
        form = editor_client.get(change).context["adminform"].form
        data = outlook_form_data(issue, profession, [skill]) | {
            "edit_token": form["edit_token"].value(),
            "opened_revision": form["opened_revision"].value() or "",
            **{f"{p}-INITIAL_FORMS": "0" for p in ("changes", "task_assessments", "insights")},
        }
        response = editor_client.post(change, data)
        assert response.status_code == 200
        html = response.content.decode()
        assert "“Prompt design” is a proposed skill and this outlook is live" in html
        assert f"“{profession.name}” is a proposed profession and this outlook is live" in html
        assert not outlook.skill_assessments.filter(skill=skill).exists()


class TestApproving:
    def test_editors_filter_the_proposals(self, editor_client):
        SkillFactory(name="Approved skill")
        SkillFactory(name="Proposed skill", status=PROPOSED)
        response = editor_client.get(
            reverse("admin:professions_skill_changelist"), {"status__exact": PROPOSED}
        )
        assert [s.name for s in response.context["cl"].result_list] == ["Proposed skill"]

    def test_contributors_cannot_approve(self, contributor_client):
        skill = SkillFactory(status=PROPOSED)
        approve(contributor_client, "skill", skill)
        assert Skill.objects.get(pk=skill.pk).status == PROPOSED
        assert not AuditEntry.objects.filter(action=AuditAction.APPROVED).exists()


class TestReaders:
    def test_readers_never_see_a_proposed_skill_or_profession(self, client):
        # As if a proposal had reached a live outlook by some other door: still hidden.
        outlook = complete_outlook(status=PublicationStatus.PUBLISHED, profession__status=PROPOSED)
        skill = outlook.skill_assessments.get().skill
        Skill.objects.filter(pk=skill.pk).update(status=PROPOSED)
        assert client.get(skill.get_absolute_url()).status_code == 404
        assert client.get(outlook.profession.get_absolute_url()).status_code == 404
        assert skill.name not in client.get(reverse("professions:skills")).content.decode()
        directory = client.get(reverse("professions:directory")).content.decode()
        assert outlook.profession.name not in directory
        sitemap = client.get("/sitemap.xml").content.decode()
        assert skill.get_absolute_url() not in sitemap
        assert outlook.profession.get_absolute_url() not in sitemap
