"""What the verdict and the result say: short, mobile-first lines (renderers only format them)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rules.limits import limits_for
from rules.models import PlanType, Route, Verdict

ROUTE_NAMES = {
    Route.IN_PLAN_CONVERSION.value: "in-plan Roth conversion",
    Route.IN_SERVICE_WITHDRAWAL.value: "in-service withdrawal to a Roth IRA",
}
ADMINISTRATOR_QUESTIONS = (
    "1. Does our plan allow after-tax (non-Roth) contributions beyond the employee deferral limit?",
    "2. If yes, what is the maximum percentage of pay allowed for after-tax contributions?",
    "3. Does our plan allow in-service withdrawals of after-tax contributions?",
    "4. Does our plan allow in-plan Roth conversions of after-tax contributions?",
)
TOP_WARNINGS = 3


def money(amount: Any) -> str:
    value = Decimal(str(amount))
    return f"${value:,.2f}" if value != value.to_integral_value() else f"${value:,.0f}"


def verdict_headline(verdict: str, route: str | None) -> str:
    if verdict == Verdict.AVAILABLE.value:
        return f"✅ Mega backdoor Roth: available, via {ROUTE_NAMES[route or '']}."
    if verdict == Verdict.AFTER_SEPARATION_ONLY.value:
        return "🟡 After-tax money is allowed, but it can reach a Roth only when you leave this employer."
    if verdict == Verdict.NOT_AVAILABLE.value:
        return "❌ Mega backdoor Roth: not available in this plan."
    return "❓ Mega backdoor Roth: can't tell yet; your plan administrator can."


def verdict_lines(verdict: str, route: str | None, plan_type: PlanType, year: int) -> list[str]:
    lines = [verdict_headline(verdict, route)]
    if verdict == Verdict.AVAILABLE.value and route == Route.IN_PLAN_CONVERSION.value:
        lines.append("Contribute after-tax money, then convert it to Roth inside the plan, promptly.")
    elif verdict == Verdict.AVAILABLE.value:
        lines.append("Contribute after-tax money, then withdraw it while employed and roll it to a Roth IRA.")
    elif verdict == Verdict.AFTER_SEPARATION_ONLY.value:
        lines.append(
            "Still worth it if you expect to leave soon; earnings until then are taxed when converted."
        )
    elif verdict == Verdict.NOT_AVAILABLE.value:
        lines.extend(_alternatives(plan_type, year))
    else:
        lines.append("Ask these four questions (copy and send):")
        lines.extend(ADMINISTRATOR_QUESTIONS)
        lines.append("Meanwhile, you can continue with provisional numbers.")
    return lines


def _alternatives(plan_type: PlanType, year: int) -> list[str]:
    limits = limits_for(year)
    why = "a governmental 457(b) has no after-tax source" if plan_type is PlanType.GOV_457B \
        else "the plan does not take after-tax contributions"
    return [
        f"Why: {why}.",
        "Other ways to save more after tax:",
        f"• Backdoor Roth IRA: up to {money(limits.ira_limit)} "
        f"({money(limits.ira_limit + limits.ira_catch_up)} at 50+), whatever your income.",
        f"• HSA, if you have a high-deductible health plan: {money(limits.hsa_self_only)} self-only, "
        f"{money(limits.hsa_family)} family.",
        "• Ask your employer to add after-tax contributions with in-plan Roth conversions.",
    ]


def _breakdown_lines(result: dict[str, Any]) -> list[str]:
    b = result["breakdown"]
    lines = [
        f"Against the {money(result['annual_additions_limit'])} annual additions limit:",
        f"• Your deferrals (counted): {money(b['counted_deferrals'])}",
        f"• Employer: {money(b['employer_contributions'])}"
        + (" (the maximum, assumed)" if b["employer_assumed_max"] else ""),
        f"• After-tax room: {money(result['after_tax_room'])}",
    ]
    if result["catch_up_limit"]:
        lines.append(
            f"• Catch-up on top: {money(result['catch_up_limit'])} (total {money(result['total_limit'])})"
        )
    return lines


def _ira_line(result: dict[str, Any]) -> str | None:
    limit = result.get("roth_ira_direct_limit")
    if limit is None:
        return None
    if result["ira_route"] == "backdoor":
        return "Roth IRA: income too high for a direct contribution: use the backdoor Roth IRA."
    if result["ira_route"] == "partial_direct":
        return f"Roth IRA: {money(limit)} directly; the rest through the backdoor."
    return f"Roth IRA: you can contribute {money(limit)} directly."


def next_steps(route: str | None) -> list[str]:
    convert = (
        "Turn on automatic in-plan Roth conversions, or convert right after each paycheck."
        if route == Route.IN_PLAN_CONVERSION.value
        else "Request in-service withdrawals of after-tax money as a direct rollover to your Roth IRA."
    )
    return [
        "1. Confirm the plan's features in writing (SPD or plan administrator).",
        "2. Elect after-tax (not Roth) contributions for the per-paycheck amount above.",
        f"3. {convert}",
        "4. Keep every Form 1099-R and statement for your tax return.",
    ]


def result_lines(result: dict[str, Any]) -> list[str]:
    year = result["tax_year"]
    lines = [verdict_headline(result["verdict"], result["route"])]
    provisional = " (provisional)" if result["provisional"] else ""
    lines.append(f"After-tax room for {year}: {money(result['after_tax_room'])}{provisional}")
    if result["per_paycheck"] is not None and result["after_tax_room"]:
        lines.append(f"Per paycheck: {money(result['per_paycheck'])}")
    if result["annual_additions_limit"] is not None:
        lines.extend(_breakdown_lines(result))
    ira = _ira_line(result)
    if ira:
        lines.append(ira)
    warnings = result["warnings"]
    if warnings:
        lines.append("Watch out:")
        lines.extend(f"• {w['message']}" for w in warnings[:TOP_WARNINGS])
        if len(warnings) > TOP_WARNINGS:
            lines.append(f"(+{len(warnings) - TOP_WARNINGS} more in the details)")
    if result["verdict"] == Verdict.AVAILABLE.value and result["after_tax_room"]:
        lines.append("Next steps:")
        lines.extend(next_steps(result["route"]))
    return lines


DETAIL_FIGURES = (
    ("deferral_limit", "Deferral limit (402(g) + catch-up)"),
    ("catch_up_limit", "Catch-up"),
    ("annual_additions_limit", "Annual additions limit (415(c))"),
    ("total_limit", "Total with catch-up"),
    ("after_tax_room", "After-tax room"),
    ("per_paycheck", "Per paycheck"),
    ("excess_deferrals", "Excess deferrals"),
    ("excess_annual_additions", "Excess annual additions"),
    ("solo_employer_max", "Solo 401(k) employer maximum"),
    ("roth_ira_direct_limit", "Roth IRA direct contribution"),
    ("projected_value", "Projected value of this year's room"),
)


def detail_lines(result: dict[str, Any]) -> list[str]:
    """Every figure with its IRS source, every warning, every assumption."""
    lines = [f"Tax year {result['tax_year']}: every figure and its source"]
    sources = result["sources"]
    for key, label in DETAIL_FIGURES:
        if result.get(key) is None:
            continue
        source = sources.get(key)
        lines.append(f"• {label}: {money(result[key])}" + (f" [{source}]" if source else ""))
    hsa = result["hsa_limit"]
    lines.append(f"• HSA limit: {money(hsa['self_only'])} self-only, {money(hsa['family'])} family"
                 f" [{sources['hsa_limit']}]")
    lines.extend(f"⚠ {w['message']}" for w in result["warnings"])
    lines.extend(f"Assumed: {note}" for note in result["assumptions"])
    return lines


def limits_lines(year: int) -> list[str]:
    """The year's key IRS limits with their sources (for /limits)."""
    lim = limits_for(year)
    rows = [
        ("Deferral limit (402(g))", lim.elective_deferral_limit, "elective_deferral_limit"),
        ("Catch-up at 50+", lim.catch_up_50, "catch_up_50"),
        ("Catch-up at 60-63", lim.catch_up_60_63, "catch_up_60_63"),
        ("Annual additions limit (415(c))", lim.annual_additions_limit, "annual_additions_limit"),
        ("Compensation limit (401(a)(17))", lim.compensation_limit, "compensation_limit"),
        ("HCE threshold", lim.hce_threshold, "hce_threshold"),
        ("IRA limit", lim.ira_limit, "ira_limit"),
        ("HSA self-only / family", lim.hsa_self_only, "hsa_self_only"),
    ]
    lines = [f"IRS limits for {year} (checked {lim.verified}):"]
    for label, value, key in rows:
        shown = "n/a" if value is None else money(value)
        if key == "hsa_self_only":
            shown = f"{money(lim.hsa_self_only)} / {money(lim.hsa_family)}"
        lines.append(f"• {label}: {shown} [{lim.source(key)}]")
    return lines
