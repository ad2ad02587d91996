"""Figures typed the way people say them, each once read wrong or left a person stuck: what was
typed, what it was read as, and now its reading (kept as said, or asked back; never guessed)."""

from __future__ import annotations

import io
from datetime import date

import pytest

from bot.terminal import run
from tests.flowkit import User

DECEMBER = date(2026, 12, 4)
#: A 401(k) with after-tax money and in-plan conversions, for 2026, aged 45: the pay question next.
TO_PAY = ["401k", "yes", "yes", "1", "2026", "45"]


def chat(lines: list[str], today: date = DECEMBER) -> str:
    out = io.StringIO()
    run(io.StringIO("\n".join(lines) + "\n"), out, today)
    return out.getvalue()


@pytest.mark.parametrize(("typed", "parts", "total"), [
    ("180k base + 20k bonus", "base $180,000 + bonus $20,000", "$200,000"),
    ("base 180k plus 20k bonus", "base $180,000 + bonus $20,000", "$200,000"),
    ("180k salary and a 20k bonus", "base $180,000 + bonus $20,000", "$200,000"),
    ("salary 200k bonus 50k", "base $200,000 + bonus $50,000", "$250,000"),
])
def test_pay_said_as_base_and_bonus_is_asked_back_as_their_sum_with_its_parts(
        typed: str, parts: str, total: str) -> None:
    """'180k base + 20k bonus' got "I need one amount"; '180k salary and a 20k bonus' was kept as
    Pay: $180,000 (the bonus dropped). A bonus is pay (Treas. Reg. 1.415(c)-2(b)(1)): the sum is
    asked back with its parts, and kept once confirmed."""
    text = chat([*TO_PAY, typed, "1"])
    assert f"Pay: {total} ({parts}), right?" in text
    assert f"Pay: {total} ✓" in text
    assert "Pay: $180,000 ✓" not in text


def test_base_and_bonus_in_a_whole_message_are_asked_back_whole_not_kept_as_the_base() -> None:
    user = User(today=DECEMBER)
    reply = user.type("im 45, 180k salary and a 20k bonus, maxing my 401k")
    assert "compensation" not in user.answers()
    assert "Pay:" not in (reply.notice or "")
    assert reply.lines == ("Pay: $200,000 (base $180,000 + bonus $20,000), right?",)
    user.type("yes")
    assert user.answers()["compensation"] == "200000"


@pytest.mark.parametrize("typed", ["180k base, 15% bonus", "180k salary and a bonus"])
def test_a_base_said_beside_a_bonus_of_no_dollar_figure_is_not_taken_as_the_whole_pay(typed: str) -> None:
    """'180k salary and a bonus' was kept as Pay: $180,000; the bonus is pay too, so pay is asked."""
    user = User(today=DECEMBER)
    user.type(f"im 45, {typed}, maxing my 401k")
    assert "compensation" not in user.answers()
