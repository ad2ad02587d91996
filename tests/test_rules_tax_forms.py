"""Tax season. What Form 1099-R shows for the route (in-plan conversion: code
G, basis in box 5, earnings taxable; in-service withdrawal: the split rollover of Notice 2014-54)
and the Form 8606 lines of a backdoor, every box and line cited, through `python -m rules assess`."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.tax_forms import FORMS_FILE, conversion_code, forms_document
from tests.helpers import assess_cli, run
from tests.test_rules_data import DATA

CHEN = {"tax_year": 2025, "age": 45, "compensation": 450000, "employee_deferrals": 23500,
        "employer_contributions": 22500, "after_tax_allowed": "yes"}


def form(result: dict[str, Any], title_part: str) -> dict[str, Any]:
    forms: list[dict[str, Any]] = result["tax_forms"]
    (found,) = [f for f in forms if title_part in f["title"]]
    return found


def boxes(found: dict[str, Any]) -> dict[str, Any]:
    """Each line's money, ratio or code, by its name on the form ("Box 7", "Line 18")."""
    return {line["line"]: line["shows"] or line["amount"] if line["ratio"] is None else line["ratio"]
            for line in found["lines"]}


def test_in_plan_conversion_1099r_code_g_basis_in_box_5_earnings_taxable() -> None:
    result = assess_cli(**CHEN, in_plan_conversion="yes", conversion_frequency="monthly")
    (warning,) = [w for w in result["warnings"] if w["code"] == "earnings_taxable_on_conversion"]
    earnings = warning["details"]["estimated_earnings"]  # the same estimate as the warning's
    assert earnings > 0
    plan = form(result, "in-plan Roth rollover")
    assert plan["form"] == "Form 1099-R"
    assert boxes(plan) == {"Box 1": 24000 + earnings, "Box 2a": earnings, "Box 5": 24000, "Box 7": "G"}
    assert boxes(form(result, "Form 1040")) == {
        "Line 5a": 24000 + earnings, "Line 5b": earnings}
    assert "January 31" in plan["notes"][0]


def test_converted_automatically_nothing_taxable_and_without_a_frequency_the_earnings_are_left_open() -> None:
    auto = form(assess_cli(**CHEN, in_plan_conversion="yes", conversion_frequency="immediate"), "in-plan")
    assert boxes(auto)["Box 2a"] == 0
    unknown = form(assess_cli(**CHEN, in_plan_conversion="yes"), "in-plan")
    assert boxes(unknown)["Box 1"] is None
    assert boxes(unknown)["Box 5"] == 24000
    assert "not estimated without a conversion frequency" in unknown["lines"][1]["note"]


def test_in_service_withdrawal_is_the_split_rollover_of_notice_2014_54() -> None:
    result = assess_cli(**CHEN, in_plan_conversion="no", in_service_withdrawal="yes",
                        conversion_frequency="quarterly", separate_accounting="yes")
    roth = form(result, "sent to your Roth IRA")
    earnings = form(result, "sent to a traditional IRA")
    assert "Notice 2014-54" in roth["source"]
    assert boxes(roth) == {"Box 1": 24000, "Box 2a": 0, "Box 5": 24000, "Box 7": "G"}
    assert boxes(earnings)["Box 2a"] == 0
    assert boxes(earnings)["Box 7"] == "G"
    assert boxes(earnings)["Box 1"] > 0
    assert boxes(form(result, "Form 1040")) == {"Line 5a": 24000 + boxes(earnings)["Box 1"], "Line 5b": 0}
    assert not any("pre-tax money in proportion" in note for note in roth["notes"])  # separate accounting
    mixed = assess_cli(**CHEN, in_plan_conversion="no", in_service_withdrawal="yes")
    assert any("pre-tax money in proportion" in note for note in form(mixed, "Roth IRA")["notes"])


