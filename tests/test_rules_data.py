"""Every legal number of the engine lives in rules/data/, with a unit and a citation; the code holds
none; a year file is accepted only complete and cited (so adding 2027 is adding one file)."""

from __future__ import annotations

import ast
import copy
import json
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from rules import limits as limits_module
from rules.limits import (
    YEAR_FIGURES,
    IncompleteDataError,
    check_statute_document,
    check_year_document,
    limits_for,
    supported_years,
)
from tests.helpers import run

RULES = Path(limits_module.__file__).resolve().parent
DATA = RULES / "data"

# Arithmetic, not law: zero, one, and the 2 of "half" in algebra.
TRIVIAL = {Decimal(0), Decimal(1), Decimal(2)}
# Every other number the code may hold, and why it is not a legal figure. A value that happens to
# equal a legal figure must say so (the last element), so a reviewer sees the coincidence.
NOT_LAW: dict[tuple[str, Decimal], tuple[str, bool]] = {
    ("models.py", Decimal("10000000000")): ("input guard: money above $10 billion is a typo", False),
    ("models.py", Decimal(14)): ("input guard: youngest age accepted", False),
    ("models.py", Decimal(110)): ("input guard: oldest age accepted", False),
    ("models.py", Decimal(50)): ("input guard: expected return within +/-50%", True),
    ("models.py", Decimal(400)): ("input guard: a match above 400% of deferrals is a typo", False),
    ("models.py", Decimal(80)): ("input guard: at most 80 years until retirement", False),
    ("models.py", Decimal(100)): ("a percentage is at most 100", False),
    ("models.py", Decimal(52)): ("weekly paychecks in a year (calendar)", False),
    ("models.py", Decimal(26)): ("biweekly paychecks in a year (calendar)", False),
    ("models.py", Decimal(24)): ("semimonthly paychecks in a year (calendar)", False),
    ("models.py", Decimal(12)): ("monthly paychecks in a year (calendar)", False),
    ("models.py", Decimal(4)): ("quarterly contributions in a year (calendar)", False),
    ("money.py", Decimal("0.01")): ("one cent", False),
    ("money.py", Decimal(100)): ("percent to fraction", False),
    ("pitfalls.py", Decimal(7)): ("the seed articles' illustrative return, labelled as assumed", False),
    ("pitfalls.py", Decimal("0.0001")): ("a share shown to 0.01%", False),
    ("pitfalls.py", Decimal(100)): ("fraction to percent for display", False),
    ("paycheck.py", Decimal("0.000001")): ("a share of pay to six places before a whole %", False),
    ("projection.py", Decimal(365)): ("days in a year (calendar)", False),
    ("projection.py", Decimal(24)): ("half a month is a 24th of a year", False),
    ("projection.py", Decimal(8)): ("half a quarter is an 8th of a year", False),
}


