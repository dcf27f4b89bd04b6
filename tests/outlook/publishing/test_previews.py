"""Previews from the admin and shareable signed links."""

import datetime

import pytest
import time_machine
from django.core import signing
from django.urls import reverse

from outlook.models import PublicationStatus
from outlook.publishing.previews import PREVIEW_SALT, preview_link, preview_token
from outlook.reading.views import COVER_HIGHLIGHTS, COVER_LIMIT
from tests.factories import IssueFactory, SkillAssessmentFactory, TaskAssessmentFactory
from tests.outlook.helpers import complete_outlook

pytestmark = pytest.mark.django_db

MADE_AT = datetime.datetime(2026, 5, 1, 9, 0, tzinfo=datetime.UTC)


def admin_preview(obj) -> str:
    name = type(obj).__name__.lower()
    return reverse(f"admin:outlook_{name}_preview", args=[obj.pk])


class TestAdminPreview:
    def test_an_editor_sees_a_draft_as_readers_will_under_a_preview_banner(
        self, editor_client, django_assert_max_num_queries
    ):
        outlook = complete_outlook()
        larger = complete_outlook(profession__name="Larger")
        TaskAssessmentFactory.create_batch(30, outlook=larger)
        SkillAssessmentFactory.create_batch(30, outlook=larger)
        # prevents N+1: the same budget for 1 and 31 tasks and skills (session and
        # permission queries included).
        for other in (larger, outlook):
            with django_assert_max_num_queries(15):
                response = editor_client.get(admin_preview(other))
        html = response.content.decode()
        assert response.status_code == 200
        assert "<strong>Preview.</strong>" in html
        assert "Readers cannot see this yet: it is not scheduled." in html
        assert outlook.headline in html
        assert "Write production code" in html
        assert "Readers cannot see this outlook" not in html  # no draft banner on top
        assert '<meta name="robots" content="noindex, nofollow">' in html
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-store" in response["Cache-Control"]

    def test_a_scheduled_outlook_preview_names_its_go_live_time(self, editor_client):
        outlook = complete_outlook(
            status=PublicationStatus.SCHEDULED,
            go_live_at=datetime.datetime(2099, 1, 5, 9, 30, tzinfo=datetime.UTC),
        )
        html = editor_client.get(admin_preview(outlook)).content.decode()
        assert "Readers will see this from 5 January 2099, 09:30 GMT (Europe/London)." in html

    def test_the_change_page_links_to_the_preview_and_a_share_link(self, editor_client):
        outlook = complete_outlook()
        url = reverse("admin:outlook_outlook_change", args=[outlook.pk])
        html = editor_client.get(url).content.decode()
        assert admin_preview(outlook) in html
        assert "http://testserver/preview/" in html

    def test_anonymous_readers_still_get_a_404_on_the_real_url(self, client):
        outlook = complete_outlook()
        assert client.get(outlook.get_absolute_url()).status_code == 404
        response = client.get(admin_preview(outlook))
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))

    def test_an_issue_preview_shows_its_cover_with_the_outlooks_that_go_live_with_it(
        self, editor_client
    ):
        issue = IssueFactory(status=PublicationStatus.DRAFT, title="2027 Outlook")
        ready = complete_outlook(status=PublicationStatus.IN_REVIEW, issue=issue)
        draft = complete_outlook(issue=issue, profession__name="Left Behind")
        html = editor_client.get(admin_preview(issue)).content.decode()
        assert "<strong>Preview.</strong>" in html
        assert "2027 Outlook" in html
        assert ready.headline in html
        assert admin_preview(ready) in html
        assert draft.headline not in html

    def test_a_large_issue_preview_shows_the_cover_readers_will_see(self, editor_client):
        issue = IssueFactory(status=PublicationStatus.DRAFT)
        outlooks = [
            complete_outlook(status=PublicationStatus.IN_REVIEW, issue=issue)
            for _ in range(COVER_LIMIT + 1)
        ]
        html = editor_client.get(admin_preview(issue)).content.decode()
        assert html.count('class="toc__item"') == 2 * COVER_HIGHLIGHTS
        assert f"{COVER_LIMIT + 1} professions, each assessed task by task." in html
        shown = [outlook for outlook in outlooks if outlook.headline in html]
        assert len(shown) == 2 * COVER_HIGHLIGHTS
        assert all(admin_preview(outlook) in html for outlook in shown)
        # Its contents page does not exist for readers yet.
        assert issue.get_absolute_url() not in html

    def test_an_unknown_object_is_a_404(self, editor_client):
        assert (
            editor_client.get(reverse("admin:outlook_outlook_preview", args=[999999])).status_code
            == 404
        )


