"""The flow API: load a conversation dict, advance it by one event, get the reply to show.

The pieces live in files named for what they hold: conversation.py (Event, Reply, storage
format), questions.py (the questions), machine.py (the rulebook), answers.py and parse.py (what
people type), screens.py (what each state shows), summary.py (the words of the verdict and result).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from flows.answers import accept
from flows.conversation import VERSION, Event, Reply, load, new_conversation
from flows.facts import Facts
from flows.machine import LAST, REVIEW, Session, fire, jump
from flows.parse import ParseError
from flows.questions import BY_ID, QUESTIONS, Kind, Stage
from flows.screens import compute, describe_answer, result_reply, send_back_to_fix, view
from rules import InputError

COMMANDS = ("start", "back", "restart", "review", "help", "summary", "details")


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
            return result_reply(facts, None, detailed)
        except InputError as exc:
            return send_back_to_fix(conv, today, str(exc))
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


__all__ = ["VERSION", "Event", "Reply", "command", "compute", "describe_answer", "load", "new_conversation",
           "step", "view"]
