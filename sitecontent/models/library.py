"""The resource library: awareness material (ResourcePage), its files per language, the
library pages (ResourceIndexPage, one per region and one global), and the two tables the
library reads instead of the pages themselves (facets and per-language search text).
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from sitecontent import page_views
from sitecontent.blocks import RICH_TEXT_FEATURES
from sitecontent.library.fields import CodeListField
from sitecontent.library.vocabulary import AGE_BANDS, AUDIENCES, FORMATS, LICENCES
from translations.core.availability import available_languages
from translations.core.languages import LANGUAGE_CODES

from .base import SidPage

#: The facet row every indexed item has, once (value ""): the library lists an item when
#: this row exists, counts its total on these rows, and needs nothing else to know that the
#: item is live and public (only such items are indexed, ``sitecontent.library.indexing``).
LISTED = "listed"


def item_languages(item) -> list[str]:
    """Languages an item exists in: those with a file, and those its summary is written in."""
    found = set(available_languages(item, "summary"))
    files = getattr(item, "files", None)
    found.update(f.language for f in (files.all() if files is not None else ()))
    return [code for code in LANGUAGE_CODES if code in found]


class LibraryItem(models.Model):
    """What every library item (resource or guide) says about itself for the filters.

    Languages are not a field: they are derived, on publish, from the files that exist
    and the texts that are translated (``sitecontent.library.indexing``).
    """

    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("Two or three sentences for the library list.")
    )
    audiences = CodeListField(_("audiences"), vocabulary=AUDIENCES, blank=True)
    age_bands = CodeListField(_("age bands"), vocabulary=AGE_BANDS, blank=True)
    topics = ParentalManyToManyField("sitecontent.Topic", blank=True, related_name="+", verbose_name=_("topics"))
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
    )
    licence = models.CharField(_("licence"), max_length=32, choices=LICENCES, default="cc-by-nc")
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("Who made it, e.g. Insafe, Childnet.")
    )
    source_url = models.URLField(_("source web address"), blank=True)

    library_panels = [
        FieldPanel("audiences"),
        FieldPanel("age_bands"),
        # Checkboxes like the other facets, not a Ctrl-click multiple select.
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
    ]
    credit_panels = [FieldPanel("licence"), FieldPanel("source"), FieldPanel("source_url")]

    #: The format this item shows under in the library's "format" facet.
    library_format: str | None = None

    class Meta:
        abstract = True

    def get_library_format(self) -> str | None:
        return self.library_format

    @property
    def age_band_labels(self) -> list[str]:
        """In the vocabulary's order (youngest first), whatever order they were ticked in."""
        chosen = set(self.age_bands or [])
        return [str(label) for code, label in AGE_BANDS if code in chosen]

    @property
    def audience_labels(self) -> list[str]:
        chosen = set(self.audiences or [])
        return [str(label) for code, label in AUDIENCES if code in chosen]

    @cached_property
    def library_languages(self) -> list[str]:
        """Languages this item exists in (derived, never typed)."""
        return item_languages(self)


def library_item_models() -> tuple:
    """Every page type the library lists (ResourcePage, GuidePage, case cards, …): the
    concrete pages that are ``LibraryItem``s. The one list facets, search, packs and
    reindexing read, so a new kind of item is listed everywhere by subclassing."""
    from django.apps import apps

    return tuple(
        model
        for model in apps.get_models()
        if issubclass(model, LibraryItem) and issubclass(model, Page) and not model._meta.abstract
    )


class ResourceIndexPage(SidPage):
    """A library: under the global home it lists every region's items, under a region its own."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = SidPage.content_panels + [FieldPanel("intro")]
    search_fields = SidPage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["sitecontent.HomePage", "sitecontent.RegionPage"]
    subpage_types = ["sitecontent.ResourcePage", "sitecontent.GuidePage", "stories.CaseCardPage"]

    class Meta:
        verbose_name = _("resource library")

    @property
    def is_global(self) -> bool:
        return self.depth <= 3 and self.region is None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The search runs in the library's view (sitecontent.views), found by name.
        context["library"] = page_views.call("library.listing", self, request)
        context["languages"] = settings.LANGUAGES
        return context


class ResourcePage(LibraryItem, SidPage):
    """A piece of awareness material, with one file per language."""

    body = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    format = models.CharField(_("format"), max_length=20, choices=FORMATS, default="lesson_plan")

    content_panels = SidPage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("cover_image"),
        MultiFieldPanel([FieldPanel("format"), *LibraryItem.library_panels], heading=_("For the library filters")),
        InlinePanel(
            "files",
            label=_("Files per language"),
            help_text=_(
                "One file per language; a teacher gets the file in their language, or a fallback marked as such."
            ),
        ),
        MultiFieldPanel(LibraryItem.credit_panels, heading=_("Licence and source")),
    ]
    search_fields = SidPage.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["sitecontent.ResourceIndexPage"]
    subpage_types: list = []

    class Meta:
        verbose_name = _("resource")

    def __str__(self):
        return self.title

    def get_library_format(self):
        return self.format

    def file_for(self, language: str):
        """(ResourceFile, is_fallback) for ``language``, following the region's fallback chain."""
        from sitecontent.library.files import choose_file

        return choose_file(self, language)

    def get_context(self, request, *args, **kwargs):
        from django.utils.translation import get_language

        context = super().get_context(request, *args, **kwargs)
        files = list(self.files.select_related("document").all())
        language = get_language()
        context["files"] = files
        context["own_file"] = next((f for f in files if f.language == language), None)
        context["topics"] = list(self.topics.all())
        return context


