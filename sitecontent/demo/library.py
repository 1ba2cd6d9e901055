"""Demo resource library: topics, a global library and one per region, 44 resources with
real small files per language (generated here: PDFs for Latin scripts, UTF-8 text files
for the others), and six good-practice guides. Idempotent: existing pages are kept.
"""

from __future__ import annotations

import itertools

from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Collection

from sitecontent.models import GuidePage, ResourceFile, ResourceIndexPage, ResourcePage, Topic
from translations.core.languages import DEFAULT_LANGUAGE
from translations.core.tooling import set_translations

from .builder import upsert_child
from .covers import ensure_covers
from .library_guides import GUIDE_BODY, GUIDES
from .library_texts import FILE_BODY, FORMATS, SUMMARY, TITLE, TOPICS

LIBRARY_TITLES = {
    "en": "Library",
    "fr": "Bibliothèque",
    "es": "Biblioteca",
    "pt": "Biblioteca",
    "de": "Bibliothek",
    "ar": "المكتبة",
    "zh-hans": "资料库",
    "ja": "ライブラリー",
    "hi": "पुस्तकालय",
    "sw": "Maktaba",
}
LIBRARY_INTRO = {
    "en": "Material for class, in your language: filter by age, topic and format, then build a pack.",
    "fr": "Du matériel pour la classe, dans votre langue : filtrez par âge, thème et format, puis créez un dossier.",
    "es": "Material para clase, en tu idioma: filtra por edad, tema y formato, y crea un paquete.",
    "pt": "Material para a aula, na sua língua: filtre por idade, tema e formato e crie um pacote.",
    "de": "Material für den Unterricht in Ihrer Sprache: nach Alter, Thema und Format filtern, dann ein Paket erstellen.",
}
# Languages whose files are PDFs (their text fits Latin-1, which a minimal PDF's Helvetica can show).
PDF_LANGUAGES = {"en", "fr", "es", "pt", "de", "sw"}
AGE_LABEL = {"5-8": "5–8", "9-12": "9–12", "13-15": "13–15", "16-18": "16–18"}
AUDIENCE_FOR_AGE = {
    "5-8": ["children", "parents"],
    "9-12": ["children", "teachers"],
    "13-15": ["teenagers", "teachers"],
    "16-18": ["teenagers"],
}

# Per region: its languages, and which language(s) each resource gets files in. Every
# third resource has text in all languages but a file in the first only (a fallback to see).
REGION_LANGUAGES = {
    "eu": ["en", "fr", "de", "es"],
    "latam": ["es", "pt", "en"],
    "apac": ["en", "zh-hans", "ja", "hi"],
    "africa": ["en", "fr", "ar", "sw"],
}
# The first resources of each region are fixed so the teacher's path in the issue works:
# "French, ages 9–12, grooming" in Europe.
FIXED = {
    "eu": [("grooming", "lesson_plan", "9-12"), ("grooming", "poster", "9-12"), ("grooming", "activity", "9-12")],
    "africa": [("grooming", "lesson_plan", "9-12")],
}
TOPIC_CYCLE = list(TOPICS)
FORMAT_CYCLE = ["lesson_plan", "poster", "activity", "quiz", "video"]
AGE_CYCLE = ["9-12", "13-15", "5-8", "16-18"]
RESOURCES_PER_REGION = 11


def minimal_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF showing ``lines`` in Helvetica (Latin-1 text)."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream_lines = ["BT", "/F1 14 Tf", "72 770 Td", "18 TL"]
    for line in lines:
        stream_lines.append(f"({escape(line)}) Tj T*")
    stream_lines.append("ET")
    stream = "\n".join(stream_lines).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def demo_file(language: str, title: str, body: str) -> tuple[bytes, str]:
    if language in PDF_LANGUAGES:
        return minimal_pdf([title, "", body]), "pdf"
    return f"{title}\n\n{body}\n".encode(), "txt"


def ensure_document(code: str, title: str, content: bytes, extension: str):
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    collection = Collection.objects.filter(name=f"Region: {code}").first() or Collection.get_first_root_node()
    document = Document(title=title, collection=collection)
    document.file.save(f"{slugify(title)[:80]}.{extension}", ContentFile(content), save=False)
    document._set_document_file_metadata()  # size and hash, as the admin's upload form does
    document.save()
    return document


def ensure_topics() -> dict[str, Topic]:
    topics = {}
    for slug, names in TOPICS.items():
        topic = Topic.objects.filter(slug=slug).first() or Topic(slug=slug)
        set_translations(topic, {code: {"name": name} for code, name in names.items()})
        topic.save()
        topics[slug] = topic
    return topics


def ensure_library(parent, languages) -> ResourceIndexPage:
    translations = {
        code: {"title": LIBRARY_TITLES[code], "slug": slugify(LIBRARY_TITLES[code]) or "library"} for code in languages
    }
    for code in languages:
        if code in LIBRARY_INTRO:
            translations[code]["intro"] = LIBRARY_INTRO[code]
    translations.setdefault(DEFAULT_LANGUAGE, {"title": "Library", "slug": "library"})
    translations[DEFAULT_LANGUAGE]["slug"] = "library"
    return upsert_child(parent, ResourceIndexPage, "library", translations, show_in_menus=True)


