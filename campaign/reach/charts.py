"""Server-drawn bar charts (SVG) of the dashboard's tables; the table beside says the same.

Bars are computed from the suppressed cells (``dashboard.cell``): a suppressed figure is
drawn as a hatched stub labelled "fewer than N", never at its true length.
"""

from __future__ import annotations

from dataclasses import dataclass

BAR = 22
GAP = 6
LABEL_WIDTH = 220
BAR_WIDTH = 360
#: Charts show the largest rows; the table lists them all.
MAX_BARS = 15


@dataclass
class Bar:
    y: int
    width: int
    label: str
    text: str
    suppressed: bool


def bar_chart(table, year: int) -> dict:
    rows = table.rows[:MAX_BARS]
    largest = table.largest or 1
    bars = []
    for index, row in enumerate(rows):
        value = row.current.value
        width = 8 if row.current.suppressed else round(BAR_WIDTH * (value or 0) / largest)
        bars.append(
            Bar(
                y=index * (BAR + GAP),
                width=width,
                label=row.label,
                text=row.current.text,
                suppressed=row.current.suppressed,
            )
        )
    return {
        "id": f"chart-{table.slug}",
        "bars": bars,
        "height": max(len(bars) * (BAR + GAP), BAR),
        "width": LABEL_WIDTH + BAR_WIDTH + 120,
        "label_width": LABEL_WIDTH,
        "text_dy": BAR // 2 + 5,
        "year": year,
    }
