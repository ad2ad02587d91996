"""The interview as one shared `transitions` machine: the rulebook every conversation follows.

States are the questions (plus the verdict, the optional-checks offer, the result and the
review). From each question, the `answer` trigger has one transition to every later question,
in order, each guarded by "this question applies and is not answered yet": transitions takes the
first whose condition holds, so skipping what does not apply is the machine's own job.

Conversations are never attached to the machine. A `Session` wraps one conversation's dict for
the length of one step and the machine's events are fired on it directly
(`MACHINE.events[name].trigger(session)`): one event costs about 17 us this way against about
132 us when the session is attached and detached with add_model/remove_model each step
(bench/bench_flows.py, same run).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from transitions import EventData, Machine

from flows.facts import Facts
from flows.questions import QUESTIONS, Kind, Question

REVIEW = "review"
FIRST = QUESTIONS[0].id
LAST = QUESTIONS[-1].id  # the result
STATES = [q.id for q in QUESTIONS] + [REVIEW]


class Session:
    """One conversation during one step: its JSON-safe dict plus today's date."""

    def __init__(self, data: dict[str, Any], today: date) -> None:
        self.data = data
        self.today = today
        self.state: str = data["state"]
        self._facts: Facts | None = None

    @property
    def facts(self) -> Facts:
        """One Facts per step (its derived values are cached); refreshed when answers change."""
        if self._facts is None:
            self._facts = Facts(self.data["answers"], self.today)
        return self._facts

    def answers_changed(self) -> None:
        self._facts = None


def wanted(question: Question, facts: Facts) -> bool:
    """Ask this question next if it applies and has no answer yet; the result always qualifies."""
    if question.id == LAST:
        return True
    return not facts.answered(question.id) and question.applies(facts)


def _guard(question: Question) -> Callable[[EventData], bool]:
    def condition(event: EventData) -> bool:
        session = event.model
        assert isinstance(session, Session)
        return wanted(question, session.facts)

    condition.__name__ = f"wants_{question.id}"
    return condition


def _is_target(question: Question) -> Callable[[EventData], bool]:
    """Back and edit name where they go (the last answered question, the tapped answer): the
    machine has one edge per possible target, taken when it is the one named."""

    def condition(event: EventData) -> bool:
        return bool(event.kwargs.get("target") == question.id)

    condition.__name__ = f"is_{question.id}"
    return condition


def _record_state(event: EventData) -> None:
    session = event.model
    assert isinstance(session, Session)
    session.data["state"] = session.state
    session.data.pop("pending", None)  # a "Did you mean ...?" belongs to the question it was asked at
    if session.state == REVIEW:
        session.data.pop("editing", None)


def _transitions() -> list[dict[str, Any]]:
    rules: list[dict[str, Any]] = []
    for index, source in enumerate(QUESTIONS[:-1]):
        for target in QUESTIONS[index + 1:]:
            rules.append({"trigger": "answer", "source": source.id, "dest": target.id,
                          "conditions": [_guard(target)]})
    for index, source in enumerate(QUESTIONS[1:], start=1):  # back: to the last answered question
        for target in QUESTIONS[:index]:
            if target.kind is not Kind.CHECKPOINT:
                rules.append({"trigger": "back", "source": source.id, "dest": target.id,
                              "conditions": [_is_target(target)]})
    for target in QUESTIONS:  # leaving the review (Done, or after an edit): first open question, else result
        rules.append({"trigger": "resume", "source": REVIEW, "dest": target.id,
                      "conditions": [_guard(target)]})
        if target.kind is not Kind.CHECKPOINT:  # the review's buttons: change this answer
            rules.append({"trigger": "edit", "source": REVIEW, "dest": target.id,
                          "conditions": [_is_target(target)]})
    rules.append({"trigger": "review", "source": "*", "dest": REVIEW})
    rules.append({"trigger": "restart", "source": "*", "dest": FIRST})
    return rules


def build_machine() -> Machine:
    return Machine(
        model=None, states=STATES, transitions=_transitions(), initial=FIRST,
        auto_transitions=False, send_event=True, after_state_change=[_record_state],
    )


MACHINE = build_machine()


def fire(session: Session, trigger: str, target: str | None = None) -> bool:
    """Fire one event of the shared machine on this session (``target``: where back or edit go);
    True when a transition was taken."""
    fired: bool = MACHINE.events[trigger].trigger(session, target=target)
    return fired
