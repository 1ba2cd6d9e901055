"""Files for translators: XLIFF 1.2 through translate-toolkit, gettext PO through polib.

No hand-written serialiser: both libraries are maintained, widely used by translation
platforms (Pootle, Weblate, Virtaal use translate-toolkit), and escape what must be escaped.
One unit per translatable field and per StreamField text block; its id names the object,
field and block path (``sitecontent.standardpage:12:body/<block id>/text``), and its notes
and context say where the text appears.
"""

from __future__ import annotations

from dataclasses import dataclass

import polib
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import to_locale
from translate.storage import xliff

from .languages import DEFAULT_LANGUAGE
from .units import RICH, Unit

XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"


class Xliff12Unit(xliff.xliffunit):
    namespace = XLIFF_12


class Xliff12File(xliff.xlifffile):
    """translate-toolkit writes XLIFF 1.1 by default; CAT tools expect 1.2 (same schema)."""

    UnitClass = Xliff12Unit
    namespace = XLIFF_12
    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version="1.2" xmlns="{XLIFF_12}">
<file original="NoName" source-language="{DEFAULT_LANGUAGE}" datatype="plaintext">
<body>
</body>
</file>
</xliff>"""


@dataclass(frozen=True)
class ExportEntry:
    """A unit of one object, ready to be written."""

    object_key: str  # "app_label.model:pk"
    object_title: str
    unit: Unit
    target: str = ""  # the current translation, when it is out of date
    outdated: bool = False
    source_language: str = ""  # the language of ``unit.source`` (the object's source language)

    @property
    def unit_id(self) -> str:
        return f"{self.object_key}:{self.unit.key}"

    @property
    def context(self) -> str:
        parts = [f"{self.object_title} ({self.object_key})", self.unit.label]
        if self.unit.kind == RICH:
            parts.append(_("Rich text: keep every tag and link exactly as in the source; translate only the text."))
        if self.unit.max_length:
            parts.append(_("At most %(count)s characters.") % {"count": self.unit.max_length})
        if self.outdated:
            parts.append(_("The source changed since this was translated: please review the translation."))
        return "\n".join(parts)


def file_name(region_code: str, language: str) -> str:
    return f"sid-{region_code}-{language}"


def write_xliff(
    entries: list[ExportEntry], language: str, original: str, source_language: str = DEFAULT_LANGUAGE
) -> bytes:
    store = Xliff12File(sourcelanguage=source_language, targetlanguage=language)
    store.setfilename(store.getfilenode("NoName"), original)
    for entry in entries:
        unit = store.addsourceunit(entry.unit.source, filename=original)
        unit.setid(entry.unit_id)
        if entry.unit.kind == RICH:
            unit.xmlelement.set("datatype", "html")
        if entry.unit.max_length:
            unit.xmlelement.set("maxwidth", str(entry.unit.max_length))
            unit.xmlelement.set("size-unit", "char")
        if entry.target:
            unit.target = entry.target
            unit.markapproved(False)
            target_node = unit.getlanguageNode(lang=None, index=1)
            target_node.set("state", "needs-review-translation")
        unit.addnote(entry.context, origin="developer")
        unit.createcontextgroup(
            "sid",
            [
                ("x-sid-object", entry.object_key),
                ("x-sid-title", entry.object_title),
                ("x-sid-field", entry.unit.field),
                ("x-sid-block-path", entry.unit.path or "-"),
            ],
            purpose="information",
        )
    return bytes(store)


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
        "X-Sid-Source-Language": source_language,
    }
    for entry in entries:
        catalogue.append(
            polib.POEntry(
                msgctxt=entry.unit_id,
                msgid=entry.unit.source,
                msgstr=entry.target,
                comment=entry.context,
                flags=["fuzzy"] if entry.outdated and entry.target else [],
            )
        )
    return str(catalogue).encode("utf-8")


WRITERS = {"xliff": write_xliff, "po": write_po}
