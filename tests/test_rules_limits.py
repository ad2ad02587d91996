"""Limits as data: one file per year, every figure sourced, unknown years refused."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from rules import UnsupportedYearError, limits_for, supported_years
from rules.models import FilingStatus
from tests.helpers import D

EXPECTED = {
    # year: (402(g), 50+, 60-63, 415(c), 401(a)(17), HCE, IRA, IRA c/u, HSA self, HSA fam, SS base)
    2024: (23000, 7500, None, 69000, 345000, 155000, 7000, 1000, 4150, 8300, 168600),
    2025: (23500, 7500, 11250, 70000, 350000, 160000, 7000, 1000, 4300, 8550, 176100),
    2026: (24500, 8000, 11250, 72000, 360000, 160000, 7500, 1100, 4400, 8750, 184500),
}
ROTH = {
    2024: {"single": (146000, 161000), "mfj": (230000, 240000)},
    2025: {"single": (150000, 165000), "mfj": (236000, 246000)},
    2026: {"single": (153000, 168000), "mfj": (242000, 252000)},
}


def test_supported_years_are_the_files_on_disk() -> None:
    assert supported_years() == (2024, 2025, 2026)


@pytest.mark.parametrize("year", sorted(EXPECTED))
def test_each_years_figures(year: int) -> None:
    lim = limits_for(year)
    got = (
        lim.elective_deferral_limit, lim.catch_up_50, lim.catch_up_60_63,
        lim.annual_additions_limit, lim.compensation_limit, lim.hce_threshold,
        lim.ira_limit, lim.ira_catch_up, lim.hsa_self_only, lim.hsa_family,
        lim.social_security_wage_base,
    )
    assert got == tuple(None if v is None else D(v) for v in EXPECTED[year])
    assert lim.hsa_catch_up_55 == D(1000)
    for status, (start, end) in ROTH[year].items():
        band = lim.roth_ira_phase_out[FilingStatus(status)]
        assert (band.start, band.end) == (D(start), D(end))
    phase_outs = lim.roth_ira_phase_out
    assert phase_outs[FilingStatus.HEAD_OF_HOUSEHOLD] == phase_outs[FilingStatus.SINGLE]
    mfs = lim.roth_ira_phase_out[FilingStatus.MARRIED_SEPARATE]
    assert (mfs.start, mfs.end) == (D(0), D(10000))


def test_roth_catch_up_threshold_enforced_only_from_2026() -> None:
    assert not limits_for(2024).roth_catch_up_enforced
    assert not limits_for(2025).roth_catch_up_enforced
    assert limits_for(2026).roth_catch_up_enforced
    assert limits_for(2026).roth_catch_up_wage_threshold == D(150000)


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_every_figure_cites_an_irs_source(year: int) -> None:
    text = resources.files("rules").joinpath("data", f"{year}.json").read_text()
    figures = json.loads(text)["figures"]
    for name, entry in figures.items():
        titles = " ".join(ref["title"] for ref in entry["reference"])
        assert any(mark in titles for mark in ("IRS", "IRC", "SSA")), name
        assert "value" in entry
        assert all(ref["href"].startswith("https://") for ref in entry["reference"]), name


@pytest.mark.parametrize("year", [2023, 2027, 1999])
def test_unsupported_year_names_supported_years(year: int) -> None:
    with pytest.raises(UnsupportedYearError) as info:
        limits_for(year)
    assert str(year) in str(info.value)
    assert "2024, 2025, 2026" in str(info.value)
    assert ("not yet published" in str(info.value)) is (year > 2026)
