"""Every legal number of the engine, as data with its citation.

Two kinds of file in ``rules/data/``:

* ``YYYY.json``: the figures the IRS (or SSA) publishes for one tax year. Each figure has a
  ``value``, a ``unit`` and a ``reference`` list of ``{"title", "href"}`` (PolicyEngine's shape).
  Adding a year is adding one such file; it is accepted only when complete and cited.
* ``statute.json``: the figures the Code fixes without indexing (ages, rates, the Roth IRA
  rounding), each with ``values`` keyed by the date from which a value holds.

``pending/YYYY.json`` holds what is already published for a year whose file cannot be complete
yet (it is never loaded as a supported year).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict

from rules.models import FilingStatus

STATUTE_FILE = "statute.json"
UNITS = frozenset({"currency-USD", "year", "/1", "places", "bool"})

# Figures every year file must hold (value, unit and at least one reference each).
YEAR_FIGURES = (
    "elective_deferral_limit",
    "catch_up_50",
    "catch_up_60_63",
    "annual_additions_limit",
    "compensation_limit",
    "hce_threshold",
    "hce_look_back_threshold",
    "ira_limit",
    "ira_catch_up",
    "roth_ira_phase_out",
    "hsa_self_only",
    "hsa_family",
    "social_security_wage_base",
    "roth_catch_up_wage_threshold",
)
PHASE_OUT_STATUSES = ("single", "hoh", "mfj")


class UnsupportedYearError(ValueError):
    """A tax year with no limits file."""

    def __init__(self, year: int) -> None:
        years = ", ".join(str(y) for y in supported_years())
        unpublished = "; the IRS has not yet published its limits" if year > latest_year() else ""
        super().__init__(
            f"tax year {year} is not supported: IRS limits are on file for {years} only{unpublished}"
        )
        self.year = year


class IncompleteDataError(ValueError):
    """A data file that lacks a figure, a unit or a citation."""


class Reference(BaseModel):
    model_config = ConfigDict(frozen=True)

    title: str
    href: str | None = None


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
    # Published for the year (rules/data/YYYY.json)
    elective_deferral_limit: Decimal
    catch_up_50: Decimal
    catch_up_60_63: Decimal | None
    annual_additions_limit: Decimal
    compensation_limit: Decimal
    hce_threshold: Decimal
    hce_look_back_threshold: Decimal
    ira_limit: Decimal
    ira_catch_up: Decimal
    roth_ira_phase_out: dict[FilingStatus, PhaseOut]
    hsa_self_only: Decimal
    hsa_family: Decimal
    social_security_wage_base: Decimal
    roth_catch_up_wage_threshold: Decimal
    # Fixed by statute, in force on January 1 of the year (rules/data/statute.json)
    catch_up_age: int
    super_catch_up_age_min: int | None
    super_catch_up_age_max: int | None
    plan_contribution_rate: Decimal
    se_net_earnings_factor: Decimal
    se_social_security_rate: Decimal
    se_medicare_rate: Decimal
    se_tax_deductible_share: Decimal
    ira_catch_up_age: int
    hsa_catch_up_age: int
    hsa_catch_up_55: Decimal
    medicare_age: int
    roth_ira_minimum: Decimal
    roth_ira_rounding_step: Decimal
    roth_ira_ratio_places: int
    form_8606_ratio_places: int
    roth_catch_up_enforced: bool
    sources: dict[str, str]
    references: dict[str, tuple[Reference, ...]]

    def source(self, figure: str) -> str:
        return self.sources[figure]


def _data_dir() -> Any:
    return resources.files("rules").joinpath("data")


def _read(*parts: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(_data_dir().joinpath(*parts).read_text(encoding="utf-8"))
    return document


@cache
def supported_years() -> tuple[int, ...]:
    stems = (entry.name.removesuffix(".json") for entry in _data_dir().iterdir() if entry.is_file())
    return tuple(sorted(int(stem) for stem in stems if stem.isdigit()))


def latest_year() -> int:
    """The latest tax year whose limits are on file."""
    return supported_years()[-1]


def _check_cited(where: str, entry: Any) -> None:
    if not isinstance(entry, dict):
        raise IncompleteDataError(f"{where}: must be an object with value, unit and reference")
    if entry.get("unit") not in UNITS:
        raise IncompleteDataError(f"{where}: unit must be one of {', '.join(sorted(UNITS))}")
    references = entry.get("reference")
    if not isinstance(references, list) or not references:
        raise IncompleteDataError(f"{where}: has no reference")
    for ref in references:
        if not isinstance(ref, dict) or not str(ref.get("title", "")).strip():
            raise IncompleteDataError(f"{where}: every reference needs a title")
        href = ref.get("href")
        if href is not None and not str(href).startswith("https://"):
            raise IncompleteDataError(f"{where}: reference href must be an https:// address")


def _check_value(where: str, name: str, value: Any, statute: dict[str, Any], year: int) -> None:
    if name == "catch_up_60_63" and value is None:
        if _in_force(statute, "super_catch_up_age_min", year) is not None:
            raise IncompleteDataError(f"{where}: value is required from {year} (the 60-63 catch-up is law)")
        return
    if name == "roth_ira_phase_out":
        if not isinstance(value, dict) or sorted(value) != sorted(PHASE_OUT_STATUSES):
            raise IncompleteDataError(f"{where}: needs ranges for {', '.join(PHASE_OUT_STATUSES)}")
        return
    if not isinstance(value, str) or not value.isdigit():
        raise IncompleteDataError(f"{where}: value must be whole dollars as a string (got {value!r})")


def check_year_document(document: dict[str, Any], statute: dict[str, Any] | None = None) -> None:
    """Raise IncompleteDataError unless every figure a year needs is there, with unit and citation."""
    statute = statute if statute is not None else _read(STATUTE_FILE)
    year = document.get("tax_year")
    if not isinstance(year, int):
        raise IncompleteDataError("tax_year: must be a whole number")
    if not document.get("verified"):
        raise IncompleteDataError(f"{year}: verified: the date the figures were checked is required")
    figures = document.get("figures")
    if not isinstance(figures, dict):
        raise IncompleteDataError(f"{year}: figures: missing")
    missing = [name for name in YEAR_FIGURES if name not in figures]
    if missing:
        raise IncompleteDataError(f"{year}: figures missing: {', '.join(missing)}")
    unknown = sorted(set(figures) - set(YEAR_FIGURES))
    if unknown:
        raise IncompleteDataError(f"{year}: unknown figures: {', '.join(unknown)}")
    for name in YEAR_FIGURES:
        where = f"{year}: {name}"
        _check_cited(where, figures[name])
        _check_value(where, name, figures[name].get("value"), statute, year)


def check_statute_document(statute: dict[str, Any]) -> None:
    for name, entry in statute["figures"].items():
        _check_cited(f"statute: {name}", entry)
        values = entry.get("values")
        if not isinstance(values, dict) or not values:
            raise IncompleteDataError(f"statute: {name}: values by date are required")
        for start in values:
            date.fromisoformat(start)


def _in_force(statute: dict[str, Any], name: str, year: int) -> Any:
    """The statute value in force on January 1 of ``year`` (None before the first date)."""
    values: dict[str, Any] = statute["figures"][name]["values"]
    first_day = date(year, 1, 1)
    current = None
    for start in sorted(values):
        if date.fromisoformat(start) <= first_day:
            current = values[start]
    return current


def _titles(entry: dict[str, Any]) -> str:
    return "; ".join(ref["title"] for ref in entry["reference"])


def _phase_outs(raw: dict[str, list[str]], mfs: list[str]) -> dict[FilingStatus, PhaseOut]:
    bands = {**raw, FilingStatus.MARRIED_SEPARATE.value: mfs}
    return {
        FilingStatus(status): PhaseOut(start=Decimal(start), end=Decimal(end))
        for status, (start, end) in bands.items()
    }


def build_limits(document: dict[str, Any], statute: dict[str, Any]) -> Limits:
    """Limits from one year document and the statute document (both checked first)."""
    check_statute_document(statute)
    check_year_document(document, statute)
    year: int = document["tax_year"]
    figures: dict[str, Any] = document["figures"]
    values: dict[str, Any] = {name: entry["value"] for name, entry in figures.items()}
    entries = dict(figures)
    for name, entry in statute["figures"].items():
        if name != "roth_ira_mfs_phase_out":
            values[name] = _in_force(statute, name, year)
        entries[name] = entry
    mfs = _in_force(statute, "roth_ira_mfs_phase_out", year)
    values["roth_ira_phase_out"] = _phase_outs(values["roth_ira_phase_out"], mfs)
    values["roth_catch_up_enforced"] = values.pop("roth_catch_up_required")
    return Limits(
        tax_year=year,
        verified=document["verified"],
        sources={name: _titles(entry) for name, entry in entries.items()},
        references={
            name: tuple(Reference.model_validate(ref) for ref in entry["reference"])
            for name, entry in entries.items()
        },
        **values,
    )


@cache
def statute_document() -> dict[str, Any]:
    return _read(STATUTE_FILE)


@cache
def limits_for(year: int) -> Limits:
    """The limits for ``year``; raises UnsupportedYearError naming the years on file."""
    if year not in supported_years():
        raise UnsupportedYearError(year)
    return build_limits(_read(f"{year}.json"), statute_document())
