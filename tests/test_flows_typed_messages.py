"""What people type, in real conversations (the flow as both chats drive it, and the terminal chat):
a whole situation in one message, corrections from anywhere, questions instead of answers, menu
numbers, "not sure", next year in December, and the words of echoes. Figures are worked by hand
from the 2026 limits (annual additions $72,000, deferrals $24,500) in the comments."""

from __future__ import annotations

import io
from datetime import date

import pytest

from bot.terminal import run
from flows.commands import command_in
from tests.flowkit import User

DECEMBER = date(2026, 12, 4)
WHOLE = ("I'm 45, make 450k, maxing my 401k, employer adds 22.5k, plan allows after-tax and in-plan "
         "conversion — how much can I put in?")


def at_employer_money(user: User) -> None:
    user.taps("401k", "yes", "yes", "continue", "2026")
    user.types("45", "450k", "max")
    assert user.state == "employer_contributions"


def test_the_whole_situation_in_one_message_is_taken_and_echoed_in_one_line() -> None:
    user = User(today=DECEMBER)
    reply = user.type(WHOLE)
    assert reply.notice is not None
    assert reply.notice.startswith("Got it: Plan type: 401(k) · After-tax contributions: Yes · In-plan Roth ")
    assert "Age on Dec 31: 45 · Pay: $450,000" in reply.notice
    assert "Employer money: $22,500." in reply.notice
    if "pending" in user.conv:  # "maxing my 401k" read as the maximum: confirmed first
        assert user.state == "employee_deferrals"
        user.type("yes")
    assert user.answers() == {
        "plan_type": "401k", "after_tax_allowed": "yes", "in_plan_conversion": "yes", "age": 45,
        "compensation": "450000", "employee_deferrals": "max", "employer_contributions": {"dollars": "22500"}}
    assert user.state == "verdict"
    asked = [user.tap("continue").state]
    user.tap("2026")
    asked.append(user.state)
    assert asked == ["tax_year", "after_tax_cap_percent"]  # age, pay, deferrals, employer: not asked again
    user.tap("skip")
    user.tap("biweekly")
    user.tap("26")
    result = user.tap("no")
    assert result.result is not None
    assert result.result["after_tax_room"] == 25000  # 72,000 - 24,500 - 22,500


def test_the_whole_situation_at_a_later_question_asks_only_what_is_left() -> None:
    user = User(today=DECEMBER)
    user.taps("401k", "yes", "yes", "continue", "2026")
    reply = user.type("45, I make 300k, defer 23.5k, employer puts in 10k, paid biweekly")
    assert reply.notice is not None
    assert "Pay: $300,000" in reply.notice
    assert user.answers()["pay_frequency"] == "biweekly"
    assert user.answers()["employer_contributions"] == {"dollars": "10000"}
    assert user.state == "after_tax_cap_percent"


def test_a_fact_for_another_question_is_never_this_questions_answer() -> None:
    user = User(today=DECEMBER)
    at_employer_money(user)
    user.type("sorry, I only defer 20k, not the max")
    assert "employer_contributions" not in user.answers()
    if "pending" in user.conv:  # a change of deferrals, confirmed first
        user.type("yes")
    assert user.answers()["employee_deferrals"] == "20000"
    assert user.state == "employer_contributions"


@pytest.mark.parametrize(("typed", "question", "value", "asked"), [
    ("actually my pay is 300k", "compensation", "300000", "employer_contributions"),
    ("change my age to 52", "age", 52, "employer_contributions"),
    ("wait, I meant 2025", "tax_year", "2025", "age"),  # the age on another December 31: asked again
])
def test_corrections_from_anywhere_change_that_answer(typed: str, question: str, value: object,
                                                      asked: str) -> None:
    user = User(today=DECEMBER)
    at_employer_money(user)
    reply = user.type(typed)
    assert user.answers()[question] == value
    assert reply.notice is not None
    assert reply.notice.startswith("Changed: ")
    assert user.state == asked  # back where the person was, or at what the change made stale
    if asked == "age":
        user.type("45")
        assert user.state == "employer_contributions"


def test_the_year_corrected_asks_the_age_on_its_december_31() -> None:
    # "I'm 50" for 2026, then "wait, I meant 2025": 49 on December 31, 2025, no catch-up; kept at 50
    # her maximum deferral was $31,000 (23,500 + 7,500, Notice 2024-80) instead of $23,500
    user = User(today=DECEMBER)
    user.type("I'm 50, make 300k, maxing my 401k, no match, plan allows after-tax and in-plan conversion")
    user.type("yes")  # "maxing my 401k": the maximum, confirmed
    user.tap("continue")
    user.tap("2026")
    reply = user.type("wait, I meant 2025")
    assert "age" not in user.answers()
    assert user.state == "age"
    assert reply.lines[0] == "How old were you on December 31, 2025?"
    user.type("49")
    user.tap("skip")
    result = user.type("none")
    while result.result is None and user.state == "extras_offer":
        result = user.tap("no")
    assert result.result is not None
    assert result.result["catch_up_limit"] == 0
    assert result.result["after_tax_room"] == 46500  # 70,000 - 23,500 - 0


