"""The plan's document in the interview: proposals confirmed one by one, then cited in the verdict.

A document's reading arrives as an ``Event("spd", <reading JSON>)`` (Telegram and the terminal
read the file; ``flows.spd`` reads its text) or as a pasted passage. For each of the three plan
questions it proposes an answer with the sentence that proves it; the user confirms each (Yes /
No / Not sure) and only a confirmed answer is filled. A low-confidence or open reading falls back
to the normal question plus a question to copy to HR. Confirmed quotes are kept under
``conv["spd"]`` and shown in the verdict and the result's Details, restrictions as next steps.

Two hooks call in: ``handle`` at the start of ``flows.interview.step`` and ``annotate`` on the reply
it returns.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from typing import Any, Final

from flows.answers import accept
from flows.conversation import Event, Reply
from flows.facts import Facts
from flows.machine import LAST, Session, fire
from flows.parse import Confirm, ParseError
from flows.questions import BY_ID, Choice
from flows.spd import errors
from flows.spd.reader import read_text
from flows.spd.stored import ORDER
from flows.spd.words import ANSWER_WORDS, TITLES
from flows.understand import correction_in, hedged, question_in, stated_facts
from flows.vocabulary import NO_KEYS, UNSURE_KEYS, YES_KEYS, YES_NO_UNSURE_PHRASES, find_phrase, key

KIND: Final = "spd"  # Event.kind of a document's reading
KEY = "spd"  # the conversation's key for proposals waiting and quotes confirmed
CHOICES = (Choice("spd:yes", "Yes"), Choice("spd:no", "No"), Choice("spd:unsure", "Not sure"))
PASSAGE_MIN_WORDS = 12
WHOLE_SITUATION = 2  # facts in one message that make it the person's situation, not a reply to a proposal
READ = "I read your plan's document."
# On plans it was never tuned to, the reader misreads often enough that every proposal asks the
# person to read its sentence (docs/spd.md, Measured): no confidence label is shown in the chat.
CHECK = "Read the sentence before you answer: I can misread a plan. Only your answer is used."
AGAIN = "Does your plan allow it? Tap Yes, No or Not sure (or type /back to leave it)."
PASSAGE_TERMS = ("after-tax", "after tax", "aftertax", "in-plan", "in plan", "withdraw", "roth", "conver")
# A plan document speaks to "you" about "the plan"; a person speaks of themselves. A message in the
# first person ("I'm 45, my plan allows after-tax ...") is an answer, never a pasted passage.
FIRST_PERSON = frozenset({"i", "im", "ive", "id", "ill", "me", "my", "mine", "myself"})
# The person's lead-in before pasted plan words ("our benefits page says:", "from the SPD:", "SPD says -").
LEAD_IN: Final = re.compile(
    r"^\s*(?:(?:my|our|the|this|a|per)\s+)?[\w'’()/ -]{0,40}?\b(?:says?|reads?|states?|said|wording)"
    r"\s*[:\u2013\u2014-]\s*"
    r"|^\s*(?:from|in|per)\s+(?:my|our|the|this)\s+[\w'’()/ -]{0,30}?:\s*",
    re.IGNORECASE,
)
PERSONAL_SAYING: Final = re.compile(r"\b\d{2}\s*(?:yo|y/o|y\.o\.|yrs? old)\b|\bmax(?:ing|ed)\b")
#: Facts a plan's wording may state for the interview that the document reader leaves aside.
CARRIED = ("employer_contributions",)
HR_QUESTIONS = {
    "after_tax_allowed": "Does our plan accept after-tax (non-Roth) employee contributions beyond the "
                         "pre-tax "
    "and Roth deferral limit? If so, what is the percentage cap, and is there a separate bonus election?",
    "in_plan_conversion": "Does the plan allow in-plan Roth conversions (in-plan Roth rollovers) of "
                          "after-tax "
    "contributions while I am employed? How often, and can they be automatic?",
    "in_service_withdrawal": "Does the plan allow in-service (non-hardship) withdrawals of after-tax "
    "contributions and their earnings while I am employed? How often, is there a minimum, and does a "
    "withdrawal suspend my contributions?",
}
# How often the plan allows a conversion or withdrawal, and when to use them (earnings until then are taxed)
_SCHEDULE = {1: ("once a year", "in December"), 2: ("twice a year", "in June and December"),
             3: ("up to 3 times a year", "in April, August and December"),
             4: ("up to 4 times a year", "at the end of each quarter"),
             12: ("up to 12 times a year", "each month")}


def handle(conv: dict[str, Any], event: Event, today: date) -> Reply | None:
    """The reply when ``event`` is about the plan's document; None when the interview should go on."""
    if event.kind == KIND:
        return offer(conv, _loaded(event.value), today)
    if event.kind == "command" and event.value.lstrip("/").split("@")[0].lower() == "restart":
        conv.pop(KEY, None)  # a new start forgets the document's proposals and quotes
        return None
    waiting = conv.get(KEY, {}).get("ask")
    if waiting and event.kind == "command":  # a command leaves the proposals unanswered, nothing filled
        conv[KEY].pop("ask", None)
        conv[KEY].pop("hr", None)
    elif waiting and event.kind in ("text", "button"):
        choice = _choice(event.value)
        if choice is not None:
            return _confirm(conv, choice, today)
        return _not_a_choice(conv, event.value, today)
    if event.kind == "text" and looks_like_passage(event.value, Facts(conv["answers"], today)):
        return offer_text(conv, event.value, today)
    return None


