"""How the engine reads six points of law (catch-up against the 415(c) pay limit, the Roth IRA
phase-out, the HCE look-back, the Roth catch-up mandate, separate accounting, HSA and Medicare),
each through the real `python -m rules assess -` process. The expected figures were worked by hand
from the cited law."""

from __future__ import annotations

from typing import Any

from tests.helpers import assess_cli
from tests.helpers import cli_codes as codes
from tests.helpers import cli_warning as warning


def test_1_catch_up_above_the_415c_pay_limit_not_only_402g() -> None:
    """2025, age 55, pay $25,000, deferrals $25,000, employer $3,000. 415(c): lesser of $70,000 and
    100% of pay = $25,000; less $3,000 employer leaves $22,000 for deferrals: the $3,000 above it is
    catch-up (within $7,500 and within pay minus the other $22,000), so no excess."""
    result = assess_cli(
        tax_year=2025, age=55, compensation=25000, employee_deferrals=25000,
        employer_contributions=3000, after_tax_allowed="yes", in_plan_conversion="yes", true_up="yes",
    )
    assert result["breakdown"]["catch_up_deferrals"] == 3000
    assert result["breakdown"]["counted_deferrals"] == 22000
    assert result["annual_additions"] == 25000
    assert result["annual_additions_limit"] == 25000
    assert result["excess_annual_additions"] == 0
    assert result["excess_deferrals"] == 0
    assert result["after_tax_room"] == 0
    assert result["warnings"] == []


def test_1_catch_up_is_capped_and_the_rest_stays_an_excess() -> None:
    """Same, age 45 (no catch-up): $1,500 above 402(g) is an excess deferral (refunded, so not an
    annual addition) and $23,500 + $3,000 is $1,500 above the $25,000 limit."""
    result = assess_cli(
        tax_year=2025, age=45, compensation=25000, employee_deferrals=25000,
        employer_contributions=3000, after_tax_allowed="yes", in_plan_conversion="yes",
    )
    assert result["breakdown"]["catch_up_deferrals"] == 0
    assert (result["excess_deferrals"], result["excess_annual_additions"]) == (1500, 1500)
    # ...$10,000 employer at 55: $10,000 above the $15,000 left; catch-up $7,500; $17,500 + $10,000
    # is $2,500 above $25,000
    result = assess_cli(
        tax_year=2025, age=55, compensation=25000, employee_deferrals=25000,
        employer_contributions=10000, after_tax_allowed="yes", in_plan_conversion="yes",
    )
    assert result["breakdown"]["catch_up_deferrals"] == 7500
    assert result["excess_annual_additions"] == 2500
    assert "excess_annual_additions" in codes(result)


def test_2_roth_ira_keeps_200_until_magi_reaches_the_end_of_the_range() -> None:
    """2025 single range $150,000-$165,000. MAGI $164,995: ratio 0.99967 rounds to 1.000, so line 8 is
    $0, but MAGI is below $165,000: the limit is not reduced below $200 (IRC 219(g)(2)(B))."""
    result = assess_cli(tax_year=2025, age=40, filing_status="single", magi=164995)
    assert (result["roth_ira_direct_limit"], result["ira_route"]) == (200, "partial_direct")
    at_end = assess_cli(tax_year=2025, age=40, filing_status="single", magi=165000)
    assert (at_end["roth_ira_direct_limit"], at_end["ira_route"]) == (0, "backdoor")
    a_cent_below = assess_cli(tax_year=2025, age=40, filing_status="single", magi="164999.99")
    assert a_cent_below["roth_ira_direct_limit"] == 200


def test_2_never_more_than_pay() -> None:
    """Worksheet 2-2 line 6 is the lesser of the dollar limit and compensation: the $200 floor
    cannot lift the limit above pay of $150."""
    result = assess_cli(tax_year=2025, age=40, compensation=150, filing_status="single", magi=164000)
    assert result["roth_ira_direct_limit"] == 150


