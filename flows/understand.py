"""Understanding a free-form message: every fact it states (for any question), a correction of an
earlier answer, or a question about a word. Pure functions over the text and the facts so far; the
interview decides what to do with what is found (echo, confirm what was inferred, ask what is left)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz, process

from flows.facts import Facts
from flows.parse import normalize, spoken_match, words_to_digits
from flows.vocabulary import CHOICE_KEYS, CHOICE_PHRASES, YES_NO_UNSURE_KEYS, key
from rules.contributions import employer_money_from_parts

#: The questions a free-form message can answer (the rest are asked one by one).
UNDERSTOOD = ("plan_type", "after_tax_allowed", "in_plan_conversion", "in_service_withdrawal", "tax_year",
              "age", "compensation", "day_job_ss_wages", "employee_deferrals", "employer_contributions",
              "after_tax_cap_percent", "pay_frequency", "pay_periods_remaining", "after_tax_so_far")


@dataclass(frozen=True)
class Stated:
    question: str  # a question id (flows.questions.BY_ID)
    text: str  # answer text flows.answers.accept reads for that question ("450k", "max", "yes")
    said: str  # the words of the message it came from (for the echo)
    inferred: bool  # not said outright (hedged, or inferred): confirm it


@dataclass(frozen=True)
class Correction:
    question: str | None  # the answer corrected (None: the last answered one)
    text: str | None  # the new answer text (None: just go back / undo)


@dataclass(frozen=True)
class Explanation:
    term: str
    lines: tuple[str, ...]  # at most 3
    source: str | None  # the law a line states, cited


# ---------------------------------------------------------------- hedges

_HEDGE = re.compile(
    r"\b(?:i think(?: so)?|i believe(?: so)?|i guess|probably|prob|likely|pretty sure|fairly sure|"
    r"im pretty sure|maybe|might|should be|iirc|if i remember|i dont think so|dont think so|"
    r"i dont think|not 100% sure|not totally sure|i suppose|presumably|apparently|i reckon)\b"
)


def hedged(text: str) -> bool:
    """'I think so', 'probably', 'yes I think', 'pretty sure': read, but confirm."""
    return bool(_HEDGE.search(_plain(text)))


def _plain(text: str) -> str:
    return normalize(text).replace("'", "").replace("’", "")


# ---------------------------------------------------------------- figures in a sentence

_MONEY = r"(?:\$\s?)?\d[\d,]*(?:\.\d+)?\s?(?:k|m|mm)?\b"
_PERCENT = r"\d+(?:\.\d+)?\s?%"
_FORMULA = (rf"{_PERCENT}\s*(?:match\s*)?,?\s*(?:up to|(?:of|on|for) (?:the )?(?:first|1st)|on|of|to)\s*"
            rf"{_PERCENT}")
_APPROX = r"(?:about |around |roughly |approx(?:imately)? |like |~\s?|just under |just over |almost )?"
_PLAN = r"(?:401\s?\(?k\)?|403\s?\(?b\)?|457\s?\(?b\)?|plan|account)"


_WEEKDAYS = {"mon": "monday", "tue": "tuesday", "wed": "wednesday", "thu": "thursday", "fri": "friday",
             "sat": "saturday", "sun": "sunday"}  # "paid every other fri"


def prepared(message: str) -> str:
    """Lower case, number words as digits ('four fifty k' -> '450k'), typos of plan names fixed."""
    text = _plain(message)
    text = re.sub(r"\b4\s?o\s?1\s?\(?k\)?|\b40[li]\s?\(?k\)?", "401k", text)
    text = re.sub(r"\b4\s?o\s?3\s?\(?b\)?", "403b", text)
    text = re.sub(r"\b(401|403|457)\s?\((k|b)\)", r"\1\2", text)
    text = re.sub(r"\bafter[\s-]?tax\b", "after-tax", text)
    text = re.sub(r"\bin[\s-]?plan\b", "in-plan", text)
    text = re.sub(r"\bin[\s-]?service\b", "in-service", text)
    text = re.sub(r"\b(mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b", lambda m: _WEEKDAYS[m[1][:3]], text)
    text = re.sub(r"(\d)\s*(?:percent|per cent|pct)\b", r"\1%", words_to_digits(text))  # "6 percent match"
    return spoken_match(text)  # "50 cents on the dollar up to 6%", "matches half up to 6%"


def _amount(figure: str) -> str:
    """A money figure as accept() reads it: '22,500' -> '22500', '450 k' -> '450k'."""
    return re.sub(r"[\s$,]", "", figure)


def _clauses(text: str) -> list[str]:
    """'I'm 45, make 450k; maxing my 401k and employer adds 22.5k' -> its clauses."""
    parts = re.split(r"[;!?\n—–]|,(?!\d)(?!\s*up to\s*\d)|\.(?!\d)|\s-\s|\bbut\b|"
                     r"\band\b(?! (?:a half|in-plan|after-tax|\$?\d))", text)
    return [p.strip() for p in parts if p.strip()]


_NEGATED = re.compile(
    r"\b(?:no|not|doesnt|dont|does not|do not|isnt|cant|cannot|without|never|nor|neither|wont)\b")


@dataclass(frozen=True)
class _Found:
    stated: Stated
    cued: bool  # named by a word of its own (defer, salary, age ...), not only a bare figure or word


def _stated(question: str, text: str, said: str, clause: str, *, inferred: bool = False,
            cued: bool = True) -> _Found:
    return _Found(Stated(question, text, said, inferred or hedged(clause)), cued)


# ---------------------------------------------------------------- one reader per question

_AGE = (
    re.compile(r"\b(?:im|i am|age[ds]?:?|aged|turning|turn|ill be|i will be)\s*(\d{2})\b"
               r"(?!\s*(?:k|%|m\b|,\d|(?:years?|yrs?) (?:from|until|to|till|left|away|before|of)))"),
    re.compile(r"\b(\d{2})\s*(?:years? old|yrs? old|y\.?o\.?|yo\b|(?:years?|yrs?)$)"),
    re.compile(r"\b(\d{2})\s+in\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"),
)
_BORN = re.compile(r"\bborn (?:in )?((?:19|20)\d\d)\b")


