"""402(g) deferrals and catch-up, the 415(c) annual additions limit, after-tax room, per paycheck."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from rules.limits import Limits
from rules.models import PAY_PERIODS_PER_YEAR, AssessmentInput, PayFrequency
from rules.money import SMALLEST_CONTRIBUTION, ZERO, cents_down, clamp_at_zero, percent


class Deferrals(NamedTuple):
    """How a year's elective deferrals are treated (Treas. Reg. 1.414(v)-1).

    ``counted``: they count toward 415(c) (all but catch-up and excess).
    ``catch_up``: above the lowest applicable limit, within the catch-up limit: on top of 415(c).
    ``excess``: above 402(g) plus the catch-up actually available, in this plan and in other
    employers' plans (to be refunded by April 15).
    """

    counted: Decimal
    catch_up: Decimal
    excess: Decimal


def catch_up_figure(limits: Limits, age: int) -> str:
    """Which catch-up applies at this age on December 31 (the limits figure's name)."""
    low, high = limits.super_catch_up_age_min, limits.super_catch_up_age_max
    if low is not None and high is not None and low <= age <= high and limits.catch_up_60_63 is not None:
        return "catch_up_60_63"
    return "catch_up_50"


def catch_up_limit(limits: Limits, age: int) -> Decimal:
    """Catch-up by age on December 31: 50+ regular, 60-63 the SECURE 2.0 amount (from 2025)."""
    if age < limits.catch_up_age:
        return ZERO
    if catch_up_figure(limits, age) == "catch_up_60_63" and limits.catch_up_60_63 is not None:
        return limits.catch_up_60_63
    return limits.catch_up_50


def deferral_limit(limits: Limits, age: int) -> Decimal:
    """The most this person may defer (pre-tax + Roth): 402(g) plus their catch-up."""
    return limits.elective_deferral_limit + catch_up_limit(limits, age)


class LeftAfterElsewhere(NamedTuple):
    """402(g) and the catch-up are one limit per person across every plan (IRC 402(g)(1)): what
    other employers' plans used, base limit first, then catch-up; beyond both is an excess."""

    base: Decimal
    catch_up: Decimal
    excess_elsewhere: Decimal
    plan_base: Decimal  # this plan's own 402(g) limit (IRC 401(a)(30): per employer's plans)
    plan_catch_up: Decimal  # this plan's own catch-up limit (Treas. Reg. 1.414(v)-1(f)(2))


def left_after_elsewhere(limits: Limits, age: int, elsewhere: Decimal) -> LeftAfterElsewhere:
    catch_up = catch_up_limit(limits, age)
    full = limits.elective_deferral_limit
    if not elsewhere:
        return LeftAfterElsewhere(full, catch_up, ZERO, full, catch_up)
    base_used = min(elsewhere, full)
    over_base = elsewhere - base_used
    return LeftAfterElsewhere(
        base=full - base_used,
        catch_up=clamp_at_zero(catch_up - over_base),
        excess_elsewhere=clamp_at_zero(over_base - catch_up),
        plan_base=full,
        plan_catch_up=catch_up,
    )


def deferral_room(left: LeftAfterElsewhere, deferrals: Decimal) -> Decimal:
    """What this plan can still take as employee deferrals, after other plans' and its own."""
    return clamp_at_zero(left.base + left.catch_up - deferrals)


def treat_deferrals(
    left: LeftAfterElsewhere, *, deferrals: Decimal, additions_limit: Decimal | None,
    employer: Decimal, pay: Decimal | None,
) -> Deferrals:
    """The person's 402(g) limit (plus catch-up) is one across every plan: what this plan's
    deferrals add above what is left after other employers' plans is an excess deferral, refunded
    (Treas. Reg. 1.402(g)-1(e)), so not an annual addition (1.415(c)-1(b)(1)(ii)). Of what is kept,
    deferrals above the lowest limit *of this plan* (its own 402(g) limit, IRC 401(a)(30), or
    415(c) less the employer money) are catch-up, up to its catch-up limit and to pay minus the
    other deferrals (1.414(v)-1(b) and (c)); an unrelated employer's plan does not make this
    plan's deferrals catch-up (1.414(v)-1(a)(1))."""
    excess_here = clamp_at_zero(deferrals - left.base - left.catch_up)
    kept = deferrals - excess_here
    lowest = left.plan_base
    if additions_limit is not None:
        lowest = min(lowest, clamp_at_zero(additions_limit - employer))
    within = min(kept, lowest)
    cap = left.plan_catch_up
    if pay is not None:
        cap = min(cap, clamp_at_zero(pay - within))
    catch_up = min(kept - within, cap)
    return Deferrals(
        counted=kept - catch_up,
        catch_up=catch_up,
        excess=excess_here + left.excess_elsewhere,
    )


def within_402g(left: LeftAfterElsewhere, deferrals: Decimal) -> Decimal:
    """This plan's deferrals within its own 402(g) limit, less any excess refunded (before 415(c)
    is known: for the solo employer maximum)."""
    kept = deferrals - clamp_at_zero(deferrals - left.base - left.catch_up)
    return min(kept, left.plan_base)


def pay_from_parts(parts: tuple[Decimal, ...]) -> Decimal:
    """Pay said in parts ("180k base + 20k bonus"): the year's compensation is their sum, since
    bonuses, commissions and overtime are compensation (Treas. Reg. 1.415(c)-2(b)(1))."""
    return sum(parts, ZERO)


def employer_money_from_parts(parts: tuple[Decimal, ...]) -> Decimal:
    """Employer money said in parts ("11,250 match plus 11,250 profit sharing"): both are
    employer contributions, annual additions alike (26 U.S.C. 415(c)(2)(A)), so they add up."""
    return sum(parts, ZERO)


def annual_additions_limit(limits: Limits, compensation: Decimal | None) -> Decimal:
    """415(c): the lesser of the dollar limit and 100% of compensation."""
    if compensation is None:
        return limits.annual_additions_limit
    return min(limits.annual_additions_limit, compensation)


def deferrals_for_percent(limits: Limits, compensation: Decimal, rate_percent: Decimal) -> Decimal:
    """Deferrals elected as a % of pay: that % of pay capped at the 401(a)(17) limit (compensation
    taken into account under the plan), rounded down to the cent."""
    return cents_down(percent(rate_percent) * min(compensation, limits.compensation_limit))


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
    return room if room >= SMALLEST_CONTRIBUTION else ZERO


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


def tiered_match(
    limits: Limits, *, pay: Decimal, deferrals: Decimal, tiers: tuple[tuple[Decimal, Decimal], ...]
) -> Decimal:
    """'100% of the first 3% plus 50% of the next 2%': each tier matches its rate of the deferrals
    that fall in its band of (401(a)(17)-capped) pay."""
    capped = pay_for_plan_formulas(limits, pay)
    lower = earned = ZERO
    for rate, width in tiers:
        band = percent(width) * capped
        earned += percent(rate) * min(clamp_at_zero(deferrals - lower), band)
        lower += band
    return earned


def match_contribution(
    limits: Limits, *, pay: Decimal, deferrals: Decimal, match_percent: Decimal, up_to_percent: Decimal
) -> Decimal:
    """'50% up to 6%': the employer adds 50% of deferrals, on deferrals up to 6% of (capped) pay."""
    return tiered_match(limits, pay=pay, deferrals=deferrals, tiers=((match_percent, up_to_percent),))


def formula_match(limits: Limits, inp: AssessmentInput) -> Decimal | None:
    """The employer money from the input's formulas: the match on this plan's deferrals plus a
    nonelective % of pay (None: no formula)."""
    tiers = inp.tiers
    if (tiers is None and inp.nonelective_percent is None) or inp.compensation is None:
        return None
    total = ZERO
    if tiers is not None:
        total += tiered_match(limits, pay=inp.compensation, deferrals=inp.employee_deferrals, tiers=tiers)
    if inp.nonelective_percent is not None:
        total += percent_of_pay_contribution(limits, inp.compensation, inp.nonelective_percent)
    return total
