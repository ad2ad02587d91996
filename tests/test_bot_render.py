"""Rendering: callback data within 64 bytes for every button, 4096-character split, escaping."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from telegram import InlineKeyboardMarkup
from telegram.constants import MessageLimit

from bot import chart
from bot.chart import render_chart
from bot.render import MAX_CALLBACK_BYTES, decode_tap, encode_tap, html_text, keyboard, split_message
from bot.settings import Settings
from bot.store import SqliteStore
from flows.facts import Facts
from flows.interview import Reply, new_conversation, view
from flows.money_words import money
from flows.questions import QUESTIONS, Choice
from flows.result_card import chart_spec
from rules import assess_json

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


CHART_CASES: dict[str, tuple[dict[str, Any], str | None]] = {  # engine input -> why it says
    "room": ({"after_tax_allowed": "yes", "in_plan_conversion": "yes"}, None),
    "capped": ({"after_tax_allowed": "yes", "in_plan_conversion": "yes", "after_tax_cap_percent": 5},
               "Your plan caps after-tax contributions"),
    "not available": ({"after_tax_allowed": "no"}, "Your plan takes no after-tax money"),
    "after leaving": ({"after_tax_allowed": "yes", "in_plan_conversion": "no", "in_service_withdrawal": "no"},
                      None),
    "catch-up": ({"after_tax_allowed": "yes", "in_plan_conversion": "yes", "age": 60,
                  "employee_deferrals": 34750}, None),
}
PHONE_WIDTH = 360
MIN_TEXT_PX = 12


@pytest.mark.parametrize("case", list(CHART_CASES))
def test_the_chart_reads_on_a_phone_and_says_why(case: str) -> None:
    from PIL import Image

    fields, why = CHART_CASES[case]
    base = {"tax_year": 2025, "age": 45, "compensation": 450000, "employee_deferrals": 23500,
            "employer_contributions": 22500, "pay_frequency": "biweekly", "pay_periods_remaining": 26}
    result = assess_json({**base, **fields})
    spec = chart_spec(result)
    assert spec is not None
    picture = render_chart(result)
    assert picture is not None
    image = Image.open(io.BytesIO(picture))
    assert image.format == "JPEG"
    assert image.width == chart.WIDTH
    shrink = PHONE_WIDTH / image.width
    for size, bold in ((chart.TEXT_PX, False), (chart.TEXT_PX, True), (chart.NOTE_PX, False),
                       (chart.TITLE_PX, True)):
        top, bottom = chart._font(size, bold).getbbox("Ag$7")[1::2]
        assert (bottom - top) * shrink >= MIN_TEXT_PX, size
    room = image.width - 2 * chart.MARGIN
    for bar in spec.bars:  # a label and its amount share a line without touching
        label = chart._font(chart.TEXT_PX).getlength(bar.label)
        amount = chart._font(chart.TEXT_PX, bold=True).getlength(f"${bar.amount:,.0f}")
        assert label + amount + 20 <= room, bar.label
    assert chart._font(chart.TITLE_PX, bold=True).getlength(spec.title) <= room
    assert "(415(c))" not in spec.title
    assert spec.title == "Your 2025 limit: $70,000"
    assert f"After-tax room for 2025: {money(result['after_tax_room'])}" in spec.caption
    assert "Per paycheck: $" in spec.caption
    assert "$70,000" in spec.caption
    if why is None:
        assert spec.note is None
    else:
        assert spec.note is not None
        assert spec.note.startswith(why)
    bottom = image.crop((0, image.height - 12, image.width, image.height)).convert("L")
    darkest = bottom.getextrema()[0]
    assert isinstance(darkest, int)
    assert darkest >= 230  # a white margin at the bottom: no text is cut off


def test_the_chart_is_not_imported_at_start_up() -> None:
    probe = ("import sys, bot.app, bot.handlers; "
             "print(sorted(m for m in ('PIL',) if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         timeout=120)
    assert out.stdout.strip() == "[]"


def test_one_command_list_feeds_the_readme_the_terminal_and_the_menu() -> None:
    from bot.app import COMMANDS, FLOW_COMMANDS
    from bot.terminal import INTRO
    from flows.commands import COMMANDS as ALL
    from flows.commands import TYPED, command_in, commands_for, readme_table

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    assert readme_table() in readme
    assert "Commands: " + " ".join(f"/{c.name}" for c in commands_for("terminal")) in INTRO
    assert [c.command for c in COMMANDS] == [c.name for c in ALL if c.where != "terminal"]
    assert {c.name for c in ALL if c.flow} == set(TYPED.values())  # each can be typed without its slash
    assert all(command_in(f"/{c.name}") == c.name for c in ALL if c.flow)
    assert set(FLOW_COMMANDS) == {c.name for c in ALL if c.flow} - {"help"}
