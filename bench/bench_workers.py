"""Webhook workers on one PostgreSQL: updates per second with 1, 2 and 4 workers, and the message
rate of the bot as a whole when its workers pace at their share of Telegram's limit.

Each worker is a real `python -m bot` process in webhook mode (tests/workerkit.py); this process
plays Telegram (posts each update to the next worker round robin, a chat's next update only after
the last was answered) and runs the fake Bot API. USERS users each go through the seed's
interview (14 updates) at once, charts off (chart rendering is measured in bench_chart).
Everything shares this machine's 2 cores: the driver and the fake API take a large part of them,
so the figures say how the store and the workers scale here, not a server's capacity.
Run: python -m bench.bench_workers
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import aiohttp

from bench.bench_loopback import _busiest_rate
from bench.localapi import INTERVIEW
from flows.interview import Event
from tests.fakeapi import FakeBotAPI
from tests.pgkit import Postgres
from tests.workerkit import Telegram, spawn_worker, stop

USERS = 40
BASE = 760_000


def _event(kind: str, value: str) -> tuple[str, Event]:
    if kind == "text":
        return "", Event("text", value)
    _version, state, choice = value.split("|")
    return state, Event("button", choice)


async def run(workers: int, postgres: Postgres, *, users: int = USERS,
              paced: bool = False) -> dict[str, float]:
    api = FakeBotAPI()
    await api.start()
    database = postgres.new_database()
    extra = {"RATE_LIMITER": str(paced).lower(), "BOT_WORKERS": str(workers)}
    with tempfile.TemporaryDirectory() as folder:
        started_workers = await asyncio.gather(*(
            spawn_worker(api, postgres.url(database), Path(folder), **extra) for _ in range(workers)))
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
            telegram = Telegram(api, list(started_workers), http)

            async def user(n: int) -> None:
                for turn, (kind, value) in enumerate(INTERVIEW):
                    state, event = _event(kind, value)
                    await telegram.answer(BASE + n, state, event, turn + n)

            started = time.perf_counter()
            await asyncio.gather(*(user(n) for n in range(users)))
            wall = time.perf_counter() - started
        await asyncio.gather(*(stop(w) for w in started_workers))
    sends = sorted(c.sent_at for c in api.calls if c.method == "sendMessage")
    await api.stop()
    postgres.drop_database(database)
    return {"per_s": users * len(INTERVIEW) / wall, "busiest": _busiest_rate(sends)}


async def measure(rounds: int = 2) -> dict[str, float]:
    postgres = Postgres()
    samples: dict[str, list[float]] = {}
    try:
        for _ in range(rounds):
            for workers in (1, 2, 4):
                samples.setdefault(f"w{workers}", []).append((await run(workers, postgres))["per_s"])
        paced = await run(2, postgres, paced=True)
    finally:
        postgres.stop()
    result = {name: statistics.median(values) for name, values in samples.items()}
    result["paced_busiest"] = paced["busiest"]
    return result


def rows() -> list[tuple[str, float, str]]:
    result = asyncio.run(measure())
    return [
        (f"workers: PostgreSQL, 1 worker, {USERS} users: updates/s", result["w1"], ""),
        ("workers: PostgreSQL, 2 workers: updates/s", result["w2"], ""),
        ("workers: PostgreSQL, 4 workers: updates/s", result["w4"], ""),
        ("workers: 2 paced workers, whole bot: busiest 5 s, msgs/s", result["paced_busiest"], "<= 30"),
    ]


def main() -> None:
    from bench import print_rows

    print_rows(rows())


if __name__ == "__main__":
    main()
