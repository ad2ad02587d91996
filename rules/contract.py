"""The public JSON contract: parsing input dicts and dumping assessments to JSON-safe dicts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from rules.engine import assess
from rules.limits import UnsupportedYearError
from rules.models import Assessment, AssessmentInput


class InputError(ValueError):
    """Bad input, with one clear line naming the field and what is wrong."""


_PLAIN = {
    "decimal_parsing": "must be a number",
    "decimal_type": "must be a number",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "finite_number": "must be a finite number",
}


def _describe(error: ErrorDetails) -> str:
    field = ".".join(str(part) for part in error["loc"])
    kind = error["type"]
    message = str(error["msg"])
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    if kind == "missing":
        return f"{field}: is required"
    if kind == "extra_forbidden":
        return f"{field}: is not a known field"
    if kind == "greater_than_equal" and error["ctx"].get("ge") == 0:
        return f"{field}: must not be negative (got {error['input']})"
    message = _PLAIN.get(kind) or message.replace("Input should be", "must be")
    return f"{field}: {message} (got {error['input']!r})"


def parse_input(data: Any) -> AssessmentInput:
    """A JSON object -> AssessmentInput, or InputError naming the first bad field."""
    if not isinstance(data, dict):
        raise InputError("input: must be a JSON object with tax_year, age and the other fields")
    try:
        return AssessmentInput.model_validate(data)
    except ValidationError as exc:
        raise InputError(_describe(exc.errors()[0])) from None


def assessment_to_json(result: Assessment) -> dict[str, Any]:
    """Money as numbers rounded to cents; enums as their strings; absent figures as null
    (pydantic's JSON mode with the ``Amount`` serializer: about twice as fast as walking the dump)."""
    dumped: dict[str, Any] = result.model_dump(mode="json")
    return dumped


def assess_json(data: Any) -> dict[str, Any]:
    """The whole contract in one call: JSON object in, JSON object out (or InputError)."""
    inp = parse_input(data)
    try:
        return assessment_to_json(assess(inp))
    except UnsupportedYearError as exc:
        raise InputError(f"tax_year: {exc}") from None


def room_drop_per_employer_dollars(data: Any, employer: str = "1000") -> Any:
    """How much the after-tax room falls when the employer puts in ``employer`` dollars instead of
    the figure in ``data`` (an employer amount the person was not sure of): the engine's own answer
    twice, the difference in the JSON's money form; None when there is no room to move."""
    before = assess_json(data)["after_tax_room"]
    after = assess_json(data | {"employer_contributions": employer})["after_tax_room"]
    if before is None or after is None:
        return None
    drop = Decimal(str(before)) - Decimal(str(after))
    return int(drop) if drop == drop.to_integral_value() else float(drop)
