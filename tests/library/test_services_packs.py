"""Packs on the production path: a real Celery worker on Redis and PostgreSQL.

Run with ``pytest -m services`` (DATABASE_URL and REDIS_URL set). The data is committed
(``transactional_db``) because the worker is another process.
"""

import io
import os
import threading
import time
import zipfile

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.utils import translation

from campaign.packs.builder import TEMP_PREFIX
from campaign.packs.models import PackBuild
from campaign.packs.models.builds import packs_storage, scratch_dir
from campaign.packs.tasks import cleanup_pack_builds
from tests.library import factories as f

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

# Incompressible files make a build take a few seconds: long enough to kill it midway.
BIG_FILE_BYTES = 6 * 1024 * 1024


def wait_for(predicate, timeout=60.0, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("timed out waiting")


def ask(ids, language="fr"):
    response = Client().post("/fr/packs/request/", {"item": [str(i) for i in ids], "language": language})
    assert response.status_code == 302, response.content[:500]
    return response["Location"].rstrip("/").rsplit("/", 1)[-1]


@pytest.fixture
def tree():
    translation.activate("en")
    return f.build_library_tree()


def test_five_simultaneous_requests_make_exactly_one_build(celery_worker, tree):
    ids = [tree.fr_grooming.pk, tree.en_only.pk, tree.guide.pk]
    keys, errors = [], []
    barrier = threading.Barrier(5)

    def teacher():
        try:
            barrier.wait()
            keys.append(ask(ids))
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=teacher) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors and len(set(keys)) == 1 and len(keys) == 5
    build = wait_for(lambda: PackBuild.objects.filter(key=keys[0], status="ready").first(), 60)
    assert PackBuild.objects.count() == 1
    assert build.attempts == 1, celery_worker.log()
    with zipfile.ZipFile(build.open()) as archive:
        names = archive.namelist()
    assert "index.html" in names and any(name.endswith(".fr.txt") for name in names)
    download = Client().get(f"/fr/packs/builds/{build.key}/download/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert archive.testzip() is None


def test_killing_the_worker_mid_build_leaves_no_partial_file_and_retry_completes(celery_worker, tree):
    index = tree.libraries["eu"]
    pages = [
        f.resource(index, {"en": {"title": f"Big {n}", "summary": "big"}}, files={"en": os.urandom(BIG_FILE_BYTES)})
        for n in range(8)
    ]
    key = ask([page.pk for page in pages], language="en")
    build = wait_for(lambda: PackBuild.objects.filter(key=key, status="building", progress__gte=1).first(), 60)
    celery_worker.kill()
    assert not packs_storage().exists(f"{key}.zip")  # nobody can download half a file
    build.refresh_from_db()
    assert build.status == "building" and build.progress < len(pages)
    partial = list(scratch_dir().glob(f"{TEMP_PREFIX}{key}-*"))
    assert partial, "the interrupted build's temporary file should be all there is"
    assert Client().get(f"/fr/packs/builds/{key}/download/").status_code == 302  # back to the status page

    # The periodic cleanup, once the lease has passed, queues the build again and removes the
    # dead run's partial file. (Run while the worker is down: a restarted worker of the same
    # name takes its interrupted run over at once, and a lease of 0 would make the cleanup
    # delete that new run's file under it — a race of the test's own making, never of a real
    # lease, which outlasts the longest build.)
    with override_settings(SID_PACK_BUILD_LEASE_SECONDS=0):
        assert cleanup_pack_builds()["requeued"] == 1
    assert not list(scratch_dir().glob(f"{TEMP_PREFIX}{key}-*"))
    celery_worker.start()
    done = wait_for(lambda: PackBuild.objects.filter(key=key, status="ready").first(), 120)
    assert done.attempts == 2
    with zipfile.ZipFile(done.open()) as archive:
        assert archive.testzip() is None
        assert len([n for n in archive.namelist() if n.startswith("files/")]) == len(pages)
