"""A multi-picture JPEG (MPO, what several phones save) goes through the story form like a
JPEG: its first frame is kept, re-encoded as a plain JPEG without metadata; nothing of the
other frames survives. The MPO is made here with Pillow, with EXIF (GPS) on the first frame."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from .factories import latest_submission, story_data, submit_url
from .test_uploads import assert_clean

pytestmark = pytest.mark.django_db


def make_mpo() -> bytes:
    first = Image.new("RGB", (320, 240), (200, 30, 30))
    second = Image.new("RGB", (320, 240), (30, 30, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPS IFD: latitude
    buffer = io.BytesIO()
    first.save(buffer, format="MPO", save_all=True, append_images=[second], exif=exif)
    return buffer.getvalue()


def test_generated_file_is_a_two_frame_mpo():
    image = Image.open(io.BytesIO(make_mpo()))
    assert image.format == "MPO" and image.n_frames == 2
    assert image.getexif().get(0x010F) == "PhoneMaker"


def test_mpo_photo_goes_through_the_story_form_like_a_jpeg(client, stories_tree, django_capture_on_commit_callbacks):
    data = make_mpo()
    picture = SimpleUploadedFile("IMG_0001.JPG", data, content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(submit_url(stories_tree.sections["eu"]), {**story_data(), "picture": picture})
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = (settings.STORIES_PRIVATE_ROOT / latest_submission().picture_name).read_bytes()
    assert_clean(stored)  # a plain JPEG, no EXIF/GPS
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG" and getattr(image, "n_frames", 1) == 1
    assert image.size == (320, 240)
    red, green, blue = image.convert("RGB").getpixel((160, 120))
    assert red > 150 and blue < 80  # the first frame (red), not the second (blue)
    assert b"MPF" not in stored  # no multi-picture index left
