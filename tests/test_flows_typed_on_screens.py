"""What a person types on a phone at the questions and screens where the words used to miss: a sole
proprietor's count of contributions, the menus of every result screen, a correction typed on the
result, the verdict's one button. Figures are worked by hand from the 2026 limits (annual
additions $72,000, IRC 415(c)(1)(A) as indexed by Notice 2025-67; deferrals $24,500, 402(g))."""

from __future__ import annotations

from datetime import date

from flows.result_card import key_figures
from tests.flowkit import User

DECEMBER = date(2026, 12, 4)


def sole_prop_at_contributions_left(user: User) -> None:
    user.types("solo 401k", "yes", "yes", "see my numbers", "2026", "40", "sole prop", "$100k net",
               "none", "max", "max", "monthly")
    assert user.state == "pay_periods_remaining"


def test_a_sole_proprietor_is_asked_contributions_not_paychecks_and_told_the_bound_in_those_words() -> None:
    user = User(today=DECEMBER)
    sole_prop_at_contributions_left(user)
    asked = user.last
    assert asked is not None
    assert "paycheck" not in " ".join(asked.lines).lower()
    assert asked.hint is not None
    assert "up to 12" in asked.hint
    refused = user.type("20")
    assert user.state == "pay_periods_remaining"
    assert "pay_periods_remaining" not in user.answers()
    assert refused.notice is not None
    assert "paycheck" not in refused.notice.lower()
    assert "at most 12 contributions a year" in refused.notice
    kept = user.type("12")
    assert kept.answered == ("Contributions left", "12")


def test_an_employee_over_the_paychecks_a_payroll_holds_is_told_the_payroll_bound() -> None:
    user = User(today=DECEMBER)
    user.types("401k", "yes", "yes", "see my numbers", "2026", "45", "200k", "20k", "none", "no cap",
               "monthly")
    refused = user.type("20")
    assert refused.notice == ("A payroll paid monthly has at most 12 paychecks a year: "
                              "type a number between 1 and 12.")


def at_a_result_with_a_reminder(user: User) -> None:
    """An in-service withdrawal is rolled over by hand: its result offers "Remind me to convert"."""
    user.types("401k", "yes", "no", "yes", "see my numbers", "2026", "45", "200k", "20k", "10k", "no cap",
               "monthly", "all", "no")
    assert user.state == "result"


def test_every_result_screen_offers_the_same_menu_with_remind_me_to_convert() -> None:
    user = User(today=DECEMBER)
    at_a_result_with_a_reminder(user)
    menus = {}
    for typed in ("/summary", "details", "tax forms"):
        reply = user.command(typed[1:]) if typed.startswith("/") else user.type(typed)
        menus[typed] = [choice.label for choice in reply.choices]
    assert menus["tax forms"] == menus["details"] == menus["/summary"]
    assert menus["tax forms"][-1] == "Remind me to convert"
    asked = user.type(str(len(menus["tax forms"])))  # its number, typed on the Tax forms screen
    assert asked.title == "Remind me to convert"


def test_a_correction_typed_on_the_result_changes_that_answer_and_shows_the_new_result() -> None:
    user = User(today=DECEMBER)
    user.types("401(k)", "yeah", "yes", "see my numbers", "2026", "45", "$150k", "max", "10k", "no cap",
               "monthly", "all", "nah")
    before = user.last
    assert before is not None
    assert before.result is not None
    assert before.result["catch_up_limit"] == 0
    changed = user.type("change my age to 60")
    assert changed.notice == "Changed: Age on Dec 31: 60."
    assert user.state == "result"
    assert user.answers()["age"] == 60
    # 60 on Dec 31, 2026: the 60-63 catch-up of 414(v)(2)(E)(ii), $11,250 (Notice 2025-67), on top
    assert changed.result is not None
    assert "Catch-up on top: $11,250 (total $83,250)" in changed.lines


def test_a_correction_on_the_result_that_reads_two_ways_is_asked_back() -> None:
    user = User(today=DECEMBER)
    user.types("401(k)", "yeah", "yes", "see my numbers", "2026", "45", "$150k", "max", "10k", "no cap",
               "monthly", "all", "nah")
    asked = user.type("change my pay to 45")
    assert user.answers()["compensation"] == "150000"  # nothing taken yet
    assert "Did you mean $45,000?" in " ".join(asked.lines)
    done = user.type("1")
    assert user.answers()["compensation"] == "45000"
    assert done.state == "result"


def test_the_maximum_at_61_on_low_pay_offers_no_catch_up_beyond_what_pay_allows() -> None:
    """2026, 61 on Dec 31, pay $30,000, "max": 402(g) $24,500 and a catch-up of at most pay less
    that, $5,500 (IRC 414(v)(2)(A)(ii)), which "the maximum" already holds; never "up to $11,250"."""
    user = User(today=DECEMBER)
    result = user.types("401(k)", "yeah", "yes", "see my numbers", "2026", "61", "$30k", "max", "none",
                        "no cap", "monthly", "all", "nah")
    assert user.state == "result"
    assert "Catch-up: $5,500, already in your deferrals (the most your pay allows)" in result.lines
    assert not any("$11,250" in line for line in result.lines)


