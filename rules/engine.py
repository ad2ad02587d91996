"""One assessment: every rule applied to one person's situation for one tax year."""

from __future__ import annotations

from decimal import Decimal
from functools import cache, partial
from typing import NamedTuple

from rules import contributions as c
from rules.hsa import hsa_limits
from rules.limits import Limits, limits_for
from rules.match import MatchPlan, keep_the_match
from rules.models import (
    Assessment,
    AssessmentInput,
    Breakdown,
    BusinessType,
    FormsRequest,
    IraRoute,
    PlanType,
    Route,
    Verdict,
)
from rules.money import ZERO, cents
from rules.paycheck import binding_cap, paychecks
from rules.pitfalls import Figures, fica_wages, roth_catch_up_applies, warnings_for
from rules.projection import projected_value
from rules.roth_ira import backdoor_taxable_amount, ira_dollar_limit, ira_route, roth_ira_direct_limit
from rules.solo import sole_prop_plan_compensation, solo_employer_max
from rules.tax_forms import tax_forms_for
from rules.verdict import after_tax_possible, route, verdict

ANNUAL_ADDITIONS_RULE = "IRC 415(c)(1): lesser of the dollar limit and 100% of compensation"


class Employer(NamedTuple):
    amount: Decimal
    assumed_max: bool
    solo_max: Decimal | None


def employer_contribution(inp: AssessmentInput, limits: Limits, counted: Decimal) -> Employer:
    """The employer money: as given, or for a solo owner who gave none, the maximum."""
    solo_max = None
    if inp.is_solo and inp.compensation is not None:
        solo_max = solo_employer_max(
            limits,
            s_corp=inp.solo_business is BusinessType.S_CORP,
            compensation=inp.compensation,
            counted_deferrals=counted,
            wages=inp.social_security_wages_elsewhere or ZERO,
        )
    if solo_max is not None:
        solo_max = cents(solo_max)  # money, to the cent as Pub 560's worksheet
    if inp.employer_contributions is not None:
        return Employer(inp.employer_contributions, False, solo_max)
    matched = c.formula_match(limits, inp)
    if matched is not None:
        return Employer(matched, False, solo_max)
    if solo_max is not None:
        return Employer(solo_max, True, solo_max)
    return Employer(ZERO, False, solo_max)


def plan_compensation(inp: AssessmentInput, limits: Limits, employer: Decimal) -> Decimal | None:
    """Compensation for 415(c): W-2 pay, or a sole proprietor's net earnings after contributions."""
    if inp.compensation is None:
        return None
    if inp.is_solo and inp.solo_business is BusinessType.SOLE_PROP:
        return sole_prop_plan_compensation(
            limits, inp.compensation, employer, inp.social_security_wages_elsewhere or ZERO
        )
    return inp.compensation


def _after_tax_room(
    inp: AssessmentInput, limits: Limits, *, additions_limit: Decimal | None,
    counted: Decimal, employer: Decimal, pay: Decimal | None,
) -> Decimal:
    if additions_limit is None or not after_tax_possible(inp.plan_type, inp.after_tax_allowed):
        return ZERO
    cap = None
    if inp.after_tax_cap_percent is not None and pay is not None:
        cap = c.plan_after_tax_cap(limits, pay, inp.after_tax_cap_percent)
    return c.after_tax_room(additions_limit, counted, employer, cap)


def _per_paycheck(inp: AssessmentInput, room: Decimal) -> Decimal | None:
    if inp.pay_frequency is None or inp.contributions_closed:
        return None
    return c.per_paycheck(room, c.paychecks_left(inp.pay_frequency, inp.pay_periods_remaining))


def _roth_ira(inp: AssessmentInput, limits: Limits) -> Decimal | None:
    if inp.filing_status is None or inp.magi is None:
        return None
    return roth_ira_direct_limit(
        limits, age=inp.age, status=inp.filing_status, magi=inp.magi, compensation=inp.compensation
    )


def _backdoor_converted(inp: AssessmentInput, full_ira: Decimal, roth_direct: Decimal | None) -> Decimal:
    """The nondeductible IRA contribution converted: the IRA limit (within pay) not given directly."""
    if roth_direct is None:
        return ZERO
    line6 = full_ira if inp.compensation is None else min(full_ira, inp.compensation)
    return max(ZERO, line6 - roth_direct)


