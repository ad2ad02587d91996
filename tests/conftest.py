"""Shared fixtures: the local fake Bot API server; a real PostgreSQL (tests/pgkit.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from tests.fakeapi import FakeBotAPI
from tests.pgkit import Postgres


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    server = FakeBotAPI()
    await server.start()
    yield server
    await server.stop()


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
