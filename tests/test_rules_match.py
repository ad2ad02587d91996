"""The match formula in the engine, and keeping the match per paycheck."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules import InputError, parse_input
from rules.limits import limits_for
from rules.match import Payroll, match_earned
from tests.helpers import assess_cli, run

money = st.decimals(min_value=1, max_value=1_500_000, places=2, allow_nan=False, allow_infinity=False)
rates = st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False)


def test_match_formula_example() -> None:
    """2025, pay $400,000 capped at $350,000; 6% of it is $21,000 of matched deferrals; 50% of that
    is $10,500."""
    result = assess_cli(tax_year=2025, age=45, compensation=400000, employee_deferrals=23500,
                        match_percent=50, match_up_to_percent=6, after_tax_allowed="yes",
                        in_plan_conversion="yes")
    assert result["employer_contributions"] == 10500
    assert result["breakdown"]["employer_contributions"] == 10500
    assert result["after_tax_room"] == 70000 - 23500 - 10500


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"match_percent": 50}, "match_up_to_percent"),
        ({"match_up_to_percent": 6}, "match_percent"),
        ({"match_percent": 50, "match_up_to_percent": 6, "employer_contributions": 1}, "match_percent"),
    ],
)
def test_match_formula_refusals(extra: dict[str, Any], field: str) -> None:
    with pytest.raises(InputError, match=f"^{field}:"):
        parse_input({"tax_year": 2025, "age": 45, "compensation": 100000, **extra})
    with pytest.raises(InputError, match=r"^compensation:"):
        parse_input({"tax_year": 2025, "age": 45, "match_percent": 50, "match_up_to_percent": 6})


def test_keep_the_match_example() -> None:
    """2026, pay $400,000 biweekly, 50% up to 6%, no true-up. $24,500 / $400,000 = 6.125%, so 6.13%
    per paycheck reaches the limit on the last paycheck; the match is 50% x 6% x $360,000 = $10,800.
    At 15% the limit is reached in paycheck 11: 11 x $461.54 = $5,076.92 of match, $5,723.08 lost.
    Year-to-date pay passes the $360,000 401(a)(17) limit in paycheck 24 of 26."""
    result = assess_cli(tax_year=2026, age=45, compensation=400000, employee_deferrals=24500,
                        match_percent=50, match_up_to_percent=6, deferral_percent=15,
                        pay_frequency="biweekly", after_tax_allowed="yes", in_plan_conversion="yes")
    assert result["employer_contributions"] == 10800
    assert result["deferral_percent_per_paycheck"] == 6.13
    assert result["match_lost_if_front_loaded"] == 5723.08
    (warning,) = [w for w in result["warnings"] if w["code"] == "no_true_up"]
    assert warning["details"]["match_stops_after_paycheck"] == 24
    assert "defer 6.13% of each paycheck" in warning["message"]
    assert "at 15% you would lose $5,723" in warning["message"]
    assert "401(a)(17) stops the match after paycheck 24 of 26" in warning["message"]
    with_true_up = run(tax_year=2026, age=45, compensation=400000, employee_deferrals=24500,
                       match_percent=50, match_up_to_percent=6, deferral_percent=15, true_up="yes")
    assert with_true_up.match_lost_if_front_loaded == 0


def test_steady_percent_never_below_the_match_cap() -> None:
    """$24,500 on $800,000 is 3.07%, but below 6% part of the match is lost: 6% it is."""
    result = run(tax_year=2026, age=45, compensation=800000, match_percent=100, match_up_to_percent=6)
    assert result.deferral_percent_per_paycheck == Decimal(6)
    assert result.match_lost_if_front_loaded is None  # no elected % given: nothing to compare


@st.composite
def matched_jobs(draw: st.DrawFn) -> dict[str, Any]:
    pay = draw(money)
    return {
        "tax_year": draw(st.sampled_from([2024, 2025, 2026])), "age": draw(st.integers(20, 70)),
        "compensation": pay, "employee_deferrals": min(pay, draw(money)),
        "deferrals_elsewhere": draw(st.one_of(st.just(Decimal(0)), money)),
        "match_percent": draw(st.decimals(min_value=0, max_value=200, places=1)),
        "match_up_to_percent": draw(rates),
        "pay_frequency": draw(st.sampled_from(["weekly", "biweekly", "semimonthly", "monthly"])),
    }


@settings(max_examples=300, deadline=None)
@given(matched_jobs())
def test_match_never_exceeds_its_formula_on_capped_pay(case: dict[str, Any]) -> None:
    result = run(**case)
    capped_pay = min(case["compensation"], limits_for(case["tax_year"]).compensation_limit)
    rate = case["match_percent"] / 100
    assert result.employer_contributions <= rate * case["match_up_to_percent"] / 100 * capped_pay
    assert result.employer_contributions <= rate * case["employee_deferrals"]


@settings(max_examples=200, deadline=None)
@given(matched_jobs(), rates)
def test_steady_percent_keeps_the_most_match_and_reaches_the_limit(
    case: dict[str, Any], elected: Decimal
) -> None:
    result = run(**case, deferral_percent=elected)
    assert all(len(w.message) < 240 and "\n" not in w.message for w in result.warnings)
    steady = result.deferral_percent_per_paycheck
    assert steady is not None
    assert steady >= case["match_up_to_percent"]
    capacity = max(Decimal(0), result.deferral_limit - case["deferrals_elsewhere"])
    assert steady == 100 or steady * case["compensation"] / 100 >= capacity
    assert result.match_lost_if_front_loaded is not None
    assert result.match_lost_if_front_loaded >= 0
    limits = limits_for(case["tax_year"])
    payroll = Payroll(
        pay=case["compensation"], paychecks={"weekly": 52, "biweekly": 26, "semimonthly": 24,
                                             "monthly": 12}[case["pay_frequency"]],
        capacity=capacity, match_percent=case["match_percent"], up_to_percent=case["match_up_to_percent"],
    )
    best = match_earned(limits, payroll, steady)
    assert best >= match_earned(limits, payroll, elected) - Decimal("0.000001")
    capped_pay = min(case["compensation"], limits.compensation_limit)
    formula = case["match_percent"] / 100 * case["match_up_to_percent"] / 100 * capped_pay
    assert best <= formula + Decimal("0.000001")
