"""Hypothesis: the engine's catch-up treatment against an independent, step-by-step transcription
of Treas. Reg. 1.414(v)-1 (written here from the regulation, sharing no code with rules/)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from rules.limits import limits_for
from tests.helpers import pay_and_deferrals, run

ZERO = Decimal(0)
money = st.decimals(min_value=0, max_value=400_000, places=2, allow_nan=False, allow_infinity=False)


@dataclass(frozen=True)
class Treatment:
    catch_up: Decimal
    counted: Decimal
    excess_deferrals: Decimal
    excess_annual_additions: Decimal


def applicable_dollar_catch_up(year: int, age: int) -> Decimal:
    """414(v)(2)(B)(i) and (E): nothing before 50; from 2025, the larger amount at 60, 61, 62, 63."""
    limits = limits_for(year)
    if age < 50:
        return ZERO
    if year >= 2025 and 60 <= age <= 63:
        assert limits.catch_up_60_63 is not None
        return limits.catch_up_60_63
    return limits.catch_up_50


def transcription(
    year: int, age: int, pay: Decimal | None, deferrals: Decimal, employer: Decimal, *,
    subject_to_415: bool, elsewhere: Decimal = ZERO,
) -> Treatment:
    limits = limits_for(year)
    # 402(g)(1) is one limit per person: other employers' plans use it first, then the catch-up.
    base_left = max(ZERO, limits.elective_deferral_limit - elsewhere)
    elsewhere_over_base = max(ZERO, elsewhere - limits.elective_deferral_limit)
    dollar_catch_up = applicable_dollar_catch_up(year, age)
    catch_up_left = max(ZERO, dollar_catch_up - elsewhere_over_base)
    excess_elsewhere = max(ZERO, elsewhere_over_base - dollar_catch_up)
    # 402(g)(1) with (1)(C): what this plan adds beyond the person's limit left after other plans
    # is an excess deferral, refunded, so not an annual addition (Treas. Reg. 1.415(c)-1(b)(1)(ii)).
    excess_here = max(ZERO, deferrals - base_left - catch_up_left)
    kept = deferrals - excess_here
    # (b)(1)(i): the statutory limits that apply to this plan: its own 402(g) limit (IRC
    # 401(a)(30) applies 402(g) to the plans of one employer; an unrelated employer's plan is not
    # one of them, (a)(1)) ...
    applicable = [limits.elective_deferral_limit]
    additions_limit = None
    if subject_to_415:
        additions_limit = limits.annual_additions_limit  # 415(c)(1)(A) ...
        if pay is not None:
            additions_limit = min(additions_limit, pay)  # ... or 100% of compensation, 415(c)(1)(B)
        applicable.append(max(ZERO, additions_limit - employer))  # room left for deferrals
    # (a)(1): deferrals that exceed any applicable limit, i.e. the lowest one.
    lowest = min(applicable)
    above = max(ZERO, kept - lowest)
    # (c): the catch-up limit is the lesser of the dollar amount and compensation minus the
    # deferrals made without regard to catch-up.
    cap = dollar_catch_up
    if pay is not None:
        cap = min(cap, max(ZERO, pay - min(kept, lowest)))
    catch_up = min(above, cap)
    counted = kept - catch_up
    excess_deferrals = excess_here + excess_elsewhere
    excess_additions = ZERO
    if additions_limit is not None:
        excess_additions = max(ZERO, counted + employer - additions_limit)
    return Treatment(catch_up, counted, excess_deferrals, excess_additions)


@st.composite
def employees(draw: st.DrawFn) -> dict[str, Any]:
    pay, deferrals = draw(pay_and_deferrals(money))
    return {
        "deferrals_elsewhere": draw(st.one_of(st.just(Decimal(0)), money)),
        "tax_year": draw(st.sampled_from([2024, 2025, 2026])),
        "age": draw(st.integers(min_value=40, max_value=70)),
        "plan_type": draw(st.sampled_from(["401k", "403b", "457b"])),
        "compensation": pay,
        "employee_deferrals": deferrals,
        "employer_contributions": draw(money),
        "after_tax_allowed": draw(st.sampled_from(["yes", "no", "unsure"])),
    }


def _check(case: dict[str, Any], pay: Decimal | None, subject_to_415: bool) -> None:
    result = run(**case)
    expected = transcription(
        case["tax_year"], case["age"], pay, case["employee_deferrals"], case["employer_contributions"],
        subject_to_415=subject_to_415, elsewhere=case["deferrals_elsewhere"],
    )
    got = Treatment(
        result.breakdown.catch_up_deferrals, result.breakdown.counted_deferrals,
        result.excess_deferrals, result.excess_annual_additions,
    )
    assert got == expected
    assert got.catch_up <= result.catch_up_limit
    excess_here = got.excess_deferrals - transcription(
        case["tax_year"], case["age"], pay, ZERO, ZERO, subject_to_415=False,
        elsewhere=case["deferrals_elsewhere"]).excess_deferrals
    assert got.catch_up + got.counted + excess_here == case["employee_deferrals"]
    if result.annual_additions is not None:
        assert result.annual_additions == got.counted + case["employer_contributions"]


@settings(max_examples=400, deadline=None)
@given(employees())
def test_engine_matches_the_regulation_step_by_step(case: dict[str, Any]) -> None:
    _check(case, case["compensation"], subject_to_415=case["plan_type"] != "457b")


@settings(max_examples=200, deadline=None)
@given(employees())
def test_s_corp_owner_with_given_employer_money(case: dict[str, Any]) -> None:
    """A solo 401(k) S-corp owner: W-2 pay is the 415(c) compensation."""
    solo = {**case, "plan_type": "solo401k", "business_type": "s_corp"}
    _check(solo, case["compensation"], subject_to_415=True)


@settings(max_examples=200, deadline=None)
@given(employees(), money)
def test_catch_up_only_above_a_limit_and_never_falls_with_more_employer_money(
    case: dict[str, Any], more: Decimal
) -> None:
    result = run(**case)
    if case["age"] < 50:
        assert result.breakdown.catch_up_deferrals == 0
    limit_415 = result.annual_additions_limit
    within_415 = limit_415 is None or \
        case["employee_deferrals"] + case["employer_contributions"] <= limit_415
    deferred = case["employee_deferrals"] + case["deferrals_elsewhere"]
    if deferred <= limits_for(case["tax_year"]).elective_deferral_limit and within_415:
        assert result.breakdown.catch_up_deferrals == 0
    richer = run(**{**case, "employer_contributions": case["employer_contributions"] + more})
    assert richer.breakdown.catch_up_deferrals >= result.breakdown.catch_up_deferrals


def sole_proprietor_earned_income(year: int, net_profit: Decimal, employer: Decimal) -> Decimal:
    """Pub 560 / Schedule SE, written out: net profit less half the SE tax less the contribution."""
    base = net_profit * Decimal("0.9235")
    social_security = min(base, limits_for(year).social_security_wage_base) * Decimal("0.124")
    se_tax = social_security + base * Decimal("0.029")
    return max(ZERO, net_profit - max(ZERO, se_tax) / 2 - employer)


@settings(max_examples=300, deadline=None)
@given(employees())
def test_sole_proprietor_catch_up_within_earned_income(case: dict[str, Any]) -> None:
    """For a sole proprietor the 415(c) compensation is earned income, which can be below the
    deferrals: there the catch-up is capped by pay minus the other deferrals (1.414(v)-1(c))."""
    if case["compensation"] is None:
        return
    solo = {**case, "plan_type": "solo401k", "business_type": "sole_prop"}
    employer = case["employer_contributions"]
    pay = sole_proprietor_earned_income(case["tax_year"], case["compensation"], employer)
    _check(solo, pay, subject_to_415=True)


def test_pay_minus_other_deferrals_caps_the_catch_up() -> None:
    """Net profit $20,000, employer $0, all $20,000 deferred at 55 in 2025: earned income is
    $20,000 - $1,412.96 (half of SE tax $2,825.91) = $18,587.04; 415(c) leaves $18,587.04 for
    deferrals, so $1,412.96 is above it and within the cap of pay minus the other deferrals ($0):
    the catch-up is 0 and the $1,412.96 remains an excess annual addition."""
    result = run(tax_year=2025, age=55, plan_type="solo401k", compensation=20000,
                 employee_deferrals=20000, employer_contributions=0)
    assert result.breakdown.catch_up_deferrals == 0
    assert result.excess_annual_additions.quantize(Decimal("0.01")) == Decimal("1412.96")


def test_transcription_reproduces_the_issues_example() -> None:
    """Guard on the transcription itself: 2025, 55, pay $25,000, deferrals $25,000, employer $3,000."""
    got = transcription(2025, 55, Decimal(25000), Decimal(25000), Decimal(3000), subject_to_415=True)
    assert got == Treatment(Decimal(3000), Decimal(22000), ZERO, ZERO)
