"""Turning what the user typed or tapped into a stored, JSON-safe answer, a specific refusal, or a
question back ("Did you mean $450,000?") when the text could mean two things or looks wrong."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from rapidfuzz.distance import DamerauLevenshtein

from flows.conditions import max_paychecks
from flows.facts import ELSEWHERE, Facts
from flows.money_words import money
from flows.parse import (
    Confirm,
    ParseError,
    is_max,
    is_skip,
    is_unsure,
    normalize,
    parse_match,
    parse_percent,
    parse_whole,
    read_money,
    spoken_match,
    words_to_digits,
)
from flows.plausible import check_age, check_cap, check_money
from flows.questions import Choice, Kind, Question, paychecks_left_from, paychecks_out_of_range
from flows.understand import (
    employer_parts,
    extra_pay_unread,
    hedged,
    meant_for_another,
    own_part,
    pay_frequency_in,
    pay_parts,
    prepared,
)
from flows.vocabulary import (
    ALL_KEYS,
    CHOICE_KEYS,
    CHOICE_PHRASES,
    NO_KEYS,
    REST_KEYS,
    SKIP_KEYS,
    UNSURE_KEYS,
    YEAR_KEYS,
    YEAR_WORDS,
    YES_KEYS,
    YES_NO_UNSURE_KEYS,
    YES_NO_UNSURE_PHRASES,
    find_phrase,
    key,
    words_of,
)
from rules.contributions import deferrals_for_percent, pay_from_parts
from rules.limits import limits_for
from rules.models import PAY_PERIODS_PER_YEAR, PayFrequency

SKIPPED = None
#: "Not sure" where an assumption can stand in (employer money, paychecks left): never stored as such;
#: accept() raises NotSure, and the interview says what it assumes instead.
NOT_SURE = "not sure"


class NotSure(ParseError):  # noqa: N818 (a signal, like Confirm: the interview assumes and says so)
    """'not sure' at a question where an assumption can stand in. A ParseError (asked again, with
    ``str()`` as the reason) to a caller that does not assume; ``question`` says where it was said."""

    value = NOT_SURE

    def __init__(self, question: str, reason: str) -> None:
        super().__init__(reason)
        self.question = question


class OtherAnswer(ParseError):  # noqa: N818 (a refusal that names the question it answers)
    """The message answers another question ("oops, I meant 2025" at the deferrals question): never
    taken as this one's answer. ``meant`` says what it was (a flows.understand Stated or Correction)."""

    def __init__(self, message: str, meant: Any) -> None:
        super().__init__(message)
        self.meant = meant
LATEST_KEYS = frozenset(key(w) for w in ("latest", "the latest", "latest published", "newest", "most recent"))


def _by_label(options: tuple[Choice, ...], wanted: str, *, numbered: bool = True) -> str | None:
    """The choice whose value or label this is (or its menu number, where the menu shows numbers)."""
    for index, choice in enumerate(options, start=1):
        if wanted in (key(choice.value), key(choice.label)) or (numbered and wanted == str(index)):
            return choice.value
    return None


def _tax_year(wanted: str, facts: Facts) -> str | None:
    if wanted in YEAR_KEYS:
        return str(facts.today.year + YEAR_KEYS[wanted])
    digits = "".join(ch for ch in wanted if ch.isdigit())
    if len(digits) == 2:
        return f"20{digits}"
    return digits if len(digits) == 4 else None


def _tax_year_in(text: str, facts: Facts) -> str | None:
    text = words_to_digits(normalize(text))  # "twenty twenty five"
    phrases = {words_of(w): str(facts.today.year + o) for w, o in YEAR_WORDS.items() if " " in w}
    found = find_phrase(text, phrases)  # "this year please": several words, never a lone "now"
    years = re.findall(r"\b20\d\d\b", text)
    return found or (years[0] if len(years) == 1 else None)


