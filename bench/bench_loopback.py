"""End to end on loopback: the real `python -m bot` process against the local fake Bot API.

- 1,000 users complete interviews at once, rate limiter off: updates/s, reply latency p50/p95/p99
  (update offered to getUpdates -> the reply's sendMessage arrives), the bot's peak RSS.
- The same with the rate limiter on (fewer users: it holds ~30 messages/s): the
  message rate over the busiest 5 s, and the slowest user's completion time against the median.
- Start-up: process start to its first getUpdates, ours against a bare PTB echo bot.
The fake server and the simulated users share this process (one core); the bot has the other.
Needs the test extra (aiohttp). Run: python -m bench.bench_loopback
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from flows.interview import Event
from tests.fakeapi import TOKEN, FakeBotAPI
from tests.flowkit import random_profile, steps_for

ROOT = Path(__file__).resolve().parent.parent
ECHO_BOT = """
from telegram.ext import Application, MessageHandler, filters
async def echo(update, context):
    await context.bot.send_message(update.effective_chat.id, update.effective_message.text or "x")
import os
app = Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"]).base_url(
    os.environ["TELEGRAM_API_BASE_URL"] + "/bot").build()
app.add_handler(MessageHandler(filters.ALL, echo))
app.run_polling()
"""


async def spawn(api: FakeBotAPI, db: Path, *, rate_limiter: bool, echo: bool = False,
                charts: bool = False) -> Any:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": api.url,
           "DATABASE_PATH": str(db), "RATE_LIMITER": str(rate_limiter).lower(),
           "SEND_CHART": str(charts).lower()}
    args = ["-c", ECHO_BOT] if echo else ["-m", "bot"]
    return await asyncio.create_subprocess_exec(sys.executable, *args, cwd=ROOT, env=env,
                                                stdout=asyncio.subprocess.DEVNULL,
                                                stderr=asyncio.subprocess.DEVNULL)


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def first_poll_seconds(echo: bool) -> float:
    api = FakeBotAPI()
    await api.start()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        proc = await spawn(api, Path(folder) / "s.sqlite3", rate_limiter=False, echo=echo)
        await api.wait_for(lambda: api.polls > 0, timeout=60)
        elapsed = time.perf_counter() - started
        proc.kill()
        await proc.wait()
    await api.stop()
    return elapsed


async def run_users(users: int, *, rate_limiter: bool, charts: bool = False) -> dict[str, float]:
    api = FakeBotAPI()
    await api.start()
    rng = random.Random(5)
    steps = [steps_for(random_profile(rng)) for _ in range(users)]
    latencies: list[float] = []
    finished: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        proc = await spawn(api, Path(folder) / "l.sqlite3", rate_limiter=rate_limiter, charts=charts)
        await api.wait_for(lambda: any(c.method == "setMyCommands" for c in api.calls), timeout=60)
        start = time.perf_counter()

        async def user(n: int) -> None:
            uid = 900_000 + n
            for state, event in [("", Event("text", "/start")), *steps[n]]:
                before = len(api.sent_to(uid))
                sent = time.perf_counter()
                api.push_event(uid, event.kind, event.value, state)
                def replied(_calls: list[Any], b: int = before) -> bool:
                    return len(api.sent_to(uid)) > b

                await api.wait_chat(uid, replied, timeout=600)
                latencies.append(time.perf_counter() - sent)
            finished.append(time.perf_counter() - start)

        await asyncio.gather(*(user(n) for n in range(users)))
        wall = time.perf_counter() - start
        rss = peak_rss_mb(proc.pid)
        proc.kill()
        await proc.wait()
    sends = sorted(c.sent_at for c in api.calls if c.method == "sendMessage")
    await api.stop()
    cuts = statistics.quantiles(latencies, n=100)
    return {"updates": len(latencies), "per_s": len(latencies) / wall, "p50": cuts[49] * 1e3,
            "p95": cuts[94] * 1e3, "p99": cuts[98] * 1e3, "rss": rss, "busiest": _busiest_rate(sends),
            "slowest_vs_median": max(finished) / statistics.median(finished)}


def chart_render_ms(samples: int = 40) -> tuple[float, float]:
    """Fresh renders of distinct results (bench/bench_chart.py): a repeated one comes from a cache."""
    from bench.bench_chart import render_ms

    return render_ms(samples)


def _busiest_rate(times: list[float], window: float = 5.0) -> float:
    """Messages per second in the busiest ``window`` seconds: a burst shows here (a bucket of 30
    lets 30 through at once, then 30 a second: 36 a second over 5 s)."""
    best, left = 0, 0
    for right, moment in enumerate(times):
        while moment - times[left] >= window:
            left += 1
        best = max(best, right - left + 1)
    return best / window


def rows(users: int = 1000, limited_users: int = 40) -> list[tuple[str, float, str]]:
    free = asyncio.run(run_users(users, rate_limiter=False))
    limited = asyncio.run(run_users(limited_users, rate_limiter=True))
    plain = asyncio.run(run_users(200, rate_limiter=False))
    charted = asyncio.run(run_users(200, rate_limiter=False, charts=True))
    chart_ms = chart_render_ms()
    ours = statistics.median(asyncio.run(first_poll_seconds(echo=False)) for _ in range(3))
    echo = statistics.median(asyncio.run(first_poll_seconds(echo=True)) for _ in range(3))
    return [
        (f"loopback: {users} users, limiter off: updates/s", free["per_s"], ""),
        ("loopback: reply latency p50", free["p50"], ""),
        ("loopback: reply latency p95", free["p95"], ""),
        ("loopback: reply latency p99", free["p99"], ""),
        ("loopback: bot peak RSS", free["rss"], ""),
        (f"loopback: {limited_users} users, limiter on: busiest 5 s, msgs/s", limited["busiest"], "<= 30"),
        ("loopback: limiter on: slowest user / median user (ratio)", limited["slowest_vs_median"], ""),
        ("chart: render median (ms)", chart_ms[0], ""),
        ("chart: render p95 (ms)", chart_ms[1], ""),
        ("chart: 200 users, no charts: reply latency p95", plain["p95"], ""),
        ("chart: 200 users, every result charted: reply latency p95", charted["p95"], ""),
        ("start-up: ours, process start to first getUpdates", ours * 1e3, ""),
        ("start-up: echo bot, process start to first getUpdates", echo * 1e3, ""),
        ("start-up: ratio ours / echo", ours / echo, ""),
    ]


def main() -> None:
    from bench import print_rows

    print_rows(rows(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))


if __name__ == "__main__":
    main()
