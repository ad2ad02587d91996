"""Hostile input through the real bot, at every question of an interview: each update gets a clear
reply, the stored conversation changes only for a valid answer, and no exception reaches the error
handler. MEGAROTH_FUZZ_ROUNDS repeats the hostile set with random extras (1 by default)."""

from __future__ import annotations

import json
import logging
import os
import random
from pathlib import Path
from typing import Any

import pytest

from bot.render import decode_tap
from flows.interview import Event, load, new_conversation, step
from tests.botkit import DR_CHEN, TODAY, TgUser, start_bot, stop_bot, stored
from tests.fakeapi import FakeBotAPI

ROUNDS = int(os.environ.get("MEGAROTH_FUZZ_ROUNDS", "1"))
HOSTILE_TEXT = [
    "", " ", "x" * 4096, "🙂" * 1000, "\u202e000,05", "12\u200b000", "٤٥", "४५", "４５", "1e309", "NaN",
    "-0", "-45", "0x2D", "45.5.5", "<b>45</b>", "<script>alert(1)</script>", "*45*", "_45_", "`45`",
    "[45](http://x)", "&amp;45", "%", "$", "$-", "1,2,3,4", "∞", "None", "null", "{}", "[]",
    "/unknowncommand", "/start@other_bot", "/limits 1999", "/limits abc", "\x00", "\n\n\n",
]
FORGED_TAPS = [
    "", "x", "1|", "1||", "|||", "2|plan_type|401k", "1|no_such_state|yes", "1|plan_type|",
    "1|plan_type|" + "y" * 60, "1|age|" + "9" * 40, "1|result|restart|extra", "\u202e1|plan_type|401k",
]
NON_TEXT = [
    {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]},
    {"sticker": {"file_id": "s", "file_unique_id": "s", "width": 1, "height": 1, "is_animated": False,
                 "is_video": False, "type": "regular"}},
    {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 1}},
    {"location": {"latitude": 1.0, "longitude": 2.0}},
    {"contact": {"phone_number": "+100", "first_name": "C"}},
]


class Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def errors() -> Any:
    handler = Errors()
    logging.getLogger().addHandler(handler)
    yield handler
    logging.getLogger().removeHandler(handler)


async def test_hostile_input_at_every_question(api: FakeBotAPI, tmp_path: Path, errors: Errors) -> None:
    db = tmp_path / "bot.sqlite3"
    app = await start_bot(api, db, send_chart=False)
    rng = random.Random(99)
    user, other = TgUser(api, 3001), TgUser(api, 3002)
    tried = 0
    try:
        await other.run(DR_CHEN[:3])  # another user, mid-interview, whose buttons we will "borrow"
        borrowed = [b["callback_data"] for _, b in api.live_buttons(other.id)]
        await other.settle()
        other_before = stored(db, 3002)
        for step_no, (kind, value) in enumerate(DR_CHEN):
            for _ in range(ROUNDS):
                tried += await _attack(api, user, db, rng, borrowed=borrowed, step_no=step_no)
            await (user.tap(value) if kind == "tap" else user.send(value))
        assert "After-tax room for 2026: $26,000" in user.last_text()
        assert stored(db, 3002) == other_before  # nothing of ours reached the other user
    finally:
        await stop_bot(app)
    assert errors.records == [], [r.getMessage() for r in errors.records]
    assert tried >= len(DR_CHEN) * (len(HOSTILE_TEXT) + len(FORGED_TAPS) + len(NON_TEXT) + 3)
    print(f"\nfuzz through the bot: {tried} hostile updates, 0 errors")


async def _attack(api: FakeBotAPI, user: TgUser, db: Path, rng: random.Random, *,
                  borrowed: list[str], step_no: int) -> int:
    texts = [*HOSTILE_TEXT, "".join(chr(rng.randint(32, 0x2FFF)) for _ in range(rng.randint(1, 30)))]
    probes: list[tuple[Any, Event | None, int]] = []
    for text in texts:
        answer = None if text.startswith("/") else Event("text", text)
        probes.append((lambda t=text: api.message(user.id, t), answer, 1))
    current = (stored(db, user.id) or {}).get("state")
    for data in [*FORGED_TAPS, *borrowed]:
        tap = decode_tap(data)
        answer = Event("button", tap.value, tap.state) if tap else None
        probes.append((lambda d=data: api.tap(user.id, d), answer, 1))
    for extra in NON_TEXT:
        probes.append((lambda e=extra: api.message(user.id, "", extra=e), None, 1))
    edited = {"edit_date": 1}
    probes.append((lambda: api.message(user.id, "45", kind="edited_message", extra=edited), None, 1))
    forwarded = {"forward_origin": {"type": "hidden_user", "date": 0, "sender_user_name": "X"}}
    probes.append((lambda: api.message(user.id, "<i>", extra=forwarded), Event("text", "<i>"), 1))
    probes.append((lambda: api.message(user.id, "/help"), None, 1))
    for action, answer, replies in probes:
        await _probe(api, user, db, action, answer, replies=replies, where=(step_no, current))
    return len(probes)


async def _probe(api: FakeBotAPI, user: TgUser, db: Path, action: Any, answer: Event | None, *,
                 replies: int, where: object) -> None:
    """The update gets its reply, and the stored answers become exactly what the flow makes of
    it: unchanged unless it is a valid answer (e.g. "٤٥" is 45, and another user's button for
    this same question is this user's answer). A valid one is then undone with /back, which must
    restore the answers exactly. Before /start there is no row: it stays absent unless the
    update is a valid answer to the first question."""
    before = stored(db, user.id)
    count = len(user.messages())
    action()
    await api.wait_chat(user.id, lambda _: len(user.messages()) >= count + replies)
    after = stored(db, user.id)
    before_answers = before["answers"] if before is not None else {}
    after_answers = after["answers"] if after is not None else {}
    expected = _expected(before if before is not None else new_conversation(), answer)
    assert after_answers == expected, (where, api.calls[-1].params.get("text"))
    if after_answers != before_answers:
        await user.send("/back")
        undone = stored(db, user.id)
        assert undone is not None
        assert undone["answers"] == before_answers, where


def _expected(before: dict[str, Any], answer: Event | None) -> dict[str, Any]:
    if answer is None:
        return dict(before["answers"])
    model = load(json.loads(json.dumps(before)))
    step(model, answer, TODAY)
    return dict(model["answers"])