def _word(question: Question, wanted: str, facts: Facts) -> str | None:
    """The stored value an everyday word stands for at this question, if any."""
    if question.id == "tax_year":
        return _tax_year(wanted, facts)
    found = CHOICE_KEYS.get(question.id, {}).get(wanted)
    if found is not None:
        return found
    yes_no = YES_NO_UNSURE_KEYS.get(wanted)
    if question.id == "verdict" and yes_no == "yes":
        return "continue"
    return yes_no


#: "no day job", "no match": a yes or no about something another question asks, not this one's answer.
_ABOUT_ANOTHER = re.compile(r"\b(?:no|yes)\s+(?:(?:w-?2\s+)?day[\s-]?job|other job|second job|"
                            r"side (?:gig|business)|cap|match|employer|bonus|ira|roth ira|pre-?tax ira)\b")


def _in_sentence(question: Question, text: str, options: tuple[Choice, ...]) -> str | None:
    """A choice named inside a longer answer: "it's a 403b", "yes I think so", "this year please"."""
    if any(c.value == "unsure" for c in options) and _ABOUT_ANOTHER.search(normalize(text)):
        return None
    phrases = {words_of(c.label): c.value for c in options} | {words_of(c.value): c.value for c in options}
    phrases |= CHOICE_PHRASES.get(question.id, {})
    if question.id == "verdict":
        phrases |= {p: "continue" for p, v in YES_NO_UNSURE_PHRASES.items() if v == "yes"}
    elif any(c.value == "unsure" for c in options) or question.id == "extras_offer":
        phrases = YES_NO_UNSURE_PHRASES | phrases
    return find_phrase(text, phrases)


def _choice(question: Question, text: str, facts: Facts) -> str | None:
    options = question.options(facts)
    wanted = key(text)
    values = {c.value for c in options}
    found = _by_label(options, wanted) or _word(question, wanted, facts)
    if found is None and question.id == "tax_year":
        found = options[0].value if wanted in LATEST_KEYS else _tax_year_in(text, facts)
    elif found is None:
        found = _in_sentence(question, text, options)
    if found is None and question.id == "pay_frequency":
        found = pay_frequency_in(text)
    if found is None:
        found = _typo(question, wanted, options)
    if found is None and question.skippable and wanted in SKIP_KEYS | UNSURE_KEYS:
        found = "skip"
    if found in values:
        return None if found == "skip" else found
    if question.id == "tax_year" and found is not None:
        years = ", ".join(c.value for c in options)
        raise ParseError(f"I have the IRS limits for {years} only; which of those?")
    labels = ", ".join(c.label for c in options)
    if any(c.value == "unsure" for c in options) and _ABOUT_ANOTHER.search(normalize(text)):
        raise ParseError(f"That sounds like the answer to another question. Here, please type one of: "
                         f"{labels}.")
    raise ParseError(f"Please tap a button or type one of: {labels}.")


#: Every word some question takes: a word of its own is never read as a typo of another.
KNOWN_WORDS = frozenset(
    YES_KEYS | NO_KEYS | UNSURE_KEYS | SKIP_KEYS | ALL_KEYS | REST_KEYS | frozenset(YEAR_KEYS)
    | frozenset(w for table in CHOICE_KEYS.values() for w in table)
)


def _typo(question: Question, wanted: str, options: tuple[Choice, ...]) -> str | None:
    """A typo of one word this question takes ('yse', 'noo', 'montly'), by edit distance (rapidfuzz);
    None when no word is that close, the closest ones mean different things, or the text is a word
    of its own ('none' is not a typo of 'done'). A short word keeps its first letter ('yse', 'noo')."""
    if len(wanted) < 3 or wanted.isdigit() or question.kind is Kind.CHECKPOINT or wanted in KNOWN_WORDS:
        return None
    words = {key(c.label): c.value for c in options} | {key(c.value): c.value for c in options}
    words |= CHOICE_KEYS.get(question.id, {})
    if any(c.value == "unsure" for c in options):
        words |= YES_NO_UNSURE_KEYS
    words = {w: v for w, v in words.items() if len(w) >= 2 and not w.isdigit()}
    allowed = 1 if len(wanted) <= 5 else 2
    near = {v for w, v in words.items()
            if DamerauLevenshtein.distance(wanted, w, score_cutoff=allowed) <= allowed
            and (len(wanted) > 5 or w[0] == wanted[0])}
    return near.pop() if len(near) == 1 else None


