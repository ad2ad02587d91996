"""Small helpers shared by the tests."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from rules import AssessmentInput, assess
from rules.models import Assessment


def run(**fields: Any) -> Assessment:
    return assess(AssessmentInput.model_validate(fields))


def D(value: str | int) -> Decimal:  # noqa: N802 - reads like a literal
    return Decimal(value)


def codes(result: Assessment) -> list[str]:
    return [w.code for w in result.warnings]


@st.composite
def pay_and_deferrals(draw: st.DrawFn, money: st.SearchStrategy[Decimal]) -> tuple[Decimal | None, Decimal]:
    """Pay (or none given) and deferrals that never exceed it, as the contract requires."""
    pay = draw(st.one_of(st.none(), money))
    deferrals = draw(money)
    return pay, deferrals if pay is None else min(deferrals, pay)
