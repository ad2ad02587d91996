"""The store's contract: its rows and the protocol both backends keep (tests/test_bot_store.py runs
the same tests against both).

Each update is applied inside ``locked(user_id)``: one transaction that holds the user's row from
its read to its write, so two workers never interleave one user's updates; the caller reads the row
and decides there (bot/screen.py), and the update mark only goes up. A write outside the lock
(``save``) carries the id of the update it comes from and is refused when the row already holds a
later one: a worker that was slow to finish an update can never write its out-of-date copy over
what another worker stored since (the only exception is a mark older than the redelivery window,
because Telegram restarts its numbering after a week without updates). ``forget`` leaves a
tombstone (no answers, only the update mark), so a late write cannot bring the row back either.
Nothing is cached in the process: every read asks the database.
"""

from __future__ import annotations

import json
import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from contextlib import AbstractContextManager
from typing import Any, NamedTuple

REDELIVERY_WINDOW_SECONDS = 24 * 3600.0
#: How many reminders one claim takes: each is moved to its next date only once it was sent.
CLAIM_BATCH = 10
#: A claimed reminder is due again after this lease if its worker died before sending it.
CLAIM_LEASE_SECONDS = 120.0


class Stored(NamedTuple):
    """A row: the conversation (None if absent, forgotten or unreadable), the last update applied to
    it and when it was saved (epoch seconds)."""

    conversation: dict[str, Any] | None
    last_update_id: int
    saved_at: float

    def fresh(self, now: float) -> bool:
        """Telegram numbers updates in sequence, but restarts the numbering at random after a week
        without updates, so a mark only counts while it is fresh (redelivery takes minutes)."""
        return now - self.saved_at < REDELIVERY_WINDOW_SECONDS

    def newer_than(self, update_id: int, now: float) -> bool:
        """Holds a later update than ``update_id``: a write from that update would be out of date."""
        return update_id < self.last_update_id and self.fresh(now)


ABSENT = Stored(None, 0, 0.0)


class ReminderRow(NamedTuple):
    user_id: int
    chat_id: int
    cadence: str
    pay_frequency: str
    route: str
    next_due: float  # epoch seconds


class ExportedRow(NamedTuple):
    """A row as moved between stores (``python -m bot migrate-store``): the JSON text as stored."""

    user_id: int
    state: str
    updated_at: float
    last_update_id: int


class LockedRow:
    """The user's row while a transaction holds it: what was stored, and the one write that goes
    with it (committed when the ``locked`` block ends, rolled back if it raises)."""

    def __init__(self, stored: Stored, write: Callable[[dict[str, Any], int], object]) -> None:
        self.stored = stored
        self._write = write

    def save(self, conversation: dict[str, Any], update_id: int) -> None:
        """The conversation as this transaction decided it; the mark becomes the larger one."""
        self._write(conversation, update_id)


def encode(conversation: dict[str, Any] | None) -> str:
    return json.dumps(conversation, separators=(",", ":"))


def decode(text: str | None) -> dict[str, Any] | None:
    try:
        data = json.loads(text) if text is not None else None
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


class StoreError(Exception):
    """A database failure named without its cause's text (which may quote the URL or a password)."""


class StoreUnavailableError(StoreError):
    """The database could not be reached (the message never holds the URL)."""


class Store(ABC):
    """What the bot needs from a store; both backends keep the same contract."""

    backend: str
    #: Calls may block on the network: the bot runs them in ``executor``'s threads (one per pooled
    #: connection), off its event loop.
    blocking: bool = False
    executor: Executor | None = None

    @abstractmethod
    def locked(self, user_id: int) -> AbstractContextManager[LockedRow]:
        """One transaction holding the user's row, yielding a LockedRow."""

    @abstractmethod
    def read(self, user_id: int) -> Stored:
        """The user's row as committed now (never from a cache)."""

    @abstractmethod
    def save(self, user_id: int, conversation: dict[str, Any], update_id: int = 0) -> bool:
        """One committed write, refused (False) when the row holds a newer update."""

    @abstractmethod
    def forget(self, user_id: int, update_id: int = 0) -> bool:
        """Delete the answers and reminders (True if there were any); a tombstone keeps the mark."""

    @abstractmethod
    def purge_idle(self, older_than_seconds: float, now: float | None = None) -> int: ...

    @abstractmethod
    def count(self) -> int: ...

    @abstractmethod
    def ready(self) -> bool:
        """The database answers (for /readyz)."""

    @abstractmethod
    def export_rows(self) -> Iterator[ExportedRow]: ...

    @abstractmethod
    def import_rows(self, rows: Iterable[ExportedRow]) -> int:
        """Copy rows in, keeping a row already here when it is as new or newer; returns how many
        were written. Running it twice writes nothing the second time."""

    @abstractmethod
    def close(self) -> None: ...

    # -- conversion reminders ----------------------------------------------------------------
    @abstractmethod
    def set_reminder(self, row: ReminderRow) -> None:
        """Keep (or replace) the user's reminder."""

    @abstractmethod
    def reminders_of(self, user_id: int) -> list[ReminderRow]: ...

    @abstractmethod
    def stop_reminders(self, user_id: int) -> int: ...

    @abstractmethod
    def claim_due(self, now: float, limit: int = CLAIM_BATCH) -> list[ReminderRow]:
        """Up to ``limit`` reminders due at ``now``, each leased to this worker in one transaction
        (its due time moved to ``now + CLAIM_LEASE_SECONDS``): one worker sends it, and it is due
        again if that worker dies before sending. Rows come back with the due time they had."""

    @abstractmethod
    def move_reminder(self, user_id: int, from_due: float, to_due: float) -> bool:
        """Move the reminder only if its due time is still ``from_due`` (False: it was stopped,
        forgotten, replaced or moved by someone else)."""

    @abstractmethod
    def reminder_due_at(self, user_id: int, due: float) -> bool:
        """The reminder is still there with this due time (a claim is still ours)."""

    @abstractmethod
    def reminders_after(self, moment: float) -> list[ReminderRow]:
        """Reminders due later than ``moment`` (a clock that ran ahead put them there)."""


def is_store_error(exc: BaseException) -> bool:
    """A failure of the database (either backend), as opposed to a bug in a handler."""
    return isinstance(exc, sqlite3.Error | StoreError) or type(exc).__module__.startswith("psycopg")
