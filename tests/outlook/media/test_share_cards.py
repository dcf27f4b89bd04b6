"""Share cards: drawn by a task after publishing events, renamed when what they show changes."""

import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from outlook.media import share_cards
from outlook.media.share_cards import ShareCard
from outlook.models import PublicationStatus
from tests.factories import IssueFactory
from tests.outlook.form_html import form_data
from tests.outlook.helpers import complete_outlook
from tests.task_helpers import run_ready_tasks

pytestmark = pytest.mark.django_db


def step_url(obj, step: str) -> str:
    name = "outlook" if obj._meta.model_name == "outlook" else "issue"
    return reverse(f"admin:outlook_{name}_workflow", args=[obj.pk, step])


def card_of(outlook) -> ShareCard:
    return ShareCard.objects.get(outlook=outlook)


def image_size(card: ShareCard) -> tuple[int, int]:
    with Image.open(settings.MEDIA_ROOT / card.image.name) as image:
        return image.size


def edit_verdict(editor_client, outlook, verdict: str) -> None:
    url = reverse("admin:outlook_outlook_change", args=[outlook.pk])
    data = form_data(editor_client.get(url), "outlook_form")
    data["verdict"] = verdict
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]


def test_publishing_draws_a_card_that_the_page_names(editor_client, client, after_commit):
    outlook = complete_outlook()
    assert not ShareCard.objects.exists()  # a draft has none
    with after_commit():
        assert editor_client.post(step_url(outlook, "publish")).status_code == 302
    card = card_of(outlook)
    assert image_size(card) == (1200, 630)
    assert card.image.name.startswith(f"share-cards/outlook-{outlook.pk}-")

    html = client.get(outlook.get_absolute_url()).content.decode()
    url = f"http://testserver{settings.MEDIA_URL}{card.image.name}"
    assert f'<meta property="og:image" content="{url}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<meta name="twitter:image" content="{url}">' in html
    blocks = html.split('<script type="application/ld+json">')[1:]
    article = next(
        data
        for data in (json.loads(block.split("</script>")[0]) for block in blocks)
        if data.get("@type") == "Article"
    )
    assert article["image"] == [url]


def test_a_new_verdict_gets_a_new_file_name_and_the_old_file_stays(editor_client, after_commit):
    outlook = complete_outlook(status=PublicationStatus.PUBLISHED)
    with after_commit():
        edit_verdict(editor_client, outlook, "Not this year.")
    first = card_of(outlook).image.name
    with after_commit():
        edit_verdict(editor_client, outlook, "Partly: drafting is automated, judgement is not.")
    second = card_of(outlook).image.name
    assert second != first
    assert (settings.MEDIA_ROOT / first).exists()
    assert image_size(card_of(outlook)) == (1200, 630)


def test_an_edit_that_changes_nothing_on_the_card_keeps_its_name(editor_client, after_commit):
    outlook = complete_outlook(status=PublicationStatus.PUBLISHED)
    with after_commit():
        edit_verdict(editor_client, outlook, "Not this year.")
    first = card_of(outlook).image.name
    url = reverse("admin:outlook_outlook_change", args=[outlook.pk])
    data = form_data(editor_client.get(url), "outlook_form")
    data["body"] = "Longer analysis, not on the card."
    with after_commit():
        assert editor_client.post(url, data).status_code == 302
    assert card_of(outlook).image.name == first


def test_a_worker_draws_the_card_when_tasks_are_queued(database_queue, editor_client, after_commit):
    outlook = complete_outlook()
    with after_commit():
        assert editor_client.post(step_url(outlook, "publish")).status_code == 302
    assert not ShareCard.objects.exists()  # queued, not drawn in the request
    assert run_ready_tasks() >= 1
    assert image_size(card_of(outlook)) == (1200, 630)


def test_an_issue_gets_a_card_on_its_page(editor_client, client, after_commit):
    issue = IssueFactory(status=PublicationStatus.DRAFT, go_live_at=None)
    complete_outlook(issue=issue, status=PublicationStatus.PUBLISHED)
    with after_commit():
        assert editor_client.post(step_url(issue, "publish")).status_code == 302
    card = ShareCard.objects.get(issue=issue)
    assert image_size(card) == (1200, 630)
    html = client.get(issue.get_absolute_url()).content.decode()
    assert f'<meta property="og:image" content="http://testserver/media/{card.image.name}">' in html


def test_without_the_dejavu_font_pillows_own_font_draws_the_card(monkeypatch, tmp_path):
    monkeypatch.setattr(share_cards, "FONT_DIR", tmp_path / "no-fonts-here")
    outlook = complete_outlook(status=PublicationStatus.PUBLISHED)
    share_cards.draw_share_card.call("outlook", outlook.pk)
    assert image_size(card_of(outlook)) == (1200, 630)


def test_the_command_draws_missing_cards_once():
    outlook = complete_outlook(status=PublicationStatus.PUBLISHED)
    draft = complete_outlook(profession__name="Nurse")
    call_command("draw_share_cards", stdout=io.StringIO())
    first = card_of(outlook).image.name
    assert image_size(card_of(outlook)) == (1200, 630)
    assert ShareCard.objects.filter(issue=outlook.issue).exists()
    assert not ShareCard.objects.filter(outlook=draft).exists()
    call_command("draw_share_cards", stdout=io.StringIO())
    assert card_of(outlook).image.name == first
