"""The seed articles' worked examples, exactly."""

from __future__ import annotations

from rules.models import Route, Verdict
from tests.helpers import D, run

YES, NO = "yes", "no"


def test_dr_chen_in_plan_conversion() -> None:
    result = run(
        tax_year=2025, age=45, compensation=450000, employee_deferrals=23500,
        employer_contributions=22500, after_tax_allowed=YES, in_plan_conversion=YES,
        in_service_withdrawal=NO, expected_return_percent=7, years_until_retirement=20,
    )
    assert result.verdict is Verdict.AVAILABLE
    assert result.route is Route.IN_PLAN_CONVERSION
    assert result.after_tax_room == D(24000)
    assert result.total_limit == D(70000)
    # "Over 20 years at a 7% return ... could grow to approximately $93,000"
    assert result.projected_value is not None
    assert abs(result.projected_value - D(93000)) < D(500)


def test_james_in_service_withdrawal() -> None:
    result = run(
        tax_year=2025, age=38, compensation=240000, employee_deferrals=23500,
        employer_contributions=12000, after_tax_allowed=YES, in_plan_conversion=NO,
        in_service_withdrawal=YES,
    )
    assert result.verdict is Verdict.AVAILABLE
    assert result.route is Route.IN_SERVICE_WITHDRAWAL
    assert result.after_tax_room == D(34500)


def test_maria_solo_401k_with_catch_up() -> None:
    result = run(
        tax_year=2025, age=52, plan_type="solo401k", business_type="sole_prop",
        compensation=300000, employee_deferrals=31000, employer_contributions=30000,
        after_tax_allowed=YES, in_plan_conversion=YES, in_service_withdrawal=NO,
    )
    assert result.after_tax_room == D(16500)
    assert result.total_limit == D(77500)
    assert result.catch_up_limit == D(7500)
    assert result.breakdown.catch_up_deferrals == D(7500)
    assert result.route is Route.IN_PLAN_CONVERSION


def test_age_60_super_catch_up() -> None:
    result = run(
        tax_year=2025, age=60, employee_deferrals=34750, employer_contributions=15000,
        after_tax_allowed=YES, in_plan_conversion=YES,
    )
    assert result.deferral_limit == D(34750)
    assert result.after_tax_room == D(31500)
    assert result.total_limit == D(81250)
    assert result.excess_deferrals == 0
