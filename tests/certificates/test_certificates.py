"""Certificates in every script: names × kinds × a few interface languages.

Ten PDFs are rendered once per run (a module fixture): each name with one kind and one
interface language, rotating so every kind and every language meets several scripts.
Each PDF is read back independently: its text by pypdf, its fonts and glyphs by fontTools,
its first page by poppler's pdftoppm, compared with a reviewed reference image per script
(tests/fixtures/certificates/; SID_UPDATE_CERTIFICATE_REFERENCES=1 rewrites them).
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
from PIL import Image

from campaign.certificates.models import Certificate
from campaign.certificates.render import html_for, pdf_bytes

from .pdfcheck import difference, first_page_image, font_problems, name_box, normalised, text_of

REFERENCES = Path(__file__).resolve().parent.parent / "fixtures" / "certificates"
#: Share of pixels allowed to differ from the reference (anti-aliasing, poppler versions).
TOLERANCE = 0.01

NAMES = {
    "arabic": "محمد عبد الله الحسيني",
    "hindi": "अर्जुन क्षत्रिय श्रीवास्तव",
    "chinese": "李小龍",
    "japanese": "山田 さくら",
    "greek": "Νικόλαος Παπαδόπουλος",
    "cyrillic": "Ёлка Щукина-Жукова",
    "vietnamese": "Nguyễn Thị Ánh Tuyết Phạm Hồng Ngọc",
    "swahili": "Wanjiru wa Kamau Njoroge",
    "long": (
        "Maximiliana Alexandrina Konstantinopoulou-Featherstonehaugh de la Santísima Trinidad y "
        "Wolfeschlegelsteinhausen Senior I"
    ),
    "mixed": "Анна 李 Smith محمد",
}
assert len(NAMES["long"]) == 120
KINDS = [Certificate.Kind.STORY, Certificate.Kind.CLASS, Certificate.Kind.ORGANISER]
LANGUAGES = ["en", "ar", "ja", "hi", "fr"]
CASES = [(script, KINDS[index % len(KINDS)], LANGUAGES[index % len(LANGUAGES)]) for index, script in enumerate(NAMES)]


def certificate(script, kind, language) -> Certificate:
    return Certificate(
        kind=kind,
        name=NAMES[script],
        school="Shule ya Msingi Ευκλείδης 第一小学" if kind == Certificate.Kind.CLASS else "",
        event_title="Safer Internet Day 2027 · يوم الإنترنت الآمن" if kind == Certificate.Kind.ORGANISER else "",
        occasion_date=datetime.date(2027, 2, 9),
        language=language,
        content_key="0" * 64,
        code="ABCDEFGHJKMN",
    )


@pytest.fixture(scope="module")
def rendered():
    """{script: PDF bytes}, rendered once for the module."""
    return {
        script: pdf_bytes(html_for(certificate(script, kind, language), "https://example.org/verify/ABCDEFGHJKMN/"))
        for script, kind, language in CASES
    }


@pytest.mark.parametrize("script,kind,language", CASES, ids=[f"{s}-{k}-{lang}" for s, k, lang in CASES])
def test_the_name_reads_back_exactly(rendered, script, kind, language):
    text = text_of(rendered[script])
    assert normalised(NAMES[script]) in text, text
    assert "ABCD-EFGH-JKMN" in text


@pytest.mark.parametrize("script", list(NAMES))
def test_every_font_is_embedded_and_no_glyph_is_missing(rendered, script):
    assert font_problems(rendered[script]) == []


def test_the_glyph_check_sees_a_missing_glyph():
    """The check above can fail: a code point no font has is drawn as .notdef."""
    pdf = pdf_bytes(
        html_for(certificate("greek", KINDS[0], "en"), "https://example.org/").replace(NAMES["greek"], "Ana\u0378")
    )
    assert font_problems(pdf)


@pytest.mark.parametrize("script", list(NAMES))
def test_first_page_matches_the_reviewed_reference(rendered, script):
    # The name's box only: the interface texts around it change when catalogues are translated.
    image = name_box(first_page_image(rendered[script]))
    reference = REFERENCES / f"{script}.png"
    if os.environ.get("SID_UPDATE_CERTIFICATE_REFERENCES") == "1":
        image.save(reference, optimize=True)
    assert reference.exists(), (
        f"no reference image for {script}: run with SID_UPDATE_CERTIFICATE_REFERENCES=1 and review it"
    )
    assert difference(image, Image.open(reference).convert("L")) <= TOLERANCE


def test_a_different_name_does_not_match_a_reference(rendered):
    """The comparison can fail: the Greek certificate is not the Cyrillic one."""
    greek, cyrillic = (name_box(first_page_image(rendered[script])) for script in ("greek", "cyrillic"))
    assert difference(greek, cyrillic) > TOLERANCE


def test_arabic_interface_lays_the_page_out_right_to_left():
    html = html_for(certificate("swahili", KINDS[0], "ar"), "https://example.org/")
    assert '<html lang="ar" dir="rtl">' in html
    assert 'class="name" lang="und" dir="auto"' in html  # a Latin name is not claimed to be Arabic
    html = html_for(certificate("japanese", KINDS[0], "en"), "https://example.org/")
    assert 'lang="ja"' in html and "Noto Sans CJK JP" in html


def test_rendering_leaves_pillow_refusing_truncated_images():
    """WeasyPrint turns LOAD_TRUNCATED_IMAGES on when imported: a worker or web process that
    rendered a certificate would then accept a truncated story picture."""
    import io

    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    pdf_bytes("<p>Certificate</p>")
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(buffer, "JPEG")
    with pytest.raises(OSError):
        Image.open(io.BytesIO(buffer.getvalue()[:-200])).load()
