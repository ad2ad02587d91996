"""Property: at every question, a message that states a fact for another question is
never taken as this question's answer, and every figure kept is what was typed or is confirmed
first. Each fact sentence names its question by its words ("I'm 45", "employer adds 9k");
hypothesis picks the question asked, the sentence and how it is dressed (case, punctuation,
a hedge)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from flows.answers import accept
from flows.facts import Facts
from flows.interview import Event, step
from flows.questions import BY_ID, QUESTIONS, Kind
from tests.flowkit import TODAY
from tests.test_flows_phrasings import conversation_at

#: Sentences that state a fact for one question (the key), as people write them.
FACTS: dict[str, tuple[str, ...]] = {
    "age": ("I'm 45", "i am 52", "I'm 38 years old", "age 61"),
    "compensation": ("I make 450k", "I earn 300k a year", "my salary is 175k", "income is 210,000"),
    "employee_deferrals": ("I defer 20k", "I'm maxing out my deferrals", "I only defer 18,000",
                           "I defer the max"),
    "employer_contributions": ("employer adds 22.5k", "my employer puts in 9k", "they contribute 5%",
                               "11250 match plus 11250 profit sharing"),
    "pay_frequency": ("I'm paid biweekly", "paid monthly", "paychecks come twice a month"),
    "pay_periods_remaining": ("3 paychecks left", "2 pay periods left"),
    "after_tax_cap_percent": ("there is a cap of 10%", "after-tax is capped at 15%"),
    "after_tax_allowed": ("the plan allows after-tax", "plan doesn't allow after-tax"),
    "tax_year": ("planning for 2025", "this is for next year"),
}
ASKED = [q.id for q in QUESTIONS if q.kind is not Kind.CHECKPOINT and q.id in {
    "plan_type", "after_tax_allowed", "in_plan_conversion", "in_service_withdrawal", "tax_year", "age",
    "compensation", "employee_deferrals", "employer_contributions", "after_tax_cap_percent",
    "pay_frequency", "pay_periods_remaining", "after_tax_so_far"}]
PAIRS = [(asked, said, sentence) for asked in ASKED for said, sentences in FACTS.items() if said != asked
         for sentence in sentences]


def dressed(sentence: str, style: int) -> str:
    return [sentence, sentence.upper(), sentence + ".", f"{sentence}!", f"hmm, {sentence}"][style]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PAIRS), st.integers(0, 4))
def test_a_fact_for_another_question_is_never_this_questions_answer(
    pair: tuple[str, str, str], style: int
) -> None:
    asked, said, sentence = pair
    conv = conversation_at(asked)
    before: dict[str, Any] = dict(conv["answers"])
    step(conv, Event("text", dressed(sentence, style)), TODAY)
    assert asked not in conv["answers"], (asked, sentence, conv["answers"].get(asked))
    facts = Facts(before, TODAY)
    for question, value in conv["answers"].items():  # anything kept was typed, or was there before
        if before.get(question) == value:
            continue
        assert question == said, (question, value, sentence)
        assert value == accept(BY_ID[question], _typed_part(sentence, question), facts) or value == "max"


def _typed_part(sentence: str, question: str) -> str:
    """The figure's own words in the sentence, as the usual reading takes them."""
    from flows.understand import stated_facts

    found = [s.text for s in stated_facts(sentence, Facts({}, TODAY)) if s.question == question]
    return found[0] if found else sentence


def test_every_pair_is_covered() -> None:
    assert len(PAIRS) > 250
