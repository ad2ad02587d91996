"""Clean-up of extracted pages: what PDF text looks like after extraction, made readable again.

- PDFium marks a line-end hyphen with U+FFFE; ``-`` at a line end is joined too ("contri-/butions"),
  keeping the hyphen of compounds ("after-/tax" -> "after-tax").
- "59?", "591/2", "59 1/2", "59 ½", "59.5" and "fifty-nine and one-half" become "59½".
- Running headers and footers (a line at the top or bottom of at least half the pages, digits
  ignored) and table-of-contents lines (dot leaders and a page number) are dropped.
- Lines are joined into running text; a blank line, a bullet or a checkbox starts a new piece.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_KEEP_HYPHEN = frozenset(
    [
        "after",
        "pre",
        "post",
        "non",
        "in",
        "before",
        "tax",
        "self",
        "one",
        "two",
        "three",
        "six",
        "full",
        "part",
        "year",
        "catch",
        "true",
        "lump",
        "sub",
        "co",
        "semi",
        "multi",
        "mid",
        "re-",
    ]
)
_HALF = re.compile(r"\b59\s*(?:\?|1\s*/\s*2|\u00bd)|\b59\.5\b(?!\d)")
_HALF_NFKC = re.compile(r"\b59\s*(?:\?|1\s*[/\u2044]\s*2|\u00bd)")
_HALF_WORDS = re.compile(r"\bfifty[\s-]nine(?:\s+and\s+(?:one[\s-]half|a\s+half|1/2))", re.IGNORECASE)
_TOC = re.compile(r"(?:\.\s*){4,}\s*\d{1,3}\s*$|\s{3,}\d{1,3}\s*$")
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"[ \t\u00a0]+")
_LINE_HYPHEN = re.compile(r"([A-Za-z]+)[\-\u00ad]\s*\n\s*([a-z])")
_EDGE = 2  # lines at the top and at the bottom of a page that may be running headers/footers


def clean_pages(pages: list[str]) -> list[str]:
    """Each page's running text, headers/footers/TOC removed, hyphenation and 59½ repaired."""
    split = [_lines(page) for page in pages]
    repeated = _running_lines(split)
    return [_join(lines, repeated) for lines in split]


def _lines(page: str) -> list[str]:
    text = page.replace("\ufffe\r\n", "").replace("\ufffe\n", "").replace("\ufffe", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _HALF.sub("59½", text)
    text = unicodedata.normalize("NFKC", text)
    text = _HALF_NFKC.sub("59½", text)
    text = _HALF_WORDS.sub("59½", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = text.replace("\u2013", "-").replace("\u2014", " - ").replace("\u2010", "-").replace("\u2011", "-")
    text = _LINE_HYPHEN.sub(_dehyphenate, text)
    return [_SPACE.sub(" ", line).strip() for line in text.split("\n")]


def _dehyphenate(match: re.Match[str]) -> str:
    head, tail = match.group(1), match.group(2)
    joiner = "-" if head.lower() in _KEEP_HYPHEN else ""
    return f"{head}{joiner}{tail}"


def _signature(line: str) -> str:
    return _DIGITS.sub("#", line.lower())


def _edges(lines: list[str]) -> list[str]:
    kept = [line for line in lines if line]
    return kept[:_EDGE] + kept[-_EDGE:]


def _running_lines(pages: list[list[str]]) -> frozenset[str]:
    """Signatures of lines at a page's top or bottom on at least half the pages (3 pages or more)."""
    if len(pages) < 3:
        return frozenset()
    counts = Counter(sig for lines in pages for sig in {_signature(x) for x in _edges(lines)})
    return frozenset(sig for sig, n in counts.items() if n * 2 >= len(pages) and len(sig) < 120)


def only_contents(pages: list[str]) -> bool:
    """The text is a table of contents and its headings, nothing else to read."""
    contents = False
    for line in (x for page in pages for x in _lines(page) if x):  # stops at the first line of prose
        if _FIGURE.search(line):  # "Employer match (% of pay) ........ 6": a table of the plan's figures
            return False
        if _is_toc(line):
            contents = True
        elif len(line.split()) > _HEADING_MAX:
            return False
    return contents


_HEADING_MAX = 6  # words of a heading line beside a table of contents
_FIGURE = re.compile(r"[%$]|\bper(?:cent| year| pay)\b", re.IGNORECASE)


def _is_toc(line: str) -> bool:
    return bool(_TOC.search(line)) and not line.rstrip().endswith(".")


_BREAK = re.compile(
    r"^(?:[•\u25cf\u25aa\u2022\-*]\s|\[[ "
    r"xX]\]|[\u2610\u2611\u2612\u25a1\u00a8\U0001f78e]|\d+\.\s|\([a-z0-9]\)\s)"
)


def _is_heading(line: str) -> bool:
    """A short title-case line without closing punctuation: a heading, kept as its own piece."""
    words = line.split()
    if not words or len(words) > 8 or line[-1] in ".,;:" or not line[0].isupper():
        return False
    return all(w[0].isupper() or not w[0].isalpha() or len(w) <= 3 for w in words)


_SHORT_HEADING_WORDS = 4


def _is_short_heading(line: str) -> bool:
    """A sentence-case heading ("After-tax withdrawal", "Hardship withdrawals"): up to four words, capital
    first, no closing punctuation, no digits. It is a heading only when a new capitalised line follows."""
    words = line.split()
    return (
        0 < len(words) <= _SHORT_HEADING_WORDS
        and line[0].isupper()
        and line[-1] not in ".,;:?!)"
        and not any(c.isdigit() for c in line)
        and not any(w.lower() in _SENTENCE_WORDS for w in words)
    )


# Words of a running sentence, not of a heading: a line holding one is the start of a wrapped sentence.
_SENTENCE_WORDS = frozenset(
    (
        "is", "are", "may", "can", "will", "you", "your", "the", "a", "an", "to", "of", "for", "and", "or",
        "if", "by", "with", "be", "not", "must", "was", "were", "has", "have", "this", "that", "these",
        "those", "we", "our"
    )
)


_LABEL = re.compile(r"^[A-Z][^:.;]{2,50}:\s+\S[^:;]{0,50}$")
_LABEL_WORDS = 10


def _label_rows(lines: list[str]) -> set[int]:
    """Rows of a "Label: value" table ("After-tax contributions: Not permitted"): short lines of that form
    next to another such line. Each is kept as its own piece."""
    shaped = [bool(_LABEL.match(line)) and len(line.split()) <= _LABEL_WORDS for line in lines]
    return {
        i
        for i, ok in enumerate(shaped)
        if ok and ((i > 0 and shaped[i - 1]) or (i + 1 < len(shaped) and shaped[i + 1]))
    }


def _join(lines: list[str], repeated: frozenset[str]) -> str:
    pieces: list[str] = []
    current: list[str] = []
    rows = _label_rows(lines)
    for i, line in enumerate(lines):
        if not line or _signature(line) in repeated or _is_toc(line):
            if not line and current:
                pieces.append(" ".join(current))
                current = []
            continue
        after_heading = bool(current) and (
            _is_heading(current[-1])
            or (len(current) == 1 and _is_short_heading(current[0]) and line[:1].isupper())
        )
        alone = i in rows or i - 1 in rows
        if (_BREAK.match(line) or _is_heading(line) or after_heading or alone) and current:
            pieces.append(" ".join(current))
            current = []
        current.append(line)
    if current:
        pieces.append(" ".join(current))
    return "\n".join(pieces)