def _not_a_choice(conv: dict[str, Any], text: str, today: date) -> Reply | None:
    """While a proposal waits, only Yes / No / Not sure answers it. A question about a word is answered
    and the proposal shown again; a correction ("wait, I meant 2025") or the person's situation ("I'm
    45, make 250k") leaves the proposals unanswered (nothing filled) and goes to the interview, which
    takes it; anything else asks again."""
    facts = Facts({"after_tax_allowed": "yes", **conv["answers"]}, today)
    explanation = question_in(text)
    if explanation is not None:
        return _proposal_reply(conv, facts, conv[KEY]["ask"][0], " ".join(explanation.lines))
    answered = Facts(conv["answers"], today)
    if correction_in(text, answered) is not None or len(stated_facts(text, answered)) >= WHOLE_SITUATION:
        conv[KEY].pop("ask", None)
        conv[KEY].pop("hr", None)
        return None
    return _proposal_reply(conv, facts, conv[KEY]["ask"][0], AGAIN)


def looks_like_passage(text: str, answered: Facts) -> bool:
    """Pasted plan wording, not an answer: a dozen words or more naming one of the plan features,
    not in the first person, not the person's own situation."""
    low = text.lower()
    words = {"".join(ch for ch in word if ch.isalpha()) for word in low.split()}
    return (len(text.split()) >= PASSAGE_MIN_WORDS and any(term in low for term in PASSAGE_TERMS)
            and not words & FIRST_PERSON and not _personal(text, answered))


def _personal(text: str, answered: Facts) -> bool:
    """Facts only a person states of themselves: their pay ("250k salary"), their age said as people
    say it ("52 yo"), their own deferrals ("maxing pretax"). A plan document states none of these: no
    labelled real passage gives a pay figure, and its ages are rules ("age 59½", "50 years old")."""
    return any(fact.question == "compensation" or PERSONAL_SAYING.search(fact.said)
               for fact in stated_facts(text, answered))


def offer_text(conv: dict[str, Any], text: str, today: date) -> Reply | None:
    """A pasted passage read as plan text; None when it says nothing about the three questions (a
    long answer that mentions after-tax money goes on to the question being asked)."""
    try:
        reading = read_text(_plan_words(text)).as_json()
    except errors.Refusal as refusal:
        return _where_you_are(conv, today, " ".join([refusal.line, *_carried(conv, text, today)]))
    found = reading["answers"].values()
    if all(a["answer"] == "not_stated" and not a["set_aside"] for a in found):
        return None
    return offer(conv, reading, today, " ".join([READ, *_carried(conv, text, today)]))


def _carried(conv: dict[str, Any], text: str, today: date) -> list[str]:
    """What a pasted passage states beside the plan's three questions that the document reader
    does not read ("the employer match is 50% up to 6%"): kept as said, or asked back after the
    proposals (the interview's queue), never dropped with the passage. The notes that say so."""
    answered = Facts(conv["answers"], today)
    notes = []
    for fact in stated_facts(text, answered):
        if fact.question not in CARRIED:
            continue
        question = BY_ID[fact.question]
        try:
            value = accept(question, fact.text, answered)
        except Confirm:
            value = None  # two readings: asked back
        except ParseError:
            continue  # asked in its turn, as if never said
        if value is None or answered.answered(question.id):  # two readings, or a change: asked back
            if value is None or value != answered.value(question.id):
                conv["queue"] = [*conv.get("queue", []), [question.id, fact.text, fact.said]]
                notes.append(f"{question.name(answered)}: I'll check \"{fact.said}\" with you shortly.")
            continue
        conv["answers"][question.id] = value
        conv["history"] = [h for h in conv["history"] if h != question.id] + [question.id]
        notes.append(f"{question.name(answered)}: {_described(question.id, conv, today)} ✓")
    return notes


