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

from sitecontent.blocks import RICH_TEXT_FEATURES
from sitecontent.library.fields import CodeListField
from sitecontent.library.vocabulary import AGE_BANDS, AUDIENCES, FORMATS, LICENCES

from .base import SidPage


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
        from sitecontent.library.indexing import item_languages

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
        from sitecontent.library.search import LibraryQuery

        context = super().get_context(request, *args, **kwargs)
        scope = None if self.is_global else self.get_parent()
        query = LibraryQuery.from_request(request, scope=scope, show_region_facet=self.is_global)
        context["library"] = query.run()
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
        from translations.tooling import get_translation

        return get_translation(self.page, "title", self.language) or self.page.title

    class Meta(Orderable.Meta):
        verbose_name = _("file in one language")
        verbose_name_plural = _("files per language")
        constraints = [models.UniqueConstraint(fields=["page", "language"], name="resourcefile_one_per_language")]


class LibraryFacet(models.Model):
    """One (item, facet, value) fact, written when the item is published.

    The library filters and counts on these rows with one GROUP BY per facet, so its
    query count does not depend on the number of items.
    """

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="library_facets")
    facet = models.CharField(max_length=16)
    value = models.CharField(max_length=80)

    class Meta:
        verbose_name = _("library facet")
        constraints = [models.UniqueConstraint(fields=["page", "facet", "value"], name="libraryfacet_unique")]
        indexes = [models.Index(fields=["facet", "value"], name="libraryfacet_lookup")]

    def __str__(self):
        return f"{self.page_id} {self.facet}={self.value}"


class LibrarySearchText(models.Model):
    """The searchable text of one published item in one language it really has text in.

    Written only for languages with their own text, so a French search never reads an
    English field and never meets the word "None" from an empty translation. Stored
    case-folded so one ``contains`` works for every script on SQLite and PostgreSQL.
    """

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="library_texts")
    language = models.CharField(max_length=10)
    text = models.TextField()

    class Meta:
        verbose_name = _("library search text")
        constraints = [models.UniqueConstraint(fields=["page", "language"], name="librarysearchtext_unique")]

    def __str__(self):
        return f"{self.page_id} ({self.language})"


class LibraryTerm(models.Model):
    """One index term of one published item in one language, with its weight there.

    Written on publish from ``sitecontent.library.analysis`` (stemmed, folded, segmented
    the same way as queries). The weight adds up where the term occurs: title above
    summary above topic names above the body, so relevance ranks the real guide first.
    """

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="library_terms")
    language = models.CharField(max_length=10)
    term = models.CharField(max_length=64)
    weight = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("library search term")
        constraints = [models.UniqueConstraint(fields=["page", "language", "term"], name="libraryterm_unique")]
        # Pattern operator classes (PostgreSQL; ignored elsewhere) let prefix matches
        # ("repor%") use the index whatever the database's collation.
        indexes = [
            models.Index(
                fields=["language", "term"],
                name="libraryterm_lookup",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
            )
        ]

    def __str__(self):
        return f"{self.page_id} ({self.language}) {self.term}"


class LibraryWord(models.Model):
    """The library's vocabulary in one language: each term and a word it was written as.

    Read by "did you mean": a query word that is not a term is compared with the words
    that share its first letter.
    """

    language = models.CharField(max_length=10)
    term = models.CharField(max_length=64)
    word = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("library search word")
        constraints = [models.UniqueConstraint(fields=["language", "term"], name="libraryword_unique")]

    def __str__(self):
        return f"({self.language}) {self.word}"
