"""The interview's named conditions over the facts: when a question is asked, read as rules.

Each is a plain function of the answers so far (``Facts``); the questions name them
(``applies=after_tax_possible``) and the diagram (``python -m flows.diagram``) prints them beside
the questions of each stage, so the rulebook reads the same in code and in the drawing.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from flows.facts import Facts
from rules.limits import limits_for
from rules.models import PAY_PERIODS_PER_YEAR, Answer, PayFrequency, Route

Condition = Callable[[Facts], bool]


def always(_: Facts) -> bool:
    return True


def is_solo(facts: Facts) -> bool:
    """A solo 401(k): the person is employer and employee."""
    return facts.is_solo


def is_sole_prop(facts: Facts) -> bool:
    """A solo 401(k) of a sole proprietor (net profit, owner's draws)."""
    return facts.is_sole_prop


def not_457b(facts: Facts) -> bool:
    """A 401(k) or 403(b): a governmental 457(b) takes no after-tax money."""
    return facts.plan_type.value != "457b"


def said_after_tax(facts: Facts) -> bool:
    """The plan takes after-tax contributions (said Yes)."""
    return facts.after_tax_allowed is Answer.YES


def needs_withdrawal_route(facts: Facts) -> bool:
    """After-tax money, and in-plan conversion not known to be there: ask about withdrawals."""
    return said_after_tax(facts) and facts.in_plan_conversion is not Answer.YES


def after_tax_possible(facts: Facts) -> bool:
    """After-tax money may go in (Yes or Not sure): there is a room to work out."""
    return facts.after_tax_possible


def solo_with_after_tax(facts: Facts) -> bool:
    return facts.is_solo and facts.after_tax_possible


def employee_plan_with_after_tax(facts: Facts) -> bool:
    """A plan through a job (not solo) that may take after-tax money."""
    return facts.after_tax_possible and not facts.is_solo


def paychecks_to_come(facts: Facts) -> bool:
    """After-tax room and a year not over: what goes in, and how often, is still to come."""
    return facts.after_tax_possible and not facts.year_closed


def deferrals_left_here(facts: Facts) -> bool:
    """This plan can still take deferrals (a day job may have used the whole limit); an answer
    already given stays, so an excess is never hidden."""
    return facts.after_tax_possible and (
        facts.answered("employee_deferrals") or facts.deferral_room_here > 0)


def has_employer_money(facts: Facts) -> bool:
    return facts.has_employer_money


def has_match_formula(facts: Facts) -> bool:
    """The employer matches a share of deferrals ("50% up to 6%")."""
    return facts.has_match_formula


def sole_prop_with_day_job(facts: Facts) -> bool:
    """A sole proprietor with after-tax room who defers at a day job (or has said its wages): its
    Social Security wages change the business's self-employment tax (Schedule SE)."""
    return (facts.is_solo and facts.is_sole_prop and facts.after_tax_possible
            and (facts.value("day_job_deferrals") not in (None, "0") or facts.answered("day_job_ss_wages")))


def has_pretax_ira_balance(facts: Facts) -> bool:
    """A pre-tax IRA balance was given: basis from earlier years may lower the backdoor's tax."""
    return facts.wants_extras and facts.value("pretax_ira_balance") not in (None, "0")


def max_paychecks(facts: Facts) -> int:
    """Paychecks in a whole year at the pay frequency given (weekly when not given yet)."""
    raw = facts.value("pay_frequency")
    return PAY_PERIODS_PER_YEAR[PayFrequency(raw)] if raw else 52


def some_paychecks_passed(facts: Facts) -> bool:
    """The year is underway and not every paycheck is left, or the year is over: money may be in."""
    if facts.after_tax_possible and facts.year_closed:
        return True
    left = facts.value("pay_periods_remaining")
    return facts.after_tax_possible and facts.year_underway and (left is None or left < max_paychecks(facts))


def wants_extras(facts: Facts) -> bool:
    """The person asked for the optional checks."""
    return facts.wants_extras


def told_filing_status(facts: Facts) -> bool:
    return facts.wants_extras and facts.value("filing_status") is not None


def employee_with_extras(facts: Facts) -> bool:
    return facts.wants_extras and not facts.is_solo and facts.after_tax_possible


def match_may_stop_early(facts: Facts) -> bool:
    """A match per paycheck with no true-up said: front-loading may lose match."""
    return (facts.wants_extras and facts.has_match_formula and not facts.year_closed
            and facts.value("true_up") != Answer.YES.value)


def employee_match_with_extras(facts: Facts) -> bool:
    return facts.wants_extras and not facts.is_solo and facts.has_employer_money


def is_withdrawal_route(facts: Facts) -> bool:
    return facts.wants_extras and facts.route is Route.IN_SERVICE_WITHDRAWAL


def withdrawal_may_carry_pretax(facts: Facts) -> bool:
    """A withdrawal without separate accounting carries pre-tax money in proportion."""
    return is_withdrawal_route(facts) and facts.value("separate_accounting") != Answer.YES.value


def told_pretax_balance(facts: Facts) -> bool:
    return withdrawal_may_carry_pretax(facts) and facts.value("pretax_balance") is not None


def catch_up_may_be_roth(facts: Facts) -> bool:
    """From 2026 a catch-up must be Roth above a FICA-wage threshold: 50+ and an employee or S-corp owner."""
    limits = limits_for(facts.tax_year)
    return (facts.wants_extras and limits.roth_catch_up_enforced and (facts.age or 0) >= limits.catch_up_age
            and not facts.is_sole_prop)


def wants_extras_with_after_tax(facts: Facts) -> bool:
    return facts.wants_extras and facts.after_tax_possible


def has_tax_to_price(facts: Facts) -> bool:
    """Earnings wait to convert, or a pre-tax IRA balance makes a backdoor Roth IRA partly taxable."""
    slow = facts.value("conversion_frequency") not in (None, "immediate")
    ira = facts.value("pretax_ira_balance")
    return facts.wants_extras and (slow or (ira is not None and Decimal(ira) > 0))


def told_expected_return(facts: Facts) -> bool:
    return facts.wants_extras and facts.value("expected_return_percent") is not None
