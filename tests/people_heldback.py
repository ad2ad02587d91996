"""The held-back people (written before the reading was tuned, never tuned to), scored:
`python -m tests.people_heldback` prints each and the score. A person reaches their figure when
the result's room and year are the ones worked by hand;
a message that changes nothing (no answer, no question back, no move) and is not a question is
counted as refused."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from flows.interview import Event, new_conversation, step

TODAY = date(2026, 12, 4)
PEOPLE = Path(__file__).parent / "data" / "people_heldback.json"
#: What a person answers once their own messages are used up (plain words, one per question).
FALLBACK = {"plan_type": "401k", "after_tax_allowed": "yes", "in_plan_conversion": "yes",
            "in_service_withdrawal": "no", "verdict": "continue", "tax_year": "this year", "age": "45",
            "after_tax_cap_percent": "no cap", "pay_frequency": "biweekly", "pay_periods_remaining": "all",
            "after_tax_so_far": "0", "extras_offer": "no"}


@dataclass
class Outcome:
    name: str
    reached: bool
    room: Any
    year: Any
    refused: list[str] = field(default_factory=list)


def _planned_year(conv: dict[str, Any]) -> int | None:
    raw = conv["answers"].get("tax_year")
    return int(raw) if raw is not None else None


def play(person: dict[str, Any]) -> Outcome:
    conv = new_conversation()
    refused = []
    reply = None
    for message in person["messages"]:
        before = copy.deepcopy(conv)
        reply = step(conv, Event("text", message), TODAY)
        if conv == before and message not in person.get("questions", []):
            refused.append(message)
    for _ in range(30):
        if conv["state"] == "result":
            break
        answer = "yes" if "pending" in conv else FALLBACK.get(conv["state"], "skip")
        reply = step(conv, Event("text", answer), TODAY)
    result = reply.result if reply is not None and conv["state"] == "result" else None
    room = result["after_tax_room"] if result else None
    year = _planned_year(conv)
    return Outcome(person["name"], room == person["room"] and year == person["year"], room, year, refused)


def score() -> list[Outcome]:
    people = json.loads(PEOPLE.read_text())["people"]
    return [play(person) for person in people]


if __name__ == "__main__":
    outcomes = score()
    for o in outcomes:
        print(f"{'OK ' if o.reached else 'NO '} {o.name}: room {o.room}, year {o.year}"
              + (f", refused {o.refused}" if o.refused else ""))
    reached = sum(o.reached for o in outcomes)
    clean = sum(o.reached and not o.refused for o in outcomes)
    print(f"reached {reached}/{len(outcomes)}; reached with nothing refused {clean}/{len(outcomes)}")
