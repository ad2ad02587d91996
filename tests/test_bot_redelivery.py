"""Two real webhook workers on one PostgreSQL, attacked as Telegram's retries, a slow Bot API, kills
and a held row would: a confirmed answer is never erased, /forget stays forgotten, a redelivered
update is applied once and replied to at least once, a database wait is a quick 503 that does not
freeze the worker, and an update overtaken by a later answer is not applied over it.

The fake Bot API's "hold" fault keeps one worker inside its reply on the test's signal: no timers.
"""

from __future__ import annotations

import asyncio
import random
import signal
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import psycopg
import pytest

from bot.screen import LATE, STALE
from flows.interview import Event
from tests.fakeapi import FakeBotAPI
from tests.flowkit import expected_result_lines, random_profile, steps_for
from tests.test_bot_workers import wait_for_lock_waiter
from tests.workerkit import Telegram, two_workers

BASE = 720_000
Steps = list[tuple[str, Event]]


@pytest.fixture
async def telegram(api: FakeBotAPI, pg_url: str, tmp_path: Path) -> AsyncIterator[Telegram]:
    async with two_workers(api, pg_url, tmp_path) as telegram:
        yield telegram


def stored_history(database_url: str, user_id: int) -> list[str] | None:
    """The answered questions in order; None when the row holds no answers (forgotten)."""
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT state FROM conversations WHERE user_id = %s", (user_id,)).fetchone()
    if row is None or row[0] is None:
        return None
    return list(row[0]["history"])


def profile_steps(seed: int) -> tuple[dict[str, Any], Steps]:
    profile = random_profile(random.Random(seed))
    return profile, steps_for(profile)


def two_taps_in_a_row(steps: Steps) -> int:
    """The first answer (after the first two) that is a tap followed by another tap."""
    for index in range(2, len(steps) - 1):
        if steps[index][1].kind == "button" and steps[index + 1][1].kind == "button":
            return index
    raise AssertionError("no two taps in a row")


async def begin(telegram: Telegram, user_id: int, steps: Steps, count: int) -> None:
    await telegram.answer(user_id, "", Event("text", "/start"), turn=0)
    for turn, (state, event) in enumerate(steps[:count], start=1):
        await telegram.answer(user_id, state, event, turn)


async def finish(telegram: Telegram, user_id: int, steps: Steps, profile: dict[str, Any]) -> None:
    for turn, (state, event) in enumerate(steps):
        await telegram.answer(user_id, state, event, turn)
    for line in expected_result_lines(profile):
        assert line in telegram.api.replies_to(user_id)[-1].text, line


async def held_in_its_reply(api: FakeBotAPI, pg_url: str, user_id: int, answered: int) -> None:
    """The slow worker has committed the answer and waits on the Bot API for its reply."""
    await api.wait_for(lambda: api.faults.held == 1, timeout=30)
    assert len(stored_history(pg_url, user_id) or []) == answered


async def test_a_slow_worker_never_erases_an_answer_stored_since(
    telegram: Telegram, pg_url: str, api: FakeBotAPI
) -> None:
    """Finding 1: worker A is still replying to an update when Telegram's retry of it gets 200 from
    B and the user's next answer goes to B; A's late note must not write its copy over B's."""
    user_id = BASE + 1
    profile, steps = profile_steps(1)
    slow, quick = telegram.workers
    await begin(telegram, user_id, steps, 2)
    update = telegram.update_for(user_id, *steps[2])
    api.faults.plan["sendMessage"] = ["hold"]
    delivery = asyncio.create_task(telegram.deliver(update, slow))
    await held_in_its_reply(api, pg_url, user_id, 3)
    assert await telegram.deliver(update, quick) == 200  # Telegram's retry: A has not answered yet
    assert await telegram.deliver(telegram.update_for(user_id, *steps[3]), quick) == 200
    api.faults.release.set()
    assert await delivery == 200
    assert stored_history(pg_url, user_id) == [state for state, _ in steps[:4]]  # both answers kept
    await finish(telegram, user_id, steps[4:], profile)


async def test_a_slow_worker_never_brings_back_what_forget_deleted(
    telegram: Telegram, pg_url: str, api: FakeBotAPI
) -> None:
    user_id = BASE + 2
    _profile, steps = profile_steps(2)
    slow, quick = telegram.workers
    await begin(telegram, user_id, steps, 2)
    update = telegram.update_for(user_id, *steps[2])
    api.faults.plan["sendMessage"] = ["hold"]
    delivery = asyncio.create_task(telegram.deliver(update, slow))
    await held_in_its_reply(api, pg_url, user_id, 3)
    assert await telegram.deliver(telegram.update_for(user_id, "", Event("text", "/forget")), quick) == 200
    assert "deleted everything" in api.replies_to(user_id)[-1].text
    api.faults.release.set()
    assert await delivery == 200
    assert stored_history(pg_url, user_id) is None  # the row did not come back
    assert await telegram.deliver(update, quick) == 200  # a late redelivery from before /forget
    assert stored_history(pg_url, user_id) is None  # is not applied to a new conversation either


