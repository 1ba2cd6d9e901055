"""Demo artwork for the current edition: drawn here with Pillow (no file to ship), stored as a
Wagtail image with a focal point so renditions crop around the people in it."""

from __future__ import annotations

import io
import math

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw
from wagtail.images import get_image_model

TITLE = "SID 2027 artwork: together for a better internet"

ALT = {
    "en": "Colourful circles of people holding hands around a glowing globe, joined by lines like a network.",
    "fr": "Des cercles colorés de personnes qui se tiennent la main autour d'un globe lumineux, reliées comme un réseau.",
    "es": "Círculos de colores de personas tomadas de la mano alrededor de un globo luminoso, unidas como una red.",
    "pt": "Círculos coloridos de pessoas de mãos dadas em volta de um globo brilhante, ligadas como uma rede.",
    "de": "Bunte Kreise aus Menschen, die sich um einen leuchtenden Globus an den Händen halten, verbunden wie ein Netz.",
    "ar": "دوائر ملونة من أشخاص يمسكون أيدي بعضهم حول كرة أرضية مضيئة، متصلين كشبكة.",
    "zh-hans": "彩色的人们手拉手围成圆圈,环绕着发光的地球,像网络一样相连。",
    "ja": "光る地球のまわりで手をつなぐ色とりどりの人々の輪が、ネットワークのように結ばれている。",
    "hi": "चमकते ग्लोब के चारों ओर हाथ पकड़े लोगों के रंगीन घेरे, जो एक नेटवर्क की तरह जुड़े हैं।",
    "sw": "Duara za rangi za watu walioshikana mikono kuzunguka dunia inayong'aa, wameunganishwa kama mtandao.",
}


def draw(width: int = 1600, height: int = 900) -> bytes:
    image = Image.new("RGB", (width, height), "#1a4f8b")
    draw = ImageDraw.Draw(image)
    for y in range(height):  # a soft vertical gradient
        shade = int(40 * y / height)
        draw.line([(0, y), (width, y)], fill=(26 + shade, 79 - shade // 2, 139 - shade))
    cx, cy, radius = width // 2, height // 2, height // 4
    draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill="#ffbf47")
    colours = ["#9b1c5a", "#ffffff", "#2e9e6b", "#f26b3a", "#6ac1e6"]
    for ring, distance in enumerate((radius * 1.45, radius * 1.85)):
        count = 12 + ring * 6
        points = []
        for n in range(count):
            angle = 2 * math.pi * n / count + ring * 0.2
            x, y = cx + distance * math.cos(angle), cy + distance * math.sin(angle) * 0.9
            points.append((x, y))
            size = 34 - ring * 6
            draw.ellipse([x - size, y - size, x + size, y + size], fill=colours[n % len(colours)])
            draw.ellipse([x - size / 2, y - size * 2, x + size / 2, y - size], fill=colours[(n + 2) % len(colours)])
        draw.line(points + points[:1], fill="#ffffff", width=4)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def ensure_artwork():
    """The demo artwork image (created once)."""
    Image = get_image_model()
    image = Image.objects.filter(title=TITLE).first()
    if image is None:
        image = Image(title=TITLE)
        image.file = ImageFile(io.BytesIO(draw()), name="sid-2027-artwork.png")
        image.save()
        image.focal_point_x, image.focal_point_y = image.width // 2, image.height // 2
        image.focal_point_width, image.focal_point_height = image.height // 2, image.height // 2
        image.save()
    # Renditions are made once here, not by the first visitor's request (AVIF encoding is slow).
    image.get_renditions(*RENDITIONS)
    return image


#: The banner's renditions (editions/edition_banner.html asks for the same specs).
RENDITIONS = [f"format-{fmt}|fill-{size}" for fmt in ("avif", "webp", "png") for size in ("480x270", "960x540")]