def _skip_or(question: Question, text: str) -> bool:
    return question.skippable and (is_skip(text) or is_unsure(text))


def _says_max(text: str) -> bool:
    """'maxing out my 401k', 'I max my 401(k)', 'whatever the limit is': the maximum, without a figure."""
    cleaned = prepared(text)
    if re.search(r"\bnot (?:the )?max", cleaned):
        return False
    said = re.search(r"\bmax(?:ing|ed|imum|imize|imi[sz]ing)?\b|\b(?:full|whole) (?:amount|limit)\b|"
                     r"\bwhatever the (?:limit|max|maximum) is\b|\bup to the (?:limit|max)\b|\bthe most\b",
                     cleaned)
    return bool(said) and not re.search(r"\$|\d+\s*k\b|\d{3}|%",
                                        re.sub(r"\b(?:401k|403b|457b)\b", "", cleaned))


MAX_ANSWERS = ("employee_deferrals", *ELSEWHERE)


def _money(question: Question, text: str, facts: Facts) -> str | None:
    if _skip_or(question, text):
        return SKIPPED
    if question.id in MAX_ANSWERS and (is_max(text) or _says_max(text)):
        return "max"
    if question.id in ELSEWHERE and key(text) in YES_KEYS:
        raise ParseError("How much do you defer there this year? A dollar amount (e.g. 24,500), "
                         "or 'the maximum'.")
    if is_unsure(text) or is_skip(text):
        raise ParseError("I need this one to work out your room; an estimate is fine, e.g. 23,500.")
    if question.id == "after_tax_so_far" and (is_max(text) or _PAYCHECK_WORDS.search(normalize(text))):
        raise ParseError(_so_far_words(facts))
    if question.id == "employee_deferrals":
        _deferral_percent(text, facts)
    if question.id == "compensation":
        _pay_in_parts(text, facts)
    amount = read_money(text)
    if amount.ambiguous:
        check_money(question.id, amount.value, facts)  # "185,00" as pay: "$185 a year? ... $185,000?" first
        per = f" ({money(amount.value / 12)} a month × 12)" if amount.monthly else ""
        raise Confirm(f"Did you mean {money(amount.value)}{per}?",
                      ((str(amount.value), f"Yes, {money(amount.value)}"),))
    check_money(question.id, amount.value, facts)
    return str(amount.value)


def _pay_in_parts(text: str, facts: Facts) -> None:
    """Pay said in parts ("180k base + 20k bonus"): the engine's sum, asked back with its parts
    ("Pay: $200,000 (base $180,000 + bonus $20,000), right?"); never one part taken as the whole."""
    parts = pay_parts(text)
    if parts is None and extra_pay_unread(text):  # "180k plus bonus": the base is not the year's pay
        raise ParseError("Your pay includes any bonus or commission: type the year's total with it (e.g. "
                         "200,000), or its parts (e.g. 180k base + 20k bonus).")
    if parts is None:
        return
    amounts = tuple((label, read_money(figure)) for label, figure in parts)
    if any(amount.ambiguous for _label, amount in amounts):
        raise ParseError("I need your pay as one amount for the year (base and bonus together), "
                         "e.g. 200,000.")
    total = pay_from_parts(tuple(amount.value for _label, amount in amounts))
    check_money("compensation", total, facts)
    said = " + ".join(f"{label} {money(amount.value)}" for label, amount in amounts)
    raise Confirm(f"Pay: {money(total)} ({said}), right?", ((str(total), f"Yes, {money(total)}"),))


