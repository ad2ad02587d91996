"""The conversation store: one row per user with the conversation's JSON and the last update applied.

Two backends, one contract (tests/test_bot_store.py runs the same tests against both):
- SQLite (SqliteStore), the embedded default: nothing to set up; one host (several processes on
  that host may share the file: writers take its lock).
- PostgreSQL (bot.store_pg.PostgresStore), chosen by DATABASE_URL: what a host with an ephemeral
  disk and several workers (dynos) needs.

Each update is applied inside ``locked(user_id)``: one transaction that holds the user's row from
its read to its write, so two workers never interleave one user's updates and an update delivered
twice, to the same worker or another, is recognised by its id and applied once. Nothing is cached
in the process: every read asks the database, so no worker answers with a row another one changed.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    user_id        INTEGER PRIMARY KEY,
    state          TEXT    NOT NULL,
    updated_at     REAL    NOT NULL,
    last_update_id INTEGER NOT NULL DEFAULT 0
)
"""
# Conversion reminders ("Remind me to convert"): one per user, the next send time in epoch seconds.
REMINDERS_SCHEMA = """
CREATE TABLE IF NOT EXISTS reminders (
    user_id       INTEGER PRIMARY KEY,
    chat_id       INTEGER NOT NULL,
    cadence       TEXT    NOT NULL,
    pay_frequency TEXT    NOT NULL,
    route         TEXT    NOT NULL,
    next_due      REAL    NOT NULL
)
"""
# Databases from before the column: add it (0 = nothing recorded yet).
MIGRATIONS = {
    "last_update_id": "ALTER TABLE conversations ADD COLUMN last_update_id INTEGER NOT NULL DEFAULT 0",
}
OWNER_ONLY = 0o600
REDELIVERY_WINDOW_SECONDS = 24 * 3600.0
BUSY_TIMEOUT_SECONDS = 10.0  # another process holding the SQLite file's write lock


class Stored(NamedTuple):
    """A row: the conversation (None if absent or unreadable), the last update applied to it and
    when it was saved (epoch seconds)."""

    conversation: dict[str, Any] | None
    last_update_id: int
    saved_at: float

    def already_applied(self, update_id: int, now: float) -> bool:
        """Telegram numbers updates in sequence, but restarts the numbering at random after a week
        without updates, so a mark only counts while it is fresh (redelivery takes minutes)."""
        return update_id <= self.last_update_id and now - self.saved_at < REDELIVERY_WINDOW_SECONDS


ABSENT = Stored(None, 0, 0.0)


class ReminderRow(NamedTuple):
    user_id: int
    chat_id: int
    cadence: str
    pay_frequency: str
    route: str
    next_due: float  # epoch seconds


#: After a send: the next due time for this reminder, given the time now.
Reschedule = Callable[[ReminderRow, float], float]


class ExportedRow(NamedTuple):
    """A row as moved between stores (``python -m bot migrate-store``): the JSON text as stored."""

    user_id: int
    state: str
    updated_at: float
    last_update_id: int


class LockedRow:
    """The user's row while a transaction holds it: what was stored, and the one write that goes
    with it (committed when the ``locked`` block ends, rolled back if it raises)."""

    def __init__(self, stored: Stored, write: Callable[[dict[str, Any], int], None]) -> None:
        self.stored = stored
        self._write = write

    def save(self, conversation: dict[str, Any], update_id: int) -> None:
        self._write(conversation, update_id)


def encode(conversation: dict[str, Any]) -> str:
    return json.dumps(conversation, separators=(",", ":"))


def decode(text: str | None) -> dict[str, Any] | None:
    try:
        data = json.loads(text) if text is not None else None
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


class Store(ABC):
    """What the bot needs from a store; both backends keep the same contract."""

    backend: str

    @abstractmethod
    def locked(self, user_id: int) -> Any:
        """A context manager: one transaction holding the user's row, yielding a LockedRow."""

    @abstractmethod
    def read(self, user_id: int) -> Stored:
        """The user's row as committed now (never from a cache)."""

    @abstractmethod
    def save(self, user_id: int, conversation: dict[str, Any], update_id: int = 0) -> None:
        """One committed write; the update mark never goes down."""

    @abstractmethod
    def forget(self, user_id: int) -> bool: ...

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
    def claim_due(self, now: float, reschedule: Reschedule) -> list[ReminderRow]:
        """The reminders due at ``now``, each moved to its next time in the same transaction (only
        if nobody moved it first): a reminder is claimed by one worker once, then sent."""


def _create_owner_only(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, OWNER_ONLY)
        os.close(fd)
    os.chmod(path, OWNER_ONLY)


UPSERT_SQLITE = (
    "INSERT INTO conversations (user_id, state, updated_at, last_update_id) VALUES (?, ?, ?, ?) "
    "ON CONFLICT(user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, "
    "last_update_id = MAX(last_update_id, excluded.last_update_id)"
)
IMPORT_SQLITE = UPSERT_SQLITE + " WHERE conversations.updated_at < excluded.updated_at"