def _age(clause: str, facts: Facts, year: int | None) -> _Found | None:
    born = _BORN.search(clause)
    if born:
        age = (year or facts.tax_year) - int(born[1])
        return _stated("age", str(age), born[0], clause)
    for pattern in _AGE:
        found = pattern.search(clause)
        if found and 14 <= int(found[1]) <= 110:  # "turning 50": on December 31 of which year? confirm
            turning = bool(re.search(r"\bturn(?:ing|s)?\b", found[0]))
            return _stated("age", found[1], found[0], clause, inferred=turning)
    return None


_PAY_CUE = (r"(?:make|making|makes|earn|earning|earns|salary|base|pay|paid|income|comp|compensation|gross|"
            r"net profit|profit|w2|w-2|wages)")
_FILLER = (r"(?:is|of|at|about|around|roughly|was|will be|are|probably|maybe|like|approximately|approx|just|"
           r"only|exactly|now|currently|this year|i think|i guess|prob|likely)")
_PAY = (
    re.compile(rf"\b{_PAY_CUE}(?:\s+{_FILLER})*\s*:?\s*{_APPROX}"
               rf"({_MONEY})(?!\s*%)"),
    re.compile(rf"({_MONEY})\s*(?:a year|per year|/\s?yr|/\s?year|yearly|annually|salary|base|income|"
               r"gross|in salary|of pay)\b"),
)


#: Pay of more than this job: "my wife and I make 300k combined", "household income 300k".
_NOT_THIS_JOBS_PAY = (r"\b(?:combined|household|together|we make|we earn|our (?:income|pay|salary)|"
                      r"wife|husband|spouse|partner)\b")


#: A business of one's own named in a clause: its figures are the business's, not a job's pay.
_BUSINESS = (r"\b(?:llc|sole prop\w*|side (?:gig|hustle|business)|(?:my|the|own) (?:own )?business|"
             r"self[\s-]employ\w*|1099|schedule c|freelanc\w*)\b")
#: A job named in a clause (a solo 401(k) owner's day job): its pay is not the business's.
_JOB_WORDS = r"day job|job|employer|at work|my work"
_JOB = rf"\b(?:{_JOB_WORDS}|w-?2)\b"
_JOB_NOT_W2 = rf"\b(?:{_JOB_WORDS})\b"  # an S-corp owner's W-2 is the business's
_SOLO_WORDS = r"\b(?:solo 401k|solo k|individual 401k|self[\s-]employed 401k)\b"
_JOB_PAYS = re.compile(rf"\b(?:job|w-?2|work)\b(?:\s+(?:that|which))?\s+(?:pays|paying)\s+(?:me\s+)?{_APPROX}"
                       rf"({_MONEY})(?!\s*%)")
_NETS = re.compile(rf"\b(?:nets?|netting|netted)(?:\s+(?:me|out|out at|to))?(?:\s+{_FILLER})*\s*{_APPROX}"
                   rf"({_MONEY})(?!\s*%)|({_MONEY})\s+net\b(?!\s*(?:worth|pay|take))")


def _solo_plan(text: str, facts: Facts) -> bool | None:
    """Whose pay a figure is: a solo 401(k)'s (True), a plan through a job's (False), or not known
    (None: 'solo 401k ... the work 401k' names both; a figure of a job or a business is then asked)."""
    if facts.answered("plan_type"):
        return bool(facts.is_solo)
    named_solo = re.search(_SOLO_WORDS, text)
    if named_solo and re.search(r"\b(?:401k|403b|457b)\b", re.sub(_SOLO_WORDS, "", text)):
        return None
    return bool(named_solo)


def _business_net(clause: str, *, solo: bool | None, s_corp: bool) -> _Found | None:
    """'my 1099 income nets about 80k', a solo 401(k) owner's business: its net profit, asked back
    with its meaning ('net' may be take-home); an S-corp owner's pay is W-2 pay: not read here."""
    if not solo or s_corp or not re.search(_BUSINESS, clause):
        return None
    found = _NETS.search(clause)
    figure = (found[1] or found[2]) if found else None
    if found is None or not figure or not _big_enough(figure):
        return None
    return _stated("compensation", _amount(figure), found[0], clause, inferred=True)


def _day_job_wages(clause: str, *, solo: bool | None) -> _Found | None:
    """'a W-2 job paying 150k' next to a solo 401(k): the day job's wages, asked back as its Social
    Security wages (W-2 box 3); what is deferred there is another question."""
    if not solo or re.search(r"\b(?:defer|contribut|put(?:ting)? in|match|401k|403b)", clause):
        return None
    found = _JOB_PAYS.search(clause) or (_pay_match(clause) if re.search(_JOB, clause) else None)
    if not found or not _big_enough(found[1]):
        return None
    return _stated("day_job_ss_wages", _amount(found[1]), found[0], clause, inferred=True)


def _pay(clause: str, *, solo: bool | None = False, s_corp: bool = False) -> _Found | None:
    """This plan's pay: a job's for a plan through a job (never a side business's figure), the
    business's for a solo 401(k) (never a day job's); neither while the plan is not known."""
    if re.search(r"\b(?:defer|contribut|match|employer|company|profit sharing|after-tax)", clause):
        return None
    if solo is None and (re.search(_JOB, clause) or re.search(_BUSINESS, clause)):
        return None
    if solo and re.search(_JOB_NOT_W2 if s_corp else _JOB, clause):
        return None  # a day job's pay: _day_job_wages
    if not solo and re.search(_BUSINESS, clause):
        return None  # a side business's figure is not this job's pay
    found = None if solo else _JOB_PAYS.search(clause)
    found = found if found and _big_enough(found[1]) else _pay_match(clause)
    if found is None:
        return None
    # a business owner's "make 100k" may be its revenue: its net profit is asked back, with its meaning
    revenue_or_profit = bool(solo) and not s_corp and not re.search(r"\bprofit|schedule c|line 31", clause)
    return _stated("compensation", _amount(found[1]), found[0], clause, inferred=revenue_or_profit)


def _pay_match(clause: str) -> re.Match[str] | None:
    """A figure of pay by its cue ('make 450k', '240k a year'), not a household's or a bonus."""
    if re.search(_NOT_THIS_JOBS_PAY, clause):  # the question is this employer's pay: asked
        return None
    if re.search(rf"\b{_EXTRA_PAY}\b", _NO_EXTRA.sub(" ", clause)):  # "salary 200k bonus 50k": pay_parts
        return None
    clause = re.sub(r"\b(?:1099|w-?2)\b", "", clause)  # "my 1099 income" is not $1,099 of pay
    for pattern in _PAY:
        found = pattern.search(clause)
        if found and _big_enough(found[1]) and not _SAVING_BEFORE.search(clause[: found.start()]):
            return found
    return None


