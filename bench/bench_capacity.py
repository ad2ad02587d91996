"""Capacity within Telegram's limit: paced messages per answer, end to end, and CPU per update.

Telegram lets one bot send about 30 messages a second in all, and sends and edits both count, so
the bot's capacity is 30 / (paced messages per answer) answers a second however many workers it
has. Here the real `python -m bot` process (polling, charts on, the rate limiter on: its defaults)
serves USERS people who each go through the seed's Dr. Chen interview by tapping the live buttons
and typing, through real HTTP to the local fake Bot API. Counted per chat: every paced call
(send*, edit*, copy*, forward*, except sendChatAction) divided by the user's updates; and the most
live keyboards the chat ever showed at once (the clean chat: 1).

CPU per update against a bare python-telegram-bot echo bot comes from bench/bench_cost.py's
measurement (same users, same transport), one round here.
Run: python -m bench.bench_capacity
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
from pathlib import Path

from bench import bench_cost
from tests.botkit import DR_CHEN, TgUser
from tests.fakeapi import TOKEN, FakeBotAPI
from tests.pgkit import Postgres

ROOT = Path(__file__).resolve().parent.parent
USERS = 20
PACED = ("send", "edit", "copy", "forward")


def paced(method: str) -> bool:
    return method.startswith(PACED) and method != "sendChatAction"


async def messages_per_answer(users: int = USERS) -> dict[str, float]:
    api = FakeBotAPI()
    await api.start()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": api.url,
               "DATABASE_PATH": str(Path(folder) / "capacity.sqlite3"), "SEND_CHART": "true",
               "RATE_LIMITER": "true"}
        env.pop("DATABASE_URL", None)
        env.pop("WEBHOOK_URL", None)
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", cwd=ROOT, env=env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
        try:
            await api.wait_for(lambda: any(c.method == "setMyCommands" for c in api.calls)
                               and api.polls > 0, timeout=60)
            people = [TgUser(api, 950_000 + n) for n in range(users)]

            async def interview(user: TgUser) -> None:
                await user.run(DR_CHEN)
                await user.photo()

            await asyncio.gather(*(interview(user) for user in people))
            await asyncio.gather(*(user.settle() for user in people))  # nothing more is on its way
        finally:
            proc.kill()
            await proc.wait()
    await api.stop()
    # Every update the user sent (the interview, /start included, and the settle fence /cancel),
    # and the accepted answers alone (without /start's and /cancel's one message each).
    totals = [sum(paced(c.method) for c in api.by_chat[user.id]) for user in people]
    answers = len(DR_CHEN) - 1
    return {"messages_per_update": statistics.median(t / (len(DR_CHEN) + 1) for t in totals),
            "messages_per_answer": statistics.median((t - 2) / answers for t in totals),
            "most_live_keyboards": float(max(api.most_live[user.id] for user in people))}


async def cpu_ratio() -> dict[str, float]:
    postgres = Postgres()
    try:
        echo = await bench_cost.measure(bench_cost.VARIANTS["echo"], postgres)
        ours = await bench_cost.measure(bench_cost.VARIANTS["sqlite_charts"], postgres)
    finally:
        postgres.stop()
    return {"echo_us": echo["bot_us"], "ours_us": ours["bot_us"], "ratio": ours["bot_us"] / echo["bot_us"]}


def rows() -> list[tuple[str, float, str]]:
    chat = asyncio.run(messages_per_answer())
    cost = asyncio.run(cpu_ratio())
    return [
        (f"capacity: paced messages per update (Dr. Chen, {USERS} users)", chat["messages_per_update"], ""),
        ("capacity: paced messages per accepted answer", chat["messages_per_answer"], "<= 1.2"),
        ("capacity: most live keyboards in a chat at once", chat["most_live_keyboards"], "1"),
        ("capacity: answers a second within Telegram's 30 messages/s",
         30 / chat["messages_per_answer"], ""),
        (f"cost: echo bot, CPU per update ({bench_cost.USERS} users)", cost["echo_us"], ""),
        ("cost: ours (SQLite, charts on, paced), CPU per update", cost["ours_us"], ""),
        ("cost: ratio ours / echo", cost["ratio"], "<= 2.0x"),
    ]


def main() -> None:
    for name, value, target in rows():
        print(f"{name:<62} {value:10.2f}  {target}")


if __name__ == "__main__":
    main()