class SqliteStore(Store):
    """The embedded default: one file, created owner-only, in WAL mode. A transaction takes the
    file's write lock (BEGIN IMMEDIATE), so processes sharing the file on one host also apply each
    user's updates one at a time."""

    backend = "sqlite"

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            _create_owner_only(self.path)
        self._db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False,
                                   timeout=BUSY_TIMEOUT_SECONDS)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(SCHEMA)
        self._db.execute(REMINDERS_SCHEMA)
        self._migrate()
        for suffix in ("-wal", "-shm"):
            side = Path(f"{self.path}{suffix}")
            if side.exists():
                os.chmod(side, OWNER_ONLY)

    def _migrate(self) -> None:
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(conversations)")}
        for column, statement in MIGRATIONS.items():
            if column not in columns:
                self._db.execute(statement)

    @contextmanager
    def locked(self, user_id: int) -> Iterator[LockedRow]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield LockedRow(self.read(user_id), lambda conv, update_id: self.save(user_id, conv, update_id))
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def read(self, user_id: int) -> Stored:
        row = self._db.execute(
            "SELECT state, last_update_id, updated_at FROM conversations WHERE user_id = ?", (user_id,)
        ).fetchone()
        if row is None:
            return ABSENT
        return Stored(decode(row[0]), int(row[1]), float(row[2]))

    def save(self, user_id: int, conversation: dict[str, Any], update_id: int = 0) -> None:
        self._db.execute(UPSERT_SQLITE, (user_id, encode(conversation), time.time(), update_id))

    def forget(self, user_id: int) -> bool:
        reminders = self.stop_reminders(user_id)
        cursor = self._db.execute("DELETE FROM conversations WHERE user_id = ?", (user_id,))
        return cursor.rowcount > 0 or reminders > 0

    def set_reminder(self, row: ReminderRow) -> None:
        self._db.execute("INSERT OR REPLACE INTO reminders VALUES (?, ?, ?, ?, ?, ?)", tuple(row))

    def reminders_of(self, user_id: int) -> list[ReminderRow]:
        rows = self._db.execute("SELECT * FROM reminders WHERE user_id = ?", (user_id,)).fetchall()
        return [ReminderRow(*row) for row in rows]

    def stop_reminders(self, user_id: int) -> int:
        return self._db.execute("DELETE FROM reminders WHERE user_id = ?", (user_id,)).rowcount

    def claim_due(self, now: float, reschedule: Reschedule) -> list[ReminderRow]:
        claimed = []
        self._db.execute("BEGIN IMMEDIATE")  # the file's write lock: one process claims at a time
        try:
            for row in [ReminderRow(*r) for r in self._db.execute(
                    "SELECT * FROM reminders WHERE next_due <= ? ORDER BY next_due", (now,)).fetchall()]:
                moved = self._db.execute(
                    "UPDATE reminders SET next_due = ? WHERE user_id = ? AND next_due = ?",
                    (reschedule(row, now), row.user_id, row.next_due)).rowcount
                if moved:
                    claimed.append(row)
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        return claimed

    def purge_idle(self, older_than_seconds: float, now: float | None = None) -> int:
        cutoff = (now if now is not None else time.time()) - older_than_seconds
        cursor = self._db.execute("DELETE FROM conversations WHERE updated_at < ?", (cutoff,))
        return cursor.rowcount

    def count(self) -> int:
        row = self._db.execute("SELECT COUNT(*) FROM conversations").fetchone()
        return int(row[0])

    def ready(self) -> bool:
        try:
            row = self._db.execute("SELECT 1").fetchone()
        except sqlite3.Error:
            return False
        return bool(row == (1,))

    def integrity_ok(self) -> bool:
        row = self._db.execute("PRAGMA integrity_check").fetchone()
        return bool(row and row[0] == "ok")

    def export_rows(self) -> Iterator[ExportedRow]:
        query = "SELECT user_id, state, updated_at, last_update_id FROM conversations ORDER BY user_id"
        for user_id, state, updated_at, last_update_id in self._db.execute(query):
            yield ExportedRow(int(user_id), str(state), float(updated_at), int(last_update_id))

    def import_rows(self, rows: Iterable[ExportedRow]) -> int:
        written = 0
        self._db.execute("BEGIN IMMEDIATE")
        try:
            for row in rows:
                written += self._db.execute(IMPORT_SQLITE, tuple(row)).rowcount
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        return written

    def close(self) -> None:
        self._db.close()


def is_store_error(exc: BaseException) -> bool:
    """A failure of the database (either backend), as opposed to a bug in a handler."""
    return isinstance(exc, sqlite3.Error) or type(exc).__module__.startswith(("psycopg", "bot.store"))


def open_store(database_url: str | None, database_path: Path) -> Store:
    """PostgreSQL when a URL is given (and then no SQLite file is touched), else the SQLite file."""
    if database_url:
        from bot.store_pg import PostgresStore

        return PostgresStore(database_url)
    return SqliteStore(database_path)
