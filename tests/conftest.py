"""Shared fixtures: the local fake Bot API server, the bot running against it (SQLite); a real
PostgreSQL (tests/pgkit.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.botkit import start_bot, stop_bot
from tests.fakeapi import FakeBotAPI
from tests.pgkit import Postgres


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    server = FakeBotAPI()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def running(api: FakeBotAPI, tmp_path: Path) -> AsyncIterator[Any]:
    """The bot (SQLite in the test's folder) against the fake Bot API, stopped after the test."""
    app = await start_bot(api, tmp_path / "bot.sqlite3")
    yield app
    await stop_bot(app)


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    server = Postgres()
    yield server
    server.stop()


@pytest.fixture
def pg_url(postgres: Postgres) -> Iterator[str]:
    """A fresh, empty database of the session's server, as a Unix-socket libpq URI."""
    name = postgres.new_database()
    yield postgres.url(name)
    postgres.drop_database(name)