def _backdoor_taxable(
    inp: AssessmentInput, limits: Limits, converted: Decimal, route_: IraRoute | None
) -> Decimal | None:
    if route_ in (None, IraRoute.DIRECT) or inp.pretax_ira_balance is None:
        return None
    return backdoor_taxable_amount(
        limits, converted=converted, pretax_ira_balance=inp.pretax_ira_balance,
        prior_basis=inp.prior_ira_basis or ZERO,
    )


def _projection(inp: AssessmentInput, room: Decimal) -> Decimal | None:
    if inp.expected_return_percent is None or inp.years_until_retirement is None:
        return None
    return projected_value(room, inp.expected_return_percent, inp.years_until_retirement)


def _assumptions(
    inp: AssessmentInput, limits: Limits, employer: Employer, the_verdict: Verdict
) -> tuple[str, ...]:
    notes = []
    if inp.compensation is None and inp.plan_type is not PlanType.GOV_457B:
        notes.append(
            f"Pay not given: assumed to be at least the ${limits.annual_additions_limit:,.0f} "
            "annual additions dollar limit."
        )
    if employer.assumed_max:
        notes.append("Employer contribution not given: the solo 401(k) maximum is assumed.")
    if inp.is_solo and inp.compensation is None and inp.employer_contributions is None:
        notes.append("Net profit or W-2 pay not given: no employer contribution is counted.")
    if the_verdict is Verdict.UNKNOWN:
        notes.append("Verdict unknown: figures are provisional, as if the plan allowed it.")
    if the_verdict is Verdict.AFTER_SEPARATION_ONLY:
        notes.append("After-tax money can reach a Roth only after you leave this employer.")
    if fica_wages(inp)[1] and roth_catch_up_applies(inp, limits):
        notes.append("Your pay from this employer stands in for last year's FICA wages (Roth catch-up rule).")
    return tuple(notes)


def _match_assumptions(plan: MatchPlan | None) -> tuple[str, ...]:
    if plan is None or not plan.frequency_assumed:
        return ()
    return (f"Pay frequency not given: the per-paycheck match is worked on {plan.paychecks} paychecks.",)


def _sources(inp: AssessmentInput, limits: Limits) -> dict[str, str]:
    return dict(_sources_for(limits.tax_year, c.catch_up_figure(limits, inp.age), inp.is_solo))


@cache
def _sources_for(year: int, catch_up_key: str, is_solo: bool) -> dict[str, str]:
    limits = limits_for(year)
    sources = {
        "deferral_limit": limits.source("elective_deferral_limit"),
        "catch_up_limit": limits.source(catch_up_key),
        "annual_additions_limit": f"{limits.source('annual_additions_limit')}; {ANNUAL_ADDITIONS_RULE}",
        "compensation_limit": limits.source("compensation_limit"),
        "hce_threshold": limits.source("hce_look_back_threshold"),
        "roth_catch_up_wage_threshold": limits.source("roth_catch_up_wage_threshold"),
        "roth_ira_direct_limit": (
            f"{limits.source('ira_limit')}; {limits.source('roth_ira_phase_out')}; "
            f"{limits.source('roth_ira_minimum')}"
        ),
        "backdoor_taxable_amount": limits.source("form_8606_ratio_places"),
        "hsa_limit": f"{limits.source('hsa_self_only')}; {limits.source('hsa_catch_up_55')}",
    }
    if is_solo:
        sources["solo_employer_max"] = (
            f"{limits.source('plan_contribution_rate')}; {limits.source('social_security_wage_base')}"
        )
    return sources


class Additions(NamedTuple):
    """How this year's 415(c) annual additions limit is filled."""

    employer: Employer
    limit: Decimal | None  # None: a 457(b), outside 415(c)
    deferrals: c.Deferrals
    room: Decimal
    excess: Decimal

    @property
    def used(self) -> Decimal:
        return self.deferrals.counted + self.employer.amount + self.room


def _additions(inp: AssessmentInput, limits: Limits, left: c.LeftAfterElsewhere) -> Additions:
    employer = employer_contribution(inp, limits, c.within_402g(left, inp.employee_deferrals))
    pay = plan_compensation(inp, limits, employer.amount)
    limit = None if inp.plan_type is PlanType.GOV_457B else c.annual_additions_limit(limits, pay)
    deferrals = c.treat_deferrals(
        left, deferrals=inp.employee_deferrals, additions_limit=limit, employer=employer.amount, pay=pay,
    )
    room = _after_tax_room(
        inp, limits, additions_limit=limit, counted=deferrals.counted, employer=employer.amount, pay=pay
    )
    excess = ZERO if limit is None else c.excess_annual_additions(limit, deferrals.counted, employer.amount)
    return Additions(employer, limit, deferrals, room, excess)


