"""Warnings: each code fires when it applies and stays quiet when it does not."""

from __future__ import annotations

from typing import Any

import pytest

from rules.pitfalls import ORDER
from tests.helpers import codes, run

BASE: dict[str, Any] = {
    "tax_year": 2026, "age": 45, "compensation": 150000, "employee_deferrals": 24500,
    "employer_contributions": 6000, "after_tax_allowed": "yes", "in_plan_conversion": "yes",
    "in_service_withdrawal": "no", "true_up": "yes",
}


def situation(**changes: Any) -> list[str]:
    return codes(run(**{**BASE, **changes}))


def test_quiet_case_only_has_legislative_risk() -> None:
    assert situation() == ["legislative_risk"]


def test_hce_acp_testing_above_threshold_strictly() -> None:
    assert "hce_acp_testing" in situation(compensation=160001)
    assert "hce_acp_testing" not in situation(compensation=160000)
    assert "hce_acp_testing" not in situation(compensation=400000, plan_type="solo401k",
                                              employer_contributions=None)


@pytest.mark.parametrize(
    ("year", "age", "wages", "fires"),
    [
        (2026, 50, 150001, True),
        (2026, 50, 150000, False),   # "exceed", not "at least"
        (2026, 49, 300000, False),   # no catch-up, no requirement
        (2025, 55, 300000, False),   # transition: not enforced before 2026
        (2024, 55, 300000, False),
    ],
)
def test_roth_catch_up_required(year: int, age: int, wages: int, fires: bool) -> None:
    got = situation(tax_year=year, age=age, prior_year_fica_wages=wages, employee_deferrals=20000)
    assert ("roth_catch_up_required" in got) is fires


def test_pro_rata_in_service_gives_taxable_share() -> None:
    result = run(**{**BASE, "in_plan_conversion": "no", "in_service_withdrawal": "yes",
                    "separate_accounting": "no", "pretax_balance": 80000,
                    "after_tax_balance": 20000})
    (warning,) = [w for w in result.warnings if w.code == "pro_rata_in_service"]
    assert warning.details["taxable_share"] == 0.8
    assert "80.0%" in warning.message
    assert "pro_rata_in_service" not in situation()  # in-plan conversion route


def test_earnings_taxable_on_conversion_estimate() -> None:
    result = run(**{**BASE, "conversion_frequency": "annually", "expected_return_percent": 7,
                    "marginal_tax_rate_percent": 35})
    (warning,) = [w for w in result.warnings if w.code == "earnings_taxable_on_conversion"]
    # $41,500 waiting half a year at 7%: about $1,426 of earnings, about $499 of tax
    assert 1400 < warning.details["estimated_earnings"] < 1450
    assert 490 < warning.details["estimated_tax"] < 510
    monthly = run(**{**BASE, "conversion_frequency": "monthly", "expected_return_percent": 7})
    (m,) = [w for w in monthly.warnings if w.code == "earnings_taxable_on_conversion"]
    assert m.details["estimated_earnings"] < warning.details["estimated_earnings"] / 5
    assert "earnings_taxable_on_conversion" not in situation(conversion_frequency="immediate")


def test_excess_and_true_up_warnings() -> None:
    assert "no_true_up" in situation(true_up="no")
    assert "no_true_up" in situation(true_up=None)
    assert "no_true_up" not in situation(employer_contributions=0, true_up="no")
    assert situation(employee_deferrals=30000)[0] == "excess_deferrals"


def test_no_legislative_risk_without_room() -> None:
    assert "legislative_risk" not in situation(after_tax_allowed="no")


def test_every_warning_is_one_line() -> None:
    result = run(**{**BASE, "compensation": 400000, "age": 55, "prior_year_fica_wages": 400000,
                    "in_plan_conversion": "no", "in_service_withdrawal": "yes",
                    "conversion_frequency": "quarterly", "true_up": "no",
                    "employee_deferrals": 40000, "filing_status": "mfj", "magi": 500000,
                    "pretax_ira_balance": 10000})
    assert len(result.warnings) >= 7
    order = [ORDER.index(w.code) for w in result.warnings]
    assert order == sorted(order)  # most costly problems first
    for warning in result.warnings:
        assert "\n" not in warning.message
        assert len(warning.message) < 240