def test_backdoor_form_8606_lines_reach_the_engines_taxable_amount() -> None:
    """2025, $93,000 pre-tax IRA, $7,000 converted: line 10 0.070, line 11 $490, line 18 $6,510."""
    result = assess_cli(tax_year=2025, age=45, filing_status="single", magi=300000, pretax_ira_balance=93000)
    lines = boxes(form(result, "Form 8606"))
    assert lines == {"Line 1": 7000, "Line 2": 0, "Line 3": 7000, "Line 5": 7000, "Line 6": 93000,
                     "Line 8": 7000, "Line 9": 100000, "Line 10": 0.07, "Line 11": 490, "Line 14": 6510,
                     "Line 16": 7000, "Line 17": 490, "Line 18": 6510}
    assert lines["Line 18"] == result["backdoor_taxable_amount"]
    assert boxes(form(result, "IRA custodian")) == {"Box 1": 7000, "Box 2a": 7000, "Box 7": "2"}
    assert boxes(form(result, "Form 1040")) == {"Line 4a": 7000, "Line 4b": 6510}
    assert [f["form"] for f in result["tax_forms"]] == ["Form 1099-R", "Form 8606", "Form 1040"]


def test_without_a_pre_tax_balance_the_8606_says_it_assumed_none() -> None:
    result = assess_cli(tax_year=2025, age=45, filing_status="single", magi=300000)
    found = form(result, "Form 8606")
    assert boxes(found)["Line 18"] == 0
    assert any("not given" in note for note in found["notes"])


@pytest.mark.parametrize(("age", "code"), [(45, "2"), (58, "2"), (59, "2 or 7"), (60, "2 or 7"),
                                           (61, "7"), (75, "7")])
def test_the_conversion_code_follows_age_59_and_a_half(age: int, code: str) -> None:
    codes = forms_document()["forms"]["backdoor_1099r"]["lines"][2]["codes"]
    assert conversion_code(codes, age) == code


def test_no_route_and_no_backdoor_no_forms() -> None:
    assert run(tax_year=2025, age=45, after_tax_allowed="unsure").tax_forms is None
    assert run(**CHEN, in_plan_conversion="no", in_service_withdrawal="no").tax_forms is None
    direct = run(tax_year=2025, age=45, filing_status="single", magi=100000, pretax_ira_balance=5000)
    assert direct.tax_forms is None  # a direct Roth IRA contribution converts nothing


def test_every_form_line_in_the_data_is_cited() -> None:
    document = json.loads((DATA / FORMS_FILE).read_text(encoding="utf-8"))
    entries = [*document["forms"].values(), *document["notes"].values()]
    entries += [line for entry in document["forms"].values() for line in entry["lines"]]
    for entry in entries:
        assert entry["reference"], entry
        for ref in entry["reference"]:
            assert ref["title"].strip(), ref
            assert ref["href"].startswith(("https://www.irs.gov/", "https://www.law.cornell.edu/")), ref


def test_every_line_given_has_its_source() -> None:
    result = run(**CHEN, in_plan_conversion="yes", filing_status="single", magi=300000,
                 pretax_ira_balance=1000)
    assert result.tax_forms is not None
    assert all(line.source.startswith(("Instructions for", "IRS Notice", "IRC"))
               for f in result.tax_forms for line in f.lines)


money = st.decimals(min_value=0, max_value=5_000_000, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(balance=money, age=st.integers(18, 90), magi=st.integers(250_000, 2_000_000))
def test_8606_lines_add_up(balance: Decimal, age: int, magi: int) -> None:
    """Line 11 + line 18 = line 8; line 18 is the engine's backdoor_taxable_amount, within 0..line 8."""
    result = run(tax_year=2026, age=age, filing_status="single", magi=magi, pretax_ira_balance=balance)
    assert result.tax_forms is not None
    (found,) = [f for f in result.tax_forms if f.form == "Form 8606"]
    lines = {line.line: line for line in found.lines}
    converted, taxable, nontaxable = (lines[n].amount for n in ("Line 8", "Line 18", "Line 11"))
    assert converted is not None
    assert taxable is not None
    assert nontaxable is not None
    assert nontaxable + taxable == converted
    assert taxable == result.backdoor_taxable_amount
    assert 0 <= taxable <= converted
    assert lines["Line 9"].amount == balance + converted
