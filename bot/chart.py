"""The result's chart, drawn for a phone: how the year's limit fills up, one row per part.

What it says comes from flows.result_card.chart_spec; this module only draws it. The picture is 720 px
wide, so on a phone (about 360 px for a photo) every text is at least 12 px tall from its
capitals' top to its descenders' bottom: labels and amounts are set at 28 px in the file, notes
at 26, the title at 34. Each row has its label and its amount above a
bar that starts where the previous part ended, so the bars add up to the limit (dashed line).

Drawn with Pillow, not matplotlib: the picture is rectangles and text, and matplotlib's Agg
re-rasterises every glyph on each draw (18-30 ms for this chart even with one figure reused,
plus 9-13 ms for its PNG), where Pillow draws and encodes it in a few milliseconds. Pillow is
imported on the first render, never at start-up. The fonts are DejaVu Sans and DejaVu Sans Bold
(version 2.35, unmodified), shipped in bot/fonts/ with their licence (bot/fonts/LICENSE: the
Bitstream Vera and Arev terms). Recent charts are kept (same figures, same bytes).
"""

from __future__ import annotations

import io
import textwrap
from functools import lru_cache
from pathlib import Path
from typing import Any

from flows.interview import Bar, ChartSpec, chart_spec

WIDTH = 720
MARGIN = 30
TITLE_PX = 34
TEXT_PX = 28
NOTE_PX = 26
TITLE_BAND = 92
ROW_PX = 98  # a row: the label line, then the bar
LABEL_TO_BAR = 40
BAR_PX = 38
NOTE_LINE_PX = 34
NOTE_CHARS = 42  # a note line at NOTE_PX fits the width
COLOURS = {"deferrals": "#3b6fb6", "employer": "#4f9d5d", "room": "#e07b24", "unused": "#b8b8b8",
           "catch_up": "#8a63b8"}
TRACK = "#ececec"
INK = "#1f1f1f"
MUTED = "#555555"
CACHED_CHARTS = 256
# Telegram re-encodes every photo as JPEG. Sent as a JPEG at quality 95 without chroma
# subsampling, the text stays as sharp as a PNG's on the phone, and encoding costs ~1.8 ms
# against ~7.5 ms for a PNG (Pillow, zlib level 1) of the same picture.
JPEG_QUALITY = 95
FONT_DIR = Path(__file__).resolve().parent / "fonts"  # package data, see pyproject.toml


@lru_cache(maxsize=8)
def _font(size: int, bold: bool = False) -> Any:
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size)


def render_chart(result: dict[str, Any]) -> bytes | None:
    """The picture (JPEG) for a result (None when it has no limit to draw: a governmental 457(b))."""
    spec = chart_spec(result)
    return None if spec is None else render_spec(spec)


def draw_chart(spec: ChartSpec) -> bytes:
    """Draw and encode the chart (render_spec keeps recent ones)."""
    from PIL import Image, ImageDraw

    rows = spec.bars
    note = textwrap.wrap(spec.note or "", NOTE_CHARS)
    bars_end = TITLE_BAND + ROW_PX * len(rows)
    height = bars_end + 30 + NOTE_LINE_PX * len(note) + (24 if note else 0)
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((MARGIN, MARGIN), spec.title, fill=INK, font=_font(TITLE_PX, bold=True))
    span = max(spec.limit, sum(b.amount for b in rows)) or 1.0
    scale = (WIDTH - 2 * MARGIN) / span
    left = 0.0
    for index, bar in enumerate(rows):
        _row(draw, TITLE_BAND + ROW_PX * index, bar, left, scale)
        left += bar.amount
    limit_x = round(MARGIN + spec.limit * scale)
    for index in range(len(rows)):  # the limit, dashed, across the bars only
        top = TITLE_BAND + ROW_PX * index + LABEL_TO_BAR - 4
        for y in range(top, top + BAR_PX + 8, 10):
            draw.line([(limit_x, y), (limit_x, y + 5)], fill=INK, width=3)
    small = _font(NOTE_PX)
    label_x = min(limit_x, WIDTH - MARGIN - 30)
    draw.text((label_x, bars_end - 8), "limit", fill=MUTED, font=small, anchor="ma")
    for number, line in enumerate(note):
        draw.text((MARGIN, bars_end + 30 + NOTE_LINE_PX * number), line, fill=MUTED, font=small)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY, subsampling=0)
    return buffer.getvalue()


# The same figures give the same bytes: a chart asked for again (/summary, Show chart) is not redrawn.
render_spec = lru_cache(maxsize=CACHED_CHARTS)(draw_chart)


def _row(draw: Any, top: int, bar: Bar, left: float, scale: float) -> None:
    text = _font(TEXT_PX)
    draw.text((MARGIN, top), bar.label, fill=INK, font=text)
    draw.text((WIDTH - MARGIN, top), f"${bar.amount:,.0f}", fill=INK, font=_font(TEXT_PX, bold=True),
              anchor="ra")
    y = top + LABEL_TO_BAR
    draw.rectangle([MARGIN, y, WIDTH - MARGIN, y + BAR_PX], fill=TRACK)
    x0 = round(MARGIN + left * scale)
    x1 = max(x0 + 3, round(MARGIN + (left + bar.amount) * scale))
    draw.rectangle([x0, y, x1, y + BAR_PX], fill=COLOURS[bar.kind])
    if bar.kind == "unused":  # hatched: room that cannot be filled
        for x in range(x0 - BAR_PX, x1, 14):
            draw.line([(max(x, x0), y + BAR_PX - max(0, x0 - x)), (min(x + BAR_PX, x1),
                       y + max(0, x + BAR_PX - x1))], fill="#8c8c8c", width=2)
