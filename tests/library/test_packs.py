"""Teacher packs: build keys, ZIP contents, one build per key, atomic writes, bad inputs,
downloads, rebuild on publish, cleanup."""

import html
import io
import os
import re
import zipfile
from datetime import timedelta
from unittest import mock

from django.test import override_settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from campaign.packs import builder
from campaign.packs.models import PackBuild, PackDownloadCount
from campaign.packs.models.builds import packs_storage, scratch_dir
from campaign.packs.selection import Selection, build_key, resolve_selection
from campaign.packs.tasks import build_pack, cleanup_pack_builds, rebuild_packs_containing
from tests.texts import in_language

from . import factories as f
from .cases import LibraryTestCase


def zip_of(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


class PackTestCase(LibraryTestCase):
    def ask(self, ids, language="fr", prefix="fr", **extra):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                f"/{prefix}/packs/request/", {"item": [str(i) for i in ids], "language": language, **extra}
            )

    def key_from(self, response):
        return re.search(r"/packs/builds/([0-9a-f]{64})/", response["Location"]).group(1)


class TestBuildKeys(PackTestCase):
    def test_same_selection_same_key_whatever_the_order(self):
        t = self.tree
        a = Selection(pages=[t.fr_grooming, t.guide], language="fr")
        b = Selection(pages=[t.guide, t.fr_grooming], language="fr")
        assert a.key == b.key
        assert Selection(pages=[t.fr_grooming, t.guide], language="de").key != a.key

    def test_republishing_an_item_changes_the_key(self):
        page = self.tree.fr_grooming
        before = build_key([[page.pk, page.live_revision_id]], "fr")
        page.save_revision().publish()
        page.refresh_from_db()
        assert build_key([[page.pk, page.live_revision_id]], "fr") != before


