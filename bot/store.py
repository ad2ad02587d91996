"""SQLite store: one row per user with the conversation's JSON; no pickle; owner-only file."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections import OrderedDict
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
# Databases from before the column: add it (0 = nothing recorded yet).
MIGRATIONS = {
    "last_update_id": "ALTER TABLE conversations ADD COLUMN last_update_id INTEGER NOT NULL DEFAULT 0",
}
OWNER_ONLY = 0o600
REDELIVERY_WINDOW_SECONDS = 24 * 3600.0
# Rows of the users active lately, kept parsed: a read during an interview costs a dict lookup
# instead of a SELECT and a JSON parse (~8 us of ~200 per update). Bounded, so memory stays flat.
RECENT_ROWS = 1024


def _create_owner_only(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, OWNER_ONLY)
        os.close(fd)
    os.chmod(path, OWNER_ONLY)


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


class Store:
    """Each accepted answer is one committed write, so a crash loses at most the message in flight.

    One process owns the file (Telegram gives one bot's updates to one poller or one webhook):
    reads of recently written rows are answered from memory, every write goes to SQLite."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            _create_owner_only(self.path)
        self._db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(SCHEMA)
        self._migrate()
        self._recent: OrderedDict[int, Stored] = OrderedDict()
        for suffix in ("-wal", "-shm"):
            side = Path(f"{self.path}{suffix}")
            if side.exists():
                os.chmod(side, OWNER_ONLY)

    def _migrate(self) -> None:
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(conversations)")}
        for column, statement in MIGRATIONS.items():
            if column not in columns:
                self._db.execute(statement)

    def read(self, user_id: int) -> Stored:
        """The user's row. Its conversation is shared with the store's memory: copy it before
        changing it (flows.interview.load does)."""
        recent = self._recent.get(user_id)
        if recent is not None:
            self._recent.move_to_end(user_id)
            return recent
        stored = self._select(user_id)
        self._remember(user_id, stored)
        return stored

    def _select(self, user_id: int) -> Stored:
        row = self._db.execute(
            "SELECT state, last_update_id, updated_at FROM conversations WHERE user_id = ?", (user_id,)
        ).fetchone()
        if row is None:
            return Stored(None, 0, 0.0)
        try:
            data: dict[str, Any] | None = json.loads(row[0])
        except ValueError:
            data = None
        return Stored(data, int(row[1]), float(row[2]))

    def save(self, user_id: int, conversation: dict[str, Any], update_id: int = 0) -> None:
        """One committed write: the conversation and the update that produced it, together, so an
        update Telegram delivers again after a crash is recognised as already applied."""
        text = json.dumps(conversation, separators=(",", ":"))
        now = time.time()
        self._db.execute(
            "INSERT INTO conversations (user_id, state, updated_at, last_update_id) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, "
            "last_update_id = MAX(last_update_id, excluded.last_update_id)",
            (user_id, text, now, update_id),
        )
        known = self._recent.get(user_id)
        if known is None:  # the row's earlier mark is unknown here: the next read selects it
            return
        self._remember(user_id, Stored(_copy(conversation), max(known.last_update_id, update_id), now))

    def _remember(self, user_id: int, stored: Stored) -> None:
        self._recent[user_id] = stored
        self._recent.move_to_end(user_id)
        if len(self._recent) > RECENT_ROWS:
            self._recent.popitem(last=False)

    def forget(self, user_id: int) -> bool:
        self._recent.pop(user_id, None)
        cursor = self._db.execute("DELETE FROM conversations WHERE user_id = ?", (user_id,))
        return cursor.rowcount > 0

    def purge_idle(self, older_than_seconds: float, now: float | None = None) -> int:
        cutoff = (now if now is not None else time.time()) - older_than_seconds
        self._recent.clear()
        cursor = self._db.execute("DELETE FROM conversations WHERE updated_at < ?", (cutoff,))
        return cursor.rowcount

    def count(self) -> int:
        row = self._db.execute("SELECT COUNT(*) FROM conversations").fetchone()
        return int(row[0])

    def integrity_ok(self) -> bool:
        row = self._db.execute("PRAGMA integrity_check").fetchone()
        return bool(row and row[0] == "ok")

    def close(self) -> None:
        self._db.close()


def _copy(conversation: dict[str, Any]) -> dict[str, Any]:
    """Two levels deep (answers, history): what a caller may still change after saving."""
    return {key: value.copy() if isinstance(value, dict | list) else value
            for key, value in conversation.items()}
