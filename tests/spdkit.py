"""Whole plan documents made as PDFs (fpdf2): two columns, running headers and footers, hyphenated
line ends, a table of contents, "59?" for 59½: what real SPDs look like after extraction.

A document is a list of pages; each page a list of paragraphs. Lines are wrapped here, by a simple
word wrapper that breaks long words with a hyphen, and drawn one by one: column one, then column two.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

PAGE_W, PAGE_H = 215.9, 279.4  # US Letter, mm
MARGIN, GUTTER = 18.0, 8.0
LINE_H = 4.6
FONT_SIZE = 9.5
# An embedded TrueType font (the bot's own DejaVu Sans, bot/fonts), as real SPDs embed theirs:
# it carries every character of the real passages ("—", "…", "½", "☐").
FONT = Path(__file__).resolve().parents[1] / "bot" / "fonts" / "DejaVuSans.ttf"
COLUMN_W = (PAGE_W - 2 * MARGIN - GUTTER) / 2


@dataclass(frozen=True)
class Spd:
    title: str
    pages: list[list[str]]
    columns: int = 2
    toc: bool = True
    # lines stored row by row across both columns (column order is then the reader's job)
    interleaved: bool = False


def _wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """Words to lines no wider than ``width``; a word that overflows a line is hyphenated."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if pdf.get_string_width(trial) <= width:
            line = trial
            continue
        head, tail = _hyphenate(pdf, line, word, width)
        if head:
            lines.append(f"{line} {head}-".strip())
            line = tail
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _hyphenate(pdf: FPDF, line: str, word: str, width: float) -> tuple[str, str]:
    """Split a long plain word so that its head fits after ``line``; ('', word) when it cannot."""
    if len(word) < 8 or not word.isalpha():
        return "", word
    for cut in range(len(word) - 3, 3, -1):
        if pdf.get_string_width(f"{line} {word[:cut]}-".strip()) <= width:
            return word[:cut], word[cut:]
    return "", word


def _frame(pdf: FPDF, title: str, number: int) -> None:
    pdf.set_font("DejaVu", size=8)
    pdf.text(MARGIN, 10, f"{title} - Summary Plan Description")
    pdf.text(PAGE_W / 2 - 8, PAGE_H - 8, f"Page {number}")
    pdf.set_font("DejaVu", size=FONT_SIZE)


def _draw_page(pdf: FPDF, spd: Spd, paragraphs: list[str], number: int) -> None:
    pdf.add_page()
    _frame(pdf, spd.title, number)
    width = COLUMN_W if spd.columns == 2 else PAGE_W - 2 * MARGIN
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += [*_wrap(pdf, paragraph, width), ""]
    per_column = int((PAGE_H - 2 * MARGIN) / LINE_H)
    fitting = lines[: per_column * spd.columns]
    placed = [(*divmod(index, per_column), line) for index, line in enumerate(fitting)]
    if spd.interleaved:
        placed.sort(key=lambda p: (p[1], p[0]))
    for column, row, line in placed:
        if line:
            pdf.text(MARGIN + column * (COLUMN_W + GUTTER), MARGIN + 6 + row * LINE_H, line)


def _toc(pdf: FPDF, spd: Spd) -> None:
    pdf.add_page()
    _frame(pdf, spd.title, 1)
    pdf.text(MARGIN, MARGIN + 6, "Table of Contents")
    for row, (heading, page) in enumerate(_headings(spd)):
        pdf.text(MARGIN, MARGIN + 14 + row * LINE_H, f"{heading} {'.' * 40} {page}")


def _headings(spd: Spd) -> list[tuple[str, int]]:
    start = 2 if spd.toc else 1
    return [(page[0], start + i) for i, page in enumerate(spd.pages) if page and len(page[0]) < 60]


def build(spd: Spd) -> bytes:
    pdf = FPDF(unit="mm", format="letter")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=FONT_SIZE)
    if spd.toc:
        _toc(pdf, spd)
    for offset, paragraphs in enumerate(spd.pages):
        _draw_page(pdf, spd, paragraphs, offset + (2 if spd.toc else 1))
    return bytes(pdf.output())


FILLER = (
    "Your Plan benefits are described in this summary. The Plan Administrator has full authority to "
    "interpret the Plan and its decisions are final and binding. Your account is invested as you direct "
    "among the investment funds offered under the Plan, and the value of your account rises and falls "
    "with the performance of those funds. Administrative expenses may be charged against accounts."
)


_FILLER_SENTENCES = [f"{s.strip()}." for s in FILLER.split(".") if s.strip()]


def filler(topic: str, turn: int = 0) -> str:
    """Boilerplate about ``topic``, worded differently per topic (a document does not repeat itself)."""
    shift = (len(topic) + turn) % len(_FILLER_SENTENCES)
    sentences = _FILLER_SENTENCES[shift:] + _FILLER_SENTENCES[:shift]
    return f"This section describes {topic.lower()}. " + " ".join(sentences)


def filler_page(topic: str, paragraphs: int = 3) -> list[str]:
    return [topic, *(filler(topic, turn) for turn in range(paragraphs))]


def crowded_page(objects: int) -> bytes:
    """A legitimate one-page PDF whose content stream draws ``objects`` tiny text objects, one
    letter each, compressed: a few hundred kilobytes that take PDFium long and much memory to read
    (about 1 s and 450 MB for 400,000 on this machine), all inside a single page."""
    content = b"".join(b"BT /F1 2 Tf %d %d Td (%c) Tj ET\n" % (i % 300 * 2, i // 300 % 390 * 2, 97 + i % 26)
                       for i in range(objects))
    stream = zlib.compress(content, 6)
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(bodies, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(bodies) + 1, xref)
    return bytes(pdf)
