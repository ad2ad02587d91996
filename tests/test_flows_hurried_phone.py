"""Hurried people on a phone, through the terminal chat: what they typed that went wrong, now
right. A 403(b) teacher of 61, a solo 401(k) freelancer, someone whose plan says no after-tax."""

from __future__ import annotations

import io
from datetime import date

import pytest

from bot.terminal import run
from tests.flowkit import User

DECEMBER = date(2026, 12, 4)


def chat(lines: list[str]) -> str:
    out = io.StringIO()
    run(io.StringIO("\n".join(lines) + "\n"), out, DECEMBER)
    return out.getvalue()


def test_ye_is_yes() -> None:
    user = User(today=DECEMBER)
    user.tap("solo401k")
    user.type("ye")
    assert user.answers()["after_tax_allowed"] == "yes"


def test_no_day_job_is_not_a_no_to_the_plans_question() -> None:
    """'no day job' typed ahead at 'Does the plan allow in-plan Roth conversions?' was taken as No,
    which changed the verdict; it says nothing about the plan: asked again, nothing kept."""
    user = User(today=DECEMBER)
    user.taps("solo401k", "yes")
    reply = user.type("no day job")
    assert "in_plan_conversion" not in user.answers()
    assert user.state == "in_plan_conversion"
    assert reply.notice is not None
    assert reply.notice == ("That sounds like the answer to another question. Here, please type one of: "
                            "Yes, No, Not sure.")
    user.type("no in-plan conversion")  # a no about this question is still one
    assert user.answers()["in_plan_conversion"] == "no"


def test_a_freelancers_net_profit_is_echoed_as_net_profit_and_a_refusal_offers_only_what_applies() -> None:
    text = chat(["solo k", "ye", "y", "see my numbers", "2026", "34", "single member llc", "net about 95k",
                 "no day job", "max", "quartely"])
    assert "Net profit: $95,000 ✓" in text
    assert "Day-job deferrals: None ✓" in text
    # the business's profit-sharing takes dollars or the maximum: no match formula is offered
    assert "! I need dollars (e.g. 12,000), or 'the maximum' the business can put in." in text
    assert "match formula" not in text


def test_nxt_yr_is_next_year_and_its_alternatives_name_the_year_planned() -> None:
    """A plan without after-tax money, next year (2027, not published on 4 December 2026): the
    alternatives are for 2027 on 2026's limits, never labelled 2026. IRA limit 2026 $7,500 plus the
    $1,100 catch-up at 50+ (IRS Notice 2025-67): $8,600."""
    text = chat(["401k", "nope, my plan says no after tax", "what are my options", "nxt yr", "52"])
    assert "Tax year: 2027 (next year, provisional) ✓" in text
    assert "Instead, for 2027 (50+; on 2026 limits):" in text
    assert "• Backdoor Roth IRA: up to $8,600, whatever your income." in text
    assert "for 2026 (50+)" not in text


def test_a_plan_without_after_tax_for_a_year_that_is_over_says_when_its_alternatives_close() -> None:
    """2025 in March 2026: IRA and HSA contributions for 2025 are open until its filing deadline
    (IRC 219(f)(3), 408A(c)(7); Instructions for Form 8889), April 15, 2026.
    2025, age 52: IRA $7,000 + $1,000 catch-up (Notice 2024-80) = $8,000."""
    out = io.StringIO()
    run(io.StringIO("\n".join(["401k", "no", "1", "2025", "52"]) + "\n"), out, date(2026, 3, 2))
    text = out.getvalue()
    assert ("🔒 2025 is over: its IRA and HSA contributions close at its tax-filing deadline (April of the "
            "next year).") in text
    assert "Instead, for 2025 (50+):" in text
    assert "• Backdoor Roth IRA: up to $8,000, whatever your income." in text
    assert "is over" not in chat(["401k", "no", "1", "2026", "52"])


def test_a_year_whose_filing_deadline_is_behind_offers_no_ira_as_still_open() -> None:
    """2025 on 4 December 2026: its IRA and HSA contributions closed in April 2026; offering a 2025
    backdoor Roth IRA 'instead' sent her to do what can no longer be done. The limits stay, for checking."""
    text = chat(["401k", "no", "1", "2025", "52"])
    assert ("🔒 2025 and its tax-filing deadline (April 2026) are past: its IRA and HSA contributions "
            "are closed.") in text
    assert "2025's limits (50+), for checking:" in text
    assert "Instead, for 2025" not in text
    assert "• Backdoor Roth IRA: up to $8,000, whatever your income." in text


def test_a_figure_starting_with_1099_is_that_figure_not_a_form_name() -> None:
    """'10990' was read as the form name '1099' and a 0: deferrals of $0, taken silently."""
    user = User(today=DECEMBER)
    user.taps("401k", "yes", "yes", "continue", "2026")
    user.types("45", "109900")
    assert user.answers()["compensation"] == "109900"
    user.type("10990")
    assert user.answers()["employee_deferrals"] == "10990"


def test_rest_of_yr_is_the_paychecks_left_this_year() -> None:
    """4 December 2026, paid twice a month: 'rest of yr' is the estimate offered, 2 of 24
    (24 x 28/365 = 1.8, to the nearest)."""
    user = User(today=DECEMBER)
    user.taps("403b", "yes", "unsure", "unsure", "continue", "2026")
    user.types("61", "68,000", "max", "no match", "nope", "2x a month", "rest of yr")
    assert user.answers()["pay_periods_remaining"] == 2


