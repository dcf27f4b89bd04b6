"""The editorial workflow, through the services and through the admin's buttons."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.urls import reverse

from outlook.models import AuditAction, AuditEntry, Issue, Outlook, PublicationStatus
from outlook.publishing import workflow
from tests.factories import (
    IssueFactory,
    OutlookFactory,
    ProfessionFactory,
    SkillAssessmentFactory,
    SkillFactory,
    TaskAssessmentFactory,
)
from tests.outlook.admin.test_admin import outlook_form_data
from tests.outlook.helpers import complete_outlook

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
NOW = datetime.datetime(2026, 5, 1, 9, 0, tzinfo=LONDON)


def step_url(obj, step: str) -> str:
    name = "issue" if isinstance(obj, Issue) else "outlook"
    return reverse(f"admin:outlook_{name}_workflow", args=[obj.pk, step])


def change_url(obj) -> str:
    name = "issue" if isinstance(obj, Issue) else "outlook"
    return reverse(f"admin:outlook_{name}_change", args=[obj.pk])


def actions_of(obj) -> list[tuple[str, str]]:
    return [
        (entry.action, entry.actor.username)
        for entry in AuditEntry.objects.for_object(obj).order_by("at", "id")
    ]


class TestCompleteness:
    def test_an_empty_outlook_lists_everything_missing(self):
        outlook = OutlookFactory(status=PublicationStatus.DRAFT, standfirst=" ")
        assert outlook.missing_for_publication() == [
            "Write a standfirst.",
            "Add at least one task assessment.",
            "Add at least one skill assessment.",
        ]

    def test_rows_without_a_rationale_are_named(self):
        outlook = OutlookFactory(status=PublicationStatus.DRAFT)
        TaskAssessmentFactory(outlook=outlook, task="Write code", rationale="")
        SkillAssessmentFactory(outlook=outlook, skill__name="SQL", rationale="  ")
        assert outlook.missing_for_publication() == [
            "Give a rationale for the task “Write code”.",
            "Say why for the skill “SQL”.",
        ]

    def test_publishing_an_incomplete_outlook_says_what_is_missing(self, editor):
        outlook = OutlookFactory(status=PublicationStatus.DRAFT)
        TaskAssessmentFactory(outlook=outlook)
        with pytest.raises(ValidationError) as error:
            workflow.publish_outlook(outlook=outlook, user=editor)
        assert "Add at least one skill assessment." in error.value.messages
        outlook.refresh_from_db()
        assert outlook.status == PublicationStatus.DRAFT
        assert not AuditEntry.objects.exists()


class TestReviewPath:
    def test_contributor_submits_editor_returns_contributor_fixes_editor_approves(
        self, client, contributor, editor
    ):
        outlook = complete_outlook(writer=contributor)
        client.force_login(contributor)
        page = client.get(change_url(outlook)).content.decode()
        assert 'data-step="submit"' in page
        assert 'data-step="publish"' not in page
        assert client.post(step_url(outlook, "submit")).status_code == 302
        outlook.refresh_from_db()
        assert outlook.status == PublicationStatus.IN_REVIEW

        client.force_login(editor)
        response = client.post(step_url(outlook, "return"), {"comment": "Add a second task."})
        assert response.status_code == 302
        outlook.refresh_from_db()
        assert outlook.status == PublicationStatus.DRAFT

        client.force_login(contributor)
        page = client.get(change_url(outlook)).content.decode()
        assert "Returned by eden" in page
        assert "Add a second task." in page
        TaskAssessmentFactory(outlook=outlook, task="Review code")
        client.post(step_url(outlook, "submit"))

        client.force_login(editor)
        assert client.post(step_url(outlook, "approve")).status_code == 302
        outlook.refresh_from_db()
        assert outlook.status == PublicationStatus.PUBLISHED
        assert client.logout() is None
        assert client.get(outlook.get_absolute_url()).status_code == 200
        assert actions_of(outlook) == [
            ("submitted", "casey"),
            ("returned", "eden"),
            ("submitted", "casey"),
            ("approved", "eden"),
        ]
        approval = AuditEntry.objects.get(action="approved")
        assert (approval.from_state, approval.to_state) == ("in_review", "published")
        assert AuditEntry.objects.get(action="returned").comment == "Add a second task."

    def test_a_return_without_a_comment_is_refused(self, editor_client):
        outlook = complete_outlook(status=PublicationStatus.IN_REVIEW)
        response = editor_client.post(step_url(outlook, "return"), {"comment": " "})
        assert response.status_code == 400
        assert "Say what needs to change" in response.content.decode()
        outlook.refresh_from_db()
        assert outlook.status == PublicationStatus.IN_REVIEW

    def test_submitting_an_incomplete_draft_explains_what_is_missing(
        self, contributor_client, contributor
    ):
        outlook = OutlookFactory(status=PublicationStatus.DRAFT, writer=contributor)
        page = contributor_client.get(change_url(outlook)).content.decode()
        assert "Add at least one task assessment." in page
        response = contributor_client.post(step_url(outlook, "submit"))
        assert response.status_code == 400
        html = response.content.decode()
        assert "Nothing changed" in html
        assert "Add at least one task assessment." in html
        assert "Add at least one skill assessment." in html
        outlook.refresh_from_db()
        assert outlook.status == PublicationStatus.DRAFT

    def test_a_step_from_the_wrong_state_is_refused_clearly(self, editor_client):
        outlook = complete_outlook(status=PublicationStatus.DRAFT)
        response = editor_client.post(step_url(outlook, "approve"))
        assert response.status_code == 400
        assert "it cannot be approved" in response.content.decode()

    def test_unpublish_takes_an_outlook_off_the_site(self, client, editor_client):
        outlook = complete_outlook(status=PublicationStatus.PUBLISHED)
        assert editor_client.post(step_url(outlook, "unpublish")).status_code == 302
        outlook.refresh_from_db()
        assert (outlook.status, outlook.go_live_at) == (PublicationStatus.DRAFT, None)
        editor_client.logout()
        assert client.get(outlook.get_absolute_url()).status_code == 404
        assert actions_of(outlook) == [("unpublished", "eden")]

    @pytest.mark.parametrize("step", ["nonsense", "delete"])
    def test_an_unknown_step_is_a_404(self, editor_client, step):
        outlook = complete_outlook()
        assert editor_client.post(step_url(outlook, step)).status_code == 404

    def test_steps_only_accept_post(self, editor_client):
        outlook = complete_outlook()
        assert editor_client.get(step_url(outlook, "publish")).status_code == 405

    def test_a_step_on_a_missing_outlook_is_a_404(self, editor_client):
        url = reverse("admin:outlook_outlook_workflow", args=[987654, "publish"])
        assert editor_client.post(url).status_code == 404

    def test_a_time_in_a_bad_format_is_a_400(self, editor_client):
        outlook = complete_outlook()
        response = editor_client.post(step_url(outlook, "schedule"), {"go_live_at": "soon"})
        assert response.status_code == 400
        assert "Enter a valid date/time." in response.content.decode()


class TestScheduling:
    def test_invisible_one_second_before_its_time_and_visible_one_second_after(
        self, client, editor_client
    ):
        outlook = complete_outlook(status=PublicationStatus.IN_REVIEW)
        with time_machine.travel(NOW, tick=False):
            response = editor_client.post(
                step_url(outlook, "approve"), {"go_live_at": "2026-05-01T12:00", "later": "1"}
            )
        assert response.status_code == 302
        outlook.refresh_from_db()
        # Entered in the publication's time zone: noon in London in May is 11:00 UTC.
        go_live = datetime.datetime(2026, 5, 1, 11, 0, tzinfo=datetime.UTC)
        assert (outlook.status, outlook.go_live_at) == (PublicationStatus.SCHEDULED, go_live)
        editor_client.logout()
        url = outlook.get_absolute_url()
        with time_machine.travel(go_live - datetime.timedelta(seconds=1), tick=False):
            assert client.get(url).status_code == 404
            assert not Outlook.objects.published().filter(pk=outlook.pk).exists()
        with time_machine.travel(go_live + datetime.timedelta(seconds=1), tick=False):
            assert client.get(url).status_code == 200
            assert Outlook.objects.published().filter(pk=outlook.pk).exists()
            assert outlook.state_label == "Published"

    def test_a_scheduled_issue_hides_its_outlooks_until_it_goes_live(self, client, editor):
        issue = IssueFactory(status=PublicationStatus.DRAFT)
        outlook = complete_outlook(status=PublicationStatus.IN_REVIEW, issue=issue)
        go_live = NOW + datetime.timedelta(hours=3)
        with time_machine.travel(NOW, tick=False):
            workflow.publish_issue(issue=issue, user=editor, go_live_at=go_live)
        with time_machine.travel(go_live - datetime.timedelta(seconds=1), tick=False):
            assert not Issue.objects.published().exists()
            assert client.get(outlook.get_absolute_url()).status_code == 404
        with time_machine.travel(go_live + datetime.timedelta(seconds=1), tick=False):
            assert list(Issue.objects.published()) == [issue]
            assert client.get(outlook.get_absolute_url()).status_code == 200
            assert outlook.get_absolute_url() in client.get(reverse("outlook:home")).text

    def test_a_go_live_time_in_the_past_is_refused(self, editor):
        outlook = complete_outlook()
        with time_machine.travel(NOW, tick=False), pytest.raises(ValidationError, match="future"):
            workflow.schedule(
                outlook=outlook, user=editor, go_live_at=NOW - datetime.timedelta(minutes=1)
            )

    @pytest.mark.parametrize(
        ("status", "step", "data"),
        [
            (PublicationStatus.DRAFT, "schedule", {"go_live_at": ""}),
            (PublicationStatus.IN_REVIEW, "approve", {"go_live_at": "", "later": "1"}),
        ],
        ids=["schedule", "approve and schedule"],
    )
    def test_scheduling_without_a_time_is_a_400(self, editor_client, status, step, data):
        outlook = complete_outlook(status=status)
        response = editor_client.post(step_url(outlook, step), data)
        assert response.status_code == 400
        assert "Choose a go-live time." in response.content.decode()
        outlook.refresh_from_db()
        assert outlook.status == status

    def test_the_change_page_names_the_time_zone(self, editor_client):
        outlook = complete_outlook(status=PublicationStatus.IN_REVIEW)
        with time_machine.travel(NOW, tick=False):
            editor_client.post(
                step_url(outlook, "approve"), {"go_live_at": "2026-05-01T12:00", "later": "1"}
            )
            page = editor_client.get(change_url(outlook)).content.decode()
        assert "Readers see it from 1 May 2026, 12:00 BST (Europe/London)" in page
        assert "Go-live time (Europe/London)" in page


class TestPublishIssue:
    def test_publishes_the_issue_with_its_ready_outlooks_and_leaves_drafts(
        self, editor_client, draft_issue
    ):
        ready = complete_outlook(status=PublicationStatus.IN_REVIEW, issue=draft_issue)
        draft = complete_outlook(issue=draft_issue, profession__name="Other")
        assert editor_client.post(step_url(draft_issue, "publish")).status_code == 302
        draft_issue.refresh_from_db()
        ready.refresh_from_db()
        draft.refresh_from_db()
        assert draft_issue.status == PublicationStatus.PUBLISHED
        assert ready.status == PublicationStatus.PUBLISHED
        assert ready.go_live_at == draft_issue.go_live_at
        assert draft.status == PublicationStatus.DRAFT
        assert list(Outlook.objects.published()) == [ready]
        assert actions_of(draft_issue) == [("published", "eden")]
        assert actions_of(ready) == [("approved", "eden")]

    def test_one_incomplete_outlook_stops_the_whole_issue(self, editor_client, draft_issue):
        ready = complete_outlook(status=PublicationStatus.IN_REVIEW, issue=draft_issue)
        incomplete = OutlookFactory(
            status=PublicationStatus.IN_REVIEW, issue=draft_issue, profession__name="Translator"
        )
        response = editor_client.post(step_url(draft_issue, "publish"))
        assert response.status_code == 400
        html = response.content.decode()
        assert "Nothing was published" in html
        assert f"{incomplete}: Add at least one task assessment." in html
        for obj in (draft_issue, ready, incomplete):
            obj.refresh_from_db()
        assert draft_issue.status == PublicationStatus.DRAFT
        assert ready.status == incomplete.status == PublicationStatus.IN_REVIEW

    def test_a_failure_half_way_leaves_nothing_published(self, client, editor, monkeypatch):
        issue = IssueFactory(status=PublicationStatus.DRAFT)
        first = complete_outlook(status=PublicationStatus.IN_REVIEW, issue=issue)
        second = complete_outlook(
            status=PublicationStatus.IN_REVIEW, issue=issue, profession__name="Other"
        )
        real_set_released = workflow._set_released
        calls = []

        def fail_on_the_last_outlook(obj, **kwargs):
            calls.append(obj)
            if len(calls) == 3:  # the issue, the first outlook, then this one
                raise DatabaseError("the database went away")
            return real_set_released(obj, **kwargs)

        monkeypatch.setattr(workflow, "_set_released", fail_on_the_last_outlook)
        with pytest.raises(DatabaseError):
            workflow.publish_issue(issue=issue, user=editor)
        assert len(calls) == 3
        for obj in (issue, first, second):
            obj.refresh_from_db()
        assert issue.status == PublicationStatus.DRAFT
        assert issue.go_live_at is None
        assert first.status == second.status == PublicationStatus.IN_REVIEW
        assert not Issue.objects.published().exists()
        assert not Outlook.objects.published().exists()
        assert not AuditEntry.objects.exists()
        assert client.get(first.get_absolute_url()).status_code == 404

    def test_an_issue_with_nothing_ready_is_refused(self, editor, draft_issue):
        complete_outlook(issue=draft_issue)
        with pytest.raises(ValidationError, match="no outlook in review or approved"):
            workflow.publish_issue(issue=draft_issue, user=editor)

    def test_unpublishing_an_issue_hides_its_outlooks(self, client, editor_client):
        outlook = complete_outlook(status=PublicationStatus.PUBLISHED)
        assert editor_client.post(step_url(outlook.issue, "unpublish")).status_code == 302
        editor_client.logout()
        assert client.get(outlook.get_absolute_url()).status_code == 404
        assert actions_of(outlook.issue) == [("unpublished", "eden")]


class TestPermissionsInServices:
    @pytest.mark.parametrize(
        "call",
        [
            lambda o, u: workflow.publish_outlook(outlook=o, user=u),
            lambda o, u: workflow.approve(outlook=o, user=u),
            lambda o, u: workflow.unpublish(outlook=o, user=u),
            lambda o, u: workflow.publish_issue(issue=o.issue, user=u),
        ],
        ids=["publish", "approve", "unpublish", "publish issue"],
    )
    def test_a_contributor_cannot_publish_even_without_the_admin(self, contributor, call):
        outlook = complete_outlook(status=PublicationStatus.IN_REVIEW)
        with pytest.raises(PermissionDenied):
            call(outlook, contributor)
        outlook.refresh_from_db()
        assert outlook.status == PublicationStatus.IN_REVIEW


def test_the_audit_records_who_created_an_outlook_in_the_admin(contributor_client, contributor):
    data = outlook_form_data(IssueFactory(), ProfessionFactory(), [SkillFactory()])
    response = contributor_client.post(reverse("admin:outlook_outlook_add"), data)
    assert response.status_code == 302
    outlook = Outlook.objects.get()
    # The posted "published" status is ignored: new work always starts as a draft.
    assert outlook.status == PublicationStatus.DRAFT
    assert actions_of(outlook) == [(AuditAction.CREATED, "casey")]
