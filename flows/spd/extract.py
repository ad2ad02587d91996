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
            text = str(textpage.get_text_range())
        finally:
            textpage.close()
    except pdfium.PdfiumError:
        raise errors.damaged() from None
    finally:
        page.close()
    return text[:MAX_CHARS]


def text_pages(raw: bytes | str) -> list[str]:
    """Plain text: form feeds separate pages (as ``pdftotext`` writes them); otherwise one page."""
    text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
    if len(text) > MAX_CHARS:
        raise errors.too_big(len(text.encode()))
    if not text.strip():
        raise errors.empty()
    return text.split("\f")
