"""The interview as one shared `transitions` machine: the rulebook every conversation follows.

The machine's states are the interview's stages: ``verdict`` (the plan's questions, then the
verdict), ``room`` (what the person puts in and is paid), ``extras`` (the optional checks),
``result`` and ``review``. Inside a stage the next question is the first of the stage that
applies (its named condition in flows/conditions.py holds) and has no answer yet
(``next_question``). Moving on is the ``next`` event, guarded by named conditions:
``verdict_questions_left``, ``room_questions_left``, ``extras_questions_left``; otherwise the result.

A conversation's dict keeps the screen it is on under "state" (a question's id, "review" or
"result"); its stage follows from that screen. Conversations are never attached to the machine:
a `Session` wraps one conversation's dict for the length of one step and the machine's events are
fired on it directly (`MACHINE.events[name].trigger(session)`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from transitions import EventData, Machine

from flows.facts import Facts
from flows.questions import BY_ID, QUESTIONS, Kind, Question, Stage

REVIEW = "review"
FIRST = QUESTIONS[0].id
LAST = QUESTIONS[-1].id  # the result
#: Every screen a conversation can be on (what a stored conversation and a button name).
STATES = [q.id for q in QUESTIONS] + [REVIEW]
#: The machine's states: the stages, in the order a conversation goes through them.
STAGE_NAMES: dict[Stage, str] = {Stage.VERDICT: "verdict", Stage.ROOM: "room", Stage.EXTRAS: "extras",
                                 Stage.DONE: "result"}
STAGES = [*STAGE_NAMES.values(), REVIEW]
ASKING = ("verdict", "room", "extras")  # the stages that ask questions
STAGE_QUESTIONS: dict[str, tuple[Question, ...]] = {
    name: tuple(q for q in QUESTIONS if q.stage is stage) for stage, name in STAGE_NAMES.items()
}


def stage_of(screen: str) -> str:
    """The stage a screen belongs to ("compensation" -> "room")."""
    return REVIEW if screen == REVIEW else STAGE_NAMES[BY_ID[screen].stage]


class Session:
    """One conversation during one step: its JSON-safe dict plus today's date."""

    def __init__(self, data: dict[str, Any], today: date) -> None:
        self.data = data
        self.today = today
        self.state: str = stage_of(data["state"])
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


def next_question(stage: str, facts: Facts) -> str | None:
    """The screen a stage shows next: its first question that applies and is open."""
    if stage == REVIEW:
        return REVIEW
    return next((q.id for q in STAGE_QUESTIONS[stage] if wanted(q, facts)), None)


def first_open(facts: Facts) -> str:
    """The first question still open across the whole interview (else the result)."""
    return next(q.id for q in QUESTIONS if wanted(q, facts))


def _session(event: EventData) -> Session:
    session = event.model
    assert isinstance(session, Session)
    return session


def verdict_questions_left(event: EventData) -> bool:
    return next_question("verdict", _session(event).facts) is not None


def room_questions_left(event: EventData) -> bool:
    return next_question("room", _session(event).facts) is not None


def extras_questions_left(event: EventData) -> bool:
    return next_question("extras", _session(event).facts) is not None


LEFT: dict[str, Callable[[EventData], bool]] = {
    "verdict": verdict_questions_left, "room": room_questions_left, "extras": extras_questions_left}


def _target_in(stage: str) -> Callable[[EventData], bool]:
    """Back, edit and corrections name the question they go to; the machine goes to its stage."""

    def condition(event: EventData) -> bool:
        target = event.kwargs.get("target")
        return target in BY_ID and stage_of(str(target)) == stage

    condition.__name__ = f"target_in_{stage}"
    return condition


def _record_state(event: EventData) -> None:
    """Keep the screen in the conversation's dict: the question named, else the stage's next."""
    session = _session(event)
    target = event.kwargs.get("target")
    screen = target if target in BY_ID else next_question(session.state, session.facts)
    session.data["state"] = screen or LAST
    session.data.pop("pending", None)  # a "Did you mean ...?" belongs to the question it was asked at
    if session.state == REVIEW:
        session.data.pop("editing", None)


def _onward(sources: list[str]) -> list[dict[str, Any]]:
    """From these stages to the first stage with a question left, else the result."""
    rules: list[dict[str, Any]] = []
    for source in sources:
        for stage in ASKING:
            rules.append({"trigger": "next", "source": source, "dest": stage, "conditions": [LEFT[stage]]})
        rules.append({"trigger": "next", "source": source, "dest": "result"})
    return rules


def _transitions() -> list[dict[str, Any]]:
    rules = _onward([*ASKING, "result", REVIEW])
    for source in (*ASKING, "result", REVIEW):  # back, a correction, an edit: to the named question
        for stage in ASKING:
            rules.append({"trigger": "go_to", "source": source, "dest": stage,
                          "conditions": [_target_in(stage)]})
    rules.append({"trigger": "review", "source": "*", "dest": REVIEW})
    rules.append({"trigger": "restart", "source": "*", "dest": "verdict"})
    return rules


def build_machine() -> Machine:
    return Machine(
        model=None, states=STAGES, transitions=_transitions(), initial="verdict",
        auto_transitions=False, send_event=True, after_state_change=[_record_state],
    )


MACHINE = build_machine()


def fire(session: Session, trigger: str, target: str | None = None) -> bool:
    """Fire one event of the shared machine on this session (``target``: the question go_to goes
    to); True when a transition was taken."""
    fired: bool = MACHINE.events[trigger].trigger(session, target=target)
    return fired


def goes_back_to(target: str) -> bool:
    """Back and edit can go to a question, never to a checkpoint screen."""
    return target in BY_ID and BY_ID[target].kind is not Kind.CHECKPOINT
