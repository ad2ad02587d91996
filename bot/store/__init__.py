"""The conversation store: one row per user with the conversation's JSON and the last update applied.

- ``rows``: the contract (``Store``) and its rows; both backends keep it.
- ``sqlite``: the embedded default (one file; processes on one host may share it).
- ``postgres``: chosen by DATABASE_URL, what a host with an ephemeral disk and several workers needs
  (imported only then: psycopg is not loaded for SQLite).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from bot.store.rows import (
    ABSENT,
    CLAIM_BATCH,
    CLAIM_LEASE_SECONDS,
    ExportedRow,
    LockedRow,
    ReminderRow,
    Store,
    Stored,
    StoreError,
    StoreUnavailableError,
    is_store_error,
)
from bot.store.sqlite import SqliteStore

__all__ = ["ABSENT", "CLAIM_BATCH", "CLAIM_LEASE_SECONDS", "ExportedRow", "LockedRow", "ReminderRow",
           "SqliteStore", "Store", "StoreError", "StoreUnavailableError", "Stored", "is_store_error",
           "off_loop", "open_store"]


def open_store(database_url: str | None, database_path: Path) -> Store:
    """PostgreSQL when a URL is given (and then no SQLite file is touched), else the SQLite file."""
    if database_url:
        from bot.store.postgres import PostgresStore

        return PostgresStore(database_url)
    return SqliteStore(database_path)


_T = TypeVar("_T")


async def off_loop(store: Store, call: Callable[..., _T], *args: Any) -> _T:
    """Run a store call: in a thread for a store whose calls wait on the network (PostgreSQL), so
    the event loop (other users, /healthz) never waits on the database; inline for SQLite, whose
    calls take microseconds and whose one connection stays in the loop's thread."""
    if store.blocking:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(store.executor, functools.partial(call, *args))
    return call(*args)
