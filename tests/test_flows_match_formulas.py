"""The match formulas people have, typed into the interview: the answer reaches the
engine as its formula fields and the result's room is the one worked by hand from the formula."""

from __future__ import annotations

import pytest

from flows.engine_input import engine_input
from flows.facts import Facts
from tests.flowkit import User

TAPS = {"after_tax_cap_percent": "skip", "pay_frequency": "biweekly", "pay_periods_remaining": "26",
        "extras_offer": "no", "after_tax_so_far": "0"}


def through(pay: str, deferrals: str, employer: str) -> User:
    user = User()
    user.taps("401k", "yes", "yes", "continue", "2025")
    user.types("45", pay, deferrals, employer)
    for _ in range(10):
        if user.state == "result":
            return user
        user.tap(TAPS[user.state])
    raise AssertionError(f"stuck at {user.state}")


@pytest.mark.parametrize(("pay", "deferrals", "typed", "fields", "room"), [
    # safe-harbor basic match (IRC 401(k)(12)(B)(i)) on $100,000 with $10,000 deferred:
    # $3,000 + 50% x $2,000 = $4,000; $70,000 - $10,000 - $4,000 = $56,000
    ("100,000", "10,000", "100% of the first 3% plus 50% of the next 2%",
     {"match_tiers": [{"match_percent": "100", "next_percent": "3"},
                      {"match_percent": "50", "next_percent": "2"}]}, "$56,000"),
    # 3% safe-harbor nonelective (401(k)(12)(C)): $3,000; $70,000 - $10,000 - $3,000 = $57,000
    ("100,000", "10,000", "3% safe harbor", {"nonelective_percent": "3"}, "$57,000"),
    # 50% up to 6% plus 5% profit sharing on $200,000 with $23,500: $6,000 + $10,000 = $16,000;
    # $70,000 - $23,500 - $16,000 = $30,500
    ("200,000", "23,500", "50% up to 6% plus 5% profit sharing",
     {"match_percent": "50", "match_up_to_percent": "6", "nonelective_percent": "5"}, "$30,500"),
])
def test_formula_typed_reaches_the_engine(
    pay: str, deferrals: str, typed: str, fields: dict[str, object], room: str
) -> None:
    user = through(pay, deferrals, typed)
    data = engine_input(Facts(user.conv["answers"], user.today))
    assert {k: data[k] for k in fields} == fields
    assert "employer_contributions" not in data
    assert user.last is not None
    assert f"After-tax room for 2025: {room}" in user.last.lines


def test_a_solo_owner_with_a_day_job_is_asked_the_day_jobs_social_security_wages() -> None:
    """2026, sole proprietor, net profit $100,000, $24,500 deferred at the day job, whose Social
    Security wages are $184,500: Schedule SE line 9 is $0, so SE tax is $92,350 x 2.9% = $2,678.15;
    ($100,000 - $1,339.075) x 20% = $19,732.19 (Schedule SE lines 8a-10; Pub 560); room $72,000 -
    $19,732.19 = $52,267.81."""
    user = User()
    user.taps("solo401k", "yes", "yes", "continue", "2026")
    user.type("45")
    user.tap("sole_prop")
    user.types("100k", "24,500")
    assert user.state == "day_job_ss_wages"
    user.type("184,500")
    user.tap("max")
    for state, tap in (("pay_frequency", "monthly"), ("pay_periods_remaining", "12"), ("extras_offer", "no")):
        assert user.state == state
        user.tap(tap)
    assert user.last is not None
    assert "After-tax room for 2026: $52,267.81" in user.last.lines
    assert "Deferral room here: $0 ($24,500 deferred elsewhere); business's maximum: $19,732.19." in \
        user.last.lines


def test_the_ira_basis_from_earlier_years_is_asked_after_a_pre_tax_ira_balance() -> None:
    """2025, age 45, single, MAGI $450,000: backdoor only, $7,000 converted. Traditional IRA $93,000
    of which $10,000 is basis from earlier years (Form 8606 line 2): line 3 $17,000; line 9 $93,000 +
    $7,000 = $100,000; line 10 = 0.170; line 11 = $1,190; taxable $7,000 - $1,190 = $5,810
    (Instructions for Form 8606)."""
    user = User()
    user.taps("401k", "yes", "yes", "continue", "2025")
    user.types("45", "$450,000", "23,500", "22,500")
    user.taps("skip", "biweekly", "0")  # 2025 is over: no paychecks left to ask; none went in
    user.types("yes", "single", "450k", "93k")
    assert user.state == "prior_ira_basis"
    user.type("10k")
    while user.state != "result":
        user.type("skip")
    assert user.last is not None
    assert user.last.result is not None
    assert user.last.result["backdoor_taxable_amount"] == 5810
    text = "\n".join(user.command("taxes").lines)
    assert "• Line 2 Basis from earlier years: $10,000" in text
    assert "• Line 18 Taxable amount (line 16 less line 17): $5,810" in text
