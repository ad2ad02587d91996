"""The interview's calendar: which tax years a person may plan for today.

People set next year's elections in open enrollment (November and December): from November 1 next
year is offered, published or not (rules/provisional.py says which limits its figures use).
"""

from __future__ import annotations

from datetime import date

from rules.limits import supported_years

#: From this day of a year (month, day) next year is offered: open enrollment.
OPEN_ENROLLMENT = (11, 1)


def offers_next_year(today: date) -> bool:
    return (today.month, today.day) >= OPEN_ENROLLMENT


def planning_years(today: date) -> tuple[int, ...]:
    """The tax years a person may plan for today: every year on file, and from November 1 next
    year (published or not)."""
    years = set(supported_years())
    if offers_next_year(today):
        years.add(today.year + 1)
    return tuple(sorted(years))
