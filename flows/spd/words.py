"""A Reading in plain words (the CLI without --json, the terminal chat and Telegram)."""

from __future__ import annotations

from flows.spd.reader import Proposal, Reading

TITLES = {
    "after_tax_allowed": "After-tax (non-Roth) contributions",
    "in_plan_conversion": "In-plan Roth conversion",
    "in_service_withdrawal": "In-service withdrawal of after-tax money",
}
ANSWER_WORDS = {"yes": "Yes", "no": "No", "conditional": "It depends", "not_stated": "Not stated"}


def plain(reading: Reading) -> str:
    lines = [f"Plan type: {reading.plan_type}; {reading.pages} page(s) read."]
    for proposal in reading.answers.values():
        lines.extend(proposal_lines(proposal))
    return "\n".join(lines)


def cite(proposal: Proposal) -> list[str]:
    return [f"{_page(e.page)}'{e.quote}'" for e in proposal.evidence]


def _page(page: int | None) -> str:
    return f"p. {page}: " if page is not None else ""


def details_words(proposal: Proposal) -> list[str]:
    d = proposal.details
    out: list[str] = []
    if d.get("cap_percent") is not None:
        combined = " (a cap on all contributions together)" if d.get("cap_is_combined") else ""
        out.append(f"up to {d['cap_percent']}% of pay{combined}")
    if d.get("separate_bonus_election"):
        out.append("a separate election for bonuses")
    if d.get("payroll_deduction_only"):
        out.append("by payroll deduction only (per paycheck)")
    if d.get("per_year") is not None:
        out.append(f"{_times(int(d['per_year']))} a year")
    if d.get("any_time"):
        out.append("at any time")
    if d.get("suspension_months") is not None:
        out.append(f"contributions suspended for {d['suspension_months']} months after a withdrawal")
    if d.get("minimum_usd") is not None:
        out.append(f"minimum ${d['minimum_usd']:,}")
    if d.get("check_only"):
        out.append("paid by check only")
    if d.get("limited_to_distributable"):
        out.append("only money that could otherwise be withdrawn")
    return out


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def proposal_lines(proposal: Proposal) -> list[str]:
    lines = [
        f"{TITLES[proposal.question]}: {ANSWER_WORDS[proposal.answer]} "
        f"({proposal.confidence} confidence) - {proposal.why}"
    ]
    lines += [f"  {c}" for c in cite(proposal)]
    details = details_words(proposal)
    if details:
        lines.append("  Found: " + "; ".join(details))
    lines += [f"  Set aside: '{s.quote}' ({s.why})" for s in proposal.set_aside[:2]]
    return lines
