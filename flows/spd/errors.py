"""Why a document is not read: one clear line for the person who sent it."""

from __future__ import annotations


class Refusal(Exception):  # noqa: N818 - an expected outcome, not a fault
    """A document the reader will not read; ``str()`` is the one line to show."""

    def __init__(self, kind: str, line: str) -> None:
        super().__init__(line)
        self.kind = kind
        self.line = line


MAX_PAGES = 400
MAX_BYTES = 20 * 1024 * 1024  # Telegram's getFile limit; the CLI uses the same
TIME_LIMIT_S = 10.0


def encrypted() -> Refusal:
    return Refusal(
        "encrypted",
        "This PDF is password-protected; save it without a password or paste the after-tax section as text.",
    )


def damaged() -> Refusal:
    return Refusal(
        "damaged", "This file is not a readable PDF (it looks damaged); paste the after-tax section as text."
    )


def scanned() -> Refusal:
    return Refusal(
        "scanned", "This PDF is a scan (it has no text to read); paste the after-tax section as text."
    )


def too_many_pages(pages: int) -> Refusal:
    return Refusal(
        "too_many_pages",
        f"This PDF has {pages} pages; I read up to {MAX_PAGES}. Send the Summary "
        "Plan Description itself, or paste the after-tax section.",
    )


def too_big(size: int) -> Refusal:
    return Refusal(
        "too_big",
        f"This file is {size / 1_048_576:.1f} MB; I read files up to 20 MB. Paste the "
        "after-tax section as text.",
    )


def too_slow() -> Refusal:
    return Refusal("too_slow", "This PDF takes too long to read; paste the after-tax section as text.")


def pay_stub() -> Refusal:
    return Refusal(
        "pay_stub",
        "This looks like a pay stub or account statement, not a plan document; I "
        "discarded it unread. Send the Summary Plan Description instead.",
    )


def not_a_document() -> Refusal:
    return Refusal(
        "unsupported",
        "I read a PDF or a .txt file (or a pasted passage); send the Summary Plan "
        "Description as one of those.",
    )


def empty() -> Refusal:
    return Refusal("empty", "There is no text in this document to read.")


def contents_only() -> Refusal:
    """Only a table of contents (dot leaders and page numbers): the section itself holds the answers."""
    return Refusal(
        "contents_only",
        "That is only a table of contents; paste the section itself (for example the one on after-tax "
        "contributions or in-service withdrawals).",
    )


def too_complex() -> Refusal:
    """The reader ran out of its memory or stopped abruptly (PDFium aborts when memory runs out)."""
    return Refusal(
        "too_complex", "This PDF could not be read (it is too complex); paste the after-tax section as text."
    )
