"""Telegram's per-bot message limit, shared by the bot's processes.

Telegram accepts about 30 messages a second from one bot, whichever process sends them. With
BOT_WORKERS processes, each paces its own messages at its share: one message every
BOT_WORKERS/30 s, never in bursts. Telegram's own refusal (429 with retry_after) is honoured by
bot/transport.py, which then pauses every request of that process until retry_after has passed.

Why not PTB's AIORateLimiter: its limiter (aiolimiter) makes every waiting message wake up and
re-check each 1/30 s, so with 40 users waiting it cost 1.5-2.2 ms of CPU per update (measured by
bench/bench_cost.py, against 4 ms for a whole echo-bot update). Here a message takes the next
free slot and sleeps once until it: O(1) per message, the same pacing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram.ext import BaseRateLimiter

MESSAGES_PER_SECOND = 30.0
# What counts as a message: sending, copying, forwarding and editing ones. Answering a tap,
# the "typing" action and the bot's own set-up calls are not paced (a tap's spinner must stop).
PACED_PREFIXES = ("send", "copy", "forward", "edit")
UNPACED = frozenset({"sendChatAction"})


class SharedPacing(BaseRateLimiter[None]):
    """``clock`` and ``sleep`` default to the event loop's; tests pass a fake clock."""

    def __init__(self, workers: int = 1, per_second: float = MESSAGES_PER_SECOND, *,
                 clock: Callable[[], float] | None = None,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.interval = workers / per_second
        self._next_slot = 0.0
        self._clock = clock
        self._sleep = sleep

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    def _slot(self, now: float) -> float:
        slot = max(now, self._next_slot)
        self._next_slot = slot + self.interval
        return slot

    async def process_request(  # noqa: PLR0917 - the signature PTB calls
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        if endpoint.startswith(PACED_PREFIXES) and endpoint not in UNPACED:
            now = self._clock() if self._clock is not None else asyncio.get_running_loop().time()
            wait = self._slot(now) - now
            if wait > 0:
                await self._sleep(wait)
        return await callback(*args, **kwargs)