#: A yearly figure said of saving, not of pay: "i can put in up to 23k a year", "You can contribute up to
#: $23,000 per year", "the limit is $23,000 per year".
_SAVING_BEFORE = re.compile(
    r"\b(?:contribut\w*|put(?:ting)? in|put away|defer\w*|sav(?:e|es|ing)|deposit\w*|limit\w*|max(?:imum)?|"
    r"cap(?:ped)?|up to)\b[^.;]{0,20}$"
)


#: Pay besides the base ("20k bonus", "commission 30k"): pay too, said as a part of the whole.
_EXTRA_PAY = r"(?:bonus(?:es)?|commissions?|overtime)"
_BASE_PAY = r"(?:base(?:\s+(?:salary|pay))?|salary|wages?)"
_PART_JOIN = r"(?:is|of|at|:|=)?\s*(?:an?\s+)?"
#: Each part by its figure, then its word: "180k salary 20k bonus" (money first), "salary 200k bonus
#: 50k" (the word first); a figure right after another part's word is that part's ("bonus 20k salary").
_BASE_PART = (re.compile(rf"({_MONEY})(?!\s*%)\s*(?:in\s+|of\s+)?{_BASE_PAY}\b"),
              re.compile(rf"\b{_BASE_PAY}\s*{_PART_JOIN}{_APPROX}({_MONEY})(?!\s*%)"),
              # "make 150k plus a 20k bonus", "150k + 20k bonus": the figure the extra is added to
              re.compile(rf"\b(?:make|makes|making|earn|earns|earning)\s+{_APPROX}({_MONEY})(?!\s*%)"),
              re.compile(rf"(?<![\w.,$])({_MONEY})(?!\s*%)(?=\s*(?:\+|plus|and|&)\s*(?:an?\s+)?"
                         rf"(?:{_MONEY}\s*)?{_EXTRA_PAY})"))
_EXTRA_PART = (re.compile(rf"({_MONEY})(?!\s*%)\s*(?:in\s+|of\s+)?(?P<word>{_EXTRA_PAY})\b"),
               re.compile(rf"\b(?P<word>{_EXTRA_PAY})\s*{_PART_JOIN}{_APPROX}({_MONEY})(?!\s*%)"))
#: A bonus said of no figure of its own: "no bonus", "200k including bonus" (one figure, the whole).
_NO_EXTRA = re.compile(rf"\b(?:no|without)\s+(?:a\s+|any\s+)?{_EXTRA_PAY}|"
                       rf"\b(?:incl(?:uding|udes|uded)?|with)\s+(?:my\s+|the\s+|a\s+)?{_EXTRA_PAY}|"
                       rf"\b{_EXTRA_PAY}\s+(?:included|incl)\b")


def _part(patterns: tuple[re.Pattern[str], ...], text: str, other: str) -> re.Match[str] | None:
    """The first figure of a part of pay: money first, then its word first; never a figure that
    follows another part's word ("bonus 20k salary 180k": 20k is the bonus)."""
    for pattern in patterns:
        for found in pattern.finditer(text):
            before = text[: found.start()]
            if _big_enough(_part_figure(found)) and not re.search(rf"\b{other}\s*{_PART_JOIN}$", before):
                return found
    return None


def _part_figure(found: re.Match[str]) -> str:
    money_first = bool(re.match(r"[$\d]", found[1]))
    return _amount(found[1] if money_first else found.group(found.lastindex or 1))


def pay_parts(text: str) -> tuple[tuple[str, str], ...] | None:
    """Pay said in parts: "180k base + 20k bonus", "base 180k plus 20k bonus", "180k salary and a 20k
    bonus", "salary 200k bonus 50k" -> (("base", "180k"), ("bonus", "20k")); the base first. None
    when the base and the extra pay are not both given in dollars. Their sum is the engine's (rules)."""
    cleaned = re.sub(_PLAN_NAME, " ", prepared(text))  # "20k bonus, 401k maxed": 401k is no figure
    if re.search(r"\d\s*k?\s*(?:-|to)\s*\$?\d", cleaned):  # "plus 10-20k bonus": which? asked
        return None
    base = _part(_BASE_PART, cleaned, _EXTRA_PAY)
    if base is None:
        return None
    rest = f"{cleaned[: base.start()]} | {cleaned[base.end():]}"
    extras: list[tuple[str, str]] = []
    while (found := _part(_EXTRA_PART, rest, _BASE_PAY)) is not None:
        extras.append((_extra_label(found["word"]), _part_figure(found)))
        rest = f"{rest[: found.start()]} | {rest[found.end():]}"
    return (("base", _part_figure(base)), *extras) if extras else None


def _extra_label(word: str) -> str:
    return "bonus" if word.startswith("bonus") else "commission" if word.startswith("commission") \
        else "overtime"


def pay_parts_text(parts: tuple[tuple[str, str], ...]) -> str:
    """The parts as one answer pay_parts reads again: '180k base + 20k bonus'."""
    return " + ".join(f"{figure} {label}" for label, figure in parts)


def extra_pay_unread(text: str) -> bool:
    """A bonus or commission named without its figure ("180k base, bonus varies", "15% bonus"): the
    pay said beside it is not the year's whole pay, so pay is asked."""
    return bool(re.search(rf"\b{_EXTRA_PAY}\b", _NO_EXTRA.sub(" ", text))) and pay_parts(text) is None


def _big_enough(figure: str) -> bool:
    """'make 450k' is pay; 'paid 26 times' is not."""
    return bool(re.search(r"[km]\b|\d{4}|\d,\d{3}", figure))


_MAX_DEFERRAL = re.compile(
    rf"\b(?:max(?:ing|ed)?|maximi[sz]e|maximi[sz]ing|fully fund(?:ing)?)\s*(?:out\s*)?(?:my\s*|the\s*|it\s*)?"
    rf"(?:out\s*)?(?:{_PLAN}|deferrals?|contributions?|pre-?tax|roth 401k|it)?"
)
_DEFER = (
    re.compile(rf"\b(?:defer(?:ring|s)?|deferrals?(?:\s+(?:are|of|is))?|contribut(?:e|ing|ions?)(?:\s+(?:are|of|is))?|"
               rf"put(?:ting)? in|putting|save|saving)\s*:?\s*{_APPROX}({_MONEY})(?!\s*%)"),
    re.compile(rf"({_MONEY})\s*(?:in\s+)?(?:to|into|in)\s+(?:my\s+|the\s+)?(?:(?:work|job|day job|w-?2)\s+)?"
               rf"(?:401k|403b|pre-?tax|roth 401k)"),
    re.compile(rf"({_MONEY})\s*(?:of\s+)?(?:deferrals?|pre-?tax)"),
)


