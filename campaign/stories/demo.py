"""Demo: a stories section in each region, published stories in several languages, and a
moderation queue with flagged examples (``manage.py load_demo_content`` calls ``load``).

Stories go through the real pipeline (scan, draft page, the region's workflow) and the
published ones are approved by the region's demo moderator. Idempotent: a story whose
title already exists in its section is left alone.
"""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from campaign.moderation import decisions
from campaign.moderation.workflows import ensure_region_workflow
from sitecontent.demo.builder import upsert_child

from . import pictures, pipeline
from .models import ParentalConsent, StoryIndexPage, StoryPage, Submission
from .tokens import new_token

SECTION_TITLES = {
    "en": {
        "title": "Youth stories",
        "slug": "stories",
        "intro": "Young people share what happened online and what helped.",
    },
    "fr": {
        "title": "Histoires de jeunes",
        "slug": "histoires",
        "intro": "Des jeunes racontent ce qui leur est arrivé en ligne.",
    },
    "es": {
        "title": "Historias de jóvenes",
        "slug": "historias",
        "intro": "Jóvenes cuentan lo que les pasó en línea y qué les ayudó.",
    },
    "pt": {
        "title": "Histórias de jovens",
        "slug": "historias",
        "intro": "Jovens contam o que aconteceu online e o que ajudou.",
    },
    "de": {"title": "Geschichten von Jugendlichen", "slug": "geschichten"},
    "ar": {"title": "قصص الشباب", "slug": "stories"},
    "zh-hans": {"title": "青少年故事", "slug": "stories"},
    "ja": {"title": "若者のストーリー", "slug": "stories"},
    "hi": {"title": "युवाओं की कहानियाँ", "slug": "stories"},
    "sw": {"title": "Hadithi za vijana", "slug": "hadithi"},
}

# (region, publish?, fields); the queue items carry personal information on purpose.
STORIES = [
    ("eu", True, dict(language="en", country="BE", age_band="14", pen_name="Brave Fox", picture=True,
        title="I blocked a stranger in a game",
        body="Someone I didn't know kept messaging me in a game and asking for pictures. I told my older sister "
        "and we blocked and reported him. If it happens to you, tell someone you trust.")),
    ("eu", True, dict(language="fr", country="FR", age_band="16_17", pen_name="Étoile",
        title="On a signalé son compte",
        body="Un inconnu m'a proposé des cadeaux dans un jeu en ligne en échange de photos. J'en ai parlé à ma prof "
        "et on a signalé son compte.")),
    ("eu", True, dict(language="de", country="DE", age_band="16_17", pen_name="Nordlicht", picture=True,
        title="Keine Fotos an Fremde",
        body="Ich habe gelernt, dass man nie Fotos an Fremde schicken sollte, auch wenn sie nett wirken.")),
    ("eu", False, dict(language="es", country="ES", age_band="15", pen_name="Luna",
        title="Escríbeme si te pasa",
        body="Escríbeme a valentina.r@correo.example y te cuento cómo lo superé. Mi WhatsApp es +52 55 1234 5678.")),
    ("eu", False, dict(language="en", country="BE", age_band="13", pen_name="Ａｄｍｉｎ", picture=True,
        title="Our assembly",
        body="At St Mary's Primary School in Leeds we did a safer internet assembly. Add me on snap: amyxo13 for the "
        "checklist.")),
    ("latam", True, dict(language="es", country="MX", age_band="14", pen_name="Colibrí", picture=True,
        title="Mis papás me ayudaron",
        body="Me llegaron mensajes de alguien que decía tener mi edad. Mis papás me ayudaron a bloquearlo y a "
        "denunciarlo.")),
    ("latam", True, dict(language="pt", country="BR", age_band="16_17", pen_name="Sabiá",
        title="Denunciamos o perfil",
        body="Um desconhecido pediu fotos minhas numa rede social. Contei para minha mãe e denunciamos o perfil.")),
    ("latam", False, dict(language="pt", country="BR", age_band="13", pen_name="Bia",
        title="Me segue",
        body="Me segue no insta @bia.santos.oficial. Moro na Rua das Flores, 230, em Campinas.")),
    ("apac", True, dict(language="ja", country="JP", age_band="15", pen_name="さくら",
        title="一人で悩まないで",
        body="知らない人からSNSで何度もメッセージが来ました。親に相談してブロックしました。一人で悩まないでください。")),
    ("apac", True, dict(language="zh-hans", country="SG", age_band="14", pen_name="小鸟", picture=True,
        title="我们一起举报了他",
        body="有一个陌生人在游戏里一直给我发消息，还让我发照片。我告诉了老师，我们一起举报了他。")),
    ("apac", False, dict(language="zh-hans", country="SG", age_band="16_17", pen_name="小明",
        title="打我的电话",
        body="如果你也遇到这种事，可以打我的电话 138 0013 8000 聊一聊。")),
]  # fmt: skip


