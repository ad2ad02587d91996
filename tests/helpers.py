"""Small helpers shared by the tests."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rules import AssessmentInput, assess
from rules.models import Assessment


def run(**fields: Any) -> Assessment:
    return assess(AssessmentInput.model_validate(fields))


def D(value: str | int) -> Decimal:  # noqa: N802 - reads like a literal
    return Decimal(value)


def codes(result: Assessment) -> list[str]:
    return [w.code for w in result.warnings]
