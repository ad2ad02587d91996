"""What a conversation is: the events that move it, the screens it shows, its storage format.

A conversation is a small JSON-safe dict: {"v", "state", "answers", "history"} (plus, for a
step or two, "pending": a question back; "editing": an edit from the review; "queue": stated facts
still to confirm; "menu": "remind" while the reminder's choices are shown). Nothing else
about it is kept anywhere, so it can be saved after each step and restored exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from flows.machine import FIRST, REVIEW, STATES
from flows.questions import BY_ID, Choice
from flows.spd.stored import valid as _spd_ok

VERSION = 1


@dataclass(frozen=True)
class Event:
    """What the user did: typed text, tapped a button (for ``state``), or sent a command."""

    kind: Literal["text", "button", "command", "spd"]  # "spd" carries a plan document's reading
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
    # The notice already says that answer among the message's other facts ("Got it: Plan type:
    # 401(k) · After-tax contributions: Yes"): a renderer does not echo it a second time.
    answer_in_notice: bool = False
    # "Remind me to convert", chosen: {"cadence", "pay_frequency", "route"} for the bot to keep
    # (flows/reminders.py holds the schedule); None otherwise.
    reminder: dict[str, str] | None = None


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
    conv = {"v": VERSION, "state": raw["state"], "answers": dict(answers), "history": list(history)}
    for name, check in OPTIONAL.items():
        if name in raw and check(raw[name], conv):
            conv[name] = raw[name]
    return conv


def _pending_ok(pending: Any, conv: dict[str, Any]) -> bool:
    """A question back to the user ("Did you mean $450,000?"), for the question being asked."""
    return (
        isinstance(pending, dict) and pending.get("q") == conv["state"]
        and isinstance(pending.get("ask"), str) and isinstance(pending.get("options"), list)
        and all(isinstance(o, list) and len(o) == 2 and isinstance(o[1], str) for o in pending["options"])
        and isinstance(pending.get("drop", []), list)
        and ("requeue" not in pending or _queue_ok([pending["requeue"]], conv))
    )


def _return_ok(target: Any, conv: dict[str, Any]) -> bool:
    """Where an edit started from (the review), so back and the next answer return there."""
    return target == REVIEW and conv["state"] in BY_ID


def _queue_ok(queue: Any, _conv: dict[str, Any]) -> bool:
    """Facts stated in one message still to be confirmed: [question, text, what was said]."""
    return isinstance(queue, list) and all(
        isinstance(item, list) and len(item) == 3 and all(isinstance(x, str) for x in item)
        and item[0] in BY_ID for item in queue)


#: Keys a conversation may carry besides its answers, each with its check.
OPTIONAL: dict[str, Callable[[Any, dict[str, Any]], bool]] = {
    "pending": _pending_ok, "editing": _return_ok, "queue": _queue_ok, "spd": _spd_ok,
    "menu": lambda menu, conv: menu == "remind" and conv["state"] == "result"}
