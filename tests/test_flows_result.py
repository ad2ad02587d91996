"""What the interview says back: echoes, questions back, plausibility, mid-year paychecks, the %
election, the Roth catch-up, the words of the plan, and a first result that fits a phone screen."""

from __future__ import annotations

import random
from datetime import date

import pytest

from flows.interview import Reply
from flows.summary import detail_lines, limits_lines
from rules import assess_json
from tests.flowkit import User, dr_chen, random_profile, send, steps_for


def text_of(reply: Reply) -> str:
    return "\n".join(reply.lines)


def to_pay(user: User, plan: str = "401k", year: str = "2026", age: str = "45") -> None:
    user.taps(plan, "yes", "yes", "continue", year)
    user.type(age)


def test_each_accepted_answer_is_echoed_as_understood() -> None:
    user = User()
    to_pay(user)
    assert user.type("$450k/yr").answered == ("Pay", "$450,000")
    assert user.type("max").answered == ("Your deferrals", "The maximum")
    assert user.type("50% up to 6%").answered == ("Employer money", "50% match up to 6% of pay")
    assert user.type("no cap").answered == ("Plan's after-tax cap", "No cap / not sure")
    assert user.type("every other week").answered == ("Pay frequency", "Every 2 weeks")


def test_an_ambiguous_figure_is_confirmed_never_guessed() -> None:
    user = User()
    to_pay(user)
    reply = user.type("450.000")
    assert user.state == "compensation"
    assert reply.lines == ("Did you mean $450,000?",)
    assert [c.label for c in reply.choices] == ["Yes, $450,000", "Re-enter"]
    assert "compensation" not in user.answers()
    reply = user.type("re-enter")
    assert user.state == "compensation"
    assert "pending" not in user.conv
    user.type("23,5k")
    reply = user.type("200k")  # a new figure instead of Yes: taken as the answer
    assert reply.answered == ("Pay", "$200,000")
    user.command("back")
    user.type("450.000")
    reply = user.type("yep")
    assert user.answers()["compensation"] == "450000"
    assert reply.answered == ("Pay", "$450,000")


def test_deferrals_above_the_limit_say_why_and_can_be_kept_or_corrected() -> None:
    user = User()
    to_pay(user)
    user.type("200k")
    reply = user.type("30000")
    assert "above your $24,500 deferral limit for 2026" in reply.lines[0]
    assert user.answers()["compensation"] == "200000"  # nothing already answered is lost
    user.tap("pick:0")
    assert user.answers()["employee_deferrals"] == "30000"
    user.types("0", "no cap", "monthly", "1", "none yet", "no")
    assert user.last is not None
    assert user.last.result is not None
    assert user.last.result["excess_deferrals"] == 5500
    assert "⚠ Your deferrals exceed your 402(g) limit by $5,500" in text_of(user.last)


@pytest.mark.parametrize(("typed", "why"), [("$150,000", "more than your pay ($100,000)"),
                                            ("$80,000", "above the $72,000 limit")])
def test_employer_money_above_pay_is_questioned(typed: str, why: str) -> None:
    user = User()
    to_pay(user)
    user.types("100k", "10k")
    reply = user.type(typed)
    assert why in reply.lines[0]
    user.type("re-enter")
    assert user.state == "employer_contributions"
    assert user.answers()["employee_deferrals"] == "10000"


def test_employer_money_above_415c_is_questioned_with_the_limit() -> None:
    user = User()
    to_pay(user)
    user.types("400k", "10k")
    reply = user.type("80,000")
    assert "above the $72,000 limit on everything that goes into the plan in 2026 (415(c))" in reply.lines[0]


def test_a_zero_cap_is_questioned_and_no_cap_is_one_tap() -> None:
    user = User()
    to_pay(user)
    user.types("200k", "20k", "10k")
    reply = user.type("0")
    assert "0% cap means the plan takes no after-tax money" in reply.lines[0]
    reply = user.tap("pick:1")  # No cap / not sure
    assert user.state == "pay_frequency"
    assert user.answers()["after_tax_cap_percent"] is None


