"""HTTP to the Bot API with retries, so a reply survives Telegram's flood control and network faults.

PTB raises on a 429, a 5xx, a timeout or a dropped connection, and the reply would be lost (the
answer is already saved, so the user would see nothing). This request class retries them with
backoff. getUpdates keeps PTB's own request: the Updater already retries it, and its offset makes
every update arrive exactly once.

Flood control is per bot: a 429's retry_after pauses every request of this process until it has
passed, not only the one refused (with N workers each learns it from its own 429s).
Log lines name the Bot API method and the fault only: the URL carries the token.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from telegram.error import NetworkError, TimedOut
from telegram.request import HTTPXRequest, RequestData

from bot.metrics import API_FLOOD, API_RETRIES

log = logging.getLogger(__name__)

ATTEMPTS = 6
FIRST_BACKOFF_SECONDS = 0.25
MAX_WAIT_SECONDS = 30.0
TOO_MANY_REQUESTS = 429
SERVER_ERROR = 500


class RetryingRequest(HTTPXRequest):
    """At-least-once delivery for transient faults. A response lost after Telegram delivered the
    message cannot be told apart from a request that never arrived, so that one case can repeat a
    message; every other fault is retried without a duplicate."""

    def __init__(self, *, connection_pool_size: int, attempts: int = ATTEMPTS,
                 backoff: float = FIRST_BACKOFF_SECONDS, **kwargs: Any) -> None:
        super().__init__(connection_pool_size=connection_pool_size, **kwargs)
        self.attempts = attempts
        self.backoff = backoff
        # Requests wait here, not in httpcore's queue: its pool scans every queued request against
        # every connection whenever one finishes (quadratic; it dominated the 1,000-user run).
        self._slots = asyncio.Semaphore(connection_pool_size)
        self._flood_until = 0.0  # loop time before which Telegram asked us to send nothing

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[-1]
        for attempt in range(1, self.attempts + 1):
            last = attempt == self.attempts
            await self._flood_wait()
            try:
                async with self._slots:
                    code, payload = await super().do_request(url, method, request_data, *args, **kwargs)
            except (TimedOut, NetworkError) as exc:
                if last:
                    raise
                API_RETRIES.labels("timeout" if isinstance(exc, TimedOut) else "network").inc()
                await self._pause(endpoint, type(exc).__name__, self._backoff(attempt), attempt)
                continue
            if last or not _transient(code):
                return code, payload
            if code == TOO_MANY_REQUESTS:
                API_FLOOD.inc()
                wait = _retry_after(payload)
                self._flood_until = max(self._flood_until, asyncio.get_running_loop().time() + wait)
            else:
                wait = self._backoff(attempt)
            API_RETRIES.labels(str(code)).inc()
            await self._pause(endpoint, f"HTTP {code}", wait, attempt)
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _flood_wait(self) -> None:
        delay = self._flood_until - asyncio.get_running_loop().time()
        if delay > 0:
            await asyncio.sleep(delay)

    def _backoff(self, attempt: int) -> float:
        return float(min(self.backoff * 2 ** (attempt - 1), MAX_WAIT_SECONDS))

    @staticmethod
    async def _pause(endpoint: str, reason: str, seconds: float, attempt: int) -> None:
        log.warning("Bot API %s: %s; retry %d in %.2fs", endpoint, reason, attempt, seconds)
        await asyncio.sleep(seconds)


def _transient(code: int) -> bool:
    return code == TOO_MANY_REQUESTS or code >= SERVER_ERROR


def _retry_after(payload: bytes) -> float:
    """Telegram's flood-control wait (parameters.retry_after), capped; 1 s if it is missing."""
    try:
        seconds = float(json.loads(payload)["parameters"]["retry_after"])
    except (ValueError, KeyError, TypeError):
        return 1.0
    return min(max(seconds, 0.0), MAX_WAIT_SECONDS)
