"""STUB until i20a's flows/understand.py is merged (same API): understands nothing."""

from __future__ import annotations

from dataclasses import dataclass

from flows.facts import Facts


@dataclass(frozen=True)
class Stated:
    question: str
    text: str
    said: str
    inferred: bool


@dataclass(frozen=True)
class Correction:
    question: str | None
    text: str | None


@dataclass(frozen=True)
class Explanation:
    term: str
    lines: tuple[str, ...]
    source: str | None


def stated_facts(message: str, facts: Facts) -> list[Stated]:
    return []


def correction_in(message: str, facts: Facts) -> Correction | None:
    return None


def question_in(message: str) -> Explanation | None:
    return None
