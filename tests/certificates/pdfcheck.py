"""Reading a certificate PDF back, independently of how it was made: its text (pypdf), its
fonts (embedded or not) and the glyphs it draws (no ``.notdef``), and its first page as an
image (poppler's ``pdftoppm``)."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata

from fontTools.ttLib import TTFont
from PIL import Image, ImageChops
from pypdf import PdfReader
from pypdf.generic import ContentStream


def normalised(text: str) -> str:
    """NFKC, whitespace (line breaks of a wrapped name included) as one space."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def text_of(pdf: bytes) -> str:
    return normalised(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def _descendant(font):
    return font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font


def font_problems(pdf: bytes) -> list[str]:
    """Every font not embedded, every drawn glyph that is missing (GID 0, ``.notdef``, or no
    glyph of that number in the embedded font), as messages."""
    problems = []
    reader = PdfReader(io.BytesIO(pdf))
    for number, page in enumerate(reader.pages, start=1):
        fonts = {name: ref.get_object() for name, ref in page["/Resources"]["/Font"].items()}
        glyphs = {}
        for name, font in fonts.items():
            descriptor = _descendant(font).get("/FontDescriptor")
            files = [key for key in (descriptor or {}) if str(key).startswith("/FontFile")]
            if not files:
                problems.append(f"page {number}: {font.get('/BaseFont')} is not embedded")
                continue
            if font.get("/Encoding") != "/Identity-H":
                problems.append(f"page {number}: {font.get('/BaseFont')} has a custom encoding (missing glyphs)")
                continue
            order = TTFont(io.BytesIO(descriptor[files[0]].get_object().get_data())).getGlyphOrder()
            glyphs[name] = order
        current = None
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                current = operands[0]
            elif operator in (b"Tj", b"TJ") and current in glyphs:
                strings = operands[0] if operator == b"TJ" else [operands[0]]
                for item in strings:
                    if not isinstance(item, bytes | str) or isinstance(item, int | float):
                        continue
                    data = item if isinstance(item, bytes) else item.original_bytes
                    for i in range(0, len(data) - 1, 2):
                        gid = int.from_bytes(data[i : i + 2], "big")
                        order = glyphs[current]
                        if gid == 0 or gid >= len(order) or order[gid] == ".notdef":
                            problems.append(f"page {number}: glyph {gid} of {current} is missing (.notdef)")
    return problems


def first_page_image(pdf: bytes, resolution: int = 36) -> Image.Image:
    """The first page, rendered by poppler (Debian's poppler-utils), in greyscale."""
    result = subprocess.run(  # noqa: S603, S607 (Debian's pdftoppm on PATH, fixed arguments)
        ["pdftoppm", "-r", str(resolution), "-f", "1", "-l", "1", "-singlefile", "-gray", "-png", "-"],  # noqa: S607
        input=pdf,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return Image.open(io.BytesIO(result.stdout)).convert("L")


def name_box(image: Image.Image, resolution: int = 36) -> Image.Image:
    """The part of the first page that holds the name: its fixed box (certificate_pdf.html:
    12 mm page margin, 3 mm border, the box 58 mm below and 30 mm high, inset 10 mm). The
    texts around it change with each language's translation; the name's rendering does not."""
    px = lambda mm: round(mm * resolution / 25.4)  # noqa: E731
    return image.crop((px(12 + 3 + 10), px(12 + 3 + 58), px(297 - 12 - 3 - 10), px(12 + 3 + 58 + 30)))


def difference(a: Image.Image, b: Image.Image) -> float:
    """Share of pixels that differ by more than a quarter of the grey scale (0 to 1)."""
    if a.size != b.size:
        return 1.0
    diff = ImageChops.difference(a, b).point(lambda value: 255 if value > 64 else 0)
    return sum(diff.histogram()[1:]) / (a.size[0] * a.size[1])


CODE_PATTERN = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")
