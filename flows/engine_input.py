"""From the answers that apply to the rules engine's input (the same dict the JSON CLI takes), and
the engine's answer for them (``compute``)."""

from __future__ import annotations

from typing import Any

from flows.facts import ELSEWHERE, Facts
from flows.questions import QUESTIONS, Kind
from rules import assess_json

DIRECT = {
    "plan_type", "after_tax_allowed", "in_plan_conversion", "in_service_withdrawal", "age",
    "business_type", "compensation", "after_tax_cap_percent", "pay_frequency",
    "pay_periods_remaining", "filing_status", "magi", "pretax_ira_balance", "true_up",
    "separate_accounting", "pretax_balance", "after_tax_balance", "prior_year_fica_wages",
    "conversion_frequency", "marginal_tax_rate_percent", "expected_return_percent",
    "years_until_retirement", "deferral_percent", "after_tax_so_far", "prior_ira_basis",
}
#: Questions whose id is not the engine's field name (a Telegram button carries the id: short).
RENAMED = {"day_job_ss_wages": "social_security_wages_elsewhere"}


def applicable_answers(facts: Facts) -> dict[str, Any]:
    """Answered questions that still apply (a changed answer can make later ones moot)."""
    return {
        q.id: facts.answers[q.id]
        for q in QUESTIONS
        if q.kind is not Kind.CHECKPOINT and facts.answered(q.id) and q.applies(facts)
    }


def employer_fields(raw: Any, data: dict[str, Any]) -> dict[str, Any]:
    """The employer answer as the engine's fields: dollars as given, a formula (match tiers, a %
    of pay) for the engine to work, "max" left out (the engine assumes the solo maximum)."""
    if raw == "max":
        return {}
    if "dollars" in raw:
        return {"employer_contributions": raw["dollars"]}
    if "match" not in raw and data.get("compensation") is None:  # a % of no pay known: nothing
        return {"employer_contributions": "0"}
    return employer_formula(raw)


def engine_input(facts: Facts) -> dict[str, Any]:
    """The rules engine's input for these answers (skipped answers are simply left out)."""
    answers = applicable_answers(facts)
    data: dict[str, Any] = {"tax_year": facts.tax_year}
    if facts.year_closed and facts.after_tax_possible:  # the year is over: nothing more goes in
        data["contributions_closed"] = True
    if facts.provisional_year:  # next year on this year's limits: the warnings name the year planned
        data["planned_year"] = facts.planned_year
    data.update({k: v for k, v in answers.items() if k in DIRECT and v is not None})
    data.update({RENAMED[k]: v for k, v in answers.items() if k in RENAMED and v is not None})
    if any(answers.get(qid) is not None for qid in ELSEWHERE):
        data["deferrals_elsewhere"] = facts.deferrals_elsewhere
    deferrals = answers.get("employee_deferrals")
    if deferrals == "max":  # the engine works out what this plan can still take, within pay
        data["employee_deferrals_max"] = True
    elif deferrals is not None:
        data["employee_deferrals"] = deferrals
    if answers.get("employer_contributions") is not None:
        data.update(employer_fields(answers["employer_contributions"], data))
    if data.get("compensation") is not None and "prior_year_fica_wages" not in data:
        data["fica_wages_from_pay"] = True  # the engine says when this year's pay stands in
    return data


def employer_formula(answer: dict[str, str]) -> dict[str, Any]:
    """The stored formula as the engine's fields: one tier as match_percent/match_up_to_percent,
    more as match_tiers ("match_2"/"up_to_2" ...), a % of pay as nonelective_percent."""
    fields: dict[str, Any] = {}
    if "percent" in answer:
        fields["nonelective_percent"] = answer["percent"]
    if "match_2" in answer:
        fields["match_tiers"] = [
            {"match_percent": answer[f"match{s}"], "next_percent": answer[f"up_to{s}"]}
            for s in ("", "_2", "_3") if f"match{s}" in answer
        ]
    elif "match" in answer:
        fields |= {"match_percent": answer["match"], "match_up_to_percent": answer["up_to"]}
    return fields


def compute(facts: Facts) -> dict[str, Any]:
    """The rules engine's answer for these answers: the same JSON the CLI prints for the same input."""
    return assess_json(engine_input(facts))
