"""The real bot, over HTTP, against a local fake Bot API server: conversations as users have them."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from bot.app import SHORT_DESCRIPTION, description
from bot.screen import STALE
from flows.commands import commands_for
from tests.botkit import AGE_60, DR_CHEN, JAMES, MARIA, TgUser, start_bot, stop_bot
from tests.fakeapi import FakeBotAPI


async def test_dr_chen_end_to_end_a_clean_chat_with_one_chart(
    api: FakeBotAPI, running: Any, tmp_path: Path
) -> None:
    """At every step at most one message carries live buttons (the fake API counts them after
    every call); answered questions read "question — answer"; the result's text comes first, then
    exactly one chart whose caption has the three key figures, carrying the result's buttons."""
    user = TgUser(api, 1001)
    for kind, value in DR_CHEN:
        await (user.tap(value) if kind == "tap" else user.send(value))
        assert api.live_keyboards(user.id) <= 1, user.transcript()
    photo = await user.photo()
    result = [c for c in user.messages() if "Your result" in c.text][-1]
    assert "After-tax room for 2026: $26,000" in result.text
    assert "Per paycheck: $1,000" in result.text
    assert "in-plan Roth conversion" in result.text
    assert result.params["parse_mode"] == "HTML"
    assert api.most_live[user.id] == 1  # never two live keyboards, at any call
    assert api.live_keyboards(user.id) == 1
    assert len(api.sent_to(user.id, "sendPhoto")) == 1
    assert photo.files["photo"].startswith(b"\xff\xd8")  # a JPEG, as Telegram keeps photos
    for figure in ("After-tax room for 2026: $26,000", "Per paycheck: $1,000", "$72,000"):
        assert figure in photo.params["caption"]
    assert api.calls.index(photo) > api.calls.index(result)  # the chart right after the text
    assert [b["text"] for b in photo.buttons()][:5] == ["Details & sources", "Tax forms", "Review answers",
                                                        "Start over", "Remind me to convert"]
    chat = user.transcript()
    assert "Which tax year? — 2026 (this year)" in chat
    assert "How often are you paid? — Every 2 weeks" in chat
    assert "Each can be skipped. — No, show my result" in chat
    assert "Verdict\n      ✅ Mega backdoor Roth: available" in chat  # a screen kept whole
    assert "question 1 of" not in chat  # progress lines are gone once answered
    commands = [c for c in api.calls if c.method == "setMyCommands"]
    assert len(commands) == 1
    menu = json.loads(commands[0].params["commands"])
    assert [c["command"] for c in menu] == [c.name for c in commands_for("telegram")]
    assert "details" in [c["command"] for c in menu]
    assert any(c.method == "answerCallbackQuery" for c in api.calls)
    for name in ("bot.sqlite3", "bot.sqlite3-wal", "bot.sqlite3-shm"):  # WAL files hold answers too
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name


async def test_nothing_is_sent_again_unasked(api: FakeBotAPI, running: Any) -> None:
    user = TgUser(api, 1011)
    await user.run(DR_CHEN)
    await user.photo()
    welcome = await user.everything_after(lambda: api.message(user.id, "/start"))
    assert len(welcome) <= 2
    assert all(c.method == "sendMessage" for c in welcome)  # no photo
    assert "Welcome back" in welcome[0].text
    assert "$" not in "".join(c.text for c in welcome)  # the result is not pasted again
    assert api.live_keyboards(user.id) == 1
    assert [b["text"] for b in welcome[-1].buttons()] == ["See my result", "Start over"]
    unknown = await user.everything_after(lambda: api.message(user.id, "/foo"))
    assert [c.text for c in unknown] == ["I don't know /foo. /help lists what I can do."]
    helped = await user.everything_after(lambda: api.message(user.id, "/help"))
    assert len(helped) == 1
    for command in commands_for("telegram"):
        assert f"/{command.name} – {command.description}" in helped[0].text
    stale = await user.everything_after(lambda: api.tap(user.id, "1|age|45"))
    assert len(stale) == 1
    assert "earlier question" in stale[0].text
    assert api.most_live[user.id] == 1
    see_result = user.live_button("See my result")
    assert see_result is not None
    again = await user.everything_after(lambda: api.tap(user.id, see_result[1], message_id=see_result[0]))
    assert [c.method for c in again] == ["sendMessage", "sendPhoto"]  # asked for: text and chart
    assert "After-tax room for 2026: $26,000" in again[0].text
    assert len(api.sent_to(user.id, "sendPhoto")) == 2
    reviewed = await user.everything_after(lambda: api.message(user.id, "/review"))
    assert len(reviewed) == 1
    await user.tap("Done")
    assert len(api.sent_to(user.id, "sendPhoto")) == 2  # the same result: no new chart
    assert user.live_button("Show chart") is not None
    shown = await user.everything_after(lambda: api.tap(user.id, "a|chart"))
    assert [c.method for c in shown] == ["sendPhoto"]
    assert api.most_live[user.id] == 1