def test_a_sole_proprietors_finished_year_names_no_payroll() -> None:
    """The seed's Maria, 2025 on 4 December 2026: the closed line speaks of her contributions, not a
    payroll she does not have; her business's profit-sharing for 2025 is not closed with the year
    (it may be paid until the business's return is due, extensions included: IRC 404(a)(6))."""
    text = chat(["solo 401k", "yes", "yep", "ok", "2025", "52", "sole prop", "300k", "no day job", "31k",
                 "30k", "16.5k", "no", "details"])
    assert ("🔒 2025 is over: its after-tax contributions are closed; the business's profit-sharing for it "
            "can go in until its tax return's due date.") in text
    assert "nothing more goes in" not in text
    assert "through payroll" not in text
    assert ("The business's profit-sharing for 2025 can still be paid until the due date of its 2025 tax "
            "return, extensions included (IRC 404(a)(6)).") in text  # Details


def test_a_solo_owner_who_is_not_sure_is_sent_to_the_provider_not_an_administrator() -> None:
    """A Solo 401(k) owner is the plan's administrator; the plan document they adopted is their
    provider's, so 'ask your plan administrator' sent them to themselves."""
    text = chat(["solo 401k", "idk"])
    assert "can't tell yet; your solo 401(k) provider can." in text
    assert "Ask your solo 401(k) provider (copy and send):" in text
    assert "1. Does my plan document allow after-tax (non-Roth) contributions" in text
    assert "plan administrator" not in text


def test_an_employees_plan_still_asks_the_plan_administrator() -> None:
    text = chat(["401k", "idk"])
    assert "Ask your plan administrator (copy and send):" in text
    assert "1. Does our plan allow after-tax (non-Roth) contributions" in text


def test_a_solo_owners_excess_in_a_finished_year_goes_to_the_provider_not_an_administrator() -> None:
    """2025, age 52, sole prop: $70,000 - $23,500 - $30,000 = $16,500 of room (Notice 2024-80); $60,000
    went in, $43,500 over. She is her plan's administrator: 'ask the plan administrator' sent her
    to herself."""
    text = chat(["solo 401k", "yes", "yep", "ok", "2025", "52", "sole prop", "300k", "no day job", "31k",
                 "30k", "60k", "no", "details"])
    assert ("Went in: $60,000. ⚠ That is $43,500 more than 2025's room: ask your solo 401(k) provider to "
            "correct it.") in text
    assert "2. Anything over a limit: ask your solo 401(k) provider to correct it" in text
    assert "plan administrator" not in text


EXCESS_2025 = ["401k", "yes", "yes", "1", "2025", "45", "300k", "30k", "1", "none", "no cap", "none", "1"]


def test_an_excess_deferral_whose_refund_date_is_behind_asks_for_no_refund_by_it() -> None:
    """2025, $30,000 deferred: $6,500 over the $23,500 limit (Notice 2024-80). On 4 December 2026 the
    refund date of 402(g)(2)(A)(ii), April 15, 2026, is behind her: 'refund the excess by April 15,
    2026' asked for what can no longer be done."""
    text = chat(EXCESS_2025)
    assert ("⚠ Your deferrals exceed your 402(g) limit by $6,500, and the refund date (April 15, 2026) has "
            "passed: the excess is taxed for the year deferred and again when paid out "
            "(IRC 402(g)(2)(A)(ii)); ask your plan administrator to correct it.") in text
    assert "refund the excess by April 15, 2026" not in text
    # Not refunded by April 15, the excess is an annual addition too (Treas. Reg. 1.415(c)-1(b)(1)(ii)):
    # 2025's $70,000 - all $30,000 deferred - no employer money = $40,000, not $70,000 - $23,500 = $46,500.
    assert ("Not refunded by then, it also counts toward the annual additions limit (Treas. Reg. "
            "1.415(c)-1(b)(1)(ii)): the year's after-tax room was then $40,000.") in text


def test_an_excess_deferral_before_its_refund_date_asks_for_the_refund() -> None:
    out = io.StringIO()
    run(io.StringIO("\n".join(EXCESS_2025) + "\n"), out, date(2026, 3, 2))
    assert "ask the plan to refund the excess by April 15, 2026 or it is taxed twice." in out.getvalue()


def test_a_corrected_year_says_why_the_age_comes_back() -> None:
    """'I'm 45 …' then 'wait, I meant 2025': the age was for another December 31, so it is asked
    again; the notice says so, or the person sees an answer they gave asked twice without a word."""
    text = chat(["I'm 45, make about half a million a year, maxing my 401k, employer adds 22.5k, plan "
                 "allows after-tax and in-plan conversion", "wait, I meant 2025", "1", "1"])
    assert "! Changed: Tax year: 2025. Age on Dec 31 depends on it: I'll ask again." in text
    assert "How old were you on December 31, 2025?" in text


def test_a_year_change_with_nothing_to_ask_again_says_only_the_change() -> None:
    text = chat(["401k", "wait, I meant 2025"])
    assert "! Changed: Tax year: 2025.\n" in text


@pytest.mark.parametrize("typed", ["all", "26 paychecks", "every paycheck"])
def test_paychecks_typed_at_what_went_in_for_a_finished_year_is_told_why(typed: str) -> None:
    """Dr. Chen's seed answers ('bi-weekly', 'all') met 2025's 'How much after-tax money went in?':
    'all' got 'I couldn't read that as a dollar amount', with no word that the paychecks are over."""
    text = chat(["401k", "yeah", "yeah", "1", "2025", "45", "$450k/yr", "max", "22.5k", "no cap", typed])
    assert ("! How much is that in dollars? I need the after-tax money already in for 2025 (your plan "
            "statement shows it), or None. (2025's paychecks are over, so I don't ask how many are left.)"
            ) in text
    assert "After-tax so far:" not in text
