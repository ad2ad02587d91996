"""Messages are paced at the process's share of Telegram's per-bot limit; taps are never held."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.pacing import SharedPacing


async def test_messages_take_evenly_spaced_slots_and_taps_are_not_held() -> None:
    pacing = SharedPacing(workers=2, per_second=400)  # this worker's share: one per 5 ms
    loop = asyncio.get_running_loop()
    sent: list[tuple[str, float]] = []

    def call(endpoint: str) -> Any:
        async def callback() -> bool:
            sent.append((endpoint, loop.time()))
            return True

        return pacing.process_request(callback, (), {}, endpoint, {}, None)

    started = loop.time()
    calls = [call("sendMessage") for _ in range(20)] + [call("answerCallbackQuery"), call("sendChatAction")]
    await asyncio.gather(*calls)
    messages = [moment for endpoint, moment in sent if endpoint == "sendMessage"]
    assert len(messages) == 20
    for index, moment in enumerate(messages):  # the k-th message no sooner than k intervals in:
        assert moment - started >= index * pacing.interval - 0.001  # at most one per interval
    unpaced = [moment - started for endpoint, moment in sent if endpoint != "sendMessage"]
    assert max(unpaced) < pacing.interval * 3  # answered at once, not queued behind the messages
