"""Answers people actually type."""

from __future__ import annotations

from decimal import Decimal

import pytest

from flows.parse import ParseError, parse_match, parse_percent, parse_whole, read_money


@pytest.mark.parametrize(
    ("text", "expected"),
    [("$23,500", "23500"), ("23500", "23500"), ("23.5k", "23500"), ("23,500.00", "23500"),
     ("1.2m", "1200000"), ("  $ 450,000 ", "450000"), ("２３５００", "23500"),
     ("23\u200b500", "23500"), ("-0", "0"), ("10.49", "10.49"), ("1.234.567", "1234567"),
     ("USD 5,000", "5000")],
)
def test_money_forms(text: str, expected: str) -> None:
    assert read_money(text).value == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "reason"),
    [("5%", "looks like a percentage"), ("5 percent", "looks like a percentage"),
     ("-5", "negative"), ("abc", "dollar amount"), ("1e309", "dollar amount"),
     ("NaN", "dollar amount"), ("", "dollar amount"), ("99999999999", "too large"),
     ("<b>1</b>", "dollar amount"), ("🙂", "dollar amount")],
)
def test_money_refusals_say_why(text: str, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        read_money(text)


def test_percent_and_whole() -> None:
    assert parse_percent("5%") == Decimal(5)
    assert parse_percent("5") == Decimal(5)
    assert parse_percent("7.5 percent") == Decimal("7.5")
    with pytest.raises(ParseError, match="between 0 and 100"):
        parse_percent("150%")
    with pytest.raises(ParseError, match="dollar amount"):
        parse_percent("$5")
    assert parse_whole("45 years", low=14, high=110, what="your age") == 45
    with pytest.raises(ParseError, match="between 14 and 110"):
        parse_whole("150", low=14, high=110, what="your age")
    with pytest.raises(ParseError, match="whole number"):
        parse_whole("45.5", low=14, high=110, what="your age")


@pytest.mark.parametrize(
    ("text", "rate", "cap"),
    [("50% up to 6%", 50, 6), ("100% of the first 4%", 100, 4), ("50/6", 50, 6),
     ("dollar for dollar up to 5%", 100, 5), ("50% match up to 6% of pay", 50, 6)],
)
def test_match_formulas(text: str, rate: int, cap: int) -> None:
    formula = parse_match(text)
    assert formula is not None
    assert (formula.match_percent, formula.up_to_percent) == (Decimal(rate), Decimal(cap))
    assert parse_match("5%") is None


@pytest.mark.parametrize("typed", ["1000 biweekly", "$800 per paycheck", "1,000 every two weeks",
                                   "$500/paycheck", "300 a week", "1k bi-weekly", "900 semi-monthly"])
def test_an_amount_per_paycheck_is_never_taken_as_the_years_total(typed: str) -> None:
    with pytest.raises(ParseError, match="per paycheck"):
        read_money(typed)


def test_a_misspelt_month_is_still_a_month() -> None:
    amount = read_money("2000 montly")
    assert (amount.value, amount.monthly, amount.ambiguous) == (Decimal(24000), True, True)
