"""`python -m bot` as a real process: restart mid-interview, logs without token or figures."""

from __future__ import annotations

import asyncio
import os
import random
import re
import signal
import sqlite3
import sys
from pathlib import Path

import aiohttp
import pytest

from flows.interview import Event
from tests.botkit import TgUser, stored
from tests.fakeapi import TOKEN, FakeBotAPI
from tests.flowkit import expected_result_lines, random_profile, steps_for
from tests.test_bot_webhook import free_port

ROOT = Path(__file__).resolve().parent.parent
FIRST_HALF = [("send", "/start"), ("tap", "401(k)"), ("tap", "Yes"), ("tap", "Yes"),
              ("tap", "See my numbers"), ("tap", "2025"), ("send", "45"), ("send", "$450,000")]
# 2025 is over on the bot's clock: what went in is asked, not paychecks
SECOND_HALF = [("send", "23,500"), ("send", "22,500"), ("tap", "No cap / not sure"),
               ("tap", "None"), ("tap", "No, show my result")]


async def spawn(api: FakeBotAPI, db: Path, log: Path, **extra: str) -> asyncio.subprocess.Process:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": api.url,
           "DATABASE_PATH": str(db), "RATE_LIMITER": "false", "SEND_CHART": "false", **extra}
    handle = log.open("ab")
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=ROOT, env=env, stdout=handle, stderr=handle,
    )


async def wait_ready(api: FakeBotAPI, polls_before: int) -> None:
    await api.wait_for(lambda: sum(c.method == "setMyCommands" for c in api.calls) > polls_before,
                       timeout=60)


async def test_killed_process_restarts_and_user_carries_on(api: FakeBotAPI, tmp_path: Path) -> None:
    db, log = tmp_path / "bot.sqlite3", tmp_path / "bot.log"
    first = await spawn(api, db, log)
    try:
        await wait_ready(api, 0)
        user = TgUser(api, 4242)
        await user.run(FIRST_HALF)
    finally:
        first.send_signal(signal.SIGKILL)
        await first.wait()
    second = await spawn(api, db, log)
    try:
        await wait_ready(api, 1)
        await _quiet(api)  # an update in flight at the kill is delivered again (and applied once)
        reply = await user.send("/start")
        assert "Welcome back" in reply.text
        assert "How much did you defer" in reply.text  # 2025 is over: asked in the past
        result = await user.run(SECOND_HALF)
        assert "After-tax room for 2025: $24,000" in result.text
    finally:
        second.send_signal(signal.SIGTERM)
        await asyncio.wait_for(second.wait(), timeout=30)
    logs = log.read_text(errors="replace")
    assert TOKEN not in logs
    assert TOKEN.split(":")[1] not in logs
    for figure in ("450,000", "450000", "24,000", "23,500", "22,500"):
        assert figure not in logs
    assert "Traceback" not in logs


@pytest.mark.parametrize("token", ["not-a-token", "123:short"])
async def test_malformed_token_is_one_clear_line(token: str, tmp_path: Path) -> None:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": token, "DATABASE_PATH": str(tmp_path / "x.sqlite3")}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    _out, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    assert proc.returncode == 2
    lines = err.decode().strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("configuration error: TELEGRAM_BOT_TOKEN")
    assert token not in lines[0]


CRASH_USERS = 60
CRASH_BASE = 810_000


async def _answer(api: FakeBotAPI, user_id: int, state: str, event: Event) -> None:
    """One answer, then wait for the reply to it (the user reads before answering again)."""
    before = len(api.replies_to(user_id))
    api.push_event(user_id, event.kind, event.value, state)
    await api.wait_chat(user_id, lambda _: len(api.replies_to(user_id)) > before, timeout=60)


async def _quiet(api: FakeBotAPI, seconds: float = 1.0) -> None:
    """Wait until every update was acknowledged and nothing was sent for ``seconds`` (the quiet
    period is the condition; a minute is the deadline)."""
    await api.wait_for(lambda: all(u["update_id"] < api.confirmed_below for u in api.updates), timeout=60)
    async with asyncio.timeout(60):
        while True:
            count = len(api.calls)
            await asyncio.sleep(seconds)
            if len(api.calls) == count:
                return


