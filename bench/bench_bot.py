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

USERS = 200
ROUNDS = 5


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


async def cpu_us_per_update(app: Application[Any, Any, Any, Any, Any, Any], users: int) -> float:
    updates = [Update.de_json(u, app.bot) for uid in range(users)
               for u in interview_updates(10_000 + uid, 1 + uid * 100)]
    start = time.process_time()
    for update in updates:
        await app.process_update(update)
    return (time.process_time() - start) / len(updates) * 1e6


async def measure(users: int = USERS, rounds: int = ROUNDS) -> dict[str, float]:
    samples: dict[str, list[float]] = {"echo": [], "ours": [], "ours_with_chart": []}
    with tempfile.TemporaryDirectory() as folder:
        for round_no in range(rounds):
            apps = {
                "echo": echo_bot(),
                "ours": our_bot(Path(folder) / f"a{round_no}.sqlite3", charts=False),
                "ours_with_chart": our_bot(Path(folder) / f"b{round_no}.sqlite3", charts=True),
            }
            for name, app in apps.items():
                async with app:
                    count = users if name != "ours_with_chart" else max(10, users // 10)
                    samples[name].append(await cpu_us_per_update(app, count))
    return {name: statistics.median(values) for name, values in samples.items()}


def rows() -> list[tuple[str, float, str]]:
    result = asyncio.run(measure())
    return [
        ("bot: echo bot, CPU per update", result["echo"], ""),
        ("bot: our bot, CPU per update (persistence, no chart)", result["ours"], ""),
        ("bot: ratio ours / echo", result["ours"] / result["echo"], "<= 1.5x"),
        ("bot: our bot incl. the result chart (1 per 14 updates)", result["ours_with_chart"], ""),
    ]


def main() -> None:
    print_rows(rows())


if __name__ == "__main__":
    main()
