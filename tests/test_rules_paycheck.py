"""The paycheck figures the engine owns (flows/ only words them): the whole-%
election, what a paycheck can hold, the room left after money already in, the binding plan cap."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rules.paycheck import Payroll, whole_percent
from tests.helpers import assess_cli


@pytest.mark.parametrize(
    ("room", "pay", "elect"),
    [
        ("20000", "200000", 10),  # exactly 10% of pay: 10%, not 9% (rounded down twice before)
        ("36000", "450000", 8),  # 8% of this pay, every 2 weeks
        ("19999", "200000", 9),  # a dollar short of 10%: rounded down, never above the room
    ],
)
def test_the_whole_percent_election_is_worked_from_the_exact_share(room: str, pay: str, elect: int) -> None:
    payroll = Payroll(gross=Decimal(pay) / 26, per_year=26, left=26, deferrals=Decimal(0), cap_percent=None,
                      has_payroll=True)
    assert whole_percent(Decimal(room) / 26, payroll) == elect
    assert Decimal(pay) * elect / 100 <= Decimal(room)


def test_paychecks_after_money_already_in_and_the_plan_cap() -> None:
    """2025, pay $130,000 biweekly ($5,000 a paycheck), deferrals $23,500, employer $6,500: room
    $70,000 - $30,000 = $40,000. $4,000 already in: $36,000 left over 26 paychecks = $1,384.61 (cents
    down); a whole %: 1,384.615 / 5,000 = 27.69% -> 27%, which puts in $1,350. A paycheck holds
    $5,000 - $23,500 / 26 = $4,096.15."""
    result = assess_cli(tax_year=2025, age=40, compensation=130000, employee_deferrals=23500,
                        employer_contributions=6500, after_tax_allowed="yes", in_plan_conversion="yes",
                        pay_frequency="biweekly", after_tax_so_far=4000)
    assert (result["after_tax_room"], result["after_tax_left"], result["after_tax_over"]) == (40000, 36000, 0)
    assert (result["paycheck_after_tax"], result["paycheck_percent"]) == (1384.61, 27)
    assert result["paycheck_percent_amount"] == 1350
    assert result["paycheck_capacity"] == 4096.15
    assert result["after_tax_most_this_year"] is None
    # the plan caps after-tax at 10% of pay: $13,000, less than the $40,000 the IRS limit leaves;
    # 10% is also the most the whole-% election may be
    capped = assess_cli(tax_year=2025, age=40, compensation=130000, employee_deferrals=23500,
                        employer_contributions=6500, after_tax_allowed="yes", in_plan_conversion="yes",
                        pay_frequency="biweekly", after_tax_cap_percent=10)
    assert (capped["after_tax_room"], capped["plan_after_tax_cap"], capped["room_without_plan_cap"]) == \
        (13000, 13000, 40000)
    assert capped["paycheck_percent"] == 10  # $13,000 / 26 = $500 = 10% of $5,000


def test_a_paycheck_cannot_hold_the_even_split() -> None:
    """2025, age 55, pay $60,000 monthly ($5,000), deferrals $31,000 ($7,500 of it catch-up), employer
    $0: 415(c) is 100% of pay, $60,000, less $23,500 counted = $36,500 of room; over 12 paychecks
    $3,041.66, but a paycheck holds $5,000 - $31,000 / 12 = $2,416.666 -> $2,416.66: that, 48% of
    pay (2,416.666 / 5,000 = 48.3%, $2,400), and at most $2,416.66 x 12 = $28,999.92 this year.
    $40,000 already in is $3,500 more than the $36,500 room."""
    base = {"tax_year": 2025, "age": 55, "compensation": 60000, "employee_deferrals": 31000,
            "employer_contributions": 0, "after_tax_allowed": "yes", "in_plan_conversion": "yes",
            "pay_frequency": "monthly"}
    result = assess_cli(**base)
    assert result["after_tax_room"] == 36500
    assert (result["paycheck_after_tax"], result["paycheck_capacity"]) == (2416.66, 2416.66)
    assert (result["paycheck_percent"], result["paycheck_percent_amount"]) == (48, 2400)
    assert result["after_tax_most_this_year"] == 28999.92
    over = assess_cli(**base, after_tax_so_far=40000)
    assert (over["after_tax_left"], over["after_tax_over"]) == (0, 3500)


def test_a_paycheck_holds_no_more_than_the_plans_percent_cap_of_it() -> None:
    """2025, age 45, pay $450,000 biweekly ($17,307.69), deferrals $23,500, match 50% up to 6% ($10,500
    on the $350,000 401(a)(17) pay), plan cap 10% of pay, 2 paychecks left. The cap, 10% of $350,000 =
    $35,000, is the room (IRC 415(c): $70,000 - $23,500 - $10,500 = $36,000 is more). An election is a
    % of each paycheck: 10% of $17,307.69 = $1,730.769 -> $1,730.76 a paycheck, not the even split
    $17,500 (a whole paycheck and more), and at most $1,730.76 x 2 = $3,461.52 this year."""
    result = assess_cli(tax_year=2025, age=45, compensation=450000, employee_deferrals=23500,
                        match_percent=50, match_up_to_percent=6, after_tax_allowed="yes",
                        in_plan_conversion="yes", after_tax_cap_percent=10, pay_frequency="biweekly",
                        pay_periods_remaining=2)
    assert result["after_tax_room"] == 35000
    assert (result["paycheck_after_tax"], result["paycheck_capacity"]) == (1730.76, 1730.76)
    assert (result["paycheck_percent"], result["paycheck_percent_amount"]) == (10, 1730.76)
    assert result["after_tax_most_this_year"] == 3461.52


def test_the_maximum_deferrals_and_pay_standing_in_for_fica_wages() -> None:
    """2026, age 55, $10,000 deferred elsewhere: 'the maximum' here is $24,500 + $8,000 - $10,000 =
    $22,500 (402(g)(1), one limit per person). Pay $200,000 standing in for last year's FICA wages is
    above the $150,000 threshold (IRC 414(v)(7), Notice 2025-67): the catch-up must be Roth, and the
    engine says the pay stood in."""
    result = assess_cli(tax_year=2026, age=55, compensation=200000, employee_deferrals_max=True,
                        deferrals_elsewhere=10000, fica_wages_from_pay=True,
                        after_tax_allowed="yes", in_plan_conversion="yes")
    assert (result["employee_deferrals"], result["deferral_room_here"], result["deferral_room"]) == \
        (22500, 22500, 0)  # the room here before its own deferrals, and after them
    roth = [w for w in result["warnings"] if w["code"] == "roth_catch_up_required"]
    assert roth
    assert roth[0]["message"].startswith("Your pay here (standing in for last year's FICA wages")
    assert "Your pay from this employer stands in for last year's FICA wages (Roth catch-up rule)." in \
        result["assumptions"]
    given = assess_cli(tax_year=2026, age=55, compensation=200000, prior_year_fica_wages=140000,
                       fica_wages_from_pay=True, after_tax_allowed="yes", in_plan_conversion="yes")
    assert "roth_catch_up_required" not in [w["code"] for w in given["warnings"]]


def test_next_year_on_this_years_limits_names_the_year_planned_in_the_hce_warning() -> None:
    """Planning 2027 in December 2026, before the IRS publishes 2027's limits: 2026's stand in
    (`tax_year` 2026, `planned_year` 2027). IRC 414(q)(1)(B): an HCE for 2027 is one paid more in
    2026 than the threshold for 2026, $160,000 (IRS Notice 2025-67); $450,000 is above it."""
    result = assess_cli(tax_year=2026, planned_year=2027, age=59, compensation=450000,
                        employee_deferrals=24500, employer_contributions=10800, after_tax_allowed="yes",
                        in_plan_conversion="yes")
    hce = next(w["message"] for w in result["warnings"] if w["code"] == "hce_acp_testing")
    assert "If your 2026 pay was above $160,000" in hce
    assert "highly compensated employee for 2027" in hce
