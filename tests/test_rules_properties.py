"""Hypothesis properties of the after-tax room."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from rules import assess, assessment_to_json
from rules.limits import limits_for
from rules.models import AssessmentInput
from tests.helpers import pay_and_deferrals, run

money = st.decimals(min_value=0, max_value=2_000_000, places=2, allow_nan=False, allow_infinity=False)
years = st.sampled_from([2024, 2025, 2026])
ages = st.integers(min_value=18, max_value=90)
answers = st.sampled_from(["yes", "no", "unsure"])
plans = st.sampled_from(["401k", "403b", "solo401k", "457b"])


@st.composite
def situations(draw: st.DrawFn) -> dict[str, object]:
    pay, deferrals = draw(pay_and_deferrals(money))
    return {
        "tax_year": draw(years), "age": draw(ages), "plan_type": draw(plans),
        "compensation": pay, "employee_deferrals": deferrals,
        "employer_contributions": draw(st.one_of(st.none(), money)),
        "after_tax_allowed": draw(answers), "in_plan_conversion": draw(answers),
        "in_service_withdrawal": draw(answers),
        "after_tax_cap_percent": draw(st.one_of(st.none(), st.decimals(0, 100, places=1)))
        if pay is not None else None,
    }


@settings(max_examples=300, deadline=None)
@given(situations())
def test_room_never_negative_never_above_415c(s: dict[str, object]) -> None:
    result = run(**s)
    assert result.after_tax_room >= 0
    assert result.after_tax_room <= limits_for(int(str(s["tax_year"]))).annual_additions_limit
    if result.annual_additions_limit is not None:
        assert result.after_tax_room <= result.annual_additions_limit


@settings(max_examples=300, deadline=None)
@given(situations(), money)
def test_room_never_rises_with_employer_money(s: dict[str, object], more: Decimal) -> None:
    given_employer = s["employer_contributions"]
    base = Decimal(str(given_employer)) if given_employer is not None else Decimal(0)
    if s["plan_type"] == "solo401k" and given_employer is None:
        s = {**s, "employer_contributions": base}
    lower = run(**{**s, "employer_contributions": base})
    higher = run(**{**s, "employer_contributions": base + more})
    assert higher.after_tax_room <= lower.after_tax_room


@settings(max_examples=200, deadline=None)
@given(situations())
def test_annual_additions_accounting_adds_up(s: dict[str, object]) -> None:
    result = run(**s)
    if result.annual_additions_limit is None:
        return
    b = result.breakdown
    used = b.counted_deferrals + b.employer_contributions + b.after_tax_room
    assert used + b.unused >= result.annual_additions_limit or result.excess_annual_additions > 0
    assert result.total_limit == result.annual_additions_limit + result.catch_up_limit


@given(situations())
def test_input_round_trips_through_json(s: dict[str, object]) -> None:
    inp = AssessmentInput.model_validate(s)
    assert AssessmentInput.model_validate_json(inp.model_dump_json()) == inp


def _figures(exact: object, shown: object, path: str = "") -> list[tuple[str, object, object]]:
    """Pairs (where, the model's value, the contract's value) for every leaf of the output."""
    if isinstance(exact, BaseModel):  # its fields and its computed fields (built when read)
        exact = dict(exact) | {key: getattr(exact, key) for key in type(exact).model_computed_fields}
    if isinstance(exact, dict):
        assert isinstance(shown, dict)
        assert shown.keys() == exact.keys()
        return [pair for key in exact for pair in _figures(exact[key], shown[key], f"{path}.{key}")]
    if isinstance(exact, tuple):
        assert isinstance(shown, list)
        assert len(shown) == len(exact)
        return [pair for i, item in enumerate(exact) for pair in _figures(item, shown[i], f"{path}[{i}]")]
    return [(path, exact, shown)]


@given(situations())
def test_json_contract_shows_every_figure_rounded_to_cents(s: dict[str, object]) -> None:
    """Money: the exact Decimal rounded half up to the cent, an int when whole (so the CLI prints
    24000, not 24000.0 or "24000.00"); enums as their strings; everything else unchanged."""
    result = assess(AssessmentInput.model_validate(s))
    for where, exact, shown in _figures(result, assessment_to_json(result)):
        if isinstance(exact, Decimal):
            cents = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            assert Decimal(str(shown)) == cents, where
            assert isinstance(shown, int) == (cents == cents.to_integral_value()), where
        elif isinstance(exact, Enum):
            assert shown == exact.value, where
        else:
            assert shown == exact, where