def test_deferrals_below_the_limit_at_61_on_low_pay_are_offered_the_catch_up_pay_allows() -> None:
    """2026, 61, pay $30,000, $10,000 deferred: the catch-up pay allows is $30,000 - $24,500 = $5,500."""
    user = User(today=DECEMBER)
    result = user.types("401(k)", "yeah", "yes", "see my numbers", "2026", "61", "$30k", "10k", "none",
                        "no cap", "monthly", "all", "nah")
    assert "Catch-up on top: up to $5,500, as far as your pay allows" in result.lines


def test_details_per_paycheck_is_the_first_screens_never_more_than_a_paycheck_holds() -> None:
    """2026, 61, $40,000 monthly, 12 paychecks, "max": the room, $15,500, split 12 ways is $1,291.66,
    but a paycheck holds only $40,000 / 12 - $35,750 / 12 = $354.16 after its deferral; 12 of them
    are $4,249.92 (worked by hand in tests/test_rules_worked_by_hand.py)."""
    user = User(today=DECEMBER)
    first = user.types("401(k)", "yeah", "yes", "see my numbers", "2026", "61", "$40k", "max", "none",
                       "no cap", "monthly", "all", "nah")
    assert any(line.startswith("Per paycheck: $354.16") for line in first.lines)
    assert first.result is not None
    assert "Per paycheck: $354.16" in key_figures(first.result)  # the chart's caption says the same
    details = "\n".join(user.type("details").lines)
    assert "$1,291.66" not in details
    assert ("• Per paycheck left: $354.16, all a paycheck holds after its deferral (an even split does "
            "not fit); at most $4,249.92 more this year") in details


def test_a_word_the_verdict_does_not_take_is_told_what_this_screen_takes_by_its_own_button() -> None:
    user = User(today=DECEMBER)
    user.types("401(k)", "not sure")
    assert user.state == "verdict"
    refused = user.type("all")
    assert user.state == "verdict"
    assert refused.notice == ('This screen is the verdict: type 1 or "Continue with provisional numbers" '
                              "to go on; to change an answer, type back, or review to see them all.")


def test_no_on_the_verdict_is_read_as_a_change_to_the_plans_last_answer_and_asked_back() -> None:
    user = User(today=DECEMBER)
    user.types("401(k)", "yeah", "yes")
    assert user.state == "verdict"
    asked = user.type("no")
    assert user.answers()["in_plan_conversion"] == "yes"  # nothing taken yet
    assert asked.lines == ('You said "no" on the verdict: change In-plan Roth conversion from Yes to No?',)
    assert [c.label for c in asked.choices] == ["Change to No", "Keep Yes", "Re-enter"]
    kept = user.type("2")
    assert user.answers()["in_plan_conversion"] == "yes"
    assert kept.state == "verdict"
    user.type("no")
    changed = user.type("change to no")
    assert user.answers()["in_plan_conversion"] == "no"
    assert changed.state == "in_service_withdrawal"  # the other route, now asked


def test_deferrals_typed_as_a_percent_of_pay_are_the_engines_dollars_asked_back() -> None:
    """2026, pay $200,000: 10% is $20,000 (worked by hand in tests/test_rules_worked_by_hand.py);
    the room is $72,000 - $20,000 - $10,000 of employer money = $42,000."""
    user = User(today=DECEMBER)
    user.types("401k", "yes", "yes", "see my numbers", "2026", "45", "200k")
    asked = user.type("10 percent of pay")
    assert user.state == "employee_deferrals"
    assert "employee_deferrals" not in user.answers()
    assert asked.lines == ("10% of your $200,000 pay is $20,000 for 2026. Right?",)
    kept = user.type("yes")
    assert kept.answered == ("Your deferrals", "$20,000")
    result = user.types("10k", "no cap", "monthly", "all", "no")
    assert "After-tax room for 2026: $42,000" in result.lines


def test_a_percent_above_the_deferral_limit_offers_the_limit() -> None:
    user = User(today=DECEMBER)
    user.types("401k", "yes", "yes", "see my numbers", "2026", "45", "200k")
    asked = user.type("15%")  # 15% of $200,000 = $30,000, above the $24,500 402(g) limit of 2026
    assert asked.lines == ("15% of your $200,000 pay is $30,000 for 2026, above your $24,500 deferral "
                           "limit; payroll usually stops there. Use $24,500?",)
    user.type("1")
    assert user.answers()["employee_deferrals"] == "24500"


def test_a_percent_before_the_pay_is_known_asks_for_dollars() -> None:
    user = User(today=DECEMBER)
    user.types("401k", "yes", "yes", "see my numbers", "2026")
    refused = user.type("change my deferrals to 10%")  # at the age question: pay not asked yet
    assert "employee_deferrals" not in user.answers()
    assert refused.notice == ("A % of pay needs your pay, which I don't have yet: type your deferrals in "
                              "dollars for the year, e.g. 20,000.")


def test_no_on_the_verdict_of_a_457b_says_what_the_screen_takes() -> None:
    """Typed by the lead: '457b', then 'no' on the verdict raised inside the flow (the terminal said
    'Sorry, I could not take that'): the last question asked was the plan type, not a yes/no one."""
    user = User()
    user.types("457b")
    assert user.state == "verdict"
    reply = user.type("no")
    assert user.state == "verdict"
    assert reply.notice is not None
    assert reply.notice.startswith("This screen is the verdict: type 1 or \"See my alternatives\"")
