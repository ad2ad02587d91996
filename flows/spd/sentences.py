"""Sentences with their page: a regex splitter that keeps citations such as "401(k)" and "§ 415(c)"."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = (
    "e.g.",
    "i.e.",
    "U.S.",
    "Sec.",
    "No.",
    "Inc.",
    "vs.",
    "etc.",
    "Co.",
    "St.",
    "Jan.",
    "Feb.",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
    "approx.",
    "Mr.",
    "Ms.",
    "Dr.",
)
_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9•])|\s*\n\s*|\s+(?=•)")
_MAX = 1200  # a "sentence" longer than this is cut into pieces (tables flattened into one line)


@dataclass(frozen=True)
class Sentence:
    index: int
    page: int | None
    text: str


def split(pages: list[str], *, numbered: bool) -> list[Sentence]:
    """All sentences of the document in reading order; ``page`` is 1-based when ``numbered``."""
    out: list[Sentence] = []
    for number, page in enumerate(pages, start=1):
        for text in _split_text(page):
            out.append(Sentence(len(out), number if numbered else None, text))
    return out


def _split_text(text: str) -> list[str]:
    masked = _mask_enumerators(text)
    for abbr in _ABBREVIATIONS:
        masked = masked.replace(abbr, abbr.replace(".", "\x00"))
    pieces: list[str] = []
    start = 0
    for match in _END.finditer(masked):
        pieces.append(text[start : match.start() + _dot_kept(masked, match)])
        start = match.end()
    pieces.append(text[start:])
    parts = [part for piece in _carry_boxes(pieces) for part in _run_in(piece.strip())]
    return [chunk for part in parts for chunk in _cut(part) if chunk]


# A heading run into its paragraph when the line break is lost ("In-Service Withdrawal An active participant
# may ...", "6.1 Hardship Withdrawals Before you leave ..."): two to five words with no verb or article,
# then a word that opens a sentence (or a
# table row's percentage: "Traditional After-tax 1% to 15% of your eligible base pay ...").
_HEADING_WORD = (
    r"(?!(?:is|are|may|can|will|you|your|the|a|an|to|of|for|and|or|if|by|with|be|not|must|was|were|has|have)\b)"
    r"[\w'/()\u00bd-]+"
)
_RUN_IN = re.compile(
    rf"^((?:\d+(?:\.\d+)*\s+)?[A-Z][\w'/()\u00bd-]*(?:\s+{_HEADING_WORD}){{0,4}})\s+"
    r"(?=(?:You|Your|An?|The|If you|Before you|When you|Each|All|This|These|In addition to|Participants"
    r"|Employees|We|Our)\s"
    r"|\d{1,3}% )"
)
_SENTENCE_MIN_WORDS = 4


def _run_in(piece: str) -> list[str]:
    match = _RUN_IN.match(piece)
    if match is None or len(match.group(1).split()) < 2:
        return [piece]
    rest = piece[match.end() :]
    return [match.group(1), rest] if len(rest.split()) >= _SENTENCE_MIN_WORDS else [piece]


_ITEM_MAX = 400
_LIST_START = re.compile(r"(?:^|:)\s*1\.(?=\s)")


def _mask_enumerators(text: str) -> str:
    """A numbered list opened after a colon ("two options: 1. Pre-Tax 2. After-Tax (Roth)") keeps its
    items' numbers: "1." and "2." do not end a sentence (a full stop before them still does). The next
    number counts only within an item's length of the last."""
    chars = list(text)
    for start in _LIST_START.finditer(text):
        at, number = start.end() - 1, 1
        while True:
            chars[at] = "\x00"
            number += 1
            following = re.compile(rf"(?<=\s){number}\.(?=\s)").search(text, at, at + _ITEM_MAX)
            if following is None:
                break
            at = following.end() - 1
    return "".join(chars)


_TRAILING_BOX = re.compile(
    r"(?:\[\s*[xX]?\s*\]|[\u2610\u2611\u2612\u25a1\u00a8\U0001f78e]|\b[xX])\s*\(?[0-9a-z]{1,2}[.)]$"
)


def _carry_boxes(pieces: list[str]) -> list[str]:
    """A checkbox and its number ("x 1.", "[ ] 2.") belong to the sentence after them."""
    out: list[str] = []
    carry = ""
    for raw in pieces:
        piece = f"{carry} {raw}".strip() if carry else raw.strip()
        carry = ""
        box = _TRAILING_BOX.search(piece)
        if box:
            carry, piece = box.group(0), piece[: box.start()].strip()
        if piece:
            out.append(piece)
    if carry:
        out.append(carry)
    return out


def _dot_kept(masked: str, match: re.Match[str]) -> int:
    """The closing quote or bracket after a full stop stays with its sentence."""
    closing = re.match(r"[\"')\]]*", masked[match.start() :])
    return closing.end() if closing else 0


def _cut(text: str) -> list[str]:
    return [text[i : i + _MAX] for i in range(0, len(text), _MAX)] if len(text) > _MAX else [text]
