"""Driving the flow in tests: a tiny user who taps and types."""

from __future__ import annotations

import json
import random
from datetime import date
from decimal import Decimal
from typing import Any

from flows.interview import Event, Reply, load, new_conversation, step
from flows.paycheck import Situation
from flows.summary import result_lines
from rules import assess_json
from rules.models import PAY_PERIODS_PER_YEAR, PayFrequency

TODAY = date(2026, 11, 22)


class User:
    def __init__(self, today: date = TODAY) -> None:
        self.conv = new_conversation()
        self.today = today
        self.last: Reply | None = None

    @property
    def state(self) -> str:
        return str(self.conv["state"])

    def tap(self, value: str) -> Reply:
        self.last = step(self.conv, Event("button", value, self.state), self.today)
        self._round_trip()
        return self.last

    def type(self, text: str) -> Reply:
        self.last = step(self.conv, Event("text", text), self.today)
        self._round_trip()
        return self.last

    def command(self, name: str) -> Reply:
        self.last = step(self.conv, Event("command", name), self.today)
        self._round_trip()
        return self.last

    def taps(self, *values: str) -> Reply:
        for value in values:
            self.tap(value)
        assert self.last is not None
        return self.last

    def types(self, *texts: str) -> Reply:
        for text in texts:
            self.type(text)
        assert self.last is not None
        return self.last

    def _round_trip(self) -> None:
        """Every step is saved and restored, exactly as the stores do."""
        restored = load(json.loads(json.dumps(self.conv)))
        assert restored == self.conv
        self.conv = restored

    def answers(self) -> dict[str, Any]:
        return dict(self.conv["answers"])


def dr_chen(user: User) -> Reply:
    for value in ("401k", "yes", "yes", "continue", "2025"):
        user.tap(value)
    for text in ("45", "$450,000", "23,500", "22,500"):
        user.type(text)
    user.tap("skip")
    user.tap("biweekly")
    user.tap("26")
    return user.tap("no")


#: Buttons a profile user always taps: see the numbers, no cap, none yet, no optional checks.
FIXED_TAPS = {"verdict": "continue", "extras_offer": "no", "after_tax_cap_percent": "skip",
              "after_tax_so_far": "0"}


def answer_for(state: str, profile: dict[str, Any], pending: dict[str, Any] | None = None) -> Event:
    """The answer a user with this profile gives at this state (money typed, choices tapped); asked
    "Did you mean ...?" (``pending``), they keep the reading that is their own figure."""
    if pending is not None:
        return Event("button", _own_reading(pending, profile.get(state)), state)
    tapped = FIXED_TAPS.get(state)
    if tapped is not None:
        return Event("button", tapped, state)
    value = profile[state]
    if isinstance(value, int) and state != "tax_year":
        return Event("text", f"{value:,}")
    return Event("button", str(value), state)


def _own_reading(pending: dict[str, Any], value: Any) -> str:
    """The button that keeps this figure, or Re-enter (asked about something else they typed)."""
    for index, (stored, _label) in enumerate(pending["options"]):
        if stored in (str(value), {"dollars": str(value)}):
            return f"pick:{index}"
    return "reenter"


def send(user: User, event: Event) -> None:
    if event.kind == "text":
        user.type(event.value)
    else:
        user.tap(event.value)


def script_for(profile: dict[str, Any]) -> list[Event]:
    """The events that take this profile from the first question to the result."""
    return [event for _state, event in steps_for(profile)]


def steps_for(profile: dict[str, Any]) -> list[tuple[str, Event]]:
    """(the question asked, the answer given) from the first question to the result."""
    user, events = User(), []
    while user.state != "result":
        event = answer_for(user.state, profile, user.conv.get("pending"))
        events.append((user.state, event))
        send(user, event)
        assert len(events) < 40, "the interview did not finish"
    return events


ENGINE_FIELDS = ("plan_type", "after_tax_allowed", "in_plan_conversion", "in_service_withdrawal",
                 "tax_year", "age", "compensation", "employee_deferrals", "employer_contributions")


VERDICT_FIELDS = ("plan_type", "after_tax_allowed", "in_plan_conversion", "in_service_withdrawal",
                  "tax_year", "age")


