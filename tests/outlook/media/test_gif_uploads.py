"""GIFs are stored re-encoded like other images, and every frame counts toward the pixel limit."""

import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image, ImageSequence

from tests.outlook.image_files import upload

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/markdownx/upload/"


def animated_gif(frames: int, width: int = 20, height: int = 10) -> bytes:
    colours = ["red", "green", "blue", "white", "black"]
    images = [Image.new("RGB", (width, height), colours[i % 5]) for i in range(frames)]
    buffer = io.BytesIO()
    images[0].save(
        buffer, format="GIF", save_all=True, append_images=images[1:], duration=80, loop=0
    )
    return buffer.getvalue()


def stored_file(response) -> bytes:
    url = response.json()["image_code"].split("](")[1].rstrip(")")
    name = url.removeprefix("/media/")
    with default_storage.open(name) as stored:
        return stored.read()


def test_a_script_after_a_gif_is_not_stored(admin_client):
    hostile = animated_gif(3) + b"<script>alert(document.cookie)</script>"
    response = admin_client.post(UPLOAD_URL, {"image": upload("a.gif", hostile, "image/gif")})
    assert response.status_code == 200
    stored = stored_file(response)
    assert b"<script" not in stored
    assert stored != hostile[: len(stored)]


def test_a_re_encoded_gif_keeps_its_frames_and_timing(admin_client):
    response = admin_client.post(
        UPLOAD_URL, {"image": upload("a.gif", animated_gif(3), "image/gif")}
    )
    with Image.open(io.BytesIO(stored_file(response))) as image:
        assert image.format == "GIF"
        assert image.n_frames == 3
        assert [frame.info["duration"] for frame in ImageSequence.Iterator(image)] == [80] * 3


def test_a_gif_polyglot_header_does_not_survive(admin_client):
    # "GIF8?a/*": a header that is also the start of a JavaScript comment, claiming a
    # 10 799 pixel wide image. Stored, it becomes an ordinary GIF of at most 2 400 pixels.
    image = Image.new("RGB", (10799, 2), "red")
    buffer = io.BytesIO()
    image.save(buffer, format="GIF")
    polyglot = buffer.getvalue() + b"*/=1;alert(1)//"
    assert polyglot[6:8] == b"/*"
    response = admin_client.post(UPLOAD_URL, {"image": upload("p.gif", polyglot, "image/gif")})
    stored = stored_file(response)
    assert stored[6:8] != b"/*"
    assert b"alert" not in stored


def test_every_frame_counts_toward_the_pixel_limit(admin_client, settings):
    settings.IMAGE_MAX_PIXELS = 1000  # a 20×10 frame is 200 pixels
    accepted = admin_client.post(
        UPLOAD_URL, {"image": upload("five.gif", animated_gif(5), "image/gif")}
    )
    assert accepted.status_code == 200
    refused = admin_client.post(
        UPLOAD_URL, {"image": upload("six.gif", animated_gif(6), "image/gif")}
    )
    assert refused.status_code == 400
    assert "in each of 6 frames" in refused.json()["image"][0]
