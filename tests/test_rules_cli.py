"""The JSON contract: `python -m rules assess FILE|-`, exit 2 with one clear line on bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from rules.cli import main
from tests.helpers import assess_cli, cli_warning

ROOT = Path(__file__).resolve().parent.parent
INPUT_FIELDS = {
    "tax_year", "age", "plan_type", "business_type", "compensation", "employee_deferrals",
    "employer_contributions", "after_tax_allowed", "in_plan_conversion", "in_service_withdrawal",
    "separate_accounting", "after_tax_cap_percent", "pretax_balance", "after_tax_balance",
    "filing_status", "magi", "pretax_ira_balance", "prior_year_fica_wages", "pay_frequency",
    "pay_periods_remaining", "expected_return_percent", "years_until_retirement",
    "marginal_tax_rate_percent", "conversion_frequency", "deferrals_elsewhere", "match_percent",
    "match_up_to_percent", "deferral_percent",
}
OUTPUT_FIELDS = {
    "tax_year", "verdict", "route", "deferral_limit", "catch_up_limit", "annual_additions_limit",
    "after_tax_room", "total_limit", "excess_deferrals", "excess_annual_additions",
    "solo_employer_max", "per_paycheck", "roth_ira_direct_limit", "projected_value", "warnings",
    "annual_additions", "deferral_room", "employer_contributions", "backdoor_taxable_amount",
    "deferral_percent_per_paycheck", "match_lost_if_front_loaded", "sources",
}


def call(stdin_text: str) -> tuple[int, dict[str, object] | None, str]:
    out, err = io.StringIO(), io.StringIO()
    original = sys.stderr
    sys.stderr = err
    try:
        code = main(["assess", "-"], stdin=io.StringIO(stdin_text), stdout=out)
    finally:
        sys.stderr = original
    return code, (json.loads(out.getvalue()) if out.getvalue() else None), err.getvalue()


def test_contract_field_names_are_stable() -> None:
    from rules.models import AssessmentInput

    assert set(AssessmentInput.model_fields) >= INPUT_FIELDS
    code, result, _ = call(json.dumps({"tax_year": 2025, "age": 45}))
    assert code == 0
    assert result is not None
    assert set(result) >= OUTPUT_FIELDS
    assert result["roth_ira_direct_limit"] is None  # does not apply: null


def test_bundled_example_through_a_real_process() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "rules", "assess", str(ROOT / "examples" / "dr-chen.json")],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["after_tax_room"] == 24000
    assert result["verdict"] == "available"
    assert result["route"] == "in_plan_conversion"
    assert {w["code"] for w in result["warnings"]} >= {"hce_acp_testing"}


@pytest.mark.parametrize(
    ("payload", "field", "hint"),
    [
        ('{"age": 45}', "tax_year", "required"),
        ('{"tax_year": 2025}', "age", "required"),
        ('{"tax_year": 2027, "age": 45}', "tax_year", "2024, 2025, 2026"),
        ('{"tax_year": 2025, "age": 45, "compensation": -5}', "compensation", "negative"),
        ('{"tax_year": 2025, "age": 45, "compensation": "lots"}', "compensation", "number"),
        ('{"tax_year": 2025, "age": 45, "compensation": NaN}', "compensation", "finite"),
        ('{"tax_year": 2025, "age": 45, "magi": Infinity, "filing_status": "single"}', "magi", "finite"),
        ('{"tax_year": 2025, "age": 45, "plan_type": "529"}', "plan_type", "401k"),
        ('{"tax_year": 2025, "age": 45, "after_tax_allowed": "maybe"}', "after_tax_allowed", "unsure"),
        ('{"tax_year": 2025, "age": 150}', "age", "110"),
        ('{"tax_year": 2025, "age": 45, "salary": 1}', "salary", "not a known field"),
        ('{"tax_year": 2025, "age": 45, "compensation": 1e309}', "compensation", "10000000000"),
        ('{"tax_year": 2025, "age": 45, "compensation": 1000, "employee_deferrals": 2000}',
         "employee_deferrals", "exceed"),
        ('{"tax_year": 2025, "age": 45, "business_type": "s_corp"}', "business_type", "solo401k"),
        ('[1, 2]', "input", "object"),
        ('{"tax_year": 2025,', "input", "JSON"),
    ],
)
def test_bad_input_exit_2_one_line(payload: str, field: str, hint: str) -> None:
    code, result, err = call(payload)
    assert code == 2
    assert result is None
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"error: {field}")
    assert hint in lines[0]
    assert "Traceback" not in err


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "rules", "assess", str(tmp_path / "nope.json")],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: input: cannot read")
    assert "Traceback" not in proc.stderr


def test_limits_command_prints_sources() -> None:
    out = io.StringIO()
    assert main(["limits", "2026"], stdout=out) == 0
    data = json.loads(out.getvalue())
    assert data["figures"]["annual_additions_limit"] == "72000"
    assert "Notice 2025-67" in data["sources"]["annual_additions_limit"]
    assert data["references"]["annual_additions_limit"][0] == {
        "title": "IRS Notice 2025-67", "href": "https://www.irs.gov/pub/irs-drop/n-25-67.pdf",
    }
    assert data["figures"]["catch_up_age"] == 50  # statute figures are printed with the year's
    assert data["references"]["catch_up_age"][0]["href"].startswith("https://www.law.cornell.edu/")


# 2025 (IRS Notice 2024-80): 415(c) $70,000, 402(g) $23,500. Dr. Chen: $70,000 - $23,500 - $22,500
# = $24,000 of after-tax room; $30,000 went in: $6,000 over.
CLOSED_2025 = {"tax_year": 2025, "age": 45, "compensation": 450000, "employee_deferrals": 23500,
               "employer_contributions": 22500, "after_tax_allowed": "yes", "in_plan_conversion": "yes",
               "contributions_closed": True, "after_tax_so_far": 30000}


def test_a_closed_year_has_no_paycheck_figures_and_says_it_is_over() -> None:
    code, result, _ = call(json.dumps(CLOSED_2025 | {"pay_frequency": "biweekly"}))
    assert code == 0
    assert result is not None
    assert result["contributions_closed"] is True
    assert (result["after_tax_room"], result["after_tax_over"]) == (24000, 6000)
    assert result["per_paycheck"] is None
    assert result["paycheck_after_tax"] is None
    assert result["paycheck_percent"] is None
    warnings = result["warnings"]
    assert isinstance(warnings, list)
    codes = [w["code"] for w in warnings]
    assert codes[0] == "contributions_closed"
    assert "legislative_risk" not in codes
    assert "no_true_up" not in codes
    assert warnings[0]["message"].startswith(
        "2025 is over: after-tax contributions for 2025 can no longer be made through payroll.")


def test_an_open_year_still_has_its_paycheck_figures() -> None:
    """The same person with the year open: $24,000 / 26 = $923.07 (rounded down to the cent)."""
    code, result, _ = call(json.dumps(CLOSED_2025 | {"contributions_closed": False, "after_tax_so_far": 0,
                                                     "pay_frequency": "biweekly"}))
    assert code == 0
    assert result is not None
    assert result["contributions_closed"] is False
    assert result["per_paycheck"] == 923.07
    warnings = result["warnings"]
    assert isinstance(warnings, list)
    assert "contributions_closed" not in [w["code"] for w in warnings]


def test_a_closed_year_refuses_paychecks_left_in_one_line() -> None:
    closed = CLOSED_2025 | {"pay_frequency": "biweekly", "pay_periods_remaining": 2}
    code, result, err = call(json.dumps(closed))
    assert code == 2
    assert result is None
    assert err.startswith("error: pay_periods_remaining")
    assert "closed" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("went_in", "on_the_forms"), [(20000, 20000), (30000, 24000), (0, 0)])
def test_a_closed_years_tax_forms_are_for_what_went_in_within_the_room(went_in: int,
                                                                      on_the_forms: int) -> None:
    """2025's room is $24,000 (Notice 2024-80: $70,000 - $23,500 - $22,500); the plan's Form 1099-R
    box 5 (the after-tax basis converted) is what went in, at most the room: an excess is corrected
    (its own Form 1099-R); nothing in, no plan form."""
    code, result, _ = call(json.dumps(CLOSED_2025 | {"after_tax_so_far": went_in}))
    assert code == 0
    assert result is not None
    assert result["tax_forms_after_tax"] == on_the_forms
    forms = result["tax_forms"] or []
    assert isinstance(forms, list)
    box5 = [line["amount"] for form in forms for line in form["lines"] if line["line"] == "Box 5"]
    assert box5 == ([on_the_forms] if on_the_forms else [])


def test_an_open_years_tax_forms_are_for_the_room_filled() -> None:
    code, result, _ = call(json.dumps(CLOSED_2025 | {"contributions_closed": False, "after_tax_so_far": 0}))
    assert code == 0
    assert result is not None
    assert result["tax_forms_after_tax"] == 24000


def test_an_excess_deferral_not_refunded_is_also_an_annual_addition() -> None:
    """2025 (Notice 2024-80: 402(g) $23,500, 415(c) $70,000), age 45, $30,000 deferred, no employer
    money: $6,500 over 402(g). Refunded by April 15, 2026 it is not an annual addition: room $70,000 -
    $23,500 = $46,500. Not refunded, it is one (Treas. Reg. 1.415(c)-1(b)(1)(ii)): $70,000 - $30,000 =
    $40,000."""
    result = assess_cli(tax_year=2025, age=45, compensation=200000, employee_deferrals=30000,
                        employer_contributions=0, after_tax_allowed="yes", in_plan_conversion="yes",
                        contributions_closed=True)
    assert result["after_tax_room"] == 46500
    details = cli_warning(result, "excess_deferrals")["details"]
    assert details["after_tax_room_if_not_refunded"] == 40000
    assert details["excess"] == 6500