# "all", "every paycheck", "26 paychecks": an answer to how many paychecks, not to how much went in
_PAYCHECK_WORDS = re.compile(r"\b(?:pay ?checks?|checks?|paydays?|pay periods?|every|each)\b")


def _so_far_words(facts: Facts) -> str:
    year = facts.planned_year
    closed = (f" ({year}'s paychecks are over, so I don't ask how many are left.)"
              if facts.year_closed else "")
    return (f"How much is that in dollars? I need the after-tax money already in for {year} (your plan "
            f"statement shows it), or None.{closed}")


_PERCENT_OF_PAY = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|percent\b)")


def _deferral_percent(text: str, facts: Facts) -> None:
    """Deferrals typed as a % of pay ("10%", "10 percent of pay"): the engine's dollars for that %
    of pay (capped at 401(a)(17)), asked back before they are kept; without pay (or payroll) yet,
    the dollars are asked for."""
    cleaned = words_to_digits(normalize(text))
    found = _PERCENT_OF_PAY.findall(cleaned)
    if not found or "$" in cleaned:
        return
    if len(found) > 1:
        raise ParseError("Two percentages: which one do you defer? One, e.g. 10%, or the dollars.")
    if facts.is_sole_prop:
        raise ParseError("With no payroll to elect a % on, I need the dollars you'll defer for the year, "
                         "e.g. 20,000.")
    pay = facts.pay
    if pay is None:
        raise ParseError("A % of pay needs your pay, which I don't have yet: type your deferrals in dollars "
                         "for the year, e.g. 20,000.")
    rate = parse_percent(found[0] + "%")
    limits = limits_for(facts.tax_year)
    dollars = deferrals_for_percent(limits, pay, rate)
    counted = f"your pay up to the 401(a)(17) limit, {money(limits.compensation_limit)}" \
        if pay > limits.compensation_limit else f"your {money(pay)} pay"
    said = f"{rate:g}% of {counted} is {money(dollars)} for {facts.planned_year}"
    room = facts.deferral_room_here
    if dollars > room:
        raise Confirm(f"{said}, above your {money(room)} deferral limit; payroll usually stops there. "
                      f"Use {money(room)}?", ((str(room), f"Yes, {money(room)}"),
                                              (str(dollars), f"No, {money(dollars)}")))
    raise Confirm(f"{said}. Right?", ((str(dollars), f"Yes, {money(dollars)}"),))


def _percent(question: Question, text: str, facts: Facts) -> str | None:
    if _skip_or(question, text):
        return SKIPPED
    upper = Decimal(question.high) if question.high else Decimal(100)
    figures = re.findall(r"\d+(?:\.\d+)?\s*%", words_to_digits(normalize(text)).replace(" percent", "%"))
    value = parse_percent(figures[0] if len(figures) == 1 else text, upper=upper)
    if question.id == "after_tax_cap_percent":
        check_cap(value, facts)
    return str(value)


def _paychecks(text: str, facts: Facts) -> int | None:
    raw = facts.value("pay_frequency")
    if raw is None:
        return None
    wanted = key(text)
    per_year = PAY_PERIODS_PER_YEAR[PayFrequency(raw)]
    if wanted in ALL_KEYS:
        return per_year
    if wanted in REST_KEYS:
        return paychecks_left_from(facts, per_year)
    return None


def _whole(question: Question, text: str, facts: Facts) -> int | None:
    if _skip_or(question, text):
        return SKIPPED
    if question.id == "pay_periods_remaining":
        if is_unsure(text) or key(text) in EMPLOYER_UNSURE:
            raise NotSure("pay_periods_remaining", "An estimate is fine: a whole number, or tap a button.")
        chosen = _paychecks(text, facts)
        if chosen is not None:
            return chosen
    born = re.search(r"\bborn (?:in )?((?:19|20)\d\d)\b", words_to_digits(normalize(text)))
    if question.id == "age" and born:
        text = str(facts.tax_year - int(born[1]))
    if question.id == "pay_periods_remaining":
        return _paychecks_typed(question, text, facts)
    what = "your age" if question.id == "age" else question.name(facts).lower()
    if question.id == "age":
        try:  # a wide range first, so that a birth year typed as the age can be offered as an age
            typed = parse_whole(text, low=0, high=9999, what=what)
        except ParseError:  # unreadable: say it with the age's own range, not 0-9999
            parse_whole(text, low=question.low, high=question.high, what=what)
            raise
        check_age(typed, facts)
    return parse_whole(text, low=question.low, high=question.high, what=what)


