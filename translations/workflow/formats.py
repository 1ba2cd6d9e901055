"""Files for translators, written and read: XLIFF 1.2, XLIFF 2.0 and gettext PO.

XML is built and parsed with lxml (never by string concatenation), PO with polib. One unit
per translatable field and per StreamField text block. Its id names the object, field and
block path (``sitecontent.standardpage:12:body/<block id>/text``) and is carried where each
format and the tools around it keep it:

- XLIFF 1.2: ``id`` and ``resname`` of the ``<trans-unit>``, and a location context group
  (no ``name``: names must be unique within a file), which translate-toolkit's ``xliff2po``
  turns into a PO reference and, for identical sources, a ``msgctxt``.
- XLIFF 2.0: the unit's ``name`` (its ``id`` must be an NMTOKEN, so units are numbered).
- PO: ``msgctxt`` and a ``#:`` reference, which ``po2xliff`` keeps as a location.

Rich text travels as inline markup (``translations.workflow.inline``): ``<bpt>``/``<ept>``/``<ph>`` in
XLIFF 1.2, their code being the PO placeholder, so that the markup survives translate-toolkit's
``xliff2po`` and ``po2xliff`` as placeholders (files exported earlier with ``<g>``/``<x/>`` are
still read); ``<pc>``/``<ph/>`` in XLIFF 2.0 (with the original markup in ``<originalData>``,
for information only); Python brace placeholders in PO. The original markup stays with the
site: import rebuilds every tag from the unit's current source by number. Files validate
against the OASIS schemas (tests/fixtures/xliff).
"""

from __future__ import annotations

from dataclasses import dataclass

import polib
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import to_language, to_locale
from lxml import etree

from ..core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES, RTL_LANGUAGES
from . import inline
from .units import RICH, Unit

XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_11 = "urn:oasis:names:tc:xliff:document:1.1"  # what translate-toolkit's po2xliff writes
XLIFF_20 = "urn:oasis:names:tc:xliff:document:2.0"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# XLIFF 1.2 target states and XLIFF 2.0 sub-state that mean "a suggestion, not yet reviewed".
REVIEW_STATE_12 = "needs-review-translation"
REVIEW_SUBSTATE_20 = "sid:needs-review"
PO_RICH_FLAG = "python-brace-format"
PO_SOURCE_LANGUAGE_HEADER = "X-Sid-Source-Language"  # also tells a PO (or its po2xliff) is ours


class FileRefused(ValueError):
    """The whole file is refused; ``str()`` is the translated reason."""


@dataclass(frozen=True)
class ExportEntry:
    """A unit of one object, ready to be written."""

    object_key: str  # "app_label.model:pk"
    object_title: str
    unit: Unit
    target: str = ""  # the current translation when out of date, or a translation memory match
    outdated: bool = False
    prefilled: bool = False  # target taken from an identical, already translated text
    source_language: str = ""  # the language of ``unit.source`` (the object's source language)

    @property
    def unit_id(self) -> str:
        return f"{self.object_key}:{self.unit.key}"

    @property
    def needs_review(self) -> bool:
        return bool(self.target) and (self.outdated or self.prefilled)

    @property
    def context(self) -> str:
        parts = [f"{self.object_title} ({self.object_key})", self.unit.label]
        if self.unit.kind == RICH:
            parts.append(_("Rich text: keep every tag; move tags where the sentence needs them."))
        if self.unit.max_length:
            parts.append(_("At most %(count)s characters.") % {"count": self.unit.max_length})
        if self.outdated:
            parts.append(_("The source changed since this was translated: please review the translation."))
        if self.prefilled:
            parts.append(_("Pre-filled from an identical text translated elsewhere on the site: please review it."))
        return "\n".join(parts)

    def segment(self) -> inline.Segment:
        return inline.split(self.unit.source)