async def test_sigkill_during_busy_interviews_loses_no_accepted_answer(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    db, log = tmp_path / "bot.sqlite3", tmp_path / "bot.log"
    rng = random.Random(4242)
    profiles = [random_profile(rng) for _ in range(CRASH_USERS)]
    steps = [steps_for(p) for p in profiles]
    done = [0] * CRASH_USERS  # answers whose reply the user saw

    async def drive(n: int) -> None:
        user_id = CRASH_BASE + n
        await _answer(api, user_id, "", Event("text", "/start"))
        for state, event in steps[n]:
            await _answer(api, user_id, state, event)
            done[n] += 1

    first = await spawn(api, db, log, LOG_LEVEL="DEBUG")
    await wait_ready(api, 0)
    drivers = [asyncio.create_task(drive(n)) for n in range(CRASH_USERS)]
    await api.wait_for(lambda: sum(done) >= CRASH_USERS * 4, timeout=60)  # everyone mid-interview
    first.send_signal(signal.SIGKILL)
    await first.wait()
    for task in drivers:
        task.cancel()
    await asyncio.gather(*drivers, return_exceptions=True)
    seen_before_crash = list(done)
    unfinished = sum(seen < len(s) for seen, s in zip(seen_before_crash, steps, strict=True))
    assert unfinished >= CRASH_USERS // 2  # the kill came in the middle of most interviews

    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    second = await spawn(api, db, log, LOG_LEVEL="DEBUG")
    try:
        await wait_ready(api, 1)
        await _quiet(api)  # the updates in flight at the crash are delivered again and applied once
        resumed = []
        for n in range(CRASH_USERS):
            conversation = stored(db, CRASH_BASE + n)
            assert conversation is not None, n
            history = conversation["history"]
            expected = [state for state, _ in steps[n]][: len(history)]
            assert history == expected, n  # exactly their own answers, in order, none twice
            assert len(history) >= seen_before_crash[n], n  # every answer they saw accepted is kept
            resumed.append(len(history))
        await asyncio.gather(*(
            _finish(api, CRASH_BASE + n, steps[n][resumed[n]:]) for n in range(CRASH_USERS)))
    finally:
        second.send_signal(signal.SIGTERM)
        await asyncio.wait_for(second.wait(), timeout=30)
    for n, profile in enumerate(profiles):
        text = api.replies_to(CRASH_BASE + n)[-1].text
        for line in expected_result_lines(profile):
            assert line in text, (n, line)
    logs = log.read_text(errors="replace")
    assert "<token>" in logs  # the HTTP client's URL lines were logged (DEBUG), and redacted
    assert TOKEN.split(":")[1] not in logs
    checked = 0
    for profile in profiles:  # what they typed, with or without commas (not a timestamp's ",803";
        for key in ("compensation", "employee_deferrals", "employer_contributions"):  # 5+ digits
            if profile[key] < 10_000:
                continue
            checked += 1
            figure = f"{profile[key]:,}".replace(",", ",?")
            assert not re.search(rf"(?<![\d,.:]){figure}(?![\d,])", logs), (key, profile[key])
    assert checked > CRASH_USERS


async def _finish(api: FakeBotAPI, user_id: int, steps: list[tuple[str, Event]]) -> None:
    """What a user does when the bot went quiet: /start shows where they are; then carry on.
    (A reply being sent at the kill is lost; the answer it confirmed is not.)"""
    await _answer(api, user_id, "", Event("text", "/start"))
    assert "Welcome back" in api.replies_to(user_id)[-1].text
    for state, event in steps:
        await _answer(api, user_id, state, event)
    if not steps:  # finished before the crash: "Welcome back" offers the result; ask for it
        await _answer(api, user_id, "", Event("text", "/summary"))



async def test_webhook_mode_without_its_secret_refuses_to_start(tmp_path: Path) -> None:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "DATABASE_PATH": str(tmp_path / "x.sqlite3"),
           "WEBHOOK_URL": "https://bot.example.test/telegram"}
    env.pop("WEBHOOK_SECRET_TOKEN", None)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    assert proc.returncode == 2
    assert out == b""
    lines = err.decode().strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("configuration error: WEBHOOK_SECRET_TOKEN: required in webhook mode")
    assert not (tmp_path / "x.sqlite3").exists()  # refused before anything was opened


async def test_polling_mode_serves_health_and_metrics_on_metrics_port(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    port, token = free_port(), "metrics-token-1"
    proc = await spawn(api, tmp_path / "p.sqlite3", tmp_path / "p.log", METRICS_PORT=str(port),
                       METRICS_LISTEN="127.0.0.1", METRICS_TOKEN=token)
    base = f"http://127.0.0.1:{port}"
    try:
        await wait_ready(api, 0)
        user = TgUser(api, 5151)
        await user.run(FIRST_HALF[:3])
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base}/healthz") as response:
                assert (response.status, await response.text()) == (200, "ok\n")
            async with http.get(f"{base}/readyz") as response:
                assert (response.status, await response.text()) == (200, "ready\n")
            async with http.get(f"{base}/metrics") as response:
                assert response.status == 401  # METRICS_TOKEN set: the bearer is required
            async with http.get(f"{base}/metrics", headers={"Authorization": f"Bearer {token}"}) as response:
                assert response.status == 200
                text = await response.text()
            async with http.post(f"{base}/telegram", data=b"{}") as response:
                assert response.status == 404  # this port serves no updates
        assert 'megaroth_answers_total{question="plan_type"} 1.0' in text
        assert 'megaroth_answers_total{question="after_tax_allowed"} 1.0' in text
        assert "5151" not in text
    finally:
        proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(proc.wait(), timeout=30)
    logs = (tmp_path / "p.log").read_text()
    assert len(re.findall(r"INFO bot\.updates: update \d+ \w+ state=\w+ [\d.]+ ms", logs)) == 3