def _described(qid: str, conv: dict[str, Any], today: date) -> str:
    from flows.screens import describe_answer  # screens imports the flow's renderers: late, as below

    return describe_answer(BY_ID[qid], Facts(conv["answers"], today))


def _plan_words(text: str) -> str:
    """The pasted passage without the person's lead-in ("our benefits page says:", "from the SPD:"), so a
    quote shown back as the plan's words holds only the plan's words. A lead-in that names the passage's
    subject ("In the plan after-tax contributions: not permitted") is the plan's words: kept."""
    lead_in = LEAD_IN.match(text)
    if lead_in is None or any(term in lead_in.group().lower() for term in (*PASSAGE_TERMS, "contribut")):
        return text
    return text[lead_in.end() :]


def refused(conv: dict[str, Any], line: str, today: date) -> Reply:
    """A document not read: its one line, and the interview where it was."""
    return _where_you_are(conv, today, line)


def offer(conv: dict[str, Any], reading: dict[str, Any], today: date, note: str = READ) -> Reply:
    """Queue the proposals worth confirming; note the rest as questions for HR."""
    answers = reading.get("answers", {})
    ask, hr = [], []
    for question in ORDER:
        found = answers.get(question, {})
        if found.get("answer") in ("yes", "no") and found.get("confidence") in ("high", "medium"):
            ask.append(_proposal(question, found))
        else:
            hr.append({"q": question, "why": _why_open(found)})
    conv[KEY] = {**conv.get(KEY, {}), "ask": ask, "hr": hr}
    conv[KEY].setdefault("cited", {})
    return _next(conv, today, note)


def annotate(conv: dict[str, Any], reply: Reply) -> Reply:
    """The verdict and the result cite the confirmed sentences; restrictions become next steps."""
    cited = {q: c for q, c in conv.get(KEY, {}).get("cited", {}).items()
             if conv["answers"].get(q) == c.get("answer")}  # an answer changed since is not cited
    if not cited or reply.state not in ("verdict", LAST) or reply.title not in ("Verdict", "Your result"):
        return reply
    lines = ["From your plan's document (you confirmed):"]
    for question in ORDER:
        if question in cited:
            c = cited[question]
            page = f"p. {c['page']}: " if c.get("page") is not None else ""
            lines.append(f"• {TITLES[question]}: {ANSWER_WORDS[c['answer']]} - {page}'{c['quote']}'")
    steps = next_steps(cited)
    if steps:
        lines.append("What your plan's rules mean for you:")
        lines += [f"• {s}" for s in steps]
    return replace(reply, lines=(*reply.lines, *lines))


def next_steps(cited: dict[str, Any]) -> list[str]:
    """Restrictions found beside the confirmed answers, as warnings and next steps."""
    out: list[str] = []
    contribution = cited.get("after_tax_allowed", {}).get("details", {})
    if contribution.get("cap_percent") is not None:
        combined = contribution.get("cap_is_combined")
        what = "all your contributions together" if combined else "after-tax contributions"
        out.append(f"The plan caps {what} at {contribution['cap_percent']}% of pay.")
    if contribution.get("separate_bonus_election"):
        out.append("Bonuses have their own election: set an after-tax % for them too.")
    if contribution.get("payroll_deduction_only"):
        out.append("After-tax money goes in by payroll deduction only: elect a % of each paycheck.")
    for question in ("in_plan_conversion", "in_service_withdrawal"):
        if cited.get(question, {}).get("answer") == "yes":
            out += _frequency_steps(question, cited[question].get("details", {}))
    return out


