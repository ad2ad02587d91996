"""Details found beside an answer: caps, how often, suspensions, minimums, payment form."""

from __future__ import annotations

import re

_WORDS = {"one": 1, "once": 1, "two": 2, "twice": 2, "three": 3, "four": 4, "six": 6, "twelve": 12}
_NUM = r"(\d{1,2}|one|two|three|four|six|twelve)"

CAP = re.compile(
    r"(?:up to|maximum of|max(?:imum)?|rate of|to|exceed)\s+(\d{1,3}(?:\.\d+)?)\s*(?:%|percent)", re.I
)
# A cap on pre-tax, Roth and after-tax together; "after-tax (non-Roth)" names after-tax money alone.
COMBINED = re.compile(r"\b(?:pre|before)[\s-]?tax|(?<!non-)(?<!non )\broth\b|combin|total", re.I)
#: "In addition to your pre-tax and Roth 401(k) contributions, you may ... 1% to 10% ..., up to the
#: annual IRS limit on total contributions": the others named only to say the after-tax money comes
#: beside them, and the IRS limit; the plan's cap is on after-tax money alone.
BESIDE_OTHERS = re.compile(r"\b(?:in addition to|on top of|besides|beyond)\b[^,.;]*"
                           r"|\b(?:irs|annual|415\(c\)) limits?\b[^,.;]*", re.I)
BONUS = re.compile(
    r"separate[^.]{0,60}\b(?:bonus|incentive|commission)|(?:bonus|commission)[^.]{0,60}separate", re.I
)
PAYROLL_ONLY = re.compile(
    r"payroll (?:deductions?|reduction) only|only (?:be accepted )?through payroll", re.I
)
PER_YEAR = (
    (
        re.compile(
            r"one time in any six[\s-]consecutive[\s-]month|once (?:in|every) (?:any )?six months", re.I
        ),
        2,
    ),
    (re.compile(r"\b(?:twice|two times) (?:per|a|each|in any) (?:calendar |plan )?year", re.I), 2),
    (
        re.compile(
            r"\b(?:once|one time) (?:per|a|each|in any) (?:calendar |plan )?year|\bonly one\b[^.]{0,60}"
            r"\b(?:in|per) any (?:calendar |plan )?year",
            re.I,
        ),
        1,
    ),
    (re.compile(r"\bquarterly\b|once (?:per|a|each) quarter", re.I), 4),
    (re.compile(r"\bmonthly\b|once (?:per|a|each) month", re.I), 12),
)
UP_TO_N = re.compile(rf"up to {_NUM}\b[^.]{{0,60}}\bper (?:calendar |plan )?year", re.I)
SUSPENSION = re.compile(
    rf"{_NUM}[\s-]month (?:plan )?suspension|suspended for {_NUM} months"
    rf"|suspension (?:period )?of {_NUM} months",
    re.I,
)
MINIMUM = re.compile(
    r"\$\s?([\d,]+)\s+minimum|minimum (?:amount |withdrawal )?(?:of |is )?\$\s?([\d,]+)", re.I
)
CHECK_ONLY = re.compile(
    r"(?:paid|payable|issued|distributed|sent) (?:only )?(?:by|as a|in the form of a) check"
    r"|check only",
    re.I,
)
ANY_TIME = re.compile(r"at any time|for any reason", re.I)
SEPARATE_ACCOUNT = re.compile(
    r"separately account|separate account|held in[^.]{0,40}after-tax[^.]{0,40}account"
    r"|transferred to your after-tax contribution account",
    re.I,
)
TRUE_UP = re.compile(
    r"true[\s-]?up|continue making the matching contribution|match\w* contributions? (?:are|is) "
    r"made as of the end of each plan year",
    re.I,
)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _WORDS[word.lower()]


def contribution_slots(text: str) -> dict[str, object]:
    out: dict[str, object] = {}
    caps = sorted(CAP.finditer(text), key=lambda m: float(m.group(1)))
    if caps:
        cap = float(caps[-1].group(1))
        out["cap_percent"] = int(cap) if cap.is_integer() else cap
        sentence = BESIDE_OTHERS.sub(" ", _sentence_around(text, caps[-1].start()))
        out["cap_is_combined"] = bool(COMBINED.search(sentence))
    if BONUS.search(text):
        out["separate_bonus_election"] = True
    if PAYROLL_ONLY.search(text):
        out["payroll_deduction_only"] = True
    return out


def _sentence_around(text: str, at: int) -> str:
    start = text.rfind(". ", 0, at) + 1
    end = text.find(". ", at)
    return text[start:] if end < 0 else text[start:end]


def frequency_slots(text: str) -> dict[str, object]:
    out: dict[str, object] = {}
    for pattern, per_year in PER_YEAR:
        if pattern.search(text):
            out["per_year"] = per_year
            break
    else:
        up_to = UP_TO_N.search(text)
        if up_to:
            out["per_year"] = _number(up_to.group(1))
    if ANY_TIME.search(text) and "per_year" not in out:
        out["any_time"] = True
    suspension = SUSPENSION.search(text)
    if suspension:
        out["suspension_months"] = _number(next(g for g in suspension.groups() if g))
    minimum = MINIMUM.search(text)
    if minimum:
        out["minimum_usd"] = int(next(g for g in minimum.groups() if g).replace(",", ""))
    if CHECK_ONLY.search(text):
        out["check_only"] = True
    return out
