"""Roth IRA direct contribution allowed (IRS Pub 590-A, Worksheet 2-2) and the backdoor."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from rules.limits import Limits
from rules.models import FilingStatus, IraRoute
from rules.money import ZERO, round_up_to

IRA_CATCH_UP_AGE = 50
RATIO_PLACES = Decimal("0.001")
ROUNDING_STEP = Decimal(10)
FLOOR = Decimal(200)


def ira_dollar_limit(limits: Limits, age: int) -> Decimal:
    catch_up = limits.ira_catch_up if age >= IRA_CATCH_UP_AGE else ZERO
    return limits.ira_limit + catch_up


def phase_out_ratio(limits: Limits, status: FilingStatus, magi: Decimal) -> Decimal:
    """Worksheet lines 2-5: share of the range used, to three places, at most 1.000."""
    band = limits.roth_ira_phase_out[status]
    ratio = (magi - band.start) / band.width
    return min(Decimal(1), max(ZERO, ratio)).quantize(RATIO_PLACES, rounding=ROUND_HALF_UP)


def roth_ira_direct_limit(
    limits: Limits,
    *,
    age: int,
    status: FilingStatus,
    magi: Decimal,
    compensation: Decimal | None,
) -> Decimal:
    """Worksheet lines 6-8: reduce, round up to the next $10, keep at least $200 until zero."""
    line6 = ira_dollar_limit(limits, age)
    if compensation is not None:
        line6 = min(line6, compensation)
    ratio = phase_out_ratio(limits, status, magi)
    if ratio == 0:
        return line6
    if ratio == 1:
        return ZERO
    line8 = round_up_to(line6 - ratio * line6, ROUNDING_STEP)
    return max(line8, FLOOR) if line8 > 0 else ZERO


def ira_route(direct_limit: Decimal, full_limit: Decimal) -> IraRoute:
    if direct_limit >= full_limit:
        return IraRoute.DIRECT
    if direct_limit > 0:
        return IraRoute.PARTIAL_DIRECT
    return IraRoute.BACKDOOR
