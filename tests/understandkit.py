"""Reading a phrasing table of the understanding layer (tests/data/understand_*.tsv): each row typed
at a question, or as a free-form message, and compared with what a person meant."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flows.answers import NotSure, OtherAnswer, accept
from flows.facts import Facts
from flows.parse import Confirm, ParseError
from flows.questions import BY_ID
from flows.understand import correction_in, question_in, stated_facts
from tests.flowkit import TODAY

DATA = Path(__file__).parent / "data"
#: The answers before each question (one person, a 401(k) with after-tax money, paid every 2 weeks).
BEFORE: dict[str, Any] = {
    "plan_type": "401k", "after_tax_allowed": "yes", "in_plan_conversion": "no",
    "in_service_withdrawal": "yes",
    "verdict": "continue", "tax_year": "2026", "age": 45, "compensation": "200000",
    "employee_deferrals": "23500", "employer_contributions": {"dollars": "10000"},
    "after_tax_cap_percent": None, "pay_frequency": "biweekly",
}
ORDER = [*BEFORE, "pay_periods_remaining", "after_tax_so_far"]


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
    return [Row(r[0], r[1], r[2], r[3] if r[0] in ("elsewhere", "explain") else json.loads(r[3]))
            for r in rows]


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
        return "correct", _correction(row)
    if row.kind == "explain":
        explained = question_in(row.typed)
        return "explain", None if explained is None else explained.term
    return _answer(row)


def _correction(row: Row) -> list[Any] | None:
    found = correction_in(row.typed, facts_at(row.at))
    if found is None:
        return None
    text = found.text
    return [found.question, text if found.question is None or text is None else _value(found.question, text)]


def _answer(row: Row) -> tuple[str, Any]:
    try:
        return "answer", accept(BY_ID[row.at], row.typed, facts_at(row.at))
    except OtherAnswer as other:
        return "elsewhere", other.meant.question or "last"  # "last": the last answer
    except NotSure as unsure:
        return "answer", unsure.value
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
    """'right', 'refused' (asked again or back: a person retypes or says no) or 'misread' (a wrong value
    taken without a word, or a hedged one taken without being confirmed)."""
    how, got = outcome(row)
    if row.kind == "facts":
        return _facts_verdict(got, row.expected)
    if row.kind in ("correct", "explain"):
        return "refused" if got is None else "right" if got == row.expected else "misread"
    if how == row.kind and got == row.expected:
        return "right"
    return "misread" if how == "answer" else "refused"


def _facts_verdict(got: dict[str, Any], expected: dict[str, Any]) -> str:
    wrong = {q for q, v in got.items() if q in expected and v != expected[q]}
    if wrong or set(got) - set(expected):
        return "misread"
    return "right" if set(got) == set(expected) else "refused"
