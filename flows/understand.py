"""What a whole message says, beyond one answer: the facts it states for any question, a
correction of an earlier answer, or a question about a word.

Each fact is found by the words around it ("I'm 45", "make 450k", "employer adds 22.5k",
"paid biweekly") and handed on as the text ``flows.answers.accept`` reads for that question, so
a figure is read by one parser wherever it is typed. A fact only hedged ("I think", "probably")
or read from a broader phrase is marked ``inferred``: the interview confirms it before keeping it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import Any

from flows.facts import Facts
from flows.parse import normalize

# --- the API the interview uses ---


@dataclass(frozen=True)
class Stated:
    question: str  # the question this fact answers
    text: str  # what flows.answers.accept reads for it
    said: str  # the words it came from (echoed when confirming)
    inferred: bool  # hedged or read from a broader phrase: confirm before keeping


@dataclass(frozen=True)
class Correction:
    question: str | None  # None: the last answered
    text: str | None  # None: go back to that question (or, with no question, one step back)


@dataclass(frozen=True)
class Explanation:
    term: str
    lines: tuple[str, ...]
    source: str | None


# --- facts in a message ---

_MONEY = (r"\$?\s*(?:\d[\d,]*(?:\.\d+)?\s*(?:k|m|mm|thousand|grand|million)?"
          r"|[a-z][a-z -]*?\s*(?:k|thousand|grand|million))")
_PERCENT = r"\d+(?:\.\d+)?\s*%(?:\s*up to\s*\d+(?:\.\d+)?\s*%)?"
_PLAN = r"(?:401\s*\(?k\)?|403\s*\(?b\)?)"
_HEDGE = re.compile(r"\b(?:i think|i believe|probably|maybe|i guess|not sure but|pretty sure|i suppose)\b")

#: (question, pattern): the first group is what accept() reads for that question.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((q, re.compile(p)) for q, p in (
    ("plan_type", r"\b(solo\s*401\s*\(?k\)?|" + _PLAN + r"|457\s*\(?b\)?)(?!\s*(?:match|limit))"),
    ("age", r"\b(?:i'?m|i am|im|age|aged)\s+(\d{2})\b(?!\s*(?:k|%|percent|thousand|paychecks?))"),
    ("age", r"\b(\d{2})\s*(?:years?\s*old|yo|y/o)\b"),
    ("age", r"\b(born\s+(?:in\s+)?(?:19|20)\d\d)\b"),
    ("tax_year", r"\b(?:for|in|planning|plan for|tax year)\s+"
                 r"((?:19|20)\d\d|next year|this year|last year)\b"),
    ("compensation", r"\b(?:make|making|earn|earning|salary(?: is| of)?|paid|income(?: is| of)?|pay is"
                     r"|gross)\s+(?:about |around |roughly )?(" + _MONEY
                     + r")(?:\s*(?:a|per|/)\s*(?:year|yr))?"),
    ("employee_deferrals", r"\b(?:max(?:ing|ed)?(?: out)? my (?:" + _PLAN + r"|deferrals?|contributions?)"
                           r"|i max(?: out)?(?: my)? " + _PLAN
                           + r"|(?:defer|contribute|put in)\s+the\s+(?:max|maximum|full amount|limit))\b"),
    ("employee_deferrals", r"\b(?:defer(?:ring)?|contribute|contributing|put in)\s+(?:only\s+)?("
                           + _MONEY + r")"),
    ("employer_contributions", r"\b(?:employer|company|they)\s+"
                               r"(?:adds?|puts? in|contributes?|gives?|matches?)\s+(?:about\s+)?("
                               + _MONEY + "|" + _PERCENT + r")"),
    ("employer_contributions", r"(\d[\d,.]*\s*k?)\s*\(\s*match\s*(?:\+|plus|and)\s*profit\s*sharing\s*\)"),
    ("employer_contributions", r"(\d[\d,.]*\s*k?\s*match\s*(?:plus|\+|and)\s*"
                               r"\d[\d,.]*\s*k?\s*profit\s*sharing)"),
    ("after_tax_allowed", r"\b(?:plan\s+)?(allows?|has|supports?|offers?|permits?)\s+(?:voluntary\s+)?"
                          r"after[- ]?tax"),
    ("after_tax_allowed", r"\b(no|doesn'?t allow|does not allow|doesn'?t have)\s+(?:voluntary\s+)?"
                          r"after[- ]?tax"),
    ("in_plan_conversion", r"\bafter[- ]?tax\s+(?:contributions\s+)?and\s+"
                           r"(in[- ]plan\s+(?:roth\s+)?conversions?)"),
    ("in_plan_conversion", r"\b(?:allows?|has|supports?|offers?)\s+"
                           r"(in[- ]plan\s+(?:roth\s+)?(?:conversions?|rollovers?))"),
    ("pay_frequency", r"\b(?:paid|pay(?:check)?s?(?: come)?)\s+(bi-?weekly|weekly|monthly|semi-?monthly"
                      r"|twice a month|every (?:2|two) weeks|every 14 days)\b"),
    ("pay_periods_remaining", r"\b(\d{1,2})\s+(?:paychecks?|pay periods?|pays)\s+left\b"),
    ("after_tax_cap_percent", r"\b(?:cap(?:ped)?|capped at|limit(?:ed)? to)\s+(?:of\s+|at\s+)?"
                              r"(\d+(?:\.\d+)?\s*%)"),
    ("after_tax_so_far", r"\b(?:already (?:put in|contributed|in)|so far)\s+(" + _MONEY + r")"),
))

def _as_said(said: str) -> str:
    return said


_VALUE_OF: dict[str, Callable[[str], str]] = {  # where the words are not the value itself
    "after_tax_allowed": lambda said: "no" if re.match(r"no|doesn|does not", said) else "yes",
    "in_plan_conversion": lambda _said: "yes",
    "employee_deferrals": lambda said: said if re.search(r"\d", re.sub(_PLAN, "", said)) else "max",
    "employer_contributions": lambda said: _sum_of_parts(said) if "profit" in said else said,
}


def _sum_of_parts(said: str) -> str:
    """'11250 match plus 11250 profit sharing' is one employer figure: the parts added."""
    parts = re.findall(r"(\d[\d,]*(?:\.\d+)?)\s*(k?)", said)
    total = sum((Decimal(n.replace(",", "")) * (1000 if k else 1) for n, k in parts), Decimal(0))
    return f"{total:f}"


def stated_facts(message: str, facts: Facts) -> list[Stated]:
    """Every fact the message states, one per question (the first found), in no set order."""
    text = normalize(message)
    hedged = bool(_HEDGE.search(text))
    found: dict[str, Stated] = {}
    for question, pattern in _PATTERNS:
        match = pattern.search(text)
        if match is None or question in found:
            continue
        said = match.group(1) if match.groups() and match.group(1) else match.group(0)
        value = _VALUE_OF.get(question, _as_said)(said.strip())
        born = re.match(r"born\s+(?:in\s+)?(\d{4})$", value)
        if born:  # the age on December 31 of the year planned: read, so confirmed
            found[question] = Stated(question, str(facts.planned_year - int(born.group(1))), value, True)
            continue
        found[question] = Stated(question, value, match.group(0).strip(), hedged)
    return list(found.values())


# --- corrections ---

_NAMES = {
    "pay": "compensation", "salary": "compensation", "income": "compensation", "compensation": "compensation",
    "age": "age", "year": "tax_year", "tax year": "tax_year", "deferrals": "employee_deferrals",
    "deferral": "employee_deferrals", "contributions": "employee_deferrals", "401k": "employee_deferrals",
    "match": "employer_contributions", "employer match": "employer_contributions",
    "employer": "employer_contributions", "employer money": "employer_contributions",
    "cap": "after_tax_cap_percent", "pay frequency": "pay_frequency", "frequency": "pay_frequency",
    "paychecks": "pay_periods_remaining", "plan": "plan_type", "plan type": "plan_type",
}
_NAME = "|".join(sorted((re.escape(n) for n in _NAMES), key=len, reverse=True))
_LEAD = (r"^(?:oops|sorry|wait|actually|no|hmm|um|my bad|correction)?[,.!:\s-]*"
         r"(?:oops|sorry|wait|actually)?[,.!\s]*")
_CHANGE_TO = re.compile(_LEAD + r"(?:change|set|make|update|fix)\s+(?:my\s+|the\s+)?(" + _NAME
                        + r")\s+(?:to|=)\s+(.+)$")
_CHANGE = re.compile(_LEAD + r"(?:change|fix|edit|update)\s+(?:my\s+|the\s+)?(" + _NAME + r")$")
_MY_IS = re.compile(_LEAD + r"(?:my|the)\s+(" + _NAME
                    + r")\s+(?:is|was|should be|will be|=)\s+(?:actually\s+)?(.+)$")
_MEANT = re.compile(_LEAD + r"i\s+(?:meant|mean)\s+(.+)$")
_YEAR = re.compile(r"^(?:(?:19|20)\d\d|twenty twenty[- ]?\w+)$")


def correction_in(message: str, facts: Facts) -> Correction | None:
    """"actually my pay is 300k", "change my age to 52", "oops, I meant 2025", "change my pay"."""
    text = normalize(message).rstrip(".! ")
    for pattern in (_CHANGE_TO, _MY_IS):
        match = pattern.match(text)
        if match:
            return Correction(_NAMES[match.group(1)], match.group(2).strip())
    match = _CHANGE.match(text)
    if match:
        return Correction(_NAMES[match.group(1)], None)
    match = _MEANT.match(text)
    if match:
        meant = match.group(1).strip()
        return Correction("tax_year" if _YEAR.match(meant) else None, meant)
    return None


# --- questions about words ---

_SHORT_QUESTION = 10  # words: a longer message ending in "?" is a situation, not a question about a word
_ASKING = re.compile(r"^(?:what'?s|what is|what are|what does|what do|whats|wat is|why do you need"
                     r"|why do you ask|why|is this the same as|is that the same as|is it the same as"
                     r"|how is|how does|explain"
                     r"|define|meaning of|what's the difference)\b")


def _glossary() -> list[dict[str, Any]]:
    raw = resources.files("flows").joinpath("glossary.json").read_text(encoding="utf-8")
    entries: list[dict[str, Any]] = json.loads(raw)["terms"]
    return entries


GLOSSARY = _glossary()


def question_in(message: str) -> Explanation | None:
    """A question about a term ("what's an SPD?", "why do you need my age?"): its glossary entry."""
    text = normalize(message)
    if not (_ASKING.search(text) or (text.endswith("?") and len(text.split()) <= _SHORT_QUESTION)):
        return None
    padded = f" {re.sub(r'[^a-z0-9%()]+', ' ', text)} "
    best: tuple[int, dict[str, Any]] | None = None
    for entry in GLOSSARY:
        for word in entry["words"]:
            if f" {word} " in padded and (best is None or len(word) > best[0]):
                best = (len(word), entry)
    if best is None:
        return None
    entry = best[1]
    return Explanation(entry["term"], tuple(entry["lines"][:3]), entry.get("source"))