def _frequency_steps(question: str, details: dict[str, Any]) -> list[str]:
    what, verb = (("Conversions", "convert") if question == "in_plan_conversion"
                  else ("Withdrawals", "withdraw and roll to your Roth IRA"))
    out = []
    if details.get("per_year") in _SCHEDULE:
        often, when = _SCHEDULE[details["per_year"]]
        out.append(f"{what} {often}: {verb} {when} (earnings until then are taxable).")
    if details.get("suspension_months"):
        out.append(f"A withdrawal stops your contributions for {details['suspension_months']} months: "
                   "plan it after your last after-tax contribution of the year.")
    if details.get("minimum_usd"):
        out.append(f"Each withdrawal must be at least ${details['minimum_usd']:,}.")
    if details.get("check_only"):
        out.append("Withdrawals are paid by check: deposit it in your Roth IRA within 60 days.")
    return out


# ----------------------------------------------------------------------------------------- internals

def _loaded(value: str) -> dict[str, Any]:
    try:
        reading = json.loads(value)
    except ValueError:
        return {}
    return reading if isinstance(reading, dict) else {}


def _proposal(question: str, found: dict[str, Any]) -> dict[str, Any]:
    evidence = found.get("evidence") or [{}]
    details = {k: v for k, v in found.items()
               if k not in ("answer", "confidence", "evidence", "why", "set_aside") and v is not None}
    aside = found.get("set_aside") or []
    return {"q": question, "answer": found["answer"], "confidence": found["confidence"],
            "quote": str(evidence[0].get("quote", "")), "page": evidence[0].get("page"),
            "why": str(found.get("why", "")), "details": details,
            "aside": [{"quote": str(a.get("quote", "")), "why": str(a.get("why", ""))} for a in aside[:1]]}


def _why_open(found: dict[str, Any]) -> str:
    evidence = found.get("evidence") or []
    aside = found.get("set_aside") or []
    set_aside = f" (I set aside '{aside[0].get('quote', '')}': {aside[0].get('why', '')})" if aside else ""
    if found.get("answer") == "conditional" and evidence:
        page = f" (p. {evidence[0]['page']})" if evidence[0].get("page") is not None else ""
        return f"your document says it depends{page}: '{evidence[0].get('quote', '')}'"
    if found.get("answer") in ("yes", "no"):
        return f"the sentence I found is not clear enough to propose{set_aside}"
    return f"your document does not say{set_aside}"


def _choice(value: str) -> str | None:
    if value.startswith("spd:"):
        return value[4:] if value[4:] in ("yes", "no", "unsure") else None
    word = key(value)
    if word in ("1", "2", "3"):
        return ("yes", "no", "unsure")[int(word) - 1]
    for keys, meaning in ((YES_KEYS, "yes"), (NO_KEYS, "no"), (UNSURE_KEYS, "unsure")):
        if word in keys:
            return meaning
    said = find_phrase(value, YES_NO_UNSURE_PHRASES)  # "hmm not sure", "yes that's right"
    if said == "unsure" or (said in ("yes", "no") and not hedged(value)):  # "yes I think": asked again
        return said
    return None


def _confirm(conv: dict[str, Any], choice: str, today: date) -> Reply:
    """Yes / No answer the question on screen ("Does your plan allow ...?"), whatever the document
    seemed to say: the person's answer is filled, and the document's sentence is cited only when the
    two agree. An answer against the document's yes or no is asked once more, since a "Yes" under
    "seems to say no" may mean "your reading is right". Not sure fills nothing: the question is asked
    as usual, with a question for HR."""
    state = conv[KEY]
    proposal = state["ask"].pop(0)
    question = proposal["q"]
    if choice == "unsure":
        state["hr"].append({"q": question, "why": "you were not sure of my reading"})
        return _next(conv, today, f"{TITLES[question]}: not filled; I'll ask it as usual.")
    if proposal["answer"] in ("yes", "no") and choice != proposal["answer"] and not proposal.get("checked"):
        state["ask"].insert(0, {**proposal, "checked": True})
        facts = Facts({"after_tax_allowed": "yes", **conv["answers"]}, today)
        return _proposal_reply(conv, facts, state["ask"][0], _against_the_document(choice, proposal))
    conv["answers"][question] = choice
    conv["history"] = [h for h in conv["history"] if h != question] + [question]
    note = f"{TITLES[question]}: {ANSWER_WORDS[choice]} ✓"
    if choice == proposal["answer"]:
        state["cited"][question] = {k: proposal[k] for k in ("answer", "quote", "page", "details")}
        note += _cap_kept(conv, proposal)
    else:
        note += " (your answer; the document's sentence is not cited)"
    return _next(conv, today, note)


