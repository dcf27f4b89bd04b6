"""Images: covers and profession images in the admin, editor uploads, renditions."""

from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from PIL import Image

from outlook.media.renditions import picture, rendition_widths
from outlook.models import Issue
from professions.models import Profession
from tests.factories import IssueFactory, OutlookFactory, ProfessionFactory
from tests.outlook.editors import content_editor
from tests.outlook.form_html import form_data
from tests.outlook.image_files import HOSTILE_FILES, png_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(content_editor())
    return client


def cataloguer():
    """A content editor who may also change professions."""
    user = content_editor("cataloguer")
    user.user_permissions.add(*Permission.objects.filter(codename="change_profession"))
    return user


def post_cover(client, issue, file, alt="A newsroom at dawn."):
    """Upload a cover in the admin, then run what its commit would (the renditions task)."""
    url = reverse("admin:outlook_issue_change", args=[issue.pk])
    data = form_data(client.get(url), "issue_form") | {"cover": file, "cover_alt": alt}
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data)


def stored_files(settings, folder):
    path = settings.MEDIA_ROOT / folder
    return sorted(path.iterdir()) if path.exists() else []


def test_a_cover_uploaded_in_the_admin_is_served_as_renditions(editor_client, client, settings):
    issue = IssueFactory()
    response = post_cover(editor_client, issue, upload("My Holiday.png", png_bytes(1600, 900)))
    assert response.status_code == 302, response.context and response.context["errors"]
    issue.refresh_from_db()
    assert issue.cover.name.startswith("covers/")
    assert "Holiday" not in issue.cover.name
    assert (issue.cover_width, issue.cover_height) == (1600, 900)

    html = client.get(reverse("outlook:home")).content.decode()
    stem = issue.cover.name.removeprefix("covers/").removesuffix(".png")
    assert f"/media/renditions/{stem}-400w.webp 400w, /media/renditions/{stem}-1200w.webp" in html
    assert f'src="/media/renditions/{stem}-1200w.jpg"' in html
    assert 'width="1200" height="675" alt="A newsroom at dawn."' in html
    with default_storage.open(f"renditions/{stem}-400w.jpg") as file, Image.open(file) as image:
        assert (image.format, image.size) == ("JPEG", (400, 225))
    with default_storage.open(f"renditions/{stem}-1200w.webp") as file, Image.open(file) as image:
        assert (image.format, image.size) == ("WEBP", (1200, 675))


def test_a_cover_needs_its_alt_text(editor_client, settings):
    issue = IssueFactory()
    response = post_cover(editor_client, issue, upload("a.png", png_bytes()), alt="  ")
    assert response.status_code == 200
    assert "Describe the image for readers who cannot see it." in response.content.decode()
    issue.refresh_from_db()
    assert not issue.cover
    assert stored_files(settings, "covers") == []


@pytest.mark.parametrize("case", HOSTILE_FILES)
def test_the_admin_refuses_hostile_cover_files_with_a_reason(editor_client, settings, case):
    name, content, content_type, message = HOSTILE_FILES[case]
    response = post_cover(editor_client, IssueFactory(), upload(name, content, content_type))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert stored_files(settings, "covers") == []
    assert not Issue.objects.exclude(cover="").exists()


