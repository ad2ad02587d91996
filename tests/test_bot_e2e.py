"""The real bot, over HTTP, against a local fake Bot API server: conversations as users have them."""

from __future__ import annotations

import json
import sqlite3
import stat
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from tests.botkit import AGE_60, DR_CHEN, JAMES, MARIA, TgUser, start_bot, stop_bot
from tests.fakeapi import FakeBotAPI


@pytest.fixture
async def running(api: FakeBotAPI, tmp_path: Path) -> AsyncIterator[Any]:
    app = await start_bot(api, tmp_path / "bot.sqlite3")
    yield app
    await stop_bot(app)


async def test_dr_chen_end_to_end_with_chart(api: FakeBotAPI, running: Any, tmp_path: Path) -> None:
    user = TgUser(api, 1001)
    result = await user.run(DR_CHEN)
    assert "After-tax room for 2025: $24,000" in result.text
    assert "Per paycheck: $923.07" in result.text
    assert "in-plan Roth conversion" in result.text
    assert result.params["parse_mode"] == "HTML"
    photo = await user.photo()
    assert photo.files["photo"].startswith(b"\x89PNG")
    assert any(c.method == "sendChatAction" and c.params["action"] == "typing" for c in api.calls)
    commands = [c for c in api.calls if c.method == "setMyCommands"]
    assert len(commands) == 1
    for name in ("start", "help", "back", "review", "restart", "summary", "limits", "forget", "cancel"):
        assert f'"{name}"' in commands[0].params["commands"]
    assert any(c.method == "answerCallbackQuery" for c in api.calls)
    for name in ("bot.sqlite3", "bot.sqlite3-wal", "bot.sqlite3-shm"):  # WAL files hold answers too
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name


@pytest.mark.parametrize(
    ("steps", "figures"),
    [(JAMES, ["After-tax room for 2025: $34,500", "in-service withdrawal"]),
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
    assert "After-tax room for 2025: $34,500" in reply.text


async def test_only_an_accepted_answer_writes(api: FakeBotAPI, running: Any, tmp_path: Path) -> None:
    """One write per accepted answer: a refused answer, /summary too early or a stale button leaves the row
    (its time and update mark) as it was."""
    user = TgUser(api, 1012)
    await user.run(DR_CHEN[:7])

    def row() -> tuple[str, float, int]:
        with sqlite3.connect(tmp_path / "bot.sqlite3") as con:
            found = con.execute("SELECT state, updated_at, last_update_id FROM conversations "
                                "WHERE user_id = 1012").fetchone()
        return found[0], found[1], found[2]

    before = row()
    assert "gross pay" in (await user.send("5%")).text
    assert "not ready yet" in (await user.send("/summary")).text
    assert "earlier question" in (await user.tap_data("1|plan_type|solo401k")).text
    assert row() == before
    await user.send("$450,000")
    after = row()
    assert after[1] > before[1]
    assert after[2] > before[2]
    assert json.loads(after[0])["answers"]["compensation"] == "450000"


async def test_stale_forged_and_old_version_buttons(api: FakeBotAPI, running: Any) -> None:
    user = TgUser(api, 1003)
    await user.run(DR_CHEN[:6])
    reply = await user.tap_data("1|plan_type|solo401k")
    assert "earlier question" in reply.text
    assert "How old will you be" in reply.text
    for forged in ("0|age|45", "garbage", "1|nowhere|x", "1|age|"):
        reply = await user.tap_data(forged)
        assert "no longer valid" in reply.text
    reply = await user.tap_data("1|age|999")
    assert "between 14 and 110" in reply.text


async def test_group_chat_never_runs_the_interview(api: FakeBotAPI, running: Any) -> None:
    api.message(1004, "/start", chat_type="group", chat_id=-555)
    api.message(1004, "450000", chat_type="group", chat_id=-555)
    await api.wait_for(lambda: len(api.sent_to(-555)) >= 2)
    for call in api.sent_to(-555):
        assert "private chat" in call.text
        assert call.buttons()[0]["url"] == "https://t.me/megaroth_test_bot?start=go"
        assert "$" not in call.text


async def test_forget_deletes_the_row(api: FakeBotAPI, running: Any, tmp_path: Path) -> None:
    user = TgUser(api, 1005)
    await user.run(DR_CHEN[:8])
    db = sqlite3.connect(tmp_path / "bot.sqlite3")
    assert db.execute("SELECT COUNT(*) FROM conversations WHERE user_id = 1005").fetchone()[0] == 1
    reply = await user.send("/forget")
    assert "deleted everything" in reply.text
    assert db.execute("SELECT COUNT(*) FROM conversations WHERE user_id = 1005").fetchone()[0] == 0
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
        assert "After-tax room for 2025: $24,000" in result.text
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
