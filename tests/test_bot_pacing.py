"""Messages are paced at the process's share of Telegram's per-bot limit; taps are never held;
Telegram's 429 pauses the whole process."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from bot.metrics import REGISTRY
from bot.pacing import SharedPacing
from tests.botkit import TgUser, start_bot, stop_bot
from tests.fakeapi import FakeBotAPI


async def test_messages_take_evenly_spaced_slots_and_taps_are_not_held() -> None:
    """On a fake clock (no wall clock: the machine's load cannot change the result), twenty
    messages asked for at once wait 0, 1, 2... intervals; taps and chat actions never wait."""
    started = 1000.0
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        await asyncio.sleep(0)

    pacing = SharedPacing(workers=2, per_second=400, clock=lambda: started, sleep=sleep)  # 5 ms each
    sent: list[str] = []

    def call(endpoint: str) -> Any:
        async def callback() -> bool:
            sent.append(endpoint)
            return True

        return pacing.process_request(callback, (), {}, endpoint, {}, None)

    calls = [call("sendMessage") for _ in range(20)] + [call("answerCallbackQuery"), call("sendChatAction")]
    await asyncio.gather(*calls)
    assert sent.count("sendMessage") == 20
    assert {"answerCallbackQuery", "sendChatAction"} <= set(sent)
    assert waits == pytest.approx([k * pacing.interval for k in range(1, 20)])  # one per interval


def _sample(name: str, labels: dict[str, str] | None = None) -> float:
    return REGISTRY.get_sample_value(name, labels or {}) or 0.0


async def test_a_429_pauses_every_send_of_the_process_and_is_counted(api: FakeBotAPI, tmp_path: Path) -> None:
    """Flood control is per bot: after Telegram's 429 (retry_after 1 s) to one user's reply,
    another user's reply also waits out the second instead of hitting Telegram meanwhile."""
    floods, retries = _sample("megaroth_bot_api_429_total"), _sample(
        "megaroth_bot_api_retries_total", {"reason": "429"})
    app = await start_bot(api, tmp_path / "f.sqlite3", send_chart=False)
    try:
        first, second = TgUser(api, 6101), TgUser(api, 6102)
        await first.send("/start")
        await second.send("/start")
        api.faults.retry_after = 1
        api.faults.plan["editMessageText"] = ["429"]  # a tapped question becomes the next: an edit
        refused_at = asyncio.get_running_loop().time()
        first_tap = asyncio.create_task(first.tap("401(k)"))
        await api.wait_for(lambda: _sample("megaroth_bot_api_429_total") == floods + 1)  # bot saw it
        await second.tap("401(k)")
        waited = asyncio.get_running_loop().time() - refused_at
        await first_tap
    finally:
        await stop_bot(app)
    assert waited >= 0.9  # the other user's reply waited for retry_after too
    assert "after-tax (not Roth)" in first.last_text()
    assert "after-tax (not Roth)" in second.last_text()
    assert _sample("megaroth_bot_api_429_total") == floods + 1
    assert _sample("megaroth_bot_api_retries_total", {"reason": "429"}) == retries + 1
