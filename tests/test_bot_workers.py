"""Several webhook workers, one PostgreSQL: real `python -m bot` processes behind a round-robin
"Telegram" (this test), each answer applied once and in order, even across a SIGKILL.

The test plays Telegram: it posts each update to a worker's /telegram with the secret and, like
Telegram, sends a chat's next update only after the previous one was answered 200. Because a
worker answers only once the update is applied, saved and replied to, the reply is already at the
fake Bot API when the 200 arrives.
"""

from __future__ import annotations

import asyncio
import random
import signal
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import psycopg
import pytest

from flows.interview import Event
from tests.fakeapi import FakeBotAPI
from tests.flowkit import expected_result_lines, random_profile, steps_for
from tests.workerkit import METRICS_TOKEN, Telegram, Worker, spawn_worker, two_workers

USERS = 8
BASE = 620_000


@pytest.fixture
async def telegram(api: FakeBotAPI, pg_url: str, tmp_path: Path) -> AsyncIterator[Telegram]:
    async with two_workers(api, pg_url, tmp_path) as telegram:
        yield telegram


def history(database_url: str, user_id: int) -> list[str]:
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT state FROM conversations WHERE user_id = %s", (user_id,)).fetchone()
    return list(row[0]["history"]) if row else []


async def test_two_workers_serve_users_alternately_each_answer_once_and_in_order(
    telegram: Telegram, pg_url: str
) -> None:
    rng = random.Random(15)
    profiles = [random_profile(rng) for _ in range(USERS)]
    steps = [steps_for(p) for p in profiles]
    twice = BASE + 3  # this user's fourth answer is delivered to both workers at once

    async def interview(n: int) -> None:
        user_id = BASE + n
        await telegram.answer(user_id, "", Event("text", "/start"), turn=n)
        for turn, (state, event) in enumerate(steps[n], start=n + 1):
            if user_id == twice and turn == n + 4:
                update = telegram.update_for(user_id, state, event)
                statuses = await asyncio.gather(*(telegram.deliver(update, w) for w in telegram.workers))
                assert statuses == [200, 200]
                continue
            await telegram.answer(user_id, state, event, turn)
            assert history(pg_url, user_id)[-1] == state  # saved before the acknowledgement

    await asyncio.gather(*(interview(n) for n in range(USERS)))
    for n, profile in enumerate(profiles):
        user_id = BASE + n
        assert history(pg_url, user_id) == [state for state, _ in steps[n]]  # each once, in order
        assert set(telegram.delivered[user_id]) == {0, 1}  # both workers served this user
        text = telegram.api.replies_to(user_id)[-1].text
        for line in expected_result_lines(profile):
            assert line in text, (n, line)
    # the doubly delivered answer: one worker applied it and replied; the other, if the reply was not
    # yet recorded as sent when it looked, showed where the user already was (reply at least once,
    # never a second application): one or two replies for it, by the race, and never none
    assert len(telegram.api.replies_to(twice)) in (len(steps[3]) + 1, len(steps[3]) + 2)
    shown = [await metrics(telegram.http, w) for w in telegram.workers]
    results = sum(counter(text, f'megaroth_results_total{{verdict="{verdict}"}}') for text in shown
                  for verdict in ("available", "after_separation_only", "not_available", "unknown"))
    assert results == USERS  # the funnel's last step: one result per finished interview