async def test_a_changed_result_gets_its_own_chart_and_summary_sends_it_again(
    api: FakeBotAPI, running: Any
) -> None:
    user = TgUser(api, 1013)
    await user.run(DR_CHEN)
    await user.photo()
    await user.tap("Review answers")
    await user.tap("Employer money")
    await user.send("12,000")
    await api.wait_chat(user.id, lambda calls: sum(c.method == "sendPhoto" for c in calls) == 2)
    assert "$36,500" in api.sent_to(user.id, "sendPhoto")[-1].params["caption"]
    summary = await user.everything_after(lambda: api.message(user.id, "/summary"))
    assert [c.method for c in summary] == ["sendMessage", "sendPhoto"]
    assert api.most_live[user.id] == 1


async def test_profile_is_set_once_and_only_when_it_differs(api: FakeBotAPI, tmp_path: Path) -> None:
    app = await start_bot(api, tmp_path / "p.sqlite3")
    await stop_bot(app)
    assert api.profile["description"] == description(30)
    assert api.profile["short_description"] == SHORT_DESCRIPTION
    assert "What I keep: only your answers" in api.profile["description"]
    assert len(api.profile["description"]) <= 512
    assert len(api.profile["short_description"]) <= 120
    app = await start_bot(api, tmp_path / "p.sqlite3")  # Telegram holds them now: not set again
    await stop_bot(app)
    sets = [c.method for c in api.calls if c.method.startswith("setMy") and "escription" in c.method]
    assert sets == ["setMyDescription", "setMyShortDescription"]
    assert sum(c.method == "getMyDescription" for c in api.calls) == 2


async def test_share_offers_a_card_without_pay_or_age_unless_chosen(api: FakeBotAPI, running: Any) -> None:
    user = TgUser(api, 1014)
    api.inline_query(user.id)  # before any result: no card, a button to finish first
    await api.wait_for(lambda: len(api.inline_answers) == 1)
    first = api.inline_answers[0].params
    assert json.loads(first["results"]) == []
    assert json.loads(first["button"])["start_parameter"] == "share"
    await user.run(DR_CHEN)
    await user.photo()
    share = user.live_button("Share")
    assert share is None  # not a callback button: it opens the chat picker
    button = next(b for b in api.live_buttons(user.id) if b[1]["text"] == "Share")[1]
    assert button["switch_inline_query_chosen_chat"]["allow_user_chats"] is True
    api.inline_query(user.id)  # the user picked a chat: Telegram asks the bot for the card
    await api.wait_for(lambda: len(api.inline_answers) == 2)
    answer = api.inline_answers[1].params
    assert answer["is_personal"] in (True, "true", "True")
    results = json.loads(answer["results"])
    plain, with_profile = (r["input_message_content"]["message_text"] for r in results)
    for text in (plain, with_profile):
        assert "Available, via in-plan Roth conversion" in text
        assert "After-tax room for 2026: $26,000" in text
        assert "Per paycheck: $1,000" in text
    assert "450,000" not in plain
    assert "45" not in plain.replace("$26,000", "")
    assert "Based on pay of $450,000, age 45." in with_profile
    assert results[0]["title"] == "Share my result"


async def test_groups_get_answers_only_when_addressed_and_never_figures(
    api: FakeBotAPI, running: Any
) -> None:
    group = -555

    async def replies_in_group(text: str, **extra: Any) -> list[str]:
        """The bot's replies to ``text``: a fence addressed to the bot follows it (one user's
        updates are handled in order), and the bot quotes what it answers."""
        before = len(api.replies_to(group))
        api.message(1004, text, chat_type="group", chat_id=group, extra=extra)
        asked = api.last_message_id
        api.message(1004, "/start@megaroth_test_bot", chat_type="group", chat_id=group)
        fence = api.last_message_id
        await api.wait_chat(group, lambda _: any(c.quoted == fence for c in api.replies_to(group)))
        replies = api.replies_to(group)[before:-1]
        assert all(c.quoted == asked for c in replies)
        return [c.text for c in replies]

    assert await replies_in_group("450000") == []
    assert await replies_in_group("/start@other_bot") == []
    assert await replies_in_group("hello everyone") == []
    assert len(await replies_in_group("hey @megaroth_test_bot how does this work?")) == 1
    assert len(await replies_in_group("/help")) == 1
    for call in api.replies_to(group):
        assert "private chat" in call.text
        assert call.buttons()[0]["url"] == "https://t.me/megaroth_test_bot?start=go"
        assert "$" not in call.text
    api.tap(1004, "1|plan_type|401k", chat_type="group", chat_id=group)
    await api.wait_for(lambda: any(c.method == "answerCallbackQuery" for c in api.calls))
    alert = next(c for c in api.calls if c.method == "answerCallbackQuery")
    assert "private chat" in alert.params["text"]
    assert alert.params["show_alert"] in (True, "true", "True")
    assert stored_row_count(api) == 0