def _deferrals(clause: str) -> _Found | None:
    if re.search(r"\b(?:match|employer|company|profit sharing|after-tax|they)\b", clause):
        return None
    found_max = _MAX_DEFERRAL.search(clause)
    if found_max and not re.search(r"\bnot (?:the )?max", clause):
        said_outright = bool(re.search(r"\bdefer|deferral", clause))
        named = bool(re.search(r"401k|403b|defer|deferral|contribution|pre-?tax", clause))
        return _stated("employee_deferrals", "max", found_max[0].strip(), clause, inferred=not said_outright,
                       cued=named)
    for pattern in _DEFER:
        found = pattern.search(clause)
        if found and _big_enough(found[1]):
            return _stated("employee_deferrals", _amount(found[1]), found[0], clause)
    return None


#: An employer named by its kind ("hospital puts in 5%", "the university matches 100% up to 4%").
_EMPLOYER_KINDS = (r"hospital|health system|university|college|school(?: district)?|district|clinic|agency|"
                   r"nonprofit|startup|firm|org|organi[sz]ation")
_EMPLOYER_CUE = (rf"(?:employer|company|they|work|job|{_EMPLOYER_KINDS}|match(?:es|ing)?|profit[\s-]sharing|"
                 r"nonelective)")
_IN_PARTS = re.compile(
    rf"({_MONEY})\s*(?:in\s+)?(?:match|matching|profit[\s-]sharing|nonelective)\s*(?:plus|\+|and|&)\s*"
    rf"({_MONEY})\s*(?:in\s+)?(?:match|matching|profit[\s-]sharing|nonelective)?"
)


def employer_parts(text: str) -> str | None:
    """'11250 match plus 11250 profit sharing' -> '22500'; '22,500 (match + profit sharing)' -> '22500'."""
    from flows.parse import read_money

    cleaned = prepared(text)
    found = _IN_PARTS.search(cleaned)
    if found:
        return str(employer_money_from_parts((read_money(_amount(found[1])).value,
                                              read_money(_amount(found[2])).value)))
    single = re.fullmatch(rf"{_APPROX}({_MONEY})\s*\(?\s*(?:in\s+)?(?:total\s+)?(?:employer\s+)?"
                          r"(?:match|matching)?\s*(?:\+|plus|and|&)?\s*(?:profit[\s-]sharing)?\s*\)?\s*(?:total)?",
                          cleaned)
    if single and re.search(r"match|profit", cleaned):
        return _amount(single[1])
    return None


_EMPLOYER_ITSELF = (rf"\b(?:employer|company|they|{_EMPLOYER_KINDS}|match(?:es|ing)?|profit[\s-]sharing|"
                    r"nonelective)")


def _about_employer_money(clause: str) -> bool:
    """'work puts in 10k' is; 'I defer 23.5k at my job' is the person's own deferral, where they work."""
    if not re.search(rf"\b{_EMPLOYER_CUE}", clause):
        return False
    return bool(re.search(_EMPLOYER_ITSELF, clause)) or _deferrals(clause) is None


#: Pay to the person ("my day job pays me 150k", "a job paying 150k"), not money into the plan.
_PAID_TO_ME = r"\b(?:pays?(?: me)?|paying(?: me)?|paid me|salary|wages?|makes?|making|earns?|earning)\b"
_INTO_THE_PLAN = (r"\b(?:match\w*|profit[\s-]sharing|nonelective|puts? in|putting in|contribut\w*|adds?|"
                  r"into)\b")
#: A plan's name is never a sum of employer money ("I have a 401k at work" is not $401,000).
_PLAN_NAME = r"(?<![$\d])\b(?:401k|403b|457b)\b"


def _paid_into_the_plan(clause: str) -> bool:
    """Employer money is named (not the person's pay: _pay, or a day job's wages)."""
    if not _about_employer_money(clause):
        return False
    return not re.search(_PAID_TO_ME, clause) or bool(re.search(_INTO_THE_PLAN, clause))


def _employer(clause: str) -> _Found | None:
    """Employer money named in a clause; two rates without a formula read are never taken (the
    first would become a % of pay)."""
    if not _paid_into_the_plan(clause) or _two_rates_unread(clause):
        return None
    clause = re.sub(_PLAN_NAME, "", clause)
    formula = _formula(clause)
    if formula is not None:
        return formula
    parts = _IN_PARTS.search(clause)
    if parts:
        total = employer_parts(parts[0])
        if total is not None:
            return _stated("employer_contributions", total, parts[0], clause)
    found = re.search(rf"({_PERCENT}|{_MONEY})(?:\s*of (?:my )?pay)?", clause)
    if found and (found[1].endswith("%") or _big_enough(found[1])):
        if re.search(r"\bcap", clause) and found[1].endswith("%"):
            return None
        said = found[0] if found[1].endswith("%") else _amount(found[1])
        if found[1].endswith("%") and re.search(r"\bmatch", clause):
            said = f"{found[1]} match"  # matches up to it, or adds it of pay: the question asks which
        return _stated("employer_contributions", said, clause, clause)
    return _no_employer_money(clause)


def _formula(clause: str) -> _Found | None:
    """A match formula ("50% up to 6%"); beside another rate ("gives 3% safe harbor + 50% match up
    to 6%") both, read together by the employer question (or asked), never the formula alone."""
    formula = re.search(_FORMULA, clause)
    if formula is None:
        return None
    if re.search(_PERCENT, f"{clause[: formula.start()]} {clause[formula.end():]}"):
        cue = re.search(_EMPLOYER_CUE, clause)
        said = clause[cue.start() if cue else 0:]
        return _stated("employer_contributions", said, said, clause)
    return _stated("employer_contributions", formula[0], formula[0], clause)


def _two_rates_unread(clause: str) -> bool:
    return len(re.findall(_PERCENT, clause)) > 1 and not re.search(_FORMULA, re.sub(_PLAN_NAME, "", clause))


