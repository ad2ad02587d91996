"""The flow API: load a conversation dict, advance it by one event, get the reply to show.

A conversation is a small JSON-safe dict: {"v", "state", "answers", "history"}. Nothing else
about it is kept anywhere, so it can be saved after each step and restored exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from flows.answers import accept
from flows.facts import CHECKPOINT_DONE, Facts
from flows.inputs import engine_input
from flows.machine import FIRST, LAST, REVIEW, STATES, Session, fire, jump
from flows.parse import ParseError
from flows.questions import BY_ID, QUESTIONS, Choice, Kind, Question, Stage
from flows.summary import detail_lines, money, result_lines, verdict_lines
from rules import InputError, assess_json

VERSION = 1
COMMANDS = ("start", "back", "restart", "review", "help", "summary", "details")
CONTINUE = Choice(CHECKPOINT_DONE, "See my numbers")
PROVISIONAL = Choice(CHECKPOINT_DONE, "Continue with provisional numbers")
RESULT_CHOICES = (Choice("details", "Details & sources"), Choice("review", "Review answers"),
                  Choice("restart", "Start over"))


@dataclass(frozen=True)
class Event:
    """What the user did: typed text, tapped a button (for ``state``), or sent a command."""

    kind: Literal["text", "button", "command"]
    value: str
    state: str | None = None


@dataclass(frozen=True)
class Reply:
    """One screen to show: a renderer formats it, it holds no transport detail."""

    state: str
    title: str
    lines: tuple[str, ...]
    choices: tuple[Choice, ...] = ()
    notice: str | None = None
    hint: str | None = None
    expects_text: bool = False
    result: dict[str, Any] | None = field(default=None, compare=False)
    chart: bool = False  # the result summary: worth a chart of the annual additions limit
    # The question just answered, as (its short label, the answer as understood), e.g.
    # ("Pay", "$450,000"): a renderer echoes it and may mark the old question as answered.
    answered: tuple[str, str] | None = None


def new_conversation() -> dict[str, Any]:
    return {"v": VERSION, "state": FIRST, "answers": {}, "history": []}


def load(raw: Any) -> dict[str, Any]:
    """A stored dict back to a conversation; anything unrecognisable starts afresh."""
    if not isinstance(raw, dict) or raw.get("v") != VERSION or raw.get("state") not in STATES:
        return new_conversation()
    answers, history = raw.get("answers"), raw.get("history")
    if not isinstance(answers, dict) or not isinstance(history, list):
        return new_conversation()
    if any(k not in BY_ID for k in answers) or any(h not in BY_ID for h in history):
        return new_conversation()
    return {"v": VERSION, "state": raw["state"], "answers": dict(answers), "history": list(history)}


STAGE_QUESTIONS: dict[Stage, list[Question]] = {
    stage: [q for q in QUESTIONS if q.stage is stage and q.kind is not Kind.CHECKPOINT] for stage in Stage
}


STAGE_INDEX: dict[str, int] = {q.id: i for stage in STAGE_QUESTIONS.values() for i, q in enumerate(stage)}


def _progress(question: Question, facts: Facts) -> str:
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


def _question_reply(question: Question, facts: Facts, notice: str | None) -> Reply:
    choices = question.options(facts)
    previous = facts.value(question.id)
    hint = question.hint_text(facts) or None
    if previous is not None and question.kind in (Kind.MONEY, Kind.PERCENT, Kind.WHOLE):
        hint = f"{hint or ''} Current answer: {previous}.".strip()
    return Reply(
        state=question.id, title=_progress(question, facts), lines=(question.text(facts),),
        choices=choices, notice=notice, hint=hint,
        expects_text=question.kind not in (Kind.CHOICE, Kind.CHECKPOINT),
    )


def _verdict_reply(facts: Facts, notice: str | None) -> Reply:
    verdict = facts.verdict.value
    route = facts.route.value if facts.route else None
    lines = verdict_lines(verdict, route, facts.plan_type, facts.tax_year)
    choice = PROVISIONAL if verdict == "unknown" else CONTINUE
    return Reply(state="verdict", title="Verdict", lines=tuple(lines), choices=(choice,), notice=notice)


def compute(facts: Facts) -> dict[str, Any]:
    """The rules engine's answer for these answers (the same JSON the CLI prints)."""
    return assess_json(engine_input(facts))


def _result_reply(facts: Facts, notice: str | None, detailed: bool = False) -> Reply:
    result = compute(facts)
    lines = detail_lines(result) if detailed else result_lines(result)
    chart = not detailed and result["annual_additions_limit"] is not None
    return Reply(state=LAST, title="Your result", lines=tuple(lines), choices=RESULT_CHOICES,
                 notice=notice, result=result, chart=chart)


def _review_reply(facts: Facts, notice: str | None) -> Reply:
    rows, choices = [], []
    for q in QUESTIONS:
        if q.kind is Kind.CHECKPOINT or not facts.answered(q.id) or not q.applies(facts):
            continue
        rows.append(f"• {q.label}: {describe_answer(q, facts)}")
        choices.append(Choice(f"edit:{q.id}", q.label))
    lines = ("Tap an answer to change it; nothing else is lost.", *rows) if rows else (
        "No answers yet.",)
    return Reply(state=REVIEW, title="Review your answers", lines=lines,
                 choices=(*choices, Choice("done", "Done")), notice=notice)


