"""English interface strings left in an admin page rendered in another language.

The independent source is gettext itself: every message the installed packages (Django,
Wagtail and the other apps) and our own code declare, read from their English catalogues
(``locale/en/LC_MESSAGES/django.po``) and from a fresh extraction of our code. A text a
person reads in the page (a text node, or an attribute such as ``aria-label``) that *is*
one of those English messages — exactly, or with its placeholders filled — is English
left in the page when, under ``translation.override(language)``, gettext has no
translation for it or translates it to something else. A message the language's
catalogue deliberately keeps unchanged (German "Status") is therefore not reported, and
nothing in here is a hard-coded list of expected translations.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real

#: Names that stay as they are in every language (product and organisation names).
PROPER_NOUNS = frozenset({"Wagtail", "Safer Internet Day", "Insafe", "RedNATIC", "PDF", "URL", "ID", "OK", "XLIFF"})

_PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[a-z_0-9]*\}")


@dataclass(frozen=True)
class Message:
    msgid: str
    context: str | None
    plural: str | None = None

    @property
    def key(self):
        return f"{self.context}\x04{self.msgid}" if self.context else self.msgid


def _english_catalogues() -> list[Path]:
    """The English .po of Django and of every installed app that has one (Wagtail's included)."""
    import django

    paths = [Path(django.__file__).parent / "conf" / "locale" / "en" / "LC_MESSAGES" / "django.po"]
    for config in apps.get_app_configs():
        po = Path(config.path) / "locale" / "en" / "LC_MESSAGES" / "django.po"
        if po.exists() and "translations" not in po.parts[-6:-4]:
            paths.append(po)
    return [path for path in paths if path.exists()]


@functools.cache
def interface_messages() -> tuple[Message, ...]:
    """Every interface message of the installed packages and of our code (extracted afresh)."""
    from tests.translation_workflow.test_admin_languages import extracted_messages

    found: dict[tuple[str | None, str], Message] = {}
    for path in _english_catalogues():
        for entry in polib.pofile(str(path)):
            if entry.msgid and not entry.obsolete:
                found[(entry.msgctxt, entry.msgid)] = Message(entry.msgid, entry.msgctxt, entry.msgid_plural or None)
    for entry in extracted_messages():
        found[(entry.msgctxt, entry.msgid)] = Message(entry.msgid, entry.msgctxt, entry.msgid_plural or None)
    return tuple(found.values())


def _normal(text: str) -> str:
    return " ".join(text.split())


def _pattern(text: str) -> re.Pattern | None:
    """A message with placeholders as a pattern over the filled-in text; None when too little
    of it is words to tell it apart (a bare "%(count)s" or "%(a)s: %(b)s")."""
    parts = _PLACEHOLDER.split(_normal(text))
    if sum(len(re.findall(r"[A-Za-z]{2,}", part)) for part in parts) < 2:
        return None
    return re.compile("^" + ".+?".join(re.escape(part) for part in parts) + "$", re.S)


@functools.cache
def _english_index():
    """Exact English texts → messages; and (pattern, message) for messages with placeholders."""
    exact: dict[str, list[Message]] = {}
    patterns: list[tuple[re.Pattern, Message]] = []
    for message in interface_messages():
        for form in filter(None, (message.msgid, message.plural)):
            if _PLACEHOLDER.search(form):
                pattern = _pattern(form)
                if pattern is not None:
                    patterns.append((pattern, message))
            else:
                text = _normal(form)
                if re.search(r"[A-Za-z]{2,}", text):
                    exact.setdefault(text, []).append(message)
    return exact, patterns


def _translations(message: Message, language: str) -> list[str] | None:
    """The language's translations of ``message`` (all plural forms), or None when gettext has none."""
    catalog = trans_real.translation(language)._catalog
    if message.plural:
        forms = []
        index = 0
        while (message.key, index) in catalog:
            forms.append(catalog[(message.key, index)])
            index += 1
        return forms or None
    if message.key in catalog:
        return [catalog[message.key]]
    return None


def _matches(text: str, form: str) -> bool:
    if _PLACEHOLDER.search(form):
        parts = _PLACEHOLDER.split(_normal(form))
        return re.match("^" + ".+?".join(re.escape(part) for part in parts) + "$", text, re.S) is not None
    return _normal(form) == text


def english_left(texts, language: str, allowed=frozenset()) -> list[str]:
    """The ``texts`` (visible in a page rendered in ``language``) that are English interface strings."""
    exact, patterns = _english_index()
    left = []
    with translation.override(language):
        for text in sorted({_normal(t) for t in texts}):
            if not text or text in PROPER_NOUNS or text in allowed:
                continue
            candidates = list(exact.get(text, ()))
            # A lower-case message shown with its first letter capitalised (a field label).
            capfirsted = [m for m in exact.get(text[:1].lower() + text[1:], ()) if text[:1].isupper()]
            candidates += capfirsted
            if not candidates and any(ch.isascii() and ch.isalpha() for ch in text):
                candidates = [message for pattern, message in patterns if pattern.match(text)]
            if not candidates:
                continue
            # Shown as it should be when any of the messages it may be is translated into this very text.
            fine = False
            for message in candidates:
                forms = _translations(message, language)
                if forms and any(_matches(text, form) or _matches(text, form[:1].upper() + form[1:]) for form in forms):
                    fine = True
                    break
            if not fine:
                left.append(text)
    return left


class VisibleText(HTMLParser):
    """Text nodes and the attributes people read, outside scripts, styles, templates and
    ``hidden`` elements (shown, if ever, once a script has filled them in)."""

    ATTRIBUTES = ("aria-label", "title", "placeholder", "alt", "data-w-tooltip-content-value")
    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._depth = 0  # open elements inside the outermost unseen one

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            if not self._depth:
                self._read_attributes(tag, attrs)
            return
        if self._depth:
            self._depth += 1
        elif tag in ("script", "style", "template") or "hidden" in dict(attrs):
            self._depth = 1
        else:
            self._read_attributes(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        if not self._depth:
            self._read_attributes(tag, attrs)

    def _read_attributes(self, tag, attrs):
        attrs = dict(attrs)
        for name in self.ATTRIBUTES:
            if attrs.get(name):
                self.texts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_endtag(self, tag):
        if self._depth and tag not in self.VOID:
            self._depth -= 1

    def handle_data(self, data):
        if not self._depth and data.strip():
            self.texts.append(data)


def visible_texts(html: str) -> set[str]:
    parser = VisibleText()
    parser.feed(html)
    return {_normal(text) for text in parser.texts}


def default_language() -> str:
    return settings.LANGUAGE_CODE
