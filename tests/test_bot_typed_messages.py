"""What people type, in Telegram (the real bot against the local fake Bot API): typed commands in a person's
words, a whole situation in one message, corrections, questions and menu numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.botkit import TgUser, stored
from tests.fakeapi import FakeBotAPI


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


WHOLE = ("I'm 45, make 450k, maxing my 401k, employer adds 22.5k, plan allows after-tax and in-plan "
         "conversion — how much can I put in?")


async def test_the_whole_situation_in_one_telegram_message(api: FakeBotAPI, running: Any) -> None:
    user = TgUser(api, 2003)
    await user.send("/start")
    reply = await user.send(WHOLE)
    assert "Got it: Plan type: 401(k) · After-tax contributions: Yes" in reply.text
    assert "Pay: $450,000" in reply.text
    if "right?" in reply.text:  # "maxing my 401k" read as the maximum: confirmed first
        reply = await user.send("yes")
    assert "Verdict" in reply.text
    await user.tap("See my numbers")
    await user.tap("2026 (this year)")
    asked = await user.tap("No cap / not sure")  # age, pay, deferrals, employer: not asked again
    assert "How often are you paid?" in asked.text
    await user.tap("Every 2 weeks")
    await user.tap("All 26 (whole year)")
    result = await user.tap("No, show my result")
    assert "After-tax room for 2026: $25,000" in result.text


async def test_a_whole_message_at_a_typed_question_echoes_its_answer_once(api: FakeBotAPI,
                                                                         running: Any) -> None:
    """At the age question (no buttons), "45, I make 300k": "Got it" says both; the age is not
    echoed again above it as "Age on Dec 31: 45 ✓" (a lone typed answer still is: "fifty" below)."""
    user = TgUser(api, 2006)
    await user.run([("send", "/start"), ("tap", "401(k)"), ("tap", "Yes"), ("tap", "Yes"),
                    ("tap", "See my numbers"), ("tap", "2026 (this year)")])
    reply = await user.send("45, I make 300k")
    assert "Got it: Age on Dec 31: 45 · Pay: $300,000." in reply.text
    assert "Age on Dec 31: 45 ✓" not in reply.text
    assert reply.text.count("Age on Dec 31: 45") == 1
    other = TgUser(api, 2007)
    await other.run([("send", "/start"), ("tap", "401(k)"), ("tap", "Yes"), ("tap", "Yes"),
                     ("tap", "See my numbers"), ("tap", "2026 (this year)")])
    alone = await other.send("fifty")
    assert "Age on Dec 31: 50 ✓" in alone.text


async def test_a_correction_and_a_question_in_telegram(api: FakeBotAPI, running: Any) -> None:
    user = TgUser(api, 2004)
    await user.run([("send", "/start"), ("tap", "401(k)")])
    explained = await user.send("what's an SPD?")
    assert "Summary Plan Description" in explained.text
    assert "Does your plan allow after-tax" in explained.text  # the same question again
    await user.run([("tap", "Yes"), ("tap", "Yes"), ("tap", "See my numbers"), ("tap", "2026 (this year)"),
                    ("send", "45"), ("send", "450k")])
    changed = await user.send("actually my pay is 300k")
    assert "Changed: Pay: $300,000." in changed.text
    assert "How much will you defer" in changed.text


async def test_menu_numbers_and_a_refused_pick_in_telegram(api: FakeBotAPI, running: Any) -> None:
    user = TgUser(api, 2005)
    await user.run([("send", "/start"), ("tap", "401(k)"), ("tap", "Yes"), ("tap", "Yes"),
                    ("tap", "See my numbers"), ("tap", "2026 (this year)"), ("send", "45"), ("send", "450k"),
                    ("send", "max"), ("send", "22500"), ("tap", "No cap / not sure"),
                    ("tap", "Every 2 weeks"), ("tap", "All 26 (whole year)"), ("tap", "No, show my result")])
    details = await user.send("1")
    assert "every figure and its source" in details.text
    refused = await user.send("9")
    assert refused.text.startswith("Pick one: 1 Details & sources, 2 Tax forms")
    assert len(refused.text) < 200  # one line, never the whole result again


async def test_wait_i_meant_2025_in_telegram_asks_what_went_in_not_paychecks(api: FakeBotAPI,
                                                                             running: Any) -> None:
    """On the bot's day (2026) 2025 is over: asked in the past, no pay frequency or paychecks left,
    what went in (a None button), and a result that says it is closed, with no reminder to convert.
    2025 (IRS Notice 2024-80): $70,000 - $23,500 - $22,500 = $24,000 of room."""
    user = TgUser(api, 2008)
    await user.run([("send", "/start"), ("tap", "401(k)"), ("tap", "Yes"), ("tap", "Yes"),
                    ("tap", "See my numbers"), ("tap", "2026 (this year)")])
    changed = await user.send("wait, I meant 2025")
    assert "Changed: Tax year: 2025." in changed.text
    assert "How old were you on December 31, 2025?" in changed.text
    await user.run([("send", "45"), ("send", "450k"), ("send", "23.5k"), ("send", "22.5k")])
    asked = await user.tap("No cap / not sure")
    assert "2025 is over, so no more after-tax money can go in for it." in asked.text
    assert [b["text"] for b in asked.buttons()] == ["None"]
    await user.tap("None")
    result = await user.tap("No, show my result")
    assert "After-tax room for 2025: $24,000" in result.text
    assert "🔒 2025 is over: its after-tax contributions are closed" in result.text
    assert "Per paycheck" not in result.text
    assert "How often are you paid" not in user.transcript()
    photo = await user.photo()  # the chart carries the result's buttons: no reminder for a closed year
    labels = [b["text"] for b in photo.buttons()]
    assert labels[:4] == ["Details & sources", "Tax forms", "Review answers", "Start over"]
    assert "Remind me to convert" not in labels