def test_oops_i_meant_2025_at_deferrals_is_the_year_not_2025_dollars() -> None:
    user = User(today=DECEMBER)
    user.taps("401k", "yes", "yes", "continue", "2026")
    user.types("45", "450k")
    user.type("oops, I meant 2025")
    assert user.answers()["tax_year"] == "2025"
    assert "employee_deferrals" not in user.answers()
    user.types("45", "max", "22,500")
    user.tap("skip")
    user.tap("biweekly")
    result = user.taps("0", "no")  # 2025 is over: none went in
    assert result.result is not None
    assert result.result["after_tax_room"] == 24000  # 2025: 70,000 - 23,500 - 22,500


def test_changing_the_pay_frequency_re_asks_only_the_paychecks() -> None:
    user = User(today=DECEMBER)
    at_employer_money(user)
    user.type("22500")
    user.tap("skip")
    user.tap("biweekly")
    user.tap("2")
    user.tap("0")
    assert user.state == "extras_offer"
    user.type("change my pay frequency to monthly")
    assert user.answers()["pay_frequency"] == "monthly"
    assert "pay_periods_remaining" not in user.answers()
    assert user.state == "pay_periods_remaining"


@pytest.mark.parametrize("typed", ["go back", "undo", "back"])
def test_typed_back_in_words(typed: str) -> None:
    user = User(today=DECEMBER)
    at_employer_money(user)
    user.type(typed)
    assert user.state == "employee_deferrals"
    assert "employee_deferrals" not in user.answers()
    assert command_in(typed) == "back"


@pytest.mark.parametrize(("typed", "term"), [
    ("what's an SPD?", "Summary Plan Description"),
    ("what does in-plan conversion mean?", "Roth side of the same plan"),
    ("is this the same as Roth 401k?", "Roth 401(k) money is part of your regular deferrals"),
    ("why do you need my age?", "Catch-up contributions depend on age"),
    ("what's a cap?", "after-tax money only up to a share of your pay"),
])
def test_questions_are_answered_in_three_lines_then_the_same_question(typed: str, term: str) -> None:
    user = User(today=DECEMBER)
    user.taps("401k", "yes")
    before = user.state
    reply = user.type(typed)
    assert user.state == before
    assert reply.notice is not None
    assert term in reply.notice
    assert len(reply.notice.splitlines()) <= 3
    assert user.answers() == {"plan_type": "401k", "after_tax_allowed": "yes"}


def finished(user: User) -> None:
    at_employer_money(user)
    user.type("22500")
    user.tap("skip")
    user.tap("biweekly")
    user.tap("26")
    user.tap("no")
    assert user.state == "result"


def test_menu_numbers_on_the_result_details_tax_forms_and_reminders() -> None:
    user = User(today=DECEMBER)
    finished(user)
    assert user.type("1").title == "Your result"  # Details & sources
    assert "every figure and its source" in "\n".join(user.last.lines if user.last else ())
    assert user.type("2").title.startswith("Tax season")  # from Details: Tax forms
    reminder = user.type("5")  # from Tax forms: Remind me to convert
    assert reminder.title == "Remind me to convert"
    chosen = user.type("2")  # Monthly
    assert chosen.reminder is not None
    assert chosen.reminder["cadence"] == "monthly"


def test_a_refused_pick_is_one_line() -> None:
    user = User(today=DECEMBER)
    finished(user)
    reply = user.type("9")
    assert reply.lines == ()
    assert reply.title.startswith("Pick one: 1 Details & sources, 2 Tax forms")
    assert len(reply.title) < 160


def test_did_you_mean_reads_1_as_option_1() -> None:
    user = User(today=DECEMBER)
    user.taps("401k", "yes", "yes", "continue", "2026")
    user.types("45", "450k")
    asked = user.type("1")  # beside "1) The maximum": that option first, then the figure's own question
    assert asked.lines == ("Option 1 (The maximum)? Or $1 deferred for the whole year? Did you mean $1,000?",)
    user.type("2")  # option 2, not a new amount of $2
    assert user.answers()["employee_deferrals"] == "1000"
    user.type("1")  # employer money: "Option 1 (None)? Or $1 for the whole year, or 1% of your pay ($4,500)?"
    user.type("3")  # option 3: $1 a year, as typed
    assert user.answers()["employer_contributions"] == {"dollars": "1"}


