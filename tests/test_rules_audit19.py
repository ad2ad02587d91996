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


def test_2_in_service_withdrawal_forms_carry_the_pro_rata_share() -> None:
    """2025, pay $200,000, deferrals $23,500, employer $9,000: room $70,000 - $32,500 = $37,500.
    No separate accounting, pre-tax $90,000 and after-tax $10,000: the basis share of any
    distribution is $10,000 / $100,000 = 10% (IRC 72(e)(8)(B)); Notice 2014-54 lets only that share
    go to the Roth IRA tax-free. A $37,500 withdrawal: $3,750 after-tax to the Roth IRA (box 1 and
    box 5), $33,750 pre-tax to a traditional IRA (both direct rollovers, code G, box 2a $0); Form 1040
    line 5a $37,500, line 5b $0. The warning's ~90% taxable agrees."""
    result = assess_cli(
        tax_year=2025, age=40, compensation=200000, employee_deferrals=23500, employer_contributions=9000,
        after_tax_allowed="yes", in_plan_conversion="no", in_service_withdrawal="yes",
        separate_accounting="no", pretax_balance=90000, after_tax_balance=10000,
    )
    assert result["after_tax_room"] == 37500
    roth = form(result, "Form 1099-R from your plan: the after-tax share")
    assert (roth["Box 1"], roth["Box 2a"], roth["Box 5"], roth["Box 7"]) == (3750, 0, 3750, "G")
    traditional = form(result, "Form 1099-R from your plan: the pre-tax share")
    assert (traditional["Box 1"], traditional["Box 2a"]) == (33750, 0)
    assert form(result, "On your Form 1040") == {"Line 5a": 37500, "Line 5b": 0}
    assert warning(result, "pro_rata_in_service")["details"]["taxable_share"] == 0.9


def test_2_with_separate_accounting_the_whole_room_is_basis() -> None:
    """Separate accounting: the after-tax subaccount is its own contract (Notice 2014-54): the
    $37,500 is basis, all to the Roth IRA (box 1 = box 5 = $37,500)."""
    result = assess_cli(
        tax_year=2025, age=40, compensation=200000, employee_deferrals=23500, employer_contributions=9000,
        after_tax_allowed="yes", in_plan_conversion="no", in_service_withdrawal="yes",
        separate_accounting="yes", pretax_balance=90000, after_tax_balance=10000,
    )
    roth = form(result, "Form 1099-R from your plan: the after-tax money")
    assert (roth["Box 1"], roth["Box 5"]) == (37500, 37500)


def test_4_form_8606_line_2_basis_from_earlier_years() -> None:
    """2026, single, MAGI $200,000 (above the range: backdoor only), age 40: the $7,500 IRA limit
    converted. Traditional IRA $50,000 on December 31, of which $10,000 is basis from earlier years.
    Form 8606 (Instructions for Form 8606, lines 2-18): line 1 $7,500, line 2 $10,000, line 3
    $17,500; line 9 = $50,000 + $7,500 = $57,500; line 10 = 17,500 / 57,500 = 0.30434 -> 0.304;
    line 11 = $7,500 x 0.304 = $2,280; line 18 taxable $7,500 - $2,280 = $5,220 (without line 2:
    7,500 / 57,500 -> 0.130, $975, taxable $6,525); line 14 basis left $17,500 - $2,280 = $15,220."""
    base: dict[str, Any] = {"tax_year": 2026, "age": 40, "filing_status": "single", "magi": 200000,
                            "pretax_ira_balance": 50000}
    assert assess_cli(**base)["backdoor_taxable_amount"] == 6525
    result = assess_cli(**base, prior_ira_basis=10000)
    assert result["backdoor_taxable_amount"] == 5220
    assert warning(result, "backdoor_ira_pro_rata")["details"]["taxable_amount"] == 5220
    lines = form(result, "Form 8606")
    assert (lines["Line 1"], lines["Line 2"], lines["Line 3"]) == (7500, 10000, 17500)
    assert lines["Line 10"] == 0.304
    assert (lines["Line 11"], lines["Line 14"], lines["Line 18"]) == (2280, 15220, 5220)


def test_5_schedule_se_with_day_job_social_security_wages() -> None:
    """2026, sole proprietor, net profit $100,000: $100,000 x 92.35% = $92,350 (Schedule SE line 6).
    Day-job Social Security wages $184,500 or more: line 9 = $184,500 wage base - wages = $0, so no
    12.4% part; SE tax = $92,350 x 2.9% = $2,678.15, half $1,339.075; Pub 560: ($100,000 - $1,339.075)
    x 20% = $19,732.185 -> $19,732.19. With $120,000: line 9 = $64,500, x 12.4% = $7,998; SE tax
    $10,676.15, half $5,338.075; ($100,000 - $5,338.075) x 20% = $18,932.385 -> $18,932.39.
    Without wages: $92,350 x 15.3% = $14,129.55, half $7,064.775 -> $18,587.05."""
    base: dict[str, Any] = {"tax_year": 2026, "age": 45, "plan_type": "solo401k",
                            "business_type": "sole_prop", "compensation": 100000,
                            "deferrals_elsewhere": 24500,
                            "after_tax_allowed": "yes", "in_plan_conversion": "yes"}
    assert assess_cli(**base)["solo_employer_max"] == 18587.05
    for wages in (184500, 250000):
        result = assess_cli(**base, social_security_wages_elsewhere=wages)
        assert result["solo_employer_max"] == 19732.19
        # 415(c): $72,000 (earned income is above it) - $0 counted - $19,732.19
        assert result["after_tax_room"] == 52267.81
    assert assess_cli(**base, social_security_wages_elsewhere=120000)["solo_employer_max"] == 18932.39


def test_6_hce_look_back_uses_414q_compensation_not_fica_wages() -> None:
    """Plan year 2025, look-back 2024 threshold $155,000 (Notice 2023-75). 414(q)(4) compensation
    is 415(c)(3) compensation: W-2 wages plus elective deferrals and cafeteria-plan reductions.
    FICA wages $150,000 with $10,000 of pre-tax health premiums: 414(q) pay $160,000 > $155,000:
    an HCE, though the FICA wages alone are below the threshold. FICA wages above the threshold
    (they leave out cafeteria-plan reductions) mean 414(q) pay is above it too."""
    base: dict[str, Any] = {"tax_year": 2025, "age": 40, "compensation": 150000, "employee_deferrals": 23500,
                            "after_tax_allowed": "yes", "in_plan_conversion": "yes", "true_up": "yes"}
    result = assess_cli(**base, prior_year_fica_wages=150000, prior_year_compensation=160000)
    details = warning(result, "hce_acp_testing")["details"]
    assert (details["pay_tested"], details["pay_basis"]) == (160000, "compensation")
    assert details["pay_is_proxy"] is False
    assert "hce_acp_testing" not in codes(assess_cli(**base, prior_year_fica_wages=150000))
    by_fica = warning(assess_cli(**base, prior_year_fica_wages=157000), "hce_acp_testing")
    assert by_fica["details"]["pay_basis"] == "fica_wages"
    assert by_fica["message"].startswith("Your 2024 FICA wages were above $155,000")
    # the Roth catch-up rule keeps FICA wages (IRC 414(v)(7)): 2026, age 55, FICA $140,000 is not
    # above $150,000, whatever the 414(q) pay
    roth = assess_cli(**{**base, "tax_year": 2026, "age": 55}, prior_year_fica_wages=140000,
                      prior_year_compensation=170000)
    assert "roth_catch_up_required" not in codes(roth)
    assert "hce_acp_testing" in codes(roth)
