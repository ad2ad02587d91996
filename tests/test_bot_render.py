"""Rendering: callback data within 64 bytes for every button, 4096-character split, escaping."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardMarkup
from telegram.constants import MessageLimit

from bot.render import MAX_CALLBACK_BYTES, decode_tap, encode_tap, html_text, keyboard, split_message
from bot.settings import Settings
from bot.store import SqliteStore
from flows.facts import Facts
from flows.interview import Reply, new_conversation, view
from flows.questions import QUESTIONS, Choice

ALL_ANSWERED = Facts({"pay_frequency": "weekly", "plan_type": "solo401k"}, date(2026, 11, 22))


def test_every_button_fits_callback_data_and_round_trips() -> None:
    longest = 0
    for question in QUESTIONS:
        values = [c.value for c in question.options(ALL_ANSWERED)] + [f"edit:{question.id}"]
        for value in values:
            data = encode_tap(question.id, value)
            longest = max(longest, len(data.encode()))
            tap = decode_tap(data)
            assert tap is not None
            assert (tap.state, tap.value) == (question.id, value)
        data = encode_tap("review", f"edit:{question.id}")
        assert len(data.encode()) <= MAX_CALLBACK_BYTES
    assert longest <= MAX_CALLBACK_BYTES


def test_user_text_is_escaped_and_long_messages_split() -> None:
    reply = Reply(state="age", title="<b>t</b>", lines=("a < b & c", "x" * 9000), notice="<script>",
                  choices=(Choice("1", "x"),))
    text = html_text(reply)
    assert "&lt;script&gt;" in text
    assert "a &lt; b &amp; c" in text
    chunks = split_message(text)
    assert len(chunks) >= 3
    assert all(len(c) <= MessageLimit.MAX_TEXT_LENGTH for c in chunks)
    assert "".join(chunks).replace("\n", "") == text.replace("\n", "")


def test_settings_base_url_and_store_retention(tmp_path: object) -> None:
    settings = Settings(telegram_api_base_url="http://127.0.0.1:9/")
    assert settings.api_base_url == "http://127.0.0.1:9/bot"
    assert settings.api_file_url == "http://127.0.0.1:9/file/bot"
    store = SqliteStore(":memory:")
    store.save(1, {"v": 1})
    store.save(2, {"v": 1})
    assert store.purge_idle(30 * 86400, now=__import__("time").time() + 31 * 86400) == 2
    assert store.count() == 0
    assert store.integrity_ok()


def test_prepared_keyboard_serialises_like_a_plain_one_and_stays_equal() -> None:
    reply = view(new_conversation(), date(2026, 11, 22))
    prepared = keyboard(reply)
    assert prepared is not None
    plain = InlineKeyboardMarkup(prepared.inline_keyboard)
    assert prepared.to_dict() == plain.to_dict()
    assert prepared.to_dict(recursive=False) == plain.to_dict(recursive=False)
    assert prepared == plain
    prepared.to_dict()["inline_keyboard"] = []  # a caller's change must not reach the cache
    assert prepared.to_dict() == plain.to_dict()