def _no_employer_money(clause: str) -> _Found | None:
    if re.search(r"\bno (?:employer )?(?:match|contributions?)\b|"
                 r"\b(?:employer|company) (?:doesnt|does not) match", clause):
        return _stated("employer_contributions", "0", clause, clause)
    return None


_CAP = (
    re.compile(rf"\bcap(?:ped)?\s*(?:is|of|at|:)?\s*(?:only\s*)?({_PERCENT})"),
    re.compile(rf"({_PERCENT})\s*(?:cap|limit|max)\b"),
    re.compile(rf"\bafter-tax\b.*?\bup to\s*({_PERCENT})"),
    re.compile(rf"\bup to\s*({_PERCENT})\s*(?:of (?:my )?pay\s*)?(?:in\s+)?after-tax"),
)


def _cap(clause: str) -> _Found | None:
    if re.search(r"\bmatch", clause):
        return None
    if re.search(r"\bno (?:after-tax )?cap\b|\bnot capped\b|\buncapped\b", clause):
        return _stated("after_tax_cap_percent", "no cap", clause, clause)
    for pattern in _CAP:
        found = pattern.search(clause)
        if found:
            return _stated("after_tax_cap_percent", found[1].replace(" ", ""), found[0], clause)
    return None


_FREQUENCY_WORDS = {
    "weekly": "weekly", "biweekly": "biweekly", "bi-weekly": "biweekly", "fortnightly": "biweekly",
    "semimonthly": "semimonthly", "semi-monthly": "semimonthly", "monthly": "monthly",
}
#: Phrases of a pay frequency inside a sentence ("next month" is not monthly pay).
_FREQUENCY_PHRASES = {p: v for p, v in CHOICE_PHRASES["pay_frequency"].items()
                      if p not in ("month", "1 week") and v in _FREQUENCY_WORDS.values()}  # a payroll's
_PERIODS = {52: "weekly", 26: "biweekly", 24: "semimonthly", 12: "monthly"}
_DAYS = {7: "weekly", 14: "biweekly", 15: "semimonthly", 30: "monthly", 31: "monthly"}


def pay_frequency_in(text: str) -> str | None:
    """'every 14 days' / '24x a year' / 'biwkly' / 'paid every other friday' -> the stored frequency."""
    cleaned = prepared(text)
    days = re.search(r"\bevery (\d+) days\b", cleaned)
    if days and int(days[1]) in _DAYS:
        return _DAYS[int(days[1])]
    times = re.search(r"\b(\d+)\s*(?:x|times|paychecks|pay ?checks|pay periods|checks)\s*(?:a|per|/|each)\s*"
                      r"(?:year|yr)\b", cleaned)
    if times and int(times[1]) in _PERIODS:
        return _PERIODS[int(times[1])]
    found = _phrase(cleaned, _FREQUENCY_PHRASES)
    if found is not None:
        return found
    return _fuzzy_word(cleaned, _FREQUENCY_WORDS)


def _phrase(text: str, phrases: dict[str, str]) -> str | None:
    padded = f" {re.sub(r'[^0-9a-z%]+', ' ', text)} "
    found = [(len(p), v) for p, v in phrases.items() if not p.isdigit() and f" {p} " in padded]
    if not found:
        return None
    longest = max(length for length, _v in found)
    values = {v for length, v in found if length == longest}
    return values.pop() if len(values) == 1 else None