def _paychecks_typed(question: Question, text: str, facts: Facts) -> int:
    """A count of paychecks (a sole proprietor's contributions) within what the schedule chosen
    holds in a year; beyond it, the bound in the person's own terms."""
    what = question.name(facts).lower()
    try:  # a wide range first, so that a count beyond the schedule is told in the person's terms
        value = parse_whole(text, low=0, high=9999, what=what)
    except ParseError:  # unreadable: its example from this question's own range, not 0-9999
        parse_whole(text, low=question.low, high=max_paychecks(facts), what=what)
        raise
    if not question.low <= value <= max_paychecks(facts):
        raise ParseError(paychecks_out_of_range(facts))
    return value


_NO_EMPLOYER_MONEY = frozenset(key(w) for w in (
    "none", "0", "no", "nothing", "no match", "zero", "nada", "they dont", "none at all", "nope", "nah",
    "no employer match", "no contribution", "n/a",
))


EMPLOYER_UNSURE = frozenset(key(w) for w in (
    "not sure", "im not sure", "no idea", "dont know", "i dont know", "idk", "unsure", "not sure yet",
    "not sure how much", "no clue", "dunno", "not certain", "depends", "it varies", "varies",
))


def _employer(text: str, facts: Facts) -> Any:
    cleaned = normalize(text)
    if is_max(cleaned):
        if facts.is_solo:
            return "max"
        raise ParseError("Enter your employer's contribution in dollars, a % of pay, or a formula.")
    if key(cleaned) in _NO_EMPLOYER_MONEY:
        return {"dollars": "0"}
    cleaned = spoken_match(cleaned)  # "50 cents on the dollar up to 6%", "half of what I put in ..."
    combined = _combined_formula(cleaned)
    if combined is not None:
        return combined
    formula = parse_match(re.sub(r"^[a-z' ]+(?=\d)", "", cleaned))  # "they match 50% up to 6%"
    if formula is not None:
        return _match_reading(formula.match_percent, formula.up_to_percent, "match" in cleaned)
    if "%" in cleaned or "percent" in cleaned:
        return _percent_reading(cleaned)
    if is_unsure(cleaned) or key(cleaned) in EMPLOYER_UNSURE:
        raise NotSure("employer_contributions",
                      "An estimate is fine: dollars (e.g. 12,000), 5%, or '50% up to 6%'.")
    parts = employer_parts(cleaned)  # "11250 match plus 11250 profit sharing"
    try:
        amount = read_money(parts if parts is not None else cleaned)
    except ParseError:
        if facts.is_solo:  # the business's own profit-sharing: no match formula to offer
            raise ParseError("I need dollars (e.g. 12,000), or 'the maximum' the business can put "
                             "in.") from None
        raise ParseError(
            "I need dollars (e.g. 12,000), a % of pay (e.g. 5%), or a match formula "
            "(e.g. 50% up to 6%)."
        ) from None
    if amount.ambiguous:
        check_money("employer_contributions", amount.value, facts)  # "22,50": "$22.50 ... or 22.5%?" first
        raise Confirm(f"Did you mean {money(amount.value)}?",
                      (({"dollars": str(amount.value)}, f"Yes, {money(amount.value)}"),))
    check_money("employer_contributions", amount.value, facts)
    return {"dollars": str(amount.value)}


