"""The screens: a question, the verdict, the result, the review; each a Reply built from the answers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flows.conversation import Reply
from flows.engine_input import applicable_answers, compute, engine_input
from flows.facts import CHECKPOINT_DONE, Facts
from flows.machine import FIRST, LAST, REVIEW, Session, fire
from flows.money_words import money
from flows.paycheck import Situation
from flows.progress import progress
from flows.questions import BY_ID, QUESTIONS, Choice, Kind, Question
from flows.reminders import REMIND, offers_reminder
from flows.summary import (
    detail_lines,
    filing_deadline_behind,
    result_lines,
    verdict_lines,
)
from rules import InputError
from rules.contract import room_drop_per_employer_dollars
from rules.models import Answer
from rules.provisional import published_for

CONTINUE = Choice(CHECKPOINT_DONE, "See my numbers")
PROVISIONAL = Choice(CHECKPOINT_DONE, "Continue with provisional numbers")
ALTERNATIVES = Choice(CHECKPOINT_DONE, "See my alternatives")
RESULT_CHOICES = (Choice("details", "Details & sources"), Choice("taxes", "Tax forms"),
                  Choice("review", "Review answers"), Choice("restart", "Start over"))


def _confirm_reply(question: Question, facts: Facts, pending: dict[str, Any], notice: str | None) -> Reply:
    """ "Did you mean $450,000?" with a button per reading and Re-enter; typing a new answer works too."""
    choices = [Choice(f"pick:{i}", label) for i, (_value, label) in enumerate(pending["options"])]
    return Reply(state=question.id, title=progress(question, facts), lines=(pending["ask"],),
                 choices=(*choices, Choice("reenter", "Re-enter")), notice=notice, expects_text=True)


def _question_reply(question: Question, facts: Facts, notice: str | None) -> Reply:
    choices = question.options(facts)
    previous = facts.value(question.id)
    hint = question.hint_text(facts) or None
    if previous is not None and question.kind in (Kind.MONEY, Kind.PERCENT, Kind.WHOLE, Kind.EMPLOYER):
        hint = f"{hint or ''} Current answer: {describe_answer(question, facts)}.".strip()
    return Reply(
        state=question.id, title=progress(question, facts), lines=(question.text(facts),),
        choices=choices, notice=notice, hint=hint,
        expects_text=question.kind not in (Kind.CHOICE, Kind.CHECKPOINT),
    )


def _verdict_reply(facts: Facts, notice: str | None) -> Reply:
    verdict = facts.verdict.value
    route = facts.route.value if facts.route else None
    lines = verdict_lines(verdict, route, facts.plan_type, unknown_for_administrator(facts))
    return Reply(state="verdict", title="Verdict", lines=tuple(lines), choices=(verdict_button(facts),),
                 notice=notice)


def verdict_button(facts: Facts) -> Choice:
    """The verdict's one button, named for what comes next (its echo names it too)."""
    return {"unknown": PROVISIONAL, "not_available": ALTERNATIVES}.get(facts.verdict.value, CONTINUE)


def unknown_for_administrator(facts: Facts) -> tuple[int, ...]:
    """Which of the four administrator questions are still open (never one answered Yes)."""
    unknown: list[int] = []
    if facts.after_tax_allowed is not Answer.YES:
        unknown += [0, 1]
    if facts.in_service_withdrawal is Answer.UNSURE and facts.in_plan_conversion is not Answer.YES:
        unknown.append(2)
    if facts.in_plan_conversion is Answer.UNSURE:
        unknown.append(3)
    return tuple(unknown)


def situation_of(facts: Facts) -> Situation:
    """What the result's words need beyond the engine's answer."""
    return Situation(
        sole_prop=facts.is_sole_prop, employer_max_chosen=facts.value("employer_contributions") == "max",
        admin_unknown=unknown_for_administrator(facts), year_closed=facts.year_closed,
        solo=facts.is_solo, filing_deadline_passed=facts.today >= filing_deadline_behind(facts.planned_year),
        today=facts.today,
    )


def result_reply(facts: Facts, notice: str | None, detailed: bool = False) -> Reply:
    result = compute(facts)
    result["provisional"] = result["provisional"] or facts.provisional_year
    situation = situation_of(facts)
    lines = detail_lines(result, situation) if detailed else result_lines(result, situation)
    chart = (not detailed and result["annual_additions_limit"] is not None
             and result["verdict"] != "not_available")
    choices = result_menu(result, facts)
    title = "Your result"
    moves = employer_unknown_line(facts, result)
    lines = [*lines, moves] if moves and not detailed and lines else lines
    if facts.provisional_year:
        lines = provisional_lines(facts, lines, detailed)
        title = f"Your result for {facts.planned_year} (provisional)"
    return Reply(state=LAST, title=title, lines=tuple(lines), choices=choices,
                 notice=notice, result=result, chart=chart)


def result_menu(result: dict[str, Any], facts: Facts) -> tuple[Choice, ...]:
    """The menu under every result screen (the result, Details, Tax forms): the same choices, with
    "Remind me to convert" wherever the route needs a hand."""
    return (*RESULT_CHOICES, REMIND) if offers_reminder(result, dict(facts.answers)) else RESULT_CHOICES


