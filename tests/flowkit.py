"""Driving the flow in tests: a tiny user who taps and types."""

from __future__ import annotations

import json
import random
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from flows.interview import Event, Reply, load, new_conversation, step
from flows.money_words import money
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


#: The seed's people plan 2025 during 2025 (its paychecks still to come): their day.
SEED_DAY = date(2025, 6, 2)


def dr_chen(user: User) -> Reply:
    """The seed's Dr. Chen, planning 2025 during 2025 (from her first answer the user's day is
    SEED_DAY: on TODAY 2025 is over and no paychecks are asked)."""
    user.today = SEED_DAY
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
              "after_tax_so_far": "0", "day_job_deferrals": "0"}


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
        if stored in (value, str(value), {"dollars": str(value)}):
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


# IRS figures, from the notices (not from rules/data): 415(c) dollar limit, 402(g), catch-up at 50+
# and at 60-63, Social Security wage base. 2024: Notice 2023-75; 2025: Notice 2024-80 and SSA
# 2025 COLA fact sheet; 2026: Notice 2025-67 and SSA 2026 fact sheet.
ANNUAL_ADDITIONS = {2024: 69_000, 2025: 70_000, 2026: 72_000}
DEFERRAL_LIMIT = {2024: 23_000, 2025: 23_500, 2026: 24_500}
CATCH_UP_50 = {2024: 7_500, 2025: 7_500, 2026: 8_000}
CATCH_UP_60_63 = {2024: 7_500, 2025: 11_250, 2026: 11_250}
WAGE_BASE = {2024: 168_600, 2025: 176_100, 2026: 184_500}
ROUTE_WORDS = {"in_plan_conversion": "in-plan Roth conversion",
               "in_service_withdrawal": "in-service withdrawal to a Roth IRA"}
CENT = Decimal("0.01")


def headline(profile: dict[str, Any]) -> str:
    """The verdict, worked from the answers: a 457(b) or 'no' is not available; 'unsure' about
    after-tax money can't tell (a Solo 401(k)'s provider can, an employer plan's administrator can);
    a route 'yes' is available; 'unsure' about both can't tell."""
    if profile["plan_type"] == "457b" or profile["after_tax_allowed"] == "no":
        return "❌ Mega backdoor Roth: not available in this plan."
    routes = (profile["in_plan_conversion"], profile["in_service_withdrawal"])
    if profile["after_tax_allowed"] == "unsure" or ("yes" not in routes and "unsure" in routes):
        who = "solo 401(k) provider" if profile["plan_type"] == "solo401k" else "plan administrator"
        return f"❓ Mega backdoor Roth: can't tell yet; your {who} can."
    if "yes" not in routes:
        return "🟡 After-tax money is allowed, but reaches a Roth only when you leave this job."
    route = "in_plan_conversion" if routes[0] == "yes" else "in_service_withdrawal"
    return f"✅ Mega backdoor Roth: available, via {ROUTE_WORDS[route]}."


def _catch_up(year: int, age: int) -> Decimal:
    if age < 50:
        return Decimal(0)
    return Decimal(CATCH_UP_60_63[year] if 60 <= age <= 63 else CATCH_UP_50[year])


def _plan_pay(profile: dict[str, Any]) -> Decimal:
    """415(c)(3) compensation: W-2 pay; a sole proprietor's net profit less half the Schedule SE
    tax (12.4% up to the wage base, 2.9% on all, of 92.35% of profit) less the contribution."""
    pay, year = Decimal(profile["compensation"]), profile["tax_year"]
    if profile["plan_type"] != "solo401k" or profile["business_type"] != "sole_prop":
        return pay
    base = pay * Decimal("0.9235")
    se_tax = min(base, Decimal(WAGE_BASE[year])) * Decimal("0.124") + base * Decimal("0.029")
    return max(Decimal(0), pay - se_tax / 2 - Decimal(profile["employer_contributions"]))


