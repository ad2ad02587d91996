"""The flow API: load a conversation dict, advance it by one event, get the reply to show.

The bot imports only this module from flows (tests/test_layout.py checks it): the step and the
screens, and what the renderers need beside them (the command list, the chart spec and share
card, the reminder schedule, the limits lines, reading a plan document and its refusals, the
supported years) re-exported here.

The pieces live in files named for what they hold: conversation.py (Event, Reply, storage
format), questions.py (the questions), machine.py (the rulebook), vocabulary.py, parse.py,
answers.py and plausible.py (what people type, and the questions back), screens.py and
progress.py (what each state shows), engine_input.py (the answers as the engine's input, and its
answer), summary.py, money_words.py and paycheck.py (the words of the verdict and the result, and
what the room means per paycheck), result_card.py (the chart spec, the share card, the finished
result and its fingerprint).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import Any, Literal

from flows.answers import accept
from flows.commands import command_in, commands_for, flow_command_names, help_lines, unknown_command_line
from flows.conversation import VERSION, Event, Reply, load, new_conversation
from flows.engine_input import compute
from flows.facts import CHECKPOINT_DONE, Facts
from flows.machine import LAST, REVIEW, STATES, Session, fire
from flows.parse import Confirm, ParseError, is_unsure, normalize
from flows.questions import (
    BY_ID,
    ORDER,
    QUESTIONS,
    Choice,
    Kind,
    Question,
    Stage,
    paychecks_left_from,
    stale_after,
)
from flows.reminders import (
    CADENCE_CHOICES,
    CADENCES,
    REMIND,
    confirmation,
    following,
    next_due,
    offers_reminder,
    reminder_request,
    reminder_text,
    when,
)
from flows.result_card import Bar, ChartSpec, chart_spec, finished_result, result_fingerprint, share_card
from flows.screens import (
    RESULT_CHOICES,
    describe_answer,
    result_menu,
    result_reply,
    send_back_to_fix,
    verdict_button,
    view,
)
from flows.spd import Refusal, read_file
from flows.spd import child as spd_child
from flows.spd import errors as spd_errors
from flows.spd import proposals as spd_proposals
from flows.spd.proposals import KIND, refused
from flows.summary import limits_lines
from flows.taxes import TAXES_TITLE, tax_lines
from flows.understand import (
    Correction,
    Explanation,
    Stated,
    asks_about_this,
    correction_in,
    question_in,
    stated_facts,
)
from flows.vocabulary import NO_KEYS, UNSURE_KEYS, YES_KEYS, find_phrase, key
from rules import InputError
from rules.limits import supported_years
from rules.models import PAY_PERIODS_PER_YEAR, PayFrequency

CONFIRM_KEYS = frozenset(key(w) for w in ("keep", "keep it", "thats right", "right", "correct", "confirm"))
REENTER_KEYS = frozenset(key(w) for w in ("re-enter", "reenter", "change", "change it", "wrong", "fix",
                                         "let me fix it", "again", "no wait"))
RESULT_WORDS = {key(word): c.value for c in (*RESULT_CHOICES, REMIND, *CADENCE_CHOICES)
                for word in (c.label, c.value)}
RESULT_PHRASES = {"details": "details", "sources": "details", "more": "details", "breakdown": "details",
                  "review": "review", "change": "review", "edit": "review", "start over": "restart",
                  "restart": "restart", "again": "restart", "taxes": "taxes", "tax": "taxes",
                  "1099": "taxes", "1099-r": "taxes", "8606": "taxes", "tax forms": "taxes",
                  "tax season": "taxes", "forms": "taxes", "remind": "remind", "reminder": "remind",
                  "remind me": "remind", "reminders": "remind"}
COMMANDS = ("start", "back", "restart", "review", "help", "summary", "details", "taxes")


def _answer(conv: dict[str, Any], text: str, today: date) -> Reply:
    state = conv["state"]
    session = Session(conv, today)
    if state in (REVIEW, LAST):
        on_screen = _review_choice if state == REVIEW else _result_choice
        return on_screen(conv, session, text, today)
    question = BY_ID[state]
    resolved = _resolve_pending(conv, session, question, text)
    if resolved is not None:
        return resolved
    understood = _understood(conv, session, question, text) or _not_sure(conv, session, question, text)
    if understood is not None:
        return understood
    try:
        value = accept(question, text, session.facts)
    except Confirm as ask:
        _ask_back(conv, state, ask)
        return view(conv, today, facts=session.facts)
    except ParseError as exc:
        return (_typed_ahead(conv, text, today) or _on_verdict(conv, session, text)
                or view(conv, today, notice=_refusal(conv, exc)))
    conv.pop("pending", None)
    return _store(conv, session, question, value, ())


def _on_verdict(conv: dict[str, Any], session: Session, text: str) -> Reply | None:
    """On the verdict screen, a yes / no / not sure that is not its button answers the plan's
    question asked last (the one the verdict rests on): a change, asked back before it is kept.
    Anything else is told what this screen takes, by the button it shows."""
    if conv["state"] != "verdict":
        return None
    asked = [h for h in conv["history"] if BY_ID[h].stage is Stage.VERDICT and BY_ID[h].kind is Kind.CHOICE
             and {"yes", "no"} <= {c.value for c in BY_ID[h].options(session.facts)}]  # a plan question
    wanted = key(text)
    if asked and wanted in YES_KEYS | NO_KEYS | UNSURE_KEYS:
        question = BY_ID[asked[-1]]
        try:
            value = accept(question, text, session.facts)
        except (ParseError, Confirm):  # not this question's answer after all: say what the screen takes
            value = session.facts.value(question.id)
        old = session.facts.value(question.id)
        if value != old:
            shown = describe_answer(question, Facts({**conv["answers"], question.id: value}, session.today))
            kept = describe_answer(question, session.facts)
            fire(session, "go_to", question.id)
            _ask_back(conv, question.id, Confirm(
                f"You said \"{text.strip()}\" on the verdict: change {question.name(session.facts)} from "
                f"{kept} to {shown}?", ((value, f"Change to {shown}"), (old, f"Keep {kept}")),
                drop=("verdict",)))
            return view(conv, session.today, facts=session.facts)
    button = verdict_button(session.facts)
    notice = (f"This screen is the verdict: type 1 or \"{button.label}\" to go on; to change an answer, "
              "type back, or review to see them all.")
    return view(conv, session.today, notice=notice, facts=session.facts)


def _typed_ahead(conv: dict[str, Any], text: str, today: date) -> Reply | None:
    """On the verdict screen, an answer to the next question ("2025", "this year") means "go on":
    taken when the next question accepts it, otherwise nothing changes. A bare menu number is the
    verdict's own menu (the next question's numbers are not on the screen), never typed ahead."""
    if conv["state"] != "verdict" or (key(text).isdigit() and len(key(text)) < 3):
        return None
    trial = copy.deepcopy(conv)
    _store(trial, Session(trial, today), BY_ID["verdict"], CHECKPOINT_DONE, ())
    asked = trial["state"]
    reply = _answer(trial, text, today)
    if trial["state"] == asked and "pending" not in trial:
        return None
    conv.clear()
    conv.update(trial)
    return reply


def _refusal(conv: dict[str, Any], exc: ParseError) -> str:
    """Why an answer was refused; while "Did you mean ...?" waits, the choices on screen are named."""
    pending = conv.get("pending")
    if pending is None or not str(exc).startswith("Please tap a button or type one of"):
        return str(exc)
    labels = ", ".join(label for _value, label in pending["options"])
    return f"Please type one of: {labels}, or Re-enter."


def _resolve_pending(conv: dict[str, Any], session: Session, question: Question, text: str) -> Reply | None:
    """The answer to "Did you mean ...?": a reading kept, or re-enter; None if it is neither."""
    pending = conv.get("pending")
    picked = None if pending is None else _picked(pending, text)
    if pending is not None and picked is None and key(text) in YES_KEYS | CONFIRM_KEYS:  # yes to an either/or
        options = enumerate(pending["options"], start=1)
        which = " or ".join(f"{i} for {label}" for i, (_value, label) in options)
        return view(conv, session.today, notice=f"Yes to which one? Type {which}.")
    if pending is None or picked is None:
        return None
    del conv["pending"]
    if picked == "reenter":
        return view(conv, session.today, notice="OK, type it again.")
    value = pending["options"][picked][0]
    return _store(conv, session, question, value, tuple(pending.get("drop", ())))


def _picked(pending: dict[str, Any], text: str) -> int | Literal["reenter"] | None:
    """Which offered reading the user chose ("pick:0", "yes", a label), "reenter", or None."""
    options = pending["options"]
    if text.startswith("pick:") and text[5:].isdigit() and int(text[5:]) < len(options):
        return int(text[5:])
    wanted = key(text)
    if wanted.isdigit() and 1 <= int(wanted) <= len(options) + 1:  # the menu's numbers; the last: Re-enter
        return int(wanted) - 1 if int(wanted) <= len(options) else "reenter"
    if wanted in {key(label): None for _value, label in options}:
        return next(i for i, (_v, label) in enumerate(options) if key(label) == wanted)
    if wanted in YES_KEYS or (wanted in CONFIRM_KEYS):
        return _yes_to(options)
    if text == "reenter" or wanted in NO_KEYS or wanted in REENTER_KEYS:
        return "reenter"
    return None


def _yes_to(options: list[list[Any]]) -> int | None:
    """'yes' keeps the one reading offered, or the option that says it ("Yes, $45,000", "Change to
    2025"); to an either/or ("Which is it: matches up to 4%, or 4% of my pay?") it picks neither."""
    if len(options) == 1:
        return 0
    return next((i for i, (_value, label) in enumerate(options)
                 if key(label).startswith("yes") or label.startswith("Change to")), None)


def _store(
    conv: dict[str, Any], session: Session, question: Question, value: Any, drop: tuple[str, ...]
) -> Reply:
    """Keep an accepted answer, move on, and echo it ("Pay: $450,000")."""
    state = question.id
    before = Facts(dict(conv["answers"]), session.today)
    conv["answers"][state] = value
    if state == "business_type":  # pay said before it (a whole message) meant a sole proprietor's profit
        drop = (*drop, *stale_after(state, before, Facts(conv["answers"], session.today)))
    for stale in drop:
        conv["answers"].pop(stale, None)
    conv["history"] = [h for h in conv["history"] if h not in drop and h != state] + [state]
    session.answers_changed()
    conv.pop("editing", None)
    fire(session, "next")
    _confirm_next(conv, session)
    reply = view(conv, today=session.today, facts=session.facts)
    return replace(reply, answered=(question.name(session.facts), describe_answer(question, session.facts)))


def _not_sure(conv: dict[str, Any], session: Session, question: Question, text: str) -> Reply | None:
    """"Not sure" where an assumption serves: employer money (none assumed; the result says how
    the room moves per $1,000) and paychecks left (estimated from today's date)."""
    if not is_unsure(text):
        return None
    facts = session.facts
    if question.id == "employer_contributions" and not facts.is_solo:
        reply = _store(conv, session, question, None, ())
        return replace(reply, notice="Assumed: no employer money for now; your result says how each "
                                     "$1,000 your employer adds moves your room.")
    frequency = facts.value("pay_frequency")
    if question.id == "pay_periods_remaining" and frequency:
        left = paychecks_left_from(facts, PAY_PERIODS_PER_YEAR[PayFrequency(frequency)])
        reply = _store(conv, session, question, left, ())
        said = f"{session.today:%B} {session.today.day}"
        return replace(reply, answered=(question.name(facts), f"about {left} (estimated from today, {said})"))
    return None


# --- What a whole message says: questions, corrections, many facts at once (flows/understand.py) ---


def _understood(conv: dict[str, Any], session: Session, question: Question, text: str) -> Reply | None:
    """A question about a term, a correction, or facts for other questions; None when the message
    is a plain answer to this question (read by ``accept`` as usual)."""
    if asks_about_this(text) and question.why:  # "idk what that means": why it is asked, then it again
        return view(conv, session.today, notice=question.why, facts=session.facts)
    bare = _is_bare(text)  # "max", "MAX": a bare word read for another question is not a fact
    stated = _readable([s for s in stated_facts(text, session.facts) if s.question in BY_ID
                        and not (bare and s.inferred and s.question != question.id)], session.facts)
    explanation = question_in(text) if len(stated) < 2 else None
    if explanation is not None:
        return view(conv, session.today, notice=explained(explanation), facts=session.facts)
    correction = correction_in(text, session.facts)
    if correction is not None:
        return _correct(conv, session, correction)
    if not stated or _only_this(stated, question, text, session.facts) or _bare_answer(
            stated, question, text, session.facts) or _names_this_question(question, text, session.facts):
        return None
    leading = _leading_answer(question, text, stated, session.facts)
    return _take_all(conv, session, question, [*stated, *leading], text)


def _leading_answer(question: Question, text: str, stated: list[Stated], facts: Facts) -> list[Stated]:
    """"45, I make 300k, ...": a first clause stating nothing else answers the question asked."""
    if any(s.question == question.id for s in stated):
        return []
    clause = re.split(r";|,(?!\d{3})", text, maxsplit=1)[0].strip()
    if not clause or clause == text.strip() or stated_facts(clause, facts):
        return []
    try:
        accept(question, clause, facts)
    except (ParseError, Confirm):
        return []
    return [Stated(question.id, clause, clause, False)]


CUES = re.compile(r"\b(?:paid|pay|make|earn|defer|deferring|employer|match|age|i'?m|born|cap|capped|year"
                  r"|paychecks?|salary|plan)\b")


def _is_bare(text: str) -> bool:
    return len(text.split()) <= 2 and not CUES.search(normalize(text))


#: Questions whose answer is a sum of money a whole message may state.
FIGURES = frozenset({"compensation", "day_job_ss_wages", "employee_deferrals", "employer_contributions",
                     "after_tax_so_far"})


def _bare_answer(stated: list[Stated], question: Question, text: str, facts: Facts) -> bool:
    """"max", "monthly", "the maximum", "20 years": a bare answer (no words naming another
    question, or only facts read rather than said) is the question asked's, when it reads as one."""
    said_elsewhere = [s for s in stated if s.question != question.id and not s.inferred]
    figures_elsewhere = [s for s in stated if s.question != question.id and s.question in FIGURES
                         and any(ch.isdigit() for ch in s.text)]  # "nets about 80k": confirmed, not lost
    if (said_elsewhere or figures_elsewhere) and not _is_bare(text):
        return False
    try:
        accept(question, text, facts)
    except (ParseError, Confirm):
        return False
    return True


#: Words that name a question's own topic: a message naming the question asked ("24.5k at my day
#: job" at the day-job question) answers it, whatever else its figure could be read as.
TOPICS = {
    "day_job_deferrals": r"day job|day-job|w-?2 job",
    "other_plan_deferrals": r"other job|side business|another job|other plan|second job",
    "employer_contributions": r"employer|company|match|profit sharing",
    "employee_deferrals": r"\bdefer", "compensation": r"\b(?:pay|salary|income|earn|make|profit)\b",
    "age": r"\b(?:age|years old|born)\b", "after_tax_cap_percent": r"\bcap",
}


def _names_this_question(question: Question, text: str, facts: Facts) -> bool:
    topic = TOPICS.get(question.id)
    if topic is None or not re.search(topic, normalize(text)):
        return False
    return _reading(question, text, facts) is not None


def _reading(question: Question, text: str, facts: Facts) -> Any:
    """This question's usual reading of the whole message, or None."""
    try:
        return accept(question, text, facts)
    except (ParseError, Confirm):
        return None


def _readable(stated: list[Stated], facts: Facts) -> list[Stated]:
    """The facts the usual readings can take (or confirm); the rest are asked in their turn."""
    readable = []
    for fact in stated:
        try:
            accept(BY_ID[fact.question], fact.text, facts)
        except ParseError:
            continue
        except Confirm:
            pass
        readable.append(fact)
    return readable


def _only_this(stated: list[Stated], question: Question, text: str, facts: Facts) -> bool:
    """One plain fact, for this question, that the usual reading takes as typed."""
    if len(stated) != 1 or stated[0].question != question.id:
        return False
    try:
        accept(question, text, facts)
    except ParseError:
        return False  # the sentence around it confuses the usual reading: take the fact alone
    except Confirm:
        return True
    return True


def explained(explanation: Explanation) -> str:
    """A question answered in at most three lines (its source on the last), then the same question."""
    lines = list(explanation.lines[:3]) or [explanation.term]
    if explanation.source:
        lines[-1] = f"{lines[-1]} ({explanation.source})"
    return "\n".join(lines)


def _correct(conv: dict[str, Any], session: Session, correction: Correction) -> Reply:
    """Change an answer from anywhere ("actually my pay is 300k", "wait, I meant 2025"), or go back."""
    if correction.question is None and correction.text is None:
        return _back(conv, session.today)
    target = correction.question or _last_answered(conv)
    if target is None or target not in BY_ID:
        return view(conv, session.today, notice="There is no answer to change yet.", facts=session.facts)
    if correction.text is None:
        fire(session, "go_to", target)
        return view(conv, session.today, facts=session.facts)
    try:
        value = accept(BY_ID[target], correction.text, session.facts)
    except Confirm as ask:
        fire(session, "go_to", target)
        _ask_back(conv, target, ask)
        return view(conv, session.today, facts=session.facts)
    except ParseError as exc:
        fire(session, "go_to", target)
        return view(conv, session.today, notice=str(exc), facts=session.facts)
    return _changed(conv, session, BY_ID[target], value)


def _last_answered(conv: dict[str, Any]) -> str | None:
    answered = [h for h in conv["history"] if BY_ID[h].kind is not Kind.CHECKPOINT]
    return answered[-1] if answered else None


def _changed(conv: dict[str, Any], session: Session, question: Question, value: Any) -> Reply:
    """Keep the changed answer, drop what was given on its strength, go on to the first open
    question (so only what depends on it is asked again)."""
    before = Facts(dict(conv["answers"]), session.today)
    waiting = conv.pop("pending", {}).get("requeue")  # a fact said earlier, not yet confirmed
    if waiting is not None and waiting[0] != question.id:
        conv["queue"] = [waiting, *conv.get("queue", [])]
    _keep(conv, session, question.id, value)
    asked_again = [BY_ID[q].name(before) for q in stale_after(question.id, before, session.facts)
                   if q in conv["answers"] and BY_ID[q].kind is not Kind.CHECKPOINT]
    for stale in stale_after(question.id, before, session.facts):
        conv["answers"].pop(stale, None)
        conv["history"] = [h for h in conv["history"] if h != stale]
    session.answers_changed()
    fire(session, "next")
    _confirm_next(conv, session)
    notice = f"Changed: {question.name(session.facts)}: {describe_answer(question, session.facts)}."
    if asked_again:  # "I'm 45" was for another December 31: said, so the person knows why it comes back
        depends = "depends" if len(asked_again) == 1 else "depend"
        notice += f" {' and '.join(asked_again)} {depends} on it: I'll ask again."
    return view(conv, session.today, notice=notice, facts=session.facts)


def _keep(conv: dict[str, Any], session: Session, qid: str, value: Any) -> None:
    conv["answers"][qid] = value
    conv["history"] = [h for h in conv["history"] if h != qid] + [qid]
    session.answers_changed()


def _take_all(conv: dict[str, Any], session: Session, question: Question, stated: list[Stated],
              text: str) -> Reply:
    """Every fact a message states, for any question: what was said is kept and echoed in one
    line, what was inferred (or reads two ways) is confirmed one at a time, only the rest is asked."""
    taken, queue = _take_stated(conv, session, question, stated, text)
    if queue:
        conv["queue"] = queue
    conv.pop("editing", None)
    fire(session, "next")
    _confirm_next(conv, session)
    return _echo_taken(conv, session, question, taken)


def _take_stated(conv: dict[str, Any], session: Session, question: Question, stated: list[Stated],
                 text: str) -> tuple[list[Question], list[list[str]]]:
    """Each fact stated, in the interview's order: kept (the questions taken), queued to be
    confirmed, or passed over (unreadable: asked in its turn; said again, the same)."""
    taken: list[Question] = []
    queue: list[list[str]] = []
    # the whole message as this question's answer, when no fact for this question was found in it
    here = None if any(s.question == question.id for s in stated) else _reading(question, text, session.facts)
    for fact in sorted(stated, key=lambda s: ORDER[s.question]):
        target = BY_ID[fact.question]
        try:
            value = accept(target, fact.text, session.facts)
        except Confirm:
            queue.append([target.id, fact.text, fact.said])
            continue
        except ParseError:
            continue  # asked in its turn, as if never said
        if session.facts.answered(target.id) and session.facts.value(target.id) == value:
            continue  # said again, the same
        if _to_confirm(session, question, fact, value, text=text, reads_here=here is not None):
            queue.append([target.id, fact.text, fact.said])  # inferred, two ways, or a change: confirmed
            continue
        _keep(conv, session, target.id, value)
        taken.append(target)
    return taken, queue


def _to_confirm(session: Session, question: Question, fact: Stated, value: Any, *, text: str,
                reads_here: bool) -> bool:
    """A fact confirmed before it is kept: inferred (unless the whole message reads the same for
    this question), reading also as this question's answer, or changing another question's answer."""
    target = BY_ID[fact.question]
    agrees = target is question and value == _reading(question, text, session.facts)
    inferred = fact.inferred and not agrees
    two_ways = target is not question and reads_here  # the message also reads as this question's answer
    return inferred or two_ways or (session.facts.answered(target.id) and target is not question)


def _echo_taken(conv: dict[str, Any], session: Session, question: Question, taken: list[Question]) -> Reply:
    """The next screen with what was kept echoed in one line ("Got it: ..."); the question asked,
    taken alone, is echoed as its answer."""
    echo = " · ".join(f"{q.name(session.facts)}: {describe_answer(q, session.facts)}" for q in taken)
    others = [q for q in taken if q is not question]  # the question asked alone is echoed as its answer
    reply = view(conv, session.today, notice=f"Got it: {echo}." if others else None, facts=session.facts)
    if question in taken:
        facts = session.facts
        return replace(reply, answered=(question.name(facts), describe_answer(question, facts)),
                       answer_in_notice=bool(others))
    return reply


def _meaning(question: Question, shown: str, facts: Facts, said: str) -> str:
    """A figure read from a whole message, asked back with what it means where a word may mean
    two things ('nets 80k': profit or take-home; 'a job paying 150k': which wages)."""
    if question.id == "compensation" and (facts.is_sole_prop or re.search(r"\bnet", said)):
        return f"Is {shown} your business's net profit (after expenses, before taxes)?"
    if question.id == "day_job_ss_wages":
        return f"Is {shown} your day job's Social Security wages (W-2 box 3)?"
    return f"{question.name(facts)}: {shown}, right?"


def _confirm_next(conv: dict[str, Any], session: Session) -> None:
    """The next fact waiting to be confirmed ("You said 'I think so': After-tax contributions: Yes?"):
    its question is shown with the reading to keep or re-enter."""
    queue = conv.pop("queue", [])
    while queue:
        qid, text, said = queue.pop(0)
        question = BY_ID[qid]
        try:
            value = accept(question, text, session.facts)
        except Confirm as ask:
            fire(session, "go_to", qid)
            _ask_back(conv, qid, ask)
            break
        except ParseError:
            continue
        fire(session, "go_to", qid)
        shown = describe_answer(question, Facts({**conv["answers"], qid: value}, session.today))
        _ask_back(conv, qid, Confirm(f"You said \"{said}\": {_meaning(question, shown, session.facts, said)}",
                                      ((value, f"Yes, {shown}"),)))
        conv["pending"]["requeue"] = [qid, text, said]  # asked again if a correction comes first
        break
    if queue:
        conv["queue"] = queue


def _ask_back(conv: dict[str, Any], qid: str, ask: Confirm) -> None:
    conv["pending"] = {"q": qid, "ask": ask.ask, "options": [list(o) for o in ask.options],
                       "drop": list(ask.drop)}


DONE_KEYS = frozenset(key(w) for w in (
    "done", "finish", "finished", "ok", "okay", "looks good", "all good", "back to result", "result",
    "show result", "exit", "close", "nothing", "no changes", "thats all", "continue", "👍",
))
REVIEW_ALIASES = {
    key(word): qid for qid, words in {
        "compensation": ("pay", "salary", "income", "wages", "profit", "net profit"),
        "employee_deferrals": ("deferrals", "deferral", "contributions", "my contributions",
                               "401k contributions"),
        "employer_contributions": ("employer", "match", "employer match", "company match"),
        "after_tax_cap_percent": ("cap", "after tax cap", "plan cap"),
        "pay_frequency": ("frequency", "how often", "pay schedule"),
        "pay_periods_remaining": ("paychecks", "paychecks left"),
        "age": ("age", "my age", "how old"),
        "tax_year": ("year", "tax year"),
        "plan_type": ("plan", "plan type"),
    }.items() for word in words
}


def _review_target(reply: Reply, text: str) -> str | None:
    """The answer to change: its button, its number on the screen, or its name ("pay", "age")."""
    edits = [c for c in reply.choices if c.value.startswith("edit:")]
    wanted = key(text.removeprefix("edit:"))
    for index, choice in enumerate(edits, start=1):
        if text == choice.value or wanted in (str(index), key(choice.label), key(choice.value[5:])):
            return choice.value[5:]
    alias = REVIEW_ALIASES.get(wanted)
    if alias is not None and any(c.value == f"edit:{alias}" for c in edits):
        return alias
    named = [c.value[5:] for c in edits if wanted and wanted in key(c.label)]
    return named[0] if len(named) == 1 else None


def _review_choice(conv: dict[str, Any], session: Session, text: str, today: date) -> Reply:
    if text == "done" or key(text) in DONE_KEYS:
        fire(session, "next")
        return view(conv, today, facts=session.facts)
    target = _review_target(view(conv, today, facts=session.facts), text)
    if target is not None:
        fire(session, "go_to", target)
        conv["editing"] = REVIEW
        return view(conv, today, facts=session.facts)
    understood = _understood_on_screen(conv, session, text)
    if understood is not None:
        return understood
    return view(conv, today, notice="Choose an answer (its number or name) to change it, or Done.",
                facts=session.facts)


def _result_choice(conv: dict[str, Any], session: Session, text: str, today: date) -> Reply:
    menu = CADENCE_CHOICES if conv.pop("menu", None) == "remind" else _result_menu(session.facts)
    chosen = _numbered(menu, text) or RESULT_WORDS.get(key(text))
    correction = correction_in(text, session.facts) if chosen is None else None
    if correction is not None and correction.question is not None:  # "change my age to 60": not Review
        return _correct(conv, session, correction)
    chosen = chosen or find_phrase(text, RESULT_PHRASES)
    if chosen is not None and chosen.startswith("remind"):
        return _remind(conv, today, chosen.partition(":")[2] or None)
    if chosen is not None:
        return command(conv, chosen, today)
    understood = _understood_on_screen(conv, session, text)
    if understood is not None:
        return understood
    if menu is CADENCE_CHOICES:
        conv["menu"] = "remind"
    names = ", ".join(f"{i} {c.label}" for i, c in enumerate(menu, start=1))
    return _one_line(Reply(state=LAST, title="", lines=(), choices=menu), f"Pick one: {names}.")




def _one_line(screen: Reply, line: str) -> Reply:
    """A pick not understood: one line and the same buttons, never the whole screen again."""
    return Reply(state=screen.state, title=line, lines=(), choices=screen.choices)


def _numbered(menu: tuple[Choice, ...], text: str) -> str | None:
    """A menu's option by its number ("2" is the second button)."""
    wanted = key(text)
    if wanted.isdigit() and 1 <= int(wanted) <= len(menu):
        return menu[int(wanted) - 1].value
    return None


def _result_menu(facts: Facts) -> tuple[Choice, ...]:
    try:
        return result_reply(facts, None).choices
    except InputError:
        return RESULT_CHOICES


def _understood_on_screen(conv: dict[str, Any], session: Session, text: str) -> Reply | None:
    """On the result or the review: a correction changes that answer (the result follows); a
    question is answered in a few lines."""
    explanation = question_in(text)
    if explanation is not None:
        return _one_line(view(conv, session.today, facts=session.facts), explained(explanation))
    correction = correction_in(text, session.facts)
    return _correct(conv, session, correction) if correction is not None else None


def _back(conv: dict[str, Any], today: date) -> Reply:
    """One step back: out of a "Did you mean?", back to the review an edit came from (nothing
    erased), out of the review, or to the last answered question (its answer cleared)."""
    session = Session(conv, today)
    if conv.pop("pending", None) is not None:
        return view(conv, today)
    if conv.pop("editing", None) == REVIEW:
        fire(session, "review")
        return view(conv, today)
    if conv["state"] == REVIEW:
        fire(session, "next")
        return view(conv, today)
    history = conv["history"]
    if not history:
        return view(conv, today, notice="This is the first question.")
    previous = history.pop()
    conv["answers"].pop(previous, None)
    session.answers_changed()
    fire(session, "go_to", previous)
    return view(conv, today)


def _help(conv: dict[str, Any], today: date) -> Reply:
    state = conv["state"]
    question = BY_ID.get(state)
    why = question.why if question and question.why else (
        "I work out whether your plan supports the mega backdoor Roth and how much after-tax "
        "room you have. Commands: back, review, restart, summary, details, taxes, help."
    )
    return view(conv, today, notice=f"Why we ask: {why}" if question and question.why else why)


def _restart(conv: dict[str, Any], today: date) -> Reply:
    conv["answers"].clear()
    conv["history"].clear()
    fire(Session(conv, today), "restart")
    return view(conv, today, notice="Starting over: all answers cleared.")


def _review(conv: dict[str, Any], today: date) -> Reply:
    fire(Session(conv, today), "review")
    return view(conv, today)


def _result(conv: dict[str, Any], today: date) -> Reply:
    return _summary(conv, today, detailed=False)


def _details(conv: dict[str, Any], today: date) -> Reply:
    return _summary(conv, today, detailed=True)




NOT_READY = "Your numbers are not ready yet; a few more questions first."


def _result_ready(conv: dict[str, Any], facts: Facts) -> bool:
    return conv["state"] == LAST or (all(
        facts.answered(q.id) or not q.applies(facts) for q in QUESTIONS
        if q.stage is Stage.ROOM and q.kind is not Kind.CHECKPOINT
    ) and facts.answered("compensation"))


def _summary(conv: dict[str, Any], today: date, *, detailed: bool) -> Reply:
    facts = Facts(conv["answers"], today)
    if _result_ready(conv, facts):
        try:
            return result_reply(facts, None, detailed)
        except InputError as exc:
            return send_back_to_fix(conv, today, str(exc))
    return view(conv, today, notice=NOT_READY)


def _remind(conv: dict[str, Any], today: date, cadence: str | None) -> Reply:
    """"Remind me to convert": ask how often, then hand the bot what to keep (``Reply.reminder``)."""
    facts = Facts(conv["answers"], today)
    result = compute(facts)
    if not offers_reminder(result, dict(facts.answers)):
        return view(conv, today, notice="Reminders are for a route you convert by hand; yours needs none.")
    frequency = facts.value("pay_frequency")
    if cadence is None:
        paycheck = f" ({describe_answer(BY_ID['pay_frequency'], facts).lower()})" if frequency else ""
        conv["menu"] = "remind"
        return Reply(state=LAST, title="Remind me to convert",
                     lines=(f"How often? Each paycheck{paycheck}, monthly or quarterly.",),
                     choices=CADENCE_CHOICES)
    first = next_due(cadence, frequency, datetime.combine(today, time(), tzinfo=UTC))
    reply = view(conv, today, notice=confirmation(cadence, first))
    return replace(reply, reminder=reminder_request(cadence, dict(facts.answers), result))


def _taxes(conv: dict[str, Any], today: date) -> Reply:
    """/taxes: the Form 1099-R, Form 8606 and Form 1040 lines this person's figures lead to."""
    facts = Facts(conv["answers"], today)
    if not _result_ready(conv, facts):
        return view(conv, today, notice=NOT_READY)
    try:
        result = compute(facts)
    except InputError as exc:
        return send_back_to_fix(conv, today, str(exc))
    return Reply(state=conv["state"], title=f"{TAXES_TITLE}: your forms for {result['tax_year']}",
                 lines=tuple(tax_lines(result)),
                 choices=result_menu(result, facts) if conv["state"] == LAST else (),
                 result=result)


Handler = Callable[[dict[str, Any], date], Reply]
HANDLERS: dict[str, Handler] = {"back": _back, "restart": _restart, "review": _review, "help": _help,
                                "summary": _result, "details": _details, "taxes": _taxes}


def command(conv: dict[str, Any], name: str, today: date) -> Reply:
    handler = HANDLERS.get(name)
    return handler(conv, today) if handler is not None else view(conv, today)


def step(conv: dict[str, Any], event: Event, today: date) -> Reply:
    """Advance ``conv`` (in place) by one event and return the screen to show."""
    reply = spd_proposals.handle(conv, event, today) or _step(conv, event, today)
    return spd_proposals.annotate(conv, reply)  # the verdict cites confirmed SPD sentences


def _step(conv: dict[str, Any], event: Event, today: date) -> Reply:
    if event.kind == "command":
        name = event.value.lstrip("/").split("@")[0].lower()
        if name not in COMMANDS:
            return view(conv, today, notice=f"I don't know /{name}. Try /help.")
        return command(conv, name, today)
    if event.kind == "button" and event.state is not None and event.state != conv["state"]:
        return view(conv, today, notice="That button is from an earlier question; here is where you are.")
    if event.kind == "text":
        return typed(conv, event.value, today)
    return _answer(conv, _tapped(conv, event.value, today), today)


def _tapped(conv: dict[str, Any], value: str, today: date) -> str:
    """A tapped option of a number question, read by its label: a typed "2" beside "1) About 2 /
    2) All 26" may be a menu number (both readings are offered), a tap on "About 2" is not."""
    question = BY_ID.get(conv["state"])
    if conv.get("pending") or question is None or question.kind not in (Kind.PERCENT, Kind.WHOLE):
        return value
    facts = Session(conv, today).facts
    return next((o.label for o in question.options(facts) if o.value == value), value)


def typed(conv: dict[str, Any], text: str, today: date) -> Reply:
    """Whatever a person typed, in either chat: a command in their words ("back", "go back",
    "undo", "start over", "/review"), else an answer (or a question, or a correction)."""
    name = command_in(text)
    if name is not None:
        return command(conv, name, today)
    return _answer(conv, text, today)


__all__ = [
    "CADENCES",
    "KIND",
    "LAST",
    "STATES",
    "VERSION",
    "Bar",
    "ChartSpec",
    "Choice",
    "Event",
    "Refusal",
    "Reply",
    "chart_spec",
    "command",
    "command_in",
    "commands_for",
    "compute",
    "describe_answer",
    "finished_result",
    "flow_command_names",
    "following",
    "help_lines",
    "limits_lines",
    "load",
    "new_conversation",
    "next_due",
    "read_file",
    "refused",
    "reminder_text",
    "result_fingerprint",
    "share_card",
    "spd_child",
    "spd_errors",
    "step",
    "supported_years",
    "typed",
    "unknown_command_line",
    "view",
    "when",
]
