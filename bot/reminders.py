"""Conversion reminders in Telegram: kept in the store, sent by a loop that asks the store what is
due (so a restart loses nothing: the schedule lives in the database, not in the process).

Each round claims a small batch (``CLAIM_BATCH``) just before sending it: a claim leases the
reminder to this worker for ``CLAIM_LEASE_SECONDS``, and only once its message was sent is it
moved to its next date. A worker stopped or killed mid-burst leaves the rest due (or leased, and
due again when the lease ends): none is moved unsent. Just before each send the claim is checked
again, so a reminder ``/forget`` or ``/reminders stop`` removed meanwhile is not sent. A due date
further ahead than any cadence allows (a worker whose clock ran ahead put it there) is recomputed
from now.

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

from bot.store import CLAIM_LEASE_SECONDS, ReminderRow, Store, off_loop
from flows.interview import CADENCES, following, next_due, reminder_text, when

log = logging.getLogger(__name__)
POLL_SECONDS = 60.0  # a reminder goes out within a minute of its time
# The longest cadence is quarterly (at most 92 days to the next quarter): beyond this, a due date
# cannot be one the bot set with a right clock.
FAR_AHEAD_SECONDS = 100 * 86400.0
Clock = Callable[[], float]


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


async def send_due_reminders(bot: Bot, store: Store, clock: Clock) -> int:
    """Claim what is due, a batch at a time, and send it; returns how many were sent. A user who
    blocked the bot loses the reminder (Telegram would refuse every later one too)."""
    sent = 0
    while True:
        claimed_at = clock()
        batch = await off_loop(store, store.claim_due, claimed_at)
        if not batch:
            return sent
        lease = claimed_at + CLAIM_LEASE_SECONDS
        for row in batch:
            sent += await _send_one(bot, store, row, lease, clock)


async def _send_one(bot: Bot, store: Store, row: ReminderRow, lease: float, clock: Clock) -> int:
    if not await off_loop(store, store.reminder_due_at, row.user_id, lease):
        return 0  # stopped, forgotten or replaced since the claim
    try:
        await bot.send_message(row.chat_id, html.escape(reminder_text(row.route)), parse_mode=ParseMode.HTML)
    except Forbidden:
        await off_loop(store, store.stop_reminders, row.user_id)
        return 0
    except TelegramError as exc:  # left leased: due again when the lease ends
        log.info("a reminder was not sent: %s", type(exc).__name__)
        return 0
    await off_loop(store, store.move_reminder, row.user_id, lease, reschedule(row, clock()))
    return 1


def recompute_far_ahead(store: Store, now: float) -> int:
    """Due dates no cadence can reach from now: recomputed from now, not trusted."""
    moved = 0
    for row in store.reminders_after(now + FAR_AHEAD_SECONDS):
        first = next_due(row.cadence, row.pay_frequency or None, _moment(now)).timestamp()
        moved += store.move_reminder(row.user_id, row.next_due, first)
    return moved


async def remind_forever(bot: Bot, store: Store, clock: Clock = time.time,
                         every: float = POLL_SECONDS) -> None:
    while True:
        try:
            await off_loop(store, recompute_far_ahead, store, clock())
            await send_due_reminders(bot, store, clock)
        except Exception as exc:  # a database hiccup: try again at the next poll
            log.warning("reminders: %s", type(exc).__name__)
        await asyncio.sleep(every)
