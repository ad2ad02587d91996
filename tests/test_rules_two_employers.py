"""402(g) and the catch-up are one limit per person across every plan; 415(c)
is per unrelated employer (a solo 401(k) next to a day job keeps its own)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import assess_cli, run

money = st.decimals(min_value=0, max_value=200_000, places=2, allow_nan=False, allow_infinity=False)


def test_solo_401k_next_to_a_day_job_that_used_the_whole_402g() -> None:
    """2026, sole proprietor, net profit $100,000, day-job deferrals $24,500, employer money not
    given (the maximum assumed). Schedule SE: $92,350 x 15.3% = $14,129.55, half $7,064.775;
    Pub 560: ($100,000 - $7,064.775) x 20% = $18,587.05; 415(c): the lesser of $72,000 and
    earned income $74,348.18 is $72,000, less $18,587.05 = $53,412.95 of after-tax room."""
    result = assess_cli(
        tax_year=2026, age=45, plan_type="solo401k", business_type="sole_prop", compensation=100000,
        deferrals_elsewhere=24500, after_tax_allowed="yes", in_plan_conversion="yes",
    )
    assert result["deferral_room"] == 0
    assert result["solo_employer_max"] == 18587.05
    assert result["after_tax_room"] == 53412.95
    assert result["excess_deferrals"] == 0


def test_excess_deferrals_count_the_other_plans() -> None:
    """2026, age 45: $20,000 elsewhere + $10,000 here is $5,500 above the one $24,500 limit."""
    result = run(tax_year=2026, age=45, compensation=150000, employee_deferrals=10000,
                 deferrals_elsewhere=20000)
    assert result.excess_deferrals == Decimal(5500)
    assert result.deferral_room == 0
    assert result.breakdown.counted_deferrals == Decimal(4500)  # the $5,500 is refunded
    at_55 = run(tax_year=2026, age=55, compensation=150000, employee_deferrals=10000,
                deferrals_elsewhere=20000)
    # the $10,000 here exceeds no limit of this plan ($24,500, IRC 401(a)(30)): not catch-up here
    # (Treas. Reg. 1.414(v)-1(a)(1)), so all of it counts toward this plan's 415(c)
    assert (at_55.excess_deferrals, at_55.breakdown.catch_up_deferrals) == (Decimal(0), Decimal(0))
    assert at_55.breakdown.counted_deferrals == Decimal(10000)
    assert at_55.deferral_room == Decimal(2500)  # $24,500 + $8,000 - $30,000


@st.composite
def two_jobs(draw: st.DrawFn) -> dict[str, Any]:
    pay = draw(money)
    return {
        "tax_year": draw(st.sampled_from([2024, 2025, 2026])),
        "age": draw(st.integers(min_value=18, max_value=80)),
        "plan_type": draw(st.sampled_from(["401k", "403b", "457b", "solo401k"])),
        "compensation": pay,
        "employee_deferrals": min(pay, draw(money)),
        "deferrals_elsewhere": draw(money),
    }


@settings(max_examples=300, deadline=None)
@given(two_jobs(), money)
def test_deferral_room_never_negative_and_never_raised_by_deferrals_elsewhere(
    case: dict[str, Any], more: Decimal
) -> None:
    result = run(**case)
    assert result.deferral_room >= 0
    assert result.deferral_room <= result.deferral_limit
    busier = run(**{**case, "deferrals_elsewhere": case["deferrals_elsewhere"] + more})
    assert busier.deferral_room <= result.deferral_room
    assert busier.excess_deferrals >= result.excess_deferrals
