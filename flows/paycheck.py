"""What the result's words need beyond the engine's answer: the plan's name, whether there is a
payroll (a sole proprietor contributes, not elects a %), the plan's cap as the person typed it,
and who answered what. Every figure (room left, per paycheck, the whole-% election within the
plan's cap, what a paycheck can hold, the binding cap) is the engine's (``rules.paycheck``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Situation:
    """What the flow knows beyond the engine's answer: the words."""

    plan_name: str = "401(k)"
    sole_prop: bool = False
    cap_percent: Decimal | None = None  # as typed, for "Your plan caps after-tax at 10% of pay"
    employer_max_chosen: bool = False
    age: int | None = None
    admin_unknown: tuple[int, ...] = ()
