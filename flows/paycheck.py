"""What the result's words need beyond the engine's answer: whether there is a
payroll (a sole proprietor contributes, not elects a %), and what the administrator is asked.
Every figure (room left, per paycheck, the whole-% election within the plan's cap, what a
paycheck can hold, the binding cap) is the engine's (``rules.paycheck``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Situation:
    """What the flow knows beyond the engine's answer: the words."""

    sole_prop: bool = False
    employer_max_chosen: bool = False
    admin_unknown: tuple[int, ...] = ()
    year_closed: bool = False  # the tax year is over (its IRA and HSA contributions close in April)
    filing_deadline_passed: bool = False  # ... and April of the next year is behind us: they are closed too
    today: date | None = None  # to compare with the engine's dates (an excess deferral's refund_by)
    solo: bool = False  # a Solo 401(k): the owner is the administrator; its provider's document decides
