"""Turning what the user typed or tapped into a stored, JSON-safe answer (or a specific refusal)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flows.facts import Facts
from flows.parse import (
    ParseError,
    is_max,
    is_skip,
    is_unsure,
    normalize,
    parse_match,
    parse_money,
    parse_percent,
    parse_whole,
)
from flows.questions import Kind, Question, max_paychecks

SKIPPED = None


def _choice(question: Question, text: str, facts: Facts) -> str | None:
    options = question.options(facts)
    wanted = normalize(text)
    for index, choice in enumerate(options, start=1):
        if wanted in (choice.value.lower(), normalize(choice.label), str(index)):
            return None if choice.value == "skip" else choice.value
    synonym = question.synonyms.get(wanted)
    if synonym is not None and any(c.value == synonym for c in options):
        return synonym
    if question.skippable and is_skip(wanted):
        return None
    labels = ", ".join(c.label for c in options)
    raise ParseError(f"Please tap a button or type one of: {labels}.")


def _skip_or(question: Question, text: str) -> bool:
    return question.skippable and (is_skip(text) or is_unsure(text) or normalize(text) == "skip")


def _money(question: Question, text: str, facts: Facts) -> str | None:
    if _skip_or(question, text):
        return SKIPPED
    if question.id == "employee_deferrals" and is_max(text):
        return "max"
    if is_unsure(text) or is_skip(text):
        raise ParseError("I need this one to work out your room; an estimate is fine, e.g. 23,500.")
    amount = parse_money(text)
    _check_money(question, amount, facts)
    return str(amount)


def _check_money(question: Question, amount: Decimal, facts: Facts) -> None:
    if question.id == "compensation" and amount <= 0:
        raise ParseError("Pay must be more than $0: the limits are a share of it.")
    if question.id == "employee_deferrals" and facts.pay is not None and amount > facts.pay:
        raise ParseError(
            f"That's more than the pay you gave (${facts.pay:,.0f}); deferrals come out of pay."
        )


def _percent(question: Question, text: str) -> str | None:
    if _skip_or(question, text):
        return SKIPPED
    upper = Decimal(question.high) if question.high else Decimal(100)
    return str(parse_percent(text, upper=upper))


def _whole(question: Question, text: str, facts: Facts) -> int | None:
    if _skip_or(question, text):
        return SKIPPED
    high = max_paychecks(facts) if question.id == "pay_periods_remaining" else question.high
    what = question.label.lower()
    if question.id == "age":
        what = "your age"
    return parse_whole(text, low=question.low, high=high, what=what)


def _employer(text: str, facts: Facts) -> Any:
    cleaned = normalize(text)
    if is_max(cleaned):
        if facts.is_solo:
            return "max"
        raise ParseError("Enter your employer's contribution in dollars, a % of pay, or a formula.")
    if cleaned in ("none", "0", "no", "nothing", "no match"):
        return {"dollars": "0"}
    formula = parse_match(cleaned)
    if formula is not None:
        return {"match": str(formula.match_percent), "up_to": str(formula.up_to_percent)}
    if "%" in cleaned or "percent" in cleaned:
        return {"percent": str(parse_percent(cleaned))}
    if is_unsure(cleaned):
        raise ParseError("An estimate is fine: dollars (e.g. 12,000), 5%, or '50% up to 6%'.")
    try:
        return {"dollars": str(parse_money(cleaned))}
    except ParseError:
        raise ParseError(
            "I need dollars (e.g. 12,000), a % of pay (e.g. 5%), or a match formula "
            "(e.g. 50% up to 6%)."
        ) from None


def accept(question: Question, text: str, facts: Facts) -> Any:
    """The stored answer for ``text``, or ParseError with a specific reason."""
    if question.kind in (Kind.CHOICE, Kind.CHECKPOINT):
        return _choice(question, text, facts)
    if question.kind is Kind.MONEY:
        if question.id == "pretax_ira_balance" and normalize(text) == "none":
            return "0"
        return _money(question, text, facts)
    if question.kind is Kind.PERCENT:
        return _percent(question, text)
    if question.kind is Kind.WHOLE:
        return _whole(question, text, facts)
    return _employer(text, facts)
