"""What the year's after-tax room means for the next paychecks: what is left after the after-tax
money already in, per paycheck in dollars and as a whole % election within the plan's cap, what a
paycheck can hold after its deferral, and whether the plan's own cap is what limits the room."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal
from typing import NamedTuple

from rules.contributions import after_tax_room, per_paycheck, plan_after_tax_cap
from rules.limits import Limits
from rules.models import PAY_PERIODS_PER_YEAR, AssessmentInput, BusinessType, Paychecks
from rules.money import CENT, HUNDRED, ZERO, cents_down, clamp_at_zero

#: A share of pay worked to six places before it is cut to a whole %: Decimal division leaves
#: 7.999...9 where the share is exactly 8% (not law: arithmetic precision).
SHARE_PLACES = Decimal("0.000001")


class Payroll(NamedTuple):
    gross: Decimal | None  # one gross paycheck
    per_year: int
    left: int  # paychecks left
    deferrals: Decimal
    cap_percent: Decimal | None
    has_payroll: bool  # a sole proprietor elects no % of pay


def payroll_of(inp: AssessmentInput) -> Payroll | None:
    if inp.pay_frequency is None:
        return None
    per_year = PAY_PERIODS_PER_YEAR[inp.pay_frequency]
    gross = None if not inp.compensation else inp.compensation / per_year
    sole_prop = inp.is_solo and inp.solo_business is BusinessType.SOLE_PROP
    return Payroll(gross, per_year, inp.pay_periods_remaining or per_year, inp.employee_deferrals,
                   inp.after_tax_cap_percent, not sole_prop)


def _exact_capacity(payroll: Payroll) -> Decimal | None:
    """The most one paycheck can take in after-tax money: what is left of it after its deferral, and
    no more than the plan's % cap of that paycheck (an election is a % of each paycheck)."""
    if payroll.gross is None:
        return None
    after_deferral = clamp_at_zero(payroll.gross - payroll.deferrals / payroll.per_year)
    if payroll.cap_percent is None or not payroll.has_payroll:
        return after_deferral
    return min(after_deferral, payroll.gross * payroll.cap_percent / HUNDRED)


def whole_percent(amount: Decimal, payroll: Payroll) -> int | None:
    """``amount`` as a whole % of a gross paycheck, rounded down (never overshooting), within the
    plan's own % cap."""
    if payroll.gross is None or payroll.gross <= 0 or not payroll.has_payroll:
        return None
    exact = (amount * HUNDRED / payroll.gross).quantize(SHARE_PLACES)
    percent = int(exact.to_integral_value(rounding=ROUND_FLOOR))
    if payroll.cap_percent is not None:
        percent = min(percent, int(payroll.cap_percent.to_integral_value(rounding=ROUND_FLOOR)))
    return percent


def _percent_amount(percent: int | None, payroll: Payroll) -> Decimal | None:
    if not percent or payroll.gross is None:
        return None
    return cents_down(payroll.gross * percent / HUNDRED)


def paychecks(inp: AssessmentInput, room: Decimal) -> Paychecks:
    already = inp.after_tax_so_far or ZERO
    left, over = clamp_at_zero(room - already), clamp_at_zero(already - room)
    payroll = None if inp.contributions_closed else payroll_of(inp)  # a closed year: no paychecks left
    if payroll is None:
        return Paychecks(left, over, None, None, None, None, None)
    even = per_paycheck(left, payroll.left)
    exact = _exact_capacity(payroll)
    capacity = None if exact is None else cents_down(exact)
    if capacity is not None and exact is not None and even > capacity:
        percent = whole_percent(exact, payroll)
        return Paychecks(left, over, capacity, percent, _percent_amount(percent, payroll), capacity,
                         capacity * payroll.left)
    # the % is worked from the exact share, not the cents-rounded one: a room of exactly 10% of
    # pay is "elect 10%", not 9% (rounding down twice lost a point)
    percent = whole_percent(left / payroll.left, payroll)
    return Paychecks(left, over, even, percent, _percent_amount(percent, payroll), capacity, None)


class BindingCap(NamedTuple):
    cap: Decimal  # the plan's after-tax cap in dollars
    without: Decimal  # the room the IRS limit alone would leave


def binding_cap(
    inp: AssessmentInput, limits: Limits, *, additions_limit: Decimal | None, counted: Decimal,
    employer: Decimal, room: Decimal,
) -> BindingCap | None:
    """The plan's % cap, when it is what limits the room."""
    if inp.after_tax_cap_percent is None or inp.compensation is None or additions_limit is None:
        return None
    cap = cents_down(plan_after_tax_cap(limits, inp.compensation, inp.after_tax_cap_percent))
    without = after_tax_room(additions_limit, counted, employer, None)
    if cap < without and abs(room - cap) < CENT:
        return BindingCap(cap, without)
    return None
