"""Tax season: what Form 1099-R, Form 8606 and Form 1040 show for this person's route.

The forms' facts (which box, which line, which code) are data with their IRS instruction
(``rules/data/tax_forms.json``); this module only puts this person's figures in them:

* in-plan Roth conversion: one Form 1099-R from the plan, code G, the after-tax basis in box 5,
  the earnings (box 2a) taxable (Instructions for Forms 1099-R and 5498, Direct rollovers);
* in-service withdrawal: the split rollover of Notice 2014-54, the after-tax basis to the Roth
  IRA, the earnings to a traditional IRA, both direct rollovers (code G), nothing taxable;
* backdoor Roth IRA: the custodian's Form 1099-R (code 2 before 59½, 7 from it) and Form 8606
  Parts I and II, with line 18 the engine's ``backdoor_taxable_amount``.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

from rules.limits import Limits, limits_for
from rules.models import (
    Answer,
    AssessmentInput,
    ConversionFrequency,
    FormsRequest,
    IraRoute,
    Route,
    TaxForm,
    TaxFormLine,
)
from rules.money import ZERO, cents, dollars
from rules.pitfalls import ASSUMED_RETURN_PERCENT
from rules.projection import average_wait_days, earnings_before_conversion
from rules.roth_ira import _ratio as form_8606_ratio
from rules.roth_ira import backdoor_taxable_amount

FORMS_FILE = "tax_forms.json"
PLAN_FORMS = {
    Route.IN_PLAN_CONVERSION: ("in_plan_roth_rollover", "in_plan_roth_rollover_1040"),
    Route.IN_SERVICE_WITHDRAWAL: ("split_rollover_roth_ira", "split_rollover_traditional_ira",
                                  "split_rollover_1040"),
}
PRO_RATA_FORMS = ("split_rollover_roth_ira_pro_rata", "split_rollover_traditional_ira_pro_rata",
                  "split_rollover_1040")
BACKDOOR_FORMS = ("backdoor_1099r", "form_8606", "backdoor_1040")
ESTIMATED = frozenset({"earnings", "rolled_over"})


@cache
def forms_document() -> dict[str, Any]:
    text = resources.files("rules").joinpath("data", FORMS_FILE).read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def _source(entry: dict[str, Any]) -> str:
    return "; ".join(ref["title"] for ref in entry["reference"])


def early_distribution_age() -> Decimal:
    return Decimal(forms_document()["figures"]["early_distribution_age"]["value"])


def conversion_code(codes: dict[str, str], age_on_december_31: int) -> str:
    """Box 7 of an IRA conversion: code 2 before 59½, 7 from it. Age on December 31 is A: during
    the year the person was between A - 1 and A, so only A of 59 or 60 depends on the day."""
    before, after = codes["before_early_distribution_age"], codes["from_early_distribution_age"]
    threshold = early_distribution_age()
    if age_on_december_31 + 1 <= threshold:
        return before
    if age_on_december_31 - 1 >= threshold:
        return after
    return f"{before} or {after}"


class PlanFigures(NamedTuple):
    """The year's after-tax money and its earnings before conversion (None: not estimated)."""

    after_tax_basis: Decimal
    earnings: Decimal | None


def estimated_earnings(inp: AssessmentInput, room: Decimal) -> Decimal | None:
    """The earnings waiting to convert make taxable, as the ``earnings_taxable_on_conversion``
    warning estimates them (whole dollars); None when the conversion frequency is not given."""
    frequency = inp.conversion_frequency
    if frequency is None:
        return None
    if frequency is ConversionFrequency.IMMEDIATE:
        return ZERO
    rate = inp.expected_return_percent if inp.expected_return_percent is not None else ASSUMED_RETURN_PERCENT
    return dollars(earnings_before_conversion(room, rate, average_wait_days(frequency, inp.pay_frequency)))


def _plan_amounts(fig: PlanFigures) -> dict[str, Decimal | None]:
    total = None if fig.earnings is None else fig.after_tax_basis + fig.earnings
    return {"after_tax_basis": fig.after_tax_basis, "earnings": fig.earnings, "rolled_over": total,
            "zero": ZERO}


def basis_share(inp: AssessmentInput) -> Decimal | None:
    """Without separate accounting, the after-tax share of any in-service withdrawal: basis /
    account balance (IRC 72(e)(8)(B)); None with separate accounting or balances not given."""
    if inp.separate_accounting is Answer.YES or inp.pretax_balance is None or inp.after_tax_balance is None:
        return None
    whole = inp.pretax_balance + inp.after_tax_balance
    return inp.after_tax_balance / whole if whole > 0 else None


def pro_rata_amounts(withdrawn: Decimal, share: Decimal) -> dict[str, Decimal | None]:
    """A withdrawal of ``withdrawn`` splits by the basis share: the after-tax part to the Roth IRA
    (Notice 2014-54), the pre-tax part (earnings in it) to a traditional IRA."""
    basis = cents(withdrawn * share)
    return {"after_tax_basis": basis, "earnings": withdrawn - basis, "rolled_over": withdrawn,
            "zero": ZERO}


class Backdoor(NamedTuple):
    converted: Decimal
    balance: Decimal  # pre-tax IRA balance on December 31 (0 when not given, stated)
    taxable: Decimal  # the engine's backdoor_taxable_amount (Form 8606 line 18)
    ratio: Decimal  # line 10
    prior_basis: Decimal  # line 2 (0 when not given, stated)


