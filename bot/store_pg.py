"""PostgreSQL store (psycopg 3 and its connection pool), chosen by DATABASE_URL.

Any libpq URI works, as hosts write it (``postgres://user:pw@host:5432/db?sslmode=require``) or
over a Unix socket (``postgresql://user@/db?host=/run/postgresql``). The schema is created and
migrated at start-up, idempotently, under an advisory lock so workers starting together do not
race. The URL (it holds the password) is never logged.

Applying an update: ``SELECT ... FOR UPDATE`` on the user's row holds it until the commit, and
returns the newest committed version even if another worker changed it meanwhile. A user with no
row yet has nothing to lock, so the transaction then takes an advisory lock on the user id and
reads again: two workers creating the same user's row are serialised too.

The calls are synchronous: each transaction is a few short round trips with no await inside, so a
row is never held across a network call to Telegram.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

from bot.store import ABSENT, ExportedRow, LockedRow, ReminderRow, Reschedule, Store, Stored, decode

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS conversations (
        user_id        BIGINT PRIMARY KEY,
        state          JSONB            NOT NULL,
        updated_at     DOUBLE PRECISION NOT NULL,
        last_update_id BIGINT           NOT NULL DEFAULT 0
    )""",
    # Later columns are added here, each idempotent, in order.
    "ALTER TABLE conversations ADD COLUMN IF NOT EXISTS last_update_id BIGINT NOT NULL DEFAULT 0",
    "CREATE INDEX IF NOT EXISTS conversations_updated_at ON conversations (updated_at)",
    """CREATE TABLE IF NOT EXISTS reminders (
        user_id       BIGINT PRIMARY KEY,
        chat_id       BIGINT           NOT NULL,
        cadence       TEXT             NOT NULL,
        pay_frequency TEXT             NOT NULL,
        route         TEXT             NOT NULL,
        next_due      DOUBLE PRECISION NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS reminders_next_due ON reminders (next_due)",
]
SET_REMINDER = (
    "INSERT INTO reminders VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (user_id) DO UPDATE SET "
    "chat_id = excluded.chat_id, cadence = excluded.cadence, pay_frequency = excluded.pay_frequency, "
    "route = excluded.route, next_due = excluded.next_due"
)
SCHEMA_LOCK = 0x6D65676172  # "megar": one advisory lock id for migrations
SELECT = "SELECT state, last_update_id, updated_at FROM conversations WHERE user_id = %s"
UPSERT = (
    "INSERT INTO conversations (user_id, state, updated_at, last_update_id) VALUES (%s, %s, %s, %s) "
    "ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, "
    "last_update_id = GREATEST(conversations.last_update_id, excluded.last_update_id)"
)
IMPORT = (
    "INSERT INTO conversations (user_id, state, updated_at, last_update_id) "
    "VALUES (%s, %s::jsonb, %s, %s) "
    "ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, "
    "last_update_id = GREATEST(conversations.last_update_id, excluded.last_update_id) "
    "WHERE conversations.updated_at < excluded.updated_at"
)
POOL_MAX = 4  # the event loop uses one at a time; the others serve /readyz and the purge
CONNECT_TIMEOUT_SECONDS = 10.0
# A worker killed mid-transaction drops its connection and PostgreSQL rolls back at once; these
# bound a wait on a row held by a worker that is alive but stuck.
SESSION_SETTINGS = ("SET lock_timeout = '10s'", "SET idle_in_transaction_session_timeout = '30s'")


class StoreUnavailableError(Exception):
    """The database could not be reached at start-up (the message never holds the URL)."""


class PostgresStore(Store):
    backend = "postgresql"

    def __init__(self, url: str, *, pool_max: int = POOL_MAX,
                 connect_timeout: float = CONNECT_TIMEOUT_SECONDS) -> None:
        try:  # one direct attempt first: a wrong URL fails at once instead of after the pool's retries
            psycopg.connect(url, connect_timeout=max(1, round(connect_timeout))).close()
        except psycopg.Error as exc:  # its message may quote the host or the user: name the type only
            raise StoreUnavailableError(f"cannot connect to DATABASE_URL ({type(exc).__name__})") from None
        self._pool = ConnectionPool(url, min_size=1, max_size=pool_max, open=False,
                                    kwargs={"autocommit": True}, configure=_configure,
                                    name="megaroth")
        try:
            self._pool.open(wait=True, timeout=connect_timeout)
        except Exception as exc:  # PoolTimeout hides the cause; name neither URL nor password
            self._pool.close()
            raise StoreUnavailableError(f"cannot connect to DATABASE_URL ({type(exc).__name__})") from None
        self._migrate()

    def _migrate(self) -> None:
        with self._pool.connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            for statement in SCHEMA:
                conn.execute(statement)

    @contextmanager
    def locked(self, user_id: int) -> Iterator[LockedRow]:
        with self._pool.connection() as conn, conn.transaction():
            row = conn.execute(SELECT + " FOR UPDATE", (user_id,)).fetchone()
            if row is None:  # nothing to lock yet: serialise on the user id instead
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (user_id,))
                row = conn.execute(SELECT + " FOR UPDATE", (user_id,)).fetchone()

            def write(conversation: dict[str, Any], update_id: int) -> None:
                conn.execute(UPSERT, (user_id, Jsonb(conversation), time.time(), update_id))

            yield LockedRow(_stored(row), write)

    def read(self, user_id: int) -> Stored:
        with self._pool.connection() as conn:
            return _stored(conn.execute(SELECT, (user_id,)).fetchone())

    def save(self, user_id: int, conversation: dict[str, Any], update_id: int = 0) -> None:
        with self._pool.connection() as conn:
            conn.execute(UPSERT, (user_id, Jsonb(conversation), time.time(), update_id))

    def forget(self, user_id: int) -> bool:
        with self._pool.connection() as conn, conn.transaction():
            reminders = conn.execute("DELETE FROM reminders WHERE user_id = %s", (user_id,)).rowcount
            return conn.execute("DELETE FROM conversations WHERE user_id = %s", (user_id,)).rowcount > 0 \
                or reminders > 0

    def set_reminder(self, row: ReminderRow) -> None:
        with self._pool.connection() as conn:
            conn.execute(SET_REMINDER, tuple(row))

    def reminders_of(self, user_id: int) -> list[ReminderRow]:
        with self._pool.connection() as conn:
            rows = conn.execute("SELECT * FROM reminders WHERE user_id = %s", (user_id,)).fetchall()
        return [ReminderRow(*row) for row in rows]

    def stop_reminders(self, user_id: int) -> int:
        with self._pool.connection() as conn:
            return conn.execute("DELETE FROM reminders WHERE user_id = %s", (user_id,)).rowcount

    def claim_due(self, now: float, reschedule: Reschedule) -> list[ReminderRow]:
        """Rows another worker is claiming are skipped (SKIP LOCKED), and each is moved only if its
        due time is still the one read: one worker sends each reminder."""
        claimed = []
        with self._pool.connection() as conn, conn.transaction():
            rows = conn.execute("SELECT * FROM reminders WHERE next_due <= %s ORDER BY next_due "
                                "FOR UPDATE SKIP LOCKED", (now,)).fetchall()
            for row in (ReminderRow(*r) for r in rows):
                moved = conn.execute(
                    "UPDATE reminders SET next_due = %s WHERE user_id = %s AND next_due = %s",
                    (reschedule(row, now), row.user_id, row.next_due)).rowcount
                if moved:
                    claimed.append(row)
        return claimed

    def purge_idle(self, older_than_seconds: float, now: float | None = None) -> int:
        cutoff = (now if now is not None else time.time()) - older_than_seconds
        with self._pool.connection() as conn:
            return conn.execute("DELETE FROM conversations WHERE updated_at < %s", (cutoff,)).rowcount

    def count(self) -> int:
        with self._pool.connection() as conn:
            row = conn.execute("SELECT COUNT(*) FROM conversations").fetchone()
        return int(row[0]) if row else 0

    def ready(self) -> bool:
        try:
            with self._pool.connection(timeout=2.0) as conn:
                return conn.execute("SELECT 1").fetchone() == (1,)
        except Exception:  # any failure means not ready; /readyz says so, the cause is logged there
            return False

    def export_rows(self) -> Iterator[ExportedRow]:
        with self._pool.connection() as conn:
            query = ("SELECT user_id, state::text, updated_at, last_update_id FROM conversations "
                     "ORDER BY user_id")
            for user_id, state, updated_at, last_update_id in conn.execute(query).fetchall():
                yield ExportedRow(int(user_id), str(state), float(updated_at), int(last_update_id))

    def import_rows(self, rows: Iterable[ExportedRow]) -> int:
        written = 0
        with self._pool.connection() as conn, conn.transaction():
            for row in rows:
                if decode(row.state) is None:  # not JSON: jsonb would refuse it; start afresh
                    continue
                written += conn.execute(IMPORT, tuple(row)).rowcount
        return written

    def close(self) -> None:
        self._pool.close()


def _configure(conn: psycopg.Connection[Any]) -> None:
    for statement in SESSION_SETTINGS:
        conn.execute(statement)


def _stored(row: tuple[Any, ...] | None) -> Stored:
    if row is None:
        return ABSENT
    conversation = row[0] if isinstance(row[0], dict) else None
    return Stored(conversation, int(row[1]), float(row[2]))
