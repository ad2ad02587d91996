"""What the year's room means for the next paychecks: what is left after the after-tax money
already in, per paycheck in dollars and as a whole % election, and what a paycheck can hold.

The legal figures (room, the plan's cap, the even split rounded down) come from the rules
package; this module only turns them into what payroll takes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from rules.contributions import after_tax_room, per_paycheck, plan_after_tax_cap
from rules.limits import limits_for
from rules.money import cents_down

ZERO = Decimal(0)


@dataclass(frozen=True)
class Situation:
    """What the flow knows beyond the engine's input: the words and the paychecks."""

    plan_name: str = "401(k)"
    sole_prop: bool = False
    pay: Decimal | None = None
    deferrals: Decimal = ZERO
    per_year: int | None = None
    paychecks_left: int | None = None
    already_in: Decimal = ZERO
    cap_percent: Decimal | None = None
    employer_max_chosen: bool = False
    fica_proxy: bool = False
    age: int | None = None
    admin_unknown: tuple[int, ...] = ()
    elsewhere: Decimal = ZERO  # employee deferrals to other plans this year
    room_here: Decimal | None = None  # deferrals this plan can take after them (before its own)


@dataclass(frozen=True)
class Paychecks:
    left: Decimal  # room minus what is already in
    per_paycheck: Decimal | None
    percent: int | None  # whole % of each gross paycheck, rounded down, within the plan's cap
    capacity: Decimal | None  # a paycheck after its deferral: the most it can hold
    most_this_year: Decimal | None  # set when the even split does not fit in a paycheck


def gross_paycheck(situation: Situation) -> Decimal | None:
    if situation.pay is None or not situation.per_year:
        return None
    return situation.pay / situation.per_year


def _exact_capacity(situation: Situation) -> Decimal | None:
    gross = gross_paycheck(situation)
    if gross is None or situation.per_year is None:
        return None
    return max(gross - situation.deferrals / situation.per_year, ZERO)


def _capacity(situation: Situation) -> Decimal | None:
    exact = _exact_capacity(situation)
    return None if exact is None else cents_down(exact)


def _whole_percent(amount: Decimal, situation: Situation) -> int | None:
    gross = gross_paycheck(situation)
    if gross is None or gross <= 0:
        return None
    # quantized first: Decimal division leaves 7.999...9 where the share is exactly 8%
    exact = (amount * 100 / gross).quantize(Decimal("0.000001"))
    percent = int(exact.to_integral_value(rounding=ROUND_FLOOR))
    if situation.cap_percent is not None:
        percent = min(percent, int(situation.cap_percent.to_integral_value(rounding=ROUND_FLOOR)))
    return percent


def paychecks(room: Decimal, situation: Situation) -> Paychecks:
    left = max(room - situation.already_in, ZERO)
    if not situation.paychecks_left:
        return Paychecks(left, None, None, None, None)
    even = per_paycheck(left, situation.paychecks_left)
    capacity = _capacity(situation)
    if capacity is not None and even > capacity:
        most = capacity * situation.paychecks_left
        percent = _whole_percent(_exact_capacity(situation) or ZERO, situation)
        return Paychecks(left, capacity, percent, capacity, most)
    # the % is worked from the exact share, not the cents-rounded one: a room of exactly 10% of
    # pay is "elect 10%", not 9% (rounding down twice lost a point)
    return Paychecks(left, even, _whole_percent(left / situation.paychecks_left, situation), capacity, None)


def binding_cap(result: dict[str, Any], situation: Situation) -> tuple[Decimal, Decimal] | None:
    """(the plan's cap in dollars, the room without it) when the plan's % cap is what limits the
    engine's room (``result``: the engine's JSON)."""
    if situation.cap_percent is None or situation.pay is None or result["annual_additions_limit"] is None:
        return None
    b = result["breakdown"]
    cap = cents_down(plan_after_tax_cap(limits_for(result["tax_year"]), situation.pay, situation.cap_percent))
    without = after_tax_room(_dec(result["annual_additions_limit"]), _dec(b["counted_deferrals"]),
                             _dec(b["employer_contributions"]), None)
    room = _dec(result["after_tax_room"])
    if cap < without and abs(room - cap) < Decimal("0.01"):
        return cap, without
    return None


def _dec(number: Any) -> Decimal:
    """An engine JSON number (int or float to the cent) as an exact Decimal."""
    return Decimal(str(number))
