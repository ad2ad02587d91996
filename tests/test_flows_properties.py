"""Hypothesis: random answer sequences, valid and not, through the machine."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flows.interview import Event, load, step
from flows.machine import MACHINE
from rules import assess_json
from rules.models import PAY_PERIODS_PER_YEAR, PayFrequency
from tests.flowkit import TODAY, User, answer_for, engine_fields, send

JUNK = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "1e309", "NaN", "-0", "<b>x</b>", "*bold*", "٤٥", "ℌ", "\u202e12", "🙂" * 50,
                     "x" * 4096, "/start", "$", "%", "50% up to 600%", "max", "skip", "not sure",
                     "450.000", "23,5k", "30000", "0", "1975", "5% match up to 6%", "yes", "re-enter",
                     "done", "pay", "3", "this year", "all", "none yet", "$10k a month"]),
)
COMMANDS = st.sampled_from(["back", "restart", "review", "help", "summary", "details", "nope"])
BUTTONS = st.sampled_from(["yes", "no", "unsure", "continue", "401k", "solo401k", "457b", "2025",
                           "2026", "max", "skip", "done", "edit:age", "details", "review", "7", "12",
                           "pick:0", "pick:1", "pick:9", "reenter", "edit:compensation", "0"])


@st.composite
def events(draw: st.DrawFn) -> Event:
    kind = draw(st.sampled_from(["text", "button", "command"]))
    if kind == "command":
        return Event("command", draw(COMMANDS))
    if kind == "button":
        return Event("button", draw(BUTTONS), draw(st.one_of(st.none(), st.just("age"))))
    return Event("text", draw(JUNK))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(events(), max_size=60))
def test_random_events_never_raise_and_always_restore(sequence: list[Event]) -> None:
    user = User()
    for event in sequence:
        before = json.dumps(user.conv, sort_keys=True)
        previous_state = user.conv["state"]
        reply = step(user.conv, event, TODAY)
        assert reply.title
        assert load(json.loads(json.dumps(user.conv))) == user.conv
        # a fact stated for another question ("fortnigh" at the plan type) is taken and echoed, not refused
        echoed = reply.notice is not None and reply.notice.startswith("Got it: ")
        reentered = reply.notice == "OK, type it again."  # "Re-enter" chosen ("3"): its question back dropped
        refused = (event.kind == "text" and reply.notice is not None and reply.state == previous_state
                   and not echoed and not reentered)
        if refused:  # a refused answer changes nothing at all
            assert json.dumps(user.conv, sort_keys=True) == before
    assert MACHINE.models == []


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    plan = draw(st.sampled_from(["401k", "403b", "solo401k", "457b"]))
    pay = draw(st.integers(min_value=1_000, max_value=900_000))
    business = draw(st.sampled_from(["sole_prop", "s_corp"]))
    sole_prop = plan == "solo401k" and business == "sole_prop"
    # quarterly and once a year are a sole proprietor's own schedules, never a payroll's
    frequencies = [f for f in PayFrequency
                   if sole_prop or f not in (PayFrequency.QUARTERLY, PayFrequency.ANNUALLY)]
    frequency = draw(st.sampled_from(frequencies))
    return {
        "plan_type": plan,
        "after_tax_allowed": draw(st.sampled_from(["yes", "no", "unsure"])),
        "in_plan_conversion": draw(st.sampled_from(["yes", "no", "unsure"])),
        "in_service_withdrawal": draw(st.sampled_from(["yes", "no", "unsure"])),
        "tax_year": draw(st.sampled_from([2024, 2025, 2026])),
        "age": draw(st.integers(min_value=18, max_value=80)),
        "business_type": business,
        "compensation": pay,
        "employee_deferrals": draw(st.integers(min_value=0, max_value=min(pay, 40_000))),
        "employer_contributions": draw(st.integers(min_value=0, max_value=60_000)),
        "pay_frequency": frequency.value,
        "pay_periods_remaining": draw(st.integers(1, PAY_PERIODS_PER_YEAR[frequency])),
    }


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles(), st.lists(st.tuples(st.integers(0, 30), st.sampled_from(["junk", "back", "review"])),
                            max_size=6), JUNK)
def test_finished_interviews_equal_rules_called_directly(
    profile: dict[str, Any], noise: list[tuple[int, str]], junk: str
) -> None:
    user = User()
    disturbances = dict(noise)
    for turn in range(200):
        if user.state == "result":
            break
        kind = disturbances.pop(turn, None)
        if kind == "junk" and user.state not in ("verdict", "extras_offer", "review") and not _states_a_fact(
                junk, user):  # a message stating a fact ("0% match") is an answer, not junk
            before, asked = user.answers(), user.state
            user.type(junk)
            if user.state == asked:  # refused: nothing changed
                assert user.answers() == before
            else:  # the junk happened to be a valid answer: back undoes it exactly
                user.command("back")
                assert user.state == asked
                assert user.answers() == before
        elif kind == "back":
            user.command("back")
        elif kind == "review":
            user.command("review")
            user.tap("done")
        elif user.state == "review":
            user.tap("done")
        else:
            send(user, answer_for(user.state, profile, user.conv.get("pending")))
    assert user.state == "result"
    assert user.last is not None
    assert user.last.result is not None
    got = user.last.result
    direct = assess_json(engine_fields(profile))
    for key in ("verdict", "route", "after_tax_room", "annual_additions_limit", "deferral_limit",
                "catch_up_limit", "total_limit", "excess_deferrals", "excess_annual_additions",
                "solo_employer_max"):
        assert got[key] == direct[key], key
    if got["after_tax_room"] and got["per_paycheck"] is not None:
        expected = Decimal(str(direct["after_tax_room"])) / profile["pay_periods_remaining"]
        assert abs(Decimal(str(got["per_paycheck"])) - expected) <= Decimal("0.01")


def _states_a_fact(text: str, user: User) -> bool:
    from flows.facts import Facts
    from flows.understand import stated_facts

    return any(s.question != user.state for s in stated_facts(text, Facts(user.answers(), user.today)))


def test_a_fact_for_another_question_is_echoed_where_the_question_stays() -> None:
    """Found by the random-events property: a frequency typed (with a typo) at the plan type is taken
    as the pay frequency and said back, and the plan type is still asked."""
    user = User()
    reply = step(user.conv, Event("text", "FORTNIGH"), TODAY)
    assert user.conv["answers"] == {"pay_frequency": "biweekly"}
    assert reply.state == "plan_type"
    assert reply.notice == "Got it: Pay frequency: Every 2 weeks."


EVERYDAY = ["no", "yes", "not sure", "457b", "401k", "403b", "solo 401k", "sole prop", "s corp", "max",
            "the maximum", "2", "1", "3", "5", "back", "review", "start over", "quarterly", "monthly",
            "biweekly", "45", "61", "250k", "$30k", "10%", "50% up to 6%", "none", "no cap", "2026", "2025",
            "2027", "wait, I meant 2025", "change my age to 60", "what's an SPD?", "idk", "skip", "all",
            "I'm 45, make 250k, maxing my 401k", "0", "1000 biweekly", "See my numbers",
            "Continue with provisional numbers", "Details & sources", "Tax forms", "Remind me to convert",
            "Each paycheck", "hmm not sure", "yes thats right", "185,00", "my wife and I make 300k combined",
            "lump sum at year end", "idk what is after tax", "make 401k"]
WALK_COMMANDS = ["/back", "/review", "/restart", "/summary", "/details", "/taxes", "/help"]


def test_a_walk_of_everyday_words_never_raises() -> None:
    """150 people, 40 messages each, of the words people type and the screens' own labels, in a seeded
    order ('457b' then 'no' on the verdict once raised inside the flow): every step gives a screen
    and leaves a conversation that loads."""
    for seed in range(150):
        rng = random.Random(seed)
        user = User()
        for _ in range(40):
            word = rng.choice(EVERYDAY + WALK_COMMANDS)
            event = Event("command", word[1:]) if word.startswith("/") else Event("text", word)
            reply = step(user.conv, event, TODAY)
            assert reply.title, (seed, word)
        assert load(json.loads(json.dumps(user.conv))) == user.conv
