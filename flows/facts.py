"""What the answers so far imply: plan, verdict, route, year. Used by skip conditions and prompts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Any

from rules.contributions import deferral_limit, deferral_room, left_after_elsewhere
from rules.limits import limits_for, supported_years
from rules.models import Answer, BusinessType, PlanType, Route, Verdict
from rules.provisional import limits_year
from rules.verdict import after_tax_possible, route, verdict

CHECKPOINT_DONE = "continue"
#: Deferrals to other plans this year: a solo owner's day job (asked with the room), or another
#: job or side business (an optional check): either goes to the engine as deferrals_elsewhere.
ELSEWHERE = ("day_job_deferrals", "other_plan_deferrals")
PLAN_NAMES = {PlanType.K401: "401(k)", PlanType.K403B: "403(b)", PlanType.SOLO_401K: "solo 401(k)",
              PlanType.GOV_457B: "457(b)"}


def default_tax_year(today: date) -> int:
    """The current year by the clock, or the nearest year with limits on file."""
    years = supported_years()
    return min(max(today.year, years[0]), years[-1])


@dataclass(frozen=True)
class Facts:
    """Read-only view of the answers. Derived values are computed once per Facts: make a new one
    when the answers change (flows.machine.Session does)."""

    answers: Mapping[str, Any]
    today: date

    def answered(self, qid: str) -> bool:
        return qid in self.answers

    def value(self, qid: str) -> Any:
        return self.answers.get(qid)

    def _answer(self, qid: str) -> Answer:
        raw = self.answers.get(qid)
        return Answer(raw) if raw in ("yes", "no", "unsure") else Answer.UNSURE

    @cached_property
    def plan_type(self) -> PlanType:
        return PlanType(self.answers.get("plan_type", PlanType.K401.value))

    @cached_property
    def is_solo(self) -> bool:
        return self.plan_type is PlanType.SOLO_401K

    @property
    def business_type(self) -> BusinessType:
        return BusinessType(self.answers.get("business_type") or BusinessType.SOLE_PROP.value)

    @property
    def after_tax_allowed(self) -> Answer:
        return self._answer("after_tax_allowed")

    @property
    def in_plan_conversion(self) -> Answer:
        return self._answer("in_plan_conversion")

    @property
    def in_service_withdrawal(self) -> Answer:
        return self._answer("in_service_withdrawal")

    @cached_property
    def verdict(self) -> Verdict:
        return verdict(
            self.plan_type, self.after_tax_allowed, self.in_plan_conversion, self.in_service_withdrawal
        )

    @cached_property
    def route(self) -> Route | None:
        return route(self.verdict, self.in_plan_conversion, self.in_service_withdrawal)

    @cached_property
    def after_tax_possible(self) -> bool:
        return after_tax_possible(self.plan_type, self.after_tax_allowed)

    @property
    def planned_year(self) -> int:
        """The tax year the person plans for (a question's words say it)."""
        raw = self.answers.get("tax_year")
        return int(raw) if raw is not None else default_tax_year(self.today)

    @property
    def tax_year(self) -> int:
        """The year whose limits the figures use: the planned year, or while its limits are not
        published (next year, in open enrollment) the latest published year."""
        return limits_year(self.planned_year)

    @property
    def provisional_year(self) -> bool:
        """Planning a year whose plan limits the IRS has not published: every figure provisional."""
        return self.planned_year != self.tax_year

    @property
    def age(self) -> int | None:
        raw = self.answers.get("age")
        return int(raw) if raw is not None else None

    @property
    def pay(self) -> Decimal | None:
        raw = self.answers.get("compensation")
        return Decimal(raw) if raw is not None else None

    @cached_property
    def has_employer_money(self) -> bool:
        raw = self.answers.get("employer_contributions")
        if raw is None or raw == "max":
            return raw == "max"
        return any(Decimal(v) > 0 for v in raw.values())

    @property
    def has_match_formula(self) -> bool:
        raw = self.answers.get("employer_contributions")
        return isinstance(raw, dict) and "match" in raw

    @property
    def plan_name(self) -> str:
        """The plan as this person knows it: a 403(b) user never reads "401(k)"."""
        return PLAN_NAMES[self.plan_type]

    @property
    def is_sole_prop(self) -> bool:
        return self.is_solo and self.business_type is BusinessType.SOLE_PROP

    @property
    def year_underway(self) -> bool:
        """The tax year is this calendar year: some after-tax money may already be in."""
        return self.planned_year == self.today.year

    @property
    def year_closed(self) -> bool:
        """The tax year's December 31 has passed: its contributions are closed (no paychecks left).
        The latest published year standing in for this year (its limits not on file) is not."""
        return self.planned_year < default_tax_year(self.today)

    @cached_property
    def deferrals_elsewhere(self) -> Decimal:
        """Employee deferrals to other plans this year ("max": the person's whole limit)."""
        raw = self.answers.get(ELSEWHERE[0] if self.is_solo else ELSEWHERE[1])
        if raw == "max":
            return deferral_limit(limits_for(self.tax_year), self.age or 0)
        return Decimal(raw) if raw is not None else Decimal(0)

    @cached_property
    def deferral_room_here(self) -> Decimal:
        """What this plan can take as employee deferrals after the other plans (the engine's rule:
        402(g) and the catch-up are one limit per person)."""
        left = left_after_elsewhere(limits_for(self.tax_year), self.age or 0, self.deferrals_elsewhere)
        return deferral_room(left, Decimal(0))

    @cached_property
    def wants_extras(self) -> bool:
        return self.answers.get("extras_offer") == "yes"