def describe_answer(question: Question, facts: Facts) -> str:
    raw = facts.value(question.id)
    if raw is None:
        return "skipped"
    if question.kind is Kind.CHOICE:
        labels = {c.value: c.label for c in question.options(facts)}
        return labels.get(str(raw), str(raw))
    if question.kind is Kind.MONEY:
        return "the maximum" if raw == "max" else money(raw)
    if question.kind is Kind.PERCENT:
        return f"{raw}%"
    if question.kind is Kind.EMPLOYER:
        return _describe_employer(raw)
    return str(raw)


def _describe_employer(raw: Any) -> str:
    if raw == "max":
        return "the maximum"
    if "match" in raw:
        return f"{raw['match']}% match up to {raw['up_to']}% of pay"
    if "percent" in raw:
        return f"{raw['percent']}% of pay"
    return money(raw["dollars"])


def view(
    conv: dict[str, Any], today: date, notice: str | None = None, detailed: bool = False,
    facts: Facts | None = None,
) -> Reply:
    """The screen for the conversation's current state (``facts``: of these same answers, if the
    step already has them)."""
    facts = facts or Facts(conv["answers"], today)
    state = conv["state"]
    if state == REVIEW:
        return _review_reply(facts, notice)
    if state == "verdict":
        return _verdict_reply(facts, notice)
    if state == LAST:
        try:
            return _result_reply(facts, notice, detailed)
        except InputError as exc:
            return _send_back_to_fix(conv, today, str(exc))
    return _question_reply(BY_ID[state], facts, notice)


def _send_back_to_fix(conv: dict[str, Any], today: date, problem: str) -> Reply:
    """A combination the engine refuses (e.g. pay edited below deferrals): ask the field again."""
    field_name, _, reason = problem.partition(": ")
    target = field_name if field_name in BY_ID else FIRST
    conv["answers"].pop(target, None)
    jump(Session(conv, today), target)
    return view(conv, today, notice=f"Please check this answer: {reason or problem}")


def _answer(conv: dict[str, Any], text: str, today: date) -> Reply:
    state = conv["state"]
    session = Session(conv, today)
    if state == REVIEW:
        return _review_choice(conv, session, text, today)
    if state == LAST:
        return _result_choice(conv, text, today)
    question = BY_ID[state]
    try:
        value = accept(question, text, session.facts)
    except ParseError as exc:
        return view(conv, today, notice=str(exc))
    conv["answers"][state] = value
    conv["history"].append(state)
    session.answers_changed()
    fire(session, "answer")
    reply = view(conv, today, facts=session.facts)
    return replace(reply, answered=(question.label, describe_answer(question, session.facts)))


def _review_choice(conv: dict[str, Any], session: Session, text: str, today: date) -> Reply:
    if text == "done":
        fire(session, "resume")
        return view(conv, today, facts=session.facts)
    target = text.removeprefix("edit:")
    if text.startswith("edit:") and target in BY_ID and session.facts.answered(target):
        jump(session, target)
        return view(conv, today, facts=session.facts)
    return view(conv, today, notice="Tap an answer to change it, or Done.", facts=session.facts)


def _result_choice(conv: dict[str, Any], text: str, today: date) -> Reply:
    if text in ("details", "review", "restart"):
        return command(conv, text, today)
    return view(conv, today, notice="Your result is ready: tap Details, Review answers or Start over.")


def _back(conv: dict[str, Any], today: date) -> Reply:
    history = conv["history"]
    if not history:
        return view(conv, today, notice="This is the first question.")
    previous = history.pop()
    conv["answers"].pop(previous, None)
    jump(Session(conv, today), previous)
    return view(conv, today)


def _help(conv: dict[str, Any], today: date) -> Reply:
    state = conv["state"]
    question = BY_ID.get(state)
    why = question.why if question and question.why else (
        "I work out whether your plan supports the mega backdoor Roth and how much after-tax "
        "room you have. Commands: back, review, restart, summary, details, help."
    )
    return view(conv, today, notice=f"Why we ask: {why}" if question and question.why else why)


def command(conv: dict[str, Any], name: str, today: date) -> Reply:
    session = Session(conv, today)
    if name == "back":
        return _back(conv, today)
    if name == "restart":
        conv["answers"].clear()
        conv["history"].clear()
        fire(session, "restart")
        return view(conv, today, notice="Starting over: all answers cleared.")
    if name == "review":
        fire(session, "review")
        return view(conv, today)
    if name == "help":
        return _help(conv, today)
    if name in ("summary", "details"):
        return _summary(conv, today, detailed=name == "details")
    return view(conv, today)


def _summary(conv: dict[str, Any], today: date, *, detailed: bool) -> Reply:
    facts = Facts(conv["answers"], today)
    if conv["state"] == LAST or (all(
        facts.answered(q.id) or not q.applies(facts) for q in QUESTIONS
        if q.stage is Stage.ROOM and q.kind is not Kind.CHECKPOINT
    ) and facts.answered("compensation")):
        try:
            return _result_reply(facts, None, detailed)
        except InputError as exc:
            return _send_back_to_fix(conv, today, str(exc))
    return view(conv, today, notice="Your numbers are not ready yet; a few more questions first.")


def step(conv: dict[str, Any], event: Event, today: date) -> Reply:
    """Advance ``conv`` (in place) by one event and return the screen to show."""
    if event.kind == "command":
        name = event.value.lstrip("/").split("@")[0].lower()
        if name not in COMMANDS:
            return view(conv, today, notice=f"I don't know /{name}. Try /help.")
        return command(conv, name, today)
    if event.kind == "button" and event.state is not None and event.state != conv["state"]:
        return view(conv, today, notice="That button is from an earlier question; here is where you are.")
    return _answer(conv, event.value, today)


__all__ = ["Event", "Reply", "command", "compute", "load", "new_conversation", "step", "view"]
