"""A certificate's PDF: HTML from the theme's template, laid out by WeasyPrint.

Fonts are the Noto families installed from Debian (fonts-noto-core, fonts-noto-cjk), found
by fontconfig and embedded (subset) in every PDF: Latin with every diacritic (Vietnamese
stacks two), Greek, Cyrillic, Arabic shaped and right to left, Devanagari with conjuncts,
Chinese and Japanese. The name is set in its own element with the language its script
suggests (a name with kana is Japanese, so Han characters take Japanese shapes) and
``dir="auto"``, so an Arabic name reads right to left in an English certificate, and a long
name gets a smaller size instead of leaving the page.
"""

from __future__ import annotations

import unicodedata

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format

from sid import storage
from themes.loader import template_names
from translations.core.languages import RTL_LANGUAGES

from .models import Certificate, certificates_storage

#: Font families per language, first match wins (fontconfig falls back glyph by glyph).
BASE_FONTS = ["Noto Sans", "Noto Sans Arabic", "Noto Sans Devanagari"]
CJK_FONTS = {"ja": "Noto Sans CJK JP", "zh-hans": "Noto Sans CJK SC"}
LATIN_LANGUAGES = {"en", "fr", "es", "de", "pt", "sw"}


def name_language(name: str, interface_language: str) -> str:
    """The language a name's script suggests, for glyph shapes (Han in Japanese or Chinese)."""
    scripts = set()
    for char in name:
        label = unicodedata.name(char, "")
        if label.startswith(("HIRAGANA", "KATAKANA")):
            scripts.add("ja")
        elif label.startswith("CJK"):
            scripts.add("han")
        elif label.startswith("ARABIC"):
            scripts.add("ar")
        elif label.startswith("DEVANAGARI"):
            scripts.add("hi")
    if "ja" in scripts:
        return "ja"
    if "han" in scripts:
        return interface_language if interface_language in CJK_FONTS else "zh-hans"
    if scripts == {"ar"}:
        return "ar"
    if scripts == {"hi"}:
        return "hi"
    if not scripts and interface_language in LATIN_LANGUAGES:
        return interface_language
    return "und"  # a Latin name on an Arabic page, or several scripts: no language claimed


def font_stack(language: str) -> str:
    cjk = CJK_FONTS.get(language)
    families = BASE_FONTS + ([cjk] if cjk else []) + [f for f in CJK_FONTS.values() if f != cjk]
    return ", ".join(f'"{family}"' for family in families) + ", sans-serif"


def name_size(name: str) -> str:
    """Long names get smaller (a 120-character name fits on two lines)."""
    length = len(name)
    for limit, size in ((24, "36pt"), (40, "30pt"), (70, "24pt"), (100, "19pt")):
        if length <= limit:
            return size
    return "16pt"


def html_for(certificate: Certificate, verify_url: str) -> str:
    language = certificate.language
    with translation.override(language):
        own = name_language(certificate.name, language)
        return render_to_string(
            template_names("certificates/certificate_pdf.html"),
            {
                "certificate": certificate,
                "language": language,
                "direction": "rtl" if language in RTL_LANGUAGES else "ltr",
                "fonts": font_stack(language),
                "name_language": own,
                "name_fonts": font_stack(own),
                "name_size": name_size(certificate.name),
                "date": date_format(certificate.occasion_date, "DATE_FORMAT"),
                "verify_url": verify_url,
            },
        )


def pdf_bytes(html: str) -> bytes:
    from PIL import ImageFile

    accept_truncated = ImageFile.LOAD_TRUNCATED_IMAGES
    from weasyprint import HTML  # heavy (Pango): loaded by the first certificate, never by a web process

    # Importing WeasyPrint turns Pillow's LOAD_TRUNCATED_IMAGES on for the whole process;
    # after it, a truncated picture a young person uploads would pass the story form's check.
    ImageFile.LOAD_TRUNCATED_IMAGES = accept_truncated

    # No base URL: the template has no external resource, and WeasyPrint fetches nothing.
    return HTML(string=html).write_pdf()


def write_pdf(certificate: Certificate, verify_url: str, on_progress=None) -> int:
    """Store the PDF in the "certificates" storage under its name. Returns its size."""
    html = html_for(certificate, verify_url)
    if on_progress:
        on_progress(30)
    data = pdf_bytes(html)
    if on_progress:
        on_progress(90)
    storage.replace(certificates_storage(), certificate.file_name, ContentFile(data, name=certificate.file_name))
    return len(data)
