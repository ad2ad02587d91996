"""In Telegram (the real bot against the local fake Bot API), the Tax forms screen under a result
carries the result's own menu: a route converted by hand offers "Remind me to convert" there too."""

from __future__ import annotations

from typing import Any

from tests.botkit import TgUser
from tests.fakeapi import FakeBotAPI


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
