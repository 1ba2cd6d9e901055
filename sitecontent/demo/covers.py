"""Demo resource covers: one drawing per format (lesson plan, poster, activity, quiz, video),
drawn here with Pillow so the demo ships no image files. The cover is decorative (the
resource's title sits beside it), so pages show it with an empty ``alt``."""

from __future__ import annotations

import io

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection

TITLE = "Demo cover: {format}"
WIDTH, HEIGHT = 1200, 675

# Campaign colours (themes/static/themes/default/css/site.css): blue, plum, green, orange, sky.
BACKGROUND = {
    "lesson_plan": "#1a4f8b",
    "poster": "#9b1c5a",
    "activity": "#2e7d57",
    "quiz": "#b8521c",
    "video": "#215f7a",
}
ACCENT = "#ffbf47"
PAPER = "#ffffff"

#: The renditions resource_page.html asks for (made once here, not by a visitor's request).
RENDITIONS = [f"format-{fmt}|width-{width}" for fmt in ("avif", "webp", "png") for width in (400, 800)]


def draw(format_code: str) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND.get(format_code, "#1a4f8b"))
    pen = ImageDraw.Draw(image)
    cx, cy = WIDTH // 2, HEIGHT // 2
    if format_code == "lesson_plan":  # an open notebook with ruled lines and a tick
        pen.rounded_rectangle([cx - 360, cy - 220, cx - 10, cy + 220], 24, fill=PAPER)
        pen.rounded_rectangle([cx + 10, cy - 220, cx + 360, cy + 220], 24, fill=PAPER)
        for row in range(7):
            y = cy - 160 + row * 50
            pen.line([(cx - 320, y), (cx - 50, y)], fill="#9fb7d4", width=6)
            pen.line([(cx + 50, y), (cx + 320, y)], fill="#9fb7d4", width=6)
        pen.line([(cx + 120, cy + 40), (cx + 180, cy + 110), (cx + 300, cy - 40)], fill="#2e7d57", width=22)
    elif format_code == "poster":  # a poster with a big shield
        pen.rounded_rectangle([cx - 230, cy - 290, cx + 230, cy + 290], 18, fill=PAPER)
        shield = [(cx, cy - 200), (cx + 150, cy - 140), (cx + 130, cy + 60), (cx, cy + 170), (cx - 130, cy + 60)]
        pen.polygon(shield + [(cx - 150, cy - 140)], fill=ACCENT)
        pen.ellipse([cx - 50, cy - 70, cx + 50, cy + 30], fill=BACKGROUND["poster"])
        pen.rectangle([cx - 170, cy + 210, cx + 170, cy + 240], fill="#e2c6d3")
    elif format_code == "activity":  # four puzzle-like tiles being joined
        colours = [ACCENT, PAPER, "#6ac1e6", "#f26b3a"]
        for index, (dx, dy) in enumerate(((-1, -1), (1, -1), (-1, 1), (1, 1))):
            x0, y0 = cx + dx * 20 + (0 if dx > 0 else -220), cy + dy * 20 + (0 if dy > 0 else -220)
            pen.rounded_rectangle([x0, y0, x0 + 220, y0 + 220], 30, fill=colours[index])
            pen.ellipse([x0 + 85, y0 - 25, x0 + 135, y0 + 25], fill=colours[index])
    elif format_code == "quiz":  # answer cards, one of them ticked
        for row in range(3):
            y = cy - 200 + row * 140
            pen.rounded_rectangle([cx - 330, y, cx + 330, y + 110], 26, fill=PAPER)
            pen.ellipse([cx - 300, y + 25, cx - 240, y + 85], outline=BACKGROUND["quiz"], width=10)
            pen.rectangle([cx - 200, y + 45, cx + 200 - row * 60, y + 65], fill="#f1d2bf")
        pen.ellipse([cx - 292, cy - 35, cx - 248, cy + 9], fill=ACCENT)
    else:  # video: a screen with a play button
        pen.rounded_rectangle([cx - 380, cy - 230, cx + 380, cy + 200], 30, fill=PAPER)
        pen.rounded_rectangle([cx - 350, cy - 200, cx + 350, cy + 170], 20, fill="#0f2f45")
        pen.polygon([(cx - 60, cy - 100), (cx - 60, cy + 70), (cx + 90, cy - 15)], fill=ACCENT)
        pen.rectangle([cx - 120, cy + 200, cx + 120, cy + 240], fill=PAPER)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def ensure_covers(format_codes) -> dict:
    """One public cover image per format (created once; renditions made here)."""
    Image = get_image_model()
    covers = {}
    for format_code in format_codes:
        title = TITLE.format(format=format_code.replace("_", " "))
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image(title=title, collection=Collection.get_first_root_node())
            image.file = ImageFile(io.BytesIO(draw(format_code)), name=f"cover-{format_code}.png")
            image.save()
            image.focal_point_x, image.focal_point_y = WIDTH // 2, HEIGHT // 2
            image.focal_point_width, image.focal_point_height = WIDTH // 2, HEIGHT // 2
            image.save()
        image.get_renditions(*RENDITIONS)
        covers[format_code] = image
    return covers