def stored_row_count(api: FakeBotAPI) -> int:
    """Group traffic never created a conversation (no private chat with user 1004 either)."""
    return len(api.replies_to(1004))


@pytest.mark.parametrize(
    ("steps", "figures"),
    [(JAMES, ["After-tax room for 2025: $34,500", "in-service withdrawal",
              "🔒 2025 is over: its after-tax contributions are closed"]),  # asked what went in
     (MARIA, ["After-tax room for 2025: $16,500", "total $77,500"]),
     (AGE_60, ["After-tax room for 2025: $31,500", "total $81,250"])],
)
async def test_seed_examples_in_the_chat(
    api: FakeBotAPI, running: Any, steps: list[tuple[str, str]], figures: list[str]
) -> None:
    user = TgUser(api, 2000 + len(steps))
    result = await user.run(steps)
    for figure in figures:
        assert figure in result.text


async def test_bad_answers_back_and_review(api: FakeBotAPI, running: Any) -> None:
    user = TgUser(api, 1002)
    await user.run(DR_CHEN[:7])
    reply = await user.send("5%")
    assert "looks like a percentage" in reply.text
    assert "gross pay" in reply.text  # the same question again
    reply = await user.send("<b>lots</b>")
    assert "couldn't read that" in reply.text
    await user.send("$450,000")
    reply = await user.send("/back")
    assert "gross pay" in reply.text
    await user.run(DR_CHEN[7:])
    reply = await user.send("/review")
    assert "Pay: $450,000" in reply.text
    await user.tap("Employer money")
    reply = await user.send("12,000")
    assert "After-tax room for 2026: $36,500" in reply.text  # $72,000 - $23,500 - $12,000


async def test_only_an_accepted_answer_changes_the_answers(
    api: FakeBotAPI, running: Any, tmp_path: Path
) -> None:
    """A refused answer, /summary too early or a stale button leave the answers as they were; a
    screen sent again only moves the note of where the screen is ("tg"), which is written after
    the reply so that the next update can edit it."""
    user = TgUser(api, 1012)
    await user.run(DR_CHEN[:7])

    def row() -> tuple[dict[str, Any], float, int]:
        with sqlite3.connect(tmp_path / "bot.sqlite3") as con:
            found = con.execute("SELECT state, updated_at, last_update_id FROM conversations "
                                "WHERE user_id = 1012").fetchone()
        return json.loads(found[0]), found[1], found[2]

    await user.settle()
    before = row()
    assert "gross pay" in (await user.send("5%")).text
    assert "not ready yet" in (await user.send("/summary")).text
    await user.settle()
    moved = row()
    flow_before = {k: v for k, v in before[0].items() if k != "tg"}
    assert {k: v for k, v in moved[0].items() if k != "tg"} == flow_before
    assert moved[0]["tg"]["m"] > before[0]["tg"]["m"]  # the question sent again is the screen now
    assert "earlier question" in (await user.tap_data("1|plan_type|solo401k")).text
    await user.settle()
    assert row() == moved  # a stale tap: only the notice, nothing written
    await user.send("$450,000")
    await user.settle()
    after = row()
    assert after[1] > moved[1]
    assert after[2] > moved[2]
    assert after[0]["answers"]["compensation"] == "450000"


async def test_stale_forged_and_old_version_buttons(api: FakeBotAPI, running: Any) -> None:
    user = TgUser(api, 1003)
    await user.run(DR_CHEN[:6])
    reply = await user.tap_data("1|plan_type|solo401k")
    assert reply.text == STALE  # the notice only: the current question is still on screen
    for forged in ("0|age|45", "garbage", "1|nowhere|x", "1|age|"):
        reply = await user.tap_data(forged)
        assert reply.text == STALE
    reply = await user.tap_data("1|age|999")
    assert "between 14 and 110" in reply.text


async def test_forget_deletes_the_answers(api: FakeBotAPI, running: Any, tmp_path: Path) -> None:
    """Only a marker stays (the user id and the last update's number, no answers, for a day), so a
    late delivery of an earlier update cannot bring the answers back."""
    user = TgUser(api, 1005)
    await user.run(DR_CHEN[:8])
    db = sqlite3.connect(tmp_path / "bot.sqlite3")
    assert db.execute("SELECT COUNT(*) FROM conversations WHERE user_id = 1005").fetchone()[0] == 1
    reply = await user.send("/forget")
    assert "deleted everything" in reply.text
    assert db.execute("SELECT state FROM conversations WHERE user_id = 1005").fetchall() == [("null",)]
    reply = await user.send("/start")
    assert "Which plan" in reply.text