def numbers_in_code(path: Path) -> Iterator[tuple[int, Decimal]]:
    """Numeric literals, and numeric strings given to Decimal(...), with their line."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            yield node.lineno, Decimal(str(node.value))
        if (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Decimal"
            and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, Decimal(node.args[0].value)


def numbers_in_data(value: Any) -> Iterator[Decimal]:
    if isinstance(value, dict):
        for item in value.values():
            yield from numbers_in_data(item)
    elif isinstance(value, list):
        for item in value:
            yield from numbers_in_data(item)
    elif isinstance(value, bool):
        return
    elif isinstance(value, int | float):
        yield Decimal(str(value))
    elif isinstance(value, str):
        try:
            yield Decimal(value)
        except ArithmeticError:
            return


def data_documents() -> dict[str, dict[str, Any]]:
    files = [*DATA.glob("*.json"), *DATA.glob("pending/*.json")]
    return {str(p.relative_to(DATA)): json.loads(p.read_text(encoding="utf-8")) for p in files}


def legal_numbers() -> set[Decimal]:
    found: set[Decimal] = set()
    for document in data_documents().values():
        for entry in document["figures"].values():
            found.update(numbers_in_data(entry.get("value", entry.get("values"))))
    return found


def test_no_bare_legal_number_in_rules_code() -> None:
    bare = [
        f"{path.name}:{line}: {number}"
        for path in sorted(RULES.glob("*.py"))
        for line, number in numbers_in_code(path)
        if number not in TRIVIAL and (path.name, number) not in NOT_LAW
    ]
    assert bare == [], "legal numbers belong in rules/data/ with a citation: " + ", ".join(bare)


def test_the_scan_finds_a_legal_number_and_the_allowances_are_not_law(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text('from decimal import Decimal\nAGE = 50\nRATE = Decimal("0.25")\n')
    assert [n for _, n in numbers_in_code(planted)] == [Decimal(50), Decimal("0.25")]
    law = legal_numbers()
    assert {Decimal(50), Decimal("0.25"), Decimal(23500), Decimal(65)} <= law
    for (name, number), (_, coincides) in NOT_LAW.items():
        assert (number in law) == coincides, f"{name}: {number}"


def _citations_ok(where: str, entry: dict[str, Any]) -> None:
    assert entry["unit"] in limits_module.UNITS, where
    assert entry["reference"], where
    for ref in entry["reference"]:
        assert ref["title"].strip(), where
        assert ref["href"].startswith("https://"), where


@pytest.mark.parametrize("name", sorted(data_documents()))
def test_every_figure_has_a_unit_and_a_public_citation(name: str) -> None:
    for figure, entry in data_documents()[name]["figures"].items():
        _citations_ok(f"{name}: {figure}", entry)


def test_statute_values_are_dated() -> None:
    statute = data_documents()["statute.json"]
    check_statute_document(statute)
    assert all(entry["values"] for entry in statute["figures"].values())


@pytest.mark.parametrize("year", supported_years())
def test_each_year_on_file_is_complete(year: int) -> None:
    document = data_documents()[f"{year}.json"]
    check_year_document(document)
    assert set(document["figures"]) == set(YEAR_FIGURES)


def test_statute_figures_reach_the_engine() -> None:
    lim = limits_for(2025)
    assert (lim.catch_up_age, lim.super_catch_up_age_min, lim.super_catch_up_age_max) == (50, 60, 63)
    assert limits_for(2024).super_catch_up_age_min is None  # SECURE 2.0's 60-63 starts in 2025
    assert lim.plan_contribution_rate == Decimal("0.25")
    assert (lim.se_net_earnings_factor, lim.se_social_security_rate, lim.se_medicare_rate) == (
        Decimal("0.9235"), Decimal("0.124"), Decimal("0.029"))
    assert (lim.hsa_catch_up_age, lim.medicare_age, lim.ira_catch_up_age) == (55, 65, 50)
    assert (lim.roth_ira_minimum, lim.roth_ira_rounding_step, lim.roth_ira_ratio_places) == (
        Decimal(200), Decimal(10), 3)
    assert lim.references["catch_up_age"][0].href == "https://www.law.cornell.edu/uscode/text/26/414#v_5_A"


def test_hce_look_back_is_the_prior_years_figure() -> None:
    """IRC 414(q)(1)(B): the figure listed for Y-1 tests Y-1 pay for plan year Y."""
    for year in supported_years()[1:]:
        assert limits_for(year).hce_look_back_threshold == limits_for(year - 1).hce_threshold
    pending = data_documents()["pending/2027.json"]["figures"]
    assert Decimal(pending["hce_look_back_threshold"]["value"]) == limits_for(2026).hce_threshold


# -- 2027: one file, accepted only complete and cited -------------------------------------------


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of rules/data the loader reads instead (caches cleared before and after)."""
    copy_dir = tmp_path / "data"
    shutil.copytree(DATA, copy_dir)
    monkeypatch.setattr(limits_module, "_data_dir", lambda: copy_dir)
    for cached in (limits_module.supported_years, limits_module.limits_for, limits_module.statute_document):
        cached.cache_clear()
    yield copy_dir
    monkeypatch.undo()
    for cached in (limits_module.supported_years, limits_module.limits_for, limits_module.statute_document):
        cached.cache_clear()


def stand_in_2027() -> dict[str, Any]:
    """A test fixture only: 2026's figures relabelled 2027, NOT the 2027 limits (unpublished)."""
    document = copy.deepcopy(data_documents()["2026.json"])
    document["tax_year"] = 2027
    return document


def test_a_complete_cited_2027_file_is_accepted(data_dir: Path) -> None:
    (data_dir / "2027.json").write_text(json.dumps(stand_in_2027()), encoding="utf-8")
    assert supported_years()[-1] == 2027
    result = run(tax_year=2027, age=45, compensation=100000, after_tax_allowed="yes",
                 in_plan_conversion="yes")
    assert result.tax_year == 2027
    assert result.annual_additions_limit == Decimal(72000)  # the stand-in's figure, read from the file


@pytest.mark.parametrize("damage", ["drop", "no_reference", "no_unit", "untitled", "http"])
def test_an_incomplete_or_uncited_year_file_is_refused(data_dir: Path, damage: str) -> None:
    document = stand_in_2027()
    entry = document["figures"]["annual_additions_limit"]
    if damage == "drop":
        del document["figures"]["annual_additions_limit"]
    elif damage == "no_reference":
        entry["reference"] = []
    elif damage == "no_unit":
        del entry["unit"]
    elif damage == "untitled":
        entry["reference"][0]["title"] = " "
    else:
        entry["reference"][0]["href"] = "http://example.invalid/notice.pdf"
    (data_dir / "2027.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(IncompleteDataError, match="annual_additions_limit"):
        limits_for(2027)


def test_2027_is_pending_with_only_what_is_published() -> None:
    """Rev. Proc. 2026-24 (HSA) and SSA (wage base) have published; the plan and IRA limits have not.
    The pending file carries the published figures, cited, and is refused as a year until complete."""
    pending = data_documents()["pending/2027.json"]
    figures = pending["figures"]
    assert 2027 not in supported_years()
    assert {name: Decimal(entry["value"]) for name, entry in figures.items()} == {
        "hsa_self_only": Decimal(4500), "hsa_family": Decimal(9000),
        "social_security_wage_base": Decimal(192300), "hce_look_back_threshold": Decimal(160000),
    }
    assert "Rev. Proc. 2026-24" in figures["hsa_self_only"]["reference"][0]["title"]
    with pytest.raises(IncompleteDataError) as refused:
        check_year_document(pending)
    missing = str(refused.value).split("figures missing: ")[1].split(", ")
    assert set(missing) == set(YEAR_FIGURES) - set(figures)
    assert "elective_deferral_limit" in missing
    assert "annual_additions_limit" in missing
