"""The kept facet counts (LibraryFacetCount, sitecontent.library.counting) stay those of the
pages after every change that reaches the library, and the library pages show them.

Each check compares the kept counts with counts made independently, by plain ORM queries on
the pages themselves (live, public, not below an unpublished page, their topics, ages,
audiences and format), and with the index rows grouped by the database.
"""

from collections import Counter

from django.db.models import Count
from wagtail.models import Page, PageViewRestriction

from sitecontent.library.counting import recount
from sitecontent.models import GuidePage, LibraryFacet, LibraryFacetCount, RegionPage, ResourcePage

from . import factories as f
from .cases import LibraryTestCase
from .test_library import facet_count

#: The facets the pages tell without the indexing code (languages are derived from files
#: and translated texts, so they are checked against the index rows only).
FROM_PAGES = ("listed", "topic", "age", "audience", "format")


def kept() -> Counter:
    return Counter(
        {
            (region, facet, value): items
            for region, facet, value, items in LibraryFacetCount.objects.values_list(
                "region", "facet", "value", "items"
            )
            if items
        }
    )


def from_rows() -> Counter:
    """The index rows counted by the database (every facet, languages included)."""
    return Counter(
        {
            (region, facet, value): n
            for region, facet, value, n in LibraryFacet.objects.values("region", "facet", "value")
            .annotate(n=Count("id"))
            .values_list("region", "facet", "value", "n")
        }
    )


def from_pages() -> Counter:
    """What the library should count, read from the pages with plain ORM queries."""
    unpublished = list(Page.objects.filter(live=False).values_list("path", "depth"))
    restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    regions = list(RegionPage.objects.values_list("path", "short_code"))
    counts = Counter()
    for model in (ResourcePage, GuidePage):
        for item in model.objects.live().prefetch_related("topics"):
            if any(item.path.startswith(path) and depth < item.depth for path, depth in unpublished):
                continue
            if any(item.path.startswith(path) for path in restricted):
                continue
            region = next((code for path, code in regions if item.path.startswith(path)), "")
            values = [("listed", "")]
            values += [("topic", topic.slug) for topic in item.topics.all()]
            values += [("age", code) for code in item.age_bands or []]
            values += [("audience", code) for code in item.audiences or []]
            values.append(("format", item.get_library_format()))
            for facet, value in set(values):
                counts[(region, facet, value)] += 1
    return counts


def only(counts: Counter, facets=FROM_PAGES) -> Counter:
    return Counter({key: n for key, n in counts.items() if key[1] in facets and n})


class TestKeptCounts(LibraryTestCase):
    def assert_counts_right(self):
        assert kept() == from_rows()
        assert only(kept()) == only(from_pages())

    def test_the_built_library_is_counted(self):
        self.assert_counts_right()
        assert kept()[("eu", "listed", "")] == 3 and kept()[("latam", "listed", "")] == 1

    def test_publish_a_new_item_and_publish_it_again(self):
        eu = self.tree.libraries["eu"]
        page = f.resource(
            eu, {"en": {"title": "New", "summary": "New."}}, topics=[self.tree.topics["privacy"]], ages=["5-8"]
        )
        self.assert_counts_right()
        page.save_revision().publish()  # published again: counted once
        self.assert_counts_right()
        assert kept()[("eu", "age", "5-8")] == 1

    def test_publish_an_edit_that_changes_the_facets(self):
        page = ResourcePage.objects.get(pk=self.tree.fr_grooming.pk)
        page.age_bands = ["16-18"]
        page.topics.set([self.tree.topics["privacy"]])
        page.save_revision().publish()
        self.assert_counts_right()
        assert kept()[("eu", "topic", "privacy")] == 2

    def test_unpublish_and_delete(self):
        self.tree.en_only.unpublish()
        self.assert_counts_right()
        Page.objects.get(pk=self.tree.guide.pk).delete()
        self.assert_counts_right()
        assert kept()[("eu", "listed", "")] == 1

    def test_delete_a_library_with_its_items(self):
        Page.objects.get(pk=self.tree.libraries["eu"].pk).delete()
        self.assert_counts_right()
        assert not any(region == "eu" for region, _facet, _value in kept())

    def test_move_to_another_region(self):
        self.tree.fr_grooming.move(self.tree.libraries["latam"], pos="last-child")
        self.assert_counts_right()
        assert kept()[("latam", "listed", "")] == 2 and kept()[("eu", "listed", "")] == 2

    def test_restriction_added_and_lifted(self):
        restriction = PageViewRestriction.objects.create(page=self.tree.libraries["eu"], restriction_type="login")
        self.assert_counts_right()
        assert kept()[("eu", "listed", "")] == 0
        restriction.delete()
        self.assert_counts_right()
        item = PageViewRestriction.objects.create(page=self.tree.en_only, restriction_type="password", password="x")  # noqa: S106
        self.assert_counts_right()
        item.delete()
        self.assert_counts_right()

    def test_section_unpublished_and_published_again(self):
        library = self.tree.libraries["eu"]
        library.unpublish()
        self.assert_counts_right()
        Page.objects.get(pk=library.pk).specific.save_revision().publish()
        self.assert_counts_right()
        assert kept()[("eu", "listed", "")] == 3

    def test_rebuild_and_recount(self):
        from django.core.management import call_command

        call_command("rebuild_library_index", verbosity=0)
        self.assert_counts_right()
        LibraryFacetCount.objects.all().delete()
        recount()
        self.assert_counts_right()

    def test_the_unfiltered_pages_show_the_kept_counts(self):
        self.tree.en_only.unpublish()
        region = self.client.get("/en/europe/library/")
        assert facet_count(region, "topic", "grooming") == from_pages()[("eu", "topic", "grooming")] == 2
        assert facet_count(region, "topic", "privacy") == 0
        every = self.client.get("/en/library/")
        assert facet_count(every, "region", "eu") == 2 and facet_count(every, "region", "latam") == 1
        assert facet_count(every, "topic", "grooming") == 3
