"""Exports on the production path: PostgreSQL, Redis broker, a real Celery worker process."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from translations.models import ExportJob

from .factories import guide_page

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def wait_for(job: ExportJob, timeout: float = 60) -> ExportJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in (ExportJob.Status.READY, ExportJob.Status.FAILED):
            return job
        time.sleep(0.5)
    raise AssertionError(f"export {job.pk} still {job.status} after {timeout}s")


def test_export_is_built_by_the_worker_and_downloaded(client, site_tree, celery_worker):  # noqa: F811
    page = guide_page(site_tree.regions["latam"])
    client.force_login(site_tree.users["latam-coordinator"])
    response = client.post(
        reverse("sid_translations:export_create"),
        {"region": "latam", "language": "pt", "file_format": "po", "scope": "missing"},
    )
    job = ExportJob.objects.get()
    assert response.url == reverse("sid_translations:export_detail", args=(job.pk,))
    job = wait_for(job)
    assert job.status == ExportJob.Status.READY, job.error
    download = client.get(reverse("sid_translations:export_download", args=(job.pk,)))
    assert f"sitecontent.standardpage:{page.pk}:title" in download.content.decode()
    assert "build_export" in celery_worker.log()


def test_export_queued_while_the_worker_is_down_is_built_when_it_returns(client, site_tree, celery_worker):  # noqa: F811
    guide_page(site_tree.regions["latam"])
    client.force_login(site_tree.users["latam-coordinator"])
    celery_worker.stop()
    try:
        response = client.post(
            reverse("sid_translations:export_create"),
            {"region": "latam", "language": "pt", "file_format": "xliff", "scope": "missing"},
        )
        assert response.status_code == 302  # the coordinator gets an answer at once
        job = ExportJob.objects.get()
        assert job.status == ExportJob.Status.PENDING
        assert "being prepared" in client.get(response.url).content.decode()
    finally:
        celery_worker.start()
    assert wait_for(job).status == ExportJob.Status.READY