_PARTS = re.compile(r"\s*(?:\bplus\b|\band\b|\+|,|;|\bthen\b)\s*")
_NEXT_TIER = re.compile(
    r"^(?P<rate>\d+(?:\.\d+)?)\s*%\s*(?:match\s*)?(?:of|on)\s*(?:the\s*)?next\s*(?P<width>\d+(?:\.\d+)?)\s*%"
    r"(?:\s*of\s*(?:pay|salary|compensation))?$")
_NONELECTIVE = re.compile(
    r"^(?:a\s*)?(?P<rate>\d+(?:\.\d+)?)\s*%\s*(?:of\s*(?:pay|salary)\s*)?(?:as\s*(?:a\s*)?)?"
    r"(?:safe[\s-]*harbou?r|profit[\s-]*sharing|non[\s-]*elective|nonelective|employer contribution)"
    r"(?:\s*(?:contribution|nonelective|non-elective))?$")
#: A % of pay said bare beside a match formula ("puts in 4% and matches 50% up to 6%").
_OF_PAY = re.compile(r"^(?P<rate>\d+(?:\.\d+)?)\s*%(?:\s*of\s*(?:my\s*)?(?:pay|salary|compensation))?$")
_WHO = r"(?:(?:my|the|our)\s+)?(?:employer|company|hospital|university|college|school|firm|they|it|work|job)?"
#: The words before a part: who gives ("employer puts in", "they add a"), or who matches ("matches").
_GIVES = re.compile(rf"^{_WHO}\s*(?:also\s+)?(?:puts? in|contributes?|adds?|gives?|kicks? in|pays? in|does)?"
                    r"\s*(?:an?\s+|another\s+)?(?:flat\s+)?")
_MATCHES = re.compile(rf"^{_WHO}\s*(?:also\s+)?(?:match(?:es)?|matching)(?:\s+(?:is|of))?\s*(?:an?\s+)?")
MAX_TIERS = 3


def _combined_formula(cleaned: str) -> dict[str, str] | None:
    """'100% of the first 3% plus 50% of the next 2%' (tiers), '3% safe harbor' (a nonelective %
    of pay), '50% up to 6% plus 5% profit sharing', 'employer puts in 4% and matches 50% up to 6%'
    (both): the stored answer, or None when the text is not such a formula (read by the other
    readers). A bare % beside a match formula is of pay; a bare % alone is left to the others."""
    parts = [p for p in _PARTS.split(cleaned.replace("percent", "%")) if p]
    tiers: list[tuple[str, str]] = []
    nonelective: str | None = None
    bare = False
    for said in parts:
        matches = _MATCHES.match(said)
        part = said[matches.end():] if matches else _GIVES.sub("", said)
        first, following, flat = parse_match(part), _NEXT_TIER.match(part), _NONELECTIVE.match(part)
        of_pay = None if matches else _OF_PAY.match(part)  # "matches 4%" is no % of pay
        flat_rate = flat or of_pay
        if first is not None and not tiers:
            tiers.append((str(first.match_percent), str(first.up_to_percent)))
        elif following is not None and tiers and len(tiers) < MAX_TIERS:
            tiers.append((following["rate"], following["width"]))
        elif flat_rate is not None and nonelective is None and not matches:
            nonelective, bare = flat_rate["rate"], flat is None
        else:
            return None
    if (nonelective is None and len(tiers) < 2) or (bare and not tiers):  # the match readers ask if unclear
        return None
    answer = {"percent": nonelective} if nonelective is not None else {}
    for n, (rate, width) in enumerate(tiers, start=1):
        suffix = "" if n == 1 else f"_{n}"
        answer |= {f"match{suffix}": rate, f"up_to{suffix}": width}
    return answer