def backdoor_figures(
    limits: Limits, converted: Decimal, balance: Decimal | None, prior_basis: Decimal | None = None
) -> Backdoor:
    line6, line2 = balance or ZERO, prior_basis or ZERO
    taxable = backdoor_taxable_amount(
        limits, converted=converted, pretax_ira_balance=line6, prior_basis=line2
    )
    ratio = form_8606_ratio(converted + line2, line6 + converted, limits.form_8606_ratio_places)
    return Backdoor(converted, line6, taxable, ratio, line2)


def _backdoor_amounts(b: Backdoor) -> dict[str, Decimal | None]:
    nontaxable = b.converted - b.taxable
    total_basis = b.converted + b.prior_basis  # line 3
    return {"ira_contribution": b.converted, "ira_converted": b.converted, "ira_balance": b.balance,
            "ira_total": b.balance + b.converted, "ira_ratio": b.ratio, "ira_nontaxable": nontaxable,
            "ira_prior_basis": b.prior_basis, "ira_total_basis": total_basis,
            "ira_basis_left": total_basis - nontaxable, "ira_taxable": b.taxable, "zero": ZERO}


def _line(entry: dict[str, Any], amounts: dict[str, Decimal | None], age: int) -> TaxFormLine:
    name = entry.get("amount")
    value = amounts.get(name) if name else None
    shows = entry.get("shows")
    if shows == "code_by_age":
        shows = conversion_code(entry["codes"], age)
    note = entry.get("note", "")
    if name and value is None:
        note = f"{note}; not estimated without a conversion frequency".lstrip("; ")
    return TaxFormLine(
        line=entry["line"], label=entry["label"],
        amount=None if name == "ira_ratio" else value,
        ratio=value if name == "ira_ratio" else None,
        shows=shows, estimate=name in ESTIMATED and value is not None and value > 0,
        note=note, source=_source(entry),
    )


def _form(key: str, amounts: dict[str, Decimal | None], age: int, notes: tuple[str, ...] = ()) -> TaxForm:
    entry = forms_document()["forms"][key]
    return TaxForm(
        form=entry["form"], title=entry["title"],
        lines=tuple(_line(line, amounts, age) for line in entry["lines"]),
        notes=notes, source=_source(entry),
    )


def _note(key: str) -> str:
    entry = forms_document()["notes"][key]
    return f"{entry['text']} [{_source(entry)}]"


def _plan_notes(inp: AssessmentInput, route: Route) -> dict[str, tuple[str, ...]]:
    if route is not Route.IN_SERVICE_WITHDRAWAL:
        return {}
    first = [_note("earnings_to_roth")]
    if inp.separate_accounting is not Answer.YES:
        first.append(_note("pro_rata_in_service"))
    return {"split_rollover_roth_ira": tuple(first)}


def plan_forms(inp: AssessmentInput, route: Route | None, room: Decimal) -> tuple[TaxForm, ...]:
    if route is None or room <= 0:
        return ()
    figures = PlanFigures(room, estimated_earnings(inp, room))
    amounts = _plan_amounts(figures)
    keys = PLAN_FORMS[route]
    share = basis_share(inp) if route is Route.IN_SERVICE_WITHDRAWAL else None
    if share is not None and share < 1:
        amounts = pro_rata_amounts(room + (figures.earnings or ZERO), share)
        keys = PRO_RATA_FORMS
    notes = _plan_notes(inp, route)
    notes = {PRO_RATA_FORMS[0]: notes[PLAN_FORMS[route][0]]} if keys is PRO_RATA_FORMS else notes
    return tuple(_form(key, amounts, inp.age, notes.get(key, ())) for key in keys)


def backdoor_forms(
    inp: AssessmentInput, limits: Limits, ira_route: IraRoute | None, converted: Decimal
) -> tuple[TaxForm, ...]:
    if ira_route not in (IraRoute.BACKDOOR, IraRoute.PARTIAL_DIRECT) or converted <= 0:
        return ()
    amounts = _backdoor_amounts(
        backdoor_figures(limits, converted, inp.pretax_ira_balance, inp.prior_ira_basis)
    )
    notes: tuple[str, ...] = () if inp.pretax_ira_balance is not None else (
        "Assumed: no pre-tax IRA balance on December 31 (not given); with one, line 6 holds it "
        "and part of the conversion is taxable.",)
    if inp.prior_ira_basis is None:
        notes += ("Assumed: no basis from earlier years' nondeductible contributions (line 2, "
                  "last year's Form 8606 line 14; not given).",)
    return tuple(_form(key, amounts, inp.age, notes if key == "form_8606" else ()) for key in BACKDOOR_FORMS)


def tax_forms_for(request: FormsRequest) -> tuple[TaxForm, ...] | None:
    """The forms for this year's route and backdoor, in the order they arrive; None if none apply."""
    inp, limits = request.inp, limits_for(request.tax_year)
    forms = plan_forms(inp, request.route, request.room) + backdoor_forms(
        inp, limits, request.ira_route, request.converted
    )
    if not forms:
        return None
    first = forms[0]  # when Forms 1099-R arrive: said once, on the first
    return (first.model_copy(update={"notes": (_note("furnish_by"), *first.notes)}), *forms[1:])
