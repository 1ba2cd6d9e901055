"""Checks on one translated text before it may enter a draft.

A translation must keep the source's placeholders and markup, carry no script, and hold
no invisible characters that could disguise text. Rich text is finally cleaned with nh3
against the tags the field's rich-text features allow. Every refusal is a translated
sentence a coordinator can act on.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
from django.utils.translation import gettext as _

from .units import RICH, Unit

# Django/Python and template placeholders a text may carry: they must survive translation.
PLACEHOLDER_RE = re.compile(r"%\([^)\s]+\)[sdfir]|%[sdfir]|\{\{.*?\}\}|\{%.*?%\}|\{[A-Za-z0-9_]*\}|\$\{[^}]*\}")
TAG_RE = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>?")
# C0/C1 controls other than tab and newline; bidi embeddings and overrides (U+202A–U+202E),
# which can make text read differently from how it is stored ("Trojan source"). Isolates
# and the LRM/RLM marks stay allowed: Arabic text legitimately uses them.
FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]")

# Wagtail rich-text features and the tags their stored form uses.
FEATURE_TAGS = {
    "h1": {"h1"},
    "h2": {"h2"},
    "h3": {"h3"},
    "h4": {"h4"},
    "h5": {"h5"},
    "h6": {"h6"},
    "bold": {"b"},
    "italic": {"i"},
    "ol": {"ol", "li"},
    "ul": {"ul", "li"},
    "hr": {"hr"},
    "link": {"a"},
    "document-link": {"a"},
    "image": {"embed"},
    "embed": {"embed"},
    "code": {"code"},
    "superscript": {"sup"},
    "subscript": {"sub"},
    "strikethrough": {"s"},
    "blockquote": {"blockquote"},
}
DEFAULT_FEATURES = ("h2", "h3", "h4", "bold", "italic", "ol", "ul", "hr", "link", "document-link", "image", "embed")
ALWAYS_TAGS = {"p", "br"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt", "url"},
}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
# Attributes that identify where a link or embed points: they must match the source.
IDENTITY_ATTRIBUTES = ("href", "linktype", "id", "embedtype", "format", "url")


class TranslationRefused(ValueError):
    """A text that cannot be accepted; ``str()`` is the translated reason."""


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple[tuple[str, str], ...]]] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.declarations = 0

    def handle_starttag(self, tag, attrs):
        self.attributes.extend((tag, name, value or "") for name, value in attrs)
        identity = tuple(sorted((n, v or "") for n, v in attrs if n in IDENTITY_ATTRIBUTES))
        self.elements.append((tag, identity))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_decl(self, decl):
        self.declarations += 1

    def handle_pi(self, data):
        self.declarations += 1

    def unknown_decl(self, data):
        self.declarations += 1


def _markup(text: str) -> _Markup:
    parser = _Markup()
    parser.feed(text)
    parser.close()
    return parser


def allowed_tags(features) -> set[str]:
    tags = set(ALWAYS_TAGS)
    for feature in features or DEFAULT_FEATURES:
        tags |= FEATURE_TAGS.get(feature, set())
    return tags


def sanitise_rich_text(text: str, features=None) -> str:
    tags = allowed_tags(features)
    return nh3.clean(
        text,
        tags=tags,
        attributes={tag: attrs for tag, attrs in ALLOWED_ATTRIBUTES.items() if tag in tags},
        url_schemes=SAFE_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def normalise(text: str) -> str:
    """NFC and Unix newlines. Not NFKC: it would rewrite legitimate full-width CJK forms."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def _check_characters(text: str) -> None:
    if FORBIDDEN_CHARS.search(text):
        raise TranslationRefused(
            _("The translation contains invisible control or direction-override characters. Remove them and try again.")
        )


def _check_placeholders(source: str, target: str) -> None:
    expected, found = Counter(PLACEHOLDER_RE.findall(source)), Counter(PLACEHOLDER_RE.findall(target))
    if expected != found:
        missing = sorted((expected - found).elements())
        extra = sorted((found - expected).elements())
        parts = []
        if missing:
            parts.append(_("missing: %(items)s") % {"items": ", ".join(missing)})
        if extra:
            parts.append(_("not in the source: %(items)s") % {"items": ", ".join(extra)})
        raise TranslationRefused(
            _("The placeholders must stay exactly as in the source (%(details)s).") % {"details": "; ".join(parts)}
        )


def _check_attributes(markup: _Markup) -> None:
    for tag, name, value in markup.attributes:
        lowered = name.lower()
        if lowered.startswith("on") or lowered in {"style", "srcdoc", "formaction"}:
            raise TranslationRefused(
                _("The translation contains a script or style attribute (%(name)s on <%(tag)s>), which is not allowed.")
                % {"name": name, "tag": tag}
            )
        if lowered in {"href", "src", "url", "action", "data"}:
            scheme = urlsplit(value.strip()).scheme.lower()
            if scheme and scheme not in SAFE_SCHEMES:
                raise TranslationRefused(
                    _("The translation contains a link of a kind that is not allowed (%(scheme)s:).")
                    % {"scheme": scheme}
                )


def _check_rich_markup(source: str, target: str, features) -> None:
    source_markup, target_markup = _markup(source), _markup(target)
    if target_markup.declarations:
        raise TranslationRefused(_("The translation contains a declaration or processing instruction."))
    _check_attributes(target_markup)
    tags = allowed_tags(features)
    unknown = sorted({tag for tag, _identity in target_markup.elements if tag not in tags})
    if unknown:
        raise TranslationRefused(
            _("The translation contains markup that is not allowed here: %(tags)s.")
            % {"tags": ", ".join(f"<{tag}>" for tag in unknown)}
        )
    source_links = Counter(element for element in source_markup.elements if element[1])
    target_links = Counter(element for element in target_markup.elements if element[1])
    if source_links != target_links:
        raise TranslationRefused(
            _("The links must stay exactly as in the source: translate the link text, not where it points.")
        )
    source_tags = Counter(tag for tag, _identity in source_markup.elements)
    target_tags = Counter(tag for tag, _identity in target_markup.elements)
    if source_tags != target_tags:
        raise TranslationRefused(
            _("The markup must stay as in the source: the same tags, the same number of times (%(tags)s).")
            % {
                "tags": ", ".join(
                    f"<{tag}>"
                    for tag in sorted(t for t in source_tags | target_tags if source_tags[t] != target_tags[t])
                )
            }
        )


def _check_plain(source: str, target: str) -> None:
    source_tags, target_tags = Counter(TAG_RE.findall(source)), Counter(TAG_RE.findall(target))
    if target_tags - source_tags:
        raise TranslationRefused(_("This text is plain text: it cannot contain markup such as <tags>."))


def clean_translation(unit: Unit, target: str) -> str:
    """The text to store for ``unit``, or TranslationRefused with the reason."""
    target = normalise(target)
    source = normalise(unit.source)
    _check_characters(target)
    _check_placeholders(source, target)
    if unit.kind == RICH:
        _check_rich_markup(source, target, unit.features)
        target = sanitise_rich_text(target, unit.features)
    else:
        _check_plain(source, target)
    if unit.max_length and len(target) > unit.max_length:
        raise TranslationRefused(
            _("The translation is %(length)s characters long; this text holds at most %(limit)s.")
            % {"length": len(target), "limit": unit.max_length}
        )
    return target
