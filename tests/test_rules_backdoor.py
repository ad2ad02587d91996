"""The backdoor's pro-rata tax in dollars, the way Form 8606 computes it."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import assess_cli, run

money = st.decimals(min_value=0, max_value=2_000_000, places=2, allow_nan=False, allow_infinity=False)


def test_form_8606_example() -> None:
    """2025, $93,000 pre-tax IRA on December 31, $7,000 nondeductible contribution converted:
    line 9 = $93,000 + $7,000 = $100,000; line 10 = $7,000 / $100,000 = 0.070; line 11 (= 17)
    = $490 nontaxable; line 18 = $7,000 - $490 = $6,510 taxable; at 35%, about $2,279 of tax."""
    result = assess_cli(tax_year=2025, age=45, filing_status="single", magi=300000,
                        pretax_ira_balance=93000, marginal_tax_rate_percent=35)
    assert (result["ira_route"], result["backdoor_taxable_amount"]) == ("backdoor", 6510)
    (warning,) = [w for w in result["warnings"] if w["code"] == "backdoor_ira_pro_rata"]
    assert warning["details"]["taxable_amount"] == 6510
    assert warning["details"]["estimated_tax"] == 2278.5
    assert "$6,510 of a $7,000" in warning["message"]
    assert "about $2,279 in tax" in warning["message"]
    assert "roll the pre-tax IRA into your 401(k) by December 31" in warning["message"]


def test_no_pre_tax_balance_no_tax_and_a_partial_backdoor_converts_only_the_rest() -> None:
    clean = run(tax_year=2025, age=45, filing_status="single", magi=300000, pretax_ira_balance=0)
    assert clean.backdoor_taxable_amount == 0
    assert "backdoor_ira_pro_rata" not in [w.code for w in clean.warnings]
    assert run(tax_year=2025, age=45, filing_status="single", magi=300000).backdoor_taxable_amount is None
    # 2025 single, MAGI $160,000: ratio 0.667, $7,000 - $4,669 = $2,331, up to $2,340 direct;
    # the backdoor converts $4,660; with $4,660 pre-tax, line 10 = 0.500: $2,330 taxable
    partial = run(tax_year=2025, age=45, filing_status="single", magi=160000, pretax_ira_balance=4660)
    assert partial.roth_ira_direct_limit == Decimal(2340)
    assert partial.backdoor_taxable_amount == Decimal(2330)
    direct = run(tax_year=2025, age=45, filing_status="single", magi=100000, pretax_ira_balance=50000)
    assert direct.backdoor_taxable_amount is None  # no backdoor needed


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([2024, 2025, 2026]), st.integers(18, 80), money, money)
def test_taxable_part_follows_form_8606(year: int, age: int, magi: Decimal, balance: Decimal) -> None:
    case: dict[str, Any] = {"tax_year": year, "age": age, "filing_status": "single", "magi": magi,
                            "pretax_ira_balance": balance}
    result = run(**case)
    if result.ira_route is None or result.ira_route.value == "direct":
        assert result.backdoor_taxable_amount is None
        return
    assert result.roth_ira_direct_limit is not None
    full = run(tax_year=year, age=age, filing_status="single", magi=Decimal(0)).roth_ira_direct_limit
    assert full is not None
    converted = full - result.roth_ira_direct_limit
    line10 = min(Decimal(1), converted / (balance + converted)).quantize(
        Decimal("0.001"), rounding=ROUND_HALF_UP)
    nontaxable = (converted * line10).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert result.backdoor_taxable_amount == converted - nontaxable
    assert 0 <= result.backdoor_taxable_amount <= converted
    more = run(**{**case, "pretax_ira_balance": balance + 1000})
    assert more.backdoor_taxable_amount is not None
    assert more.backdoor_taxable_amount >= result.backdoor_taxable_amount