def engine_fields(profile: dict[str, Any]) -> dict[str, Any]:
    """The profile as the rules CLI's input (what the interview should have passed on): without
    after-tax money (a 457(b), or "no") only the verdict, year and age; from 2026 a 50+ saver's pay
    stands in for last year's FICA wages (a sole proprietor has none)."""
    if profile["plan_type"] == "457b" or profile["after_tax_allowed"] == "no":
        return {k: profile[k] for k in VERDICT_FIELDS}
    fields = {k: profile[k] for k in ENGINE_FIELDS}
    fields |= {k: profile[k] for k in ("pay_frequency", "pay_periods_remaining")}
    if profile["plan_type"] == "solo401k":
        fields["business_type"] = profile["business_type"]
    return fields


def pay_stands_in_for_fica_wages(profile: dict[str, Any]) -> bool:
    """From 2026, at 50+, with W-2 pay (not a sole proprietor) and after-tax money possible."""
    sole_prop = profile["plan_type"] == "solo401k" and profile["business_type"] == "sole_prop"
    return (profile["tax_year"] >= 2026 and profile["age"] >= 50 and not sole_prop
            and "compensation" in engine_fields(profile))


PLAN_NAMES = {"401k": "401(k)", "403b": "403(b)", "solo401k": "solo 401(k)", "457b": "457(b)"}


def situation_for(profile: dict[str, Any]) -> Situation:
    """What the result's words and paychecks depend on beyond the engine: the plan's name, pay,
    deferrals and paychecks (no after-tax money in yet, no plan cap: the profile user's taps)."""
    frequency = PayFrequency(profile["pay_frequency"])
    return Situation(
        plan_name=PLAN_NAMES[profile["plan_type"]],
        sole_prop=profile["plan_type"] == "solo401k" and profile["business_type"] == "sole_prop",
        pay=Decimal(profile["compensation"]), deferrals=Decimal(profile["employee_deferrals"]),
        per_year=PAY_PERIODS_PER_YEAR[frequency], paychecks_left=profile["pay_periods_remaining"],
        fica_proxy=pay_stands_in_for_fica_wages(profile), age=profile["age"],
    )


def expected_result_lines(profile: dict[str, Any]) -> list[str]:
    """The result screen this profile should see, from the rules engine called directly (and, when
    pay stands in for last year's FICA wages, the engine's Roth catch-up warning so worded)."""
    fields = engine_fields(profile)
    result = assess_json(fields)
    if pay_stands_in_for_fica_wages(profile):
        proxied = assess_json(fields | {"prior_year_fica_wages": profile["compensation"]})
        roth = [w for w in proxied["warnings"] if w["code"] == "roth_catch_up_required"]
        for w in roth:
            w["message"] = w["message"].replace(
                "Your prior-year FICA wages from this employer exceed",
                "Your pay here (standing in for last year's FICA wages, not given) is above")
        result["warnings"] = roth + result["warnings"]
    return result_lines(result, situation_for(profile))


def random_profile(rng: random.Random) -> dict[str, Any]:
    """A plausible user, seeded: the same seed gives the same person; one answer per question."""
    pay = rng.randint(20_000, 900_000)
    frequency = rng.choice(list(PayFrequency))
    return {
        "plan_type": rng.choice(["401k", "403b", "solo401k", "457b"]),
        "after_tax_allowed": rng.choice(["yes", "yes", "no", "unsure"]),
        "in_plan_conversion": rng.choice(["yes", "no", "unsure"]),
        "in_service_withdrawal": rng.choice(["yes", "no", "unsure"]),
        "tax_year": rng.choice([2024, 2025, 2026]),
        "age": rng.randint(18, 80),
        "business_type": rng.choice(["sole_prop", "s_corp"]),
        "compensation": pay,
        # within every year's base deferral limit and within pay: figures the interview takes
        # without a question back (those are tested in test_flows_result.py)
        "employee_deferrals": rng.randint(0, min(pay, 23_000)),
        "employer_contributions": rng.randint(0, min(pay, 30_000)),
        "pay_frequency": frequency.value,
        "pay_periods_remaining": rng.randint(1, PAY_PERIODS_PER_YEAR[frequency]),
    }
