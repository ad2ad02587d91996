"""In Telegram (the real bot against the local fake Bot API), the Tax forms screen under a result
carries the result's own menu: a route converted by hand offers "Remind me to convert" there too."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.botkit import TgUser, start_bot, stop_bot
from tests.fakeapi import FakeBotAPI


@pytest.fixture
async def running(api: FakeBotAPI, tmp_path: Path) -> AsyncIterator[Any]:
    app = await start_bot(api, tmp_path / "bot.sqlite3")
    yield app
    await stop_bot(app)


async def test_tax_forms_offer_remind_me_to_convert_as_the_result_does(api: FakeBotAPI, running: Any) -> None:
    user = TgUser(api, 2101)
    await user.run([("send", "/start"), ("tap", "401(k)"), ("tap", "Yes"), ("tap", "No"), ("tap", "Yes"),
                    ("tap", "See my numbers"), ("tap", "2026 (this year)"), ("send", "45"), ("send", "200k"),
                    ("send", "20k"), ("send", "10k"), ("tap", "No cap / not sure"), ("tap", "Monthly"),
                    ("tap", "All 12 (whole year)"), ("tap", "No, show my result")])
    forms = await user.tap("Tax forms")
    assert "Form 1099-R" in forms.text
    labels = [button["text"] for button in forms.buttons()]
    menu = ["Details & sources", "Tax forms", "Review answers", "Start over", "Remind me to convert"]
    assert labels[:5] == menu
    asked = await user.tap("Remind me to convert")
    assert "How often?" in asked.text