def _percent_reading(cleaned: str) -> dict[str, str]:
    """'5%' is 5% of pay ('3% nonelective' too); '4% match' could be 4% of pay or a match of what
    you put in up to 4%."""
    words = re.sub(r"\bmatch(?:es|ing)?\b", " ", cleaned)
    single = re.findall(r"\d+(?:\.\d+)?\s*%", words)
    percent = parse_percent(single[0] if len(single) == 1 else words)
    if words == cleaned:
        return {"percent": str(percent)}
    raise Confirm(
        f"Which is it: your employer matches what you put in, up to {percent:g}% of your pay, or adds "
        f"{percent:g}% of your pay whatever you put in?",
        (({"match": "100", "up_to": str(percent)}, f"Matches up to {percent:g}%"),
         ({"percent": str(percent)}, f"{percent:g}% of my pay")),
    )


def _match_reading(rate: Decimal, cap: Decimal, said_match: bool) -> dict[str, str]:
    """'50% up to 6%' is a match formula; '5% match up to 6%' could also mean 5% of pay."""
    formula = {"match": str(rate), "up_to": str(cap)}
    if rate >= 25 or not said_match:
        return formula
    raise Confirm(
        f"Which is it: your employer adds {rate:g}% of what you put in (on up to {cap:g}% of your pay), "
        f"or {rate:g}% of your pay?",
        ((formula, f"{rate:g}% of what I put in"), ({"percent": str(rate)}, f"{rate:g}% of my pay")),
    )


def accept(question: Question, text: str, facts: Facts) -> Any:
    """The stored answer for ``text``; ParseError with a specific reason (OtherAnswer when it answers
    another question); or Confirm (``hedged`` when read from "yes I think", "probably 450k").
    NotSure (a ParseError) where an assumption can stand in (employer money, paychecks left)."""
    _not_for_another(question, text, facts)
    own = own_part(question.id, text, facts)  # "450k, I'm 45" at the pay question: "450k"
    if hedged(text) and question.kind is not Kind.CHECKPOINT:
        return _hedged(question, own, facts)
    return _read(question, own, facts)


def _not_for_another(question: Question, text: str, facts: Facts) -> None:
    meant = meant_for_another(question.id, text, facts)
    if meant is None:
        return
    from flows.questions import BY_ID

    other = meant.question
    about = f"your {BY_ID[other].label.lower().removeprefix('your ')}" if other else "an earlier answer"
    hint = question.hint_text(facts) or "Please answer this question first."
    raise OtherAnswer(f"That sounds like {about}, not the answer here. {hint}", meant)


_SURE_AGAIN = (
    (re.compile(r"\b(?:(?:i )?dont think(?: so| they do| it does| they allow (?:it|that)| it is|"
                r" its allowed)?|"
                r"probably not|likely not|i think not|"
                r"i believe not|i doubt it|doubt it)\b"), " no "),
    (re.compile(r"\b(?:i think so|i believe so|i guess so|probably so|i suppose so|pretty sure it does|"
                r"i think it does|i believe it does|pretty sure)\b"), " yes "),
)


def _unhedged(text: str) -> str:
    """'yes I think' -> 'yes'; 'I think so' -> 'yes'; 'I don't think so' -> 'no'; 'probably' -> 'yes'."""
    cleaned = normalize(text).replace("'", "").replace("’", "")
    for pattern, meaning in _SURE_AGAIN:
        cleaned = pattern.sub(meaning, cleaned)
    bare = _HEDGE_WORDS.sub(" ", cleaned).strip(" ,.!")
    if not bare and re.search(r"\b(?:probably|likely|i think|i believe|should)\b", cleaned):
        return "yes"
    return bare or cleaned


_HEDGE_WORDS = re.compile(
    r"\b(?:i think|i believe|i guess|probably|prob|likely|pretty sure|fairly sure|im pretty sure|maybe|"
    r"might be|should be|iirc|if i remember(?: right| correctly)?|not 100% sure|not totally sure|i suppose|"
    r"presumably|apparently|i reckon|it|does|is)\b"
)


