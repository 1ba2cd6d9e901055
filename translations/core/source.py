"""The source language: the language a page is written in first.

A region works in its own language (``RegionPage.source_language``: Spanish for Latin
America, French for a francophone network, …); pages outside any region (the global
section) are written in English. The source language decides three things, here and
nowhere else:

1. **What is required.** A page is valid when its required fields (those the model does not
   allow blank: the title, a resource's summary, …) are filled in its source language. No
   other language is required: a Spanish-only coordinator never has to type English.
2. **Where text is stored.** The untranslated ("base") columns, the slug Wagtail generates,
   ``draft_title`` and the base ``url_path`` are written from the source language, whatever
   language the admin runs in (saving runs under the source language).
3. **What a missing translation falls back to.** After the visitor's language and its
   configured chain, a text falls back to the source language (the base column holds it),
   so a Spanish-only page reads in Spanish on every language URL, with the fallback notice.

This is translation tooling: it is allowed to name language columns.
"""

from __future__ import annotations

import contextlib
import copy
import re

from django.db.models import F, Q
from django.utils import translation
from django.utils.text import slugify
from modeltranslation.fields import NONE, TranslationFieldDescriptor
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.fields import StreamField
from wagtail.models import Page

from .languages import DEFAULT_LANGUAGE, LANGUAGE_CODES

#: Fields Wagtail fills itself from the title when empty, or derives: never asked for.
DERIVED_FIELDS = frozenset({"slug", "url_path"})

#: {model: (field, …)}: translated fields the model requires, in the source language only.
_SOURCE_REQUIRED: dict[type, tuple[str, ...]] = {}


def source_required_fields(model) -> tuple[str, ...]:
    for klass in model.__mro__:
        if klass in _SOURCE_REQUIRED:
            return _SOURCE_REQUIRED[klass]
    return ()


def _empty(value) -> bool:
    if value is None:
        return True
    if hasattr(value, "raw_data"):  # StreamValue
        return not len(value.raw_data)
    if isinstance(value, str):
        return not value.strip()
    return not value


def localized_value(instance, field: str, language: str):
    return getattr(instance, build_localized_fieldname(field, language), None)


# -- which language is the source -------------------------------------------------------


def source_language_of(page, parent=None) -> str:
    """The source language of ``page`` (a new page: of the ``parent`` it is created under).

    Snippets say how they know theirs: one that belongs to a region names its region field
    in ``source_language_field`` (curated packs); others answer ``own_source_language()``
    (a help entry: its country's region; a topic or an edition: the language its editor
    chose, stored on it).
    """
    if not isinstance(page, Page):
        field = getattr(page, "source_language_field", None)
        if field:
            region = getattr(page, field, None) if getattr(page, f"{field}_id", None) else None
            code = getattr(region, "source_language", None)
            return code if code in LANGUAGE_CODES else DEFAULT_LANGUAGE
        own = getattr(page, "own_source_language", None)
        code = own() if callable(own) else None
        return code if code in LANGUAGE_CODES else DEFAULT_LANGUAGE
    if type(page) is Page and page.pk:
        # Saved through the base class (moves, tree fixes): the specific page knows its source.
        page = page.specific
    own = getattr(page, "own_source_language", None)
    if callable(own):
        code = own()
        if code:
            return code
    region = None
    if getattr(page, "path", None):
        region = getattr(page, "region", None)
    elif parent is not None:
        parent = parent.specific
        region = getattr(parent, "region", None)
    code = getattr(region, "source_language", None) if region is not None else None
    return code if code in LANGUAGE_CODES else DEFAULT_LANGUAGE


def follows_source_language(model) -> bool:
    """Pages, and snippets that say how they know their source language (see above)."""
    if issubclass(model, Page):
        return True
    return bool(getattr(model, "source_language_field", None)) or callable(getattr(model, "own_source_language", None))


#: Finds the source language of what ``user`` writes (the first region they coordinate), or
#: None. Registered by the app that knows the regions (``SiteContentConfig.ready()``), so the
#: language core imports none of it.
_coordinated_language_finders: list = []


def register_coordinated_language(finder) -> None:
    """``finder(user)``: the source language ``user`` writes in as a coordinator, or None."""
    _coordinated_language_finders[:] = [finder]


def default_source_language(user) -> str:
    """The source language offered for a new shared item (a topic, an edition).

    The source language of the first region ``user`` coordinates (what they write in), else
    the language their admin runs in, else English.
    """
    if user is not None and user.pk:
        for finder in _coordinated_language_finders:
            code = finder(user)
            if code in LANGUAGE_CODES:
                return code
    active = translation.get_language()
    return active if active in LANGUAGE_CODES else DEFAULT_LANGUAGE


class WrittenInSourceLanguage:
    """Mixin for snippets: the untranslated columns hold the source language's text,
    whatever language the admin runs in (saving runs under the source language)."""

    def save(self, *args, **kwargs):
        with writing_in(source_language_of(self)):
            return super().save(*args, **kwargs)


@contextlib.contextmanager
def writing_in(language: str):
    """Plain field names read and write ``language``'s columns within the block."""
    with translation.override(language):
        yield


# -- slugs -------------------------------------------------------------------------------

#: Characters that separate meaningful parts ("9–12", "A/B"): kept as a hyphen in slugs.
_SEPARATORS = re.compile("[\u2010-\u2015\u2212/\\\\]")