class Ira(NamedTuple):
    """The Roth IRA: what can go in directly, the route, and the backdoor's pro-rata tax."""

    direct: Decimal | None
    route: IraRoute | None
    converted: Decimal
    taxable: Decimal | None


def _ira(inp: AssessmentInput, limits: Limits) -> Ira:
    direct = _roth_ira(inp, limits)
    full = ira_dollar_limit(limits, inp.age)
    the_route = None if direct is None else ira_route(direct, full)
    converted = _backdoor_converted(inp, full, direct)
    return Ira(direct, the_route, converted, _backdoor_taxable(inp, limits, converted, the_route))


def _with_the_percent(inp: AssessmentInput, limits: Limits) -> AssessmentInput:
    """Deferrals as a % of pay: the dollars that % of pay (capped at 401(a)(17)) comes to."""
    if inp.employee_deferrals_percent is None or inp.compensation is None:
        return inp
    dollars = c.deferrals_for_percent(limits, inp.compensation, inp.employee_deferrals_percent)
    return inp.model_copy(update={"employee_deferrals": dollars})


def _with_the_maximum(inp: AssessmentInput, left: c.LeftAfterElsewhere) -> AssessmentInput:
    """"The maximum" deferrals: what this plan can still take after other plans, within pay."""
    if not inp.employee_deferrals_max:
        return inp
    most = c.deferral_room(left, ZERO)
    if inp.compensation is not None:
        most = min(most, inp.compensation)
    return inp.model_copy(update={"employee_deferrals": most})


def catch_up_pay_allows(
    inp: AssessmentInput, limits: Limits, add: Additions, left: c.LeftAfterElsewhere
) -> Decimal:
    """The catch-up this plan can still take this year within pay: what "the maximum" deferrals
    (402(g) plus catch-up left, within pay) make catch-up here. A catch-up is at most pay less the
    other elective deferrals (IRC 414(v)(2)(A)(ii); Treas. Reg. 1.414(v)-1(c)(1)), so with pay below
    the base limit plus the catch-up, pay bounds it, not the dollar limit."""
    pay = plan_compensation(inp, limits, add.employer.amount)
    most = left.base + left.catch_up
    if pay is not None:
        most = min(most, pay)
    return c.treat_deferrals(
        left, deferrals=most, additions_limit=add.limit, employer=add.employer.amount, pay=pay,
    ).catch_up


def _forms_after_tax(inp: AssessmentInput, room: Decimal) -> Decimal:
    """The after-tax money the plan's tax forms are built from: the room, filled; for a year that is
    over, what went in (as given), within the room (an excess is corrected, with its own Form 1099-R)."""
    if inp.contributions_closed and inp.after_tax_so_far is not None:
        return min(inp.after_tax_so_far, room)
    return room


def _screen_figures(
    inp: AssessmentInput, limits: Limits, add: Additions, left: c.LeftAfterElsewhere
) -> dict[str, object]:
    """The figures a result screen shows beyond the limits: paychecks, the plan's cap, the IRA."""
    cap = binding_cap(inp, limits, additions_limit=add.limit, counted=add.deferrals.counted,
                      employer=add.employer.amount, room=add.room)
    return {
        "employee_deferrals": inp.employee_deferrals,
        "deferral_room_here": c.deferral_room(left, ZERO), "deferrals_elsewhere": inp.deferrals_elsewhere,
        "after_tax_so_far": inp.after_tax_so_far or ZERO, "contributions_closed": inp.contributions_closed,
        "tax_forms_after_tax": _forms_after_tax(inp, add.room),
        "ira_limit": ira_dollar_limit(limits, inp.age),
        "pay_bounds_catch_up": add.limit is not None and add.limit < limits.annual_additions_limit,
        "catch_up_pay_allows": catch_up_pay_allows(inp, limits, add, left),
        "plan_after_tax_cap": cap and cap.cap, "room_without_plan_cap": cap and cap.without,
        "plan_after_tax_cap_percent": cap and inp.after_tax_cap_percent,
    }