class TestPackBuild(PackTestCase):
    def test_teacher_gets_a_french_pack_with_marked_fallbacks_and_offline_index(self):
        t = self.tree
        response = self.ask([t.fr_grooming.pk, t.en_only.pk, t.guide.pk])
        assert response.status_code == 302
        key = self.key_from(response)
        status = self.client.get(response["Location"])
        html = status.content.decode()
        assert "http-equiv" not in html  # ready: no more refreshing
        download_url = re.search(r'href="([^"]*download/[^"]*)"', html).group(1)
        archive = zip_of(self.client.get(download_url))
        names = archive.namelist()
        french = [n for n in names if n.startswith("files/01-")]
        assert french == [f"files/01-{t.fr_grooming.slug}.fr.txt"]
        assert archive.read(french[0]) == b"fichier francais"
        fallback = [n for n in names if n.startswith("files/02-")]
        assert fallback == [f"files/02-{t.en_only.slug}.fallback-en.txt"]
        guide = [n for n in names if n.startswith("guides/")]
        assert len(guide) == 1
        guide_html = archive.read(guide[0]).decode()
        assert 'lang="fr"' in guide_html and "Parler du pédopiégeage" in guide_html and "<style>" in guide_html
        assert "What should Sam do?" in guide_html
        index = archive.read("index.html").decode()
        assert 'lang="fr"' in index and "<style>" in index
        assert "Repérer le pédopiégeage" in index and "Comment un prédateur gagne la confiance." in index
        fallback_note = in_language(
            "Fallback: this file is in %(shown)s, because it does not exist in the language of this pack yet.", "fr"
        ).split("%(")[0]
        assert fallback_note.strip() and fallback_note in index
        # Offline: every link is relative and points at a file inside the ZIP; no remote assets.
        links = re.findall(r'(?:href|src)="([^"]+)"', index)
        assert links and all(link in names for link in links)
        assert "<link" not in index and "<script" not in index
        assert PackBuild.objects.get(key=key).status == PackBuild.Status.READY

    def test_index_gives_every_items_licence_and_source_in_the_pack_language(self):
        t = self.tree
        credited = f.resource(
            t.libraries["eu"],
            {
                "en": {"title": "Credited", "summary": "With a source."},
                "fr": {"title": "Crédité", "summary": "Sourcé."},
            },
            files={"fr": b"x"},
            licence="cc-by-sa",
            source="Childnet",
            source_url="https://www.childnet.com/resources",
        )
        response = self.ask([credited.pk, t.fr_grooming.pk])
        with zipfile.ZipFile(PackBuild.objects.get(key=self.key_from(response)).open()) as archive:
            index = archive.read("index.html").decode()
        with translation.override("fr"):
            from sitecontent.library.vocabulary import LICENCES

            labels = {code: str(label) for code, label in LICENCES}
            licence_word = translation.gettext("Licence:")
        assert index.count(licence_word) == 2
        assert labels["cc-by-sa"] in index and labels["cc-by-nc"] in index  # fr_grooming: the default
        assert "Childnet" in index and "https://www.childnet.com/resources" in index

    def test_asking_again_builds_nothing_new(self):
        t = self.tree
        first = self.ask([t.fr_grooming.pk, t.guide.pk])
        second = self.ask([t.guide.pk, t.fr_grooming.pk])
        assert self.key_from(first) == self.key_from(second)
        build = PackBuild.objects.get()
        assert build.attempts == 1

    def test_arabic_pack_index_is_right_to_left(self):
        response = self.ask([self.tree.fr_grooming.pk], language="ar")
        key = self.key_from(response)
        with zipfile.ZipFile(PackBuild.objects.get(key=key).open()) as archive:
            assert 'dir="rtl"' in archive.read("index.html").decode()

    def test_status_page_refreshes_while_building(self):
        t = self.tree
        with mock.patch("outbox.core.send"):  # the broker never gets it: the build waits
            response = self.ask([t.fr_grooming.pk])
        html = self.client.get(response["Location"]).content.decode()
        assert '<meta http-equiv="refresh" content="3">' in html
        assert in_language("%(done)s of %(total)s items packed.", "fr") % {"done": 0, "total": 1} in html

    def test_a_failed_write_leaves_no_file_and_a_retry_completes(self):
        t = self.tree
        real_copy = builder._copy_into
        calls = {"n": 0}

        def crash_on_second(zf, arcname, field_file):
            calls["n"] += 1
            if calls["n"] == 2:
                raise OSError("disk full")
            return real_copy(zf, arcname, field_file)

        with mock.patch.object(builder, "_copy_into", crash_on_second):
            response = self.ask([t.fr_grooming.pk, t.en_only.pk])
        build = PackBuild.objects.get(key=self.key_from(response))
        assert build.status == PackBuild.Status.FAILED
        assert not build.stored() and packs_storage().listdir("") == ([], [])
        assert list(scratch_dir().iterdir()) == []  # no temporary file left either
        html = self.client.get(response["Location"]).content.decode()
        assert in_language("We could not make this pack", "fr") in html
        # Asking again queues the same key again, and it completes.
        self.ask([t.fr_grooming.pk, t.en_only.pk])
        build.refresh_from_db()
        assert build.status == PackBuild.Status.READY and build.stored() and build.attempts == 2

    def test_the_final_name_only_ever_appears_complete(self):
        from sid import storage

        seen = []
        real_replace = storage.replace

        def spy(store, name, content):
            seen.append((name, store.exists(name), zipfile.is_zipfile(content)))
            content.seek(0)
            return real_replace(store, name, content)

        with mock.patch.object(storage, "replace", spy):
            response = self.ask([self.tree.fr_grooming.pk])
        build = PackBuild.objects.get(key=self.key_from(response))
        # Stored once, complete, under its final name in the "packs" storage, which held
        # nothing under that name before (the ZIP is written in local scratch space).
        assert seen == [(build.file_name, False, True)]
        assert build.is_ready and list(scratch_dir().iterdir()) == []

    def test_redelivered_task_takes_over_but_a_concurrent_one_does_not(self):
        t = self.tree
        with mock.patch("outbox.core.send"):  # the broker never gets it: the build waits
            response = self.ask([t.fr_grooming.pk])
        build = PackBuild.objects.get(key=self.key_from(response))
        # A worker started it and was killed: status building, its task id, lease active.
        PackBuild.objects.filter(pk=build.pk).update(status="building", task_id="task-1", started_at=timezone.now())
        partial = scratch_dir() / f"{builder.TEMP_PREFIX}{build.key}-killed.zip"
        partial.write_bytes(b"half a zip")  # what the killed worker left
        assert build_pack.run(build.pk, _task_id="task-2") == "busy"
        assert partial.exists()  # not another live build's file to remove
        assert build_pack.run(build.pk, _task_id="task-1") == "built"  # redelivered message
        assert not partial.exists()  # the retry started clean
        build.refresh_from_db()
        assert build.status == "ready" and build.stored()
        assert build_pack.run(build.pk, _task_id="task-3") == "ready"

    def test_unpublished_content_never_goes_into_a_pack(self):
        t = self.tree
        pack = f.curated_pack(t.regions["eu"], "Ages 9–12", [t.fr_grooming, t.draft])
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post("/fr/packs/request/", {"pack": pack.slug, "language": "fr"})
        build = PackBuild.objects.get(key=self.key_from(response))
        assert build.page_ids == [t.fr_grooming.pk]
        with zipfile.ZipFile(build.open()) as archive:
            assert "Secret draft" not in archive.read("index.html").decode()

    def test_download_is_refused_once_an_item_is_withdrawn(self):
        t = self.tree
        response = self.ask([t.fr_grooming.pk])
        key = self.key_from(response)
        t.fr_grooming.unpublish()
        download = self.client.get(f"/fr/packs/builds/{key}/download/")
        assert download.status_code == 410
        expected = in_language(
            "This pack is out of date: some of its material has changed or been withdrawn. Please ask for it again.",
            "fr",
        )
        assert expected in download.content.decode()

    def test_downloads_are_counted_per_pack_and_language(self):
        t = self.tree
        pack = f.curated_pack(t.regions["eu"], "Ages 9–12", [t.fr_grooming, t.guide])
        for language in ("fr", "fr", "de"):
            with self.captureOnCommitCallbacks(execute=True):
                response = self.client.post("/en/packs/request/", {"pack": pack.slug, "language": language})
            status = self.client.get(response["Location"]).content.decode()
            url = re.search(r'href="([^"]*download/[^"]*)"', status).group(1).replace("&amp;", "&")
            assert self.client.get(url).status_code == 200
        own = self.ask([t.fr_grooming.pk])
        self.client.get(f"/fr/packs/builds/{self.key_from(own)}/download/")
        counts = {(c.pack_id, c.language): c.downloads for c in PackDownloadCount.objects.all()}
        assert counts == {(pack.pk, "fr"): 2, (pack.pk, "de"): 1, (None, "fr"): 1}
        # A hand-made ?pack= on another ZIP does not count for that pack.
        self.client.get(f"/fr/packs/builds/{self.key_from(own)}/download/?pack={pack.slug}")
        counts = {(c.pack_id, c.language): c.downloads for c in PackDownloadCount.objects.all()}
        assert counts == {(pack.pk, "fr"): 2, (pack.pk, "de"): 1, (None, "fr"): 2}


