"""The Markdown editor's preview and upload endpoints are for content staff only."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PREVIEW_URL = "/markdownx/markdownify/"
UPLOAD_URL = "/markdownx/upload/"


def png_bytes(width=20, height=10) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_anonymous_preview_is_refused(client):
    assert client.post(PREVIEW_URL, {"content": "**hi**"}).status_code == 403


def test_anonymous_upload_is_refused(client, settings):
    response = client.post(UPLOAD_URL, {"image": upload("a.png", png_bytes())})
    assert response.status_code == 403
    assert not (settings.MEDIA_ROOT / "markdownx").exists()


def test_staff_without_content_permissions_are_refused(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.post(PREVIEW_URL, {"content": "x"}).status_code == 403


def test_preview_renders_sanitised_markdown_for_editors(admin_client):
    response = admin_client.post(
        PREVIEW_URL, {"content": "**bold** <script>alert(1)</script> [x](javascript:alert(1))"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>bold</strong>" in html
    assert "<script" not in html
    assert 'href="javascript:' not in html


@pytest.mark.parametrize("data", [{}, {"text": "wrong field"}])
def test_a_malformed_preview_request_is_a_400(admin_client, data):
    response = admin_client.post(PREVIEW_URL, data)
    assert response.status_code == 400
    assert b"content" in response.content


def test_a_preview_get_is_not_allowed(admin_client):
    assert admin_client.get(PREVIEW_URL).status_code == 405


def test_an_editor_uploads_a_png_under_a_random_name(admin_client, settings):
    response = admin_client.post(UPLOAD_URL, {"image": upload("My Photo.html", png_bytes())})
    assert response.status_code == 200
    code = response.json()["image_code"]
    assert code.startswith("![Describe this image](/media/markdownx/")
    assert code.endswith(".png)")
    assert "My Photo" not in code
    stored = list((settings.MEDIA_ROOT / "markdownx").iterdir())
    assert len(stored) == 1
    with Image.open(stored[0]) as image:
        assert image.size == (20, 10)


@pytest.mark.parametrize(
    ("name", "content", "content_type", "message"),
    [
        ("fake.png", b"this is not an image at all", "image/png", "not a valid image"),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml",
            "SVG",
        ),
        ("logo.png", b'<?xml version="1.0"?><svg></svg>', "image/png", "SVG"),
    ],
)
def test_uploads_that_are_not_raster_images_are_refused(
    admin_client, settings, name, content, content_type, message
):
    response = admin_client.post(UPLOAD_URL, {"image": upload(name, content, content_type)})
    assert response.status_code == 400
    assert message in response.json()["image"][0]
    assert not (settings.MEDIA_ROOT / "markdownx").exists()


def test_an_upload_over_the_size_cap_is_refused(admin_client, settings):
    settings.MARKDOWNX_UPLOAD_MAX_SIZE = 100
    response = admin_client.post(UPLOAD_URL, {"image": upload("a.png", png_bytes(200, 200))})
    assert response.status_code == 400
    assert "the limit is" in response.json()["image"][0]


def test_an_image_over_the_pixel_cap_is_refused(admin_client, settings):
    settings.IMAGE_MAX_PIXELS = 100
    response = admin_client.post(UPLOAD_URL, {"image": upload("a.png", png_bytes(20, 10))})
    assert response.status_code == 400
    assert "pixels" in response.json()["image"][0]


def test_a_missing_file_is_a_400(admin_client):
    assert admin_client.post(UPLOAD_URL, {}).status_code == 400
