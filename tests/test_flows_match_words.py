"""A match formula as people type it ("they match 50% of first 6%"): read as the formula, never as
one of its rates taken for a % of pay. "50% of first 6%" was kept as "Employer money: 50% of pay",
which put $95,000 of employer money on a $190,000 pay instead of a match of at most 3% ($5,700)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.flowkit import User

DECEMBER = date(2026, 12, 4)
MATCH_50_UP_TO_6 = {"match": "50", "up_to": "6"}


def at_employer_money(user: User) -> None:
    user.taps("401k", "yes", "yes", "continue", "2026")
    user.types("45", "190k", "max")
    assert user.state == "employer_contributions"


@pytest.mark.parametrize("typed", [
    "they match 50% of first 6%",
    "50% of first 6%",
    "match is 50% for the first 6%",
    "company matches 50% on the first 6% of salary",
    "50% of the 1st 6%",
])
def test_a_match_typed_at_the_employer_question_is_the_formula(typed: str) -> None:
    user = User(today=DECEMBER)
    at_employer_money(user)
    user.type(typed)
    answer = user.answers()["employer_contributions"]
    assert {k: answer[k] for k in ("match", "up_to")} == MATCH_50_UP_TO_6
    assert "percent" not in answer


def test_a_match_in_a_whole_message_is_the_formula() -> None:
    user = User(today=DECEMBER)
    user.type("401k, 45, make 190k, they match 50% of first 6%, plan allows after tax")
    answer = user.answers()["employer_contributions"]
    assert answer.get("percent") != "50"
    assert {k: answer[k] for k in ("match", "up_to")} == MATCH_50_UP_TO_6


RATE = st.integers(min_value=1, max_value=100)
JOINER = st.sampled_from(["of", "of the first", "up to", "on the first", "for the first", "of first",
                          "on first", "of 1st", "capped at", "with a limit of", "until", "max"])
LEAD = st.sampled_from(["", "they match ", "employer matches ", "company match ", "my job matches "])


@settings(max_examples=150, deadline=None)
@given(LEAD, RATE, JOINER, RATE)
def test_two_rates_are_never_one_percent_of_pay(lead: str, rate: int, joiner: str, cap: int) -> None:
    """Whatever joins the two rates, the employer money kept is never just the first as a % of pay."""
    user = User(today=DECEMBER)
    at_employer_money(user)
    user.type(f"{lead}{rate}% {joiner} {cap}%")
    answer = user.answers().get("employer_contributions")
    assert answer is None or set(answer) != {"percent"}


@pytest.mark.parametrize("typed", ["employer matches 100%", "4% match", "they match 50%", "company match 6%"])
def test_a_match_rate_alone_in_a_whole_message_is_asked_never_kept_as_a_percent_of_pay(typed: str) -> None:
    """'employer matches 100%' was kept as 100% of pay (no room left at all), '4% match' as 4% of pay:
    a match's rate alone may be its cap or a % of pay, so the person is asked which."""
    user = User(today=DECEMBER)
    user.type(f"401k, {typed}, plan allows after tax")
    assert "employer_contributions" not in user.answers()
    assert user.last is not None
    assert " ".join(user.last.lines).startswith("Which is it: your employer matches what you put in")


@pytest.mark.parametrize("yes", ["yes", "yeah", "correct"])
def test_yes_to_which_is_it_picks_neither_reading(yes: str) -> None:
    # "4% match", then "yes" to "matches up to 4%, or adds 4% of your pay?": either reading is a
    # different figure ($7,600 of match on $190,000 only if she defers 4%; $7,600 whatever she does)
    user = User(today=DECEMBER)
    at_employer_money(user)
    user.type("4% match")
    reply = user.type(yes)
    assert "employer_contributions" not in user.answers()
    assert user.state == "employer_contributions"
    assert reply.notice == "Yes to which one? Type 1 for Matches up to 4% or 2 for 4% of my pay."
    user.type("2")
    assert user.answers()["employer_contributions"] == {"percent": "4"}


def test_yes_still_keeps_the_one_reading_offered() -> None:
    user = User(today=DECEMBER)
    at_employer_money(user)
    user.type("about 9k I think")  # hedged: "Just to check ... $9,000?"
    user.type("yes")
    assert user.answers()["employer_contributions"] == {"dollars": "9000"}


@pytest.mark.parametrize("typed", ["6 percent match", "6 per cent match", "six percent match"])
def test_a_match_in_words_at_the_deferral_question_is_never_the_deferral(typed: str) -> None:
    # "6 percent match" at "How much will you defer?" read as deferring 6% of $190,000 ($11,400)
    user = User(today=DECEMBER)
    user.taps("401k", "yes", "yes", "continue", "2026")
    user.types("45", "190k")
    assert user.state == "employee_deferrals"
    reply = user.type(typed)
    assert "employee_deferrals" not in user.answers()
    assert reply.lines[0].startswith("Which is it: your employer matches what you put in, up to 6% of")


def test_a_match_formula_in_words_is_the_formula() -> None:
    user = User(today=DECEMBER)
    at_employer_money(user)
    user.type("they match fifty percent of the first six percent")
    answer = user.answers()["employer_contributions"]
    assert {k: answer[k] for k in ("match", "up_to")} == MATCH_50_UP_TO_6
