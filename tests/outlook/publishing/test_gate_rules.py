"""The gate's rules through the admin: restore, conflicts, ownership, buttons and previews."""

import datetime

import pytest
import reversion
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from outlook.models import AuditEntry, Outlook, PublicationStatus, TaskAssessment
from outlook.publishing import content_keys, gate, workflow
from outlook.publishing.previews import preview_link
from outlook.publishing.revisions import register_models
from outlook.web import key_versions
from tests.factories import (
    CategoryFactory,
    IssueFactory,
    ProfessionFactory,
    SkillFactory,
    TaskAssessmentFactory,
)
from tests.outlook.form_html import form_data
from tests.outlook.helpers import complete_outlook, staff_in

pytestmark = pytest.mark.django_db

register_models()
LATER = datetime.datetime(2099, 1, 5, 9, 30, tzinfo=datetime.UTC)


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def revision_of(outlook, user=None):
    with reversion.create_revision():
        reversion.set_user(user)
        outlook.save()
    return Version.objects.get_for_object(outlook).first()


class TestRestore:
    def test_keeps_status_and_go_live_and_asks_first_showing_the_diff(self, editor):
        outlook = complete_outlook(status=PublicationStatus.DRAFT, standfirst="Old words.")
        old = revision_of(outlook, editor)
        outlook.status, outlook.go_live_at = PublicationStatus.SCHEDULED, LATER
        outlook.standfirst = "New words."
        outlook.save()
        url = reverse("admin:outlook_outlook_revision", args=[outlook.pk, old.pk])
        client = logged_in(editor)

        confirm = client.get(url)
        assert confirm.status_code == 200
        assert "Restore this revision" in confirm.text
        assert "<del>New</del>" in confirm.text and "<ins>Old</ins>" in confirm.text
        outlook.refresh_from_db()
        assert outlook.standfirst == "New words."

        assert client.post(url).status_code == 302
        outlook.refresh_from_db()
        assert outlook.standfirst == "Old words."
        assert (outlook.status, outlook.go_live_at) == (PublicationStatus.SCHEDULED, LATER)
        entry = AuditEntry.objects.get()
        assert (entry.action, entry.from_state, entry.to_state) == (
            "restored",
            "scheduled",
            "scheduled",
        )
        assert f"revision {old.pk}" in entry.comment

    def test_another_outlooks_version_or_a_rows_version_is_a_404(self, editor):
        outlook = complete_outlook()
        other = complete_outlook(profession__name="Other")
        foreign = revision_of(other, editor)
        revision_of(outlook, editor)
        row = Version.objects.get_for_model(TaskAssessment).first()
        client = logged_in(editor)
        for version in (foreign, row):
            url = reverse("admin:outlook_outlook_revision", args=[outlook.pk, version.pk])
            assert client.get(url).status_code == 404
            assert client.post(url).status_code == 404
        assert not AuditEntry.objects.exists()

    def test_a_live_outlook_stays_live_and_complete(self, editor):
        outlook = complete_outlook(status=PublicationStatus.PUBLISHED)
        task = outlook.task_assessments.get()
        task.delete()
        empty = revision_of(outlook, editor)  # a revision without any task
        TaskAssessmentFactory(outlook=outlook, task="Back again")
        url = reverse("admin:outlook_outlook_revision", args=[outlook.pk, empty.pk])
        response = logged_in(editor).post(url)
        assert response.status_code == 400
        assert "Add at least one task assessment." in response.text
        assert list(outlook.task_assessments.values_list("task", flat=True)) == ["Back again"]
        assert Outlook.objects.published().filter(pk=outlook.pk).exists()
        assert not AuditEntry.objects.exists()


