"""The embedded default store: one SQLite file, created owner-only (its folder too), in WAL mode.

A transaction takes the file's write lock (BEGIN IMMEDIATE), so processes sharing the file on one
host also apply each user's updates one at a time. Its calls take microseconds and its one
connection is used from the event loop's thread only.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bot.store.rows import (
    ABSENT,
    CLAIM_BATCH,
    CLAIM_LEASE_SECONDS,
    REDELIVERY_WINDOW_SECONDS,
    ExportedRow,
    LockedRow,
    ReminderRow,
    Store,
    Stored,
    StoreUnavailableError,
    decode,
    encode,
)

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
OWNER_ONLY_FOLDER = 0o700
BUSY_TIMEOUT_SECONDS = 5.0  # another process holding the SQLite file's write lock

# A write lands unless the row holds a later update (and that mark is still fresh).
NOT_OUT_OF_DATE = (f"conversations.last_update_id <= excluded.last_update_id "
                   f"OR conversations.updated_at < excluded.updated_at - {REDELIVERY_WINDOW_SECONDS}")
UPSERT_SQLITE = (
    "INSERT INTO conversations (user_id, state, updated_at, last_update_id) VALUES (?, ?, ?, ?) "
    "ON CONFLICT(user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, "
    f"last_update_id = excluded.last_update_id WHERE {NOT_OUT_OF_DATE}"
)
# Under the row lock the caller has read the row and decided: the mark only goes up.
LOCKED_UPSERT_SQLITE = (
    "INSERT INTO conversations (user_id, state, updated_at, last_update_id) VALUES (?, ?, ?, ?) "
    "ON CONFLICT(user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, "
    "last_update_id = MAX(last_update_id, excluded.last_update_id)"
)
IMPORT_SQLITE = (
    "INSERT INTO conversations (user_id, state, updated_at, last_update_id) VALUES (?, ?, ?, ?) "
    "ON CONFLICT(user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, "
    "last_update_id = MAX(last_update_id, excluded.last_update_id) "
    "WHERE conversations.updated_at < excluded.updated_at"
)
TOMBSTONE = "null"  # a forgotten user's row: no answers, only the update mark


def _create_owner_only(path: Path) -> None:
    """The folder (0700) and the file (0600), whatever the umask."""
    if not path.parent.exists():
        path.parent.mkdir(mode=OWNER_ONLY_FOLDER, parents=True, exist_ok=True)
        os.chmod(path.parent, OWNER_ONLY_FOLDER)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, OWNER_ONLY)
        os.close(fd)
    os.chmod(path, OWNER_ONLY)


class SqliteStore(Store):
    backend = "sqlite"

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            if str(path) != ":memory:":
                _create_owner_only(self.path)
            self._db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False,
                                       timeout=BUSY_TIMEOUT_SECONDS)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(SCHEMA)
            self._db.execute(REMINDERS_SCHEMA)
            self._migrate()
        except (OSError, sqlite3.Error) as exc:  # a read-only folder, a full disk: one line
            raise StoreUnavailableError(
                f"cannot open the SQLite file at DATABASE_PATH ({type(exc).__name__}: "
                f"{getattr(exc, 'strerror', None) or exc})") from None
        self._mutex = threading.RLock()  # one transaction at a time on the one connection
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
    def _transaction(self) -> Iterator[None]:
        with self._mutex:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    @contextmanager
    def locked(self, user_id: int) -> Iterator[LockedRow]:
        with self._transaction():
            yield LockedRow(self.read(user_id), lambda conv, update_id: self._db.execute(
                LOCKED_UPSERT_SQLITE, (user_id, encode(conv), time.time(), update_id)))

    def read(self, user_id: int) -> Stored:
        row = self._db.execute(
            "SELECT state, last_update_id, updated_at FROM conversations WHERE user_id = ?", (user_id,)
        ).fetchone()
        if row is None:
            return ABSENT
        return Stored(decode(row[0]), int(row[1]), float(row[2]))

    def _write(self, user_id: int, conversation: dict[str, Any] | None, update_id: int) -> bool:
        cursor = self._db.execute(UPSERT_SQLITE, (user_id, encode(conversation), time.time(), update_id))
        return cursor.rowcount > 0

    def save(self, user_id: int, conversation: dict[str, Any], update_id: int = 0) -> bool:
        with self._mutex:
            return self._write(user_id, conversation, update_id)

    def forget(self, user_id: int, update_id: int = 0) -> bool:
        with self._transaction():
            had = self.read(user_id).conversation is not None
            reminders = self._db.execute("DELETE FROM reminders WHERE user_id = ?", (user_id,)).rowcount
            self._db.execute(
                "INSERT INTO conversations (user_id, state, updated_at, last_update_id) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET state = excluded.state, "
                "updated_at = excluded.updated_at, "
                "last_update_id = MAX(last_update_id, excluded.last_update_id)",
                (user_id, TOMBSTONE, time.time(), update_id))
        return had or reminders > 0

    def set_reminder(self, row: ReminderRow) -> None:
        with self._mutex:
            self._db.execute("INSERT OR REPLACE INTO reminders VALUES (?, ?, ?, ?, ?, ?)", tuple(row))

    def reminders_of(self, user_id: int) -> list[ReminderRow]:
        rows = self._db.execute("SELECT * FROM reminders WHERE user_id = ?", (user_id,)).fetchall()
        return [ReminderRow(*row) for row in rows]

    def stop_reminders(self, user_id: int) -> int:
        with self._mutex:
            return self._db.execute("DELETE FROM reminders WHERE user_id = ?", (user_id,)).rowcount

    def claim_due(self, now: float, limit: int = CLAIM_BATCH) -> list[ReminderRow]:
        with self._transaction():  # the file's write lock: one process claims at a time
            rows = [ReminderRow(*r) for r in self._db.execute(
                "SELECT * FROM reminders WHERE next_due <= ? ORDER BY next_due LIMIT ?",
                (now, limit)).fetchall()]
            for row in rows:
                self._db.execute("UPDATE reminders SET next_due = ? WHERE user_id = ?",
                                 (now + CLAIM_LEASE_SECONDS, row.user_id))
        return rows

    def move_reminder(self, user_id: int, from_due: float, to_due: float) -> bool:
        with self._mutex:
            return self._db.execute("UPDATE reminders SET next_due = ? WHERE user_id = ? AND next_due = ?",
                                    (to_due, user_id, from_due)).rowcount > 0

    def reminder_due_at(self, user_id: int, due: float) -> bool:
        row = self._db.execute("SELECT 1 FROM reminders WHERE user_id = ? AND next_due = ?",
                               (user_id, due)).fetchone()
        return row is not None

    def reminders_after(self, moment: float) -> list[ReminderRow]:
        rows = self._db.execute("SELECT * FROM reminders WHERE next_due > ?", (moment,)).fetchall()
        return [ReminderRow(*row) for row in rows]

    def purge_idle(self, older_than_seconds: float, now: float | None = None) -> int:
        cutoff = (now if now is not None else time.time()) - older_than_seconds
        with self._transaction():
            cursor = self._db.execute("DELETE FROM conversations WHERE updated_at < ? AND state != ?",
                                      (cutoff, TOMBSTONE))
            self._db.execute("DELETE FROM conversations WHERE updated_at < ? AND state = ?",
                             (min(cutoff, time.time() - REDELIVERY_WINDOW_SECONDS), TOMBSTONE))
        return cursor.rowcount

    def count(self) -> int:
        row = self._db.execute(f"SELECT COUNT(*) FROM conversations WHERE state != '{TOMBSTONE}'").fetchone()
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
        query = ("SELECT user_id, state, updated_at, last_update_id FROM conversations "
                 f"WHERE state != '{TOMBSTONE}' ORDER BY user_id")
        for user_id, state, updated_at, last_update_id in self._db.execute(query).fetchall():
            yield ExportedRow(int(user_id), str(state), float(updated_at), int(last_update_id))

    def import_rows(self, rows: Iterable[ExportedRow]) -> int:
        written = 0
        with self._transaction():
            for row in rows:
                written += self._db.execute(IMPORT_SQLITE, tuple(row)).rowcount
        return written

    def close(self) -> None:
        self._db.close()
