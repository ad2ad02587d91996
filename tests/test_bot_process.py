"""`python -m bot` as a real process: restart mid-interview, logs without token or figures."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from tests.botkit import TgUser
from tests.fakeapi import TOKEN, FakeBotAPI

ROOT = Path(__file__).resolve().parent.parent
FIRST_HALF = [("send", "/start"), ("tap", "401(k)"), ("tap", "Yes"), ("tap", "Yes"),
              ("tap", "See my numbers"), ("tap", "2025"), ("send", "45"), ("send", "$450,000")]
SECOND_HALF = [("send", "23,500"), ("send", "22,500"), ("tap", "No cap / not sure"),
               ("tap", "Every 2 weeks"), ("tap", "All 26 (whole year)"), ("tap", "No, show my result")]


async def spawn(api: FakeBotAPI, db: Path, log: Path) -> asyncio.subprocess.Process:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": api.url,
           "DATABASE_PATH": str(db), "RATE_LIMITER": "false"}
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
        reply = await user.send("/start")
        assert "Welcome back" in reply.text
        assert "How much will you defer" in reply.text
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
