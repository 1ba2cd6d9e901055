"""Rich text as translators see it: text with numbered tags, never raw HTML.

A rich text (Wagtail's stored HTML) is split into a *segment*: text runs and tags, each tag
numbered in order of appearance (``Open``/``Close`` pairs for elements with content,
``Empty`` for ``<br>``, ``<hr>`` and embeds). The numbers are all a file carries: PO writes
them as Python brace placeholders (``{bold1}…{bold1_end}``, literal braces doubled) that PO
editors and ``msgfmt -c`` check because the entry is flagged ``python-brace-format``; XLIFF
1.2 as ``<bpt id>``/``<ept id>``/``<ph id>`` whose code is that same placeholder, so that
translate-toolkit's ``xliff2po`` (which keeps an element's text and drops the element) turns
them into the PO's placeholders, text braces left single (``from_placeholders(escaped=False)``);
XLIFF 2.0 as ``<pc id>``/``<ph id/>``.

On import the markup is rebuilt from the *current source* of the unit, tag number by tag
number: a file cannot change where a link points or add an attribute, only move tags within
the text. A translation whose tags do not pair with the source's raises MarkupMismatch.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.translation import gettext as _

VOID = frozenset({"br", "hr", "embed", "img", "wbr"})

# Tag → the name translators see in PO placeholders.
NAMES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "a": "link",
    "br": "br",
    "hr": "rule",
    "p": "para",
    "ul": "list",
    "ol": "list",
    "li": "item",
    "code": "code",
    "sup": "sup",
    "sub": "sub",
    "s": "strike",
    "blockquote": "quote",
    "embed": "embed",
}
# Tag → XLIFF 1.2 ctype (the specification's values where one exists, else an x- extension).
CTYPES_12 = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "a": "link", "br": "lb"}
# Tag → XLIFF 2.0 (type, subType).
TYPES_20 = {
    "b": ("fmt", "xlf:b"),
    "strong": ("fmt", "xlf:b"),
    "i": ("fmt", "xlf:i"),
    "em": ("fmt", "xlf:i"),
    "br": ("fmt", "xlf:lb"),
    "a": ("link", None),
    "embed": ("image", None),
}


class MarkupMismatch(ValueError):
    """The tags of a translation do not pair with the source's; ``str()`` is the reason."""


@dataclass(frozen=True)
class Open:
    id: str


@dataclass(frozen=True)
class Close:
    id: str


@dataclass(frozen=True)
class Empty:
    id: str


@dataclass(frozen=True)
class Tag:
    """One element of the source: its original start markup and end tag."""

    id: str
    name: str  # the HTML tag
    start: str  # the source's own start tag text, attributes included
    void: bool

    @property
    def end(self) -> str:
        return "" if self.void else f"</{self.name}>"

    @property
    def label(self) -> str:
        if self.name in NAMES:
            return NAMES[self.name]
        return "heading" if re.fullmatch(r"h[1-6]", self.name) else "tag"

    @property
    def placeholder(self) -> str:
        return f"{self.label}{self.id}"

    @property
    def ctype(self) -> str:
        if self.name == "embed" and 'embedtype="image"' in self.start:
            return "image"
        return CTYPES_12.get(self.name, f"x-html-{self.name}")

    @property
    def type_20(self) -> tuple[str | None, str | None]:
        return TYPES_20.get(self.name, (None, None))


@dataclass
class Segment:
    """A rich text as text runs and numbered tags; ``tags`` maps numbers to source markup."""

    tokens: list  # str | Open | Close | Empty
    tags: dict[str, Tag]


class _Splitter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list = []
        self.tags: dict[str, Tag] = {}
        self.stack: list[Tag] = []

    def _new(self, name: str, void: bool) -> Tag:
        tag = Tag(str(len(self.tags) + 1), name, self.get_starttag_text() or f"<{name}>", void)
        self.tags[tag.id] = tag
        return tag

    def handle_starttag(self, name, attrs):
        if name in VOID:
            self.tokens.append(Empty(self._new(name, True).id))
            return
        tag = self._new(name, False)
        self.stack.append(tag)
        self.tokens.append(Open(tag.id))

    def handle_startendtag(self, name, attrs):
        self.tokens.append(Empty(self._new(name, True).id))

    def handle_endtag(self, name):
        if not any(tag.name == name for tag in self.stack):
            return  # a stray end tag: browsers ignore it, so do we
        while self.stack:
            tag = self.stack.pop()
            self.tokens.append(Close(tag.id))
            if tag.name == name:
                break

    def handle_data(self, data):
        if self.tokens and isinstance(self.tokens[-1], str):
            self.tokens[-1] += data
        else:
            self.tokens.append(data)

    def close(self):
        super().close()
        while self.stack:
            self.tokens.append(Close(self.stack.pop().id))


def split(source_html: str) -> Segment:
    """The segment of a stored rich text."""
    splitter = _Splitter()
    splitter.feed(source_html)
    splitter.close()
    return Segment(splitter.tokens, splitter.tags)


def merged(tokens) -> list:
    """Tokens with adjacent text runs joined and empty runs dropped."""
    out: list = []
    for token in tokens:
        if isinstance(token, str):
            if not token:
                continue
            if out and isinstance(out[-1], str):
                out[-1] += token
                continue
        out.append(token)
    return out