async def test_killed_after_saving_a_tap_the_redelivery_shows_the_next_question(
    telegram: Telegram, pg_url: str, api: FakeBotAPI
) -> None:
    """Finding 4: SIGKILL between saving the answer and sending the next question; the redelivered
    tap is applied once and, its reply never recorded as sent, shows the next question."""
    user_id = BASE + 3
    profile, steps = profile_steps(3)
    doomed, survivor = telegram.workers
    index = two_taps_in_a_row(steps)
    await begin(telegram, user_id, steps, index)
    update = telegram.update_for(user_id, *steps[index])
    api.faults.plan["sendMessage"] = ["hold"]
    delivery = asyncio.create_task(telegram.deliver(update, doomed))
    await held_in_its_reply(api, pg_url, user_id, index + 1)
    doomed.process.send_signal(signal.SIGKILL)
    await doomed.process.wait()
    with pytest.raises(aiohttp.ClientError):
        await delivery
    api.faults.release.set()
    assert await telegram.deliver(update, survivor) == 200  # Telegram delivers it again
    assert stored_history(pg_url, user_id) == [state for state, _ in steps[:index + 1]]  # applied once
    shown = api.replies_to(user_id)[-1]
    assert STALE not in shown.text
    next_state = steps[index + 1][0]
    assert any(str(b.get("callback_data", "")).startswith(f"1|{next_state}|") for b in shown.buttons())
    telegram.workers = [survivor]
    await finish(telegram, user_id, steps[index + 1:], profile)


async def test_a_held_row_is_a_quick_503_the_worker_serves_others_and_the_retry_is_applied(
    telegram: Telegram, pg_url: str, api: FakeBotAPI
) -> None:
    """Findings 2, 3 and 8: while another transaction holds the user's row, the worker answers
    /healthz at once, serves another user, and answers this update 503 within a few seconds; after
    a /start that changes nothing, Telegram's retry is applied, not taken as done."""
    user_id, other = BASE + 4, BASE + 40
    profile, steps = profile_steps(4)
    worker, second = telegram.workers
    await begin(telegram, user_id, steps, 2)
    update = telegram.update_for(user_id, *steps[2])
    http = telegram.http
    with psycopg.connect(pg_url) as holder:
        holder.execute("SELECT 1 FROM conversations WHERE user_id = %s FOR UPDATE", (user_id,))
        delivery = asyncio.create_task(telegram.deliver(update, worker))
        await wait_for_lock_waiter(pg_url)
        async with asyncio.timeout(1), http.get(f"{worker.url}/healthz") as response:
            assert response.status == 200  # the event loop is not waiting on the database
        async with asyncio.timeout(5):
            assert await telegram.deliver(telegram.update_for(other, "", Event("text", "/start")),
                                          worker) == 200
        async with asyncio.timeout(10):
            assert await delivery == 503  # not acknowledged: Telegram delivers it again
        holder.rollback()
    assert stored_history(pg_url, user_id) == [state for state, _ in steps[:2]]
    assert await telegram.deliver(telegram.update_for(user_id, "", Event("text", "/start")), second) == 200
    assert await telegram.deliver(update, worker) == 200  # the retry
    assert stored_history(pg_url, user_id) == [state for state, _ in steps[:3]]
    await finish(telegram, user_id, steps[3:], profile)


async def test_an_answer_overtaken_by_a_later_one_is_not_applied_over_it(
    telegram: Telegram, pg_url: str, api: FakeBotAPI
) -> None:
    """Finding 8: two answers delivered out of order; the earlier one, arriving after the later was
    applied, is neither applied to the question after it nor silently dropped: the user is told."""
    user_id = BASE + 5
    _profile, steps = profile_steps(5)
    worker = telegram.workers[0]
    await begin(telegram, user_id, steps, 2)
    earlier = telegram.update_for(user_id, *steps[2])
    later = telegram.update_for(user_id, *steps[2])  # the same answer typed or tapped again
    assert earlier["update_id"] < later["update_id"]
    assert await telegram.deliver(later, worker) == 200
    answered = stored_history(pg_url, user_id)
    assert answered == [state for state, _ in steps[:3]]
    assert await telegram.deliver(earlier, worker) == 200
    assert stored_history(pg_url, user_id) == answered  # not applied to the next question
    assert LATE.split(",")[0] in api.replies_to(user_id)[-1].text
