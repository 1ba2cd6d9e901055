"""Translation files as translators and their tools handle them, and the OASIS schemas that judge them.

The XLIFF schemas in tests/fixtures/xliff are the OASIS files as shipped by Debian's
php-symfony-translation package (1.2 strict and 2.0 from 5.4, 1.2 transitional from 6.4),
unchanged; their import of the W3C ``xml.xsd`` is resolved to the local copy, never fetched.
"""

from __future__ import annotations

import copy
import functools
import html
import re
from pathlib import Path

import polib
from lxml import etree

SCHEMAS = Path(__file__).resolve().parent.parent / "fixtures" / "xliff"
XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_20 = "urn:oasis:names:tc:xliff:document:2.0"
SCHEMA_FILES = {
    "1.2-transitional": "xliff-core-1.2-transitional.xsd",
    "1.2-strict": "xliff-core-1.2-strict.xsd",
    "2.0": "xliff-core-2.0.xsd",
}
PLACEHOLDER = re.compile(r"(\{[a-z]+\d+(?:_end)?\})")
START_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9]*)\b[^>]*>")


class _LocalXmlSchema(etree.Resolver):
    def resolve(self, url, pubid, context):
        if url.endswith("xml.xsd"):
            return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
        return None


@functools.cache
def schema(name: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalXmlSchema())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / SCHEMA_FILES[name]), parser))


def schema_errors(content: str | bytes, name: str) -> list[str]:
    data = content.encode("utf-8") if isinstance(content, str) else content
    checker = schema(name)
    checker.validate(etree.fromstring(data))
    return [f"{error.line}: {error.message}" for error in checker.error_log]


class Markup(str):
    """A target given as XML content (inline elements in the file's namespace), not as text."""


def prefix(text: str, language: str) -> str:
    return f"[{language}] {text}" if text else text


# -- a translator in a CAT tool: copies the source with its tags and translates the text ------------


def _namespace(root) -> str:
    return etree.QName(root).namespace


# Inline elements whose content is native code (XLIFF 1.2): a CAT tool shows them as tags.
CODE_ELEMENTS = {"bpt", "ept", "ph", "it", "bx", "ex", "x"}


def _translate_element(target, language: str) -> None:
    if target.text:
        target.text = prefix(target.text, language)
    for element in target.iterdescendants():
        if element.text and etree.QName(element).localname not in CODE_ELEMENTS:
            element.text = prefix(element.text, language)
        if element.tail:
            element.tail = prefix(element.tail, language)


def _pairs(root):
    """(container, source, target or None) for every unit of an XLIFF 1.2 or 2.0 document."""
    ns = _namespace(root)
    container_name = "trans-unit" if ns != XLIFF_20 else "segment"
    for container in root.iter(f"{{{ns}}}{container_name}"):
        yield container, container.find(f"{{{ns}}}source"), container.find(f"{{{ns}}}target")


def _unit_id(container) -> str:
    if etree.QName(container).localname == "segment":
        return container.getparent().get("name")
    return container.get("resname") or container.get("id")


def _set_target(container, source, target, content) -> None:
    ns = _namespace(container)
    if target is None:
        target = etree.Element(f"{{{ns}}}target")
        source.addnext(target)
    target.text, target.tail = None, source.tail
    for child in list(target):
        target.remove(child)
    if isinstance(content, str):
        target.text = content
    else:
        target.text = content.text
        for child in content:
            target.append(child)
    if ns == XLIFF_20:
        container.set("state", "translated")
        container.attrib.pop("subState", None)
    else:
        target.set("state", "translated")


def translate_xml(content: str | bytes, language: str, targets: dict | None = None) -> bytes:
    """Every unit translated as a CAT tool user would: the source copied with its tags, each text
    run prefixed with ``[language]``. ``targets`` overrides units by the end of their id: a string
    is the target's text; a ``Markup`` string is its XML content, as a translator edited it."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    root = etree.fromstring(data)
    ns = _namespace(root)
    for container, source, target in _pairs(root):
        key = _unit_id(container).split(":", 2)[-1]
        if targets and key in targets:
            wanted = targets[key]
            if isinstance(wanted, Markup):
                wanted = etree.fromstring(f'<target xmlns="{ns}">{wanted}</target>')
            _set_target(container, source, target, wanted)
            continue
        translated = copy.deepcopy(source)
        _translate_element(translated, language)
        _set_target(container, source, target, translated)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def translate_placeholders(text: str, language: str) -> str:
    """A PO text translated with its placeholders kept: each run between them prefixed."""
    return "".join(part if PLACEHOLDER.fullmatch(part) else prefix(part, language) for part in PLACEHOLDER.split(text))


def translate_po(content: str, language: str, targets: dict | None = None) -> bytes:
    catalogue = polib.pofile(content)
    for entry in catalogue:
        key = entry.msgctxt.split(":", 2)[-1]
        entry.msgstr = targets[key] if targets and key in targets else translate_placeholders(entry.msgid, language)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    return str(catalogue).encode("utf-8")


def with_source_markup(text: str, source_html: str, escaped_braces: bool) -> str:
    """A text with placeholders as HTML, every ``{nameN}`` replaced by the Nth start tag of
    ``source_html`` as stored and ``{nameN_end}`` by its end tag. Written apart from
    translations.workflow.inline (a regular expression over the stored HTML) to judge it.
    ``escaped_braces``: literal braces are doubled in ``text`` (the site's PO)."""
    starts = [(match.group(0), match.group(1)) for match in START_TAG.finditer(source_html)]
    out = []
    for part in PLACEHOLDER.split(text):
        if PLACEHOLDER.fullmatch(part):
            number, end = int(re.search(r"\d+", part).group()), part.endswith("_end}")
            start, name = starts[number - 1]
            out.append(f"</{name}>" if end else start)
        else:
            if escaped_braces:
                part = part.replace("{{", "{").replace("}}", "}")
            out.append(html.escape(part, quote=False))
    return "".join(out)
