"""Isolation under load: many users interleaved at once through the real bot over HTTP; every
result screen equals, figure by figure, the rules engine called directly with that user's own
answers. MEGAROTH_LOAD_USERS sets the count (1,000 by default)."""

from __future__ import annotations

import asyncio
import os
import random
import re
import time
from pathlib import Path
from typing import Any

from bot.ordering import PerUserOrder
from bot.render import encode_tap
from flows.interview import Event
from tests.botkit import start_bot, stop_bot
from tests.fakeapi import FakeBotAPI
from tests.flowkit import expected_result_lines, random_profile, script_for

USERS = int(os.environ.get("MEGAROTH_LOAD_USERS", "1000"))
FIRST_USER = 700_000
MONEY = re.compile(r"\$[\d,]+(?:\.\d\d)?")


async def interview(api: FakeBotAPI, user_id: int, events: list[Event]) -> str:
    """/start, then every answer, each waiting for its one reply; returns the last reply's text."""
    for sent, event in enumerate([Event("text", "/start"), *events], start=1):
        if event.kind == "text":
            api.message(user_id, event.value)
        else:
            assert event.state is not None
            api.tap(user_id, encode_tap(event.state, event.value))
        await api.settled(user_id, sent, timeout=120)
    return api.replies_to(user_id)[-1].text


async def test_a_thousand_users_at_once_each_get_their_own_figures(api: FakeBotAPI, tmp_path: Path) -> None:
    rng = random.Random(20261122)
    profiles = [random_profile(rng) for _ in range(USERS)]
    scripts = [script_for(p) for p in profiles]
    app = await start_bot(api, tmp_path / "bot.sqlite3", send_chart=False)
    try:
        texts = await asyncio.gather(*(interview(api, FIRST_USER + n, s) for n, s in enumerate(scripts)))
    finally:
        await stop_bot(app)
    checked = 0
    for n, (profile, text) in enumerate(zip(profiles, texts, strict=True)):
        expected = _expected_screen(profile)
        for line in expected:
            assert line in text, (n, line)
        shown = iter(MONEY.findall(text))  # the hand-worked figures, in the screen's order
        worked = MONEY.findall("\n".join(expected))
        assert all(figure in shown for figure in worked), n
        checked += len(worked)
        assert len(api.replies_to(FIRST_USER + n)) == len(scripts[n]) + 1  # one reply per update
    # figures were compared, not just screens (a year over on TODAY shows its room, no paycheck)
    assert checked > USERS // 2
    print(f"\nisolation: {USERS} users, {sum(map(len, scripts)) + USERS} updates, {checked} figures checked")


def _expected_screen(profile: dict[str, Any]) -> list[str]:
    return [line for line in expected_result_lines(profile) if line]


async def test_one_user_flooding_does_not_delay_another(api: FakeBotAPI, tmp_path: Path) -> None:
    """300 messages from one user, then one from another: the other's reply leaves the bot within a
    second of their message (timed at the fake API), because a user waits on their own lock before
    taking a global slot, and a user's pending updates are bounded (the rest are dropped)."""
    api.latency = 0.03  # each Bot API call takes 30 ms, as Telegram's take 50-150 ms
    app = await start_bot(api, tmp_path / "bot.sqlite3", send_chart=False)
    flooder, other = 910_001, 910_002
    try:
        api.message(flooder, "/start")
        await api.settled(flooder, 1)
        for _ in range(300):
            api.message(flooder, "hello")  # each one refused, each with a reply
        asked = time.perf_counter()
        api.message(other, "/start")
        calls = await api.wait_chat(other, lambda calls: any(c.method == "sendMessage" for c in calls))
        delay = calls[0].sent_at - asked
        processor = app.update_processor
        assert isinstance(processor, PerUserOrder)
        await api.wait_for(lambda: len(api.replies_to(flooder)) + processor.dropped >= 301, timeout=60)
    finally:
        await stop_bot(app)
    print(f"\nflood: the other user's reply after {delay * 1000:.0f} ms; "
          f"{processor.dropped} of the flooder's 300 dropped, {len(api.replies_to(flooder)) - 1} answered")
    assert delay < 1.0
    assert processor.dropped > 0
    assert len(api.replies_to(flooder)) - 1 + processor.dropped == 300  # each one answered or dropped
