"""Injected Bot API faults: 429 with retry_after, 5xx, timeouts and dropped connections on
sendMessage, sendPhoto, answerCallbackQuery and getUpdates. Every reply still reaches the user,
exactly once, and every update is handled exactly once (the answers in the store, in order)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.botkit import DR_CHEN, JAMES, TgUser, start_bot, stop_bot, stored
from tests.fakeapi import FakeBotAPI

TRANSIENT = ["429", "500", "timeout", "drop", "502"]
SPREAD = [step for fault in TRANSIENT for step in (fault, "ok")]  # one fault per reply
FAST = {"api_timeout_seconds": 0.4}


def replies_per_update_ok(user: TgUser, updates: int) -> None:
    """One reply per update: none lost, none twice."""
    texts = [c.text for c in user.messages()]
    assert len(texts) == updates, texts


@pytest.mark.parametrize("method", ["sendMessage", "answerCallbackQuery", "getUpdates"])
async def test_transient_faults_on_one_method_lose_and_repeat_nothing(
    api: FakeBotAPI, tmp_path: Path, method: str
) -> None:
    api.faults.plan[method] = list(SPREAD)
    api.faults.hang_seconds = 0.8
    db = tmp_path / "bot.sqlite3"
    app = await start_bot(api, db, send_chart=False, **FAST)
    try:
        user = TgUser(api, 5001)
        result = await asyncio.wait_for(user.run(DR_CHEN), timeout=60)
    finally:
        await stop_bot(app)
    assert "After-tax room for 2026: $26,000" in result.text
    assert api.faults.plan[method] == []  # every planned fault was hit
    assert sum(api.faults.injected.values()) == len(TRANSIENT)
    replies_per_update_ok(user, len(DR_CHEN))
    conv = stored(db, 5001)
    assert conv is not None
    assert len(conv["history"]) == len(set(conv["history"])) == len(DR_CHEN) - 1  # each answer once


async def test_getupdates_reply_lost_after_serving_redelivers_without_double_processing(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    api.faults.plan["getUpdates"] = ["lost_reply", "lost_reply"]
    db = tmp_path / "bot.sqlite3"
    app = await start_bot(api, db, send_chart=False, **FAST)
    try:
        user = TgUser(api, 5002)
        await asyncio.wait_for(user.run(DR_CHEN[:4]), timeout=30)
    finally:
        await stop_bot(app)
    assert len(api.served_update_ids) > len(set(api.served_update_ids))  # some were served twice
    replies_per_update_ok(user, 4)


async def test_chart_survives_faults_on_sendphoto(api: FakeBotAPI, tmp_path: Path) -> None:
    api.faults.plan["sendPhoto"] = ["429", "500", "drop"]
    app = await start_bot(api, tmp_path / "bot.sqlite3", **FAST)
    try:
        user = TgUser(api, 5003)
        await asyncio.wait_for(user.run(DR_CHEN), timeout=60)
        photo = await user.photo()
        await user.settle()  # everything for this user is out: a duplicate photo would be too
    finally:
        await stop_bot(app)
    assert photo.files["photo"].startswith(b"\xff\xd8")
    assert len(api.sent_to(5003, "sendPhoto")) == 1
    assert api.faults.plan["sendPhoto"] == []


async def test_many_users_under_steady_faults_on_every_method(api: FakeBotAPI, tmp_path: Path) -> None:
    """Every 9th call of each method fails (cycling 429, 5xx, timeout, drop), 24 users at once."""
    api.faults.methods = ("sendMessage", "answerCallbackQuery", "getUpdates", "sendChatAction")
    api.faults.every = 9
    api.faults.hang_seconds = 0.8
    db = tmp_path / "bot.sqlite3"
    app = await start_bot(api, db, send_chart=False, **FAST)
    users = [TgUser(api, 6000 + n) for n in range(24)]
    try:
        results = await asyncio.wait_for(
            asyncio.gather(*(u.run(DR_CHEN if n % 2 else JAMES) for n, u in enumerate(users))), timeout=120)
    finally:
        await stop_bot(app)
    assert sum(api.faults.injected.values()) >= 20
    print(f"\nfaults: {dict(api.faults.injected)} across {len(users)} users, all delivered once")
    for n, (user, result) in enumerate(zip(users, results, strict=True)):
        script = DR_CHEN if n % 2 else JAMES
        expected = "2026: $26,000" if n % 2 else "2025: $34,500"  # botkit: Dr. Chen plans this year
        assert f"After-tax room for {expected}" in result.text
        replies_per_update_ok(user, len(script))
