"""The held-back people (tests/data/people_heldback.json, written before tuning and
never tuned to): nobody reaches a wrong figure, and the share that reaches theirs does not fall.
`python -m tests.people_heldback` prints each person and the score."""

from __future__ import annotations

from tests.people_heldback import score

#: Measured (docs/interview.md): 12 of 14 with the first understanding, 13 of 14 with i20a's merged.
REACHED_AT_LEAST = 13


def test_no_held_back_person_reaches_a_wrong_figure() -> None:
    wrong = [o.name for o in score() if o.room is not None and not o.reached]
    assert wrong == []


def test_the_held_back_score_does_not_fall() -> None:
    outcomes = score()
    assert len(outcomes) >= 14
    assert sum(o.reached for o in outcomes) >= REACHED_AT_LEAST
