"""Answers people actually type: "$23,500", "23.5k", "1.2m", "5%", "50% up to 6%", "max", "skip"."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from flows.vocabulary import SKIP_KEYS, UNSURE_KEYS, key

MAX_AMOUNT = Decimal("10000000000")
EXAMPLE_MONEY = "e.g. 23,500"

_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
     0x2066, 0x2067, 0x2068, 0x2069]
)
_SUFFIX = {"k": Decimal(1000), "m": Decimal(1_000_000), "mm": Decimal(1_000_000)}
_NUMBER = re.compile(r"^(?P<num>\d+(?:\.\d+)?|\.\d+)(?P<suffix>k|mm|m)?$")
_MATCH = re.compile(
    r"^(?P<rate>\d+(?:\.\d+)?)\s*%?\s*(?:match\s*)?,?\s*(?:up\s*to|of|on|to|for|/)\s*"
    r"(?:(?:the\s*)?(?:first|1st)\s*)?(?P<cap>\d+(?:\.\d+)?)\s*%?(?:\s*of\s*(?:pay|salary|compensation))?$"
)
_MAX = frozenset(key(w) for w in (
    "max", "the max", "maximum", "the maximum", "max out", "maxed out", "max it out", "all", "the limit",
    "maxing it", "maxing out", "maxing it out", "im maxing out", "going to max", "max it",
    "as much as possible", "as much as i can", "everything i can", "full amount", "limit", "all of it",
    "the full amount", "whatever the limit is", "whatever the max is", "up to the limit", "the most i can",
    "the most", "maxed", "maxing", "i max", "i max it", "i max it out", "i max out", "im maxing it out",
    "full", "the full limit", "all i can", "max allowed", "the max allowed", "whatever is allowed",
))


class ParseError(ValueError):
    """A specific, friendly reason the answer was not understood."""


class Confirm(Exception):  # noqa: N818 (not an error: a question back to the user)
    """Not an answer yet: ask ``ask`` and offer ``options`` as (stored value, button label)."""

    def __init__(self, ask: str, options: tuple[tuple[Any, str], ...], drop: tuple[str, ...] = (),
                 *, hedged: bool = False) -> None:
        super().__init__(ask)
        self.ask = ask
        self.options = options
        self.drop = drop  # answers that no longer hold once this one is kept (asked again)
        self.hedged = hedged  # read from a hedged answer ("yes I think"): the one option is that reading


@dataclass(frozen=True)
class MatchFormula:
    match_percent: Decimal
    up_to_percent: Decimal


def normalize(text: str) -> str:
    """NFKC (other scripts' digits, full-width signs), no invisible characters, lower case, trimmed.
    Superscript and subscript digits are not digits of the figure ("4²" is not 42): they are kept
    as typed, so the answer is refused and asked again."""
    cleaned = unicodedata.normalize("NFKC", text.translate(_RAISED)).translate(_INVISIBLE)
    return " ".join(cleaned.split()).lower()


def _raised(char: str) -> bool:
    return unicodedata.decomposition(char).startswith(("<super>", "<sub>")) and char.isdigit()


# Raised or lowered digits ("²", "₂") become a sign no parser reads as a digit.
_RAISED = {ord(c): "\N{REPLACEMENT CHARACTER}" for c in map(chr, range(0x80, 0x2100)) if _raised(c)}


def is_skip(text: str) -> bool:
    return key(text) in SKIP_KEYS


def is_unsure(text: str) -> bool:
    return key(text) in UNSURE_KEYS


def is_max(text: str) -> bool:
    return key(text) in _MAX


_SCALE_WORDS = (
    (re.compile(r"(\d)\s*(?:thousand|grand|k)\b"), r"\1k"),
    (re.compile(r"(\d)\s*(?:millions?|mil|mm|m)\b"), r"\1m"),
    (re.compile(r"(\d)\s+1000000\b"), r"\1m"),  # "1.2 million" after text2num: "1.2 1000000"
    (re.compile(r"(\d)\s+1000\b"), r"\1k"),
    (re.compile(r"^an?\s+(?=\d)"), ""),  # "a million" -> "1000000"
)
_APPROXIMATE = re.compile(
    r"\b(?:about|around|roughly|approximately|approx|circa|ca|maybe|probably|like|estimated|est|"
    r"almost|nearly|just under|just over|a bit over|a bit under|give or take|or so|ish|usd|dollars?|"
    r"bucks|gross|total|salary|pay|income|i make|i earn|i think|my|is|its|before tax(?:es)?|"
    r"pre tax|pretax|this year|the)\b|[~≈+]"
)
_PER_YEAR = re.compile(r"(?:/\s*(?:yr|year|y|annum|a)\b|\b(?:per|a|an|each|every)\s+(?:year|yr|annum)\b|"
                       r"\b(?:annually|yearly|annual|pa)\b)\.?")
_PER_MONTH = re.compile(r"(?:/\s*(?:mo|month|m)\b|\b(?:per|a|each|every)\s+month\b|"
                        r"\b(?:monthly|montly|monthy|mnthly|mothly)\b)\.?")
# An amount per paycheck or per week ("1000 biweekly", "$800 per paycheck"): never taken as the year's
# total. The year's total is asked for instead (how many paychecks make the year is the person's to say).
_PER_PAYCHECK = re.compile(
    r"/\s*(?:paycheck|check|pay ?period|week|wk|pp)\b|"
    r"\b(?:per|a|each|every|every other)\s+"
    r"(?:pay ?check|check|pay ?period|pay ?day|week|wk|two weeks|2 weeks|fortnight)\b|"
    r"\b(?:bi-?weekly|biwkly|bi-?wkly|weekly|semi-?monthly|twice a month|fortnightly)\b")
PER_PAYCHECK = ("That looks like an amount per paycheck (or per week); I need the total for the year, "
                "e.g. 26,000 (1,000 on each of 26 paychecks).")
# a form's name, never the start of a figure ("10990" is $10,990, not "1099" and 0)
_FORM_NAMES = re.compile(r"\b(?:w-?\s?2|1099|k-?1|schedule c|401\s?\(?k\)?|403\s?\(?b\)?)(?![\d,.])")
_OTHER_WORDS = re.compile(r"\b(?!(?:k|m|mm)\b)[a-z][a-z'-]*")
_DECIMAL_COMMA = re.compile(r"^\d+,\d{1,2}(?:k|m|mm)?$")  # 23,5k  23,50
_THOUSANDS_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?$")  # 450.000  23.500,00


_NUMBER_WORD = re.compile(
    r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundred|thousand|million|billion)"
)


@dataclass(frozen=True)
class Amount:
    """A dollar figure as read; ``ambiguous`` when the text could mean another figure (confirm it)."""

    value: Decimal
    ambiguous: bool = False
    monthly: bool = False


_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ONE = "|".join(_ONES)
_TEN = "|".join(_TENS)
_SCALE_AFTER = r"(?!\s*(?:hundred|thousand|million|grand|k\b|m\b))"
#: "twenty twenty five" is a year; "four fifty k" is 450k; "twenty three five" is 23,500 (spoken);
#: "half a million", "a quarter million", "three quarters of a million"; "23 and a half k".
_SPOKEN_YEAR = re.compile(rf"\btwenty[ -]({'|'.join(_TEENS)}|twenty|thirty)(?:[ -]({_ONE}))?\b")
_SPOKEN_BIRTH_YEAR = re.compile(rf"\bnineteen[ -]({_TEN})(?:[ -]({_ONE}))?\b")  # "born nineteen eighty"
_HUNDREDS_SPOKEN = re.compile(rf"\b({_ONE}) ({_TEN})(?:[ -]({_ONE}))?\b(?![ -](?:{_ONE}|hundred))")
_THOUSANDS_SPOKEN = re.compile(rf"\b({_TEN})[ -]({_ONE}) ({_ONE}){_SCALE_AFTER}\b")
_FRACTION_OF_SCALE = re.compile(
    r"(?<!\band )(?<!\band a )(?<!\band one )\b(?:(an?|one|1) )?(half|quarter|(?:three|3) quarters)"
    r"(?: of)?(?: an?)? (million|mil|thousand|grand|k)\b")
_AND_A_FRACTION = re.compile(r"(\d+) and (?:a |one )?(half|quarter)\b|(\d+) and (?:three|3) quarters\b")
_FRACTIONS = {"half": Decimal("0.5"), "quarter": Decimal("0.25"), "3 quarters": Decimal("0.75"),
              "three quarters": Decimal("0.75")}


def _spoken_year(found: re.Match[str]) -> str:
    decade = {**{w: 10 + i for i, w in enumerate(_TEENS)}, "twenty": 20, "thirty": 30}[found[1]]
    return str(2000 + decade + (_ONES.index(found[2]) + 1 if found[2] else 0))


def _spoken_birth_year(found: re.Match[str]) -> str:
    return str(1900 + (_TENS.index(found[1]) + 2) * 10 + (_ONES.index(found[2]) + 1 if found[2] else 0))


def _spoken_hundreds(found: re.Match[str]) -> str:
    ones = _ONES.index(found[3]) + 1 if found[3] else 0
    return str((_ONES.index(found[1]) + 1) * 100 + (_TENS.index(found[2]) + 2) * 10 + ones)


def _spoken_thousands(found: re.Match[str]) -> str:
    tens = (_TENS.index(found[1]) + 2) * 10 + _ONES.index(found[2]) + 1
    return f"{tens}.{_ONES.index(found[3]) + 1}k"


def _fraction_of_scale(found: re.Match[str]) -> str:
    return f"{_FRACTIONS[found[2]]} {found[3]}"


def _and_a_fraction(found: re.Match[str]) -> str:
    if found[3]:
        return str(Decimal(found[3]) + Decimal("0.75"))
    return str(Decimal(found[1]) + _FRACTIONS[found[2]])


def spoken_numbers(text: str) -> str:
    """The ways people say figures that text2num reads otherwise ("twenty twenty five" is not 20 25)."""
    text = _SPOKEN_YEAR.sub(_spoken_year, text)
    text = _SPOKEN_BIRTH_YEAR.sub(_spoken_birth_year, text)
    text = _THOUSANDS_SPOKEN.sub(_spoken_thousands, text)
    text = _HUNDREDS_SPOKEN.sub(_spoken_hundreds, text)
    return _FRACTION_OF_SCALE.sub(_fraction_of_scale, text)


def words_to_digits(text: str) -> str:
    """'twenty six' -> '26', 'two hundred thousand' -> '200000', '200 thousand' -> '200k',
    'half a million' -> '0.5m', 'twenty three and a half k' -> '23.5k', 'twenty twenty five' -> '2025'
    (text2num reads the number words; the spoken forms and scale words after digits are ours)."""
    text = spoken_numbers(text)
    if _NUMBER_WORD.search(text):
        from text_to_num import alpha2digit

        text = alpha2digit(text, "en", threshold=0)
    text = _AND_A_FRACTION.sub(_and_a_fraction, text)
    for pattern, replacement in _SCALE_WORDS:
        text = pattern.sub(replacement, text)
    return text


def _number(text: str) -> Decimal:
    """'23,500.00' / '23.5k' / '1.2m' / '$23500' -> Decimal; ParseError otherwise."""
    compact = text.replace("$", "").replace("usd", "").replace(",", "").replace("_", "").replace(" ", "")
    negative = compact.startswith(("-", "−"))
    compact = compact.lstrip("+-−")
    found = _NUMBER.match(compact)
    if not found:
        raise ParseError("not a number")
    try:
        value = Decimal(found["num"]) * _SUFFIX.get(found["suffix"] or "", Decimal(1))
    except InvalidOperation:
        raise ParseError("not a number") from None
    if negative and value != 0:
        raise ParseError("negative")
    return value


def _european(compact: str) -> str | None:
    """'23,5k' -> '23.5k', '450.000' -> '450000', '23.500,00' -> '23500.00'; None if not that form."""
    if _DECIMAL_COMMA.match(compact):
        return compact.replace(",", ".")
    if _THOUSANDS_DOT.match(compact):
        return compact.replace(".", "").replace(",", ".")
    return None


def _single_reading(compact: str) -> bool:
    """'1.234.567' can only be thousands; '450.000' and '23,5k' could be read two ways."""
    return compact.count(".") > 1 and "," not in compact


def _money_text(text: str) -> tuple[str, bool]:
    """The figure's own characters, and whether it was given per month."""
    cleaned = words_to_digits(text.replace("'", " ").replace("’", " "))
    cleaned = re.sub(r"\([^()\d]*\)", " ", cleaned)  # "23,500 (the max)": words in brackets
    monthly = bool(_PER_MONTH.search(cleaned))
    cleaned = _PER_MONTH.sub(" ", _PER_YEAR.sub(" ", cleaned))
    cleaned = _FORM_NAMES.sub(" ", cleaned)
    cleaned = _APPROXIMATE.sub(" ", cleaned).replace("$", " ").replace("usd", " ")
    cleaned = _OTHER_WORDS.sub(" ", cleaned)  # "180k from my s corp": words around the figure
    figures = [t for t in cleaned.split() if any(ch.isdigit() for ch in t)]
    if any(not re.fullmatch(r"\d{3}(?:[.,]\d+)?", t) for t in figures[1:]):  # "200 000" is one figure
        raise ParseError("two figures")
    return "".join(cleaned.split()), monthly


#: Two figures as a range ("200-220k", "150 to 180k"): one is needed, never either guessed.
_RANGE = re.compile(r"\d\s*k?\s*(?:-|–|to)\s*\$?\d")
#: "a buck fifty", "a buck twenty five": a hundred and fifty (thousand, said of pay).
_BUCK = re.compile(rf"\b(?:a|one)\s+buck(?:\s+and)?[\s-]+({_TEN})(?:[\s-]+({_ONE}))?\b")


def _buck(found: re.Match[str]) -> str:
    tens = (_TENS.index(found[1]) + 2) * 10 + (_ONES.index(found[2]) + 1 if found[2] else 0)
    return f"{100 + tens}k"


def read_money(text: str) -> Amount:
    """A dollar amount as people write it ('about 200k', '$450k/yr', '1.2 million'), or a
    ParseError that says what was expected. Forms another reader could take differently
    ('23,5k', '450.000', '$10k a month') come back ``ambiguous`` with the likelier reading."""
    cleaned = normalize(text)
    if not cleaned:
        raise ParseError(f"I need a dollar amount, {EXAMPLE_MONEY}.")
    if "%" in cleaned or "percent" in cleaned:
        raise ParseError(f"That looks like a percentage; I need a dollar amount, {EXAMPLE_MONEY}.")
    if _PER_PAYCHECK.search(cleaned):
        raise ParseError(PER_PAYCHECK)
    if _RANGE.search(_FORM_NAMES.sub(" ", words_to_digits(cleaned))):
        raise ParseError("I need one amount; if you're not sure, your best estimate is fine.")
    slang = _BUCK.search(cleaned)  # "a buck fifty": $150,000 in talk of pay, $1.50 in a shop: asked
    cleaned = _BUCK.sub(_buck, cleaned)
    try:
        compact, monthly = _money_text(cleaned)
    except ParseError:
        raise ParseError("I need one amount; if you're not sure, your best estimate is fine.") from None
    european = _european(compact)
    try:
        value = _number(european or compact)
    except ParseError as exc:
        if str(exc) == "negative":
            raise ParseError("An amount can't be negative; enter 0 if there is none.") from None
        raise ParseError(
            "I couldn't read that as a dollar amount; try something like 23,500 or 23.5k."
        ) from None
    if monthly:
        value *= 12
    if value > MAX_AMOUNT:
        raise ParseError("That amount is far too large to be right; please check it.")
    ambiguous = (european is not None and not _single_reading(compact)) or monthly or slang is not None
    return Amount(canonical_money(value), ambiguous=ambiguous, monthly=monthly)


def canonical_money(value: Decimal) -> Decimal:
    """Whole dollars as integers, anything else to the cent: 23.5k -> 23500, 10.499 -> 10.50."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


_PERCENT_NOISE = re.compile(r"\b(?:of (?:my )?pay|of salary|a year|per year|cap)\b")


def parse_percent(text: str, *, upper: Decimal = Decimal(100)) -> Decimal:
    """'5%', '5', '5 percent', '7.5' -> Decimal percent in [0, upper]."""
    cleaned = words_to_digits(normalize(text)).replace("percent", "").replace("%", "")
    cleaned = _APPROXIMATE.sub(" ", _PERCENT_NOISE.sub(" ", cleaned)).strip()
    if "$" in text:
        raise ParseError("That looks like a dollar amount; I need a percentage, e.g. 6%.")
    try:
        value = _number(cleaned)
    except ParseError as exc:
        if str(exc) == "negative":
            raise ParseError("A percentage can't be negative here.") from None
        raise ParseError("I need a percentage, e.g. 6%.") from None
    if value > upper:
        raise ParseError(f"A percentage here must be between 0 and {upper:g}.")
    return value


_WHOLE_NOISE = re.compile(
    r"\b(?:years?|yrs?|y/?o|yo|old|paychecks?|pay ?checks?|checks?|pay ?days?|periods?|left|remaining|more|"
    r"about|around|roughly|maybe|i think|im|i am|i will be|ill be|turning|by then|of them|only|just|"
    r"approximately|approx|ish|all|whole year|rest of (?:the )?year|age|aged|i am|y\.o\.|btw|like|prob|"
    r"probably|or so|"
    r"in (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b|[~≈():]"
)


def parse_whole(text: str, *, low: int, high: int, what: str) -> int:
    """A whole number in [low, high], e.g. an age or a count of paychecks."""
    cleaned = words_to_digits(normalize(text).replace("'", "").replace("’", "")).rstrip(".!,;")
    digits = _WHOLE_NOISE.sub(" ", re.sub(r"(\d)([a-z])", r"\1 \2", cleaned)).strip()
    try:
        value = _number(digits)
    except ParseError as exc:
        if str(exc) == "negative":
            raise ParseError(f"{what.capitalize()} can't be negative.") from None
        raise ParseError(f"I need {what} as a whole number, e.g. {low + (high - low) // 3}.") from None
    if value != value.to_integral_value():
        raise ParseError(f"I need {what} as a whole number.")
    if not low <= value <= high:
        raise ParseError(f"{what.capitalize()} must be between {low} and {high}.")
    return int(value)


#: A match rate said in words: "dollar for dollar", "50 cents on the dollar", "half of what I put in",
#: "matches half"; and what it is of ("of what I put in", "of my contributions"), which the formula says.
_SPOKEN_MATCH = (
    (re.compile(r"\bdollar[\s-]for[\s-]dollar\b"), "100%"),
    (re.compile(r"\b(\d+(?:\.\d+)?)\s*(?:cents?|c|¢)\s*(?:on|per|for|for every|for each)\s*"
                r"(?:the|a|each|every)?\s*dollar\b"), r"\1%"),
    (re.compile(r"\bmatch(es|ing)?\s+(?:a\s+)?half\b"), r"match\1 50%"),
    (re.compile(r"\b(?:a\s+)?half\b(?=\s+(?:of\s+(?:what|my|your|our|the (?:amount|money)|employee|each|"
                r"every|contributions?|deferrals?)|up to\b|on the first\b|of the first\b|match))"), "50%"),
    (re.compile(r"(?<=%)\s*(?:of|on)\s+(?:what\s+(?:i|you|we|they|employees?)\s+(?:put in|puts in|"
                r"contribute|contributes|defer|defers|save|saves)|(?:my|your|our|the|employee|each|every)?\s*"
                r"(?:contributions?|deferrals?|(?:dollars?|\$) (?:i|you) (?:put in|contribute|defer)))\b"),
     " match"),
)


def spoken_match(text: str) -> str:
    """'50 cents on the dollar up to 6%' -> '50% up to 6%'; 'half of what I put in up to 6%' -> '50% up
    to 6%'; 'they match half up to 6%' -> 'they match 50% up to 6%'; 'dollar for dollar' -> '100%'."""
    for pattern, replacement in _SPOKEN_MATCH:
        text = pattern.sub(replacement, text)
    return text


def parse_match(text: str) -> MatchFormula | None:
    """'50% up to 6%', '100% of the first 4%', '50/6' -> MatchFormula; None if not a formula."""
    cleaned = normalize(text).replace("percent", "%")
    cleaned = spoken_match(cleaned)
    found = _MATCH.match(cleaned)
    if not found:
        return None
    rate, cap = Decimal(found["rate"]), Decimal(found["cap"])
    if rate > 1000 or cap > 100:
        raise ParseError("That match formula looks off: the cap must be at most 100% of pay.")
    return MatchFormula(match_percent=rate, up_to_percent=cap)
