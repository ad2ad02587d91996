"""402(g) deferrals and catch-up, the 415(c) annual additions limit, after-tax room, per paycheck."""

from __future__ import annotations

from decimal import Decimal

from rules.limits import Limits
from rules.models import PAY_PERIODS_PER_YEAR, PayFrequency
from rules.money import ZERO, cents_down, clamp_at_zero, percent

REGULAR_CATCH_UP_AGE = 50
SUPER_CATCH_UP_AGES = range(60, 64)  # 60, 61, 62, 63 on December 31


def catch_up_figure(limits: Limits, age: int) -> str:
    """Which catch-up applies at this age on December 31 (the limits figure's name)."""
    if age in SUPER_CATCH_UP_AGES and limits.catch_up_60_63 is not None:
        return "catch_up_60_63"
    return "catch_up_50"


def catch_up_limit(limits: Limits, age: int) -> Decimal:
    """Catch-up by age on December 31: 50+ regular, 60-63 the SECURE 2.0 amount (from 2025)."""
    if age < REGULAR_CATCH_UP_AGE:
        return ZERO
    if catch_up_figure(limits, age) == "catch_up_60_63" and limits.catch_up_60_63 is not None:
        return limits.catch_up_60_63
    return limits.catch_up_50


def deferral_limit(limits: Limits, age: int) -> Decimal:
    """The most this person may defer (pre-tax + Roth): 402(g) plus their catch-up."""
    return limits.elective_deferral_limit + catch_up_limit(limits, age)


def counted_deferrals(limits: Limits, deferrals: Decimal) -> Decimal:
    """Deferrals that count toward 415(c): those up to the 402(g) base limit (catch-up excluded)."""
    return min(deferrals, limits.elective_deferral_limit)


def catch_up_deferrals(limits: Limits, age: int, deferrals: Decimal) -> Decimal:
    """The part of the deferrals that is catch-up (above the base limit, within the catch-up)."""
    above_base = clamp_at_zero(deferrals - limits.elective_deferral_limit)
    return min(above_base, catch_up_limit(limits, age))


def excess_deferrals(limits: Limits, age: int, deferrals: Decimal) -> Decimal:
    return clamp_at_zero(deferrals - deferral_limit(limits, age))


def annual_additions_limit(limits: Limits, compensation: Decimal | None) -> Decimal:
    """415(c): the lesser of the dollar limit and 100% of compensation."""
    if compensation is None:
        return limits.annual_additions_limit
    return min(limits.annual_additions_limit, compensation)


def plan_after_tax_cap(limits: Limits, compensation: Decimal, cap_percent: Decimal) -> Decimal:
    """The plan's own cap: a % of pay, with pay capped at the 401(a)(17) limit."""
    return percent(cap_percent) * min(compensation, limits.compensation_limit)


def after_tax_room(
    additions_limit: Decimal,
    counted: Decimal,
    employer: Decimal,
    plan_cap: Decimal | None,
) -> Decimal:
    """What is left of the annual additions limit after deferrals and employer money."""
    room = clamp_at_zero(additions_limit - counted - employer)
    if plan_cap is not None:
        room = min(room, plan_cap)
    return room


def excess_annual_additions(additions_limit: Decimal, counted: Decimal, employer: Decimal) -> Decimal:
    return clamp_at_zero(counted + employer - additions_limit)


def paychecks_left(frequency: PayFrequency, remaining: int | None) -> int:
    return remaining if remaining is not None else PAY_PERIODS_PER_YEAR[frequency]


def per_paycheck(room: Decimal, paychecks: int) -> Decimal:
    """Even after-tax contribution per remaining paycheck, rounded down so it never overshoots."""
    return cents_down(room / paychecks)


def pay_for_plan_formulas(limits: Limits, pay: Decimal) -> Decimal:
    """Pay that plan formulas (match, % contributions) may use: capped at 401(a)(17)."""
    return min(pay, limits.compensation_limit)


def percent_of_pay_contribution(limits: Limits, pay: Decimal, rate_percent: Decimal) -> Decimal:
    """An employer contribution of a flat % of pay (e.g. a 5% nonelective contribution)."""
    return percent(rate_percent) * pay_for_plan_formulas(limits, pay)


def match_contribution(
    limits: Limits, *, pay: Decimal, deferrals: Decimal, match_percent: Decimal, up_to_percent: Decimal
) -> Decimal:
    """'50% up to 6%': the employer adds 50% of deferrals, on deferrals up to 6% of (capped) pay."""
    matched_deferrals = min(deferrals, percent(up_to_percent) * pay_for_plan_formulas(limits, pay))
    return percent(match_percent) * matched_deferrals