def test_3_hce_uses_the_look_back_years_threshold() -> None:
    """Plan year 2025: 2024 pay above the 2024 figure, $155,000 (Notice 2023-75), not 2025's $160,000."""
    base: dict[str, Any] = {
        "tax_year": 2025, "age": 40, "compensation": 150000, "employee_deferrals": 23500,
        "after_tax_allowed": "yes", "in_plan_conversion": "yes", "true_up": "yes",
    }
    result = assess_cli(**base, prior_year_compensation=157000)
    details = warning(result, "hce_acp_testing")["details"]
    assert details == {"hce_threshold": 155000, "look_back_year": 2024, "pay_tested": 157000,
                       "pay_is_proxy": False, "pay_basis": "compensation"}
    assert warning(result, "hce_acp_testing")["message"].startswith("Your 2024 pay was above $155,000:")
    assert "hce_acp_testing" not in codes(assess_cli(**base, prior_year_compensation=155000))
    # prior-year pay given and low: this year's higher pay does not make an HCE for this year
    assert "hce_acp_testing" not in codes(assess_cli(**{**base, "compensation": 200000},
                                                     prior_year_compensation=100000))


def test_3_without_prior_year_pay_this_years_pay_stands_in_and_says_so() -> None:
    result = assess_cli(
        tax_year=2025, age=40, compensation=157000, employee_deferrals=23500,
        after_tax_allowed="yes", in_plan_conversion="yes",
    )
    found = warning(result, "hce_acp_testing")
    assert found["details"]["pay_is_proxy"] is True
    assert found["message"].startswith("If your 2024 pay was above $155,000 (as this year's is), you are")


def test_4_no_roth_catch_up_mandate_for_a_sole_proprietor() -> None:
    """IRC 414(v)(7) tests FICA wages from the employer sponsoring the plan: a sole proprietor's
    business pays none; an S-corp owner's W-2 wages count."""
    solo: dict[str, Any] = {
        "tax_year": 2026, "age": 55, "plan_type": "solo401k", "compensation": 200000,
        "employee_deferrals": 32500, "prior_year_fica_wages": 200000,
    }
    assert "roth_catch_up_required" not in codes(assess_cli(**solo, business_type="sole_prop"))
    assert "roth_catch_up_required" not in codes(assess_cli(**solo))  # sole proprietor by default
    assert "roth_catch_up_required" in codes(assess_cli(**solo, business_type="s_corp"))


def test_5_separate_accounting_still_names_the_taxable_earnings() -> None:
    base: dict[str, Any] = {
        "tax_year": 2026, "age": 45, "compensation": 150000, "after_tax_allowed": "yes",
        "in_plan_conversion": "no", "in_service_withdrawal": "yes",
    }
    separate = warning(assess_cli(**base, separate_accounting="yes"), "pro_rata_in_service")
    assert "earnings on after-tax money are taxable" in separate["message"]
    assert "72(e)(8)" in separate["message"]
    assert "Notice 2014-54" in separate["message"]
    assert separate["details"]["separate_accounting"] is True


def test_5_never_part_of_it_taxable_when_the_taxable_share_is_zero() -> None:
    result = assess_cli(
        tax_year=2026, age=45, compensation=150000, after_tax_allowed="yes", in_plan_conversion="no",
        in_service_withdrawal="yes", separate_accounting="no", pretax_balance=0, after_tax_balance=20000,
    )
    found = warning(result, "pro_rata_in_service")
    assert found["details"]["taxable_share"] == 0
    assert "part of it would be taxable" not in found["message"]
    assert "no pre-tax balance" in found["message"]
    assert "earnings on after-tax money are taxable" in found["message"]


def test_6_hsa_contributions_stop_with_medicare() -> None:
    at_65 = assess_cli(tax_year=2026, age=65)
    found = warning(at_65, "hsa_medicare")
    assert "223(b)(7)" in found["message"]
    assert found["details"] == {"medicare_age": 65}
    assert "hsa_medicare" not in codes(assess_cli(tax_year=2026, age=64))