def _age_61_late_in_2026(user: User, already_in: str) -> Reply:
    user.taps("401k", "yes", "yes", "continue", "2026")
    user.types("61", "300000", "max", "0", "no cap", "biweekly", "3", already_in)
    return user.type("no")


def test_per_paycheck_never_above_what_a_paycheck_holds() -> None:
    """$300,000 biweekly is $11,538.46 a paycheck; $35,750 of deferrals over 26 paychecks is
    $1,375.00 of each, so $10,163.46 is the most a paycheck can hold (three of them $30,490.38),
    while the room is $72,000 - $24,500 = $47,500."""
    user = User()
    reply = _age_61_late_in_2026(user, "none yet")
    text = text_of(reply)
    assert "After-tax room for 2026: $47,500" in text
    assert "Per paycheck: $10,163.46 (as a whole %: 88% of pay, $10,153.84)" in text
    assert ("That is a whole paycheck after deferrals, before taxes: at most $30,490.38 more this year."
            in text)


def test_already_in_is_taken_off_the_room() -> None:
    """$47,500 of room, $40,000 already in: $7,500 left over 3 paychecks is $2,500 each, 21.7% of
    an $11,538.46 paycheck: 21% as a whole %, $2,423.07."""
    user = User()
    reply = _age_61_late_in_2026(user, "40k")
    text = text_of(reply)
    assert "Already in: $40,000; left: $7,500" in text
    assert "Per paycheck: $2,500 (as a whole %: 21% of pay, $2,423.07)" in text


def test_already_in_is_not_asked_for_a_year_not_underway_or_a_whole_year_left() -> None:
    user = User()
    user.taps("401k", "yes", "yes", "continue", "2025")
    user.types("45", "200000", "23500", "0", "no cap", "biweekly")
    assert user.state == "after_tax_so_far"  # 2025 is over: what went in is asked, no paychecks left
    user.type("none")
    assert user.state == "extras_offer"
    user = User(today=date(2026, 1, 2))
    user.taps("401k", "yes", "yes", "continue", "2026")
    user.types("45", "200000", "23500", "0", "no cap", "biweekly", "all")
    assert user.state == "extras_offer"


def test_whole_percent_election_rounds_down_within_the_plan_cap() -> None:
    """Dr. Chen: $923.07 of a $17,307.69 paycheck is 5.33%: 5% as a whole %, which puts in $865.38."""
    user = User()
    reply = dr_chen(user)
    assert "Per paycheck: $923.07 (as a whole %: 5% of pay, $865.38)" in text_of(reply)


def test_a_binding_plan_cap_is_explained() -> None:
    """1% of $180,000 is $1,800; without the cap, $72,000 - $23,500 - $5,000 = $43,500 would fit."""
    user = User()
    to_pay(user)
    user.types("180k", "23500", "5000", "1%", "yes", "monthly", "12")
    reply = user.type("no")
    text = text_of(reply)
    assert "After-tax room for 2026: $1,800" in text
    assert "Your plan caps after-tax at 1% of pay: $1,800 (the IRS limit alone would leave $43,500)." in text
    assert "Per paycheck: $150 (elect 1% of pay)" in text


def test_roth_catch_up_in_the_main_result_without_the_optional_questions() -> None:
    user = User()
    reply = _age_61_late_in_2026(user, "none yet")
    text = text_of(reply)
    assert ("⚠ Your pay here (standing in for last year's FICA wages, not given) is above $150,000, so from "
            "2026 your catch-up contributions must be Roth, not pre-tax.") in text
    assert user.last is not None
    assert user.last.result is not None
    assert user.last.result["excess_deferrals"] == 0  # figures are the engine's without the stand-in
    details = text_of(user.command("details"))
    assert "stands in for last year's FICA wages" in details
    assert "If your 2025 pay was above $160,000 (as this year's is)" in details  # the engine's own HCE proxy


