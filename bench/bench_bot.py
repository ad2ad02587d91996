"""CPU per update: our bot versus a bare python-telegram-bot echo bot, same updates, one run.

Both run through Application.process_update with a request class that answers in-process, so
what is measured is the bot's own work (handlers, flow, SQLite persistence, rendering) plus the
framework's. Two more variants of ours, in the same alternating batches, show where the
difference goes: the store kept in a dict (no SQLite, no JSON), and the flow step replaced by
showing the current screen (no parsing, no transition, so nothing to write either).
Run: python -m bench.bench_bot
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any
from unittest import mock

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bench import print_rows
from bench.localapi import TOKEN, LocalRequest, interview_updates
from bot.app import build_application
from bot.settings import Settings
from bot.store import ABSENT, ExportedRow, LockedRow, ReminderRow, Store, Stored
from flows.interview import Event, Reply, view

AnyApp = Application[Any, Any, Any, Any, Any, Any]
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


def our_bot(db: Path, *, charts: bool, store: Store | None = None) -> AnyApp:
    settings = Settings(telegram_bot_token=TOKEN, database_path=db, rate_limiter=False,
                        send_chart=charts)
    return build_application(settings, today=lambda: date(2026, 11, 22), request=LocalRequest(),
                             store=store)


class DictStore(Store):
    """The store's interface over a dict: what persistence costs is ours minus this."""

    backend = "dict"

    def __init__(self) -> None:  # no file, no SQLite
        self.rows: dict[int, dict[str, Any]] = {}

    @contextmanager
    def locked(self, user_id: int) -> Iterator[LockedRow]:
        yield LockedRow(self.read(user_id), lambda conv, update_id: self.save(user_id, conv, update_id))

    def read(self, user_id: int) -> Stored:
        conversation = self.rows.get(user_id)
        return Stored(conversation, 0, 0.0) if conversation is not None else ABSENT

    def save(self, user_id: int, conversation: dict[str, Any], update_id: int = 0) -> bool:
        self.rows[user_id] = conversation
        return True

    def forget(self, user_id: int, update_id: int = 0) -> bool:
        return self.rows.pop(user_id, None) is not None

    def purge_idle(self, older_than_seconds: float, now: float | None = None) -> int:
        return 0

    def count(self) -> int:
        return len(self.rows)

    def ready(self) -> bool:
        return True

    def export_rows(self) -> Iterator[ExportedRow]:
        return iter(())

    def import_rows(self, rows: Iterable[ExportedRow]) -> int:
        return 0

    def close(self) -> None:
        return None

    def set_reminder(self, row: ReminderRow) -> None:
        return None

    def reminders_of(self, user_id: int) -> list[ReminderRow]:
        return []

    def stop_reminders(self, user_id: int) -> int:
        return 0

    def claim_due(self, now: float, limit: int = 0) -> list[ReminderRow]:
        return []

    def move_reminder(self, user_id: int, from_due: float, to_due: float) -> bool:
        return False

    def reminder_due_at(self, user_id: int, due: float) -> bool:
        return False

    def reminders_after(self, moment: float) -> list[ReminderRow]:
        return []


def _screen_only(conv: dict[str, Any], event: Event, today: date) -> Reply:
    return view(conv, today)


@contextmanager
def flow_step_replaced(active: bool) -> Iterator[None]:
    """While active, the handlers' flow step only shows the current screen."""
    if not active:
        yield
        return
    with mock.patch("bot.screen.step", _screen_only):
        yield


def _updates(app: Application[Any, Any, Any, Any, Any, Any], users: int, first_user: int) -> list[Update]:
    return [Update.de_json(u, app.bot) for uid in range(first_user, first_user + users)
            for u in interview_updates(uid, 1 + uid * 100)]


async def cpu_us_per_update(app: Application[Any, Any, Any, Any, Any, Any], updates: list[Update]) -> float:
    start = time.process_time()
    for update in updates:
        await app.process_update(update)
    return (time.process_time() - start) / len(updates) * 1e6


VARIANTS = ("ours", "store_in_dict", "screen_only")


async def measure(users: int = USERS, rounds: int = ROUNDS) -> dict[str, float]:
    """Small batches, echo and each variant of ours alternating, so the VM's drifting speed hits
    all alike; each ratio is the median of the per-batch ratios."""
    samples: dict[str, list[float]] = {"echo": [], "ours_with_chart": []}
    samples.update({name: [] for name in VARIANTS})
    samples.update({f"{name}_ratio": [] for name in VARIANTS})
    batch = max(1, users // rounds)
    with tempfile.TemporaryDirectory() as folder:
        echo = echo_bot()
        apps = {"ours": our_bot(Path(folder) / "a.sqlite3", charts=False),
                "store_in_dict": our_bot(Path(folder) / "c.sqlite3", charts=False, store=DictStore()),
                "screen_only": our_bot(Path(folder) / "d.sqlite3", charts=False)}
        charted = our_bot(Path(folder) / "b.sqlite3", charts=True)
        async with echo, charted, apps["ours"], apps["store_in_dict"], apps["screen_only"]:
            for round_no in range(rounds):
                first = 10_000 + round_no * batch
                echo_us = await cpu_us_per_update(echo, _updates(echo, batch, first))
                samples["echo"].append(echo_us)
                for name, app in apps.items():
                    with flow_step_replaced(name == "screen_only"):
                        us = await cpu_us_per_update(app, _updates(app, batch, first))
                    samples[name].append(us)
                    samples[f"{name}_ratio"].append(us / echo_us)
                if round_no % 5 == 0:
                    charts = await cpu_us_per_update(charted, _updates(charted, 2, first))
                    samples["ours_with_chart"].append(charts)
    return {name: statistics.median(values) for name, values in samples.items()}


def rows() -> list[tuple[str, float, str]]:
    result = asyncio.run(measure())
    return [
        ("bot: echo bot, CPU per update", result["echo"], ""),
        ("bot: our bot, CPU per update (persistence, no chart)", result["ours"], ""),
        ("bot: ratio ours / echo (median of paired batches)", result["ours_ratio"], "<= 1.5x"),
        ("bot: ratio, ours with the store in a dict", result["store_in_dict_ratio"], ""),
        ("bot: ratio, ours with the flow step only showing a screen", result["screen_only_ratio"], ""),
        ("bot: our bot incl. the result chart (1 per 14 updates)", result["ours_with_chart"], ""),
    ]


def main() -> None:
    print_rows(rows())


if __name__ == "__main__":
    main()
