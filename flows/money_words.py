"""An amount of money as a person reads it: "$450,000", "$1,234.50" (the parsers, the result's
words and the cards all write money this one way)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any


def money(amount: Any) -> str:
    value = Decimal(str(amount))
    return f"${value:,.2f}" if value != value.to_integral_value() else f"${value:,.0f}"