class TestBadInputs(PackTestCase):
    def ask(self, ids, language="fr", prefix="en", **extra):
        # Messages asserted below are the English ones; the French interface is checked once.
        return super().ask(ids, language=language, prefix=prefix, **extra)

    def test_refusals_are_in_the_visitors_language(self):
        response = super().ask([], prefix="fr")
        assert response.status_code == 400
        expected = in_language("Your selection is empty. Tick at least one resource or guide.", "fr")
        assert expected != "Your selection is empty. Tick at least one resource or guide."
        assert expected in response.content.decode()

    def assert_refused(self, response, text, status=400):
        assert response.status_code == status
        html = response.content.decode()
        assert 'role="alert"' in html and text in html
        assert PackBuild.objects.count() == 0

    def test_unknown_ids(self):
        self.assert_refused(self.ask([999999]), "could not find")

    def test_not_a_number(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post("/en/packs/request/", {"item": ["12abc", "<script>", "²"], "language": "en"})
        self.assert_refused(response, "not valid")
        assert "<script>" not in response.content.decode().split("<main", 1)[1]

    def test_a_page_that_is_not_a_library_item(self):
        self.assert_refused(self.ask([self.tree.pages["eu"].pk]), "could not find")

    def test_unpublished_resource(self):
        response = self.ask([self.tree.fr_grooming.pk, self.tree.draft.pk])
        self.assert_refused(response, "could not find")
        # Answered exactly as an id that never existed: a request cannot probe for drafts.
        unknown = self.ask([self.tree.fr_grooming.pk, 999999])
        alert = response.content.decode().split('role="alert"', 1)[1].split("</div>", 1)[0]
        assert alert.replace(str(self.tree.draft.pk), "N") == unknown.content.decode().split('role="alert"', 1)[
            1
        ].split("</div>", 1)[0].replace("999999", "N")

    def test_empty_selection(self):
        self.assert_refused(self.ask([]), "selection is empty")

    def test_unsupported_language(self):
        self.assert_refused(self.ask([self.tree.fr_grooming.pk], language="xx"), "do not offer packs in that language")

    @override_settings(SID_PACK_MAX_BYTES=10)
    def test_too_big(self):
        self.assert_refused(self.ask([self.tree.fr_grooming.pk, self.tree.en_only.pk]), "more than the")

    @override_settings(SID_PACK_MAX_ITEMS=1)
    def test_too_many_items(self):
        self.assert_refused(self.ask([self.tree.fr_grooming.pk, self.tree.en_only.pk]), "at most 1")

    def test_unknown_pack_and_unknown_build(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post("/en/packs/request/", {"pack": "nope", "language": "en"})
        self.assert_refused(response, "could not find that pack", status=404)
        assert self.client.get("/en/packs/builds/" + "0" * 64 + "/").status_code == 404
        assert self.client.get("/en/packs/builds/not-a-key/download/").status_code == 404
        assert self.client.get("/en/packs/request/").status_code == 405

    @override_settings(SID_PACK_REQUESTS_PER_HOUR=2)
    def test_too_many_requests_get_a_clear_answer(self):
        for _ in range(2):
            assert self.ask([], prefix="en").status_code == 400
        response = self.ask([self.tree.fr_grooming.pk], prefix="en")
        assert response.status_code == 429
        assert "Please wait a few minutes" in response.content.decode()

    def test_messages_are_translated_strings(self):
        # The messages go through gettext: with a language active they are looked up in
        # its catalogue (catalogues are regenerated centrally; the lookup is what we test).
        with translation.override("fr"), mock.patch("campaign.packs.selection._", side_effect=lambda s: "FR:" + s):
            try:
                resolve_selection([], "fr")
            except Exception as error:  # PackRequestError
                assert all(message.startswith("FR:") for message in error.messages)


class TestRebuildAndCleanup(PackTestCase):
    def test_publishing_a_resource_again_rebuilds_its_curated_packs(self):
        t = self.tree
        pack = f.curated_pack(t.regions["eu"], "Ages 9–12", [t.fr_grooming, t.guide])
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post("/fr/packs/request/", {"pack": pack.slug, "language": "fr"})
        old = PackBuild.objects.get()
        page = t.fr_grooming
        page.refresh_from_db()
        with self.captureOnCommitCallbacks(execute=True):
            page.save_revision().publish()
        builds = PackBuild.objects.exclude(pk=old.pk)
        assert builds.count() == 1
        new = builds.get()
        assert new.language == "fr" and new.pack_id == pack.pk and new.status == "ready"
        page.refresh_from_db()
        assert [page.pk, page.live_revision_id] in new.items

    def test_publishing_an_item_in_no_pack_queues_nothing(self):
        from outbox.models import OutboxMessage

        with self.captureOnCommitCallbacks(execute=True):
            self.tree.en_only.save_revision().publish()
        assert not OutboxMessage.objects.filter(task=rebuild_packs_containing.name).exists()

    @override_settings(SID_PACK_KEEP_HOURS=24, SID_PACK_BUILD_LEASE_SECONDS=60)
    def test_cleanup_deletes_builds_nobody_downloaded_and_stray_temporary_files(self):
        t = self.tree
        old = PackBuild.objects.get(key=self.key_from(self.ask([t.fr_grooming.pk])))
        recent = PackBuild.objects.get(key=self.key_from(self.ask([t.en_only.pk])))
        long_ago = timezone.now() - timedelta(hours=25)
        PackBuild.objects.filter(pk=old.pk).update(finished_at=long_ago, last_downloaded_at=None)
        PackBuild.objects.filter(pk=recent.pk).update(finished_at=long_ago, last_downloaded_at=timezone.now())
        part = scratch_dir() / f"{builder.TEMP_PREFIX}abandoned.zip"
        part.write_bytes(b"half")
        os.utime(part, (0, 0))
        from outbox.models import OutboxMessage

        with mock.patch("outbox.core.send"):
            stuck = PackBuild.objects.create(key="f" * 64, language="fr", items=[[1, 1]])
            PackBuild.objects.filter(pk=stuck.pk).update(created_at=long_ago)
            result = cleanup_pack_builds()
        assert result == {"deleted": 1, "requeued": 1, "temporary_files": 1, "evicted": 0}
        assert list(OutboxMessage.objects.filter(task=build_pack.name, args=[stuck.pk])) != []
        assert not PackBuild.objects.filter(pk=old.pk).exists() and not old.stored()
        assert recent.stored() and not part.exists()


class TestDiskCap(PackTestCase):
    """Built ZIPs stay within SID_PACK_MAX_TOTAL_BYTES: least recently used evicted first."""

    def build(self, ids, language="fr"):
        return PackBuild.objects.get(key=self.key_from(self.ask(ids, language=language)))

    def ready_bytes(self):
        return sum(PackBuild.objects.filter(status=PackBuild.Status.READY).values_list("size", flat=True))

    def test_the_least_recently_used_build_goes_first_and_the_new_one_stays(self):
        t = self.tree
        first = self.build([t.fr_grooming.pk])
        second = self.build([t.en_only.pk])
        probe = self.build([t.guide.pk])  # to learn the third build's size, then removed
        third_size = probe.size
        probe.delete_file()
        probe.delete()
        assert first.size > 0 and second.size > 0 and third_size > 0
        # The first was downloaded after the second was built: the second is least recently used.
        PackBuild.objects.filter(pk=second.pk).update(finished_at=timezone.now() - timedelta(hours=2))
        PackBuild.objects.filter(pk=first.pk).update(
            finished_at=timezone.now() - timedelta(hours=3), last_downloaded_at=timezone.now() - timedelta(hours=1)
        )
        # Room for the first and the third, not for all three.
        with override_settings(SID_PACK_MAX_TOTAL_BYTES=first.size + second.size + third_size - 1):
            third = self.build([t.guide.pk])
        assert not PackBuild.objects.filter(pk=second.pk).exists() and not second.stored()
        assert first.stored() and third.stored()
        assert PackBuild.objects.get(pk=third.pk).status == PackBuild.Status.READY
        assert self.ready_bytes() == first.size + third.size == first.size + third_size

    def test_eviction_goes_on_until_the_builds_fit(self):
        t = self.tree
        builds = [self.build([pk]) for pk in (t.fr_grooming.pk, t.en_only.pk, t.guide.pk)]
        for age, build in enumerate(reversed(builds), start=1):  # the first built is the oldest
            PackBuild.objects.filter(pk=build.pk).update(finished_at=timezone.now() - timedelta(hours=age))
        with override_settings(SID_PACK_MAX_TOTAL_BYTES=builds[-1].size):
            result = cleanup_pack_builds()
        assert result["evicted"] == 2
        assert [b.pk for b in PackBuild.objects.all()] == [builds[-1].pk]
        assert not builds[0].stored() and not builds[1].stored() and builds[-1].stored()
        with override_settings(SID_PACK_MAX_TOTAL_BYTES=builds[-1].size):
            assert cleanup_pack_builds()["evicted"] == 0  # within the cap: nothing more

    def test_an_evicted_pack_is_built_again_when_asked_and_its_old_link_is_no_error(self):
        t = self.tree
        old = self.build([t.fr_grooming.pk])
        PackBuild.objects.filter(pk=old.pk).update(finished_at=timezone.now() - timedelta(hours=1))
        with override_settings(SID_PACK_MAX_TOTAL_BYTES=1):
            self.build([t.en_only.pk])
        assert not PackBuild.objects.filter(pk=old.pk).exists()
        # The old download link: not found (no 500); asking again rebuilds it in full.
        assert self.client.get(f"/fr/packs/builds/{old.key}/download/").status_code == 404
        again = self.build([t.fr_grooming.pk])
        assert again.key == old.key and again.status == PackBuild.Status.READY and again.stored()
        with zipfile.ZipFile(again.open()) as archive:
            assert "index.html" in archive.namelist()

    def test_a_download_racing_an_eviction_is_sent_to_the_status_page(self):
        build = self.build([self.tree.fr_grooming.pk])

        def evicted_meanwhile(self):
            raise FileNotFoundError(self.file_name)

        with mock.patch.object(PackBuild, "open", evicted_meanwhile):
            response = self.client.get(f"/fr/packs/builds/{build.key}/download/")
        assert response.status_code == 302 and f"/packs/builds/{build.key}/" in response["Location"]
        assert PackBuild.objects.get(pk=build.pk).download_count == 0


@override_settings(SID_PACK_MAX_BUILDS_IN_PROGRESS=8, SID_PACK_MAX_BUILDS_PER_HOUR=12, SID_PACK_REQUESTS_PER_HOUR=1000)
class TestSiteWideBuildBudget(PackTestCase):
    """40 teachers asking for 40 different packs at once: only the budget is built."""

    def selections(self):
        t = self.tree
        items = [t.fr_grooming.pk, t.en_only.pk, t.guide.pk]
        subsets = [items[:1], items[1:2], items[2:], items[:2], items[1:]]
        languages = ["en", "fr", "de", "es", "pt", "ar", "hi", "sw"]
        return [(subset, language) for subset in subsets for language in languages][:40]

    def post(self, ids, language):
        # Builds stay waiting (the outbox sends after commit, which this test does not run).
        return self.client.post("/fr/packs/request/", {"item": [str(i) for i in ids], "language": language})

    def test_forty_different_packs_at_once_build_only_the_budget(self):
        answers = [self.post(ids, language) for ids, language in self.selections()]
        accepted = [a for a in answers if a.status_code == 302]
        busy = [a for a in answers if a.status_code == 503]
        assert len(accepted) == 8 and len(busy) == 32
        assert PackBuild.objects.count() == 8
        refusal = busy[0]
        assert refusal["Retry-After"] == "180"
        assert refusal["Cache-Control"].startswith("private") or "no-store" in refusal["Cache-Control"]
        text = html.unescape(refusal.content.decode())
        with translation.override("fr"):  # the page's language (its URL's), whatever the pack's
            kept = gettext(
                "Many packs are being prepared right now. Your selection is kept: please try again in a few minutes."
            )
        assert kept in text
        # Nothing lost: the answer carries the selection back, one click to ask again.
        ids, language = self.selections()[8]  # the first one refused
        for pk in ids:
            assert f'<input type="hidden" name="item" value="{pk}">' in text
        assert f'<input type="hidden" name="language" value="{language}">' in text
        # Once the running builds are done, asking again works, until the hourly budget.
        PackBuild.objects.update(status=PackBuild.Status.READY)
        again = [self.post(ids, language) for ids, language in self.selections()[8:14]]
        assert [a.status_code for a in again] == [302, 302, 302, 302, 503, 503]
        assert PackBuild.objects.count() == 12

    def test_the_refusal_is_in_the_teachers_language(self):
        for ids, language in self.selections()[:8]:
            self.post(ids, language)
        ids, language = self.selections()[8]
        response = self.client.post("/ar/packs/request/", {"item": [str(i) for i in ids], "language": language})
        assert response.status_code == 503
        assert 'lang="ar"' in response.content.decode()

    def test_an_identical_request_is_never_refused_for_a_running_build(self):
        for ids, language in self.selections()[:8]:
            self.post(ids, language)
        ids, language = self.selections()[0]
        assert self.post(ids, language).status_code == 302  # the same build: nothing new to build