def _hedged(question: Question, text: str, facts: Facts) -> Any:
    """A hedged answer is read as if said plainly, then asked back: "Just to check, ...: Yes?"."""
    plain = _unhedged(text) if question.kind is Kind.CHOICE else text
    if key(plain) in UNSURE_KEYS or key(text) in UNSURE_KEYS:
        return _read(question, text, facts)
    value = _read(question, plain, facts)
    if value is None or value == "unsure":
        return value
    from flows.screens import describe_answer

    shown = describe_answer(question, Facts({**facts.answers, question.id: value}, facts.today))
    keep = "Yes" if key(shown) in YES_KEYS else f"Yes, {shown}"  # never "Yes, Yes"
    raise Confirm(f"Just to check, {question.name(facts).lower()}: {shown}?", ((value, keep),), hedged=True)


def _read(question: Question, text: str, facts: Facts) -> Any:
    if question.kind in (Kind.CHOICE, Kind.CHECKPOINT):
        return _choice(question, text, facts)
    wanted = key(text)
    if wanted.isdigit():  # "2" beside "1) About 2 / 2) All 26": a menu number first, both readings offered
        menu = _menu_number(question, text, facts)
        if menu is not None:
            return menu
    shown = _by_label(question.options(facts), wanted, numbered=False)
    shown = shown if shown is not None else CHOICE_KEYS.get(question.id, {}).get(wanted)
    if shown is None and not re.search(r"\d", text):  # "there is no cap", "none yet, I think"
        shown = find_phrase(text, CHOICE_PHRASES.get(question.id, {}))
    if shown is not None:  # a button typed: "No cap / not sure", "All 26 (whole year)", "7%"
        return _shown_choice(question, shown)
    menu = _menu_number(question, text, facts)
    if menu is not None:
        return menu
    return _typed_value(question, text, facts)


def _menu_number(question: Question, text: str, facts: Facts) -> Any:
    """A bare number that is also a menu option's number ("1" beside "1) No cap", "1) About 2"): the
    option when the figure reads the same, else both readings offered, never one guessed."""
    options = question.options(facts)
    wanted = key(text)
    if not wanted.isdigit() or not 1 <= int(wanted) <= len(options):
        return None
    option = options[int(wanted) - 1]
    chosen = _shown_choice(question, option.value)
    try:
        literal = _typed_value(question, text, facts)
    except Confirm as ask:  # the figure itself needs a second look (a 1% cap, "$1? $1,000?")
        if question.kind in (Kind.MONEY, Kind.EMPLOYER):  # its own question, with the option first
            raise Confirm(f"Option {wanted} ({option.label})? Or {ask.ask[0].lower()}{ask.ask[1:]}",
                          ((chosen, option.label), *ask.options)) from None
        literal = ask.options[0][0]
    except ParseError:  # no figure reads so (out of range): the menu number is the one reading
        return chosen
    if literal == chosen:
        return chosen
    raise Confirm(f"Option {wanted} ({option.label}), or {_as_typed(question, literal)}?",
                  ((chosen, option.label), (literal, _as_typed(question, literal))))


def _as_typed(question: Question, value: Any) -> str:
    if question.kind is Kind.PERCENT:
        return f"{value}% of pay"
    if question.kind is Kind.MONEY:
        return money(value)
    if question.kind is Kind.EMPLOYER and isinstance(value, dict) and "dollars" in value:
        return money(Decimal(value["dollars"]))
    return f"{value} ({question.label.lower()})"


def _typed_value(question: Question, text: str, facts: Facts) -> Any:
    if question.kind is Kind.MONEY:
        return _money(question, text, facts)
    if question.kind is Kind.PERCENT:
        return _percent(question, text, facts)
    if question.kind is Kind.WHOLE:
        return _whole(question, text, facts)
    return _employer(text, facts)


def _shown_choice(question: Question, value: str) -> Any:
    """A button of a typed question: 'skip', 'max', '0' (None), '7' (7%), '26' (all 26)."""
    if value == "skip":
        return SKIPPED
    if question.kind is Kind.WHOLE:
        return int(value)
    if question.kind is Kind.EMPLOYER:
        return "max" if value == "max" else {"dollars": value}
    return value
