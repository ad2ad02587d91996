"""Each rule: verdict, catch-up by age, annual additions, room, per paycheck, solo, Roth IRA, HSA."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rules.contributions import catch_up_limit, per_paycheck
from rules.limits import limits_for
from rules.models import Answer, FilingStatus, IraRoute, PlanType, Route, Verdict
from rules.roth_ira import roth_ira_direct_limit
from rules.solo import self_employment_tax, sole_prop_employer_formula
from rules.verdict import route, verdict
from tests.helpers import D, run

Y, N, U = Answer.YES, Answer.NO, Answer.UNSURE


@pytest.mark.parametrize(
    ("after_tax", "conversion", "withdrawal", "expected", "expected_route"),
    [
        (Y, Y, Y, Verdict.AVAILABLE, Route.IN_PLAN_CONVERSION),
        (Y, Y, N, Verdict.AVAILABLE, Route.IN_PLAN_CONVERSION),
        (Y, N, Y, Verdict.AVAILABLE, Route.IN_SERVICE_WITHDRAWAL),
        (Y, U, Y, Verdict.AVAILABLE, Route.IN_SERVICE_WITHDRAWAL),
        (Y, Y, U, Verdict.AVAILABLE, Route.IN_PLAN_CONVERSION),
        (Y, N, N, Verdict.AFTER_SEPARATION_ONLY, None),
        (Y, U, N, Verdict.UNKNOWN, None),
        (Y, N, U, Verdict.UNKNOWN, None),
        (U, Y, Y, Verdict.UNKNOWN, None),
        (N, Y, Y, Verdict.NOT_AVAILABLE, None),
        (N, U, U, Verdict.NOT_AVAILABLE, None),
    ],
)
def test_verdict_and_route(
    after_tax: Answer, conversion: Answer, withdrawal: Answer,
    expected: Verdict, expected_route: Route | None,
) -> None:
    got = verdict(PlanType.K401, after_tax, conversion, withdrawal)
    assert got is expected
    assert route(got, conversion, withdrawal) is expected_route


def test_governmental_457b_never_available() -> None:
    assert verdict(PlanType.GOV_457B, Y, Y, Y) is Verdict.NOT_AVAILABLE
    result = run(tax_year=2026, age=55, plan_type="457b", compensation=150000,
                 employee_deferrals=32500, after_tax_allowed="yes", in_plan_conversion="yes")
    assert result.after_tax_room == 0
    assert result.annual_additions_limit is None
    assert result.total_limit is None
    assert result.deferral_limit == D(32500)


@pytest.mark.parametrize(
    ("year", "age", "expected"),
    [
        (2024, 49, 0), (2024, 50, 7500), (2024, 59, 7500), (2024, 60, 7500), (2024, 63, 7500),
        (2024, 64, 7500),
        (2025, 49, 0), (2025, 50, 7500), (2025, 59, 7500), (2025, 60, 11250), (2025, 63, 11250),
        (2025, 64, 7500),
        (2026, 49, 0), (2026, 50, 8000), (2026, 59, 8000), (2026, 60, 11250), (2026, 63, 11250),
        (2026, 64, 8000),
    ],
)
def test_catch_up_by_age_on_december_31(year: int, age: int, expected: int) -> None:
    assert catch_up_limit(limits_for(year), age) == D(expected)
    assert run(tax_year=year, age=age).deferral_limit == limits_for(year).elective_deferral_limit + expected


def test_excess_deferrals_flagged() -> None:
    result = run(tax_year=2026, age=40, employee_deferrals=26000, after_tax_allowed="yes",
                 in_plan_conversion="yes")
    assert result.excess_deferrals == D(1500)
    assert "excess_deferrals" in [w.code for w in result.warnings]
    # only the base limit counts toward 415(c)
    assert result.breakdown.counted_deferrals == D(24500)


def test_annual_additions_lesser_of_dollar_limit_and_pay() -> None:
    low = run(tax_year=2025, age=30, compensation=40000, employee_deferrals=10000,
              employer_contributions=2000, after_tax_allowed="yes", in_plan_conversion="yes")
    assert low.annual_additions_limit == D(40000)
    assert low.after_tax_room == D(28000)
    high = run(tax_year=2025, age=30, compensation=400000)
    assert high.annual_additions_limit == D(70000)


def test_catch_up_does_not_reduce_room() -> None:
    young = run(tax_year=2026, age=45, employee_deferrals=24500, employer_contributions=10000,
                after_tax_allowed="yes", in_plan_conversion="yes")
    older = run(tax_year=2026, age=55, employee_deferrals=32500, employer_contributions=10000,
                after_tax_allowed="yes", in_plan_conversion="yes")
    assert young.after_tax_room == older.after_tax_room == D(37500)
    assert older.total_limit == D(80000)


def test_room_zero_when_after_tax_not_allowed() -> None:
    result = run(tax_year=2026, age=45, compensation=200000, employee_deferrals=24500,
                 after_tax_allowed="no")
    assert result.verdict is Verdict.NOT_AVAILABLE
    assert result.after_tax_room == 0


def test_unknown_verdict_gives_provisional_room() -> None:
    result = run(tax_year=2026, age=45, compensation=200000, employee_deferrals=24500,
                 employer_contributions=6000, after_tax_allowed="unsure")
    assert result.verdict is Verdict.UNKNOWN
    assert result.provisional
    assert result.after_tax_room == D(41500)


def test_plan_after_tax_cap_uses_pay_capped_at_401a17() -> None:
    capped = run(tax_year=2026, age=45, compensation=500000, employee_deferrals=24500,
                 employer_contributions=10000, after_tax_allowed="yes", in_plan_conversion="yes",
                 after_tax_cap_percent=5)
    # 5% of the $360,000 compensation limit, not of $500,000
    assert capped.after_tax_room == D(18000)
    uncapped = run(tax_year=2026, age=45, compensation=150000, employee_deferrals=24500,
                   employer_contributions=10000, after_tax_allowed="yes",
                   in_plan_conversion="yes", after_tax_cap_percent=50)
    assert uncapped.after_tax_room == D(37500)


def test_excess_annual_additions_flagged() -> None:
    result = run(tax_year=2024, age=40, compensation=60000, employee_deferrals=23000,
                 employer_contributions=40000, after_tax_allowed="yes", in_plan_conversion="yes")
    assert result.excess_annual_additions == D(3000)
    assert result.after_tax_room == 0
    assert "excess_annual_additions" in [w.code for w in result.warnings]


@pytest.mark.parametrize(
    ("frequency", "remaining", "expected"),
    [("weekly", None, "461.53"), ("biweekly", None, "923.07"), ("semimonthly", None, "1000.00"),
     ("monthly", None, "2000.00"), ("biweekly", 10, "2400.00"), ("monthly", 7, "3428.57")],
)
def test_per_paycheck(frequency: str, remaining: int | None, expected: str) -> None:
    result = run(tax_year=2025, age=45, compensation=450000, employee_deferrals=23500,
                 employer_contributions=22500, after_tax_allowed="yes", in_plan_conversion="yes",
                 pay_frequency=frequency, pay_periods_remaining=remaining)
    assert result.per_paycheck == D(expected)
    # rounding down never overshoots the room
    assert per_paycheck(D(24000), 26) * 26 <= D(24000)


def test_self_employment_tax_and_sole_prop_employer_max_pub560() -> None:
    lim = limits_for(2026)
    assert self_employment_tax(lim, D(200000)) == D("28234.30")
    assert round(sole_prop_employer_formula(lim, D(200000)), 2) == D("37176.57")


def test_solo_employer_max_assumed_when_not_given() -> None:
    result = run(tax_year=2026, age=45, plan_type="solo401k", compensation=200000,
                 employee_deferrals=24500, after_tax_allowed="yes", in_plan_conversion="yes")
    assert result.solo_employer_max is not None
    assert round(result.solo_employer_max, 2) == D("37176.57")
    assert result.breakdown.employer_assumed_max
    assert round(result.after_tax_room, 2) == D("10323.43")


def test_s_corp_employer_max_25_percent_of_w2() -> None:
    result = run(tax_year=2026, age=45, plan_type="solo401k", business_type="s_corp",
                 compensation=100000, employee_deferrals=24500, after_tax_allowed="yes",
                 in_plan_conversion="yes")
    assert result.solo_employer_max == D(25000)
    assert result.after_tax_room == D(22500)


def test_solo_employer_max_within_401a17_and_415c() -> None:
    result = run(tax_year=2026, age=45, plan_type="solo401k", business_type="s_corp",
                 compensation=1000000, employee_deferrals=24500, after_tax_allowed="yes",
                 in_plan_conversion="yes")
    # 25% x $360,000 = $90,000, but 415(c) leaves only $47,500 after deferrals
    assert result.solo_employer_max == D(47500)
    assert result.after_tax_room == 0


@pytest.mark.parametrize(
    ("year", "status", "age", "magi", "expected"),
    [
        (2026, "single", 40, 153000, 7500),      # at the floor: full
        (2026, "single", 40, 160000, 4000),      # limits.md worked example
        (2026, "single", 40, 167900, 200),       # $200 floor
        (2026, "single", 40, 168000, 0),         # top of range: nothing
        (2026, "mfj", 40, 250000, 1500),         # limits.md / Motley Fool example
        (2026, "mfj", 55, 242000, 8600),         # catch-up at 50+
        (2026, "hoh", 40, 160000, 4000),
        (2026, "mfs", 40, 5000, 3750),
        (2026, "mfs", 40, 10000, 0),
        (2025, "single", 40, 165000, 0),
        (2025, "mfj", 40, 241000, 3500),
        (2024, "single", 40, 146001, 7000),      # ratio 0.000067 -> 0.000 -> full
    ],
)
def test_roth_ira_worksheet(year: int, status: str, age: int, magi: int, expected: int) -> None:
    got = roth_ira_direct_limit(limits_for(year), age=age, status=FilingStatus(status),
                                magi=D(magi), compensation=None)
    assert got == D(expected)


def test_roth_ira_limited_by_compensation_and_routes() -> None:
    assert roth_ira_direct_limit(limits_for(2026), age=30, status=FilingStatus.SINGLE,
                                 magi=D(3000), compensation=D(3000)) == D(3000)
    backdoor = run(tax_year=2026, age=40, filing_status="single", magi=300000,
                   pretax_ira_balance=50000)
    assert backdoor.ira_route is IraRoute.BACKDOOR
    assert "backdoor_ira_pro_rata" in [w.code for w in backdoor.warnings]
    partial = run(tax_year=2026, age=40, filing_status="single", magi=160000)
    assert partial.ira_route is IraRoute.PARTIAL_DIRECT
    direct = run(tax_year=2026, age=40, filing_status="single", magi=100000,
                 pretax_ira_balance=50000)
    assert direct.ira_route is IraRoute.DIRECT
    assert "backdoor_ira_pro_rata" not in [w.code for w in direct.warnings]


@pytest.mark.parametrize(("age", "self_only", "family"), [(54, 4400, 8750), (55, 5400, 9750)])
def test_hsa_limit_with_55_catch_up(age: int, self_only: int, family: int) -> None:
    result = run(tax_year=2026, age=age)
    assert result.hsa_limit["self_only"] == D(self_only)
    assert result.hsa_limit["family"] == D(family)


def test_projection_compounds_yearly() -> None:
    result = run(tax_year=2026, age=30, employee_deferrals=24500, employer_contributions=0,
                 after_tax_allowed="yes", in_plan_conversion="yes", expected_return_percent=5,
                 years_until_retirement=2)
    assert result.projected_value == D(47500) * Decimal("1.05") ** 2
    assert run(tax_year=2026, age=30).projected_value is None
