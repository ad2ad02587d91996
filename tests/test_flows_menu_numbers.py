"""A bare number beside a numbered menu at a question that takes a figure ("1" beside "1) No cap",
"1) About 2"): the option and the figure are both offered, never one guessed."""

from __future__ import annotations

from datetime import date

from tests.flowkit import User

DECEMBER = date(2026, 12, 4)  # two biweekly paychecks are left in 2026


def _at_the_cap_question() -> User:
    user = User(DECEMBER)
    user.types("401k", "yes", "yes", "1", "2026", "45", "500k", "max", "22500")
    assert user.state == "after_tax_cap_percent"
    return user


def test_one_beside_no_cap_is_asked_back_and_the_option_can_be_chosen() -> None:
    user = _at_the_cap_question()
    reply = user.type("1")
    assert "after_tax_cap_percent" not in user.conv["answers"]
    assert reply.lines[0] == "Option 1 (No cap / not sure), or 1% of pay?"
    user.type("1")
    assert user.conv["answers"]["after_tax_cap_percent"] is None  # no cap


def test_one_beside_no_cap_can_still_mean_a_one_percent_cap() -> None:
    user = _at_the_cap_question()
    user.types("1", "2")
    assert user.conv["answers"]["after_tax_cap_percent"] == "1"


def test_one_beside_about_two_paychecks_is_asked_back() -> None:
    user = _at_the_cap_question()
    user.types("no cap", "biweekly")
    reply = user.type("1")
    assert "pay_periods_remaining" not in user.conv["answers"]
    assert reply.lines[0].startswith("Option 1 (About 2")
    user.type("1")
    assert user.conv["answers"]["pay_periods_remaining"] == 2


def test_a_number_past_the_menu_is_the_figure() -> None:
    user = _at_the_cap_question()
    user.type("10")
    assert user.conv["answers"]["after_tax_cap_percent"] == "10"


def test_a_number_past_the_verdicts_one_option_is_refused_not_typed_ahead() -> None:
    user = User(DECEMBER)
    user.types("solo 401k", "yes", "yes")
    assert user.state == "verdict"
    reply = user.type("2")  # not "2) 2027" of the tax-year menu, which is not on the screen
    assert user.state == "verdict"
    assert "tax_year" not in user.conv["answers"]
    assert reply.notice is not None
    assert "See my numbers" in reply.notice


def test_a_refusal_while_did_you_mean_waits_names_the_choices_on_screen() -> None:
    user = User(DECEMBER)
    user.types("401k", "I think so")
    reply = user.type("blah")
    assert reply.notice == "Please type one of: Yes, or Re-enter."


def test_two_beside_about_two_and_all_twenty_six_is_asked_back() -> None:
    """'2' is both option 2 (all 26) and the figure of option 1 (about 2): never one guessed."""
    user = _at_the_cap_question()
    user.types("no cap", "biweekly")
    reply = user.type("2")
    assert "pay_periods_remaining" not in user.conv["answers"]
    assert reply.lines[0] == "Option 2 (All 26 (whole year)), or 2 (paychecks left)?"
    user.type("1")
    assert user.conv["answers"]["pay_periods_remaining"] == 26


def test_tapping_about_two_takes_two_without_asking() -> None:
    """A tapped button is not a menu number: its value is taken as it is."""
    user = _at_the_cap_question()
    user.types("no cap", "biweekly")
    user.tap("2")
    assert user.conv["answers"]["pay_periods_remaining"] == 2


def test_an_unreadable_count_of_paychecks_is_told_with_an_example_in_range() -> None:
    user = _at_the_cap_question()
    user.types("no cap", "biweekly")
    reply = user.type("a few")
    assert reply.notice is not None
    assert "e.g. 9." in reply.notice  # one third into 1-26, never into 0-9999