def test_a_403b_user_never_reads_401k() -> None:
    user = User()
    replies = [user.tap("403b"), user.tap("yes")]
    replies += [user.tap(v) for v in ("no", "yes", "continue", "2026")]
    replies += [user.type(t) for t in ("55", "150k", "max", "5%", "no cap", "monthly", "1", "none yet")]
    replies += [user.tap("yes"), user.tap("single"), user.type("150k"), user.type("100k")]
    while user.state != "result":
        replies.append(user.type("skip"))
    replies.append(user.command("details"))
    seen = "\n".join(text_of(r) + str(r.hint) for r in replies)
    assert "403(b)" in seen
    assert "401(k)" not in seen


def test_a_sole_proprietor_is_asked_about_the_business() -> None:
    user = User()
    to_pay(user, plan="solo401k", age="52")
    prompts = [text_of(user.tap("sole_prop"))]
    prompts += [text_of(user.type(t)) for t in ("100k", "none", "max", "max")]
    assert "owner's draws" in prompts[-1]
    prompts.append(text_of(user.type("monthly")))
    assert "contributions are left" in prompts[-1]
    assert not any("employer" in p or "How often are you paid" in p for p in prompts)
    user.types("1", "none yet")
    reply = user.type("no")
    assert "Per contribution:" in text_of(reply)
    assert "% of pay)" not in text_of(reply)  # no payroll to elect a % on
    details = text_of(user.command("details"))
    assert "the solo 401(k) maximum, as you chose" in details
    assert "not given" not in details


def _first_message(reply: Reply) -> str:
    return "\n".join([reply.title, *reply.lines])


@pytest.mark.parametrize("seed", range(40))
def test_the_first_result_fits_one_phone_screen(seed: int) -> None:
    profile = random_profile(random.Random(seed))
    user = User()
    for _state, event in steps_for(profile):
        send(user, event)
    assert user.last is not None
    message = _first_message(user.last)
    assert len(message) <= 600, message
    assert len(message.splitlines()) <= 12, message


def test_the_longest_first_result_fits_and_the_projection_is_in_it() -> None:
    """Age 61, 2026, a paycheck too small, many warnings, a projection: still one screen."""
    user = User()
    user.taps("401k", "yes", "no", "yes", "continue", "2026")
    user.types("61", "300000", "max", "50% up to 6%", "no cap", "biweekly", "3", "10k", "yes")
    user.types("single", "300k", "20k", "0", "none", "no", "25%", "no", "80000", "20000", "skip", "quarterly",
               "35%", "7%")
    reply = user.type("20")
    message = _first_message(reply)
    assert "Could grow to $" in message
    assert len(message) <= 600, (len(message), message)
    assert len(message.splitlines()) <= 12, message
    assert "Details: breakdown" in message
    assert any(c.value == "details" for c in reply.choices)


def test_not_sure_details_repeat_only_the_open_questions_and_give_next_steps() -> None:
    user = User()
    user.taps("401k", "yes", "unsure", "unsure", "continue", "2026")
    user.types("45", "200k", "23.5k", "0", "no cap", "monthly", "all", "no")
    details = text_of(user.command("details"))
    assert "1. Does our plan allow in-service withdrawals of after-tax contributions?" in details
    assert "2. Does our plan allow in-plan Roth conversions of after-tax contributions?" in details
    assert "Does our plan allow after-tax (non-Roth)" not in details  # answered Yes already
    assert "3. Then convert it in the plan, or roll it to a Roth IRA, whichever the plan allows." in details


def test_already_in_above_the_room_is_flagged() -> None:
    """$47,500 of room, $50,000 already in: $2,500 too much, nothing left per paycheck."""
    user = User()
    text = text_of(_age_61_late_in_2026(user, "50k"))
    assert "Already in: $50,000; left: $0" in text
    assert "⚠ That is $2,500 more than this year's room" in text
    assert "Per paycheck" not in text