async def test_other_commands_and_non_text(api: FakeBotAPI, running: Any) -> None:
    user = TgUser(api, 1006)
    await user.send("/start")
    reply = await user.send("/limits 2026")
    assert "$72,000" in reply.text
    assert "Notice 2025-67" in reply.text
    reply = await user.send("/limits 2031")
    assert "2024, 2025, 2026" in reply.text
    reply = await user.send("/frobnicate")
    assert "I don't know /frobnicate" in reply.text
    reply = await user.send("/limits ²")  # "²".isdigit() is true, int("²") raised
    assert "2024, 2025, 2026" in reply.text
    reply = await user.send("/limits ٢٠٢٥")
    assert "2024, 2025, 2026" in reply.text
    before = len(user.messages())
    api.message(1006, "", extra={"sticker": {"file_id": "s", "file_unique_id": "s", "type": "regular",
                                             "width": 1, "height": 1, "is_animated": False,
                                             "is_video": False}})
    await api.wait_for(lambda: len(user.messages()) > before)
    assert "only read typed answers" in user.last_text()
    reply = await user.send("/cancel")
    assert "/start resumes" in reply.text


async def test_restart_in_process_keeps_everyone_at_their_question(api: FakeBotAPI, tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    app = await start_bot(api, db)
    user = TgUser(api, 1007)
    await user.run(DR_CHEN[:9])
    await stop_bot(app)
    app = await start_bot(api, db)
    try:
        reply = await user.send("/start")
        assert "Welcome back" in reply.text
        assert "employer contribute" in reply.text
        result = await user.run(DR_CHEN[9:])
        assert "After-tax room for 2026: $26,000" in result.text
        assert api.most_live[user.id] == 1  # the stored conversation said where the old screen was
        assert "How much will your employer contribute for 2026 (match and any other)? — $22,500" \
            in user.transcript()
    finally:
        await stop_bot(app)


async def test_an_update_delivered_twice_is_applied_once(
    api: FakeBotAPI, running: Any, tmp_path: Path
) -> None:
    """After a crash Telegram redelivers updates whose offset was never confirmed. Regression: the
    age typed once was applied again to the next question (pay = $45)."""
    user = TgUser(api, 1301)
    await user.run(DR_CHEN[:6])
    assert "How old" in user.last_text()
    raw = {"update_id": 9_000_001, "message": {
        "message_id": 5, "date": 0, "text": "45", "chat": {"id": 1301, "type": "private"},
        "from": {"id": 1301, "is_bot": False, "first_name": "R"}}}
    for _ in range(2):
        await running.process_update(Update.de_json(raw, running.bot))
    with sqlite3.connect(tmp_path / "bot.sqlite3") as con:
        state = json.loads(con.execute("SELECT state FROM conversations WHERE user_id = 1301").fetchone()[0])
    assert state["answers"]["age"] == 45
    assert "compensation" not in state["answers"]
    assert state["state"] == "compensation"
    assert "pay" in user.last_text().lower()  # the second delivery showed the current question


PACED = ("send", "edit", "copy", "forward")


async def test_a_tapped_answer_costs_one_paced_message_and_the_chat_stays_clean(
    api: FakeBotAPI, running: Any
) -> None:
    """Telegram counts sends and edits alike against its ~30 a second per bot: a tapped question
    is edited in place into "question — answer" and the next screen (one edit); a typed answer to
    a question without buttons costs one message (the next question). One live keyboard always."""
    user = TgUser(api, 1021)
    costs: list[tuple[str, str, int]] = []
    for kind, value in DR_CHEN[:-1]:  # the last tap brings the result and its chart: two messages
        before = len(api.by_chat[user.id])
        had_buttons = api.live_keyboards(user.id) > 0
        await (user.tap(value) if kind == "tap" else user.send(value))
        await user.settle()
        calls = api.by_chat[user.id][before:]
        paced = sum(c.method.startswith(PACED) and c.method != "sendChatAction" for c in calls) - 1
        costs.append((kind, value, paced if kind == "tap" or not had_buttons else paced - 1))
        assert api.most_live[user.id] == 1, user.transcript()
    assert all(cost == 1 for _kind, _value, cost in costs), costs  # (the settle fence's one excluded)
    chat = user.transcript()
    assert "Which tax year? — 2026 (this year)" in chat  # answered questions still show their answers
    assert "Verdict\n      ✅ Mega backdoor Roth: available" in chat