class ResourceFile(Orderable):
    """The resource's file in one language (a Wagtail document, so collections apply)."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("file")
    )

    panels = [FieldPanel("language"), FieldPanel("document")]

    @property
    def title(self) -> str:
        """The resource's title in the file's own language (its label for teachers), else the
        title the page shows."""
        from translations.core.tooling import get_translation

        return get_translation(self.page, "title", self.language) or self.page.title

    class Meta(Orderable.Meta):
        verbose_name = _("file in one language")
        verbose_name_plural = _("files per language")
        constraints = [models.UniqueConstraint(fields=["page", "language"], name="resourcefile_one_per_language")]


class LibraryFacet(models.Model):
    """One (item, facet, value) fact, written when the item is published.

    The library filters and counts on these rows, so its query count does not depend on the
    number of items. Each row also carries its item's region and first publication, so that
    a library reads its own items through an index, newest first, and stops after a page
    (``sitecontent.library.search``): ``libraryfacet_scoped`` for a region's library,
    ``libraryfacet_ordered`` for the global one, the unique constraint's index for one
    item's facts. The three hold every column the library reads (covering).
    """

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="library_facets")
    facet = models.CharField(max_length=16)
    value = models.CharField(max_length=80)
    #: The item's region (its short code; "" outside every region), on each of its rows.
    region = models.CharField(max_length=12, blank=True, default="")
    #: When the item was first published, copied on indexing: the library's order.
    published_at = models.DateTimeField(null=True, blank=True)
    #: On the item's "listed" row only ("" on the others): every fact of the item
    #: (",facet=value,…,", one per row, sorted; ``search.read_facts``), written with the rows
    #: (``indexing.write_facets``): a search's facet counts read one row per match
    #: (``LibraryQuery.counts_by_facts``).
    facts = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = _("library facet")
        constraints = [models.UniqueConstraint(fields=["page", "facet", "value"], name="libraryfacet_unique")]
        indexes = [
            models.Index(fields=["region", "facet", "value", "published_at", "page"], name="libraryfacet_scoped"),
            models.Index(fields=["facet", "value", "published_at", "page"], name="libraryfacet_ordered"),
        ]

    def __str__(self):
        return f"{self.page_id} {self.facet}={self.value}"


class LibraryFacetCount(models.Model):
    """How many listed items of one region have one facet value (``facet="listed"``: how
    many items it lists), kept by indexing with the facet rows themselves
    (``sitecontent.library.counting``). A library page with no filter and no search shows
    these counts: a few rows, whatever the number of items.
    """

    region = models.CharField(max_length=12, blank=True, default="")
    facet = models.CharField(max_length=16)
    value = models.CharField(max_length=80)
    items = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("library facet count")
        constraints = [
            models.UniqueConstraint(fields=["region", "facet", "value"], name="libraryfacetcount_unique"),
        ]

    def __str__(self):
        return f"{self.region or '-'} {self.facet}={self.value}: {self.items}"


#: Search fields holding analysed terms: OpenSearch/Elasticsearch must not analyse them again.
ANALYSED = {"analyzer": "whitespace"}


class LibraryDocument(index.Indexed, models.Model):
    """The searchable text of one published item in one language it has its own text in,
    as index terms, for Wagtail's search backend (``WAGTAILSEARCH_BACKENDS``).

    Each field holds the terms ``sitecontent.library.analysis`` made of the item's own text
    in that language (folded, stemmed, segmented), the same function that analyses a query,
    so every backend (SQLite FTS5, PostgreSQL full text, OpenSearch/Elasticsearch) matches
    what a teacher types the same way. One document per language keeps a French search on
    French text (``language`` is a filter field) and never meets an empty translation.
    """

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="library_documents")
    language = models.CharField(max_length=10)
    title = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    topics = models.TextField(blank=True)
    body = models.TextField(blank=True)

    # Title above summary above topic names above body and credits (relevance ranking). The
    # terms are already analysed: OpenSearch/Elasticsearch only split them at spaces.
    search_fields = [
        index.SearchField("title", boost=8, es_extra=ANALYSED),
        index.SearchField("summary", boost=4, es_extra=ANALYSED),
        index.SearchField("topics", boost=2, es_extra=ANALYSED),
        index.SearchField("body", boost=1, es_extra=ANALYSED),
        index.FilterField("language"),
        index.FilterField("page"),
    ]

    class Meta:
        verbose_name = _("library search document")
        constraints = [models.UniqueConstraint(fields=["page", "language"], name="librarydocument_unique")]

    def __str__(self):
        return f"{self.page_id} ({self.language})"


class LibraryWord(models.Model):
    """The library's vocabulary in one language: each index term, a word it was written as,
    and how many items' documents in that language hold it.

    Read before every search: a query word's start is expanded to the terms it begins
    ("kuripo" → "kuripoti"), a word found in most items only ranks, and "did you mean"
    compares a word the library does not know with the words that share its first letter.
    """

    language = models.CharField(max_length=10)
    term = models.CharField(max_length=64)
    word = models.CharField(max_length=64)
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("library search word")
        constraints = [models.UniqueConstraint(fields=["language", "term"], name="libraryword_unique")]

    def __str__(self):
        return f"({self.language}) {self.word}"
