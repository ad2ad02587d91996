"""Conversion reminders in Telegram: chosen under the result, kept in the store (SQLite and
PostgreSQL), sent once per due time even with several workers, still there after a restart,
listed and stopped with /reminders, removed by /forget. A controllable clock, never a wait."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from pathlib import Path
from typing import Any

from bot.reminders import recompute_far_ahead, remind_forever, reschedule, send_due_reminders
from bot.store import CLAIM_LEASE_SECONDS, ReminderRow, Store
from tests.botkit import DR_CHEN, TgUser, start_bot, stop_bot
from tests.fakeapi import FakeBotAPI
from tests.test_bot_store import Opener, opener  # noqa: F401 - the two-backend fixture

DEC_1 = 1796137200.0  # 2026-12-01 15:00 UTC
ROW = ReminderRow(7, 7007, "monthly", "biweekly", "in_plan_conversion", DEC_1)


def test_kept_listed_stopped_and_forgotten(opener: Opener) -> None:  # noqa: F811
    store = opener()
    store.set_reminder(ROW)
    assert opener().reminders_of(7) == [ROW]  # another process sees it: it is in the database
    store.set_reminder(ROW._replace(cadence="quarterly"))  # one per user: a new choice replaces it
    assert [r.cadence for r in store.reminders_of(7)] == ["quarterly"]
    assert store.stop_reminders(7) == 1
    assert store.reminders_of(7) == []
    store.set_reminder(ROW)
    assert store.forget(7)  # no conversation, but a reminder: forgotten too
    assert store.reminders_of(7) == []


def test_a_reminder_outlives_the_purge_of_idle_answers(opener: Opener) -> None:  # noqa: F811
    store = opener()
    store.save(7, {"v": 1, "state": "result", "answers": {}, "history": []})
    store.set_reminder(ROW)
    assert store.purge_idle(older_than_seconds=0, now=DEC_1 + 10 * 86_400) == 1  # the answers go
    assert store.read(7).conversation is None
    assert store.reminders_of(7) == [ROW]  # the reminder is kept until stopped or forgotten


def test_a_due_reminder_is_claimed_once_and_moved_to_its_next_time(opener: Opener) -> None:  # noqa: F811
    store = opener()
    store.set_reminder(ROW)
    assert store.claim_due(DEC_1 - 1) == []  # not yet
    assert store.claim_due(DEC_1 + 5) == [ROW]
    assert store.claim_due(DEC_1 + 5) == []  # claimed once
    lease = DEC_1 + 5 + CLAIM_LEASE_SECONDS
    assert store.reminder_due_at(7, lease)
    assert store.move_reminder(7, lease, reschedule(ROW, DEC_1 + 6))  # sent: moved on
    (moved,) = store.reminders_of(7)
    assert moved.next_due == 1798815600.0  # 2027-01-01 15:00 UTC
    assert not store.move_reminder(7, lease, DEC_1)  # only the claim's holder moves it, once


def test_a_claim_whose_worker_died_is_due_again_after_its_lease(opener: Opener) -> None:  # noqa: F811
    store = opener()
    store.set_reminder(ROW)
    assert store.claim_due(DEC_1 + 5) == [ROW]  # then the worker is killed before sending
    assert opener().claim_due(DEC_1 + 5 + CLAIM_LEASE_SECONDS - 1) == []
    (again,) = opener().claim_due(DEC_1 + 5 + CLAIM_LEASE_SECONDS)
    assert again.user_id == 7


def test_several_workers_claim_each_reminder_once(opener: Opener) -> None:  # noqa: F811
    first = opener()
    for user in range(40):
        first.set_reminder(ROW._replace(user_id=user, chat_id=user))
    workers: list[Store] = [first, opener(), opener()]
    claimed: list[list[ReminderRow]] = [[] for _ in workers]

    def work(index: int) -> None:
        while batch := workers[index].claim_due(DEC_1 + 5, limit=3):
            claimed[index].extend(batch)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(workers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    users = sorted(r.user_id for rows in claimed for r in rows)
    assert users == list(range(40))  # each once, by exactly one worker


async def test_remind_me_in_telegram_sent_once_survives_a_restart_and_forget(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    db = tmp_path / "bot.sqlite3"
    app = await start_bot(api, db)
    user = TgUser(api, 1605)
    await user.run(DR_CHEN)
    await user.tap("Remind me to convert")
    confirmed = await user.tap("Monthly")
    assert "remind you monthly to convert, first on" in confirmed.text
    store: Store = app.bot_data["store"]
    (row,) = store.reminders_of(1605)
    assert (row.cadence, row.pay_frequency, row.route) == ("monthly", "biweekly", "in_plan_conversion")
    await stop_bot(app)

    app = await start_bot(api, db)  # a restart: the schedule is in the database
    store = app.bot_data["store"]
    listed = await user.send("/reminders")
    assert "Reminder to convert, monthly: next on" in listed.text
    before = len(api.replies_to(1605))
    assert await send_due_reminders(app.bot, store, lambda: row.next_due + 1) == 1
    assert await send_due_reminders(app.bot, store, lambda: row.next_due + 2) == 0  # once
    reminder: Any = api.replies_to(1605)[-1]
    assert len(api.replies_to(1605)) == before + 1
    assert "Time to convert: convert your after-tax balance to Roth in the plan" in reminder.text
    assert len(reminder.text) < 4096
    await user.send("/forget")
    assert store.reminders_of(1605) == []
    assert await send_due_reminders(app.bot, store, lambda: row.next_due + 10**8) == 0
    await stop_bot(app)


async def test_reminders_stop(api: FakeBotAPI, tmp_path: Path) -> None:
    app = await start_bot(api, tmp_path / "bot.sqlite3")
    user = TgUser(api, 1606)
    assert "No reminders" in (await user.send("/reminders")).text
    await user.run(DR_CHEN)
    await user.tap("Remind me to convert")
    await user.tap("Each paycheck")
    assert "Reminder to convert, each paycheck" in (await user.send("/reminders")).text
    assert (await user.send("/reminders stop")).text == "Reminder stopped."
    assert app.bot_data["store"].reminders_of(1606) == []
    await stop_bot(app)


async def test_the_reminder_loop_sends_what_the_store_holds_once(api: FakeBotAPI, tmp_path: Path) -> None:
    """The loop the bot starts at start-up, on a controllable clock: a reminder stored before it
    started goes out at its time, once, however often the loop polls."""
    app = await start_bot(api, tmp_path / "bot.sqlite3")
    store: Store = app.bot_data["store"]
    store.set_reminder(ROW._replace(user_id=1607, chat_id=1607))
    polls: list[float] = []

    def clock() -> float:
        polls.append(DEC_1 + 60)
        return polls[-1]

    loop = asyncio.create_task(remind_forever(app.bot, store, clock=clock, every=0.01))
    await api.wait_for(lambda: len(polls) >= 5)  # five polls at the same due time
    loop.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await loop
    sent = api.replies_to(1607)
    assert len(sent) == 1
    assert sent[0].text.startswith("⏰ Time to convert")
    await stop_bot(app)


async def test_a_user_who_blocked_the_bot_loses_the_reminder(api: FakeBotAPI, tmp_path: Path) -> None:
    app = await start_bot(api, tmp_path / "bot.sqlite3")
    store: Store = app.bot_data["store"]
    store.set_reminder(ROW._replace(user_id=1608, chat_id=1608))
    api.faults.plan["sendMessage"] = ["403"]
    assert await send_due_reminders(app.bot, store, lambda: DEC_1 + 60) == 0
    assert store.reminders_of(1608) == []  # Telegram would refuse every later one too
    await stop_bot(app)


async def test_a_stop_mid_burst_moves_only_the_reminders_sent(api: FakeBotAPI, tmp_path: Path) -> None:
    """Finding 6: a worker stopped while sending a burst leaves every unsent reminder due (or
    leased, due again within the lease), none moved to next month; each sent one is moved."""
    app = await start_bot(api, tmp_path / "bot.sqlite3")
    store: Store = app.bot_data["store"]
    for user in range(2000, 2050):
        store.set_reminder(ROW._replace(user_id=user, chat_id=user))
    api.faults.plan["sendMessage"] = ["ok"] * 12 + ["hold"]
    sending = asyncio.create_task(send_due_reminders(app.bot, store, lambda: DEC_1 + 60))
    await api.wait_for(lambda: api.faults.held == 1)
    sending.cancel()  # the stop
    with contextlib.suppress(asyncio.CancelledError):
        await sending
    rows = [r for user in range(2000, 2050) for r in store.reminders_of(user)]
    moved = [r for r in rows if r.next_due > DEC_1 + 60 + CLAIM_LEASE_SECONDS]
    assert len(moved) == 12 == sum(len(api.replies_to(user)) for user in range(2000, 2050))
    assert all(r.next_due <= DEC_1 + 60 + CLAIM_LEASE_SECONDS for r in rows if r not in moved)
    api.faults.release.set()
    later = DEC_1 + 60 + CLAIM_LEASE_SECONDS
    assert await send_due_reminders(app.bot, store, lambda: later) == 38  # the rest, once each
    assert await send_due_reminders(app.bot, store, lambda: later) == 0
    await stop_bot(app)


async def test_a_reminder_claimed_then_forgotten_is_not_sent(api: FakeBotAPI, tmp_path: Path) -> None:
    app = await start_bot(api, tmp_path / "bot.sqlite3")
    store: Store = app.bot_data["store"]
    store.set_reminder(ROW._replace(user_id=2101, chat_id=2101, next_due=DEC_1 - 2))
    store.set_reminder(ROW._replace(user_id=2102, chat_id=2102, next_due=DEC_1 - 1))
    api.faults.plan["sendMessage"] = ["hold"]
    sending = asyncio.create_task(send_due_reminders(app.bot, store, lambda: DEC_1 + 60))
    await api.wait_for(lambda: api.faults.held == 1)  # both claimed, the first being sent
    assert store.forget(2102)
    api.faults.release.set()
    assert await sending == 1
    assert api.replies_to(2102) == []  # /forget said everything was deleted: nothing follows it
    await stop_bot(app)


def test_a_due_date_a_clock_jump_put_far_ahead_is_recomputed(opener: Opener) -> None:  # noqa: F811
    """A worker whose clock ran a year ahead moved a monthly reminder 393 days out; a worker with
    the right clock recomputes it from now instead of trusting it."""
    store = opener()
    store.set_reminder(ROW._replace(next_due=DEC_1 + 393 * 86400))
    store.set_reminder(ROW._replace(user_id=8, cadence="quarterly", next_due=DEC_1 + 80 * 86400))
    assert recompute_far_ahead(store, DEC_1 - 86400) == 1
    assert store.reminders_of(7)[0].next_due == DEC_1  # the next first of the month from now
    assert store.reminders_of(8)[0].next_due == DEC_1 + 80 * 86400  # within a cadence: kept
