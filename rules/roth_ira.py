"""Roth IRA direct contribution allowed (IRS Pub 590-A, Worksheet 2-2) and the backdoor."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from rules.limits import Limits
from rules.models import FilingStatus, IraRoute
from rules.money import ZERO, cents, round_up_to


def ira_dollar_limit(limits: Limits, age: int) -> Decimal:
    catch_up = limits.ira_catch_up if age >= limits.ira_catch_up_age else ZERO
    return limits.ira_limit + catch_up


def completely_phased_out(limits: Limits, status: FilingStatus, magi: Decimal) -> bool:
    """Zero only at or above the end of the range, tested on the unrounded MAGI (IRC 219(g)(2)(B))."""
    return magi >= limits.roth_ira_phase_out[status].end


def phase_out_ratio(limits: Limits, status: FilingStatus, magi: Decimal) -> Decimal:
    """Worksheet lines 2-5: share of the range used, to three places, at most 1.000."""
    band = limits.roth_ira_phase_out[status]
    ratio = (magi - band.start) / band.width
    places = Decimal(1).scaleb(-limits.roth_ira_ratio_places)
    return min(Decimal(1), max(ZERO, ratio)).quantize(places, rounding=ROUND_HALF_UP)


def roth_ira_direct_limit(
    limits: Limits,
    *,
    age: int,
    status: FilingStatus,
    magi: Decimal,
    compensation: Decimal | None,
) -> Decimal:
    """Worksheet lines 6-8: reduce, round up to the next $10, keep at least $200 until MAGI
    reaches the end of the range; never more than line 6 (the dollar limit or pay)."""
    line6 = ira_dollar_limit(limits, age)
    if compensation is not None:
        line6 = min(line6, compensation)
    if completely_phased_out(limits, status, magi):
        return ZERO
    ratio = phase_out_ratio(limits, status, magi)
    if ratio == 0:
        return line6
    line8 = max(round_up_to(line6 - ratio * line6, limits.roth_ira_rounding_step), limits.roth_ira_minimum)
    return min(line8, line6)


def _ratio(part: Decimal, whole: Decimal, places: int) -> Decimal:
    if whole <= 0:
        return Decimal(1)
    return min(Decimal(1), part / whole).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def backdoor_taxable_amount(
    limits: Limits, *, converted: Decimal, pretax_ira_balance: Decimal, prior_basis: Decimal = ZERO
) -> Decimal:
    """Form 8606 Part I and II for a nondeductible contribution converted the same year, no other
    distribution: line 3 = the contribution + basis from earlier years (line 2); line 10 = line 5
    (= line 3) / (December 31 balance + conversion), to three places; nontaxable = conversion x
    line 10 (line 11 = line 17); taxable = line 16 - line 17."""
    line9 = pretax_ira_balance + converted  # lines 6 + 7 + 8
    line10 = _ratio(converted + prior_basis, line9, limits.form_8606_ratio_places)  # line 5 / line 9
    return converted - cents(converted * line10)


def ira_route(direct_limit: Decimal, full_limit: Decimal) -> IraRoute:
    if direct_limit >= full_limit:
        return IraRoute.DIRECT
    if direct_limit > 0:
        return IraRoute.PARTIAL_DIRECT
    return IraRoute.BACKDOOR
