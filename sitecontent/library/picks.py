"""A teacher's own pack ("my pack"): the items ticked in the library, across result pages.

No cookie and no session: the chosen ids travel in the library's query string as repeated
``pick`` parameters and are written back as hidden inputs of the library's one GET form,
which result checkboxes, pagination, "remove" and "build" buttons all submit. So a
selection survives pagination and filter changes, works without JavaScript, and can be
bookmarked or shared like any filtered view, while nothing about the visitor is stored.

Only live, public library items are ever kept; any other id (garbage, unknown, a draft,
a private page, a page that is not a library item) is dropped with one message that is
the same for all of them, so the selection reveals nothing a visitor could not list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page

from sitecontent.params import as_id
from translations.core.languages import LANGUAGE_CODES

#: Raw values read from the query string at most: bounds parsing and the SQL ``IN`` list
#: whatever a hand-made URL carries.
MAX_RAW_VALUES = 200

#: Parameters that act on the selection; with one of them the page number stays the same.
ACTIONS = ("keep", "remove", "build")


def max_items() -> int:
    return getattr(settings, "SID_PACK_MAX_ITEMS", 60)


def parse_ids(raw_values) -> tuple[list[int], bool]:
    """(ids in order without duplicates, whether anything was not an id)."""
    ids, garbage = [], False
    for raw in list(raw_values)[:MAX_RAW_VALUES]:
        value = as_id(raw)
        if value is not None:
            ids.append(value)
        elif str(raw).strip():
            garbage = True
    return list(dict.fromkeys(ids)), garbage or len(raw_values) > MAX_RAW_VALUES


@dataclass
class PickedItem:
    page: Page  # the generic page row: title and URL in the visitor's language
    languages: list[str]
    in_language: bool


@dataclass
class Picks:
    """The selection as the library page shows it (see ``read``/``resolve``)."""

    ids: list[int] = field(default_factory=list)
    language: str = ""
    items: list[PickedItem] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    wants_build: bool = False
    #: Candidates read from the request, not yet checked against the database.
    candidates: list[int] = field(default_factory=list)
    had_garbage: bool = False

    @classmethod
    def read(cls, params, default_language: str) -> Picks:
        removed, _garbage = parse_ids(params.getlist("remove"))
        candidates, garbage = parse_ids(params.getlist("pick"))
        language = params.get("pack_language", "")
        return cls(
            candidates=[pk for pk in candidates if pk not in set(removed)],
            had_garbage=garbage,
            language=language if language in LANGUAGE_CODES else default_language,
            wants_build="build" in params,
        )

    def resolve(self, found: dict[int, Page], facts: dict[int, dict[str, list[str]]], visitor_language: str) -> None:
        """Keep the candidates that are live public library items, within the size limit.

        ``found`` holds the pages of the candidates that the library lists (the caller reads
        them, and the items' facet rows ``facts``, in the queries it makes for the results),
        so the selection costs no query of its own.
        """
        kept = [pk for pk in self.candidates if pk in found]
        if self.had_garbage or len(kept) < len(self.candidates):
            self.messages.append(_("Some of the chosen items could not be found, so they were left out of your pack."))
        limit = max_items()
        if len(kept) > limit:
            left_out = len(kept) - limit
            self.messages.append(
                ngettext(
                    "A pack can hold at most %(max)s items, so %(count)s of your choices was not added.",
                    "A pack can hold at most %(max)s items, so %(count)s of your choices were not added.",
                    left_out,
                )
                % {"max": limit, "count": left_out}
            )
            kept = kept[:limit]
        self.ids = kept
        for pk in kept:
            languages = [code for code in LANGUAGE_CODES if code in facts.get(pk, {}).get("language", [])]
            self.items.append(PickedItem(found[pk], languages, visitor_language in languages))
        if self.wants_build and not self.ids:
            self.messages.append(_("Your selection is empty. Tick at least one resource or guide."))

    # -- what the template needs -----------------------------------------------------------
    @property
    def count(self) -> int:
        return len(self.ids)

    @property
    def id_set(self) -> set[int]:
        return set(self.ids)

    @property
    def ready_to_build(self) -> bool:
        return self.wants_build and bool(self.ids)

    def params(self) -> list[tuple[str, str]]:
        return [("pick", str(pk)) for pk in self.ids]

    def query(self) -> str:
        """``pick=…&pick=…`` (empty without a selection), for links that keep it."""
        return urlencode(self.params())
