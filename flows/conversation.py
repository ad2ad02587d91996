"""What a conversation is: the events that move it, the screens it shows, its storage format.

A conversation is a small JSON-safe dict: {"v", "state", "answers", "history"}. Nothing else
about it is kept anywhere, so it can be saved after each step and restored exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from flows.machine import FIRST, STATES
from flows.questions import BY_ID, Choice

VERSION = 1


@dataclass(frozen=True)
class Event:
    """What the user did: typed text, tapped a button (for ``state``), or sent a command."""

    kind: Literal["text", "button", "command"]
    value: str
    state: str | None = None


@dataclass(frozen=True)
class Reply:
    """One screen to show: a renderer formats it, it holds no transport detail."""

    state: str
    title: str
    lines: tuple[str, ...]
    choices: tuple[Choice, ...] = ()
    notice: str | None = None
    hint: str | None = None
    expects_text: bool = False
    result: dict[str, Any] | None = field(default=None, compare=False)
    chart: bool = False  # the result summary: worth a chart of the annual additions limit
    # The question just answered, as (its short label, the answer as understood), e.g.
    # ("Pay", "$450,000"): a renderer echoes it and may mark the old question as answered.
    answered: tuple[str, str] | None = None


def new_conversation() -> dict[str, Any]:
    return {"v": VERSION, "state": FIRST, "answers": {}, "history": []}


def load(raw: Any) -> dict[str, Any]:
    """A stored dict back to a conversation; anything unrecognisable starts afresh."""
    if not isinstance(raw, dict) or raw.get("v") != VERSION or raw.get("state") not in STATES:
        return new_conversation()
    answers, history = raw.get("answers"), raw.get("history")
    if not isinstance(answers, dict) or not isinstance(history, list):
        return new_conversation()
    if any(k not in BY_ID for k in answers) or any(h not in BY_ID for h in history):
        return new_conversation()
    return {"v": VERSION, "state": raw["state"], "answers": dict(answers), "history": list(history)}
