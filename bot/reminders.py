"""Conversion reminders in Telegram: kept in the store, sent by a loop that asks the store what is
due (so a restart loses nothing: the schedule lives in the database, not in the process), each
claimed by one worker in one transaction before it is sent (bot/store.py ``claim_due``).

The schedule itself is flows/reminders.py (pure); this module only keeps, claims and sends. The
clock is a parameter: tests pass a time instead of waiting. Sends go through the application's
bot, so they share its pacing (bot/pacing.py: Telegram's ~30 messages a second) and each text is
one short message, far below Telegram's 4,096 characters.
"""

from __future__ import annotations

import asyncio
import html
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError

from bot.store import ReminderRow, Store
from flows.reminders import CADENCES, following, next_due, reminder_text, when

log = logging.getLogger(__name__)
POLL_SECONDS = 60.0  # a reminder goes out within a minute of its time


def _moment(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def reschedule(row: ReminderRow, now: float) -> float:
    """The next send after this one (counted from when it was due, or from now if later)."""
    return following(row.cadence, row.pay_frequency or None, _moment(row.next_due), _moment(now)).timestamp()


def keep(store: Store, user_id: int, chat_id: int, request: dict[str, str], now: float) -> ReminderRow:
    """Store the reminder a user chose (replacing any earlier one); its first time from ``now``."""
    first = next_due(request["cadence"], request["pay_frequency"] or None, _moment(now))
    row = ReminderRow(user_id, chat_id, request["cadence"], request["pay_frequency"], request["route"],
                      first.timestamp())
    store.set_reminder(row)
    return row


def listing(rows: list[ReminderRow]) -> str:
    if not rows:
        return "No reminders. After your result, tap \"Remind me to convert\" to get one."
    lines = [f"⏰ Reminder to convert, {CADENCES.get(r.cadence, r.cadence)}: "
             f"next on {when(_moment(r.next_due))}." for r in rows]
    return "\n".join([*lines, "/reminders stop ends it."])


async def send_due_reminders(bot: Bot, store: Store, now: float) -> int:
    """Claim what is due at ``now`` and send it; returns how many were sent. A user who blocked
    the bot loses the reminder (Telegram would refuse every later one too)."""
    sent = 0
    for row in store.claim_due(now, reschedule):
        try:
            text = html.escape(reminder_text(row.route))
            await bot.send_message(row.chat_id, text, parse_mode=ParseMode.HTML)
            sent += 1
        except Forbidden:
            store.stop_reminders(row.user_id)
        except TelegramError as exc:  # this one is missed; the next is already scheduled
            log.info("a reminder was not sent: %s", type(exc).__name__)
    return sent


async def remind_forever(bot: Bot, store: Store, clock: Callable[[], float] = time.time,
                         every: float = POLL_SECONDS) -> None:
    while True:
        try:
            await send_due_reminders(bot, store, clock())
        except Exception as exc:  # a database hiccup: try again at the next poll
            log.warning("reminders: %s", type(exc).__name__)
        await asyncio.sleep(every)
