"""Cases worked by hand (two employers, tax forms, HCE, match formulas), each through the real
`python -m rules assess -` process. The expected figures were worked by hand from the cited IRS texts."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from tests.helpers import assess_cli
from tests.helpers import cli_codes as codes
from tests.helpers import cli_warning as warning


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


MATCH_BASE: dict[str, Any] = {"tax_year": 2025, "age": 40, "after_tax_allowed": "yes",
                              "in_plan_conversion": "yes", "true_up": "yes"}
SAFE_HARBOR = [{"match_percent": 100, "next_percent": 3}, {"match_percent": 50, "next_percent": 2}]


def test_3_tiered_safe_harbor_match() -> None:
    """The safe-harbor basic match, IRC 401(k)(12)(B)(i): 100% of deferrals up to 3% of pay plus 50%
    of deferrals between 3% and 5%. 2025, pay $100,000, deferrals $10,000: $3,000 + 50% x $2,000 =
    $4,000; room $70,000 - $10,000 - $4,000 = $56,000. Deferrals $4,000: $3,000 + 50% x $1,000 =
    $3,500. Pay $400,000 counts only to $350,000 (401(a)(17), Notice 2024-80): $10,500 + 50% x $7,000
    = $14,000 on $23,500 deferred; room $70,000 - $23,500 - $14,000 = $32,500."""
    result = assess_cli(**MATCH_BASE, compensation=100000, employee_deferrals=10000, match_tiers=SAFE_HARBOR)
    assert (result["employer_contributions"], result["after_tax_room"]) == (4000, 56000)
    low = assess_cli(**MATCH_BASE, compensation=100000, employee_deferrals=4000, match_tiers=SAFE_HARBOR)
    assert low["employer_contributions"] == 3500
    high = assess_cli(**MATCH_BASE, compensation=400000, employee_deferrals=23500, match_tiers=SAFE_HARBOR)
    assert (high["employer_contributions"], high["after_tax_room"]) == (14000, 32500)


def test_3_nonelective_and_match_plus_profit_sharing() -> None:
    """3% safe-harbor nonelective (401(k)(12)(C)) on pay $100,000: $3,000 whatever is deferred; on
    $400,000: 3% of the $350,000 401(a)(17) limit = $10,500. '50% up to 6% plus 5% profit sharing'
    on $200,000 with $23,500 deferred: 50% x $12,000 = $6,000 + $10,000 = $16,000; room $70,000 -
    $23,500 - $16,000 = $30,500."""
    flat = assess_cli(**MATCH_BASE, compensation=100000, employee_deferrals=0, nonelective_percent=3)
    assert flat["employer_contributions"] == 3000
    capped = assess_cli(**MATCH_BASE, compensation=400000, employee_deferrals=0, nonelective_percent=3)
    assert capped["employer_contributions"] == 10500
    both = assess_cli(**MATCH_BASE, compensation=200000, employee_deferrals=23500, match_percent=50,
                      match_up_to_percent=6, nonelective_percent=5)
    assert (both["employer_contributions"], both["after_tax_room"]) == (16000, 30500)


def test_3_and_7_keep_the_match_for_tiers_says_which_paycheck() -> None:
    """2025, pay $520,000 biweekly ($20,000 a paycheck), tiers 100% of 3% + 50% of the next 2%,
    deferral limit $23,500. Even split: 23,500 / 520,000 = 4.52%; below the tiers' 5%, so 5%:
    $1,000 a paycheck reaches $23,500 on paycheck 24 of 26 (not the last). 401(a)(17): year-to-date
    pay reaches $350,000 in paycheck 18 (350,000 x 26 / 520,000 = 17.5). At 5%: paychecks 1-17
    match $600 + 50% x $400 = $800 each ($13,600); paycheck 18 has $10,000 of matchable pay: $300 +
    50% x $200 = $400; $14,000 in all. At 20% ($4,000 a paycheck) the limit is reached in paycheck 6
    ($3,500): 6 x $800 = $4,800. Lost without a true-up: $14,000 - $4,800 = $9,200."""
    result = assess_cli(**{**MATCH_BASE, "true_up": "no"}, compensation=520000, employee_deferrals=23500,
                        match_tiers=SAFE_HARBOR, pay_frequency="biweekly", deferral_percent=20)
    assert result["deferral_percent_per_paycheck"] == 5
    assert result["match_lost_if_front_loaded"] == 9200
    found = warning(result, "no_true_up")
    assert found["details"]["limit_reached_on_paycheck"] == 24
    assert found["details"]["match_stops_after_paycheck"] == 18
    assert "reaches your limit on paycheck 24 of 26" in found["message"]
    assert "on the last one" not in found["message"]


def test_7_room_under_a_dollar_is_zero() -> None:
    """2025, sole proprietor, net profit $28,582, deferrals $16,989. Schedule SE: $28,582 x 92.35% =
    $26,395.477 x 15.3% = $4,038.508, half $2,019.254; net earnings $26,562.746. Pub 560 within
    earned income: ($26,562.746 - $16,989) / 2 = $4,786.873 -> $4,786.87 (20% would be $5,312.55).
    415(c): earned income $26,562.746 - $4,786.87 = $21,775.876; less $16,989 and $4,786.87 leaves
    $0.006, cents from rounding: $0, not $0.01."""
    result = assess_cli(tax_year=2025, age=40, plan_type="solo401k", business_type="sole_prop",
                        compensation=28582, employee_deferrals=16989, after_tax_allowed="yes",
                        in_plan_conversion="yes")
    assert result["solo_employer_max"] == 4786.87
    assert result["after_tax_room"] == 0
    assert result["per_paycheck"] is None


def test_the_catch_up_pay_allows_is_pay_less_the_base_deferrals_at_60_to_63() -> None:
    """2026, age 61 on December 31, pay $30,000, "the maximum" deferrals, no employer money.
    402(g): $24,500; the 60-63 catch-up: $11,250 (IRC 414(v)(2)(E)(ii); Notice 2025-67). A
    catch-up is at most pay less the other elective deferrals (IRC 414(v)(2)(A)(ii), Treas. Reg.
    1.414(v)-1(c)(1)): $30,000 - $24,500 = $5,500, not $11,250. The maximum within pay is
    $30,000 = $24,500 + $5,500, so the whole $5,500 is in the deferrals."""
    result = assess_cli(
        tax_year=2026, age=61, compensation=30000, employee_deferrals_max=True, employer_contributions=0,
        after_tax_allowed="yes", in_plan_conversion="yes",
    )
    assert result["catch_up_limit"] == 11250
    assert result["catch_up_pay_allows"] == 5500
    assert result["employee_deferrals"] == 30000
    assert result["breakdown"]["catch_up_deferrals"] == 5500


def test_the_catch_up_pay_allows_counts_the_base_limit_first_whatever_is_deferred_now() -> None:
    """2026, age 61, pay $30,000, $10,000 deferred: a catch-up comes only above the $24,500 base
    limit, so the pay leaves room for $30,000 - $24,500 = $5,500 of it (414(v)(2)(A)(ii)); pay
    $40,000 leaves $15,500, more than the $11,250 dollar limit, which then binds."""
    low = assess_cli(
        tax_year=2026, age=61, compensation=30000, employee_deferrals=10000, employer_contributions=0,
        after_tax_allowed="yes", in_plan_conversion="yes",
    )
    assert low["catch_up_pay_allows"] == 5500
    assert low["breakdown"]["catch_up_deferrals"] == 0
    higher = assess_cli(
        tax_year=2026, age=61, compensation=40000, employee_deferrals=10000, employer_contributions=0,
        after_tax_allowed="yes", in_plan_conversion="yes",
    )
    assert higher["catch_up_pay_allows"] == 11250


def test_per_paycheck_is_what_a_paycheck_holds_when_the_even_split_does_not_fit() -> None:
    """2026, age 61, pay $40,000 monthly, 12 paychecks left, "the maximum": deferrals $24,500 +
    $11,250 = $35,750 (402(g)(1), 414(v)(2)(E)(ii); Notice 2025-67); 415(c) is 100% of pay, $40,000
    (415(c)(1)(B)), so the after-tax room is $40,000 - $24,500 = $15,500. Its even split, $15,500 / 12
    = $1,291.66, is more than a paycheck holds after its deferral: $40,000 / 12 - $35,750 / 12 =
    $3,333.33... - $2,979.16... = $354.166..., $354.16 rounded down; 12 of them: $4,249.92."""
    result = assess_cli(
        tax_year=2026, age=61, compensation=40000, employee_deferrals_max=True, employer_contributions=0,
        after_tax_allowed="yes", in_plan_conversion="yes", pay_frequency="monthly", pay_periods_remaining=12,
    )
    assert result["after_tax_room"] == 15500
    assert result["paycheck_capacity"] == 354.16
    assert result["paycheck_after_tax"] == 354.16
    assert result["after_tax_most_this_year"] == 4249.92


def test_deferrals_as_a_percent_of_pay_are_worked_out_on_pay_capped_at_401a17() -> None:
    """"10% of pay": 2026, pay $200,000: 10% x $200,000 = $20,000 deferred; 415(c) $72,000 (Notice
    2025-67) less $20,000 = $52,000 after-tax room. 2025, pay $450,000, 6.5%: pay taken into account
    is capped at the 401(a)(17) limit, $350,000 (Notice 2024-80): 6.5% x $350,000 = $22,750, and
    $70,000 - $22,750 = $47,250."""
    common = {"employer_contributions": 0, "after_tax_allowed": "yes", "in_plan_conversion": "yes"}
    ten = assess_cli(tax_year=2026, age=45, compensation=200000, employee_deferrals_percent=10, **common)
    assert ten["employee_deferrals"] == 20000
    assert ten["after_tax_room"] == 52000
    capped = assess_cli(tax_year=2025, age=45, compensation=450000, employee_deferrals_percent=6.5, **common)
    assert capped["employee_deferrals"] == 22750
    assert capped["after_tax_room"] == 47250


def test_quarterly_contributions_split_the_room_in_four() -> None:
    """A sole proprietor contributing quarterly, 2026, age 45, pay $300,000 (a stand-in for earned
    income here), deferrals $24,500, no employer money: 415(c) $72,000 (Notice 2025-67) less $24,500
    = $47,500 after-tax room; four contributions: $11,875 each. A quarter holds $300,000 / 4 -
    $24,500 / 4 = $68,875, more than $11,875, so the even split stands. Five are more than a
    quarterly schedule has."""
    common: dict[str, Any] = {
        "tax_year": 2026, "age": 45, "compensation": 300000, "employee_deferrals": 24500,
        "employer_contributions": 0, "after_tax_allowed": "yes", "in_plan_conversion": "yes",
        "pay_frequency": "quarterly",
    }
    result = assess_cli(**common, pay_periods_remaining=4)
    assert result["after_tax_room"] == 47500
    assert result["paycheck_after_tax"] == 11875
    refused = subprocess.run([sys.executable, "-m", "rules", "assess", "-"], capture_output=True, text=True,
                             input=json.dumps({**common, "pay_periods_remaining": 5}), check=False)
    assert refused.returncode == 2
    assert "at most 4" in refused.stderr
    assert "Traceback" not in refused.stderr
