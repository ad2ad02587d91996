"""A webhook worker as a real process: a graceful stop answers every update in flight, with no
traceback; a thousand connections that never finish their headers do not lock others out."""

from __future__ import annotations

import asyncio
import contextlib
import resource
import signal
from pathlib import Path

import aiohttp

from flows.interview import Event
from tests.fakeapi import FakeBotAPI
from tests.workerkit import Telegram, Worker, spawn_worker

USERS = 30
BASE = 820_000


async def listener_closed(worker: Worker) -> None:
    """Until the worker stops accepting connections (it began to stop), with a deadline."""
    async with asyncio.timeout(30):
        while True:
            try:
                _reader, writer = await asyncio.open_connection("127.0.0.1", worker.port)
            except OSError:
                return
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
            await asyncio.sleep(0.02)


async def test_sigterm_answers_every_update_in_flight_without_a_traceback(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    """Finding 5: thirty users' updates are in flight (their replies held at the Bot API) when the
    worker is told to stop: it takes no new connection, finishes them, answers each 200, exits 0."""
    worker = await spawn_worker(api, "", tmp_path)  # SQLite
    api.faults.plan["sendMessage"] = ["hold"] * USERS
    async with aiohttp.ClientSession() as http:
        telegram = Telegram(api, [worker], http)
        updates = [telegram.update_for(BASE + n, "", Event("text", "/start")) for n in range(USERS)]
        deliveries = [asyncio.create_task(telegram.deliver(u, worker)) for u in updates]
        await api.wait_for(lambda: api.faults.held == USERS, timeout=30)  # all in flight
        worker.process.send_signal(signal.SIGTERM)
        await listener_closed(worker)
        api.faults.release.set()
        async with asyncio.timeout(30):
            statuses = await asyncio.gather(*deliveries)
    assert statuses == [200] * USERS
    assert all(api.replies_to(BASE + n) for n in range(USERS))  # each answered after its reply
    async with asyncio.timeout(30):
        assert await worker.process.wait() == 0
    log = "".join(p.read_text(errors="replace") for p in tmp_path.glob("worker-*.log"))
    assert "Traceback" not in log
    assert "destroyed but it is pending" not in log


async def test_a_thousand_connections_that_never_send_headers_lock_nobody_out(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    """Finding 7: 1,100 connections opened and left mid-headers (no secret needed) do not exhaust
    the worker: /healthz answers within a second and a user's update is answered; the log stays
    small and has no traceback."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(soft, 1024), hard))  # the worker starts with 1,024
    try:
        worker = await spawn_worker(api, "", tmp_path)
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 4096)), hard))  # the test's own
    writers: list[asyncio.StreamWriter] = []
    try:
        for _ in range(1100):
            with contextlib.suppress(OSError):
                _reader, writer = await asyncio.open_connection("127.0.0.1", worker.port)
                writer.write(b"POST /telegram HTTP/1.1\r\nHost: bot\r\n")  # and never the rest
                writers.append(writer)
        async with aiohttp.ClientSession() as http:
            async with asyncio.timeout(1), http.get(f"{worker.url}/healthz") as response:
                assert response.status == 200
            telegram = Telegram(api, [worker], http)
            async with asyncio.timeout(10):
                await telegram.answer(BASE + 999, "", Event("text", "/start"), turn=0)
    finally:
        for writer in writers:
            writer.close()
        worker.process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(30):
            await worker.process.wait()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    logs = list(tmp_path.glob("worker-*.log"))
    assert sum(p.stat().st_size for p in logs) < 100_000
    assert "Traceback" not in "".join(p.read_text(errors="replace") for p in logs)
