"""Issue 20 in Telegram (the real bot against the local fake Bot API): typed commands in a person's
words, a whole situation in one message, corrections, questions and menu numbers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.botkit import TgUser, start_bot, stop_bot, stored
from tests.fakeapi import FakeBotAPI


@pytest.fixture
async def running(api: FakeBotAPI, tmp_path: Path) -> AsyncIterator[Any]:
    app = await start_bot(api, tmp_path / "bot.sqlite3")
    yield app
    await stop_bot(app)


@pytest.mark.parametrize("typed", ["back", "go back", "undo", "Back"])
async def test_typed_back_goes_back_as_in_the_terminal(api: FakeBotAPI, tmp_path: Path, running: Any,
                                                       typed: str) -> None:
    user = TgUser(api, 2001)
    await user.run([("send", "/start"), ("tap", "401(k)")])
    reply = await user.send(typed)
    assert "Which plan is it" in reply.text  # back at the first question, not an answer "back"
    conv = stored(tmp_path / "bot.sqlite3", 2001)
    assert conv is not None
    assert conv["answers"] == {}
    assert conv["state"] == "plan_type"


async def test_typed_start_over_clears_answers(api: FakeBotAPI, running: Any) -> None:
    user = TgUser(api, 2002)
    await user.run([("send", "/start"), ("tap", "401(k)"), ("tap", "Yes")])
    reply = await user.send("start over")
    assert "Starting over: all answers cleared." in reply.text
