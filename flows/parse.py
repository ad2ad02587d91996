"""Answers people actually type: "$23,500", "23.5k", "1.2m", "5%", "50% up to 6%", "max", "skip"."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MAX_AMOUNT = Decimal("10000000000")
EXAMPLE_MONEY = "e.g. 23,500"

_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
     0x2066, 0x2067, 0x2068, 0x2069]
)
_SUFFIX = {"k": Decimal(1000), "m": Decimal(1_000_000), "mm": Decimal(1_000_000)}
_NUMBER = re.compile(r"^(?P<num>\d+(?:\.\d+)?|\.\d+)(?P<suffix>k|mm|m)?$")
_MATCH = re.compile(
    r"^(?P<rate>\d+(?:\.\d+)?)\s*%?\s*(?:match\s*)?(?:up\s*to|of|on|to|/|of\s*the\s*first)\s*"
    r"(?:the\s*first\s*)?(?P<cap>\d+(?:\.\d+)?)\s*%?(?:\s*of\s*(?:pay|salary|compensation))?$"
)
_SKIP = {"skip", "none", "n/a", "na", "-", "no answer", "pass", "dont know", "don't know"}
_UNSURE = {"not sure", "unsure", "idk", "i don't know", "i dont know", "dunno", "?", "maybe", "unknown"}
_MAX = {"max", "the max", "maximum", "the maximum", "max out", "all"}


class ParseError(ValueError):
    """A specific, friendly reason the answer was not understood."""


@dataclass(frozen=True)
class MatchFormula:
    match_percent: Decimal
    up_to_percent: Decimal


def normalize(text: str) -> str:
    """NFKC (other scripts' digits, full-width signs), no invisible characters, lower case, trimmed."""
    cleaned = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    return " ".join(cleaned.split()).lower()


def is_skip(text: str) -> bool:
    return normalize(text) in _SKIP


def is_unsure(text: str) -> bool:
    return normalize(text) in _UNSURE


def is_max(text: str) -> bool:
    return normalize(text) in _MAX


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


def parse_money(text: str) -> Decimal:
    """A dollar amount, or a ParseError that says what was expected."""
    cleaned = normalize(text)
    if not cleaned:
        raise ParseError(f"I need a dollar amount, {EXAMPLE_MONEY}.")
    if "%" in cleaned or "percent" in cleaned:
        raise ParseError(f"That looks like a percentage; I need a dollar amount, {EXAMPLE_MONEY}.")
    try:
        value = _number(cleaned)
    except ParseError as exc:
        if str(exc) == "negative":
            raise ParseError("An amount can't be negative; enter 0 if there is none.") from None
        raise ParseError(
            "I couldn't read that as a dollar amount; try something like 23,500 or 23.5k."
        ) from None
    if value > MAX_AMOUNT:
        raise ParseError("That amount is far too large to be right; please check it.")
    return canonical_money(value)


def canonical_money(value: Decimal) -> Decimal:
    """Whole dollars as integers, anything else to the cent: 23.5k -> 23500, 10.499 -> 10.50."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def parse_percent(text: str, *, upper: Decimal = Decimal(100)) -> Decimal:
    """'5%', '5', '5 percent', '7.5' -> Decimal percent in [0, upper]."""
    cleaned = normalize(text).replace("percent", "").replace("%", "").strip()
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


def parse_whole(text: str, *, low: int, high: int, what: str) -> int:
    """A whole number in [low, high], e.g. an age or a count of paychecks."""
    cleaned = normalize(text)
    digits = re.sub(r"\s*(years?|yrs?|y/?o|old|paychecks?|checks?|left)\b", "", cleaned).strip()
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


def parse_match(text: str) -> MatchFormula | None:
    """'50% up to 6%', '100% of the first 4%', '50/6' -> MatchFormula; None if not a formula."""
    cleaned = normalize(text).replace("percent", "%")
    cleaned = cleaned.replace("dollar for dollar", "100%").replace("dollar-for-dollar", "100%")
    found = _MATCH.match(cleaned)
    if not found:
        return None
    rate, cap = Decimal(found["rate"]), Decimal(found["cap"])
    if rate > 1000 or cap > 100:
        raise ParseError("That match formula looks off: the cap must be at most 100% of pay.")
    return MatchFormula(match_percent=rate, up_to_percent=cap)