def signature(tokens) -> tuple:
    """What must be equal for two segments to be the same source (text and tag numbers)."""
    return tuple(merged(tokens))


# -- PO placeholders ----------------------------------------------------------------------------

PLACEHOLDER_RE = re.compile(r"\{\{|\}\}|\{([A-Za-z]+)(\d+)(_end)?\}|[{}]")


def to_placeholders(segment: Segment) -> str:
    """``Talk to {bold1}someone{bold1_end}.``; literal braces doubled (Python brace format)."""
    parts = []
    for token in segment.tokens:
        if isinstance(token, str):
            parts.append(token.replace("{", "{{").replace("}", "}}"))
        else:
            parts.append(placeholder_code(segment.tags[token.id], end=isinstance(token, Close)))
    return "".join(parts)


def placeholder_code(tag: Tag, end: bool = False) -> str:
    """``{bold2}`` or ``{bold2_end}``: a tag as PO writes it (and XLIFF 1.2 as its native code)."""
    return "{" + tag.placeholder + ("_end" if end else "") + "}"


LITERAL_PLACEHOLDER_RE = re.compile(r"\{([A-Za-z]+)(\d+)(_end)?\}")


def from_placeholders(text: str, segment: Segment, escaped: bool = True) -> list:
    """Tokens of a text written with ``segment``'s placeholders; MarkupMismatch if unusable.

    ``escaped``: literal braces are doubled (our PO). Without it (a text flattened from our
    XLIFF 1.2 by translate-toolkit), a brace is text unless it writes a placeholder of the
    source's tags, and the pairing check finds placeholders that went missing.
    """
    if not escaped:
        return _from_literal_placeholders(text, segment)
    tokens: list = []
    position = 0
    for match in PLACEHOLDER_RE.finditer(text):
        tokens.append(text[position : match.start()])
        position = match.end()
        whole = match.group(0)
        if whole in ("{{", "}}"):
            tokens.append(whole[0])
            continue
        if match.group(2) is None:
            raise MarkupMismatch(
                _("A single brace ({ or }) is not a placeholder: write {{ or }} for a brace in the text.")
            )
        number, is_end = match.group(2), bool(match.group(3))
        tag = segment.tags.get(number)
        if tag is None or tag.label != match.group(1) or (is_end and tag.void):
            raise MarkupMismatch(_("The placeholder %(placeholder)s is not in the source.") % {"placeholder": whole})
        tokens.append(Close(number) if is_end else Empty(number) if tag.void else Open(number))
    tokens.append(text[position:])
    return merged(tokens)


def _from_literal_placeholders(text: str, segment: Segment) -> list:
    tokens: list = []
    position = 0
    for match in LITERAL_PLACEHOLDER_RE.finditer(text):
        number, is_end = match.group(2), bool(match.group(3))
        tag = segment.tags.get(number)
        if tag is None or tag.label != match.group(1) or (is_end and tag.void):
            continue  # text that looks like a placeholder: kept as text
        tokens.append(text[position : match.start()])
        position = match.end()
        tokens.append(Close(number) if is_end else Empty(number) if tag.void else Open(number))
    tokens.append(text[position:])
    return merged(tokens)


# -- checking and rebuilding ----------------------------------------------------------------------


_describe = placeholder_code


def check_pairing(tokens, segment: Segment) -> None:
    """Every tag of the source exactly once, properly nested, and nothing else."""
    seen: dict[str, int] = {}
    stack: list[str] = []
    for token in tokens:
        if isinstance(token, str):
            continue
        tag = segment.tags.get(token.id)
        if tag is None:
            raise MarkupMismatch(_("The tag number %(id)s is not in the source.") % {"id": token.id})
        if isinstance(token, Close):
            if not stack or stack[-1] != token.id:
                raise MarkupMismatch(
                    _("The tag %(tag)s closes before the tags opened inside it, or was never opened.")
                    % {"tag": _describe(tag, end=True)}
                )
            stack.pop()
            continue
        if isinstance(token, Open) != (not tag.void):
            raise MarkupMismatch(_("The tag %(tag)s does not match the source.") % {"tag": _describe(tag)})
        seen[token.id] = seen.get(token.id, 0) + 1
        if seen[token.id] > 1:
            raise MarkupMismatch(_("The tag %(tag)s appears twice.") % {"tag": _describe(tag)})
        if isinstance(token, Open):
            stack.append(token.id)
    if stack:
        raise MarkupMismatch(
            _("The tag %(tag)s is never closed.") % {"tag": _describe(segment.tags[stack[-1]], end=True)}
        )
    missing = [segment.tags[number] for number in segment.tags if number not in seen]
    if missing:
        raise MarkupMismatch(
            _("Tags of the source are missing: %(tags)s. Keep every tag; move it where the sentence needs it.")
            % {"tags": ", ".join(_describe(tag) for tag in missing)}
        )


def rebuild(tokens, segment: Segment) -> str:
    """HTML of a translation, every tag taken from the source; check_pairing first."""
    check_pairing(tokens, segment)
    out = []
    for token in tokens:
        if isinstance(token, str):
            out.append(html.escape(token, quote=False))
        elif isinstance(token, Close):
            out.append(segment.tags[token.id].end)
        else:
            out.append(segment.tags[token.id].start)
    return "".join(out)
