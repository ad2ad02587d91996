"""Tax season in the interview: /taxes (and the result's "Tax forms" button, or typing
"1099" at the result) shows this person's Form 1099-R, Form 8606 and Form 1040 lines, each cited."""

from __future__ import annotations

import io
import re

import pytest

from bot.terminal import run
from tests.flowkit import TODAY, User, dr_chen
from tests.test_flows_result import text_of


def _cited(text: str) -> None:
    """Every line of a form ends with its numbered source; every number is listed."""
    rows = [row for row in text.splitlines() if row.startswith("• ")]
    assert rows
    assert all(re.search(r"\[\d+(: [^]]+)?]$", row) for row in rows), rows
    used = {int(n) for n in re.findall(r"\[(\d+)", "\n".join(rows))}
    listed = {int(n) for n in re.findall(r"^\[(\d+)] ", text, re.MULTILINE)}
    assert used == listed


def test_dr_chen_taxes_after_the_result() -> None:
    user = User()
    dr_chen(user)
    reply = user.command("taxes")
    text = text_of(reply)
    assert reply.title == "Tax season: your forms for 2025"
    assert "If you fill your 2025 after-tax room ($24,000) and convert all of it:" in text
    assert "• Box 5 Employee contributions / Designated Roth contributions: $24,000" in text
    assert "• Box 7 Distribution code: G (a direct rollover)" in text
    assert ("Box 2a Taxable amount: your plan's figure (only the earnings before conversion are "
            "taxable") in text
    assert "Instructions for Forms 1099-R and 5498" in text
    assert "January 31" in text
    assert "Form 8606" not in text  # no Roth IRA answers: no backdoor
    _cited(text)
    assert user.state == "result"  # nothing moved
    assert [c.value for c in reply.choices] == ["details", "taxes", "review", "restart", "remind"]


def test_the_button_and_typed_words_reach_it() -> None:
    user = User()
    dr_chen(user)
    assert user.tap("taxes").title.startswith("Tax season")
    assert user.type("1099?").title.startswith("Tax season")
    assert user.type("tax forms").title.startswith("Tax season")


def test_before_the_numbers_it_says_so_and_keeps_the_question() -> None:
    user = User()
    user.taps("401k", "yes")
    reply = user.command("taxes")
    assert reply.notice == "Your numbers are not ready yet; a few more questions first."
    assert reply.state == "in_plan_conversion"


def chen_to_the_offer(*verdict: str) -> User:
    """Dr. Chen's 2025 figures after the verdict's answers, at the optional checks' offer."""
    user = User()
    user.taps(*verdict, "continue", "2025")
    user.types("45", "$450,000", "23,500", "22,500")
    user.taps("skip", "biweekly")
    user.type("24,000")  # 2025 is over: what went in (its whole room), not paychecks left
    assert user.state == "extras_offer"
    return user


BACKDOOR_8606 = ["• Line 6 Traditional, SEP and SIMPLE IRAs on December 31: $93,000",
                 "• Line 10 Line 5 ÷ line 9: 0.070",
                 "• Line 18 Taxable amount (line 16 less line 17): $6,510",
                 "• Line 4b Taxable amount: $6,510",
                 "• Box 7 Distribution code: 2 (the IRA/SEP/SIMPLE box checked"]
SPLIT_ROLLOVER = ["the after-tax money sent to your Roth IRA (split rollover, Notice 2014-54)",
                  "• Box 2a Taxable amount: $0 (basis only: nothing taxable)",
                  "the earnings sent to a traditional IRA",
                  "• Line 5b Taxable amount: $0 (write 'Rollover' next to it)"]


@pytest.mark.parametrize(("verdict", "extras", "expected"), [
    # a backdoor with a pre-tax IRA: Form 8606 with the taxable dollars
    (("401k", "yes", "yes"), ("yes", "single", "450k", "93k"), BACKDOOR_8606),
    # in-service withdrawal: the split rollover
    (("401k", "yes", "no", "yes"), ("no",), SPLIT_ROLLOVER),
])
def test_the_route_and_the_backdoor_give_their_forms(
    verdict: tuple[str, ...], extras: tuple[str, ...], expected: list[str]
) -> None:
    user = chen_to_the_offer(*verdict)
    user.types(*extras)
    while user.state != "result":
        user.type("skip")
    text = text_of(user.command("taxes"))
    for line in expected:
        assert line in text
    _cited(text)


def test_unknown_route_says_what_is_missing() -> None:
    user = User()
    user.taps("401k", "unsure", "continue", "2025")
    user.types("45", "$200,000", "max", "none")
    user.taps("skip", "biweekly", "0", "no")  # 2025 is over: none went in
    text = text_of(user.command("taxes"))
    assert "not confirmed yet" in text
    assert "Box 7" not in text


def test_terminal_chat_taxes() -> None:
    script = "401k\nyes\nyes\n1\n2025\n45\n450,000\n23,500\n22,500\nskip\nbiweekly\n24,000\nno\n/taxes\n"
    out = io.StringIO()
    assert run(io.StringIO(script), out, TODAY) == 0
    assert "== Tax season: your forms for 2025 ==" in out.getvalue()
    assert "• Box 7 Distribution code: G" in out.getvalue()


def test_not_available_says_there_is_no_plan_form() -> None:
    user = User()
    user.taps("403b", "no", "continue", "2026")
    user.type("52")
    assert user.state == "result"
    text = text_of(user.command("taxes"))
    assert "No plan Form 1099-R: the plan takes no after-tax money." in text
