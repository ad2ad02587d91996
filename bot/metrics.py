"""Prometheus metrics (prometheus-client) and one log line per update; anonymous by construction.

Nothing here carries a user id, a chat id, a text or a figure: labels are an update's kind, a
question's id (``age``, ``compensation``...), a verdict, a fault. The per-update log line holds
the update id, its kind, the interview state after it and the milliseconds it took.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import time
from collections.abc import Awaitable, Iterator
from dataclasses import dataclass
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from telegram import Update

from bot.ordering import PerUserOrder
from flows.interview import LAST

log = logging.getLogger("bot.updates")

REGISTRY = CollectorRegistry(auto_describe=True)
UPDATES = Counter("megaroth_updates", "Updates handled, by kind", ["kind"], registry=REGISTRY)
UPDATE_SECONDS = Histogram(
    "megaroth_update_seconds", "Time to handle one update (apply, save, reply)", registry=REGISTRY,
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0))
ERRORS = Counter("megaroth_update_errors", "Updates whose handler failed, by error type", ["error"],
                 registry=REGISTRY)
API_RETRIES = Counter("megaroth_bot_api_retries", "Bot API requests retried, by reason", ["reason"],
                      registry=REGISTRY)
API_FLOOD = Counter("megaroth_bot_api_429", "Bot API answers 429 Too Many Requests (flood control)",
                    registry=REGISTRY)
ANSWERS = Counter("megaroth_answers", "Accepted answers, by question (the interview funnel)",
                  ["question"], registry=REGISTRY)
RESULTS = Counter("megaroth_results", "Results shown, by verdict", ["verdict"], registry=REGISTRY)


@dataclass
class UpdateNote:
    """What the handlers tell the per-update line about the update being handled."""

    state: str = "-"
    failed: BaseException | None = None


_CURRENT: contextvars.ContextVar[UpdateNote | None] = contextvars.ContextVar("update_note", default=None)


def note_state(conversation: dict[str, Any]) -> None:
    note = _CURRENT.get()
    if note is not None:
        note.state = str(conversation.get("state", "-"))


def observe_step(before: dict[str, Any] | None, after: dict[str, Any], result: dict[str, Any] | None) -> None:
    """The funnel: an answer was accepted when the history grew; a result counts when the
    interview arrives at it (not when it is shown again)."""
    note_state(after)
    history = after.get("history") or []
    if len(history) > len((before or {}).get("history") or []):
        ANSWERS.labels(str(history[-1])).inc()
    arrived = after.get("state") == LAST and (before or {}).get("state") != LAST
    if arrived and result is not None:
        RESULTS.labels(str(result.get("verdict", "unknown"))).inc()


def update_kind(update: object) -> str:
    if not isinstance(update, Update):
        return "other"
    if update.callback_query is not None:
        return "callback_query"
    if update.edited_message is not None:
        return "edited_message"
    message = update.message
    if message is not None:
        text = message.text or ""
        return "command" if text.startswith("/") else "text" if text else "message_other"
    return "other"


@contextlib.contextmanager
def watching() -> Iterator[UpdateNote]:
    """The note of the update handled inside this block (the webhook reads whether it failed)."""
    note = UpdateNote()
    token = _CURRENT.set(note)
    try:
        yield note
    finally:
        try:
            _CURRENT.reset(token)
        except ValueError:  # closed from another context (a task ended at shutdown): nothing to undo
            _CURRENT.set(None)


class MeasuredOrder(PerUserOrder):
    """The per-user ordering, plus the update's metrics and its one log line."""

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        with contextlib.ExitStack() as stack:
            note = _CURRENT.get() or stack.enter_context(watching())
            started = time.perf_counter()
            try:
                await super().do_process_update(update, coroutine)
            finally:
                seconds = time.perf_counter() - started
                kind = update_kind(update)
                UPDATES.labels(kind).inc()
                UPDATE_SECONDS.observe(seconds)
                update_id = update.update_id if isinstance(update, Update) else -1
                failed = f" failed={type(note.failed).__name__}" if note.failed else ""
                log.info("update %d %s state=%s %.1f ms%s", update_id, kind, note.state, seconds * 1e3,
                         failed)


async def count_error(update: object, context: Any) -> None:
    """An error handler beside the bot's own: counts the failure and marks the update."""
    error = getattr(context, "error", None)
    ERRORS.labels(type(error).__name__).inc()
    note = _CURRENT.get()
    if note is not None and error is not None:
        note.failed = error