@pytest.mark.parametrize("case", HOSTILE_FILES)
def test_the_admin_refuses_hostile_profession_images(client, settings, case):
    client.force_login(cataloguer())
    profession = ProfessionFactory()
    url = reverse("admin:professions_profession_change", args=[profession.pk])
    name, content, content_type, message = HOSTILE_FILES[case]
    data = form_data(client.get(url), "profession_form") | {
        "image": upload(name, content, content_type),
        "image_alt": "Someone at work.",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert stored_files(settings, "professions") == []


def test_a_profession_image_uploaded_in_the_admin_has_a_picture(client, settings):
    client.force_login(cataloguer())
    profession = ProfessionFactory()
    url = reverse("admin:professions_profession_change", args=[profession.pk])
    data = form_data(client.get(url), "profession_form") | {
        "image": upload("me.png", png_bytes(800, 400)),
        "image_alt": "A developer at a standing desk.",
    }
    assert client.post(url, data).status_code == 302
    profession = Profession.objects.get(pk=profession.pk)
    result = profession.picture
    assert result.alt == "A developer at a standing desk."
    # Never upscaled: an 800 px original gets a 400 and an 800 px rendition.
    assert [(r.width, r.height) for r in result.jpeg] == [(400, 200), (800, 400)]
    assert result.webp_srcset.endswith("-800w.webp 800w")


@pytest.mark.parametrize("case", HOSTILE_FILES)
def test_the_markdown_editor_refuses_hostile_files(editor_client, settings, case):
    name, content, content_type, message = HOSTILE_FILES[case]
    response = editor_client.post(
        "/markdownx/upload/", {"image": upload(name, content, content_type)}
    )
    assert response.status_code == 400
    assert message in response.json()["image"][0]
    assert stored_files(settings, "markdownx") == []


def test_a_transparent_png_gets_a_white_jpeg_fallback(editor_client):
    issue = IssueFactory()
    file = upload("clear.png", png_bytes(500, 500, mode="RGBA"))
    assert post_cover(editor_client, issue, file).status_code == 302
    issue.refresh_from_db()
    fallback = issue.cover_picture.fallback
    assert (fallback.width, fallback.height) == (500, 500)
    path = fallback.url.removeprefix("/media/")
    with default_storage.open(path) as stored, Image.open(stored) as image:
        assert image.mode == "RGB"


def test_no_image_means_no_picture():
    issue = IssueFactory()
    assert issue.cover_picture is None
    assert picture(issue.cover, alt="", width=None, height=None) is None
    assert rendition_widths(300) == [300]
    assert rendition_widths(5000) == [400, 1200]


def test_pages_never_touch_the_storage_for_renditions(client, editor_client, monkeypatch):
    issue = IssueFactory()
    post_cover(editor_client, issue, upload("a.png", png_bytes(600, 300)))

    def no_storage_calls(*args, **kwargs):
        raise AssertionError("a page view asked the storage")

    # With object storage each of these is a network round trip.
    for method in ("exists", "open", "save"):
        monkeypatch.setattr(default_storage, method, no_storage_calls)
    response = client.get(reverse("outlook:home"))
    assert response.status_code == 200
    assert "<picture" in response.content.decode()


def test_a_lost_cover_file_does_not_stop_its_issue_saving(editor_client):
    issue = IssueFactory()
    post_cover(editor_client, issue, upload("a.png", png_bytes(600, 300)))
    issue = Issue.objects.get(pk=issue.pk)
    default_storage.delete(issue.cover.name)
    for name in default_storage.listdir("renditions")[1]:
        default_storage.delete(f"renditions/{name}")
    issue.title = "Renamed after the files were lost"
    issue.save()
    assert Issue.objects.get(pk=issue.pk).title == "Renamed after the files were lost"


def test_missing_renditions_are_made_by_the_command(editor_client, client, settings):
    issue = IssueFactory()
    post_cover(editor_client, issue, upload("a.png", png_bytes(1600, 900)))
    issue.refresh_from_db()
    for name in default_storage.listdir("renditions")[1]:
        default_storage.delete(f"renditions/{name}")
    call_command("make_renditions", stdout=StringIO())
    assert len(default_storage.listdir("renditions")[1]) == 4
    for url in issue.cover_picture.webp_srcset.split(", "):
        assert default_storage.exists(url.split()[0].removeprefix("/media/"))


def test_the_home_page_with_a_cover_runs_a_fixed_number_of_queries(
    client, editor_client, django_assert_max_num_queries
):
    issue = IssueFactory()
    post_cover(editor_client, issue, upload("a.png", png_bytes(600, 300)))
    # prevents N+1: the cover costs no query; its size is kept on the issue.
    with django_assert_max_num_queries(3):
        response = client.get(reverse("outlook:home"))
    assert "<picture" in response.content.decode()


def test_an_uploaded_image_needs_a_description_before_the_outlook_saves(editor_client):
    code = editor_client.post("/markdownx/upload/", {"image": upload("a.png", png_bytes())})
    image_code = code.json()["image_code"]
    outlook = OutlookFactory()
    url = reverse("admin:outlook_outlook_change", args=[outlook.pk])
    data = form_data(editor_client.get(url), "outlook_form")

    refused = editor_client.post(url, data | {"body": f"Intro.\n\n{image_code}"})
    assert refused.status_code == 200
    assert "Each image needs alt text" in refused.content.decode()

    described = image_code.replace("Describe this image", "A chart of adoption by year")
    saved = editor_client.post(
        url, form_data(refused, "outlook_form") | {"body": f"Intro.\n\n{described}"}
    )
    assert saved.status_code == 302
    outlook.refresh_from_db()
    assert "A chart of adoption by year" in outlook.body