def employer_unknown_line(facts: Facts, result: dict[str, Any]) -> str | None:
    """Employer money "not sure": what was assumed and how the room moves per $1,000 of it (the
    engine's own answer with $1,000 of employer money, against none)."""
    answered = applicable_answers(facts)
    if "employer_contributions" not in answered or answered["employer_contributions"] is not None:
        return None
    if result["after_tax_room"] is None:
        return None
    try:
        drop = room_drop_per_employer_dollars(engine_input(facts))
    except InputError:
        return None
    if drop is None:
        return None
    moves = f"lowers this room by {money(drop)}" if drop > 0 else "leaves this room as it is"
    return f"Assumed: no employer money (you were not sure). Each $1,000 your employer puts in {moves}."


def provisional_lines(facts: Facts, lines: list[str], detailed: bool) -> list[str]:
    """Next year before the IRS publishes it: one line says so, every figure is marked provisional
    (the room line names the year planned and the limits used), Details list what is published."""
    planned, used = facts.planned_year, facts.tax_year
    head = (f"Provisional: the IRS has not published the {planned} plan limits; every figure uses {used}'s "
            "(the latest published) and may change.")
    marked = [line.replace(f"for {used}:", f"for {planned} (on {used} limits):")
              .replace(f"for {used} (50+):", f"for {planned} (50+; on {used} limits):") for line in lines]
    published = published_for(planned)
    if detailed and published:
        shown = "; ".join(f"{PUBLISHED_NAMES.get(name, name)} {money(value)} [{source}]"
                          for name, (value, source) in published.items())
        marked.append(f"Already published for {planned}: {shown}.")
    return [head, *marked]


PUBLISHED_NAMES = {"hsa_self_only": "HSA (self-only)", "hsa_family": "HSA (family)",
                   "social_security_wage_base": "Social Security wage base",
                   "hce_look_back_threshold": "HCE look-back threshold (pay in the year before)"}


def _review_reply(facts: Facts, notice: str | None) -> Reply:
    rows, choices = [], []
    for q in QUESTIONS:
        if q.kind is Kind.CHECKPOINT or not facts.answered(q.id) or not q.applies(facts):
            continue
        rows.append(f"• {q.name(facts)}: {describe_answer(q, facts)}")
        choices.append(Choice(f"edit:{q.id}", q.name(facts)))
    lines = ("Choose an answer to change it; nothing else is lost.", *rows) if rows else (
        "No answers yet.",)
    return Reply(state=REVIEW, title="Review your answers", lines=lines,
                 choices=(*choices, Choice("done", "Done")), notice=notice)


def describe_answer(question: Question, facts: Facts) -> str:
    """An answer as the person reads it back: a button's label, "$450,000", "5% of pay"."""
    raw = facts.value(question.id)
    if raw is None:
        return _describe_unsure(question, facts)
    if question.id == "verdict":
        return verdict_button(facts).label
    if question.kind in (Kind.CHOICE, Kind.CHECKPOINT):
        labels = {c.value: c.label for c in question.options(facts)}
        return labels.get(str(raw), str(raw))
    if question.kind is Kind.MONEY:
        shown = [c.label for c in question.options(facts) if c.value == str(raw)]
        return shown[0] if shown else "the maximum" if raw == "max" else money(raw)
    described: dict[Kind, Callable[[Any], str]] = {
        Kind.PERCENT: lambda r: f"{r}%", Kind.EMPLOYER: _describe_employer}
    return described.get(question.kind, str)(raw)


def _describe_unsure(question: Question, facts: Facts) -> str:
    if question.id == "employer_contributions":
        return NOT_SURE_EMPLOYER
    skip = [c.label for c in question.options(facts) if c.value == "skip"]
    return skip[0] if skip else "skipped"


NOT_SURE_EMPLOYER = "Not sure (none assumed for now)"


def _describe_employer(raw: Any) -> str:
    if raw == "max":
        return "the maximum"
    words = []
    if "match" in raw:
        words.append(f"{raw['match']}% match up to {raw['up_to']}% of pay")
    words += [f"{raw[f'match_{n}']}% of the next {raw[f'up_to_{n}']}%" for n in (2, 3) if f"match_{n}" in raw]
    if "percent" in raw:
        words.append(f"{raw['percent']}% of pay")
    if words:
        return " plus ".join(words)
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
            return result_reply(facts, notice, detailed)
        except InputError as exc:
            return send_back_to_fix(conv, today, str(exc))
    if "pending" in conv:
        return _confirm_reply(BY_ID[state], facts, conv["pending"], notice)
    return _question_reply(BY_ID[state], facts, notice)


def send_back_to_fix(conv: dict[str, Any], today: date, problem: str) -> Reply:
    """A combination the engine refuses (e.g. pay edited below deferrals): ask the field again."""
    field_name, _, reason = problem.partition(": ")
    target = field_name if field_name in BY_ID else FIRST
    conv["answers"].pop(target, None)
    conv["history"] = [h for h in conv["history"] if h != target]
    conv.pop("editing", None)
    session = Session(conv, today)
    fire(session, "review")  # through the review to the first open question: the one to fix
    fire(session, "next")
    return view(conv, today, notice=f"Please check this answer: {reason or problem}")
