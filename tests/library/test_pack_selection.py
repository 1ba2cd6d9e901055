"""Build your own pack: a selection that survives pagination and filter changes without
JavaScript or a cookie, shows what is in it, is bounded, ignores garbage ids, never reveals
unpublished or private items, costs a constant number of queries, and feeds the pack request.
"""

import re
from unittest import mock

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from campaign.packs.models import PackBuild
from sitecontent.library.picks import Picks
from tests.texts import in_language

from . import factories as f
from .cases import LibraryTestCase
from .forms import form_request, submit


def titles(response):
    # A title in another language carries its lang and a "(in English)" marker: the text only.
    found = re.findall(r'class="card__title">\s*<a href="[^"]*">(.*?)</a>', response.content.decode(), flags=re.S)
    return [
        re.sub(r"<[^>]+>", "", re.sub(r'<small class="lang-marker".*?</small>', "", t, flags=re.S)).strip()
        for t in found
    ]


def shown_ids(response):
    return [int(pk) for pk in re.findall(r'name="pick" value="(\d+)" form="library-form"', response.content.decode())]


def pack_ids(response):
    """Ids listed in the "your pack" panel (one remove button each)."""
    return [int(pk) for pk in re.findall(r'name="remove" value="(\d+)"', response.content.decode())]


def pack_panel(response):
    html = response.content.decode()
    return html[html.index('id="your-pack"') : html.index("</section>", html.index('id="your-pack"'))]


