"""The verdict and the route, from the Summary Plan Description answers."""

from __future__ import annotations

from rules.models import Answer, PlanType, Route, Verdict


def verdict(
    plan_type: PlanType,
    after_tax_allowed: Answer,
    in_plan_conversion: Answer,
    in_service_withdrawal: Answer,
) -> Verdict:
    """Whether the mega backdoor Roth works in this plan.

    A governmental 457(b) has no after-tax (non-Roth) source, so it never does.
    """
    if plan_type is PlanType.GOV_457B or after_tax_allowed is Answer.NO:
        return Verdict.NOT_AVAILABLE
    routes = (in_plan_conversion, in_service_withdrawal)
    if after_tax_allowed is Answer.UNSURE:
        return Verdict.UNKNOWN
    if Answer.YES in routes:
        return Verdict.AVAILABLE
    if Answer.UNSURE in routes:
        return Verdict.UNKNOWN
    return Verdict.AFTER_SEPARATION_ONLY


def route(verdict_: Verdict, in_plan_conversion: Answer, in_service_withdrawal: Answer) -> Route | None:
    """In-plan conversion is preferred when offered (no rollover paperwork, no pro-rata)."""
    if verdict_ is not Verdict.AVAILABLE:
        return None
    if in_plan_conversion is Answer.YES:
        return Route.IN_PLAN_CONVERSION
    if in_service_withdrawal is Answer.YES:
        return Route.IN_SERVICE_WITHDRAWAL
    return None


def after_tax_possible(plan_type: PlanType, after_tax_allowed: Answer) -> bool:
    """Room is computed when after-tax money may be allowed (provisionally when unsure)."""
    return plan_type is not PlanType.GOV_457B and after_tax_allowed is not Answer.NO
