"""Small helpers shared by the tests."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from rules import AssessmentInput, assess
from rules.models import Assessment


def run(**fields: Any) -> Assessment:
    return assess(AssessmentInput.model_validate(fields))


def assess_cli(**fields: Any) -> dict[str, Any]:
    """One assessment through the real `python -m rules assess -` process."""
    proc = subprocess.run(
        [sys.executable, "-m", "rules", "assess", "-"], input=json.dumps(fields),
        capture_output=True, text=True, check=False, cwd=Path(__file__).resolve().parent.parent,
    )
    assert proc.returncode == 0, proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def D(value: str | int) -> Decimal:  # noqa: N802 - reads like a literal
    return Decimal(value)


def codes(result: Assessment) -> list[str]:
    return [w.code for w in result.warnings]


def cli_codes(result: dict[str, Any]) -> list[str]:
    """The warning codes of `python -m rules assess` JSON."""
    return [w["code"] for w in result["warnings"]]


def cli_warning(result: dict[str, Any], code: str) -> dict[str, Any]:
    """The one warning with ``code`` in `python -m rules assess` JSON."""
    found: list[dict[str, Any]] = [w for w in result["warnings"] if w["code"] == code]
    assert len(found) == 1, cli_codes(result)
    return found[0]


@st.composite
def pay_and_deferrals(draw: st.DrawFn, money: st.SearchStrategy[Decimal]) -> tuple[Decimal | None, Decimal]:
    """Pay (or none given) and deferrals that never exceed it, as the contract requires."""
    pay = draw(st.one_of(st.none(), money))
    deferrals = draw(money)
    return pay, deferrals if pay is None else min(deferrals, pay)
