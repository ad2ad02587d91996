"""SQLite store: one row per user with the conversation's JSON; no pickle; owner-only file."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    user_id    INTEGER PRIMARY KEY,
    state      TEXT    NOT NULL,
    updated_at REAL    NOT NULL
)
"""
OWNER_ONLY = 0o600


def _create_owner_only(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, OWNER_ONLY)
        os.close(fd)
    os.chmod(path, OWNER_ONLY)


class Store:
    """Each accepted answer is one committed write, so a crash loses at most the message in flight."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            _create_owner_only(self.path)
        self._db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(SCHEMA)
        for suffix in ("-wal", "-shm"):
            side = Path(f"{self.path}{suffix}")
            if side.exists():
                os.chmod(side, OWNER_ONLY)

    def load(self, user_id: int) -> dict[str, Any] | None:
        row = self._db.execute(
            "SELECT state FROM conversations WHERE user_id = ?", (user_id,)
        ).fetchone()
        if row is None:
            return None
        try:
            data: dict[str, Any] = json.loads(row[0])
        except ValueError:
            return None
        return data

    def save(self, user_id: int, conversation: dict[str, Any]) -> None:
        text = json.dumps(conversation, separators=(",", ":"))
        self._db.execute(
            "INSERT INTO conversations (user_id, state, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
            (user_id, text, time.time()),
        )

    def forget(self, user_id: int) -> bool:
        cursor = self._db.execute("DELETE FROM conversations WHERE user_id = ?", (user_id,))
        return cursor.rowcount > 0

    def purge_idle(self, older_than_seconds: float, now: float | None = None) -> int:
        cutoff = (now if now is not None else time.time()) - older_than_seconds
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