class SelectionTestCase(LibraryTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        t = cls.tree
        eu = t.libraries["eu"]
        cls.bulk = [
            f.resource(
                eu,
                {"en": {"title": f"Lesson {n}", "summary": "bulk"}, "fr": {"title": f"Leçon {n}", "summary": "lot"}},
                files={"fr": f"leçon {n}".encode()},
                topics=[t.topics["privacy"]],
                ages=["13-15"],
            )
            for n in range(6)
        ]

    def tick(self, response, pks):
        return [("pick", str(pk)) for pk in pks]


@override_settings(SID_LIBRARY_PAGE_SIZE=3)
class TestSelectionAcrossPages(SelectionTestCase):
    def test_ticks_on_two_pages_and_a_filter_change_all_reach_the_pack(self):
        client = self.client
        first = client.get("/fr/europe/library/?topic=privacy")
        page_one = shown_ids(first)
        assert len(page_one) == 3
        # Tick all three on page 1, then go to page 2 (no JavaScript: the button submits the form).
        second = submit(client, first, "library-form", click=("page", "2"), tick=self.tick(first, page_one))
        assert second.status_code == 200
        page_two = shown_ids(second)
        assert len(page_two) == 3 and not set(page_two) & set(page_one)
        assert sorted(pack_ids(second)) == sorted(page_one)
        assert in_language("Page %(number)s of %(total)s", "fr") % {"number": 2, "total": 3} in second.content.decode()
        # Two more on page 2, then change the filters: the five stay chosen.
        refiltered = submit(
            client,
            second,
            "library-form",
            tick=self.tick(second, page_two[:2]) + [("topic", "grooming")],
            untick=[("topic", "privacy")],
        )
        chosen = page_one + page_two[:2]
        assert sorted(pack_ids(refiltered)) == sorted(chosen)
        assert "Lesson" not in " ".join(titles(refiltered)) and "Leçon" not in " ".join(titles(refiltered))
        panel = pack_panel(refiltered)
        assert "Leçon" in panel  # the titles, in the visitor's language
        # None of the five is on this page of results: all five are kept as hidden inputs.
        _method, _action, data = form_request(refiltered.content.decode(), "library-form")
        assert sorted(int(v) for k, v in data if k == "pick") == sorted(chosen)
        # Build: the confirmation carries exactly the five, in the chosen language.
        confirm = submit(client, refiltered, "library-form", click=("build", "1"), choose={"pack_language": "de"})
        method, action, data = form_request(confirm.content.decode(), "pack-confirm")
        assert (method, action) == ("post", "/fr/packs/request/")
        assert sorted(int(v) for k, v in data if k == "item") == sorted(chosen)
        assert ("language", "de") in data  # the language chosen in the library, preselected
        # The teacher may still change the language on this last step.
        with self.captureOnCommitCallbacks(execute=True):
            response = submit(client, confirm, "pack-confirm", choose={"language": "es"})
        assert response.status_code == 302
        build = PackBuild.objects.get()
        assert sorted(build.page_ids) == sorted(chosen) and build.language == "es"
        assert build.status == PackBuild.Status.READY

    def test_unticking_and_remove_buttons_take_items_out_and_stay_on_the_page(self):
        client = self.client
        page_one = shown_ids(client.get("/fr/europe/library/?topic=privacy"))
        query = "&".join(f"pick={pk}" for pk in page_one)
        second = client.get(f"/fr/europe/library/?topic=privacy&page=2&{query}")
        assert sorted(pack_ids(second)) == sorted(page_one)
        removed = submit(client, second, "library-form", click=("remove", str(page_one[0])))
        assert sorted(pack_ids(removed)) == sorted(page_one[1:])
        assert shown_ids(removed) == shown_ids(second)  # still on page 2
        # Back on page 1, the remaining two are ticked; unticking one and updating removes it.
        back = submit(client, removed, "library-form", click=("page", "1"))
        html = back.content.decode()
        assert f'value="{page_one[1]}" form="library-form" checked' in html
        assert f'value="{page_one[0]}" form="library-form">' in html
        updated = submit(client, back, "library-form", click=("keep", "1"), untick=[("pick", str(page_one[1]))])
        assert pack_ids(updated) == [page_one[2]]
        assert shown_ids(updated) == page_one

    def test_pagination_and_clear_filters_keep_filters_and_selection(self):
        client = self.client
        chosen = self.bulk[0].pk
        response = client.get(f"/fr/europe/library/?topic=privacy&language=fr&pick={chosen}")
        _method, _action, data = form_request(response.content.decode(), "library-form", click=("page", "2"))
        assert ("topic", "privacy") in data and ("language", "fr") in data and ("page", "2") in data
        assert ("pick", str(chosen)) in data
        clear = re.search(
            r'href="([^"]*)">' + re.escape(in_language("Clear all filters", "fr")), response.content.decode()
        )
        assert clear.group(1) == f"/fr/europe/library/?pick={chosen}"
        empty = re.search(r'href="([^"]*)">' + re.escape(in_language("Empty my pack", "fr")), response.content.decode())
        assert "pick=" not in empty.group(1) and "topic=privacy" in empty.group(1)


class TestSelectionInTheQueryString(SelectionTestCase):
    def test_a_shared_link_shows_the_same_pack_and_is_not_indexed(self):
        t = self.tree
        url = f"/fr/europe/library/?pick={t.fr_grooming.pk}&pick={t.guide.pk}"
        response = self.client.get(url)
        assert pack_ids(response) == [t.fr_grooming.pk, t.guide.pk]
        with translation.override("fr"):
            count = translation.ngettext("%(counter)s item in your pack", "%(counter)s items in your pack", 2)
        html = response.content.decode()
        assert count % {"counter": 2} in pack_panel(response) and "Repérer le pédopiégeage" in pack_panel(response)
        assert '<meta name="robots" content="noindex">' in html
        assert not response.cookies  # nothing about the visitor is stored
        assert '<meta name="robots"' not in self.client.get("/fr/europe/library/").content.decode()

    def test_items_from_elsewhere_are_marked_with_their_languages(self):
        t = self.tree
        response = self.client.get(f"/fr/europe/library/?pick={t.en_only.pk}&pick={t.latam_es.pk}")
        assert pack_ids(response) == [t.en_only.pk, t.latam_es.pk]
        panel = pack_panel(response)
        assert in_language("Available in:", "fr") in panel
        assert '<span lang="en">English</span>' in panel and '<span lang="es">' in panel

    def test_garbage_unknown_unpublished_and_private_ids_are_dropped_with_one_message(self):
        t = self.tree
        private = f.resource(t.libraries["eu"], {"en": {"title": "Private material", "summary": "hush"}})
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        raw = [
            "abc",
            "-1",
            "1e5",
            "²",  # a digit to str.isdigit(), not to int()
            "٣",
            "<script>",
            "9" * 40,
            "999999",
            str(t.draft.pk),
            str(private.pk),
            str(t.pages["eu"].pk),  # a page, but not a library item
            str(t.fr_grooming.pk),
        ]
        response = self.client.get("/en/europe/library/", {"pick": raw})
        assert response.status_code == 200
        html = response.content.decode()
        assert pack_ids(response) == [t.fr_grooming.pk]
        assert "Some of the chosen items could not be found, so they were left out of your pack." in html
        assert "Secret draft" not in html and "Private material" not in html
        assert "<script>" not in html.split("<main", 1)[1]
        _method, _action, data = form_request(html, "library-form")
        assert [v for k, v in data if k == "pick"] == [str(t.fr_grooming.pk)]  # its ticked checkbox
        assert 'type="hidden" name="pick"' not in html
        # Removing or building with garbage does not fail either.
        for query in ("remove=abc&pick=x", "build=1&pick=&stay=zz", "page=abc&pick=1.5", "pack_language=xx&build=1"):
            assert self.client.get(f"/en/europe/library/?{query}").status_code == 200

    def test_a_draft_edit_of_a_chosen_item_is_never_shown_or_searchable(self):
        from translations.core.tooling import set_translations

        page = self.tree.fr_grooming
        page.refresh_from_db()
        with translation.override("en"):
            set_translations(page, {"fr": {"title": "Titre brouillon", "summary": "Texte brouillon hippopotame."}})
            page.save_revision()  # a draft: not published
        response = self.client.get(f"/fr/europe/library/?pick={page.pk}&q=p%C3%A9dopi%C3%A9geage")
        html = response.content.decode()
        assert pack_ids(response) == [page.pk]
        assert "Repérer le pédopiégeage" in pack_panel(response)
        assert "brouillon" not in html.lower()
        assert titles(self.client.get("/fr/europe/library/?q=hippopotame")) == []

    def test_a_selection_of_only_hidden_items_reveals_nothing(self):
        t = self.tree
        response = self.client.get(f"/en/europe/library/?pick={t.draft.pk}&build=1")
        html = response.content.decode()
        assert pack_ids(response) == [] and "Secret draft" not in html
        assert "Your selection is empty. Tick at least one resource or guide." in html
        assert 'id="pack-confirm"' not in html

    @override_settings(SID_PACK_MAX_ITEMS=2)
    def test_past_the_maximum_a_clear_message_and_the_first_items_are_kept(self):
        ids = [item.pk for item in self.bulk[:4]]
        response = self.client.get("/en/europe/library/", {"pick": ids, "build": "1"})
        html = response.content.decode()
        assert pack_ids(response) == ids[:2]
        assert "A pack can hold at most 2 items, so 2 of your choices were not added." in html
        _method, _action, data = form_request(html, "pack-confirm")
        assert [int(v) for k, v in data if k == "item"] == ids[:2]
        one_over = self.client.get("/en/europe/library/", {"pick": ids[:3]}).content.decode()
        assert "A pack can hold at most 2 items, so 1 of your choices was not added." in one_over

    def test_empty_selection_cannot_be_built(self):
        response = self.client.get("/en/europe/library/?build=1")
        html = response.content.decode()
        assert "Your selection is empty. Tick at least one resource or guide." in html
        assert 'id="pack-confirm"' not in html

    def test_selection_messages_are_translated_strings(self):
        with (
            translation.override("fr"),
            mock.patch("sitecontent.library.picks._", side_effect=lambda s: "FR:" + s),
            mock.patch("sitecontent.library.picks.ngettext", side_effect=lambda s, p, n: "FR:" + (s if n == 1 else p)),
        ):
            picks = Picks(candidates=[1, 2, 3], had_garbage=True, wants_build=True)
            with override_settings(SID_PACK_MAX_ITEMS=1):
                picks.resolve({}, {}, "fr")
            assert picks.messages and all(message.startswith("FR:") for message in picks.messages)


class TestSelectionQueryCount(SelectionTestCase):
    def count_queries(self, url):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        assert response.status_code == 200
        return response, len(queries)

    def test_query_count_does_not_grow_with_the_selection_or_the_library(self):
        t = self.tree
        base = "/fr/europe/library/?topic=privacy&build=1"
        self.client.get(base)  # warm caches (site root paths, content types)
        _response, one = self.count_queries(f"{base}&pick={t.guide.pk}")
        many_ids = [item.pk for item in self.bulk] + [t.fr_grooming.pk, t.en_only.pk, t.latam_es.pk, t.guide.pk]
        response, many = self.count_queries(f"{base}&" + "&".join(f"pick={pk}" for pk in many_ids))
        assert len(pack_ids(response)) == len(many_ids)
        assert many == one, (one, many)
        # And with ten times the resources, still the same.
        for n in range(20):
            f.resource(t.libraries["eu"], {"en": {"title": f"More {n}", "summary": "m"}}, topics=[t.topics["privacy"]])
        response, more = self.count_queries(f"{base}&" + "&".join(f"pick={pk}" for pk in many_ids))
        assert len(titles(response)) == 20 and more == one
        # Without a selection, the selection costs nothing.
        _response, none = self.count_queries(base)
        _response, plain = self.count_queries(f"{base}&pick=zz")
        # Nothing either: whether a chosen item is listed is read with the results' facts
        # (its "listed" index row), and its page with the results' pages.
        assert none == plain == one, (none, plain, one)
        # Garbage in the query string does not add queries either.
        _response, garbage = self.count_queries(f"{base}&" + "&".join(["pick=zz", "pick=999999"] * 100))
        assert garbage <= one