def meaningful_slug(text: str | None) -> str:
    """A slug that keeps what the words mean: "Guía 9–12 años" → "guía-9-12-años"."""
    return slugify(_SEPARATORS.sub("-", text or ""), allow_unicode=True)


# -- what is required --------------------------------------------------------------------


def relax_other_languages() -> None:
    """Make no language column required by the model; record what the source must fill.

    wagtail-modeltranslation makes the default language's column of a required field
    required (``_patch_simple_panel``), so English was required of every coordinator. Run
    after its patch (our app is ready after it): the source-language rule replaces it.
    Pages, and snippets that know their source language (``follows_source_language``:
    curated packs, help entries and their services, topics, editions). Others (navigation
    labels, branding settings) keep wagtail-modeltranslation's rule.
    """
    for model in translator.get_registered_models():
        if not follows_source_language(model):
            continue
        options = translator.get_options_for_model(model)
        required = []
        for field in options.local_fields:
            original = model._meta.get_field(field)
            if not original.blank and field not in DERIVED_FIELDS:
                required.append(field)
            for code in LANGUAGE_CODES:
                localized = model._meta.get_field(build_localized_fieldname(field, code))
                localized.blank = True
                if isinstance(localized, StreamField) and localized.stream_block.meta.required:
                    block = copy.copy(localized.stream_block)
                    block.meta = copy.copy(localized.stream_block.meta)
                    block.meta.required = False
                    localized.stream_block = block
        _SOURCE_REQUIRED[model] = tuple(required)
    # Inherited fields (Page.title) are local to Page only: subclasses inherit its entry
    # through the MRO lookup, plus their own fields.
    for model in list(_SOURCE_REQUIRED):
        inherited = tuple(
            name for klass in model.__mro__[1:] if klass in _SOURCE_REQUIRED for name in _SOURCE_REQUIRED[klass]
        )
        _SOURCE_REQUIRED[model] = tuple(dict.fromkeys(inherited + _SOURCE_REQUIRED[model]))


# -- falling back to the source ----------------------------------------------------------

_original_get = TranslationFieldDescriptor.__get__


def _get_with_source_fallback(self, instance, owner):
    value = _original_get(self, instance, owner)
    if instance is None:
        return value
    undefined = self.fallback_undefined
    if undefined is NONE:
        undefined = self.field.get_default()
    if self.meaningful_value(value, undefined):
        return value
    # The base column holds the source language's text (written under it on save).
    base = instance.__dict__.get(self.field.name)
    if base is not None and self.meaningful_value(base, undefined):
        return base
    return value


def install_source_fallback() -> None:
    """After the visitor's chain, fall back to the source language's text (the base column)."""
    if TranslationFieldDescriptor.__get__ is not _get_with_source_fallback:
        TranslationFieldDescriptor.__get__ = _get_with_source_fallback


# -- repairing stored data ---------------------------------------------------------------


def fill_never_translated_rows(using: str = "default") -> int:
    """Copy base values into the default language only for rows no language column holds.

    ``update_translation_fields`` copies the base value into every empty default-language
    column: a Spanish-only page would get its Spanish title written into English on every
    migrate. Rows created before the translation columns existed (Wagtail's root and first
    home) have all their language columns empty; only they are filled.
    """
    count = 0
    for model in translator.get_registered_models(abstract=False):
        if model._meta.proxy or not model._meta.managed:
            continue
        options = translator.get_options_for_model(model)
        for field in options.local_fields:
            if isinstance(model._meta.get_field(field), StreamField):
                continue
            untouched = Q()
            for code in LANGUAGE_CODES:
                column = build_localized_fieldname(field, code)
                empty = Q(**{f"{column}__isnull": True})
                if model._meta.get_field(column).empty_strings_allowed:
                    empty |= Q(**{column: ""})
                untouched &= empty
            manager = model._base_manager.db_manager(using)
            queryset = manager.filter(untouched)
            if hasattr(queryset, "rewrite"):
                queryset = queryset.rewrite(False)
            count += queryset.update(**{build_localized_fieldname(field, DEFAULT_LANGUAGE): F(field)})
    return count


def repair_base_columns(regions, using: str = "default") -> int:
    """Rewrite each page's base title, slug, url_path and draft title from its source language.

    Pages saved while the admin ran in another language had that language's text in their
    base columns (``america-latina/biblioteca`` among ``latin-america/library`` siblings).
    ``regions``: (tree path, source language) of every region; a page outside them is
    written in English. Safe to re-run. Returns the number of pages changed.
    """
    regions = sorted(regions)
    changed = 0
    base_fields = ("title", "slug", "url_path", "seo_title", "search_description")
    for page in Page.objects.using(using).rewrite(False).order_by("path").iterator():
        source = next((language for path, language in regions if page.path.startswith(path)), DEFAULT_LANGUAGE)
        updates = {}
        for field in base_fields:
            chain = [source, *(c for c in (DEFAULT_LANGUAGE,) if c != source)]
            value = next((v for c in chain if not _empty(v := localized_value(page, field, c))), None)
            if value is not None and page.__dict__.get(field) != value:
                updates[field] = value
        title = updates.get("title", page.__dict__.get("title"))
        if page.draft_title != title and not page.has_unpublished_changes:
            updates["draft_title"] = title
        if updates:
            Page.objects.using(using).rewrite(False).filter(pk=page.pk).update(**updates)
            changed += 1
    return changed