def _against_the_document(choice: str, proposal: dict[str, Any]) -> str:
    said, read = ANSWER_WORDS[choice], ANSWER_WORDS[proposal["answer"]].lower()
    return (f"You answered {said}; the sentence reads {read}. To be sure, does your plan allow it? "
            f"{said} again keeps yours.")


def _cap_kept(conv: dict[str, Any], proposal: dict[str, Any]) -> str:
    """'After-Tax Contributions of up to 15 percent of your Eligible Pay', confirmed: the plan's cap is
    15%, kept as the cap question's answer (else 'No cap / not sure' there would lift it). Only a cap
    in the sentence the person read and confirmed, and never over a cap they gave themselves."""
    details = proposal.get("details", {})
    cap = details.get("cap_percent")
    question = "after_tax_cap_percent"
    if proposal["q"] != "after_tax_allowed" or proposal["answer"] != "yes" or cap is None \
            or details.get("cap_is_combined") or question in conv["answers"] \
            or not _shows_percent(proposal.get("quote", ""), cap):
        return ""
    conv["answers"][question] = str(cap)
    conv["history"] = [h for h in conv["history"] if h != question] + [question]
    return f" Plan's after-tax cap: {cap}% of pay, as your plan's document says ✓"


def _shows_percent(quote: str, cap: Any) -> bool:
    """The quote itself states ``cap`` as a % ("15 percent", "15%", "1% to 15%")."""
    return re.search(rf"(?<![\d.]){re.escape(str(cap))}\s*(?:%|percent|per cent)", quote, re.I) is not None


def _next(conv: dict[str, Any], today: date, note: str) -> Reply:
    """The next proposal that still applies, or back to the interview with the HR questions."""
    state = conv[KEY]
    # a question still open may apply later: an unanswered after-tax question counts as a possible yes
    facts = Facts({"after_tax_allowed": "yes", **conv["answers"]}, today)
    while state["ask"] and not BY_ID[state["ask"][0]["q"]].applies(facts):
        state["ask"].pop(0)
    if state["ask"]:
        return _proposal_reply(conv, facts, state["ask"][0], note)
    moot = conv["answers"].get("after_tax_allowed") == "no"  # without after-tax money the rest is moot
    hr = [h for h in state.pop("hr", []) if h["q"] not in conv["answers"] and not moot]
    state.pop("ask", None)
    _move_on(conv, today)
    lines = [f"{TITLES[h['q']]}: {h['why']}. Ask HR: \"{HR_QUESTIONS[h['q']]}\"" for h in hr]
    if not lines and note.startswith(READ):
        lines = ["It settles nothing you have not answered already."]
    return _where_you_are(conv, today, " ".join([note, *lines]))


def _proposal_reply(conv: dict[str, Any], facts: Facts, proposal: dict[str, Any], note: str) -> Reply:
    question = proposal["q"]
    page = f"p. {proposal['page']}: " if proposal.get("page") is not None else ""
    lines = [BY_ID[question].text(facts), f"{_seems_to_say(proposal)}{page}'{proposal['quote']}'"]
    lines += [f"I set aside '{a['quote']}': {a['why']}." for a in proposal.get("aside", [])]
    return Reply(state=conv["state"], title=f"From your plan's document: {TITLES[question]}",
                 lines=tuple(lines), choices=CHOICES, notice=note,
                 hint=CHECK)


def _seems_to_say(proposal: dict[str, Any]) -> str:
    """"Your plan's document seems to say no: " before the quote; a closed-world no (the document lists what
    the plan has and leaves this out) says what is missing, since the quote itself refuses nothing."""
    said = f"Your plan's document seems to say {ANSWER_WORDS[proposal['answer']].lower()}: "
    if proposal["answer"] == "no" and proposal.get("details", {}).get("closed_world"):
        reason = str(proposal.get("why", "")).replace("the document ", "it ", 1)
        return f"{said}{reason}. "
    return said


def _move_on(conv: dict[str, Any], today: date) -> None:
    """If the question on screen was just filled, go to the next one that is open."""
    if conv["state"] in ORDER and conv["state"] in conv["answers"]:
        fire(Session(conv, today), "next")


def _where_you_are(conv: dict[str, Any], today: date, notice: str) -> Reply:
    from flows.screens import view  # screens imports the flow's renderers; import late to keep this light

    return view(conv, today, notice=notice)
