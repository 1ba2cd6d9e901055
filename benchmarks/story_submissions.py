"""Submissions per second the story form sustains, with pictures; processing in the background.

python benchmarks/story_submissions.py [count]

Each request runs the real form: CSRF-exempt test client, rate limit on, text normalised,
the picture header-checked, decoded, turned upright and re-encoded (in the request, so the
file as uploaded is never stored), one transaction, then the task handed to the broker. The
broker hand-off is stubbed out (it is one Redis LPUSH); the background work is measured
separately: scan, draft page and the region's workflow, per submission.
"""

import io
import sys
import time

from support import setup_django

setup_django()

from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.test import Client  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

from campaign.stories import pipeline, tasks  # noqa: E402
from campaign.stories.models import Submission  # noqa: E402
from tests.factories import build_site_tree  # noqa: E402
from tests.fixtures.uploads import upload_bytes  # noqa: E402
from tests.stories.factories import add_story_sections, story_data  # noqa: E402


def phone_photo(width=4000, height=3000) -> bytes:
    """A 12 MP JPEG like a phone's, with detail so it does not compress to nothing."""
    image = Image.new("RGB", (width, height), (120, 160, 200))
    draw = ImageDraw.Draw(image)
    for step in range(0, width, 40):
        draw.line((step, 0, width - step, height), fill=(step % 255, 90, 200 - step % 200), width=7)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def run(client, url, count, name, content):
    started = time.perf_counter()
    for number in range(count):
        data = {**story_data(title=f"Benchmark story {number}"), "picture": SimpleUploadedFile(name, content)}
        response = client.post(url, data, REMOTE_ADDR="10.1.0.1")
        assert response.status_code == 302, response.content[:500]
    return time.perf_counter() - started


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    settings.STORIES_RATE_LIMIT = "100000/h"
    queued = []
    tasks._send = lambda task, args: queued.append(args)  # the broker hand-off (see docstring)
    tree = build_site_tree()
    section = add_story_sections(tree)["eu"]
    url = section.url + "submit/"
    client = Client()
    print(f"{'picture':<34} {'n':>4} {'per second':>11} {'ms each':>8}")
    cases = [
        ("photo_with_gps.jpg (1200x900)", "photo.jpg", upload_bytes("photo_with_gps.jpg")),
        ("drawing_ok.png (800x600)", "drawing.png", upload_bytes("drawing_ok.png")),
        ("phone photo 4000x3000 (12 MP)", "phone.jpg", phone_photo()),
    ]
    for label, name, content in cases:
        seconds = run(client, url, count, name, content)
        print(f"{label:<34} {count:>4} {count / seconds:>11.1f} {seconds / count * 1000:>8.1f}")
    started = time.perf_counter()
    for number in range(count):
        response = client.post(url, story_data(title=f"No picture {number}"), REMOTE_ADDR="10.1.0.2")
        assert response.status_code == 302
    seconds = time.perf_counter() - started
    print(f"{'no picture':<34} {count:>4} {count / seconds:>11.1f} {seconds / count * 1000:>8.1f}")

    ids = list(Submission.objects.filter(status=Submission.Status.RECEIVED).values_list("pk", flat=True)[:count])
    started = time.perf_counter()
    for submission_id in ids:
        pipeline.process(submission_id)
    seconds = time.perf_counter() - started
    print(f"background processing (scan, draft page, workflow): {len(ids) / seconds:.1f} per second per worker")
    print(f"queued for the worker: {len(queued)} messages; database: {settings.DATABASES['default']['ENGINE']}")


if __name__ == "__main__":
    main()
