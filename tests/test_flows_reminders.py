"""Conversion reminders, the flow's part: the schedule as pure functions of a given time, and
"Remind me to convert" under a result whose route needs a hand."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from flows.reminders import following, next_due
from tests.flowkit import User, dr_chen


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(("cadence", "frequency", "after", "due"), [
    ("paycheck", "weekly", "2026-11-23 09:00", "2026-11-30 15:00"),
    ("paycheck", "biweekly", "2026-11-23 09:00", "2026-12-07 15:00"),
    ("paycheck", "semimonthly", "2026-11-03 09:00", "2026-11-16 15:00"),
    ("paycheck", "semimonthly", "2026-11-16 16:00", "2026-12-01 15:00"),
    ("paycheck", "monthly", "2026-12-31 23:00", "2027-01-01 15:00"),
    ("monthly", "biweekly", "2026-11-23 09:00", "2026-12-01 15:00"),
    ("quarterly", None, "2026-11-23 09:00", "2027-01-01 15:00"),
    ("quarterly", None, "2026-01-01 15:00", "2026-04-01 15:00"),
    ("paycheck", "quarterly", "2026-11-23 09:00", "2027-01-01 15:00"),  # a sole proprietor's quarters
    ("paycheck", "annually", "2026-11-23 09:00", "2026-12-01 15:00"),  # one sum a year: each December
    ("paycheck", "annually", "2026-12-04 09:00", "2027-12-01 15:00"),
])
def test_next_due(cadence: str, frequency: str | None, after: str, due: str) -> None:
    assert next_due(cadence, frequency, at(after)) == at(due)


def test_after_a_send_the_next_is_counted_from_when_it_was_due_or_from_now_if_later() -> None:
    assert following("paycheck", "biweekly", at("2026-12-07 15:00"), at("2026-12-07 15:00:30")) == at(
        "2026-12-21 15:00")  # no drift
    # down for two months: one message now, the next one a period after today (no pile of missed ones)
    late = following("monthly", None, at("2026-10-01 15:00"), at("2026-12-05 10:00"))
    assert late == at("2027-01-01 15:00")


def test_remind_me_to_convert_after_the_result() -> None:
    user = User()
    result = dr_chen(user)
    assert "remind" in [c.value for c in result.choices]
    ask = user.tap("remind")
    assert ask.lines == ("How often? Each paycheck (every 2 weeks), monthly or quarterly.",)
    assert [c.value for c in ask.choices] == ["remind:paycheck", "remind:monthly", "remind:quarterly"]
    chosen = user.tap("remind:monthly")
    assert chosen.reminder == {"cadence": "monthly", "pay_frequency": "biweekly",
                               "route": "in_plan_conversion"}
    # her day is SEED_DAY (June 2, 2025): the first of the next month
    assert chosen.notice == ("I'll remind you monthly to convert, first on Tue Jul 1, 2025. "
                             "/reminders lists or stops it.")
    assert user.state == "result"
    typed = user.type("quarterly")  # typed at the result, the cadence is understood too
    assert typed.reminder is not None
    assert typed.reminder["cadence"] == "quarterly"


def test_automatic_conversions_need_no_reminder() -> None:
    user = User()
    for value in ("401k", "yes", "yes", "continue", "2025"):
        user.tap(value)
    user.types("45", "$450,000", "23,500", "22,500")
    user.taps("skip", "biweekly", "0", "yes")  # 2025 is over: none went in
    while user.state != "conversion_frequency":
        user.type("skip")
    user.tap("immediate")
    while user.state != "result":
        user.type("skip")
    assert user.last is not None
    assert "remind" not in [c.value for c in user.last.choices]
    assert user.type("remind me").notice == "Reminders are for a route you convert by hand; yours needs none."
