"""Webhook workers as real `python -m bot` processes, and a "Telegram" that posts updates to them.

The Telegram here posts each update to a worker's /telegram with the secret and, like Telegram,
sends a chat's next update only after the previous one was answered 200.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import socket
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from flows.interview import Event
from tests.fakeapi import TOKEN, FakeBotAPI

ROOT = Path(__file__).resolve().parent.parent
METRICS_TOKEN = "metrics-token-workers"
SECRET = "workers-Secret_42"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Worker:
    port: int
    process: asyncio.subprocess.Process

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Telegram:
    """Delivers updates to the workers, round robin per user's update, as Telegram would."""

    api: FakeBotAPI
    workers: list[Worker]
    http: aiohttp.ClientSession
    delivered: dict[int, list[int]] = field(default_factory=dict)

    async def deliver(self, update: dict[str, Any], worker: Worker) -> int:
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with self.http.post(f"{worker.url}/telegram", json=update, headers=headers) as response:
            return response.status

    async def answer(self, user_id: int, state: str, event: Event, turn: int) -> None:
        """One answer, on worker ``turn % N``; returns once it is acknowledged (with its reply)."""
        before = len(self.api.replies_to(user_id))
        update = self.update_for(user_id, state, event)
        worker = self.workers[turn % len(self.workers)]
        assert await self.deliver(update, worker) == 200
        self.delivered.setdefault(user_id, []).append(self.workers.index(worker))
        assert len(self.api.replies_to(user_id)) > before  # replied before acknowledging

    def update_for(self, user_id: int, state: str, event: Event) -> dict[str, Any]:
        self.api.push_event(user_id, event.kind, event.value, state)  # the fake builds the update
        return self.api.updates.pop()  # nobody polls in webhook mode: Telegram posts it instead


async def spawn_worker(api: FakeBotAPI, database_url: str, folder: Path, **extra: str) -> Worker:
    port = free_port()
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": api.url,
           "DATABASE_URL": database_url, "DATABASE_PATH": str(folder / "never.sqlite3"),
           "WEBHOOK_URL": "https://bot.example.test/telegram", "WEBHOOK_SECRET_TOKEN": SECRET,
           "METRICS_TOKEN": METRICS_TOKEN,
           "WEBHOOK_LISTEN": "127.0.0.1", "PORT": str(port), "RATE_LIMITER": "false",
           "SEND_CHART": "false", **extra}
    log = (folder / f"worker-{port}.log").open("ab")
    process = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", cwd=ROOT, env=env,
                                                   stdout=log, stderr=log)
    worker = Worker(port, process)
    await wait_healthy(worker)
    return worker


async def wait_healthy(worker: Worker, timeout: float = 60.0) -> None:
    async with asyncio.timeout(timeout), aiohttp.ClientSession() as http:
        while True:
            assert worker.process.returncode is None, "the worker exited"
            try:
                async with http.get(f"{worker.url}/readyz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientConnectionError:
                pass
            await asyncio.sleep(0.05)


async def stop(worker: Worker) -> None:
    if worker.process.returncode is None:
        worker.process.send_signal(signal.SIGTERM)
    await asyncio.wait_for(worker.process.wait(), timeout=30)




@contextlib.asynccontextmanager
async def two_workers(api: FakeBotAPI, database_url: str, folder: Path) -> AsyncIterator[Telegram]:
    """Two workers on one database behind a Telegram; when done, both stopped (SIGTERM) and their
    logs checked: no traceback, no token, one line per update."""
    workers = list(await asyncio.gather(*(spawn_worker(api, database_url, folder) for _ in range(2))))
    async with aiohttp.ClientSession() as http:
        yield Telegram(api, workers, http)
    await asyncio.gather(*(stop(w) for w in workers))
    assert not (folder / "never.sqlite3").exists()  # with DATABASE_URL no SQLite file is made
    logs = "".join(p.read_text(errors="replace") for p in folder.glob("worker-*.log"))
    assert "Traceback" not in logs
    assert TOKEN.split(":")[1] not in logs
    assert re.search(r"update \d+ (text|callback_query|command) state=\w+ [\d.]+ ms", logs)