def test_not_sure_of_employer_money_says_what_is_assumed_and_the_move_per_1000() -> None:
    user = User(today=DECEMBER)
    at_employer_money(user)
    reply = user.type("not sure")
    assert reply.answered == ("Employer money", "Not sure (none assumed for now)")
    user.tap("skip")
    user.tap("biweekly")
    result = user.taps("26", "no")
    lines = "\n".join(result.lines)
    assert "After-tax room for 2026: $47,500" in lines  # 72,000 - 24,500 - 0
    assert "Each $1,000 your employer puts in lowers this room by $1,000." in lines


def test_not_sure_of_paychecks_left_is_estimated_from_the_date() -> None:
    user = User(today=DECEMBER)
    at_employer_money(user)
    user.type("22500")
    user.tap("skip")
    user.tap("biweekly")
    reply = user.type("not sure")
    assert user.answers()["pay_periods_remaining"] == 2  # 28 days of 365 left: 26 * 28 / 365 = 1.99
    assert reply.answered == ("Paychecks left", "about 2 (estimated from today, December 4)")


@pytest.mark.parametrize("typed", ["2027", "next year"])
def test_next_year_in_december_is_provisional_on_the_latest_published_limits(typed: str) -> None:
    user = User(today=DECEMBER)
    user.taps("401k", "yes", "yes", "continue")
    asked = user.last
    assert asked is not None
    assert [c.label for c in asked.choices][:2] == ["2026 (this year)", "2027 (next year, provisional)"]
    assert asked.hint == ("Planning 2027? The IRS has not published its plan limits yet: I'd use 2026's and "
                          "mark every figure provisional.")
    user.type(typed)
    assert user.answers()["tax_year"] == "2027"
    user.types("45", "450k", "max", "22.5k")
    user.tap("skip")
    user.tap("biweekly")
    result = user.taps("26", "no")
    assert result.title == "Your result for 2027 (provisional)"
    assert result.lines[0] == ("Provisional: the IRS has not published the 2027 plan limits; every figure "
                               "uses 2026's (the latest published) and may change.")
    assert "After-tax room for 2027 (on 2026 limits): $25,000 (provisional)" in result.lines
    details = user.type("1")
    assert any("Social Security wage base $192,300" in line for line in details.lines)


def test_next_year_is_not_offered_before_november() -> None:
    user = User(today=date(2026, 10, 31))
    user.taps("401k", "yes", "yes", "continue")
    assert user.last is not None
    assert "2027" not in [c.value for c in user.last.choices]
    assert User(today=date(2026, 11, 1)).taps("401k", "yes", "yes", "continue").choices[1].value == "2027"


def test_no_after_tax_verdict_echoes_see_my_alternatives() -> None:
    user = User(today=DECEMBER)
    user.taps("401k", "no")
    reply = user.tap("continue")
    assert reply.answered == ("Verdict", "See my alternatives")


def test_an_answer_edited_from_review_is_shown_formatted() -> None:
    user = User(today=DECEMBER)
    finished(user)
    user.command("review")
    reply = user.type("pay")
    assert reply.hint is not None
    assert "Current answer: $450,000." in reply.hint


def test_terminal_chat_serves_the_whole_situation_and_never_says_tap() -> None:
    out = io.StringIO()
    script = "\n".join([WHOLE, "1", "this year", "no cap", "biweekly", "26", "no", "1", "9"])
    run(io.StringIO(script + "\n"), out, DECEMBER)
    text = out.getvalue()
    assert "! Got it: Plan type: 401(k) · After-tax contributions: Yes" in text
    assert "Plan type: 401(k) ✓" not in text  # the answer to the question on screen is said once
    assert text.count("Plan type: 401(k)") == 1
    assert "After-tax room for 2026: $25,000" in text
    assert "== Pick one: 1 Details & sources, 2 Tax forms, 3 Review answers, 4 Start over" in text
    assert " tap" not in text.lower()
    assert "Tap " not in text


def test_a_correction_before_an_inferred_fact_is_confirmed_keeps_that_fact_to_confirm() -> None:
    user = User()
    user.type("I'm 45, make about half a million a year, maxing my 401k, employer adds 22.5k, "
              "plan allows after-tax and in-plan conversion")
    assert user.conv["pending"]["q"] == "employee_deferrals"  # "maxing my 401k": inferred, confirmed
    reply = user.type("wait, I meant 2025")
    assert user.conv["answers"]["tax_year"] == "2025"
    assert reply.notice == "Changed: Tax year: 2025. Age on Dec 31 depends on it: I'll ask again."
    assert reply.lines[0] == 'You said "maxing my 401k": Your deferrals: The maximum, right?'
    user.type("yes")
    assert user.conv["answers"]["employee_deferrals"] == "max"


