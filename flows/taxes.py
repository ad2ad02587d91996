"""/taxes: the words of tax season, from the engine's ``tax_forms`` (every box and line cited).

A source reads "Document, section" ("Instructions for Form 8606, line 10"): each line cites its
document by number and its section ("[3: line 10]"), and the documents are listed once at the end.
"""

from __future__ import annotations

from typing import Any

from flows.money_words import money
from rules.models import Route, Verdict

TAXES_TITLE = "Tax season"


def _amount(line: dict[str, Any]) -> str:
    if line["shows"] is not None:
        return str(line["shows"])
    if line["ratio"] is not None:
        return f"{line['ratio']:.3f}"
    if line["amount"] is None:
        return "your plan's figure"
    return ("about " if line["estimate"] else "") + money(line["amount"])


def _cite(source: str, sources: list[str]) -> str:
    """[n] for a whole document, [n: section; section] for parts of one; several documents: each."""
    by_document: dict[str, list[str]] = {}
    for reference in source.split("; "):
        document, _, section = reference.partition(", ")
        by_document.setdefault(document, [])
        if section:
            by_document[document].append(section)
    cites = []
    for document, sections in by_document.items():
        if document not in sources:
            sources.append(document)
        number = sources.index(document) + 1
        cites.append(f"[{number}: {'; '.join(sections)}]" if sections else f"[{number}]")
    return " ".join(cites)


def form_lines(form: dict[str, Any], sources: list[str]) -> list[str]:
    lines = [form["title"]]  # its lines carry the citations
    for line in form["lines"]:
        note = f" ({line['note']})" if line["note"] else ""
        cite = _cite(line["source"], sources)
        lines.append(f"• {line['line']} {line['label']}: {_amount(line)}{note} {cite}")
    lines.extend(f"  {note}" for note in form["notes"])
    return lines


def _missing_route(result: dict[str, Any]) -> str | None:
    """Why no plan form is shown, when the mega backdoor has no route yet."""
    if result["verdict"] == Verdict.UNKNOWN.value:
        return ("Your plan's route is not confirmed yet: once the administrator confirms an in-plan "
                "conversion or in-service withdrawal, /taxes shows its Form 1099-R.")
    if result["verdict"] == Verdict.NOT_AVAILABLE.value:
        return ("No plan Form 1099-R: the plan takes no after-tax money. A backdoor Roth IRA would get "
                "one from the IRA's custodian, and Form 8606 from you.")
    if result["verdict"] == Verdict.AFTER_SEPARATION_ONLY.value:
        return "No plan Form 1099-R this year: the after-tax money moves when you leave this job."
    if result["route"] is not None and not result["after_tax_room"]:
        return "No after-tax room this year, so no conversion to report from the plan."
    closed = bool(result.get("contributions_closed"))
    if result["route"] is not None and closed and not result["tax_forms_after_tax"]:
        return (f"No after-tax money went in for {result['tax_year']}, so no conversion to report from "
                "the plan.")
    return None


def _intro(result: dict[str, Any]) -> list[str]:
    year = result["tax_year"]
    lines: list[str] = []
    routed = result["route"] in (Route.IN_PLAN_CONVERSION.value, Route.IN_SERVICE_WITHDRAWAL.value)
    forms_for = result.get("tax_forms_after_tax")
    if not routed or not result["after_tax_room"]:
        return lines
    if result.get("contributions_closed") and result["after_tax_over"] and forms_for:  # over: the room's
        lines.append(f"For {year}'s after-tax money within its room ({money(forms_for)}), converted; the "
                     f"{money(result['after_tax_over'])} over is corrected with its own Form 1099-R:")
    elif result.get("contributions_closed") and result["after_tax_so_far"] and forms_for:  # what went in
        lines.append(f"For the after-tax money that went in for {year} ({money(forms_for)}), converted:")
    elif result.get("contributions_closed") and forms_for:  # what went in not given: the room
        lines.append(f"If {year}'s after-tax room ({money(forms_for)}) went in and was converted:")
    elif not result.get("contributions_closed"):
        lines.append(f"If you fill your {year} after-tax room ({money(result['after_tax_room'])}) and "
                     "convert all of it:")
    return lines


def tax_lines(result: dict[str, Any]) -> list[str]:
    """The forms this person's route and backdoor lead to, each line with its source."""
    forms: list[dict[str, Any]] = list(result.get("tax_forms") or [])
    lines = _intro(result)
    missing = _missing_route(result)
    if missing:
        lines.append(missing)
    sources: list[str] = []
    for form in forms:
        lines.extend(form_lines(form, sources))
    if not forms and not missing:
        lines.append("No conversion to report for your answers. A backdoor Roth IRA's Form 8606 "
                     "shows here once you answer the optional Roth IRA checks (filing status, MAGI).")
    lines.extend(f"[{n}] {source}" for n, source in enumerate(sources, start=1))
    return lines
