"""Keeping the match: the per-paycheck deferral % that reaches the deferral limit on the last
paycheck without falling below the match's 'up to' %, and what front-loading loses without a
year-end true-up (the match is computed per paycheck, on pay up to the 401(a)(17) limit)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from math import ceil

from rules.contributions import LeftAfterElsewhere, deferral_room
from rules.limits import Limits
from rules.models import PAY_PERIODS_PER_YEAR, Answer, AssessmentInput, PayFrequency
from rules.money import HUNDRED, ZERO, clamp_at_zero, hundredths_up, percent

ASSUMED_FREQUENCY = PayFrequency.BIWEEKLY  # when the pay frequency is not given (stated in details)


@dataclass(frozen=True)
class MatchPlan:
    deferral_percent_per_paycheck: Decimal
    match_lost_if_front_loaded: Decimal | None
    match_stops_after_paycheck: int | None  # 401(a)(17) ends the match before year end
    paychecks: int
    frequency_assumed: bool
    limit_reached_on_paycheck: int | None = None  # at the steady %; None: not within the year


@dataclass(frozen=True)
class Payroll:
    pay: Decimal
    paychecks: int
    capacity: Decimal  # deferrals this plan can take this year (402(g) + catch-up left)
    match_percent: Decimal
    up_to_percent: Decimal
    tiers: tuple[tuple[Decimal, Decimal], ...] = ()  # (match %, % of pay) bands; () = one tier

    @property
    def bands(self) -> tuple[tuple[Decimal, Decimal], ...]:
        return self.tiers or ((self.match_percent, self.up_to_percent),)


def _matched(payroll: Payroll, deferral: Decimal, matchable_pay: Decimal) -> Decimal:
    """One paycheck's match: each tier's rate on the deferral within its band of matchable pay."""
    lower = earned = ZERO
    for rate, width in payroll.bands:
        band = percent(width) * matchable_pay
        earned += percent(rate) * min(clamp_at_zero(deferral - lower), band)
        lower += band
    return earned


def match_earned(limits: Limits, payroll: Payroll, deferral_percent: Decimal) -> Decimal:
    """Sum of the per-paycheck match when deferring ``deferral_percent`` of each paycheck until the
    limit is reached; pay counts for the match only up to the 401(a)(17) limit for the year."""
    per_paycheck = payroll.pay / payroll.paychecks
    paid = deferred = earned = ZERO
    for _ in range(payroll.paychecks):
        matchable_pay = min(per_paycheck, clamp_at_zero(limits.compensation_limit - paid))
        deferral = min(per_paycheck * percent(deferral_percent), payroll.capacity - deferred)
        earned += _matched(payroll, deferral, matchable_pay)
        paid += per_paycheck
        deferred += deferral
    return earned


def last_matched_paycheck(limits: Limits, payroll: Payroll) -> int | None:
    """The paycheck in which year-to-date pay reaches the 401(a)(17) limit, if before the last."""
    if payroll.pay <= limits.compensation_limit:
        return None
    return ceil(limits.compensation_limit * payroll.paychecks / payroll.pay)


def steady_deferral_percent(payroll: Payroll) -> Decimal:
    """Reach the deferral limit on the last paycheck, never below the match's 'up to' %."""
    even = hundredths_up(payroll.capacity / payroll.pay * HUNDRED)
    return min(HUNDRED, max(even, payroll.up_to_percent))  # never more than the whole paycheck


def limit_reached_on(payroll: Payroll, deferral_percent: Decimal) -> int | None:
    """The paycheck whose deferral reaches the deferral limit at this %, or None within the year."""
    per_paycheck = payroll.pay / payroll.paychecks * percent(deferral_percent)
    if per_paycheck <= 0:
        return None
    reached = ceil(payroll.capacity / per_paycheck) if payroll.capacity > 0 else 1
    return reached if reached <= payroll.paychecks else None


def keep_the_match(limits: Limits, inp: AssessmentInput, left: LeftAfterElsewhere) -> MatchPlan | None:
    tiers = inp.tiers
    if tiers is None or not inp.compensation:
        return None
    capacity = deferral_room(left, ZERO)
    frequency = inp.pay_frequency or ASSUMED_FREQUENCY
    payroll = Payroll(
        pay=inp.compensation, paychecks=PAY_PERIODS_PER_YEAR[frequency], capacity=capacity,
        match_percent=tiers[0][0], up_to_percent=sum((width for _, width in tiers), ZERO), tiers=tiers,
    )
    steady = steady_deferral_percent(payroll)
    lost = None
    if inp.deferral_percent is not None:
        lost = ZERO
        if inp.true_up is not Answer.YES:
            lost = clamp_at_zero(
                match_earned(limits, payroll, steady) - match_earned(limits, payroll, inp.deferral_percent)
            )
    return MatchPlan(
        deferral_percent_per_paycheck=steady,
        match_lost_if_front_loaded=lost,
        match_stops_after_paycheck=last_matched_paycheck(limits, payroll),
        paychecks=payroll.paychecks,
        frequency_assumed=inp.pay_frequency is None,
        limit_reached_on_paycheck=limit_reached_on(payroll, steady),
    )
