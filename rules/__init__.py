"""The rules engine: pure functions over frozen models, limits as year-keyed data with IRS sources."""

from rules.contract import InputError, assess_json, assessment_to_json, parse_input
from rules.engine import assess
from rules.limits import Limits, UnsupportedYearError, limits_for, supported_years
from rules.models import Assessment, AssessmentInput

__all__ = [
    "Assessment",
    "AssessmentInput",
    "InputError",
    "Limits",
    "UnsupportedYearError",
    "assess",
    "assess_json",
    "assessment_to_json",
    "limits_for",
    "parse_input",
    "supported_years",
]