def _fuzzy_word(text: str, words: dict[str, str], cutoff: float = 80) -> str | None:
    """A word of ``text`` that is a typo of one of ``words`` ('montly', 'biwkly'), by rapidfuzz."""
    for token in re.findall(r"[a-z-]{6,}", text):  # "month" is a word, not a typo of "monthly"
        best = process.extractOne(token, list(words), scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is not None:
            return words[best[0]]
    return None


def _frequency(clause: str) -> _Found | None:
    if re.search(r"\bconver|roll", clause):
        return None
    found = pay_frequency_in(clause)
    if found is None:
        return None
    cued = bool(re.search(r"\b(?:paid|pay|paycheck|payroll|salary)", clause))
    return _stated("pay_frequency", found, clause, clause, cued=cued)


_LEFT = re.compile(r"\b(\d{1,2})\s*(?:more\s+)?(?:paychecks?|pay ?checks?|pay periods?|checks|pay days)\s*"
                   r"(?:left|remaining|to go|this year)\b")


def _paychecks(clause: str) -> _Found | None:
    found = _LEFT.search(clause)
    return _stated("pay_periods_remaining", found[1], found[0], clause) if found else None


_YEAR = re.compile(r"\b(?:for|in|tax year|year|yr|planning|plan for)\s*:?\s*(20\d\d)\b(?!\s*(?:k|%|\$))")
_RELATIVE_YEAR = re.compile(r"\b(?:for |planning )?(this year|next year|last year)(?:s)?\b")


def _tax_year(clause: str, *, bare: bool) -> _Found | None:
    found = _YEAR.search(clause)
    if found:
        return _stated("tax_year", found[1], found[0], clause)
    relative = _RELATIVE_YEAR.search(clause)
    if relative and re.search(r"\b(?:for|planning|tax)\b", clause):
        return _stated("tax_year", relative[1], relative[0], clause)
    alone = re.search(r"(?<![\d$.,])\b(20[12]\d)\b(?![\d,.]|\s*(?:k|%|dollars))", clause)
    if bare and alone:
        return _stated("tax_year", alone[1], alone[0], clause)
    if alone and _YEAR_ALONE.match(clause):  # "im 45, 2025, make 450k": a year said alone, asked back
        return _stated("tax_year", alone[1], alone[0], clause, inferred=True)
    return None


#: A clause that is only a year ("im 45, 2025, make 450k"): most likely the tax year, so asked back.
_YEAR_ALONE = re.compile(r"^\W*20[12]\d\W*$")


_PLAN_WORDS = {p: v for p, v in CHOICE_PHRASES["plan_type"].items() if not p.isdigit() and p != "solo"}
_PLAN_WORDS |= {"solo 401k": "solo401k", "solo k": "solo401k", "401k": "401k", "403b": "403b", "457b": "457b"}


# "make 401k", "$403k a year": a figure of pay that reads like a plan's name is pay, not the plan
_PAY_LIKE_PLAN = re.compile(r"(?:\b(?:make|makes|making|earn|earns|earning|paid|salary|income|pay)\s+|\$\s?)"
                            r"(?:401|403|457)\s?k\b")


def _plan_type(clause: str) -> _Found | None:
    found = _phrase(clause, _PLAN_WORDS)
    if found is None or (found in ("401k", "403b", "457b") and _PAY_LIKE_PLAN.search(clause)):
        return None
    return _stated("plan_type", found, clause, clause, cued=False)


_FEATURES = (
    ("in_plan_conversion", re.compile(r"\bin-plan\s*(?:roth\s*)?(?:conversions?|rollovers?|converts?)|"
                                      r"\bconvert(?:s|ing)? (?:it )?(?:to roth )?in(?:side)? the plan")),
    ("in_service_withdrawal", re.compile(r"\bin-service\s*(?:withdrawals?|distributions?|rollovers?)")),
    ("after_tax_allowed", re.compile(r"\bafter-tax\b")),
)


def _features(clause: str) -> list[_Found]:
    """'plan allows after-tax and in-plan conversion' -> both yes; 'no in-service withdrawals' -> no."""
    found: list[_Found] = []
    for question, pattern in _FEATURES:
        named = pattern.search(clause)
        if named is None:
            continue
        if question == "after_tax_allowed" and not re.search(
                r"\b(?:allow|allows|allowed|has|have|offer|offers|permit|permits|supports?|accepts?|takes?|"
                r"lets?|can|does|yes|ok|available)\b", clause) and (
                    not _NEGATED.search(clause) or re.search(r"\b(?:cap|capped|limit)\b", clause)):
            continue
        answer = "no" if _NEGATED.search(clause) else "yes"
        found.append(_stated(question, answer, clause, clause, cued=True))
    return found


# ---------------------------------------------------------------- the whole message

#: Amounts said twice are two parts or a change of mind: asked, never one of them picked.
_AMOUNTS = ("compensation", "day_job_ss_wages", "employee_deferrals", "employer_contributions",
            "after_tax_so_far")


def _found_in(message: str, facts: Facts, *, bare_year: bool = False) -> list[_Found]:
    text = prepared(message)
    clauses = _clauses(text)
    found: dict[str, _Found] = {}
    where: dict[str, str] = {}  # the clause each fact was found in
    unclear: set[str] = set()
    year_found = None
    for clause in clauses:
        year_found = _tax_year(clause, bare=bare_year) or year_found
    year = int(year_found.stated.text) if year_found and year_found.stated.text.isdigit() else None
    solo = _solo_plan(text, facts)
    s_corp = facts.value("business_type") == "s_corp" or bool(re.search(r"\bs[\s-]?corp", text))
    parts = pay_parts(text) if solo is False else None  # "180k base + 20k bonus": the whole pay, in parts
    whole_pay_unread = solo is False and extra_pay_unread(text)  # "180k base, 15% bonus": asked
    employer: list[_Found] = []
    for clause in map(_same_subject, ["", *clauses[:-1]], clauses):
        readers: list[_Found | None] = [
            _tax_year(clause, bare=bare_year), _age(clause, facts, year),
            _pay(clause, solo=solo, s_corp=s_corp), _business_net(clause, solo=solo, s_corp=s_corp),
            _day_job_wages(clause, solo=solo), _deferrals(clause),
            _employer(clause), _cap(clause), _frequency(clause), _paychecks(clause),
            _plan_type(clause), *_features(clause),
        ]
        for item in (i for i in readers if i is not None):
            question = item.stated.question
            if question == "compensation" and (parts or whole_pay_unread):
                continue  # a part of the pay is not the whole
            employer += [item] if question == "employer_contributions" else []
            if question not in found:
                found[question] = item
                where[question] = clause
            elif question in _AMOUNTS or found[question].stated.text != item.stated.text:
                unclear.add(question)  # "11250 match, 11250 profit sharing": ask, never pick one
    for whole in (_employer_together(employer), _pay_in_parts(parts)):
        if whole is not None:  # "puts in 4%" and "matches 50% up to 6%"; "180k base + 20k bonus"
            found[whole.stated.question], where[whole.stated.question] = whole, whole.stated.said
            unclear.discard(whole.stated.question)
    for question in ("employee_deferrals", "plan_type"):
        if _day_job_deferral(where.get(question), text, facts):
            unclear.add(question)  # the day job's plan: asked at the day-job question and at the plan's own
    for question in _AMOUNTS:
        if question in found and question not in unclear:
            found[question] = _with_its_period(found[question], where[question])
    kept = (f for q, f in found.items() if q not in unclear)
    return sorted(kept, key=lambda f: UNDERSTOOD.index(f.stated.question))


#: A clause with no subject of its own that says what was given ("put in 4%", "also adds 3%").
_GIVING = re.compile(r"(?:also\s+)?(?:puts?|adds?|contribut\w*|gives?|kicks?)\b")


def _same_subject(before: str, clause: str) -> str:
    """'they match 50% up to 6% and put in 4%': the second clause's subject is the first's (the
    employer), never nobody's (a 4% then dropped) nor the person's."""
    if _GIVING.match(clause) and _about_employer_money(before) and not _about_employer_money(clause):
        return f"employer {clause}"
    return clause


def _pay_in_parts(parts: tuple[tuple[str, str], ...] | None) -> _Found | None:
    if not parts:
        return None
    said = pay_parts_text(parts)
    return _Found(Stated("compensation", said, said, False), cued=True)


def _employer_together(said: list[_Found]) -> _Found | None:
    """Employer money said twice as rates ("employer puts in 4%", "matches 50% up to 6%"): both
    parts as one answer ("4% plus 50% up to 6%"), which the employer question reads as a % of pay
    and a match, or asks; None when it was said once, or not as two rates."""
    texts = {f.stated.text for f in said}
    if len(said) != 2 or len(texts) != 2 or not all("%" in text for text in texts):
        return None
    first, second = (f.stated for f in said)
    return _Found(Stated("employer_contributions", f"{first.text} plus {second.text}",
                         f"{first.said} and {second.said}", first.inferred or second.inferred), cued=True)


_PERIOD = re.compile(
    r"^\s*(?:(?:in|into|to)\s+(?:my\s+|the\s+)?(?:401k|403b|plan)\s*)?"
    r"((?:/\s*|\b(?:a|an|per|each|every|every other)\s+)"
    r"(?:month|mo|pay ?check|check|pay ?period|pay ?day|week|wk|two weeks|2 weeks|fortnight)\b"
    r"|\b(?:monthly|bi-?weekly|weekly|semi-?monthly|twice a month|fortnightly)\b)"
)


def _with_its_period(item: _Found, clause: str) -> _Found:
    """'I put in 1k a month': the figure keeps its period ('1k a month'), so the answer reads it as
    $12,000 and confirms it, or asks for the year's total (per paycheck); never $1,000 a year."""
    at = clause.find(item.stated.said)
    if at < 0:
        return item
    period = _PERIOD.match(clause[at + len(item.stated.said):])
    if period is None:
        return item
    stated = item.stated
    return _Found(Stated(stated.question, f"{stated.text} {period[1]}", f"{stated.said} {period[1]}",
                         stated.inferred), item.cued)  # the answer's own reading asks it back


_OWN_BUSINESS = (r"\b(?:solo 401k|solo k|side (?:gig|hustle|business)|self[\s-]employed|my (?:own )?business|"
                 r"1099)\b")
_AT_A_JOB = r"\b(?:work|job|day job|w-?2|employer|company)\b"


def _day_job_deferral(clause: str | None, text: str, facts: Facts) -> bool:
    """'solo 401k ... putting 23.5k in the work 401k': deferrals at the day job, not the solo plan's."""
    if clause is None:
        return False
    # "day job pays me 150k and i defer 23.5k there": "there" is the job the message names
    there = bool(re.search(r"\bthere\b", clause)) and bool(re.search(_AT_A_JOB, text))
    if not (there or re.search(_AT_A_JOB, clause)):
        return False
    return facts.value("plan_type") == "solo401k" or bool(re.search(_OWN_BUSINESS, text))


def stated_facts(message: str, facts: Facts) -> list[Stated]:
    """Every fact a free-form message states, for any question, in the interview's order:
    "I'm 45, make 450k, maxing my 401k, employer adds 22.5k" -> age 45, pay 450k, deferrals max
    (inferred: confirm), employer 22500, plan type 401(k)."""
    return [f.stated for f in _found_in(message, facts)]


# ---------------------------------------------------------------- corrections

_BACK = frozenset(key(w) for w in (
    "back", "go back", "undo", "undo that", "previous", "previous question", "go back one", "oops go back",
    "wait go back", "back please", "go back please", "undo please", "take that back", "undo last",
))
_CORRECTION = re.compile(
    r"\b(?:i meant|meant|actually|correction|sorry|oops|wait|instead|should have said|make that|"
    r"i said wrong|not \S+ but|no wait|typo)\b"
)
_TOPICS = {
    "age": r"age|old",
    "compensation": r"pay|salary|income|comp|compensation|wages|earnings|profit",
    "employee_deferrals": r"deferrals?|deferral|contributions?|401k contributions?",
    "employer_contributions": r"employer(?: money| contributions?| match)?|match|company match|"
                              r"profit sharing",
    "tax_year": r"tax year|year",
    "pay_frequency": r"pay frequency|frequency|pay schedule",
    "pay_periods_remaining": r"paychecks(?: left)?|pay periods",
    "after_tax_cap_percent": r"cap|after-tax cap",
    "plan_type": r"plan type|plan",
}


def _change_to(text: str) -> Correction | None:
    """'change my age to 52', 'set pay to 300k', 'my pay should be 300k'."""
    for question, words in _TOPICS.items():
        change = rf"\b(?:change|set|update|fix|make)\s+(?:my\s+|the\s+)?(?:{words})\s+(?:to|=|:)\s*(.+)$"
        should = rf"\b(?:my\s+|the\s+)(?:{words})\s+(?:should be|is actually|is really)\s+(.+)$"
        found = re.search(change, text) or re.search(should, text)
        if found:
            return Correction(question, found[1].strip())
    return None


def correction_in(message: str, facts: Facts) -> Correction | None:
    """'wait, I meant 2025' -> tax year 2025; 'actually my pay is 300k'; 'change my age to 52';
    'go back' / 'undo' -> Correction(None, None). None when the message corrects nothing."""
    if key(message) in _BACK:
        return Correction(None, None)
    text = prepared(message)
    changed = _change_to(text)
    if changed is not None:
        return changed
    marker = _CORRECTION.search(text)
    if marker is None:
        return None
    before, after = text[: marker.start()], text[marker.end():]
    found = _found_in(after, facts, bare_year=True)
    bare = _bare_correction(after)
    earlier = _found_in(before, facts)
    if not found and bare is not None and bare.text is not None and earlier:  # "I'm 45, no wait, 46"
        return Correction(earlier[-1].stated.question, bare.text)
    found = found or _found_in(message, facts, bare_year=True)
    if found:
        return Correction(found[-1].stated.question, found[-1].stated.text)
    return bare or _bare_correction(text)


def _bare_correction(text: str) -> Correction | None:
    """'oops, I meant 45k' (the last answer, new figure); 'wait, go back' (undo)."""
    figure = re.search(rf"{_MONEY}|{_PERCENT}", text)
    if figure is not None:
        return Correction(None, figure[0].strip())
    return Correction(None, None) if re.search(r"\b(?:go back|undo|back)\b", text) else None


def meant_for_another(question: str, message: str, facts: Facts) -> Stated | Correction | None:
    """A message typed at ``question`` that answers another one ("oops, I meant 2025" at deferrals):
    what it was, or None when it may be this question's answer."""
    if question not in UNDERSTOOD:
        return None
    correction = correction_in(message, facts)
    if correction is not None and correction.question is None and _changed_mind(message, facts) is not None:
        return None  # "5k no wait 6k": this question's answer, changed within the message
    if correction is not None:  # "oops, I meant 45k": the last answer, not this one (ask which)
        return None if correction.question == question else correction
    found = _found_in(message, facts)
    if any(f.stated.question == question for f in found) or _opening_answer(question, message, facts):
        return None
    cued = [f for f in found if f.cued]
    return cued[0].stated if cued else None


def own_part(question: str, message: str, facts: Facts) -> str:
    """The part of a message that answers ``question`` when it states other facts too: its opening
    ("450k, I'm 45" at the pay question: "450k"; "yes, up to 10% after-tax" at the after-tax
    question: "yes"), or this question's fact among others ("I'm 45 and make 450k": "450k").
    Otherwise the message itself. The other facts are for stated_facts."""
    if question not in UNDERSTOOD:
        return message
    changed = _changed_mind(message, facts)
    if changed is not None:
        return changed
    opening = _opening_answer(question, message, facts)
    if opening is not None:
        return opening
    found = _found_in(message, facts)
    own = [f.stated.text for f in found if f.stated.question == question]
    return own[0] if own and len(found) > 1 else message


def _changed_mind(message: str, facts: Facts) -> str | None:
    """'5k no wait 6k', '5k, sorry, 6k': a figure, a correction word, a figure of no other question:
    the person changed their answer to this question within the message; the last figure."""
    text = prepared(message)
    marker = _CORRECTION.search(text)
    if marker is None:
        return None
    before, after = text[: marker.start()], text[marker.end():]
    if not re.search(r"\d", before) or _found_in(before, facts) or _found_in(after, facts, bare_year=True):
        return None
    figures = re.findall(rf"{_PERCENT}|{_MONEY}", after)
    return figures[-1].strip() if figures else None


def _opening_answer(question: str, message: str, facts: Facts) -> str | None:
    """The first clause, when more follow and it names no other question: a figure or a choice word.
    None when a later clause holds a figure of no other question ("5k, no 6k": which one?)."""
    parts = _clauses(prepared(message))
    if len(parts) < 2 or _found_in(parts[0], facts):
        return None
    if any(re.search(r"\d", part) and not _found_in(part, facts) for part in parts[1:]):
        return None
    first = parts[0]
    words = CHOICE_KEYS.get(question, {})
    if re.search(r"\d", first) or key(first) in YES_NO_UNSURE_KEYS or key(first) in words:
        return first
    return None


# ---------------------------------------------------------------- questions about words

@dataclass(frozen=True)
class _Term:
    term: str
    aliases: tuple[str, ...]
    lines: tuple[str, ...]
    source: str | None


@cache
def _glossary() -> tuple[tuple[_Term, ...], dict[str, dict[str, Any]]]:
    raw = json.loads(resources.files("flows").joinpath("data/glossary.json").read_text(encoding="utf-8"))
    terms = tuple(_Term(t["term"], tuple(t["aliases"]), tuple(t["lines"][:3]), t["source"])
                  for t in raw["terms"])
    return terms, raw["why"]


_ASKING = re.compile(
    r"^(?:(?:so|and|but|sorry|wait|hm+|um+|idk|i dont know|dunno|no idea)[\s,]+)?"
    r"(?:what(?:s| is| are| does| do)|whats|wat|wht|what\b(?=.*\b(?:means?|is|are)\s*\??$)|"
    r"define|explain|meaning of|what do you mean by|is (?:this|that|it) the same as|same as|how is|how does|"
    r"is that|isnt (?:this|that|it)|why do you (?:need|ask|want)|"
    r"why (?:does|do) (?:you|it) (?:need|matter|ask)|"
    r"why|huh)\b"
)
_WHY = re.compile(r"\bwhy\b.*?\b(?:need|ask|asking|want|matter|matters|important)\b"
                  r"(?:\s+(?:about|for|to know))?"
                  r"\s+(?:my\s+|the\s+|about\s+)?(.+)$")


def _why(text: str) -> Explanation | None:
    from flows.questions import BY_ID

    found = _WHY.search(text)
    if found is None:
        return None
    _terms, why = _glossary()
    subject = found[1].strip(" ?.!")
    names = {qid: f"{BY_ID[qid].label} {entry['term']}".lower() for qid, entry in why.items()}
    best = process.extractOne(subject, names, scorer=fuzz.partial_ratio, score_cutoff=75)
    if best is None:
        return None
    qid = best[2]
    return Explanation(why[qid]["term"], (BY_ID[qid].why,), why[qid]["source"])


#: A question about the question on screen, naming no word of it: "idk what that means", "huh?".
_ABOUT_THIS = re.compile(
    r"^(?:(?:idk|i dont know|dunno|not sure|sorry|um+|hm+|uh+|so|wait)\s*,?\s*)?"
    r"(?:what (?:does|do) (?:that|this|it) mean|what (?:that|this|it) means|what(?:s| is) (?:that|this)|"
    r"what do (?:you|u) mean|(?:i )?(?:dont|do not) (?:get|understand)(?: (?:it|that|this|the question))?|"
    r"huh|what|wdym|meaning)$")


def asks_about_this(message: str) -> bool:
    """'idk what that means', 'what does that mean?', 'huh?': the question on screen asked about,
    never an answer to it (not 'not sure')."""
    return bool(_ABOUT_THIS.search(_plain(message).replace("?", " ").strip(" .!")))


def question_in(message: str) -> Explanation | None:
    """'what's an SPD?', 'what does in-plan conversion mean?', 'is this the same as Roth 401k?',
    'why do you need my age?': a glossary answer (at most three lines), or None if not asked."""
    text = _plain(message).replace("?", " ? ").strip()
    text = re.sub(r"\s+", " ", text)
    if not (_ASKING.search(text) or text.endswith("?")):
        return None
    why = _why(text)
    if why is not None:
        return why
    if re.search(r"\b\d", re.sub(r"\b(?:401|403|457|415|402)\s?\(?[a-z]?\)?", "", text)):
        return None  # a figure with a question mark ("45?") is an answer, not a question
    subject = re.sub(r"^.*?\b(?:what(?:s| is| are| does| do)|whats|wat|define|explain|meaning of|"
                     r"what do you mean by|same as|how is|how does|"
                     r"what(?=.*\b(?:means?|is|are)\s*\??$))\b", "", text)
    subject = re.sub(r"\b(?:an?|the|mean|means|meaning|stand for|exactly|\?)\b|\?", " ", subject).strip()
    subject = re.sub(r"\s(?:is|are)$", "", subject)  # "what an SPD is"
    if _COMPARING.search(text) and re.search(r"\broth\b", text) and re.search(r"\bafter[\s-]?tax\b", text):
        return _term("roth 401k")  # "difference between roth and after-tax?": it contrasts them
    return _term(subject or text)


_COMPARING = re.compile(r"\b(?:differen\w*|vs|versus|same|compare\w*)\b")


def _term(subject: str) -> Explanation | None:
    terms, _why_entries = _glossary()
    names = {(i, alias): alias
             for i, term in enumerate(terms) for alias in (term.term.lower(), *term.aliases)}
    best = process.extractOne(subject, names, scorer=fuzz.WRatio, score_cutoff=86)
    if best is None:
        return None
    term = terms[best[2][0]]
    return Explanation(term.term, term.lines, term.source)
