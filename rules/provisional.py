"""Next year's figures before the IRS publishes them (open enrollment, from November 1).

People set next year's elections in open enrollment (November and December), before the IRS has
published next year's plan limits (the interview's calendar, flows/calendar.py, offers it). Until
then the interview works on the latest published year and labels every
figure provisional; what is already published for next year (``data/pending/YYYY.json``: the HSA
limits, the Social Security wage base) is read from there with its citation. No limit is ever
projected.
"""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources
from typing import Any

from rules.limits import latest_year, supported_years


def limits_year(year: int) -> int:
    """The year whose limits the figures use: the year itself once published, else the latest
    published year (never a projection)."""
    return year if year in supported_years() or year < latest_year() else latest_year()


def is_provisional(year: int) -> bool:
    """Figures for this year are provisional: its plan limits are not published."""
    return limits_year(year) != year


def _pending(year: int) -> dict[str, Any]:
    entry = resources.files("rules").joinpath("data", "pending", f"{year}.json")
    if not entry.is_file():
        return {}
    document: dict[str, Any] = json.loads(entry.read_text(encoding="utf-8"))
    return document


def published_for(year: int) -> dict[str, tuple[Decimal, str]]:
    """What is already published for a year whose plan limits are not: figure name -> (value,
    the first citation's title)."""
    figures = _pending(year).get("figures", {})
    return {name: (Decimal(entry["value"]), entry["reference"][0]["title"])
            for name, entry in figures.items() if entry.get("unit") == "currency-USD"}
