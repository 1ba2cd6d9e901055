"""Every hostile or ordinary upload of tests/fixtures/uploads.py through the real form, as its table says."""

import io

import pytest
from django.conf import settings
from PIL import Image, ImageFile

from campaign.moderation import decisions
from campaign.stories.models import Submission
from tests.fixtures.uploads import NAMES, upload_bytes

from .factories import latest_submission, story_data, submit_url, upload

pytestmark = pytest.mark.django_db

ACCEPTED = {
    "photo_with_gps.jpg": (1200, 900),
    "photo_orientation6_gps.jpg": (900, 1200),  # turned upright: EXIF orientation 6 is a quarter turn
    "photo_with_exif.png": (400, 300),
    "photo_with_exif.webp": None,
    "cmyk_with_gps.jpg": (300, 200),
    "drawing_ok.png": (800, 600),
    "animated.gif": (64, 64),
    "polyglot_jpeg_html.jpg": (200, 150),
}
REFUSED = {
    "pixel_bomb_400mp.png": "too large",
    "pixel_81mp.png": "too large",
    "truncated.jpg": "damaged or incomplete",
    "empty.jpg": "empty",
    "not_an_image.jpg": "not a picture we can use",
    "page.png": "not a picture we can use",
    "script.svg": "not a picture we can use",
}
METADATA_MARKERS = (
    b"Exif",
    b"GPS",
    b"PhoneMaker",
    b"Model X",
    b"xmpmeta",
    b"ICC_PROFILE",
    b"<html",
    b"<script",
    b"2026:02:10",
)


def test_every_fixture_is_covered():
    assert set(NAMES) == set(ACCEPTED) | set(REFUSED)


def assert_clean(data: bytes):
    for marker in METADATA_MARKERS:
        assert marker not in data, marker
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert not image.getexif()
    assert not {"exif", "icc_profile", "xmp", "comment", "XML:com.adobe.xmp"} & set(image.info)


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_accepted_pictures_are_reencoded_without_metadata(
    name, client, stories_tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(submit_url(stories_tree.sections["eu"]), {**story_data(), "picture": upload(name)})
    assert response.status_code == 302, response.content.decode()[:2000]
    submission = latest_submission()
    stored = (settings.STORIES_PRIVATE_ROOT / submission.picture_name).read_bytes()
    assert_clean(stored)
    # The file as uploaded was never written anywhere: only the re-encoded one exists.
    original = upload_bytes(name)
    assert stored != original
    private_files = list(settings.STORIES_PRIVATE_ROOT.rglob("*"))
    assert [p.name for p in private_files if p.is_file()] == [submission.picture_name]
    expected = ACCEPTED[name]
    if expected:
        assert Image.open(io.BytesIO(stored)).size == expected
    # Nothing reaches public media before approval …
    assert not (settings.MEDIA_ROOT.exists() and any(p.is_file() for p in settings.MEDIA_ROOT.rglob("*")))
    with django_capture_on_commit_callbacks(execute=True):
        decisions.approve(submission.page.specific, stories_tree.users["eu-moderator"])
    submission.refresh_from_db()
    # … and after it only renditions, each clean.
    files = submission.public_picture["files"]
    assert files
    for rendition in files.values():
        assert_clean((settings.MEDIA_ROOT / rendition).read_bytes())
    if name == "photo_orientation6_gps.jpg":
        largest = max(files, key=int)
        width, height = Image.open(settings.MEDIA_ROOT / files[largest]).size
        assert height > width  # still upright after the metadata is gone


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_files_get_a_clear_message(name, client, stories_tree, monkeypatch):
    if name.startswith("pixel_"):
        # Refused from the header: decoding a single pixel fails the test.
        def no_decoding(self):
            raise AssertionError("the picture was decoded")

        monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    data = {**story_data(pen_name="Keep Me"), "picture": upload(name)}
    response = client.post(submit_url(stories_tree.sections["eu"]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert REFUSED[name] in page
    assert 'class="error-summary"' in page and 'href="#id_picture"' in page
    assert 'value="Keep Me"' in page  # nothing the young person typed is lost
    assert not Submission.objects.exists()
    assert not (settings.STORIES_PRIVATE_ROOT.exists() and any(settings.STORIES_PRIVATE_ROOT.iterdir()))


def test_pixel_limit_is_configurable(client, stories_tree, settings):
    settings.STORIES_MAX_PIXELS = 100_000
    response = client.post(
        submit_url(stories_tree.sections["eu"]), {**story_data(), "picture": upload("drawing_ok.png")}
    )
    assert response.status_code == 400
    assert "too large" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "message"),
    [("pixel_bomb_400mp.png", "TOO_MANY_PIXELS"), ("not_an_image.jpg", "NOT_A_PICTURE")],
)
def test_refusals_are_in_the_forms_language(name, message, client, stories_tree):
    from django.utils import translation
    from django.utils.html import escape

    from campaign.stories import pictures

    response = client.post(
        submit_url(stories_tree.sections["eu"], "fr"), {**story_data(pen_name="Garde-moi"), "picture": upload(name)}
    )
    assert response.status_code == 400
    page = response.content.decode()
    with translation.override("fr"):
        french = str(getattr(pictures, message)).split("%(")[0]
    with translation.override("en"):
        assert french != str(getattr(pictures, message)).split("%(")[0]  # a real translation
    assert escape(french) in page
    assert 'value="Garde-moi"' in page
