"""PostgreSQL store (psycopg 3 and its connection pool), chosen by DATABASE_URL.

Any libpq URI works, as hosts write it (``postgres://user:pw@host:5432/db?sslmode=require``) or
over a Unix socket (``postgresql://user@/db?host=/run/postgresql``). The schema is created and
migrated at start-up, idempotently, under an advisory lock so workers starting together do not
race. The URL (it holds the password) is never logged.

Applying an update: ``SELECT ... FOR UPDATE`` on the user's row holds it until the commit, and
returns the newest committed version even if another worker changed it meanwhile. A user with no
row yet has nothing to lock, so the transaction then takes an advisory lock on the user id and
reads again: two workers creating the same user's row are serialised too.

The calls are synchronous (``blocking``): the bot runs each one in a thread, off its event loop.
Each transaction is a few short round trips with no await inside, so a row is never held across a
network call to Telegram. Every wait is short (connect, pool, statement, lock): with the database
gone or a row held, a call fails within a few seconds and the update is answered 503.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

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
)

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
# A write lands unless the row holds a later update (and that mark is still fresh).
UPSERT = (
    "INSERT INTO conversations (user_id, state, updated_at, last_update_id) VALUES (%s, %s, %s, %s) "
    "ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, "
    "last_update_id = excluded.last_update_id "
    "WHERE conversations.last_update_id <= excluded.last_update_id "
    f"OR conversations.updated_at < excluded.updated_at - {REDELIVERY_WINDOW_SECONDS}"
)
# Under the row lock the caller has read the row and decided: the mark only goes up.
LOCKED_UPSERT = (
    "INSERT INTO conversations (user_id, state, updated_at, last_update_id) VALUES (%s, %s, %s, %s) "
    "ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, "
    "last_update_id = GREATEST(conversations.last_update_id, excluded.last_update_id)"
)
TOMBSTONE = (
    "INSERT INTO conversations (user_id, state, updated_at, last_update_id) "
    "VALUES (%s, 'null'::jsonb, %s, %s) ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, "
    "updated_at = excluded.updated_at, "
    "last_update_id = GREATEST(conversations.last_update_id, excluded.last_update_id)"
)
IMPORT = (
    "INSERT INTO conversations (user_id, state, updated_at, last_update_id) "
    "VALUES (%s, %s::jsonb, %s, %s) "
    "ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, "
    "last_update_id = GREATEST(conversations.last_update_id, excluded.last_update_id) "
    "WHERE conversations.updated_at < excluded.updated_at"
)
POOL_MAX = 8  # updates of different users run in threads side by side; /readyz and the purge too
CONNECT_TIMEOUT_SECONDS = 3.0
POOL_TIMEOUT_SECONDS = 3.0  # waiting for a free connection (or for one to the database to open)
# A worker killed mid-transaction drops its connection and PostgreSQL rolls back at once; these
# bound a wait on a row held by a worker that is alive but stuck, and a query that hangs.
SESSION_SETTINGS = ("SET lock_timeout = '2s'", "SET statement_timeout = '3s'",
                    "SET idle_in_transaction_session_timeout = '10s'")


class PostgresStore(Store):
    backend = "postgresql"
    blocking = True

    def __init__(self, url: str, *, pool_max: int = POOL_MAX,
                 connect_timeout: float = CONNECT_TIMEOUT_SECONDS) -> None:
        try:  # one direct attempt first: a wrong URL fails at once instead of after the pool's retries
            psycopg.connect(url, connect_timeout=max(1, round(connect_timeout))).close()
        except psycopg.Error as exc:  # its message may quote the host or the user: name the type only
            raise StoreUnavailableError(f"cannot connect to DATABASE_URL ({type(exc).__name__})") from None
        self._pool = ConnectionPool(url, min_size=1, max_size=pool_max, open=False,
                                    kwargs={"autocommit": True,
                                            "connect_timeout": max(1, round(connect_timeout))},
                                    configure=_configure, name="megaroth", timeout=POOL_TIMEOUT_SECONDS,
                                    reconnect_timeout=float("inf"))
        try:
            self._pool.open(wait=True, timeout=connect_timeout)
        except Exception as exc:  # PoolTimeout hides the cause; name neither URL nor password
            self._pool.close()
            raise StoreUnavailableError(f"cannot connect to DATABASE_URL ({type(exc).__name__})") from None
        self._migrate()
        self.executor = ThreadPoolExecutor(pool_max, thread_name_prefix="store")

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
                conn.execute(LOCKED_UPSERT, (user_id, Jsonb(conversation), time.time(), update_id))

            yield LockedRow(_stored(row), write)

    def read(self, user_id: int) -> Stored:
        with self._pool.connection() as conn:
            return _stored(conn.execute(SELECT, (user_id,)).fetchone())

    def save(self, user_id: int, conversation: dict[str, Any], update_id: int = 0) -> bool:
        with self._pool.connection() as conn:
            cursor = conn.execute(UPSERT, (user_id, Jsonb(conversation), time.time(), update_id))
            return cursor.rowcount > 0

    def forget(self, user_id: int, update_id: int = 0) -> bool:
        with self._pool.connection() as conn, conn.transaction():
            row = conn.execute(SELECT + " FOR UPDATE", (user_id,)).fetchone()
            reminders = conn.execute("DELETE FROM reminders WHERE user_id = %s", (user_id,)).rowcount
            conn.execute(TOMBSTONE, (user_id, time.time(), update_id))
            return _stored(row).conversation is not None or reminders > 0

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

    def claim_due(self, now: float, limit: int = CLAIM_BATCH) -> list[ReminderRow]:
        """Rows another worker is claiming are skipped (SKIP LOCKED): one worker sends each."""
        with self._pool.connection() as conn, conn.transaction():
            rows = [ReminderRow(*r) for r in conn.execute(
                "SELECT * FROM reminders WHERE next_due <= %s ORDER BY next_due LIMIT %s "
                "FOR UPDATE SKIP LOCKED", (now, limit)).fetchall()]
            for row in rows:
                conn.execute("UPDATE reminders SET next_due = %s WHERE user_id = %s",
                             (now + CLAIM_LEASE_SECONDS, row.user_id))
        return rows

    def move_reminder(self, user_id: int, from_due: float, to_due: float) -> bool:
        with self._pool.connection() as conn:
            return conn.execute("UPDATE reminders SET next_due = %s WHERE user_id = %s AND next_due = %s",
                                (to_due, user_id, from_due)).rowcount > 0

    def reminder_due_at(self, user_id: int, due: float) -> bool:
        with self._pool.connection() as conn:
            row = conn.execute("SELECT 1 FROM reminders WHERE user_id = %s AND next_due = %s",
                               (user_id, due)).fetchone()
        return row is not None

    def reminders_after(self, moment: float) -> list[ReminderRow]:
        with self._pool.connection() as conn:
            rows = conn.execute("SELECT * FROM reminders WHERE next_due > %s", (moment,)).fetchall()
        return [ReminderRow(*row) for row in rows]

    def purge_idle(self, older_than_seconds: float, now: float | None = None) -> int:
        cutoff = (now if now is not None else time.time()) - older_than_seconds
        with self._pool.connection() as conn, conn.transaction():
            purged = conn.execute(
                "DELETE FROM conversations WHERE updated_at < %s AND state != 'null'::jsonb", (cutoff,)
            ).rowcount
            conn.execute("DELETE FROM conversations WHERE updated_at < %s AND state = 'null'::jsonb",
                         (min(cutoff, time.time() - REDELIVERY_WINDOW_SECONDS),))
        return purged

    def count(self) -> int:
        with self._pool.connection() as conn:
            row = conn.execute("SELECT COUNT(*) FROM conversations WHERE state != 'null'::jsonb").fetchone()
        return int(row[0]) if row else 0

    def ready(self) -> bool:
        try:
            with self._pool.connection(timeout=1.0) as conn:
                return conn.execute("SELECT 1").fetchone() == (1,)
        except Exception:  # any failure means not ready; /readyz says so, the cause is logged there
            return False

    def export_rows(self) -> Iterator[ExportedRow]:
        with self._pool.connection() as conn:
            query = ("SELECT user_id, state::text, updated_at, last_update_id FROM conversations "
                     "WHERE state != 'null'::jsonb ORDER BY user_id")
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
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
        self._pool.close()


def _configure(conn: psycopg.Connection[Any]) -> None:
    for statement in SESSION_SETTINGS:
        conn.execute(statement)


def _stored(row: tuple[Any, ...] | None) -> Stored:
    if row is None:
        return ABSENT
    conversation = row[0] if isinstance(row[0], dict) else None
    return Stored(conversation, int(row[1]), float(row[2]))
