"""What the verdict and the result say: short, mobile-first lines (renderers only format them)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flows.money_words import money
from flows.paycheck import Situation
from rules.limits import limits_for
from rules.models import PlanType, Route, Verdict

ROUTE_NAMES = {
    Route.IN_PLAN_CONVERSION.value: "in-plan Roth conversion",
    Route.IN_SERVICE_WITHDRAWAL.value: "in-service withdrawal to a Roth IRA",
}
ADMINISTRATOR_QUESTIONS = (
    "Does our plan allow after-tax (non-Roth) contributions beyond the employee deferral limit?",
    "If yes, what is the maximum percentage of pay allowed for after-tax contributions?",
    "Does our plan allow in-service withdrawals of after-tax contributions?",
    "Does our plan allow in-plan Roth conversions of after-tax contributions?",
)
#: The one warning the first screen shows: the first of these present, else the engine's first.
WARNING_PRIORITY = ("excess_deferrals", "excess_annual_additions", "roth_catch_up_required",
                    "no_true_up", "pro_rata_in_service", "hce_acp_testing")
FIRST_SCREEN_CHARS = 600
FIRST_SCREEN_LINES = 12


def who_can_tell(solo: bool) -> str:
    """Who answers the plan questions: an employer's plan administrator, or, for a Solo 401(k) whose
    owner is the administrator, the provider whose plan document the owner adopted."""
    return "your solo 401(k) provider" if solo else "your plan administrator"


def ask_line(solo: bool) -> str:
    return f"Ask {who_can_tell(solo)} (copy and send):"


def verdict_headline(verdict: str, route: str | None, solo: bool = False) -> str:
    if verdict == Verdict.AVAILABLE.value:
        return f"✅ Mega backdoor Roth: available, via {ROUTE_NAMES[route or '']}."
    if verdict == Verdict.AFTER_SEPARATION_ONLY.value:
        return "🟡 After-tax money is allowed, but reaches a Roth only when you leave this job."
    if verdict == Verdict.NOT_AVAILABLE.value:
        return "❌ Mega backdoor Roth: not available in this plan."
    return f"❓ Mega backdoor Roth: can't tell yet; {who_can_tell(solo)} can."


def administrator_questions(unknown: tuple[int, ...], solo: bool = False) -> list[str]:
    """Only the questions still unknown, numbered for copying; a solo owner asks about "my plan"."""
    questions = [ADMINISTRATOR_QUESTIONS[i] for i in unknown]
    if solo:
        questions = [q.replace("our plan", "my plan document") for q in questions]
    return [f"{n}. {q}" for n, q in enumerate(questions, start=1)]


def verdict_lines(verdict: str, route: str | None, plan_type: PlanType,
                  unknown: tuple[int, ...] = (0, 1, 2, 3)) -> list[str]:
    solo = plan_type is PlanType.SOLO_401K
    lines = [verdict_headline(verdict, route, solo)]
    if verdict == Verdict.AVAILABLE.value and route == Route.IN_PLAN_CONVERSION.value:
        lines.append("Contribute after-tax money, then convert it to Roth inside the plan, promptly.")
    elif verdict == Verdict.AVAILABLE.value:
        lines.append("Contribute after-tax money, then withdraw it while employed and roll it to a Roth IRA.")
    elif verdict == Verdict.AFTER_SEPARATION_ONLY.value:
        lines.append("Still worth it if you expect to leave soon: when you leave, roll the after-tax money "
                     "to a Roth IRA; earnings until then are taxed when converted.")
    elif verdict == Verdict.NOT_AVAILABLE.value:
        lines.append(f"Why: {_why_not(plan_type)}")
        lines.append("Next: your year and age, for the other ways to save after tax.")
    else:
        lines.append(ask_line(solo))
        lines.extend(administrator_questions(unknown, solo))
        lines.append("Meanwhile, you can continue with provisional numbers.")
    return lines


def _why_not(plan_type: PlanType) -> str:
    if plan_type is PlanType.GOV_457B:
        return ("a governmental 457(b) cannot take after-tax (non-Roth) contributions at all: the law "
                "gives it no such source, so no plan change can make it work.")
    return "the plan does not take after-tax (non-Roth) contributions."


def _ask_hr(plan_type: PlanType) -> str:
    if plan_type is PlanType.GOV_457B:
        return ("If your employer also offers a 401(a) or 403(b) plan, ask whether that plan takes "
                "after-tax contributions.")
    return ("Ask HR to add voluntary after-tax contributions with in-plan Roth conversions: "
            "\"Could our plan add after-tax contributions and in-plan Roth conversions?\"")


def filing_deadline_behind(year: int) -> date:
    """The first day on which ``year``'s tax-filing deadline (April 15 of the next year, later when
    that is a weekend or holiday) has surely passed."""
    return date(year + 1, 5, 1)


def _closed_alternatives(year: int, situation: Situation) -> list[str]:
    """IRA contributions for a year may be made until its return's due date, without extensions (IRC
    219(f)(3), 408A(c)(7)); HSA contributions likewise (Instructions for Form 8889): the April after it."""
    if situation.filing_deadline_passed:
        return [f"🔒 {year} and its tax-filing deadline (April {year + 1}) are past: its IRA and HSA "
                "contributions are closed."]
    if situation.year_closed:
        return [f"🔒 {year} is over: its IRA and HSA contributions close at its tax-filing deadline "
                "(April of the next year)."]
    return []


def alternatives_lines(result: dict[str, Any], situation: Situation | None = None) -> list[str]:
    """Not available: this person's other ways to save after tax, with figures for their year and
    age; no mega backdoor numbers. A 457(b) is the plan without an annual additions limit, and 50+
    is a catch-up above zero (both from the engine's answer)."""
    situation = situation or Situation()
    year = result["tax_year"]
    plan_type = PlanType.GOV_457B if result["annual_additions_limit"] is None else PlanType.K401
    fifty_plus = bool(result["catch_up_limit"])
    ira = result["ira_limit"]
    hsa = result["hsa_limit"]
    closed = _closed_alternatives(year, situation)
    fifty = " (50+)" if fifty_plus else ""
    heading = (f"{year}'s limits{fifty}, for checking:" if situation.filing_deadline_passed
               else f"Instead, for {year}{fifty}:")
    return [
        verdict_headline(result["verdict"], None),
        f"Why: {_why_not(plan_type)}",
        *closed,
        heading,
        f"• Backdoor Roth IRA: up to {money(ira)}, whatever your income.",
        f"• HSA, with a high-deductible health plan: {money(hsa['self_only'])} self-only, "
        f"{money(hsa['family'])} family.",
        f"Next: {_ask_hr(plan_type)}",
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
    if shows_catch_up(result):
        lines.append(f"• {catch_up_text(result)}")
    return lines


def _percent_election(result: dict[str, Any]) -> str:
    """The election as payroll may take it, a whole % of each paycheck, with what that % puts in
    when it is less than the dollars (the engine's figures: a whole % never overshoots the room)."""
    percent, in_dollars = result["paycheck_percent"], result["paycheck_percent_amount"]
    if not percent or in_dollars is None:
        return ""
    if money(in_dollars) == money(result["paycheck_after_tax"]):
        return f" (elect {percent}% of pay)"
    return f" (as a whole %: {percent}% of pay, {money(in_dollars)})"


def shows_catch_up(result: dict[str, Any]) -> bool:
    """A catch-up to speak of: 50+, and (where pay bounds it) one the pay still allows."""
    return bool(result["catch_up_limit"]) and (
        not result["pay_bounds_catch_up"] or bool(result["catch_up_pay_allows"]))


def catch_up_text(result: dict[str, Any]) -> str:
    """The catch-up on top of the annual additions limit, with the total only where pay allows it:
    when 100% of pay is the limit, pay (not the sum) bounds what can go in, and the engine's
    catch-up within pay is offered, or said to be in the deferrals already ("the maximum")."""
    if not result["pay_bounds_catch_up"]:
        return f"Catch-up on top: {money(result['catch_up_limit'])} (total {money(result['total_limit'])})"
    allowed, made = result["catch_up_pay_allows"], result["breakdown"]["catch_up_deferrals"]
    if made and made >= allowed:
        return f"Catch-up: {money(made)}, already in your deferrals (the most your pay allows)"
    return f"Catch-up on top: up to {money(allowed)}, as far as your pay allows"


def _match_lines(result: dict[str, Any]) -> list[str]:
    """With a match formula: the deferral % that keeps the whole match, and what front-loading loses."""
    lines = []
    percent = result.get("deferral_percent_per_paycheck")
    if percent is not None:
        lines.append(f"• To keep the whole match, defer {percent:g}% of each paycheck ({_reached(result)})")
    lost = result.get("match_lost_if_front_loaded")
    if lost:
        lines.append(f"• Front-loading without a year-end true-up would lose {money(lost)} of match")
    stops = [w["details"].get("match_stops_after_paycheck") for w in result["warnings"]
             if w["code"] == "no_true_up"]
    if stops and stops[0] is not None:
        lines.append(f"• 401(a)(17) stops the match after paycheck {stops[0]}; a plan that applies it per "
                     "pay period instead matches less: ask yours which it does")
    return lines


def _reached(result: dict[str, Any]) -> str:
    reached, paychecks = result.get("limit_reached_on_paycheck"), result.get("paychecks_per_year")
    if reached is None:
        return "your limit is not reached this year"
    if reached == paychecks:
        return "your limit on the last one"
    return f"your limit on paycheck {reached} of {paychecks}"


def _ira_direct(result: dict[str, Any]) -> str:
    if result["ira_route"] == "partial_direct":
        return f"{money(result['roth_ira_direct_limit'])} directly, the rest through"
    return "income too high for a direct contribution: use"


def backdoor_line(result: dict[str, Any]) -> str | None:
    """The backdoor's pro-rata tax in dollars, for the first screen (when it fits): the engine's
    figure, its tax at the marginal rate when given, and where the fix is."""
    found = [w for w in result["warnings"] if w["code"] == "backdoor_ira_pro_rata"]
    if not found:
        return None
    details = found[0]["details"]
    tax = details.get("estimated_tax_dollars")
    tax_text = f" (~{money(tax)} tax)" if tax is not None else ""
    fix = ("" if result.get("contributions_closed")  # a year that is over: its Dec 31 is behind it
           else ", unless the pre-tax IRA moves into the plan by Dec 31")
    return (f"Backdoor Roth IRA: {money(details['taxable_amount'])} of {money(details['converted'])} "
            f"taxable{tax_text}{fix}.")


def _ira_line(result: dict[str, Any]) -> str | None:
    limit = result.get("roth_ira_direct_limit")
    if limit is None:
        return None
    taxable = result.get("backdoor_taxable_amount")
    if taxable:
        return (f"Roth IRA: {_ira_direct(result)} the backdoor Roth IRA: {money(taxable)} of its conversion "
                "taxable (pro-rata; see below, and /taxes for Form 8606).")
    if result["ira_route"] == "backdoor":
        return "Roth IRA: income too high for a direct contribution: use the backdoor Roth IRA."
    if result["ira_route"] == "partial_direct":
        return f"Roth IRA: {money(limit)} directly; the rest through the backdoor."
    return f"Roth IRA: you can contribute {money(limit)} directly."


def _convert_step(route: str | None, verdict: str | None = None) -> str:
    if verdict == Verdict.UNKNOWN.value:
        return "convert it in the plan, or roll it to a Roth IRA, whichever the plan allows."
    if route == Route.IN_PLAN_CONVERSION.value:
        return "turn on automatic in-plan Roth conversions, or convert right after each paycheck."
    if route == Route.IN_SERVICE_WITHDRAWAL.value:
        return "request in-service withdrawals of after-tax money as a direct rollover to your Roth IRA."
    return ("when you leave this job, roll the after-tax money to a Roth IRA (its earnings to a "
            "traditional IRA).")


def closed_line(year: int, sole_prop: bool = False) -> str:
    """A finished year, said plainly (the engine's ``contributions_closed``); a sole proprietor has
    no payroll to name, and the business's own contribution is not closed with the year."""
    if sole_prop:
        return (f"🔒 {year} is over: its after-tax contributions are closed; the business's profit-sharing "
                f"for it can go in until its tax return's due date.")
    return f"🔒 {year} is over: its after-tax contributions are closed; nothing more goes in through payroll."


def closed_next_steps(year: int, solo: bool = False) -> list[str]:
    """What a finished year still needs: the limits checked, an excess corrected, the tax forms."""
    return [
        f"1. Compare what went in for {year} (plan statements, W-2 box 12) with the limits below.",
        f"2. Anything over a limit: ask {who_can_tell(solo)} to correct it (deferrals over 402(g) are "
        "refunded by April 15 of the next year, or taxed twice).",
        f"3. Keep the Form 1099-R for each conversion or withdrawal made in {year}, and file Form 8606 "
        "for a backdoor Roth IRA (/taxes: what they show).",
    ]


def next_steps(route: str | None, verdict: str | None = None) -> list[str]:
    return [
        "1. Confirm the plan's features in writing (SPD or plan administrator).",
        "2. Elect after-tax (not Roth) contributions for the per-paycheck amount.",
        f"3. Then {_convert_step(route, verdict)}",
        "4. Keep every Form 1099-R and statement for your tax return (/taxes: what they will show).",
    ]


SHORT_CONVERT = {
    Route.IN_PLAN_CONVERSION.value: "turn on automatic in-plan Roth conversions.",
    Route.IN_SERVICE_WITHDRAWAL.value: "roll it to your Roth IRA by in-service withdrawals.",
}


def _next_step(result: dict[str, Any]) -> str:
    if result.get("contributions_closed"):
        return (f"Next: check your {result['tax_year']} statements against this room; Tax forms: the "
                "1099-R and 8606 lines for its conversions.")
    if result["verdict"] == Verdict.UNKNOWN.value:
        return "Next: send the questions to your plan administrator; if yes, elect the amount above."
    then = SHORT_CONVERT.get(result["route"] or "", "when you leave, roll it to a Roth IRA.")
    return f"Next: elect it as after-tax (not Roth); {then}"


def top_warning(result: dict[str, Any]) -> dict[str, Any] | None:
    """The one warning the first screen shows (a closed year is said by its own line)."""
    warnings: list[dict[str, Any]] = [w for w in result["warnings"] if w["code"] != "contributions_closed"]
    by_code = {w["code"]: w for w in warnings}
    for code in WARNING_PRIORITY:
        if code in by_code:
            return by_code[code]
    return warnings[0] if warnings else None


def _warning_line(warning: dict[str, Any], situation: Situation) -> str:
    return f"⚠ {_warning_words(warning, situation)}"


def _warning_words(warning: dict[str, Any], situation: Situation) -> str:
    """The engine's words, except an excess deferral whose refund date (the engine's refund_by: April
    15 of the next year, 402(g)(2)(A)(ii)) is behind us: a refund by then can no longer be asked for."""
    if warning["code"] != "excess_deferrals" or situation.today is None:
        return str(warning["message"])
    details = warning["details"]
    by = date.fromisoformat(details["refund_by"])
    if situation.today <= by:
        return str(warning["message"])
    return (f"Your deferrals exceed your 402(g) limit by {money(details['excess'])}, and the refund date "
            f"({by:%B} {by.day}, {by.year}) has passed: the excess is taxed for the year deferred and again "
            f"when paid out (IRC 402(g)(2)(A)(ii)); ask {who_can_tell(situation.solo)} to correct it. Not "
            f"refunded by then, it also counts toward the annual additions limit (Treas. Reg. "
            f"1.415(c)-1(b)(1)(ii)): the year's after-tax room was then "
            f"{money(details['after_tax_room_if_not_refunded'])}.")


def _closed_lines(result: dict[str, Any], situation: Situation) -> list[str]:
    """A finished year: what went in, against the room; no paychecks."""
    lines = [closed_line(result["tax_year"], situation.sole_prop)]
    if not result["after_tax_so_far"]:
        return lines
    if result["after_tax_over"]:
        return [*lines, f"Went in: {money(result['after_tax_so_far'])}. ⚠ That is "
                        f"{money(result['after_tax_over'])} more than {result['tax_year']}'s room: "
                        f"ask {who_can_tell(situation.solo)} to correct it."]
    return [*lines, f"Went in: {money(result['after_tax_so_far'])}, within the room."]


def _paycheck_lines(result: dict[str, Any], situation: Situation) -> list[str]:
    if result.get("contributions_closed"):
        return _closed_lines(result, situation)
    lines = []
    if result["after_tax_so_far"]:
        lines.append(f"Already in: {money(result['after_tax_so_far'])}; "
                     f"left: {money(result['after_tax_left'])}")
        if result["after_tax_over"]:
            lines.append(f"⚠ That is {money(result['after_tax_over'])} more than this year's room: "
                         f"ask {who_can_tell(situation.solo)} to correct it.")
    if result["paycheck_after_tax"] is None:  # paychecks not known: the engine's even split
        if result["per_paycheck"] is not None and result["after_tax_room"]:
            lines.append(f"Per paycheck: {money(result['per_paycheck'])}")
        return lines
    if not result["after_tax_left"]:
        return lines
    # a sole proprietor has no payroll to elect a % on: the dollars alone
    word = "Per contribution" if situation.sole_prop else "Per paycheck"
    lines.append(f"{word}: {money(result['paycheck_after_tax'])}{_percent_election(result)}")
    if result["after_tax_most_this_year"] is not None:
        whole = ("all you earn between contributions" if situation.sole_prop else "a whole paycheck")
        lines.append(f"That is {whole} after deferrals, before taxes: at most "
                     f"{money(result['after_tax_most_this_year'])} more this year.")
    return lines


def elsewhere_line(result: dict[str, Any], situation: Situation) -> str | None:
    """With deferrals at another job: what this plan can still take, and a solo plan's own maximum
    (415(c) is per employer, so the business's limit stays whole)."""
    if not result["deferrals_elsewhere"]:
        return None
    room = money(result["deferral_room_here"])
    line = f"Deferral room here: {room} ({money(result['deferrals_elsewhere'])} deferred elsewhere)"
    if result["solo_employer_max"] is not None:
        line += f"; business's maximum: {money(result['solo_employer_max'])}"
    return line + "."


def _cap_line(result: dict[str, Any]) -> str | None:
    cap, without = result["plan_after_tax_cap"], result["room_without_plan_cap"]
    if cap is None:
        return None
    return (f"Your plan caps after-tax at {result['plan_after_tax_cap_percent']:g}% of pay: {money(cap)} "
            f"(the IRS limit alone would leave {money(without)}).")


def result_lines(result: dict[str, Any], situation: Situation | None = None) -> list[str]:
    """The first message: verdict, room, per paycheck ($ and %), the one warning, the next step,
    the projection when asked for; then, while they fit in 600 characters and 12 lines, the
    catch-up total. Everything else is one tap away (Details)."""
    situation = situation or Situation()
    if result["verdict"] == Verdict.NOT_AVAILABLE.value:
        return alternatives_lines(result, situation)
    provisional = " (provisional)" if result["provisional"] else ""
    core = [verdict_headline(result["verdict"], result["route"], situation.solo),
            f"After-tax room for {result['tax_year']}: {money(result['after_tax_room'])}{provisional}"]
    cap = _cap_line(result)
    core += [cap] if cap else []
    elsewhere = elsewhere_line(result, situation)
    core += [elsewhere] if elsewhere else []
    core.extend(_paycheck_lines(result, situation))
    if result["projected_value"] is not None:
        core.append(f"Could grow to {money(result['projected_value'])}, tax-free.")
    warning = top_warning(result)
    tail = [_warning_line(warning, situation)] if warning is not None else []
    if result["after_tax_room"]:
        tail.append(_next_step(result))
    # the warnings not on this screen (a closed year is said by its own line)
    more = len([w for w in result["warnings"] if w is not warning and w["code"] != "contributions_closed"])
    tail.append(f"Details: breakdown{f', {more} more warning' + ('s' if more > 1 else '') if more else ''}"
                ", sources.")
    optional = []
    backdoor = backdoor_line(result)
    optional += [backdoor] if backdoor else []
    if shows_catch_up(result) and result["after_tax_room"]:
        optional.append(catch_up_text(result))
    return _fit(core, optional, tail)


RESULT_TITLE = "Your result"


def _fit(core: list[str], optional: list[str], tail: list[str]) -> list[str]:
    """Core lines with each optional line that still fits the first screen after the room line
    (the second), then the tail."""
    lines = list(core)
    for line in optional:
        candidate = [*lines[:2], line, *lines[2:]]
        size = len("\n".join([RESULT_TITLE, *candidate, *tail])), len(candidate) + len(tail) + 1
        if size[0] <= FIRST_SCREEN_CHARS and size[1] <= FIRST_SCREEN_LINES:
            lines = candidate
    return [*lines, *tail]


DETAIL_FIGURES = (
    ("deferral_limit", "Deferral limit (402(g) + catch-up)"),
    ("catch_up_limit", "Catch-up"),
    ("annual_additions_limit", "Annual additions limit (415(c))"),
    ("total_limit", "Annual additions limit + catch-up limit"),
    ("after_tax_room", "After-tax room"),
    ("per_paycheck", "Even split over the paychecks left"),
    ("excess_deferrals", "Excess deferrals"),
    ("excess_annual_additions", "Excess annual additions"),
    ("solo_employer_max", "Solo 401(k) employer maximum"),
    ("roth_ira_direct_limit", "Roth IRA direct contribution"),
    ("projected_value", "Projected value of this year's room"),
)


def per_paycheck_figure(result: dict[str, Any]) -> Any:
    """The engine's per paycheck left: the even split of what is left, or what a paycheck holds
    after its deferral when the split does not fit (``per_paycheck`` only where paychecks are not
    worked out)."""
    figure = result.get("paycheck_after_tax")
    return figure if figure is not None else result.get("per_paycheck")


def _even_split_lines(result: dict[str, Any]) -> list[str]:
    """Details' per paycheck: the same capped figure as the first screen, never a split a
    paycheck cannot hold."""
    figure = per_paycheck_figure(result)
    if figure is None:
        return []
    most = result.get("after_tax_most_this_year")
    if most is None:
        return [f"• Even split over the paychecks left: {money(figure)}"]
    return [f"• Per paycheck left: {money(figure)}, all a paycheck holds after its deferral (an even "
            f"split does not fit); at most {money(most)} more this year"]


def detail_lines(result: dict[str, Any], situation: Situation | None = None) -> list[str]:
    """Everything behind the first message: the breakdown, every warning, the next steps, every
    figure with its IRS source, every assumption."""
    situation = situation or Situation()
    lines = _annual_additions_lines(result, situation)
    ira = _ira_line(result)
    if ira:
        lines.append(ira)
    lines.extend(_warning_line(w, situation) for w in result["warnings"])
    lines.extend(_administrator_lines(result, situation))
    lines.extend(_next_steps_lines(result, situation))
    lines.extend(_figure_lines(result))
    lines.extend(f"Assumed: {_assumption(note, situation)}" for note in result["assumptions"])
    return lines


def _annual_additions_lines(result: dict[str, Any], situation: Situation) -> list[str]:
    """How the annual additions limit is filled, deferrals elsewhere and the match: only where there
    is a 415(c) limit and after-tax money is not ruled out."""
    if result["annual_additions_limit"] is None or result["verdict"] == Verdict.NOT_AVAILABLE.value:
        return []
    lines = _breakdown_lines(result)
    elsewhere = elsewhere_line(result, situation)
    lines.extend([elsewhere] if elsewhere else [])
    lines.extend(_match_lines(result))
    return lines


def _administrator_lines(result: dict[str, Any], situation: Situation) -> list[str]:
    """An unknown verdict: what to ask the plan's administrator, for the features not known."""
    if result["verdict"] != Verdict.UNKNOWN.value or not situation.admin_unknown:
        return []
    return [ask_line(situation.solo), *administrator_questions(situation.admin_unknown, situation.solo)]


def _next_steps_lines(result: dict[str, Any], situation: Situation) -> list[str]:
    """A finished year's next steps, or the route's where there is after-tax room."""
    if result.get("contributions_closed"):
        return ["Next steps:", *closed_next_steps(result["tax_year"], situation.solo)]
    if result["after_tax_room"]:
        return ["Next steps:", *next_steps(result["route"], result["verdict"])]
    return []


def _figure_lines(result: dict[str, Any]) -> list[str]:
    """Every figure of the tax year with its IRS source, the HSA limits last."""
    lines = [f"Tax year {result['tax_year']}: every figure and its source"]
    sources = result["sources"]
    for key, label in DETAIL_FIGURES:
        if key == "per_paycheck":
            lines.extend(_even_split_lines(result))
            continue
        if result.get(key) is None:
            continue
        source = sources.get(key)
        lines.append(f"• {label}: {money(result[key])}" + (f" [{source}]" if source else ""))
    hsa = result["hsa_limit"]
    lines.append(f"• HSA limit: {money(hsa['self_only'])} self-only, {money(hsa['family'])} family"
                 f" [{sources['hsa_limit']}]")
    return lines


def _assumption(note: str, situation: Situation) -> str:
    if situation.employer_max_chosen and note.startswith("Employer contribution not given"):
        return "Employer contribution: the solo 401(k) maximum, as you chose."
    return note


def limits_lines(year: int) -> list[str]:
    """The year's key IRS limits with their sources (for /limits)."""
    lim = limits_for(year)
    rows = [
        ("Deferral limit (402(g))", lim.elective_deferral_limit, "elective_deferral_limit"),
        ("Catch-up at 50+", lim.catch_up_50, "catch_up_50"),
        ("Catch-up at 60-63", lim.catch_up_60_63, "catch_up_60_63"),
        ("Annual additions limit (415(c))", lim.annual_additions_limit, "annual_additions_limit"),
        ("Compensation limit (401(a)(17))", lim.compensation_limit, "compensation_limit"),
        # IRC 414(q)(1)(B) looks back a year: the year's own figure decides next year's HCEs
        (f"HCE for {year} if {year - 1} pay was above", lim.hce_look_back_threshold,
         "hce_look_back_threshold"),
        (f"HCE for {year + 1} if {year} pay is above", lim.hce_threshold, "hce_threshold"),
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
