"""CPU per update: our bot versus a bare python-telegram-bot echo bot, same updates, one run.

Both run through Application.process_update with a request class that answers in-process, so
what is measured is the bot's own work (handlers, flow, SQLite persistence, rendering) plus the
framework's. Run: python -m bench.bench_bot
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bench import print_rows
from bench.localapi import TOKEN, LocalRequest, interview_updates
from bot.app import build_application
from bot.settings import Settings

USERS = 400
ROUNDS = 40


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer()
    chat = update.effective_chat
    assert chat is not None
    text = update.effective_message.text if update.effective_message else ""
    await context.bot.send_message(chat.id, text or "echo")


def echo_bot() -> Application[Any, Any, Any, Any, Any, Any]:
    request = LocalRequest()
    app = Application.builder().token(TOKEN).request(request).get_updates_request(request).build()
    app.add_handler(MessageHandler(filters.ALL, _echo))
    app.add_handler(CallbackQueryHandler(_echo))
    return app


def our_bot(db: Path, *, charts: bool) -> Application[Any, Any, Any, Any, Any, Any]:
    settings = Settings(telegram_bot_token=TOKEN, database_path=db, rate_limiter=False,
                        send_chart=charts)
    return build_application(settings, today=lambda: date(2026, 11, 22), request=LocalRequest())


def _updates(app: Application[Any, Any, Any, Any, Any, Any], users: int, first_user: int) -> list[Update]:
    return [Update.de_json(u, app.bot) for uid in range(first_user, first_user + users)
            for u in interview_updates(uid, 1 + uid * 100)]


async def cpu_us_per_update(app: Application[Any, Any, Any, Any, Any, Any], updates: list[Update]) -> float:
    start = time.process_time()
    for update in updates:
        await app.process_update(update)
    return (time.process_time() - start) / len(updates) * 1e6


async def measure(users: int = USERS, rounds: int = ROUNDS) -> dict[str, float]:
    """Small batches, echo and ours alternating, so the VM's drifting speed hits both alike; the
    ratio is the median of the per-batch ratios."""
    samples: dict[str, list[float]] = {"echo": [], "ours": [], "ratio": [], "ours_with_chart": []}
    batch = max(1, users // rounds)
    with tempfile.TemporaryDirectory() as folder:
        echo, ours = echo_bot(), our_bot(Path(folder) / "a.sqlite3", charts=False)
        charted = our_bot(Path(folder) / "b.sqlite3", charts=True)
        async with echo, ours, charted:
            for round_no in range(rounds):
                first = 10_000 + round_no * batch
                echo_us = await cpu_us_per_update(echo, _updates(echo, batch, first))
                ours_us = await cpu_us_per_update(ours, _updates(ours, batch, first))
                samples["echo"].append(echo_us)
                samples["ours"].append(ours_us)
                samples["ratio"].append(ours_us / echo_us)
                if round_no % 5 == 0:
                    charts = await cpu_us_per_update(charted, _updates(charted, 2, first))
                    samples["ours_with_chart"].append(charts)
    return {name: statistics.median(values) for name, values in samples.items()}


def rows() -> list[tuple[str, float, str]]:
    result = asyncio.run(measure())
    return [
        ("bot: echo bot, CPU per update", result["echo"], ""),
        ("bot: our bot, CPU per update (persistence, no chart)", result["ours"], ""),
        ("bot: ratio ours / echo (median of paired batches)", result["ratio"], "<= 1.5x"),
        ("bot: our bot incl. the result chart (1 per 14 updates)", result["ours_with_chart"], ""),
    ]


def main() -> None:
    print_rows(rows())


if __name__ == "__main__":
    main()