def _annual_additions_figures(add: Additions, catch_up: Decimal) -> dict[str, Decimal | None]:
    """The 415(c) side: the limit with the catch-up on top, what fills it (the deferrals counted and
    the employer money), the after-tax room and any excess; a 457(b) has no limit to fill."""
    return {
        "annual_additions_limit": add.limit,
        "after_tax_room": add.room,
        "total_limit": None if add.limit is None else add.limit + catch_up,
        "excess_annual_additions": add.excess,
        "employer_contributions": add.employer.amount,
        "annual_additions": None if add.limit is None else add.deferrals.counted + add.employer.amount,
        "solo_employer_max": add.employer.solo_max,
    }


def _breakdown(add: Additions) -> Breakdown:
    """How the annual additions limit is filled, part by part, and what is left unused."""
    return Breakdown(
        counted_deferrals=add.deferrals.counted,
        catch_up_deferrals=add.deferrals.catch_up,
        employer_contributions=add.employer.amount,
        employer_assumed_max=add.employer.assumed_max,
        after_tax_room=add.room,
        unused=ZERO if add.limit is None else max(ZERO, add.limit - add.used),
    )


def _match_figures(match_plan: MatchPlan | None) -> dict[str, Decimal | int | None]:
    """The keep-the-match plan: the deferral % a paycheck, the match lost by front-loading, the
    paycheck that reaches the limit and the paychecks in the year."""
    plan = match_plan
    return {
        "deferral_percent_per_paycheck": None if plan is None else plan.deferral_percent_per_paycheck,
        "match_lost_if_front_loaded": None if plan is None else plan.match_lost_if_front_loaded,
        "limit_reached_on_paycheck": None if plan is None else plan.limit_reached_on_paycheck,
        "paychecks_per_year": None if plan is None else plan.paychecks,
    }


def _pitfall_figures(
    the_route: Route | None, add: Additions, ira: Ira, match_plan: MatchPlan | None
) -> Figures:
    """The figures the warnings are worded from."""
    return Figures(
        route=the_route, after_tax_room=add.room, employer=add.employer.amount, match_plan=match_plan,
        excess_deferrals=add.deferrals.excess, excess_annual_additions=add.excess,
        ira_route=ira.route, backdoor_converted=ira.converted, backdoor_taxable=ira.taxable,
    )


def _leave_the_work(
    result: Assessment, inp: AssessmentInput, the_route: Route | None, room: Decimal, ira: Ira
) -> None:
    """The paycheck figures and the tax-form lines: worked when first read."""
    result._paycheck_work = partial(paychecks, inp, room)
    result._forms_work = partial(tax_forms_for, FormsRequest(
        inp, inp.tax_year, the_route, result.tax_forms_after_tax, ira.route, ira.converted))


def assess(inp: AssessmentInput) -> Assessment:
    """Apply every rule. Raises UnsupportedYearError for a year with no limits file."""
    limits = limits_for(inp.tax_year)
    the_verdict = verdict(
        inp.plan_type, inp.after_tax_allowed, inp.in_plan_conversion, inp.in_service_withdrawal
    )
    the_route = route(the_verdict, inp.in_plan_conversion, inp.in_service_withdrawal)
    left = c.left_after_elsewhere(limits, inp.age, inp.deferrals_elsewhere)
    inp = _with_the_maximum(_with_the_percent(inp, limits), left)
    add = _additions(inp, limits, left)
    ira = _ira(inp, limits)
    match_plan = None if inp.contributions_closed else keep_the_match(limits, inp, left)
    catch_up = c.catch_up_limit(limits, inp.age)
    result = Assessment(
        tax_year=inp.tax_year, verdict=the_verdict, route=the_route,
        provisional=the_verdict is Verdict.UNKNOWN,
        deferral_limit=c.deferral_limit(limits, inp.age),
        deferral_room=c.deferral_room(left, inp.employee_deferrals),
        catch_up_limit=catch_up, excess_deferrals=add.deferrals.excess,
        **_annual_additions_figures(add, catch_up),
        per_paycheck=_per_paycheck(inp, add.room),
        **_match_figures(match_plan),
        roth_ira_direct_limit=ira.direct, ira_route=ira.route, backdoor_taxable_amount=ira.taxable,
        hsa_limit=hsa_limits(limits, inp.age),
        projected_value=_projection(inp, add.room),
        breakdown=_breakdown(add),
        warnings=warnings_for(inp, limits, _pitfall_figures(the_route, add, ira, match_plan)),
        assumptions=_assumptions(inp, limits, add.employer, the_verdict) + _match_assumptions(match_plan),
        sources=_sources(inp, limits),
        **_screen_figures(inp, limits, add, left),
    )
    _leave_the_work(result, inp, the_route, add.room, ira)
    return result