class TestSharedLinks:
    def test_someone_without_an_account_opens_a_draft_outlook(self, client):
        outlook = complete_outlook()
        response = client.get(preview_link(outlook))
        html = response.content.decode()
        assert response.status_code == 200
        assert "<strong>Preview.</strong>" in html
        assert outlook.headline in html
        assert "This preview link works until" in html
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert client.get(outlook.get_absolute_url()).status_code == 404

    def test_a_shared_issue_preview_links_to_shared_outlook_previews(self, client):
        issue = IssueFactory(status=PublicationStatus.DRAFT)
        outlook = complete_outlook(status=PublicationStatus.IN_REVIEW, issue=issue)
        html = client.get(preview_link(issue)).content.decode()
        assert preview_link(outlook) in html
        assert outlook.get_absolute_url() not in html
        assert client.get(preview_link(outlook)).status_code == 200

    def test_a_link_expires(self, client, settings):
        settings.PREVIEW_LINK_MAX_AGE = datetime.timedelta(days=7)
        outlook = complete_outlook()
        with time_machine.travel(MADE_AT, tick=False):
            link = preview_link(outlook)
        last_moment = MADE_AT + datetime.timedelta(days=7) - datetime.timedelta(seconds=1)
        with time_machine.travel(last_moment, tick=False):
            assert client.get(link).status_code == 200
        with time_machine.travel(MADE_AT + datetime.timedelta(days=7, seconds=1), tick=False):
            response = client.get(link)
        assert response.status_code == 410
        assert "This preview link has expired." in response.content.decode()

    def test_a_tampered_link_is_a_404(self, client):
        outlook = complete_outlook()
        other = complete_outlook(profession__name="Secret")
        token = preview_token(outlook)
        value, _, signature = token.rpartition(":")
        forged = preview_token(other).rpartition(":")[0] + ":" + signature
        assert client.get(reverse("outlook:preview", args=[forged])).status_code == 404
        assert client.get(reverse("outlook:preview", args=[token[:-1] + "x"])).status_code == 404

    @pytest.mark.parametrize(
        "make_token",
        [
            # Signed with another key: someone guessing our secret gets nowhere.
            lambda pk: signing.dumps({"kind": "outlook", "pk": pk}, key="x", salt=PREVIEW_SALT),
            # Our key, another salt: no other signed value of the site doubles as a link.
            lambda pk: signing.dumps({"kind": "outlook", "pk": pk}, salt="another.purpose"),
            # Correctly signed, but not a preview.
            lambda pk: signing.dumps({"kind": "user", "pk": pk}, salt=PREVIEW_SALT),
            lambda pk: signing.dumps(["outlook", pk], salt=PREVIEW_SALT),
            lambda pk: "not-a-token",
        ],
        ids=["other key", "other salt", "other kind", "other shape", "garbage"],
    )
    def test_a_forged_link_is_a_404(self, client, make_token):
        outlook = complete_outlook()
        url = reverse("outlook:preview", args=[make_token(outlook.pk)])
        assert client.get(url).status_code == 404

    def test_a_link_to_a_deleted_outlook_is_a_404(self, client):
        outlook = complete_outlook()
        link = preview_link(outlook)
        outlook.delete()
        assert client.get(link).status_code == 404
