"""Growth of this year's after-tax room, and earnings between contribution and conversion."""

from __future__ import annotations

from decimal import Decimal

from rules.models import PAY_PERIODS_PER_YEAR, ConversionFrequency, PayFrequency
from rules.money import percent

DAYS_PER_YEAR = Decimal(365)

# Average wait between an after-tax contribution and its conversion: half the interval.
_HALF_INTERVAL_DAYS: dict[ConversionFrequency, Decimal] = {
    ConversionFrequency.IMMEDIATE: Decimal(0),
    ConversionFrequency.MONTHLY: DAYS_PER_YEAR / 24,
    ConversionFrequency.QUARTERLY: DAYS_PER_YEAR / 8,
    ConversionFrequency.ANNUALLY: DAYS_PER_YEAR / 2,
}


def projected_value(room: Decimal, return_percent: Decimal, years: int) -> Decimal:
    """room x (1 + r)^years: the seed's $24,000 for 20 years at 7% is about $93,000."""
    return room * (1 + percent(return_percent)) ** years


def average_wait_days(frequency: ConversionFrequency, pay_frequency: PayFrequency | None) -> Decimal:
    if frequency is ConversionFrequency.PER_PAYCHECK:
        paychecks = PAY_PERIODS_PER_YEAR[pay_frequency or PayFrequency.BIWEEKLY]
        return DAYS_PER_YEAR / (2 * paychecks)
    return _HALF_INTERVAL_DAYS[frequency]


def earnings_before_conversion(room: Decimal, return_percent: Decimal, wait_days: Decimal) -> Decimal:
    """Growth on the year's after-tax money while it waits to be converted (taxable when converted).

    An estimate, not a limit: the fractional-year growth factor is computed in binary floating
    point (a Decimal fractional power costs ~40 us) and kept to 10 significant digits.
    """
    factor = (1 + float(percent(return_percent))) ** float(wait_days / DAYS_PER_YEAR) - 1
    return room * Decimal(f"{factor:.10g}")
