"""From the answers that apply to the rules engine's input (the same dict the JSON CLI takes)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flows.facts import ELSEWHERE, Facts
from flows.questions import QUESTIONS, Kind
from rules.contributions import percent_of_pay_contribution
from rules.limits import limits_for

DIRECT = {
    "plan_type", "after_tax_allowed", "in_plan_conversion", "in_service_withdrawal", "age",
    "business_type", "compensation", "after_tax_cap_percent", "pay_frequency",
    "pay_periods_remaining", "filing_status", "magi", "pretax_ira_balance", "true_up",
    "separate_accounting", "pretax_balance", "after_tax_balance", "prior_year_fica_wages",
    "conversion_frequency", "marginal_tax_rate_percent", "expected_return_percent",
    "years_until_retirement", "deferral_percent",
}


def applicable_answers(facts: Facts) -> dict[str, Any]:
    """Answered questions that still apply (a changed answer can make later ones moot)."""
    return {
        q.id: facts.answers[q.id]
        for q in QUESTIONS
        if q.kind is not Kind.CHECKPOINT and facts.answered(q.id) and q.applies(facts)
    }


def resolved_deferrals(facts: Facts, raw: Any) -> Decimal:
    """Deferrals as dollars: "max" is what this plan can still take (after other plans), within pay."""
    if raw != "max":
        return Decimal(raw)
    limit = facts.deferral_room_here
    return min(limit, facts.pay) if facts.pay is not None else limit


def resolved_employer(facts: Facts, raw: Any) -> Decimal | None:
    """Employer dollars for the engine (a match formula goes to the engine as its own fields)."""
    if raw == "max":
        return None  # the engine assumes the solo 401(k) maximum
    limits = limits_for(facts.tax_year)
    pay = facts.pay or Decimal(0)
    if "percent" in raw:
        return percent_of_pay_contribution(limits, pay, Decimal(raw["percent"]))
    return Decimal(raw["dollars"])


def fica_proxy_applies(facts: Facts) -> bool:
    """Catch-up age from 2026, W-2 pay here and last year's FICA wages not given: this year's pay
    from this employer stands in for them (as the engine's HCE check does), so the Roth catch-up
    rule is not missed."""
    limits = limits_for(facts.tax_year)
    answers = applicable_answers(facts)
    return (
        limits.roth_catch_up_enforced and (facts.age or 0) >= limits.catch_up_age and not facts.is_sole_prop
        and answers.get("compensation") is not None and answers.get("prior_year_fica_wages") is None
    )


def engine_input(facts: Facts) -> dict[str, Any]:
    """The rules engine's input for these answers (skipped answers are simply left out)."""
    answers = applicable_answers(facts)
    data: dict[str, Any] = {"tax_year": facts.tax_year}
    data.update({k: v for k, v in answers.items() if k in DIRECT and v is not None})
    if any(answers.get(qid) is not None for qid in ELSEWHERE):
        data["deferrals_elsewhere"] = facts.deferrals_elsewhere
    if "employee_deferrals" in answers:
        data["employee_deferrals"] = resolved_deferrals(facts, answers["employee_deferrals"])
    employer_answer = answers.get("employer_contributions")
    if isinstance(employer_answer, dict) and _is_formula(employer_answer, data):  # the engine works it
        data.update(employer_formula(employer_answer))
    elif employer_answer is not None:
        employer = resolved_employer(facts, employer_answer)
        if employer is not None:
            data["employer_contributions"] = employer
    return data


def _is_formula(answer: dict[str, str], data: dict[str, Any]) -> bool:
    """A match, or a % of pay the engine can work (it needs the pay)."""
    return "match" in answer or ("percent" in answer and data.get("compensation") is not None)


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