class TestConflicts:
    def test_a_task_saved_elsewhere_is_not_reverted_by_a_stale_outlook_form(self, editor):
        outlook = complete_outlook(status=PublicationStatus.DRAFT)
        client = logged_in(editor)
        stale = form_data(client.get(change_url(outlook)), "outlook_form")
        # Meanwhile the task changes (any save of a row, e.g. next year's copy or a restore).
        task = outlook.task_assessments.get()
        task.rationale = "A colleague's better rationale."
        task.save()

        response = client.post(change_url(outlook), stale | {"standfirst": "A's standfirst."})
        assert response.status_code == 200
        assert "after you opened it" in response.text
        assert "A&#x27;s standfirst." in response.text
        task.refresh_from_db()
        assert task.rationale == "A colleague's better rationale."
        outlook.refresh_from_db()
        assert outlook.standfirst != "A's standfirst."

    def test_a_conflict_links_to_the_diff_of_what_was_saved_meanwhile(self, editor):
        outlook = complete_outlook(status=PublicationStatus.DRAFT)
        opened = revision_of(outlook, editor)
        client = logged_in(editor)
        stale = form_data(client.get(change_url(outlook)), "outlook_form")
        other = logged_in(staff_in("Editor", "ezra"))
        fresh = form_data(other.get(change_url(outlook)), "outlook_form")
        changed = fresh | {"task_assessments-0-rationale": "Ezra's rationale."}
        assert other.post(change_url(outlook), changed).status_code == 302
        latest = Version.objects.get_for_object(outlook).first()

        refused = client.post(change_url(outlook), stale)
        compare = reverse("admin:outlook_outlook_compare", args=[outlook.pk])
        link = f"{compare}?from={opened.pk}&amp;to={latest.pk}"
        assert link in refused.text
        diff = client.get(compare, {"from": opened.pk, "to": latest.pk})
        assert "Ezra" in diff.text

    def test_two_editors_adding_to_an_issues_note_both_see_both_texts(self, editor):
        issue = IssueFactory(editors_note="First paragraph.")
        first, second = logged_in(editor), logged_in(staff_in("Editor", "ezra"))
        first_form = form_data(first.get(change_url(issue)), "issue_form")
        second_form = form_data(second.get(change_url(issue)), "issue_form")
        note_a = "First paragraph.\n\nEden's paragraph."
        assert (
            first.post(change_url(issue), first_form | {"editors_note": note_a}).status_code == 302
        )
        note_b = "First paragraph.\n\nEzra's paragraph."
        refused = second.post(change_url(issue), second_form | {"editors_note": note_b})
        assert refused.status_code == 200
        assert "This issue was changed" in refused.text
        assert "Eden&#x27;s paragraph." in refused.text  # what was saved meanwhile
        assert "Ezra&#x27;s paragraph." in refused.text  # what they typed, still in the form
        issue.refresh_from_db()
        assert issue.editors_note == note_a

    @pytest.mark.parametrize(
        "make, field",
        [
            (lambda: ProfessionFactory(name="Welder", description="Joins metal."), "description"),
            (lambda: SkillFactory(name="Welding", description="Joins metal."), "description"),
            (lambda: CategoryFactory(name="Trades"), "name"),
        ],
        ids=["profession", "skill", "category"],
    )
    def test_the_catalogue_has_the_same_check(self, editor, make, field):
        entry = make()
        form_id = f"{entry._meta.model_name}_form"
        first, second = logged_in(editor), logged_in(staff_in("Editor", "ezra"))
        first_form = form_data(first.get(change_url(entry)), form_id)
        second_form = form_data(second.get(change_url(entry)), form_id)
        assert first.post(change_url(entry), first_form | {field: "Eden's text"}).status_code == 302
        refused = second.post(change_url(entry), second_form | {field: "Ezra's text"})
        assert refused.status_code == 200
        assert f"This {entry._meta.verbose_name} was changed" in refused.text
        assert "Eden&#x27;s text" in refused.text and "Ezra&#x27;s text" in refused.text
        entry.refresh_from_db()
        assert getattr(entry, field) == "Eden's text"