def test_a_whole_message_at_a_later_question_echoes_its_own_answer_once_in_the_terminal() -> None:
    """Typed at the age question, "45, I make 300k": the age is said in "Got it" with the pay, not
    also as "Age on Dec 31: 45 ✓" above it; a lone answer keeps its one ✓ line."""
    out = io.StringIO()
    script = ["401k", "yes", "yes", "1", "2026", "45, I make 300k", "max"]
    run(io.StringIO("\n".join(script) + "\n"), out, DECEMBER)
    text = out.getvalue()
    assert "! Got it: Age on Dec 31: 45 · Pay: $300,000." in text
    assert "Age on Dec 31: 45 ✓" not in text
    assert text.count("Age on Dec 31: 45") == 1
    assert "Your deferrals: The maximum ✓" in text


def test_wait_i_meant_last_year_asks_what_went_in_not_paychecks_left() -> None:
    """4 December 2026, "wait, I meant 2025": 2025 is over, so no pay frequency or paychecks left are
    asked; what went in is, and the result says the year is closed. 2025 (IRS Notice 2024-80):
    $70,000 - $23,500 - $22,500 = $24,000 of room; $30,000 went in: $6,000 over."""
    out = io.StringIO()
    script = ["401k", "yes", "yes", "see my numbers", "2026", "wait, I meant 2025", "45", "450k", "max",
              "22.5k", "no cap", "30k", "no"]
    run(io.StringIO("\n".join(script) + "\n"), out, DECEMBER)
    text = out.getvalue()
    assert "paychecks are left" not in text
    assert "How often are you paid" not in text
    assert "2025 is over, so no more after-tax money can go in for it. How much after-tax money went in " \
           "for 2025?" in text
    assert "How old were you on December 31, 2025?" in text  # asked in the past: the year is over
    assert "How much did you defer (pre-tax + Roth) in 2025? Your limit was $23,500." in text
    assert "After-tax room for 2025: $24,000" in text
    assert ("🔒 2025 is over: its after-tax contributions are closed; nothing more goes in through "
            "payroll.") in text
    assert "Went in: $30,000. ⚠ That is $6,000 more than 2025's room" in text
    result = text.split("== Your result ==")[1]
    assert "Per paycheck" not in result
    assert "Remind me to convert" not in result


def test_this_year_stays_open_to_its_last_day_with_few_paychecks_left() -> None:
    """31 December 2026, paid every 2 weeks: 2026 is still this year, "About 1 (rest of 2026)" is
    offered (1 of 26 paychecks: 26 x 1/365 of the year rounds to 0, at least 1). The day a year is
    over is its next January 1: 2025 on 31 December 2025 asks paychecks, on 1 January 2026 what went in."""
    last_day = User(today=date(2026, 12, 31))
    last_day.taps("401k", "yes", "yes", "continue", "2026")
    last_day.types("45", "450k", "max", "none", "no cap")
    asked = last_day.tap("biweekly")
    assert last_day.state == "pay_periods_remaining"
    assert [c.label for c in asked.choices] == ["About 1 (rest of 2026)", "All 26 (whole year)"]
    for day, asked_next in ((date(2025, 12, 31), "pay_frequency"), (date(2026, 1, 1), "after_tax_so_far")):
        user = User(today=day)
        user.taps("401k", "yes", "yes", "continue", "2025")
        user.types("45", "450k", "max", "none", "no cap")
        assert user.state == asked_next, day


def test_a_finished_years_tax_forms_are_for_what_went_in() -> None:
    """2025 on 4 December 2026, $20,000 went in (room $24,000, Notice 2024-80): the plan's Form
    1099-R box 5 shows $20,000, not the room filled."""
    out = io.StringIO()
    script = ["401k", "yes", "yes", "see my numbers", "2025", "45", "450k", "23.5k", "22.5k", "no cap", "20k",
              "no", "/taxes"]
    run(io.StringIO("\n".join(script) + "\n"), out, DECEMBER)
    forms = out.getvalue().split("== Tax season: your forms for 2025 ==")[1]
    assert "For the after-tax money that went in for 2025 ($20,000), converted:" in forms
    assert "Box 5 Employee contributions / Designated Roth contributions: $20,000" in forms
    assert "If you fill" not in forms


def test_my_own_deferral_into_the_work_401k_is_never_the_employers_money() -> None:
    # "I put 23.5k in the work 401k" is the person's deferral; as employer money it would take
    # $23,500 off the room ($72,000 - 24,500 - 23,500) before the deferrals were even asked
    user = User(today=DECEMBER)
    reply = user.type("45 yo, make 200k, i put 23.5k in the work 401k, plan allows after-tax")
    assert reply.notice is not None
    assert "Your deferrals: $23,500" in reply.notice
    assert "Employer money" not in reply.notice
    assert user.answers()["employee_deferrals"] == "23500"
    assert "employer_contributions" not in user.answers()