def test_a_match_formula_is_worked_by_the_engine_and_its_deferral_percent_shown() -> None:
    """2026, $400,000, 50% up to 6%: 6% of the $360,000 401(a)(17) pay is $21,600, half is $10,800;
    $24,500 over 26 paychecks of $13,846.15 is 6.13% of each (the engine's figure, rounded up)."""
    user = User()
    to_pay(user)
    user.types("400k", "24.5k", "50% up to 6%", "no cap", "biweekly", "all", "no")
    assert user.last is not None
    assert user.last.result is not None
    assert user.last.result["breakdown"]["employer_contributions"] == 10800
    details = text_of(user.command("details"))
    assert "• Employer: $10,800" in details
    assert "defer 6.13% of each paycheck" in details


def test_a_bare_small_figure_is_asked_back_never_taken_as_dollars() -> None:
    user = User()
    to_pay(user)
    user.type("200k")
    reply = user.type("4")
    assert reply.lines == ("$4 deferred for the whole year? Did you mean $4,000?",)
    assert "employee_deferrals" not in user.answers()
    assert user.type("yes").answered == ("Your deferrals", "$4,000")
    reply = user.type("4")
    assert reply.lines == ("$4 for the whole year, or 4% of your pay ($8,000)?",)
    assert [c.label for c in reply.choices][:2] == ["4% of my pay", "$4 a year"]
    assert "employer_contributions" not in user.answers()
    user.tap("pick:0")
    assert user.answers()["employer_contributions"] == {"percent": "4"}


def test_a_magi_of_a_few_dollars_is_asked_back() -> None:
    user = User()
    to_pay(user)
    user.types("200k", "max", "none", "no cap", "monthly", "1", "none yet", "yes")
    while user.state != "magi":
        assert user.state != "result", "the optional checks never asked for MAGI"
        user.type("single" if user.state == "filing_status" else "skip")
    reply = user.type("2")
    assert reply.lines == ("$2 of modified AGI for the year? Did you mean $2,000?",)
    assert "magi" not in user.answers()


def test_pay_typed_at_the_age_is_taken_as_pay_never_as_an_age() -> None:
    user = User()
    to_pay(user)
    user.command("back")
    reply = user.type("$450k/yr")
    assert user.state == "age"
    assert "age" not in user.answers()
    assert reply.notice == "Got it: Pay: $450,000."


@pytest.mark.parametrize("typed", ["fifty-ish", "1e308"])
def test_an_unreadable_age_gets_an_age_as_its_example(typed: str) -> None:
    user = User()
    to_pay(user)
    user.command("back")
    assert user.state == "age"
    reply = user.type(typed)
    assert user.state == "age"
    assert reply.notice is not None
    example = int(reply.notice.rsplit("e.g. ", 1)[1].rstrip("."))
    assert 14 <= example <= 110, reply.notice


def test_the_catch_up_total_is_not_promised_beyond_pay() -> None:
    low_pay = {"tax_year": 2025, "age": 55, "compensation": 25000, "employee_deferrals": 25000,
               "employer_contributions": 3000, "after_tax_allowed": "yes", "in_plan_conversion": "yes"}
    details = "\n".join(detail_lines(assess_json(low_pay)))
    # 415(c) less the employer money, $22,000, is the lowest limit; the catch-up is at most pay less
    # that, $3,000 (IRC 414(v)(2)(A)(ii)), and the $25,000 deferred already holds it: not "up to $7,500"
    assert "Catch-up: $3,000, already in your deferrals (the most your pay allows)" in details
    assert "(total $32,500)" not in details  # $25,000 limit + $7,500 is more than the $25,000 of pay
    high_pay = "\n".join(detail_lines(assess_json(low_pay | {"compensation": 450000})))
    assert "Catch-up on top: $7,500 (total $77,500)" in high_pay


def test_limits_show_the_hce_look_back_the_warning_uses() -> None:
    lines = "\n".join(limits_lines(2025))
    assert "HCE for 2025 if 2024 pay was above: $155,000" in lines  # Notice 2023-75's 2024 figure
    assert "HCE for 2026 if 2025 pay is above: $160,000" in lines