def _serialise(root) -> bytes:
    """The document with one structural element a line; the content of ``<source>``, ``<target>``
    and other text elements is left exactly as built (indenting it would change the text)."""

    def layout(element):
        if etree.QName(element).localname in ("source", "target", "data", "note", "context"):
            return
        if len(element) and not (element.text or "").strip():
            element.text = "\n"
        for child in element:
            if not (child.tail or "").strip():
                child.tail = "\n"
            layout(child)

    layout(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def file_name(region_code: str, language: str) -> str:
    return f"sid-{region_code}-{language}"


# -- XLIFF 1.2 ----------------------------------------------------------------------------------


def _q12(name: str) -> str:
    return f"{{{XLIFF_12}}}{name}"


def _inline_12(parent, tokens, segment: inline.Segment) -> None:
    """Append text and ``<bpt>``/``<ept>``/``<ph>`` elements for ``tokens`` to ``parent``.

    Each code element holds the tag's PO placeholder (``{bold2}``, ``{bold2_end}``) as its
    native code: CAT tools show and protect it as a tag, and translate-toolkit's ``xliff2po``,
    which keeps only an element's text, writes the PO's placeholders in its place (``<g>``
    carries no code, so the markup was lost there). A ``<bpt>`` and its ``<ept>`` share an id,
    as in the specification's examples.
    """
    last = None  # the element whose tail receives the next text, None for the parent's text
    for token in tokens:
        if isinstance(token, str):
            if last is None:
                parent.text = (parent.text or "") + token
            else:
                last.tail = (last.tail or "") + token
            continue
        tag = segment.tags[token.id]
        if isinstance(token, inline.Close):
            last = etree.SubElement(parent, _q12("ept"), id=tag.id)
        else:
            last = etree.SubElement(parent, _q12("ph" if tag.void else "bpt"), id=tag.id, ctype=tag.ctype)
        last.text = inline.placeholder_code(tag, end=isinstance(token, inline.Close))


def write_xliff(
    entries: list[ExportEntry], language: str, original: str, source_language: str = DEFAULT_LANGUAGE
) -> bytes:
    root = etree.Element(_q12("xliff"), version="1.2", nsmap={None: XLIFF_12})
    file_node = etree.SubElement(
        root,
        _q12("file"),
        original=original,
        datatype="plaintext",
        **{"source-language": source_language, "target-language": language},
    )
    body = etree.SubElement(file_node, _q12("body"))
    for entry in entries:
        attributes = {"id": entry.unit_id, "resname": entry.unit_id, XML_SPACE: "preserve"}
        if entry.unit.kind == RICH:
            attributes["datatype"] = "html"
        if entry.unit.max_length:
            attributes.update({"maxwidth": str(entry.unit.max_length), "size-unit": "char"})
        unit = etree.SubElement(body, _q12("trans-unit"), **attributes)
        source = etree.SubElement(unit, _q12("source"))
        segment = entry.segment() if entry.unit.kind == RICH else None
        if segment is not None:
            _inline_12(source, segment.tokens, segment)
        else:
            source.text = entry.unit.source
        if entry.target:
            target = etree.SubElement(unit, _q12("target"))
            if entry.needs_review:
                target.set("state", REVIEW_STATE_12)
            if segment is not None:
                _inline_12(target, _target_tokens(entry.target, segment), segment)
            else:
                target.text = entry.target
        group = etree.SubElement(unit, _q12("context-group"), purpose="location")
        etree.SubElement(group, _q12("context"), **{"context-type": "sourcefile"}).text = entry.unit_id
        etree.SubElement(unit, _q12("note"), **{"from": "developer"}).text = entry.context
    return _serialise(root)


def _target_tokens(target_html: str, source: inline.Segment) -> list:
    """Tokens of an existing translation numbered like the source (tags matched by their markup,
    wherever the translation moved them); text only when its tags are not the source's."""
    translated = inline.split(target_html)
    unused = list(source.tags.values())
    numbers = {}
    for tag in translated.tags.values():
        match = next((s for s in unused if (s.name, s.start) == (tag.name, tag.start)), None)
        if match is None:
            break
        unused.remove(match)
        numbers[tag.id] = match.id
    if unused or len(numbers) != len(translated.tags):
        return ["".join(token for token in translated.tokens if isinstance(token, str))]
    return [token if isinstance(token, str) else type(token)(numbers[token.id]) for token in translated.tokens]


# -- XLIFF 2.0 ----------------------------------------------------------------------------------


def _q20(name: str) -> str:
    return f"{{{XLIFF_20}}}{name}"


def _inline_20(parent, tokens, segment: inline.Segment) -> None:
    stack = [parent]
    last = None
    for token in tokens:
        if isinstance(token, str):
            if last is None:
                stack[-1].text = (stack[-1].text or "") + token
            else:
                last.tail = (last.tail or "") + token
        elif isinstance(token, inline.Close):
            last = stack.pop()
        else:
            tag = segment.tags[token.id]
            kind, sub_kind = tag.type_20
            attributes = {"id": tag.id}
            if kind:
                attributes["type"] = kind
            if sub_kind:
                attributes["subType"] = sub_kind
            if tag.void:
                last = etree.SubElement(stack[-1], _q20("ph"), dataRef=f"s{tag.id}", **attributes)
            else:
                element = etree.SubElement(
                    stack[-1], _q20("pc"), dataRefStart=f"s{tag.id}", dataRefEnd=f"e{tag.id}", **attributes
                )
                stack.append(element)
                last = None


def write_xliff2(
    entries: list[ExportEntry], language: str, original: str, source_language: str = DEFAULT_LANGUAGE
) -> bytes:
    root = etree.Element(
        _q20("xliff"), version="2.0", srcLang=source_language, trgLang=language, nsmap={None: XLIFF_20}
    )
    file_attributes = {"id": "f1", "original": original, XML_SPACE: "preserve"}
    if source_language in RTL_LANGUAGES:
        file_attributes["srcDir"] = "rtl"
    if language in RTL_LANGUAGES:
        file_attributes["trgDir"] = "rtl"
    file_node = etree.SubElement(root, _q20("file"), **file_attributes)
    for number, entry in enumerate(entries, start=1):
        unit = etree.SubElement(file_node, _q20("unit"), id=f"u{number}", name=entry.unit_id)
        notes = etree.SubElement(unit, _q20("notes"))
        etree.SubElement(notes, _q20("note"), category="context").text = entry.context
        segment = entry.segment() if entry.unit.kind == RICH else None
        if segment is not None and segment.tags:
            data = etree.SubElement(unit, _q20("originalData"))
            for tag in segment.tags.values():
                etree.SubElement(data, _q20("data"), id=f"s{tag.id}").text = tag.start
                if not tag.void:
                    etree.SubElement(data, _q20("data"), id=f"e{tag.id}").text = tag.end
        segment_node = etree.SubElement(unit, _q20("segment"))
        source = etree.SubElement(segment_node, _q20("source"))
        if segment is not None:
            _inline_20(source, segment.tokens, segment)
        else:
            source.text = entry.unit.source
        if entry.target:
            if entry.needs_review:
                segment_node.set("state", "initial")
                segment_node.set("subState", REVIEW_SUBSTATE_20)
            else:
                segment_node.set("state", "translated")
            target = etree.SubElement(segment_node, _q20("target"))
            if segment is not None:
                _inline_20(target, _target_tokens(entry.target, segment), segment)
            else:
                target.text = entry.target
    return _serialise(root)


# -- PO ---------------------------------------------------------------------------------------------


def write_po(
    entries: list[ExportEntry], language: str, original: str, source_language: str = DEFAULT_LANGUAGE
) -> bytes:
    catalogue = polib.POFile(wrapwidth=0)
    now = timezone.now().strftime("%Y-%m-%d %H:%M+0000")
    catalogue.metadata = {
        "Project-Id-Version": original,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": now,
        "PO-Revision-Date": now,
        "Last-Translator": "",
        "Language-Team": "",
        "Language": to_locale(language),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        PO_SOURCE_LANGUAGE_HEADER: source_language,
    }
    for entry in entries:
        flags = []
        source, target = entry.unit.source, entry.target
        if entry.unit.kind == RICH:
            segment = entry.segment()
            source = inline.to_placeholders(segment)
            if target:
                target = inline.to_placeholders(inline.Segment(_target_tokens(target, segment), segment.tags))
            flags.append(PO_RICH_FLAG)
        if entry.needs_review:
            flags.append("fuzzy")
        catalogue.append(
            polib.POEntry(
                msgctxt=entry.unit_id,
                msgid=source,
                msgstr=target,
                comment=entry.context,
                occurrences=[(entry.unit_id, "")],
                flags=flags,
            )
        )
    return str(catalogue).encode("utf-8")


WRITERS = {"xliff": write_xliff, "xliff2": write_xliff2, "po": write_po}
EXTENSIONS = {"xliff": "xlf", "xliff2": "xlf", "po": "po"}


# -- reading ------------------------------------------------------------------------------------------


@dataclass
class FileUnit:
    """One translated unit of a file. XML files give token lists (text and numbered tags);
    PO files give text, whose placeholders are read against the unit's source (``tokens``).

    Placeholders written as text come in two spellings: our PO's, literal braces doubled
    (``escaped_braces``), and the one translate-toolkit's ``xliff2po`` makes of our XLIFF 1.2,
    text braces single. ``escaped_braces`` is what the file suggests; the importer confirms
    the spelling by reading the unit's source back (translations.workflow.importing)."""

    unit_id: str
    source: list | str
    target: list | str
    escaped_braces: bool = True

    def _placeholders_as_text(self) -> bool:
        """An XLIFF whose source has no inline elements: converted by po2xliff, tags as text."""
        return isinstance(self.source, list) and all(isinstance(token, str) for token in self.source)

    def tokens(self, which: str, segment: inline.Segment | None, escaped: bool | None = None) -> list:
        escaped = self.escaped_braces if escaped is None else escaped
        value = getattr(self, which)
        if isinstance(value, list):
            tokens = inline.merged(value)
            if (
                segment is not None
                and segment.tags
                and self._placeholders_as_text()
                and all(isinstance(token, str) for token in tokens)
            ):
                return inline.from_placeholders("".join(tokens), segment, escaped)
            return tokens
        if segment is None:
            return [value]
        return inline.from_placeholders(value, segment, escaped)


@dataclass
class ReadFile:
    file_format: str
    language: str | None
    units: list[FileUnit]
    skipped: int = 0  # units left untranslated, or suggestions not yet reviewed
    source_language: str | None = None  # as the file declares it (the export's, each region writes in its own)
    language_declared: bool = False  # the file names a target language (one of ours or not)


def _language(code: str | None) -> str | None:
    if not code:
        return None
    candidate = to_language(code.strip()).lower()
    if candidate not in LANGUAGE_CODES:
        candidate = candidate.partition("-")[0]  # "en-US" as tools write it: English
    return candidate if candidate in LANGUAGE_CODES else None


def _declared_source(code: str | None) -> str | None:
    """The source language a file declares: one of ours (each region writes in its own)."""
    if not code:
        return None
    source = _language(code)
    if source is None:
        raise FileRefused(_("The file's source language is not one we use; upload the file as it was exported."))
    return source


def looks_like_unit_id(value: str | None) -> bool:
    label, _sep, rest = (value or "").partition(":")
    pk, _sep, key = rest.partition(":")
    return "." in label and pk.isdigit() and bool(key)


def _pick_id(*candidates: str | None) -> str:
    for candidate in candidates:
        if looks_like_unit_id(candidate):
            return candidate
    return next((c for c in candidates if c), "")


class _InlineReader:
    """Tokens of a ``<source>``/``<target>``: ``pairs`` names elements that enclose a tag's
    content, ``empties`` standalone tags, ``starts``/``ends`` the opening and closing codes of
    a tag (their content is code, not text: the tag is rebuilt from the source); ``<mrk>`` is
    transparent; anything else is refused."""

    def __init__(
        self,
        namespace: str,
        pairs: set[str],
        empties: set[str],
        unit_id: str,
        starts: frozenset[str] = frozenset(),
        ends: frozenset[str] = frozenset(),
    ):
        self.namespace, self.pairs, self.empties, self.unit_id = namespace, pairs, empties, unit_id
        self.starts, self.ends = starts, ends

    def read(self, element) -> list:
        tokens: list = [element.text or ""]
        for child in element:
            if not isinstance(child.tag, str):  # comments, processing instructions
                tokens.append(child.tail or "")
                continue
            namespace, _sep, name = child.tag[1:].partition("}")
            if namespace != self.namespace:
                raise FileRefused(self._refusal(name))
            if name in self.pairs:
                identifier = child.get("id", "")
                tokens.append(inline.Open(identifier))
                tokens.extend(self.read(child))
                tokens.append(inline.Close(identifier))
            elif name in self.empties:
                tokens.append(inline.Empty(child.get("id", "")))
            elif name in self.starts:
                tokens.append(inline.Open(child.get("id", "")))
            elif name in self.ends:
                tokens.append(inline.Close(child.get("id", "")))
            elif name == "mrk":
                tokens.extend(self.read(child))
            else:
                raise FileRefused(self._refusal(name))
            tokens.append(child.tail or "")
        return tokens

    def _refusal(self, name: str) -> str:
        return _("Text %(unit)s contains inline markup this site does not write (<%(element)s>).") % {
            "unit": self.unit_id,
            "element": name,
        }


def _parse_xml(data: bytes):
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise FileRefused(_("The file declares a document type or entities, which translation files never need."))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise FileRefused(_("The file is not well-formed XLIFF: %(error)s") % {"error": str(error)[:200]}) from error


def _read_xliff_1(root, namespace: str) -> ReadFile:
    q = lambda name: f"{{{namespace}}}{name}"  # noqa: E731
    files = root.findall(q("file"))
    if not files:
        raise FileRefused(_("The file is not well-formed XLIFF: %(error)s") % {"error": "<file>"})
    sources = {_declared_source(file_node.get("source-language")) for file_node in files}
    if len(sources) > 1:
        raise FileRefused(_("The file's source language is not one we use; upload the file as it was exported."))
    target_language = files[0].get("target-language")
    result = ReadFile(
        "xliff", _language(target_language), [], source_language=sources.pop(), language_declared=bool(target_language)
    )
    # Placeholders as text (po2xliff) spell braces as the PO did: doubled in ours, whose header
    # po2xliff keeps as a header unit; single in a PO that xliff2po made of our XLIFF.
    escaped_braces = False
    for unit in root.iter(q("trans-unit")):
        if unit.get("restype") == "x-gettext-domain-header":
            escaped_braces = PO_SOURCE_LANGUAGE_HEADER in "".join(unit.itertext())
            continue
        locations = [
            context.text
            for group in unit.findall(q("context-group"))
            if group.get("purpose") == "location"
            for context in group.findall(q("context"))
            if context.get("context-type") == "sourcefile"
        ]
        unit_id = _pick_id(unit.get("resname"), unit.get("id"), *locations)
        reader = _InlineReader(namespace, {"g"}, {"x", "ph"}, unit_id, starts=_STARTS_12, ends=_ENDS_12)
        source, target = unit.find(q("source")), unit.find(q("target"))
        target_tokens = reader.read(target) if target is not None else []
        if not "".join(t for t in target_tokens if isinstance(t, str)).strip() or (
            target.get("state", "").startswith("needs-review")
        ):
            result.skipped += 1
            continue
        source_tokens = reader.read(source) if source is not None else []
        result.units.append(FileUnit(unit_id, source_tokens, target_tokens, escaped_braces))
    return result


_STARTS_12, _ENDS_12 = frozenset({"bpt"}), frozenset({"ept"})


def _read_xliff_2(root) -> ReadFile:
    q = lambda name: f"{{{XLIFF_20}}}{name}"  # noqa: E731
    source = _declared_source(root.get("srcLang"))
    result = ReadFile(
        "xliff2",
        _language(root.get("trgLang")),
        [],
        source_language=source,
        language_declared=bool(root.get("trgLang")),
    )
    for unit in root.iter(q("unit")):
        unit_id = _pick_id(unit.get("name"), unit.get("id"))
        reader = _InlineReader(XLIFF_20, {"pc"}, {"ph"}, unit_id)
        source_tokens: list = []
        target_tokens: list = []
        review = False
        for part in unit:
            if part.tag not in (q("segment"), q("ignorable")):
                continue
            source, target = part.find(q("source")), part.find(q("target"))
            source_tokens += reader.read(source) if source is not None else []
            # An ignorable part without a target keeps its source (whitespace between segments).
            target_tokens += reader.read(target) if target is not None else reader.read(source)
            if part.get("state", "initial") == "initial" and part.get("subState") == REVIEW_SUBSTATE_20:
                review = True
        if (
            review
            or not "".join(t for t in target_tokens if isinstance(t, str)).strip()
            or not any(part.find(q("target")) is not None for part in unit.findall(q("segment")))
        ):
            result.skipped += 1
            continue
        result.units.append(FileUnit(unit_id, source_tokens, target_tokens))
    return result


def read_xliff(data: bytes) -> ReadFile:
    root = _parse_xml(data)
    namespace = root.tag[1:].partition("}")[0] if root.tag.startswith("{") else ""
    if etree.QName(root).localname != "xliff" or namespace not in (XLIFF_12, XLIFF_11, XLIFF_20):
        raise FileRefused(_("The file is not well-formed XLIFF: %(error)s") % {"error": root.tag[:100]})
    if namespace == XLIFF_20:
        return _read_xliff_2(root)
    return _read_xliff_1(root, namespace)


def read_po(text: str) -> ReadFile:
    try:
        catalogue = polib.pofile(text)
    except (OSError, ValueError) as error:
        raise FileRefused(
            _("The file is not a well-formed PO file: %(error)s") % {"error": str(error)[:200]}
        ) from error
    source = _declared_source(catalogue.metadata.get(PO_SOURCE_LANGUAGE_HEADER))
    ours = PO_SOURCE_LANGUAGE_HEADER in catalogue.metadata  # else made by xliff2po from our XLIFF
    declared = (catalogue.metadata.get("Language") or "").strip()
    result = ReadFile("po", _language(declared), [], source_language=source, language_declared=bool(declared))
    for entry in catalogue:
        if entry.obsolete:
            continue
        if not entry.msgstr.strip() or entry.fuzzy:
            result.skipped += 1
            continue
        references = [path for path, _line in entry.occurrences]
        # msgctxt as exported; after po2xliff/xliff2po only duplicates keep one, the rest a reference.
        escaped_braces = ours or PO_RICH_FLAG in entry.flags
        result.units.append(FileUnit(_pick_id(entry.msgctxt, *references), entry.msgid, entry.msgstr, escaped_braces))
    return result