def _publish_new(index, page, topics) -> None:
    with translation.override(DEFAULT_LANGUAGE):
        index.add_child(instance=page)
        page.topics.set(topics)
        page.save_revision().publish()


def resource_specs(code: str):
    fixed = FIXED.get(code, [])
    cycle = itertools.cycle(zip(TOPIC_CYCLE, itertools.cycle(FORMAT_CYCLE), itertools.cycle(AGE_CYCLE), strict=False))
    # Offset per region so regions do not all start with the same topic.
    offset = list(REGION_LANGUAGES).index(code) * 3 + len(fixed)
    generated = [next(cycle) for _ in range(RESOURCES_PER_REGION + offset)][offset:]
    return (fixed + generated)[:RESOURCES_PER_REGION]


def ensure_resources(code: str, region, index, topics, covers) -> int:
    languages = REGION_LANGUAGES[code]
    created = 0
    for number, (topic_slug, format_code, age) in enumerate(resource_specs(code), start=1):
        slug = f"{code}-{number:02d}-{topic_slug}-{format_code}".replace("_", "-")
        if ResourcePage.objects.child_of(index).filter(slug=slug).exists():
            continue
        # Most resources exist in every region language; some only in two (so the library
        # shows "available in …" and packs show fallbacks).
        text_languages = languages if number % 4 else languages[:2]
        file_languages = text_languages[:1] if number % 3 == 0 else text_languages
        if code == "eu" and number == 2:  # French text, English file only: the fallback to find
            file_languages = ["en"]
        values = {}
        for language in text_languages:
            topic_name = TOPICS[topic_slug][language]
            format_name = FORMATS[format_code][language]
            values[language] = {
                "title": TITLE[language].format(topic=topic_name, format=format_name, ages=AGE_LABEL[age]),
                "summary": SUMMARY[language].format(
                    topic=topic_name, topic_lower=topic_name.lower(), format=format_name
                ),
                "slug": slug,
            }
        default = values.get(DEFAULT_LANGUAGE) or values[text_languages[0]]
        page = ResourcePage(
            slug=slug,
            title=default["title"],
            summary=default["summary"],
            format=format_code,
            age_bands=[age],
            audiences=AUDIENCE_FOR_AGE[age],
            licence="cc-by-nc",
            source=region.network_name,
            cover_image=covers.get(format_code),
        )
        set_translations(page, values)
        files = []
        for language in file_languages:
            title = values[language]["title"]
            body = FILE_BODY[language].format(topic=TOPICS[topic_slug][language], format=FORMATS[format_code][language])
            content, extension = demo_file(language, title, body)
            document = ensure_document(code, f"{slug} ({language})", content, extension)
            files.append(ResourceFile(language=language, document=document))
        page.files = files
        _publish_new(index, page, [topics[topic_slug]])
        created += 1
    return created


def guide_body(language: str):
    texts = GUIDE_BODY[language]
    body = [("step", {"title": title, "text": f"<p>{text}</p>"}) for title, text in texts["steps"]]
    body.insert(1, ("key_message", {"title": texts["message"][0], "text": texts["message"][1]}))
    case_title, story, questions = texts["case"]
    body.append(("case_study", {"title": case_title, "story": f"<p>{story}</p>", "questions": questions}))
    return body


def ensure_guides(indexes, topics) -> int:
    created = 0
    for code, slug, topic_slug, languages, texts in GUIDES:
        index = indexes[code]
        if GuidePage.objects.child_of(index).filter(slug=slug).exists():
            continue
        values = {
            language: {
                "title": texts[language][0],
                "summary": texts[language][1],
                "slug": slug,
                "body": guide_body(language),
            }
            for language in languages
        }
        default = values.get(DEFAULT_LANGUAGE) or values[languages[0]]
        page = GuidePage(
            slug=slug,
            title=default["title"],
            summary=default["summary"],
            age_bands=["9-12", "13-15"],
            audiences=["teachers", "parents"],
            licence="cc-by",
            source="Safer Internet Day",
        )
        set_translations(page, values)
        page.body = default["body"]
        _publish_new(index, page, [topics[topic_slug]])
        created += 1
    return created


def build_library(demo) -> dict:
    """Create the demo library; returns {"global": index, "<code>": index, …}."""
    topics = ensure_topics()
    covers = ensure_covers(FORMAT_CYCLE)
    indexes = {"global": ensure_library(demo.home, ["en", "fr", "es", "pt", "de"])}
    made = 0
    for code, region in demo.regions.items():
        if code not in REGION_LANGUAGES:
            continue
        indexes[code] = ensure_library(region, REGION_LANGUAGES[code])
        made += ensure_resources(code, region, indexes[code], topics, covers)
    made += ensure_guides(indexes, topics)
    demo.say(f"Library: {made} new resources and guides.")
    return indexes