def room_by_hand(profile: dict[str, Any]) -> Decimal:
    """415(c): the lesser of the dollar limit and 100% of pay, less deferrals counted (those above
    415(c) less the employer money are catch-up, Treas. Reg. 1.414(v)-1(b)) and the employer money;
    under a dollar is nothing."""
    year, deferrals = profile["tax_year"], Decimal(profile["employee_deferrals"])
    employer = Decimal(profile["employer_contributions"])
    pay = _plan_pay(profile)
    limit = min(Decimal(ANNUAL_ADDITIONS[year]), pay)
    within = min(deferrals, Decimal(DEFERRAL_LIMIT[year]), max(Decimal(0), limit - employer))
    catch_up = min(deferrals - within, _catch_up(year, profile["age"]), max(Decimal(0), pay - within))
    room = max(Decimal(0), limit - (deferrals - catch_up) - employer)
    return room if room >= 1 else Decimal(0)


def paycheck_by_hand(profile: dict[str, Any], room: Decimal, paychecks: int) -> Decimal:
    """The even split rounded down to the cent, or what a paycheck holds after its deferral."""
    per_year = PAY_PERIODS_PER_YEAR[PayFrequency(profile["pay_frequency"])]
    even = (room / paychecks).quantize(CENT, rounding=ROUND_FLOOR)
    gross = Decimal(profile["compensation"]) / per_year
    holds = max(Decimal(0), gross - Decimal(profile["employee_deferrals"]) / per_year)
    return min(even, holds.quantize(CENT, rounding=ROUND_FLOOR))


def expected_result_lines(profile: dict[str, Any]) -> list[str]:
    """Lines the first result screen must hold, worked by hand from the profile (not by the code
    under test): the verdict, the year's after-tax room, and the per-paycheck dollars (the start of
    that line; the whole-% election follows it), or for a year over on TODAY that it is closed."""
    lines = [headline(profile)]
    if lines[0].startswith("❌"):
        return lines
    room = room_by_hand(profile)
    provisional = " (provisional)" if lines[0].startswith("❓") else ""
    lines.append(f"After-tax room for {profile['tax_year']}: {money(room)}{provisional}")
    if profile["tax_year"] < TODAY.year:  # over on TODAY: closed, no paychecks left to split it over
        lines.append(f"🔒 {profile['tax_year']} is over: its after-tax contributions are closed")
        return lines
    if room:
        asked = {state for state, _ in steps_for(profile)}
        per_year = PAY_PERIODS_PER_YEAR[PayFrequency(profile["pay_frequency"])]
        paychecks = profile["pay_periods_remaining"] if "pay_periods_remaining" in asked else per_year
        sole_prop = profile["plan_type"] == "solo401k" and profile["business_type"] == "sole_prop"
        word = "Per contribution" if sole_prop else "Per paycheck"
        lines.append(f"{word}: {money(paycheck_by_hand(profile, room, paychecks))}")
    return lines


def random_profile(rng: random.Random) -> dict[str, Any]:
    """A plausible user, seeded: the same seed gives the same person; one answer per question."""
    pay = rng.randint(20_000, 900_000)
    frequency = rng.choice(PAYROLL)
    profile = {
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
    return _own_schedule(rng, profile)


# A payroll's schedules; a sole proprietor may also put money in quarterly or once a year.
PAYROLL = [f for f in PayFrequency if f not in (PayFrequency.QUARTERLY, PayFrequency.ANNUALLY)]


def _own_schedule(rng: random.Random, profile: dict[str, Any]) -> dict[str, Any]:
    """One sole proprietor in three puts money in quarterly or once a year (drawn last, so everyone
    else is the person the same seed always gave)."""
    if (profile["plan_type"], profile["business_type"]) != ("solo401k", "sole_prop") or rng.random() > 1 / 3:
        return profile
    frequency = rng.choice([PayFrequency.QUARTERLY, PayFrequency.ANNUALLY])
    periods = rng.randint(1, PAY_PERIODS_PER_YEAR[frequency])
    return profile | {"pay_frequency": frequency.value, "pay_periods_remaining": periods}