class TestOwnership:
    def test_a_contributor_edits_only_their_own_drafts(self, contributor):
        own = complete_outlook(writer=contributor)
        others = complete_outlook(writer=staff_in("Contributor", "olive"), profession__name="O")
        client = logged_in(contributor)
        assert 'name="_save"' in client.get(change_url(own)).text
        page = client.get(change_url(others))
        assert page.status_code == 200 and 'name="_save"' not in page.text

    def test_a_new_outlook_is_written_by_whoever_adds_it(self, contributor):
        client = logged_in(contributor)
        data = form_data(client.get(reverse("admin:outlook_outlook_add")), "outlook_form")
        issue, profession = IssueFactory(), ProfessionFactory()
        data |= {"issue": issue.pk, "profession": profession.pk, "standfirst": "Mine."}
        response = client.post(reverse("admin:outlook_outlook_add"), data)
        assert response.status_code == 302
        assert Outlook.objects.get().writer == contributor
        assert AuditEntry.objects.get().action == "created"

    def test_an_editor_reassigns_and_the_list_shows_the_writer(self, editor, contributor):
        outlook = complete_outlook(writer=editor)
        client = logged_in(editor)
        data = form_data(client.get(change_url(outlook)), "outlook_form")
        assert (
            client.post(change_url(outlook), data | {"writer": contributor.pk}).status_code == 302
        )
        outlook.refresh_from_db()
        assert outlook.writer == contributor
        assert "Writer" in AuditEntry.objects.get().comment
        listing = client.get(reverse("admin:outlook_outlook_changelist"))
        assert "casey" in listing.text


class TestButtonsActOnWhatWasTyped:
    def test_save_and_submit_submits_the_new_text(self, contributor):
        outlook = complete_outlook(writer=contributor, standfirst="Old text.")
        client = logged_in(contributor)
        data = form_data(client.get(change_url(outlook)), "outlook_form")
        data |= {"standfirst": "New text.", "_workflow": "submit"}
        response = client.post(change_url(outlook), data)
        assert response.status_code == 302
        outlook.refresh_from_db()
        assert (outlook.standfirst, outlook.status) == ("New text.", PublicationStatus.IN_REVIEW)
        assert [e.action for e in AuditEntry.objects.order_by("id")] == ["edited", "submitted"]

    def test_an_invalid_form_submits_nothing_and_keeps_the_input(self, contributor):
        outlook = complete_outlook(writer=contributor, standfirst="Old text.")
        client = logged_in(contributor)
        data = form_data(client.get(change_url(outlook)), "outlook_form")
        data |= {"standfirst": "x" * 700, "_workflow": "submit"}
        response = client.post(change_url(outlook), data)
        assert response.status_code == 200
        assert "x" * 700 in response.text
        outlook.refresh_from_db()
        assert (outlook.standfirst, outlook.status) == ("Old text.", PublicationStatus.DRAFT)
        assert not AuditEntry.objects.exists()

    def test_a_refused_step_keeps_the_saved_edits_and_says_why(self, contributor):
        outlook = complete_outlook(writer=contributor)
        outlook.skill_assessments.all().delete()
        client = logged_in(contributor)
        data = form_data(client.get(change_url(outlook)), "outlook_form")
        data |= {"standfirst": "Kept.", "_workflow": "submit"}
        response = client.post(change_url(outlook), data)
        assert response.status_code == 400
        assert "Your edits were saved, but this step was not taken" in response.text
        assert "Add at least one skill assessment." in response.text
        outlook.refresh_from_db()
        assert (outlook.standfirst, outlook.status) == ("Kept.", PublicationStatus.DRAFT)

    def test_publish_now_in_a_draft_issue_says_readers_do_not_see_it_yet(self, editor):
        outlook = complete_outlook(issue=IssueFactory(status=PublicationStatus.DRAFT))
        client = logged_in(editor)
        url = reverse("admin:outlook_outlook_workflow", args=[outlook.pk, "publish"])
        page = client.get(client.post(url)["Location"]).text
        assert "readers will not see it yet" in page
        assert "is draft" in page

    def test_publish_now_in_a_scheduled_issue_says_when(self, editor):
        issue = IssueFactory(status=PublicationStatus.SCHEDULED, go_live_at=LATER)
        outlook = complete_outlook(issue=issue)
        client = logged_in(editor)
        url = reverse("admin:outlook_outlook_workflow", args=[outlook.pk, "publish"])
        page = client.get(client.post(url)["Location"]).text
        assert "readers will see it from 5 January 2099" in page

    def test_schedule_with_a_time_from_the_change_form(self, editor):
        outlook = complete_outlook()
        client = logged_in(editor)
        data = form_data(client.get(change_url(outlook)), "outlook_form")
        data |= {"_workflow": "schedule:later", "schedule-go_live_at": "2099-01-05T09:30"}
        assert client.post(change_url(outlook), data).status_code == 302
        outlook.refresh_from_db()
        assert outlook.status == PublicationStatus.SCHEDULED
        assert outlook.go_live_at == LATER


