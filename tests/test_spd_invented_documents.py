"""Whole invented SPDs (tests/data/spd/invented/, written for these tests the way real plans word them):
each document's three answers, with quotes from the sentences that decide them, among the boilerplate
every SPD carries (eligibility, match, vesting, loans, taxes, beneficiaries, claims, ERISA rights)."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.spd import read_text

INVENTED = Path(__file__).resolve().parent / "data" / "spd" / "invented"

CASES = {
    "mega-401k": (
        {"after_tax_allowed": "yes", "in_plan_conversion": "yes", "in_service_withdrawal": "yes"},
        {
            "after_tax_allowed": "You may contribute from 1% to 75% of your eligible pay",
            "in_plan_conversion": "You may elect to convert all or part of your vested after-tax account",
            "in_service_withdrawal": "After-tax withdrawals: You may withdraw all or part of your after-tax",
        },
    ),
    "university-403b": (
        {"after_tax_allowed": "no", "in_plan_conversion": "no", "in_service_withdrawal": "no"},
        {
            "after_tax_allowed": "The Plan does not accept voluntary after-tax contributions other than Roth",
            "in_plan_conversion": "The Plan does not permit in-plan Roth rollovers or conversions.",
            "in_service_withdrawal": "Generally, you may not withdraw money from the Plan while you are",
        },
    ),
    # a plan-highlights table: one "Label: value" row a line
    "highlights": (
        {"after_tax_allowed": "no", "in_plan_conversion": "yes", "in_service_withdrawal": "conditional"},
        {
            "after_tax_allowed": "After-tax contributions: Not permitted",
            "in_plan_conversion": "In-plan Roth conversions: Available",
            "in_service_withdrawal": "You may take an in-service withdrawal after you reach age 59½.",
        },
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_whole_document_answers_each_question_with_its_deciding_sentence(name: str) -> None:
    answers, quotes = CASES[name]
    reading = read_text((INVENTED / f"{name}.txt").read_text(encoding="utf-8"))
    assert {q: p.answer for q, p in reading.answers.items()} == answers
    for question, quote in quotes.items():
        assert reading.answers[question].evidence[0].quote.startswith(quote)
