"""Hurried people on a phone, typed as they type: each test is a defect found by using the chat
(what was typed, what was wrong), pinned so it cannot come back."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from bot.terminal import run
from tests.flowkit import User

DECEMBER = date(2026, 12, 4)


def test_my_own_deferral_at_my_job_is_not_also_the_employers_money() -> None:
    # Typed: "I defer 23.5k at my job" was echoed as "Your deferrals: $23,500 · Employer money: $23,500";
    # the employer's $23,500 was never said and would take $23,500 off the after-tax room.
    user = User(today=DECEMBER)
    reply = user.type("im 38, already putting 23.5k in the work 401k")
    assert reply.notice is not None
    assert "Your deferrals: $23,500" in reply.notice
    assert "Employer money" not in reply.notice
    assert "employer_contributions" not in user.answers()
    user.type("I defer 23.5k at my job")
    assert "employer_contributions" not in user.answers()
    user.taps("yes", "yes", "continue", "2026")
    user.type("150k")
    assert user.state == "employer_contributions"  # asked, not assumed


def test_what_the_employer_puts_in_next_to_my_own_deferral_is_still_read() -> None:
    user = User(today=DECEMBER)
    reply = user.type("I put in 20k at work and work puts in 10k, my job matches nothing else")
    assert reply.notice is not None
    assert "Your deferrals: $20,000" in reply.notice
    assert "Employer money: $10,000" in reply.notice


def test_a_side_gig_owners_work_401k_deferral_is_not_the_solo_plans_own() -> None:
    # Typed: "solo 401k. side gig nets ~80k, w2 job 150k, already putting 23.5k in the work 401k, im 38".
    # The $23,500 went in as the solo plan's own deferrals, its question was skipped, and the result
    # read "Your deferrals exceed your 402(g) limit by $22,500" for money never put in the solo plan.
    user = User(today=DECEMBER)
    reply = user.type("solo 401k. side gig nets ~80k, w2 job 150k, already putting 23.5k in the work 401k, "
                      "im 38")
    assert reply.notice is not None
    assert "Your deferrals" not in reply.notice
    assert "employee_deferrals" not in user.answers()
    user.taps("solo401k", "yes", "yes", "continue", "2026", "sole_prop")
    user.type("80k")
    assert user.state == "day_job_deferrals"
    user.type("23.5k")
    user.tap("skip")  # the day job's Social Security wages
    assert user.state == "employee_deferrals"  # the solo plan's own deferrals: asked, not assumed
    user.type("1k")
    assert user.answers()["employee_deferrals"] == "1000"


def test_a_solo_owner_later_naming_the_work_401k_keeps_the_solo_plan() -> None:
    user = User(today=DECEMBER)
    user.taps("solo401k", "yes", "yes", "continue", "2026", "sole_prop")
    user.type("80k, putting 23.5k in the work 401k")
    assert user.answers()["plan_type"] == "solo401k"
    assert "employee_deferrals" not in user.answers()


def test_menu_number_one_beside_the_maximum_offers_the_maximum() -> None:
    # Typed "1" beside "or type: 1) The maximum": asked "$1 deferred for the whole year? Did you mean
    # $1,000?" with no way to the maximum; "1" again (the maximum, as the person meant) kept $1,000.
    user = User(today=DECEMBER)
    user.types("401k", "yes", "yes", "1", "1", "45", "200k")
    assert user.state == "employee_deferrals"
    reply = user.type("1")
    assert "employee_deferrals" not in user.answers()
    assert reply.lines[0].startswith("Option 1 (The maximum)? Or ")
    assert "$1,000" in reply.lines[0]
    user.type("1")
    assert user.answers()["employee_deferrals"] == "max"


def test_menu_number_one_beside_the_maximum_can_still_mean_a_thousand() -> None:
    user = User(today=DECEMBER)
    user.types("401k", "yes", "yes", "1", "1", "45", "200k", "1", "2")
    assert user.answers()["employee_deferrals"] == "1000"


def test_menu_number_one_beside_none_offers_no_employer_money() -> None:
    user = User(today=DECEMBER)
    user.types("401k", "yes", "yes", "1", "1", "45", "200k", "max")
    assert user.state == "employer_contributions"
    reply = user.type("1")
    assert reply.lines[0].startswith("Option 1 (None)? Or ")
    user.type("1")
    assert user.answers()["employer_contributions"] == {"dollars": "0"}


def test_a_day_jobs_social_security_wages_of_4_are_asked_back() -> None:
    # Typed "4" (a slip: the next question's menu) at "Your day job's Social Security wages (W-2 box 3)?":
    # taken as $4 with no question back.
    user = User(today=DECEMBER)
    user.taps("solo401k", "yes", "yes", "continue", "2026")
    user.type("38")
    user.tap("sole_prop")
    user.types("80k", "23.5k")
    assert user.state == "day_job_ss_wages"
    reply = user.type("4")
    assert "day_job_ss_wages" not in user.answers()
    assert reply.lines[0] == "$4 of Social Security wages at your day job? Did you mean $4,000?"
    user.type("3")  # Re-enter
    user.type("150k")
    assert user.answers()["day_job_ss_wages"] == "150000"


def test_last_years_fica_wages_of_185_are_asked_back_not_kept_as_185_dollars() -> None:
    # $185 of FICA wages would end the Roth catch-up warning for a 59-year-old nurse on $185,000.
    user = User(today=DECEMBER)
    user.types("403b", "yes", "yes", "1", "1", "59", "185k", "max", "none", "no cap", "biweekly", "26",
               "yes", "skip", "skip")
    assert user.state == "prior_year_fica_wages"
    reply = user.type("185")
    assert "prior_year_fica_wages" not in user.answers()
    assert reply.lines[0] == "$185 of FICA wages last year? Did you mean $185,000?"
    user.type("1")
    assert user.answers()["prior_year_fica_wages"] == "185000"


#: Three paragraphs as a Fidelity-administered plan's SPD puts them, pasted into the chat as one message.
PASTED_SPD = (
    "After-Tax Contributions. In addition to your pre-tax and Roth 401(k) contributions, you may elect to "
    "make after-tax contributions of 1% to 10% of your eligible compensation each pay period, up to the "
    "annual IRS limit on total contributions. After-tax contributions are deducted from your pay after "
    "income taxes are withheld. In-Plan Roth Conversion. You may convert all or a portion of your after-tax "
    "contribution account, including earnings, to your Roth 401(k) account at any time through NetBenefits "
    "or by calling the Fidelity Retirement Service Center. Earnings converted are taxable in the year of "
    "conversion. Withdrawals While Employed. You may withdraw your after-tax contributions and their "
    "earnings at any time while employed, up to two times per plan year. Withdrawals of pre-tax "
    "contributions are not permitted before age 59 1/2 except for hardship."
)


def test_hmm_not_sure_at_a_document_proposal_is_not_sure() -> None:
    # Typed "hmm not sure" at "Your plan's document says yes (high confidence): 'You may convert ...'":
    # refused with "Is my reading right? Type Yes, No or Not sure" (the interview's questions read it).
    user = User(today=DECEMBER)
    first = user.type(PASTED_SPD)
    assert first.title.startswith("From your plan's document: After-tax")
    user.type("yep")
    reply = user.type("hmm not sure")
    assert reply.notice == "In-plan Roth conversion: not filled; I'll ask it as usual."
    assert "in_plan_conversion" not in user.answers()
    assert user.answers()["after_tax_allowed"] == "yes"


def test_a_hedged_or_plain_answer_at_a_document_proposal() -> None:
    user = User(today=DECEMBER)
    user.type(PASTED_SPD)
    user.type("yes thats right")
    assert user.answers()["after_tax_allowed"] == "yes"
    # "nope not that one" under "seems to say yes": the plan's no, or "your reading is wrong"? Asked once more
    reply = user.type("nope not that one")
    assert "in_plan_conversion" not in user.answers()
    assert reply.notice == ("You answered No; the sentence reads yes. To be sure, does your plan allow it? "
                            "No again keeps yours.")
    user.type("no")  # No answers the question on screen: the person's no
    assert user.answers()["in_plan_conversion"] == "no"


def test_the_cap_in_the_confirmed_document_sentence_bounds_the_room() -> None:
    # Typed "/spd docs/example-spd.txt" "yep" "yep" ... and at the cap question "no cap" (not knowing it).
    # The result read "After-tax room for 2026: $41,200" and "Per paycheck: $1,584.61 (19% of pay)" right
    # above "The plan caps after-tax contributions at 15% of pay" from the sentence the person confirmed.
    # By hand (2026, Notice 2025-67): 415(c) $72,000 - deferrals $24,500 - match 50% of 6% of $210,000
    # ($6,300) = $41,200; the plan's 15% of $210,000 = $31,500 is lower, so the room is $31,500.
    spd = Path(__file__).resolve().parents[1] / "docs" / "example-spd.txt"
    typed = [f"/spd {spd}", "yep", "yep", "yep", "401k", "2026", "31", "210k", "max", "50% up to 6%",
             "biweekly", "26", "no"]
    out = io.StringIO()
    run(io.StringIO("\n".join(typed) + "\n"), out, DECEMBER)
    chat = out.getvalue()
    assert "Plan's after-tax cap: 15% of pay, as your plan's document says ✓" in chat
    assert "Does the plan cap after-tax contributions" not in chat  # the document answered it
    assert "After-tax room for 2026: $31,500" in chat
    assert "$41,200" in chat.split("After-tax room for 2026:")[1]  # what the IRS limit alone would leave
    assert "(elect 15% of pay)" in chat


def test_pay_typed_185_comma_00_is_not_kept_as_185_dollars() -> None:
    # Typed "185,00" at pay: "Did you mean $185?"; "1" (Yes) kept pay of $185 a year, past the
    # "$185 a year? Did you mean $185,000?" that "185" alone gets.
    user = User(today=DECEMBER)
    user.types("403b", "yes", "yes", "1", "2026", "58")
    assert user.state == "compensation"
    reply = user.type("185,00")
    assert reply.lines[0] == "$185 a year? Did you mean $185,000?"
    user.type("1")
    assert user.answers()["compensation"] == "185000"


def test_deferrals_typed_23_comma_50_are_asked_as_thousands() -> None:
    user = User(today=DECEMBER)
    user.types("403b", "yes", "yes", "1", "2026", "58", "185k")
    reply = user.type("23,50")
    assert reply.lines[0] == "$23.50 deferred for the whole year? Did you mean $23,500?"
    user.type("1")
    assert user.answers()["employee_deferrals"] == "23500"



def test_help_says_how_to_give_the_plans_document() -> None:
    # Typed "/help" at the first question: the commands, and no word of sending the plan's document
    # (/spd PATH in the terminal, a PDF in Telegram), the one thing that settles the verdict.
    out = io.StringIO()
    run(io.StringIO("/help\n"), out, DECEMBER)
    assert "Your plan's document (SPD): type /spd and its path (a PDF or .txt)" in out.getvalue()


def test_help_in_telegram_says_to_send_the_pdf() -> None:
    from flows.commands import help_lines
    from flows.interview import new_conversation

    lines = help_lines(new_conversation(), "telegram")
    assert "Your plan's document (SPD): send its PDF here" in " ".join(lines)
    assert "/spd" not in " ".join(lines)


def test_a_monthly_deferral_in_a_whole_message_is_not_taken_as_the_years() -> None:
    # Typed "403b at work, I put in 1k a month": echoed "Got it: ... Your deferrals: $1,000" and kept,
    # $11,000 short of the $12,000 a year put in (the after-tax room overstated by as much).
    user = User(today=DECEMBER)
    reply = user.type("403b at work, I put in 1k a month")
    assert "employee_deferrals" not in user.answers()
    assert reply.lines[0] == "Did you mean $12,000 ($1,000 a month × 12)?"
    user.type("yes")
    assert user.answers()["employee_deferrals"] == "12000"


def test_pay_every_two_weeks_in_a_whole_message_is_not_a_years_pay() -> None:
    # Typed "I get paid 8k every two weeks, 401k, 35 yo": asked "$8,000 for the whole year, or is that a
    # month's pay ($96,000 a year)?", neither of which is the $208,000 said.
    user = User(today=DECEMBER)
    reply = user.type("I get paid 8k every two weeks, 401k, 35 yo")
    assert "compensation" not in user.answers()
    assert "$96,000" not in " ".join(reply.lines)
    assert user.answers()["pay_frequency"] == "biweekly"  # what was said is kept; the pay is asked


def test_a_couples_combined_income_is_not_this_jobs_pay() -> None:
    # Typed "my wife and I make 300k combined, my 401k allows after-tax": echoed "Pay: $300,000" and kept
    # as this employer's pay (it bounds 415(c) and the per-paycheck %).
    user = User(today=DECEMBER)
    reply = user.type("my wife and I make 300k combined, my 401k allows after-tax")
    assert "compensation" not in user.answers()
    assert "Pay:" not in (reply.notice or "")
    assert user.answers()["after_tax_allowed"] == "yes"


def test_the_difference_between_roth_and_after_tax_is_answered_by_contrasting_them() -> None:
    # Typed "what's the difference between roth and after-tax??" at the after-tax question: answered
    # only what after-tax money is, not how it differs from Roth deferrals.
    user = User(today=DECEMBER)
    user.type("403b")
    reply = user.type("what's the difference between roth and after-tax??")
    assert reply.notice is not None
    assert "part of your regular deferrals, under the same yearly deferral limit" in reply.notice
    assert "After-tax money is different" in reply.notice
    assert user.state == "after_tax_allowed"  # the same question again


def test_a_salary_said_beside_a_bonus_is_not_the_whole_pay() -> None:
    # Typed "salary 200k bonus 50k, maxing 401k, employer match 6k": echoed "Pay: $200,000" and kept;
    # the bonus is pay too (415(c)(3) compensation; the per-paycheck % is of it), so pay is asked.
    user = User(today=DECEMBER)
    reply = user.type("salary 200k bonus 50k, maxing 401k, employer match 6k")
    assert "compensation" not in user.answers()
    assert "Pay:" not in (reply.notice or "")


def test_a_sole_proprietor_can_put_money_in_quarterly_or_once_a_year() -> None:
    """Without a payroll, contributions may be quarterly or one sum a year; a payroll's employee is
    not offered either."""
    user = User(today=DECEMBER)
    user.types("solo 401k", "yes", "yes", "1", "2026", "45", "sole prop", "$100k net", "none", "max",
               "max")
    assert user.state == "pay_frequency"
    assert user.last is not None
    assert [c.label for c in user.last.choices][-2:] == ["Quarterly", "Once a year"]
    reply = user.type("quarterly")
    assert user.conv["answers"]["pay_frequency"] == "quarterly"
    assert reply.hint is not None
    assert "up to 4, as you put money in quarterly" in reply.hint
    once = User(today=DECEMBER)
    once.types("solo 401k", "yes", "yes", "1", "2026", "45", "sole prop", "$100k net", "none", "max",
               "max", "lump sum at year end")
    assert once.conv["answers"]["pay_frequency"] == "annually"
    employee = User(today=DECEMBER)
    employee.types("401k", "yes", "yes", "1", "2026", "45", "300k", "max", "none", "no cap")
    assert employee.state == "pay_frequency"
    refused = employee.type("quarterly")
    assert "pay_frequency" not in employee.conv["answers"]
    assert refused.notice is not None
    assert "Monthly" in refused.notice


def test_a_question_after_idk_or_ending_in_is_is_answered() -> None:
    """Typed by the lead on the verdict: 'idk what is after tax' was told what the screen takes."""
    user = User(today=DECEMBER)
    user.types("401k")
    reply = user.type("idk what is after tax")
    assert reply.notice is not None
    assert reply.notice.startswith("Money you put into the plan from pay that was already taxed")
    for asked in ("I dont know what an SPD is", "idk, what is an in-plan conversion",
                  "idk what after tax means"):
        answered = user.type(asked)
        assert answered.notice is not None
        assert not answered.notice.startswith("Please"), asked