class TestPreviewLinks:
    @pytest.mark.parametrize("step", ["publish", "unpublish"])
    def test_die_when_the_outlook_is_published_or_unpublished(self, client, editor, step):
        status = PublicationStatus.DRAFT if step == "publish" else PublicationStatus.SCHEDULED
        outlook = complete_outlook(status=status, go_live_at=LATER if step != "publish" else None)
        link = preview_link(outlook)
        assert client.get(link).status_code == 200
        url = reverse("admin:outlook_outlook_workflow", args=[outlook.pk, step])
        assert logged_in(editor).post(url).status_code == 302
        assert client.get(link).status_code == 404

    def test_die_when_the_outlook_is_deleted(self, client, editor):
        outlook = complete_outlook()
        link = preview_link(outlook)
        url = reverse("admin:outlook_outlook_delete", args=[outlook.pk])
        assert logged_in(editor).post(url, {"post": "yes"}).status_code == 302
        assert client.get(link).status_code == 404

    def test_can_be_revoked_from_the_change_page(self, client, editor):
        outlook = complete_outlook()
        link = preview_link(outlook)
        admin = logged_in(editor)
        assert "Revoke every shared preview link" in admin.get(change_url(outlook)).text
        url = reverse("admin:outlook_outlook_workflow", args=[outlook.pk, "revoke-links"])
        assert admin.post(url).status_code == 302
        assert client.get(link).status_code == 404
        outlook.refresh_from_db()
        assert client.get(preview_link(outlook)).status_code == 200


def test_next_years_copy_is_written_by_whoever_starts_it_and_audited_once(contributor):
    source = complete_outlook(status=PublicationStatus.PUBLISHED)
    issue = IssueFactory(
        publication_date=datetime.date(2027, 4, 20), status=PublicationStatus.DRAFT
    )
    client = logged_in(contributor)
    action = {"action": "start_next_outlook", "_selected_action": [str(source.pk)]}
    changelist = reverse("admin:outlook_outlook_changelist")
    response = client.post(changelist, action | {"apply": "1", "issue": str(issue.pk)})
    assert response.status_code == 302
    copy = Outlook.objects.get(issue=issue)
    assert copy.writer == contributor
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.outlook, entry.actor) == ("created", copy, contributor)
    # The contributor edits their copy, not the live source.
    assert 'name="_save"' in client.get(change_url(copy)).text


class TestPublishingEvents:
    """Each operation names what readers see, once, after commit; a live edit refreshes pages."""

    @pytest.fixture
    def events(self, monkeypatch):
        seen = []
        real = gate.publishing_event

        def spy(*, kind, obj, changed=None):
            seen.append((kind, obj.pk))
            real(kind=kind, obj=obj, changed=changed)

        monkeypatch.setattr(gate, "publishing_event", spy)
        return seen

    def test_each_step_is_classified(self, editor, events, django_capture_on_commit_callbacks):
        outlook = complete_outlook()
        steps = [
            (lambda: workflow.publish_outlook(outlook=outlook, user=editor), "went_live"),
            (lambda: workflow.unpublish(outlook=outlook, user=editor), "withdrawn"),
            (
                lambda: workflow.schedule(outlook=outlook, user=editor, go_live_at=LATER),
                "go_live_moved",
            ),
            (lambda: workflow.unpublish(outlook=outlook, user=editor), "draft_edit"),
        ]
        for done, (step, kind) in enumerate(steps):
            with django_capture_on_commit_callbacks(execute=True):
                step()
                assert len(events) == done  # nothing before commit
            assert events[-1] == (kind, outlook.pk)
        assert len(events) == len(steps)

    def test_a_live_edit_refreshes_cached_pages(
        self, editor, events, django_capture_on_commit_callbacks
    ):
        outlook = complete_outlook(status=PublicationStatus.PUBLISHED)
        name = key_versions.soft_name(content_keys.content_key(outlook))
        before = cache.get(name, 0)
        client = logged_in(editor)
        data = form_data(client.get(change_url(outlook)), "outlook_form")
        with django_capture_on_commit_callbacks(execute=True):
            assert (
                client.post(change_url(outlook), data | {"standfirst": "Live fix."}).status_code
                == 302
            )
        assert events == [("edited_live", outlook.pk)]
        assert cache.get(name) > before
