"""Exact money: Decimal inside, cents at the edge."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
CENT = Decimal("0.01")
HUNDRED = Decimal(100)
#: Less than this is no contribution anyone can make: an after-tax room under a dollar (cents
#: left over by the worksheets' rounding) is shown as $0 (not law: a display threshold).
SMALLEST_CONTRIBUTION = Decimal(1)


def cents(amount: Decimal) -> Decimal:
    """Round to the cent, half up (how the IRS worksheets and payroll round)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def dollars(amount: Decimal) -> Decimal:
    """Round to the whole dollar, half up (for estimates shown in a sentence)."""
    return amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def cents_down(amount: Decimal) -> Decimal:
    """Round down to the cent, for amounts that must never overshoot a limit."""
    return amount.quantize(CENT, rounding=ROUND_FLOOR)


def hundredths_up(amount: Decimal) -> Decimal:
    """Round up to two decimals (a deferral % that must reach its target, never fall short)."""
    return amount.quantize(CENT, rounding=ROUND_CEILING)


def round_up_to(amount: Decimal, step: Decimal) -> Decimal:
    """Round up to the next multiple of ``step`` (Pub 590-A: 'round up to the next $10')."""
    return (amount / step).to_integral_value(rounding=ROUND_CEILING) * step


def percent(rate_percent: Decimal) -> Decimal:
    """5 -> 0.05."""
    return rate_percent / HUNDRED


def clamp_at_zero(amount: Decimal) -> Decimal:
    return max(ZERO, amount)


def to_json_number(amount: Decimal) -> int | float:
    """Cents as a JSON number: whole dollars as ints, others with two decimals."""
    rounded = cents(amount)
    whole = int(rounded)
    return whole if whole == rounded else float(rounded)
