"""HSA contribution limit, for the 'before you do this' checklist."""

from __future__ import annotations

from decimal import Decimal

from rules.limits import Limits
from rules.money import ZERO

HSA_CATCH_UP_AGE = 55


def hsa_limits(limits: Limits, age: int) -> dict[str, Decimal]:
    catch_up = limits.hsa_catch_up_55 if age >= HSA_CATCH_UP_AGE else ZERO
    return {
        "self_only": limits.hsa_self_only + catch_up,
        "family": limits.hsa_family + catch_up,
        "catch_up": catch_up,
    }
