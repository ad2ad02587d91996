"""Tax season and a day job in Telegram (the real bot against the local fake Bot API): /taxes and the
result's "Tax forms" button, and a side business next to a day job, as a phone user has them."""

from __future__ import annotations

from typing import Any

from tests.botkit import DR_CHEN, TgUser
from tests.fakeapi import FakeBotAPI

SIDE_BUSINESS = [("send", "/start"), ("tap", "Solo 401(k)"), ("tap", "Yes"), ("send", "yeah"),
                 ("tap", "See my numbers"), ("send", "this year"), ("send", "40"), ("send", "sole prop"),
                 ("send", "$100k"), ("send", "24.5k at my day job"), ("send", "skip"), ("tap", "The maximum"),
                 ("tap", "Monthly"), ("tap", "All 12 (whole year)"), ("tap", "No, show my result")]


async def test_taxes_command_and_button(api: FakeBotAPI, running: Any) -> None:
    user = TgUser(api, 1601)
    await user.run(DR_CHEN)
    reply = await user.send("/taxes")
    assert "Tax season: your forms for 2026" in reply.text
    assert "Box 7 Distribution code: G (a direct rollover)" in reply.text
    assert "Instructions for Forms 1099-R and 5498" in reply.text
    tapped = await user.tap("Tax forms")  # the result's buttons stay under the forms
    assert "Box 5 Employee contributions / Designated Roth contributions: $26,000" in tapped.text
    commands = [c for c in api.calls if c.method == "setMyCommands"]
    assert '"taxes"' in commands[0].params["commands"]


async def test_side_business_next_to_a_day_job(api: FakeBotAPI, running: Any) -> None:
    user = TgUser(api, 1602)
    result = await user.run(SIDE_BUSINESS)
    assert "After-tax room for 2026: $53,412.95" in result.text
    assert "Deferral room here: $0 ($24,500 deferred elsewhere); business&#x27;s maximum: $18,587.05." in (
        result.text.replace("'", "&#x27;"))
