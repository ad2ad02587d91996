"""IRS limits, one data file per tax year (rules/data/YYYY.json), each figure with its source."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict

from rules.models import FilingStatus


class UnsupportedYearError(ValueError):
    """A tax year with no limits file."""

    def __init__(self, year: int) -> None:
        years = ", ".join(str(y) for y in supported_years())
        super().__init__(
            f"tax year {year} is not supported: IRS limits are on file for {years} only"
        )
        self.year = year


class PhaseOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    start: Decimal
    end: Decimal

    @property
    def width(self) -> Decimal:
        return self.end - self.start


class Limits(BaseModel):
    """Every figure the engine uses for one tax year, and where each comes from."""

    model_config = ConfigDict(frozen=True)

    tax_year: int
    verified: str
    elective_deferral_limit: Decimal
    catch_up_50: Decimal
    catch_up_60_63: Decimal | None
    annual_additions_limit: Decimal
    compensation_limit: Decimal
    hce_threshold: Decimal
    ira_limit: Decimal
    ira_catch_up: Decimal
    roth_ira_phase_out: dict[FilingStatus, PhaseOut]
    hsa_self_only: Decimal
    hsa_family: Decimal
    hsa_catch_up_55: Decimal
    social_security_wage_base: Decimal
    se_net_earnings_factor: Decimal
    se_social_security_rate: Decimal
    se_medicare_rate: Decimal
    roth_catch_up_wage_threshold: Decimal
    roth_catch_up_enforced: bool
    sources: dict[str, str]

    def source(self, figure: str) -> str:
        return self.sources[figure]


def _data_dir() -> Any:
    return resources.files("rules").joinpath("data")


@cache
def supported_years() -> tuple[int, ...]:
    names = (entry.name for entry in _data_dir().iterdir())
    return tuple(sorted(int(n[:-5]) for n in names if n.endswith(".json") and n[:-5].isdigit()))


def _phase_outs(raw: dict[str, list[str]]) -> dict[FilingStatus, PhaseOut]:
    return {
        FilingStatus(status): PhaseOut(start=Decimal(start), end=Decimal(end))
        for status, (start, end) in raw.items()
    }


@cache
def limits_for(year: int) -> Limits:
    """The limits for ``year``; raises UnsupportedYearError naming the years on file."""
    if year not in supported_years():
        raise UnsupportedYearError(year)
    text = _data_dir().joinpath(f"{year}.json").read_text(encoding="utf-8")
    document = json.loads(text)
    figures: dict[str, Any] = document["figures"]
    values: dict[str, Any] = {name: entry["value"] for name, entry in figures.items()}
    values["roth_ira_phase_out"] = _phase_outs(values["roth_ira_phase_out"])
    return Limits(
        tax_year=document["tax_year"],
        verified=document["verified"],
        sources={name: entry["source"] for name, entry in figures.items()},
        **values,
    )
