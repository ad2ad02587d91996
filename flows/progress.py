"""Where the user is: "Your room: question 3 of 7"."""

from __future__ import annotations

from flows.facts import Facts
from flows.questions import QUESTIONS, Kind, Question, Stage

STAGE_QUESTIONS: dict[Stage, list[Question]] = {
    stage: [q for q in QUESTIONS if q.stage is stage and q.kind is not Kind.CHECKPOINT] for stage in Stage
}


STAGE_INDEX: dict[str, int] = {q.id: i for stage in STAGE_QUESTIONS.values() for i, q in enumerate(stage)}


def progress(question: Question, facts: Facts) -> str:
    if question.kind is Kind.CHECKPOINT and question.stage is not Stage.ROOM:
        return question.stage.value
    stage = STAGE_QUESTIONS[question.stage]
    index = STAGE_INDEX.get(question.id)
    if index is None:
        return question.stage.value
    position = 1 + sum(1 for q in stage[:index] if q.applies(facts))
    if question.stage is Stage.VERDICT:
        return f"{question.stage.value}: question {position} of up to {len(stage)}"
    total = max(position, sum(1 for q in stage if q.applies(facts)))
    return f"{question.stage.value}: question {position} of {total}"
