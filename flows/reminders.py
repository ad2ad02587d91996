"""Conversion reminders: when they are due and what they say. Pure functions of a given time (no
clock of their own), so the schedule is tested by passing times, never by waiting.

A reminder is offered after a result whose route needs a hand each time (an in-service withdrawal,
or in-plan conversions that are not automatic): each paycheck (from the pay frequency), monthly or
quarterly. It is sent at SEND_HOUR_UTC on its day; after a send, the next time is counted from the
time it was due (so it does not drift), or from now when the bot was down for longer (one message,
not a pile of missed ones).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from flows.questions import Choice
from rules.models import Route

SEND_HOUR_UTC = 15  # 10:00 in New York, 7:00 in Los Angeles (winter): a working-day morning
CADENCES = {"paycheck": "each paycheck", "monthly": "monthly", "quarterly": "quarterly"}
CADENCE_CHOICES = (Choice("remind:paycheck", "Each paycheck"), Choice("remind:monthly", "Monthly"),
                   Choice("remind:quarterly", "Quarterly"))
REMIND = Choice("remind", "Remind me to convert")
PAYCHECK_DAYS = {"weekly": 7, "biweekly": 14}
QUARTER_MONTHS = (1, 4, 7, 10)
SEMIMONTHLY_DAYS = (1, 16)


def _at_send_hour(day: date) -> datetime:
    return datetime.combine(day, time(SEND_HOUR_UTC), tzinfo=UTC)


def _first_of_next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _next_quarter(day: date) -> date:
    for month in QUARTER_MONTHS:
        if date(day.year, month, 1) > day:
            return date(day.year, month, 1)
    return date(day.year + 1, QUARTER_MONTHS[0], 1)


def _next_december(day: date) -> date:
    this_year = date(day.year, 12, 1)
    return this_year if this_year > day else date(day.year + 1, 12, 1)


def _next_semimonthly(day: date) -> date:
    for day_of_month in SEMIMONTHLY_DAYS:
        if day_of_month > day.day:
            return day.replace(day=day_of_month)
    return _first_of_next_month(day)


def next_due(cadence: str, pay_frequency: str | None, after: datetime) -> datetime:
    """The first send time strictly after ``after`` (an aware datetime)."""
    day = after.astimezone(UTC).date()
    if cadence == "paycheck" and pay_frequency in PAYCHECK_DAYS:
        return _at_send_hour(day + timedelta(days=PAYCHECK_DAYS[pay_frequency]))
    if cadence == "paycheck" and pay_frequency == "semimonthly":
        return _at_send_hour(_next_semimonthly(day))
    if cadence == "quarterly" or (cadence == "paycheck" and pay_frequency == "quarterly"):
        return _at_send_hour(_next_quarter(day))
    if cadence == "paycheck" and pay_frequency == "annually":  # one contribution a year: each December
        return _at_send_hour(_next_december(day))
    return _at_send_hour(_first_of_next_month(day))  # monthly, and a monthly payroll's paycheck


def following(cadence: str, pay_frequency: str | None, was_due: datetime, now: datetime) -> datetime:
    """After a send: the next time after the one that was due, or after now if that has passed."""
    return next_due(cadence, pay_frequency, max(was_due, now))


def offers_reminder(result: dict[str, Any], answers: dict[str, Any]) -> bool:
    """A route that needs a hand each time, with after-tax room to put in (a year that is over has
    nothing more to put in)."""
    if result.get("route") is None or not result.get("after_tax_room") or result.get("contributions_closed"):
        return False
    return answers.get("conversion_frequency") != "immediate"


def reminder_request(cadence: str, answers: dict[str, Any], result: dict[str, Any]) -> dict[str, str]:
    """What the bot keeps for a reminder (JSON-safe): cadence, pay frequency, route."""
    return {"cadence": cadence, "pay_frequency": str(answers.get("pay_frequency") or ""),
            "route": str(result.get("route") or "")}


ACTIONS = {
    Route.IN_PLAN_CONVERSION.value: "convert your after-tax balance to Roth in the plan (an in-plan "
    "Roth conversion)",
    Route.IN_SERVICE_WITHDRAWAL.value: "request an in-service withdrawal of your after-tax money as a "
    "direct rollover to your Roth IRA (its earnings to a traditional IRA)",
}


def reminder_text(route: str) -> str:
    action = ACTIONS.get(route, "convert your after-tax money to Roth")
    return (f"⏰ Time to convert: {action}. Converting promptly keeps the taxable earnings small. "
            "/reminders lists or stops this reminder.")


def when(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%a %b %-d, %Y}"


def confirmation(cadence: str, first: datetime) -> str:
    return (f"I'll remind you {CADENCES[cadence]} to convert, first on {when(first)}. "
            "/reminders lists or stops it.")
