"""Concurrent updates, each user's in order, and fair: one user cannot hold everyone's slots.

python-telegram-bot takes a global slot (its semaphore) and only then calls
``do_process_update``; waiting there on the user's lock let 256 quick messages from one user
hold every slot while they queued behind each other. Here PTB's own limit is set out of reach and
the order is: the user's lock first, then a slot of our own. A user therefore holds at most one
slot, and at most ``max_pending_per_user`` of their updates wait; more are dropped (logged,
without content): nobody answers 300 questions in the time it takes to handle 32 messages.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

log = logging.getLogger(__name__)

UNLIMITED = 2**31 - 1  # PTB's semaphore: never the one that waits
MAX_CONCURRENT_UPDATES = 256
MAX_PENDING_PER_USER = 32


def user_key(update: object) -> int | None:
    if isinstance(update, Update) and update.effective_user is not None:
        return update.effective_user.id
    return None


class PerUserOrder(BaseUpdateProcessor):
    """Different users run concurrently; two fast taps from one user never race."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES,
                 max_pending_per_user: int = MAX_PENDING_PER_USER) -> None:
        super().__init__(UNLIMITED)
        self.max_pending_per_user = max_pending_per_user
        self._slots = asyncio.Semaphore(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._pending: dict[int, int] = {}
        self.dropped = 0

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = user_key(update)
        if key is None:
            async with self._slots:
                await coroutine
            return
        if self._pending.get(key, 0) >= self.max_pending_per_user:
            self.dropped += 1
            log.warning("dropped an update: a user already has %d waiting", self.max_pending_per_user)
            if inspect.iscoroutine(coroutine):
                coroutine.close()  # never started: close it so it is not reported as never awaited
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._pending[key] = self._pending.get(key, 0) + 1
        try:
            async with lock, self._slots:  # the user's turn first, then a global slot
                await coroutine
        finally:
            self._pending[key] -= 1
            if not self._pending[key]:
                del self._pending[key]
                del self._locks[key]

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None
