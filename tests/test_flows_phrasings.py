"""The phrasing table (tests/data/phrasings.tsv): what people type at each question, and how the
interview must read it: the stored answer, a question back ("Did you mean $450,000?"), or a
specific refusal. Each row is typed into a real conversation at that question."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.interview import Event, step
from flows.questions import ORDER
from tests.flowkit import TODAY

TABLE = Path(__file__).parent / "data" / "phrasings.tsv"
#: One person's answers, in question order; each row's conversation holds those before its question.
BEFORE: dict[str, Any] = {
    "plan_type": "401k", "after_tax_allowed": "yes", "in_plan_conversion": "no",
    "in_service_withdrawal": "yes", "verdict": "continue", "tax_year": "2026", "age": 45,
    "compensation": "200000", "employee_deferrals": "23500", "employer_contributions": {"dollars": "10000"},
    "after_tax_cap_percent": None, "pay_frequency": "biweekly", "pay_periods_remaining": 3,
    "after_tax_so_far": "0",
    "extras_offer": "yes", "filing_status": "single", "magi": "250000", "pretax_ira_balance": "0",
    "other_plan_deferrals": "0", "true_up": "no", "deferral_percent": None,
    "separate_accounting": "yes", "prior_year_fica_wages": None,
    "conversion_frequency": "quarterly", "marginal_tax_rate_percent": "35", "expected_return_percent": "7",
}


def rows() -> list[tuple[str, str, str]]:
    with TABLE.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return [(r[0], r[1], r[2]) for r in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def conversation_at(question: str) -> dict[str, Any]:
    answers = {k: v for k, v in BEFORE.items() if ORDER[k] < ORDER[question]}
    if question in ("business_type", "day_job_deferrals"):
        answers["plan_type"] = "solo401k"
    if question == "day_job_deferrals":
        answers["business_type"] = "sole_prop"
    return {"v": 1, "state": question, "answers": answers, "history": list(answers)}


def test_typing_the_next_answer_on_the_verdict_screen_goes_on() -> None:
    conv = conversation_at("verdict")
    reply = step(conv, Event("text", "this year"), TODAY)
    assert conv["state"] == "age"
    assert conv["answers"]["tax_year"] == "2026"
    assert reply.answered == ("Tax year", "2026 (this year)")
    conv = conversation_at("verdict")
    reply = step(conv, Event("text", "what now"), TODAY)
    assert conv == conversation_at("verdict")  # not an answer to anything: nothing changes
    assert reply.notice is not None


def test_the_table_is_big_and_covers_every_question_people_type_at() -> None:
    table = rows()
    assert len(table) >= 200
    asked = {q for q, _typed, _reading in table}
    assert asked >= set(BEFORE) - {"separate_accounting", "prior_year_fica_wages"}


@pytest.mark.parametrize(("question", "typed", "reading"), rows())
def test_each_phrasing_reads_as_expected(question: str, typed: str, reading: str) -> None:
    conv = conversation_at(question)
    reply = step(conv, Event("text", typed), TODAY)
    if reading.startswith("ask: "):
        assert conv["state"] == question
        assert question not in conv["answers"]
        assert reading.removeprefix("ask: ") in reply.lines[0]
        assert reply.notice is None
    elif reading.startswith("refused: "):
        assert conv["state"] == question
        assert "pending" not in conv
        assert reply.notice is not None
        assert reading.removeprefix("refused: ") in reply.notice
    else:
        assert conv["answers"].get(question, "unanswered") == json.loads(reading), reply.notice
        assert conv["state"] != question
        assert reply.answered is not None  # the next message echoes it


CHOICE_QUESTIONS = ("plan_type", "after_tax_allowed", "in_plan_conversion", "in_service_withdrawal",
                    "business_type", "pay_frequency", "filing_status", "conversion_frequency", "extras_offer")
CHOICE_ROWS = [row for row in rows()
               if row[0] in CHOICE_QUESTIONS and not row[2].startswith(("ask", "refused"))]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CHOICE_ROWS), st.randoms(use_true_random=False),
       st.sampled_from(["", "!", ".", "!!", " 🙂", "🙏", " ...", "?!"]))
def test_case_spacing_punctuation_and_emoji_do_not_change_a_choice(
    row: tuple[str, str, str], rng: random.Random, tail: str
) -> None:
    question, typed, reading = row
    shouted = "".join(ch.upper() if rng.random() < 0.5 else ch for ch in typed)
    spaced = "  " + shouted.replace(" ", "   ") + tail + " "
    conv = conversation_at(question)
    step(conv, Event("text", spaced), TODAY)
    assert conv["answers"].get(question, "unanswered") == json.loads(reading), spaced
