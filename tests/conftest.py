"""Shared fixtures: the local fake Bot API server."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.fakeapi import FakeBotAPI


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    server = FakeBotAPI()
    await server.start()
    yield server
    await server.stop()
