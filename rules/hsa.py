"""HSA contribution limit, for the 'before you do this' checklist."""

from __future__ import annotations

from decimal import Decimal

from rules.limits import Limits
from rules.money import ZERO


def hsa_limits(limits: Limits, age: int) -> dict[str, Decimal]:
    catch_up = limits.hsa_catch_up_55 if age >= limits.hsa_catch_up_age else ZERO
    return {
        "self_only": limits.hsa_self_only + catch_up,
        "family": limits.hsa_family + catch_up,
        "catch_up": catch_up,
    }


def medicare_age_reached(limits: Limits, age: int) -> bool:
    """At Medicare age, enrolment (often automatic with Social Security) ends HSA contributions."""
    return age >= limits.medicare_age
