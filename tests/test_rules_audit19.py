"""Regression tests for the second audit (issue 19), each through the real `python -m rules
assess -` process. The expected figures were worked by hand from the cited IRS texts."""

from __future__ import annotations

from typing import Any

from tests.helpers import assess_cli


def codes(result: dict[str, Any]) -> list[str]:
    return [w["code"] for w in result["warnings"]]


def warning(result: dict[str, Any], code: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [w for w in result["warnings"] if w["code"] == code]
    assert len(found) == 1, codes(result)
    return found[0]


def form(result: dict[str, Any], title_start: str) -> dict[str, str | float | int | None]:
    """{line: amount or shows} of the one form whose title starts so."""
    found = [f for f in result["tax_forms"] or [] if f["title"].startswith(title_start)]
    assert len(found) == 1, [f["title"] for f in result["tax_forms"] or []]
    return {ln["line"]: ln["amount"] if ln["amount"] is not None else ln["ratio"] if ln["ratio"] is not None
            else ln["shows"] for ln in found[0]["lines"]}


def test_1_deferrals_here_are_not_catch_up_because_of_an_unrelated_employer() -> None:
    """2025, age 55, pay $100,000, $7,500 deferred here, $23,500 at an unrelated employer.
    The person's limit is $23,500 + $7,500 = $31,000: no excess deferral (Treas. Reg. 1.402(g)-2(b)).
    This plan's own limit is $23,500 (IRC 401(a)(30): 402(g) per employer's plans): its $7,500
    exceeds no limit of this plan, so it is not catch-up here (1.414(v)-1(a)(1), (b)) and counts
    toward this plan's 415(c): $70,000 - $7,500 - $0 = $62,500 (not $70,000)."""
    result = assess_cli(
        tax_year=2025, age=55, compensation=100000, employee_deferrals=7500, deferrals_elsewhere=23500,
        employer_contributions=0, after_tax_allowed="yes", in_plan_conversion="yes",
    )
    assert result["breakdown"]["catch_up_deferrals"] == 0
    assert result["breakdown"]["counted_deferrals"] == 7500
    assert result["excess_deferrals"] == 0
    assert result["after_tax_room"] == 62500


def test_1_day_job_and_solo_401k_deferrals_count_in_the_solo_plan() -> None:
    """2026, age 52, sole proprietor, net profit $150,000, $24,500 at the day job, $8,000 in the solo
    plan. Schedule SE: $150,000 x 92.35% = $138,525; 12.4% = $17,177.10, 2.9% = $4,017.225, half of
    $21,194.325 = $10,597.1625. Pub 560: ($150,000 - $10,597.1625) x 20% = $27,880.5675 -> $27,880.57.
    415(c): lesser of $72,000 and earned income is $72,000; the $8,000 is not catch-up in the solo
    plan (its own limit is $24,500), so $72,000 - $8,000 - $27,880.57 = $36,119.43."""
    result = assess_cli(
        tax_year=2026, age=52, plan_type="solo401k", business_type="sole_prop", compensation=150000,
        employee_deferrals=8000, deferrals_elsewhere=24500, after_tax_allowed="yes", in_plan_conversion="yes",
    )
    assert result["solo_employer_max"] == 27880.57
    assert result["breakdown"]["counted_deferrals"] == 8000
    assert result["breakdown"]["catch_up_deferrals"] == 0
    assert result["excess_deferrals"] == 0
    assert result["after_tax_room"] == 36119.43


def test_1_the_person_limit_still_makes_an_excess() -> None:
    """2025, age 55: $31,000 elsewhere uses the whole $23,500 + $7,500; the $5,000 here is an
    excess deferral (402(g)(1)), refunded, so not an annual addition: room $70,000."""
    result = assess_cli(
        tax_year=2025, age=55, compensation=100000, employee_deferrals=5000, deferrals_elsewhere=31000,
        employer_contributions=0, after_tax_allowed="yes", in_plan_conversion="yes",
    )
    assert result["excess_deferrals"] == 5000
    assert result["breakdown"]["counted_deferrals"] == 0
    assert result["after_tax_room"] == 70000
