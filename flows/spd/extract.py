"""A document's text, page by page: PDF bytes through PDFium (pypdfium2), or plain text.

Pages are read one at a time and each PDFium object is closed at once, so memory stays bounded by
one page plus the text kept. A deadline is checked between pages.
"""

from __future__ import annotations

import time

import pypdfium2 as pdfium  # type: ignore[import-untyped]

from flows.spd import errors

MAX_CHARS = 4_000_000  # about 1,000 dense pages: more text than any SPD


def pdf_pages(data: bytes, *, time_limit: float = errors.TIME_LIMIT_S) -> list[str]:
    """Each page's text, in the order PDFium stores it; a Refusal for what cannot be read."""
    if len(data) > errors.MAX_BYTES:
        raise errors.too_big(len(data))
    deadline = time.monotonic() + time_limit
    pdf = _open(data)
    try:
        count = len(pdf)
        if count > errors.MAX_PAGES:
            raise errors.too_many_pages(count)
        pages = [_page_text(pdf, index, deadline) for index in range(count)]
    finally:
        pdf.close()
    if sum(len(p.strip()) for p in pages) < 10 * max(1, count):
        raise errors.scanned()
    return pages


def _open(data: bytes) -> pdfium.PdfDocument:
    if not data.startswith(b"%PDF"):
        raise errors.damaged()
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise errors.encrypted() from None
        raise errors.damaged() from None


def _page_text(pdf: pdfium.PdfDocument, index: int, deadline: float) -> str:
    if time.monotonic() > deadline:
        raise errors.too_slow()
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            width, height = page.get_size()
            gutter = _gutter(textpage, width, height)
            text = str(textpage.get_text_range()) if gutter is None else _by_columns(
                textpage, width, height, gutter)
        finally:
            textpage.close()
    except pdfium.PdfiumError:
        raise errors.damaged() from None
    finally:
        page.close()
    return text[:MAX_CHARS]


# Two columns: the body (between the top and bottom 8% of the page, where running headers and
# footers sit) has an empty vertical strip near the middle with text on both sides. The columns
# are then read one after the other, whatever order the PDF stores its lines in.
_BAND = 0.08
_STRIP = 0.006  # half the strip's width, as a share of the page width
_CANDIDATES = (0.5, 0.47, 0.53, 0.44, 0.56, 0.41, 0.59)
_COLUMN_MIN_CHARS = 200


def _bounded(textpage: pdfium.PdfTextPage, left: float, bottom: float, right: float, top: float) -> str:
    return str(textpage.get_text_bounded(left=left, bottom=bottom, right=right, top=top))


def _gutter(textpage: pdfium.PdfTextPage, width: float, height: float) -> float | None:
    """The x of an empty vertical strip between two columns of text, or None (one column)."""
    bottom, top = height * _BAND, height * (1 - _BAND)
    for share in _CANDIDATES:
        x = width * share
        if _bounded(textpage, x - width * _STRIP, bottom, x + width * _STRIP, top).strip():
            continue
        left = _bounded(textpage, 0, bottom, x, top)
        right = _bounded(textpage, x, bottom, width, top)
        if len(left.strip()) >= _COLUMN_MIN_CHARS and len(right.strip()) >= _COLUMN_MIN_CHARS:
            return x
    return None


def _by_columns(textpage: pdfium.PdfTextPage, width: float, height: float, gutter: float) -> str:
    bottom, top = height * _BAND, height * (1 - _BAND)
    parts = (
        _bounded(textpage, 0, top, width, height),  # running header
        _bounded(textpage, 0, bottom, gutter, top),
        _bounded(textpage, gutter, bottom, width, top),
        _bounded(textpage, 0, 0, width, bottom),  # running footer
    )
    return "\r\n".join(part for part in parts if part.strip())


def text_pages(raw: bytes | str) -> list[str]:
    """Plain text: form feeds separate pages (as ``pdftotext`` writes them); otherwise one page."""
    text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
    if len(text) > MAX_CHARS:
        raise errors.too_big(len(text.encode()))
    if not text.strip():
        raise errors.empty()
    return text.split("\f")
