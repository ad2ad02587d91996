"""Reading a phrasing table of the understanding layer (tests/data/understand_*.tsv): each row typed
at a question, or as a free-form message, and compared with what a person meant."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flows.answers import OtherAnswer, accept
from flows.facts import Facts
from flows.parse import Confirm, ParseError
from flows.questions import BY_ID
from flows.understand import correction_in, question_in, stated_facts
from tests.flowkit import TODAY

DATA = Path(__file__).parent / "data"
#: The answers before each question (one person, a 401(k) with after-tax money, paid every 2 weeks).
BEFORE: dict[str, Any] = {
    "plan_type": "401k", "after_tax_allowed": "yes", "in_plan_conversion": "no", "in_service_withdrawal": "yes",
    "verdict": "continue", "tax_year": "2026", "age": 45, "compensation": "200000",
    "employee_deferrals": "23500", "employer_contributions": {"dollars": "10000"},
    "after_tax_cap_percent": None, "pay_frequency": "biweekly",
}
ORDER = list(BEFORE) + ["pay_periods_remaining", "after_tax_so_far"]


@dataclass(frozen=True)
class Row:
    kind: str
    at: str
    typed: str
    expected: Any


def table(name: str) -> list[Row]:
    with (DATA / name).open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    rows = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [Row(r[0], r[1], r[2], r[3] if r[0] in ("elsewhere", "explain") else json.loads(r[3])) for r in rows]


def facts_at(question: str) -> Facts:
    answers = {k: v for k, v in BEFORE.items() if k in ORDER[: ORDER.index(question)]} if question in ORDER \
        else dict(BEFORE)
    return Facts(answers, TODAY)


def outcome(row: Row) -> tuple[str, Any]:
    """(how it was read, what): ('answer', value), ('confirm', value), ('elsewhere', qid),
    ('refused', reason), or for whole messages the facts / correction / term read."""
    if row.kind == "facts":
        return "facts", facts_read(row.typed)
    if row.kind == "correct":
        found = correction_in(row.typed, facts_at(row.at))
        if found is None:
            return "correct", None
        text = found.text
        value = text if found.question is None or text is None else _value(found.question, text)
        return "correct", [found.question, value]
    if row.kind == "explain":
        explained = question_in(row.typed)
        return "explain", None if explained is None else explained.term
    try:
        return "answer", accept(BY_ID[row.at], row.typed, facts_at(row.at))
    except OtherAnswer as other:
        return "elsewhere", other.meant.question
    except Confirm as ask:
        return "confirm", ask.options[0][0]
    except ParseError as exc:
        return "refused", str(exc)


def _value(question: str, text: str) -> Any:
    try:
        return accept(BY_ID[question], text, Facts({}, TODAY))
    except Confirm as ask:
        return ask.options[0][0]
    except ParseError:
        return None


def facts_read(message: str) -> dict[str, Any]:
    return {s.question: _value(s.question, s.text) for s in stated_facts(message, Facts({}, TODAY))}


def verdict(row: Row) -> str:
    """'right', 'refused' (asked again: a person retypes) or 'misread' (a wrong value taken)."""
    how, got = outcome(row)
    if row.kind == "facts":
        wrong = {q for q, v in got.items() if q in row.expected and v != row.expected[q]}
        extra = set(got) - set(row.expected)
        if wrong or extra:
            return "misread"
        return "right" if set(got) == set(row.expected) else "refused"
    if row.kind in ("correct", "explain"):
        if got is None:
            return "refused"
        return "right" if got == row.expected else "misread"
    if how == row.kind and got == row.expected:
        return "right"
    if how == "refused" or (how == "confirm" and row.kind == "answer" and got == row.expected):
        return "refused"  # asked back or again: nothing wrong is taken
    if how == "confirm" or how == "elsewhere":
        return "refused" if row.kind != "answer" or got != row.expected else "right"
    return "misread"