# A story is in one language, its picture's description too (written by the young person in
# real submissions; here, the demo's own words in each story language).
DRAWING_ALT = {
    "en": "A colourful drawing: a row of rings under a coloured bar.",
    "fr": "Un dessin coloré : une rangée d'anneaux sous une barre de couleur.",
    "es": "Un dibujo colorido: una fila de anillos bajo una barra de color.",
    "pt": "Um desenho colorido: uma fila de anéis por baixo de uma barra de cor.",
    "de": "Eine bunte Zeichnung: eine Reihe Ringe unter einem farbigen Balken.",
    "ar": "رسمة ملونة: صف من الحلقات تحت شريط ملون.",
    "zh-hans": "一幅彩色的画:一个彩色横条下面有一排圆环。",
    "ja": "カラフルな絵:色のついた帯の下に並んだ輪。",
    "hi": "एक रंगीन चित्र: रंगीन पट्टी के नीचे छल्लों की एक कतार।",
    "sw": "Mchoro wa rangi: mstari wa pete chini ya kipande cha rangi.",
}


def _drawing(seed: int) -> SimpleUploadedFile:
    """A small colourful drawing (made here, so the demo needs no files)."""
    image = Image.new("RGB", (640, 480), (250, 246, 235))
    draw = ImageDraw.Draw(image)
    colours = [(26, 79, 139), (155, 28, 90), (46, 139, 87), (230, 140, 20)]
    for step in range(6):
        colour = colours[(seed + step) % len(colours)]
        x = 60 + step * 90
        draw.ellipse((x, 140 + (step % 2) * 80, x + 120, 260 + (step % 2) * 80), outline=colour, width=10)
    draw.rectangle((250, 60, 390, 120), fill=colours[seed % len(colours)])
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("drawing.png", buffer.getvalue(), content_type="image/png")


def _section(region) -> StoryIndexPage:
    translations = {
        code: values for code, values in SECTION_TITLES.items() if code in (region.languages or []) or code == "en"
    }
    section = upsert_child(region, StoryIndexPage, "stories", translations, show_in_menus=True)
    ensure_region_workflow(region, section, "stories")
    return section


def _add_story(section, region, moderator, number, publish, fields) -> None:
    if StoryPage.objects.child_of(section).filter(title=fields["title"]).exists():
        return
    fields = dict(fields)
    picture = pictures.sanitise(_drawing(number)) if fields.pop("picture", False) else None
    _token, token_hash = new_token()  # demo stories have no author to give a link to
    submission = Submission.objects.create(
        index=section,
        region=region,
        status_token_hash=token_hash,
        picture_name=pictures.store_private(picture.content) if picture else "",
        picture_alt=DRAWING_ALT.get(fields["language"], DRAWING_ALT["en"]) if picture else "",
        **fields,
    )
    pipeline.process(submission.pk)
    if publish:
        submission.refresh_from_db()
        decisions.approve(submission.page.specific, moderator)


def load(demo) -> None:
    for code, region in demo.regions.items():
        section = _section(region)
        moderator = demo.users.get(f"{code}-moderator") or demo.users["admin"]
        for number, (story_region, publish, fields) in enumerate(STORIES):
            if story_region == code:
                _add_story(section, region, moderator, number, publish, fields)
    # One story waiting for a parent, to show the consent state in the queue counts.
    eu = demo.regions.get("eu")
    if eu is not None and not Submission.objects.filter(status=Submission.Status.AWAITING_CONSENT).exists():
        _token, token_hash = new_token()
        waiting = Submission.objects.create(
            index=StoryIndexPage.objects.child_of(eu).first(),
            region=eu,
            status=Submission.Status.AWAITING_CONSENT,
            status_token_hash=token_hash,
            language="en",
            country="NL",
            age_band="11_12",
            pen_name="Tulip",
            title="Waiting for my mum",
            body="This story waits for a parent's yes before a moderator can read it.",
        )
        ParentalConsent.objects.create(submission=waiting, email="parent@localhost")
    demo.say("Stories: published examples and a moderation queue with flagged stories in every region.")