async def test_sigkill_mid_update_then_redelivery_applies_it_once(
    telegram: Telegram, pg_url: str, api: FakeBotAPI, tmp_path: Path
) -> None:
    user_id = BASE + 99
    rng = random.Random(99)
    profile = random_profile(rng)
    steps = steps_for(profile)
    doomed, survivor = telegram.workers
    await telegram.answer(user_id, "", Event("text", "/start"), turn=0)
    for turn, (state, event) in enumerate(steps[:3], start=1):
        await telegram.answer(user_id, state, event, turn)

    # 1. Killed inside its transaction: the test holds the user's row, so the worker waits on it.
    state, event = steps[3]
    update = telegram.update_for(user_id, state, event)
    with psycopg.connect(pg_url) as holder:
        holder.execute("SELECT 1 FROM conversations WHERE user_id = %s FOR UPDATE", (user_id,))
        delivery = asyncio.create_task(telegram.deliver(update, doomed))
        await wait_for_lock_waiter(pg_url)
        doomed.process.send_signal(signal.SIGKILL)
        await doomed.process.wait()
        with pytest.raises(aiohttp.ClientError):
            await delivery  # no answer: Telegram will deliver it again
        holder.rollback()
    assert history(pg_url, user_id) == [s for s, _ in steps[:3]]  # nothing half-applied
    assert await telegram.deliver(update, survivor) == 200
    assert history(pg_url, user_id) == [s for s, _ in steps[:4]]

    # 2. Killed after its commit, while its reply is on the way (the Bot API hangs).
    replacement = await spawn_worker(api, pg_url, tmp_path)
    telegram.workers[0] = replacement
    state, event = steps[4]
    update = telegram.update_for(user_id, state, event)
    api.faults.hang_seconds = 3.0
    api.faults.plan["sendMessage"] = ["timeout"]
    delivery = asyncio.create_task(telegram.deliver(update, replacement))
    async with asyncio.timeout(30):
        while len(history(pg_url, user_id)) < 5:
            await asyncio.sleep(0.02)
    replacement.process.send_signal(signal.SIGKILL)
    await replacement.process.wait()
    with pytest.raises(aiohttp.ClientError):
        await delivery
    before = len(api.replies_to(user_id))
    assert await telegram.deliver(update, survivor) == 200  # the redelivery
    assert history(pg_url, user_id) == [s for s, _ in steps[:5]]  # applied once
    assert len(api.replies_to(user_id)) == before + 1  # it shows where the user is: the next question
    telegram.workers = [survivor]
    for turn, (state, event) in enumerate(steps[5:]):
        await telegram.answer(user_id, state, event, turn)
    assert history(pg_url, user_id) == [s for s, _ in steps]
    for line in expected_result_lines(profile):
        assert line in api.replies_to(user_id)[-1].text


async def wait_for_lock_waiter(database_url: str) -> None:
    query = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
    async with asyncio.timeout(30):
        while True:
            with psycopg.connect(database_url) as conn:
                row = conn.execute(query).fetchone()
            if row and row[0] > 0:
                return
            await asyncio.sleep(0.02)


async def test_health_readiness_and_metrics_on_the_webhook_port(telegram: Telegram) -> None:
    worker = telegram.workers[0]
    user_id = BASE + 50
    http = telegram.http
    async with http.get(f"{worker.url}/healthz") as response:
        assert (response.status, await response.text()) == (200, "ok\n")
    async with http.get(f"{worker.url}/readyz") as response:
        assert (response.status, await response.text()) == (200, "ready\n")
    before = await metrics(http, worker)
    await telegram.answer(user_id, "", Event("text", "/start"), turn=0)
    await telegram.answer(user_id, "plan_type", Event("button", "401k"), turn=0)
    await telegram.answer(user_id, "after_tax_allowed", Event("button", "no"), turn=0)
    after = await metrics(http, worker)
    assert counter(after, 'megaroth_answers_total{question="plan_type"}') == \
        counter(before, 'megaroth_answers_total{question="plan_type"}') + 1
    assert counter(after, 'megaroth_answers_total{question="after_tax_allowed"}') == 1
    assert counter(after, 'megaroth_updates_total{kind="callback_query"}') == 2
    assert counter(after, 'megaroth_updates_total{kind="command"}') == 1
    assert counter(after, "megaroth_update_seconds_count") == 3
    assert str(user_id) not in after  # anonymous: no user or chat id anywhere


async def metrics(http: aiohttp.ClientSession, worker: Worker) -> str:
    async with http.get(f"{worker.url}/metrics") as response:
        assert response.status == 401  # the webhook server is public: /metrics asks for its token
    bearer = {"Authorization": f"Bearer {METRICS_TOKEN}"}
    async with http.get(f"{worker.url}/metrics", headers=bearer) as response:
        assert response.status == 200
        return await response.text()


def counter(text: str, name: str) -> float:
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[-1])
    return 0.0
