"""Warnings: each a stable code, a one-line explanation and the figures behind it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple

from rules.hsa import medicare_age_reached
from rules.limits import Limits
from rules.match import MatchPlan
from rules.models import (
    PLAN_NAMES,
    Answer,
    AssessmentInput,
    BusinessType,
    ConversionFrequency,
    IraRoute,
    PlanWarning,
    Route,
)
from rules.money import ZERO, cents, dollars, to_json_number
from rules.projection import average_wait_days, earnings_before_conversion

ASSUMED_RETURN_PERCENT = Decimal(7)  # the seed articles' illustration rate, labelled as assumed (not law)

# Display order: money-losing problems first, general cautions last.
ORDER = (
    "contributions_closed",
    "excess_deferrals",
    "excess_annual_additions",
    "roth_catch_up_required",
    "hce_acp_testing",
    "pro_rata_in_service",
    "earnings_taxable_on_conversion",
    "backdoor_ira_pro_rata",
    "no_true_up",
    "legislative_risk",
    "hsa_medicare",
)


class Figures(NamedTuple):
    """The computed figures the warnings look at."""

    route: Route | None
    after_tax_room: Decimal
    employer: Decimal
    excess_deferrals: Decimal
    excess_annual_additions: Decimal
    ira_route: IraRoute | None
    backdoor_converted: Decimal
    backdoor_taxable: Decimal | None
    match_plan: MatchPlan | None = None


def _money(amount: Decimal) -> int | float:
    return to_json_number(amount)


def _share(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole).quantize(Decimal("0.0001")) if whole > 0 else ZERO


def excess_deferrals(fig: Figures, year: int) -> PlanWarning | None:
    """402(g)(2)(A)(ii): an excess refunded (with its earnings) by April 15 of the next year is taxed
    once; later, it is taxed in the year deferred and again when paid out. An excess not so refunded
    is also an annual addition (Treas. Reg. 1.415(c)-1(b)(1)(ii)): the after-tax room it leaves is
    ``after_tax_room_if_not_refunded``."""
    if fig.excess_deferrals <= 0:
        return None
    if_kept = max(ZERO, fig.after_tax_room - fig.excess_deferrals)
    return PlanWarning(
        code="excess_deferrals",
        message=(
            f"Your deferrals exceed your 402(g) limit by ${cents(fig.excess_deferrals):,}: "
            f"ask the plan to refund the excess by April 15, {year + 1} or it is taxed twice."
        ),
        details={"excess": _money(fig.excess_deferrals), "refund_by": f"{year + 1}-04-15",
                 "after_tax_room_if_not_refunded": _money(if_kept)},
    )


def excess_annual_additions(fig: Figures) -> PlanWarning | None:
    if fig.excess_annual_additions <= 0:
        return None
    return PlanWarning(
        code="excess_annual_additions",
        message=(
            f"Deferrals plus employer money already exceed the 415(c) annual additions limit by "
            f"${cents(fig.excess_annual_additions):,}: the plan must correct the excess."
        ),
        details={"excess": _money(fig.excess_annual_additions)},
    )


def _has_fica_wages_from_plan_sponsor(inp: AssessmentInput) -> bool:
    """A sole proprietor is paid no wages by the business: only an S-corp owner's W-2 counts."""
    return not (inp.is_solo and inp.solo_business is BusinessType.SOLE_PROP)


def fica_wages(inp: AssessmentInput) -> tuple[Decimal | None, bool]:
    """Last year's FICA wages from this employer, or (when asked) this year's pay standing in."""
    if inp.prior_year_fica_wages is not None:
        return inp.prior_year_fica_wages, False
    if inp.fica_wages_from_pay and inp.compensation is not None:
        return inp.compensation, True
    return None, False


def roth_catch_up_applies(inp: AssessmentInput, limits: Limits) -> bool:
    """The Roth catch-up rule can apply: enforced this year, catch-up age, wages from the sponsor."""
    return (limits.roth_catch_up_enforced and inp.age >= limits.catch_up_age
            and _has_fica_wages_from_plan_sponsor(inp))


def roth_catch_up_required(inp: AssessmentInput, limits: Limits) -> PlanWarning | None:
    """IRC 414(v)(7): prior-year FICA wages from the employer sponsoring the plan above the threshold."""
    wages, proxy = fica_wages(inp)
    if wages is None or not roth_catch_up_applies(inp, limits):
        return None
    threshold = limits.roth_catch_up_wage_threshold
    if wages <= threshold:
        return None
    whose = ("Your pay here (standing in for last year's FICA wages, not given) is above" if proxy
             else "Your prior-year FICA wages from this employer exceed")
    return PlanWarning(
        code="roth_catch_up_required",
        message=(
            f"{whose} ${int(threshold):,}, so from "
            f"{inp.planned_year or inp.tax_year} your catch-up contributions must be Roth, not pre-tax."
        ),
        details={"threshold": _money(threshold), "prior_year_fica_wages": _money(wages),
                 "wages_are_proxy": proxy},
    )


class HcePay(NamedTuple):
    """The look-back year's pay the HCE test uses (IRC 414(q)(1)(B)) and what it is."""

    amount: Decimal
    basis: str  # "compensation" (414(q)(4)), "fica_wages" or "this_year" (stand-ins)
    words: str  # what the sentence calls it


def _hce_pay(inp: AssessmentInput, look_back: int) -> HcePay:
    """414(q)(4) compensation (415(c)(3): with elective deferrals and cafeteria-plan reductions)
    when given; else FICA wages, which leave out cafeteria-plan reductions, so 414(q) pay is at
    least them; else this year's pay standing in."""
    if inp.prior_year_compensation is not None:
        return HcePay(inp.prior_year_compensation, "compensation", f"{look_back} pay")
    if inp.prior_year_fica_wages is not None:
        return HcePay(inp.prior_year_fica_wages, "fica_wages", f"{look_back} FICA wages")
    return HcePay(inp.compensation or ZERO, "this_year", f"{look_back} pay")


def hce_acp_testing(inp: AssessmentInput, limits: Limits, fig: Figures) -> PlanWarning | None:
    """An HCE for year Y was paid more than the threshold in force for Y-1 in Y-1."""
    if inp.is_solo or fig.after_tax_room <= 0:
        return None
    look_back = (inp.planned_year or inp.tax_year) - 1
    pay = _hce_pay(inp, look_back)
    threshold = limits.hce_look_back_threshold
    if pay.amount <= threshold:
        return None
    hce = f"likely a highly compensated employee for {inp.planned_year or inp.tax_year}"
    verdict_text = {
        "compensation": f"Your {look_back} pay was above ${int(threshold):,}: you are {hce}",
        # 414(q) pay adds pre-tax benefit deductions to FICA wages: it is at least as high
        "fica_wages": f"Your {look_back} FICA wages were above ${int(threshold):,}, so your "
                      f"{look_back} pay for this test (with pre-tax deductions) was too: you are {hce}",
        # this year's pay stands in for the look-back year's when that is not given, and it says so
        "this_year": f"If your {look_back} pay was above ${int(threshold):,} (as this year's is), "
                     f"you are {hce}",
    }[pay.basis]
    return PlanWarning(
        code="hce_acp_testing",
        message=f"{verdict_text}; if the plan fails its ACP test, after-tax money may be refunded.",
        details={
            "hce_threshold": _money(threshold),
            "look_back_year": look_back,
            "pay_tested": _money(pay.amount),
            "pay_is_proxy": pay.basis == "this_year",
            "pay_basis": pay.basis,
        },
    )


def _pro_rata_text(inp: AssessmentInput) -> tuple[str, Decimal | None]:
    """The sentence on what part of an in-service withdrawal is taxable, and the pre-tax share."""
    earnings = "the earnings on after-tax money are taxable too (IRC 72(e)(8))"
    if inp.separate_accounting is Answer.YES:
        return (
            "With separate accounting, pre-tax money stays out of an in-service withdrawal, but "
            f"{earnings}: roll them to a traditional IRA (Notice 2014-54) or pay tax on them.",
            ZERO,
        )
    pretax, after_tax = inp.pretax_balance, inp.after_tax_balance
    intro = "Without separate accounting, an in-service withdrawal carries pre-tax money in proportion"
    if pretax is None or after_tax is None:
        return f"{intro}: part of it would be taxable, and {earnings}.", None
    share = _share(pretax, pretax + after_tax)
    if share == 0:
        return f"{intro}; you have no pre-tax balance now, but {earnings}.", share
    return f"{intro}: about {share * 100:.1f}% of each withdrawal would be taxable, and {earnings}.", share


def pro_rata_in_service(inp: AssessmentInput, fig: Figures) -> PlanWarning | None:
    if fig.route is not Route.IN_SERVICE_WITHDRAWAL:
        return None
    message, share = _pro_rata_text(inp)
    return PlanWarning(
        code="pro_rata_in_service",
        message=message,
        details={
            "taxable_share": float(share) if share is not None else None,
            "separate_accounting": inp.separate_accounting is Answer.YES,
            "earnings_taxable": True,
        },
    )


def earnings_taxable_on_conversion(inp: AssessmentInput, fig: Figures) -> PlanWarning | None:
    """Estimate (whole dollars) of a year's earnings that waiting to convert makes taxable."""
    frequency = inp.conversion_frequency
    if frequency is None or frequency is ConversionFrequency.IMMEDIATE or fig.after_tax_room <= 0:
        return None
    assumed = inp.expected_return_percent is None
    rate = ASSUMED_RETURN_PERCENT if inp.expected_return_percent is None else inp.expected_return_percent
    wait = average_wait_days(frequency, inp.pay_frequency)
    earnings = round(earnings_before_conversion(fig.after_tax_room, rate, wait))
    tax = None
    if inp.marginal_tax_rate_percent is not None:
        tax = round(earnings * inp.marginal_tax_rate_percent / 100)
    tax_text = f", about ${tax:,} in tax" if tax is not None else ""
    return PlanWarning(
        code="earnings_taxable_on_conversion",
        message=(
            f"Converting {frequency.value.replace('_', ' ')} leaves money growing about "
            f"{round(wait)} days on average: about ${earnings:,} of earnings a year would be "
            f"taxable{tax_text}. Convert as soon as possible, ideally automatically."
        ),
        details={
            "average_wait_days": round(float(wait), 1),
            "estimated_earnings": earnings,
            "estimated_tax": tax,
            "return_percent": float(rate),
            "return_assumed": assumed,
        },
    )


def backdoor_ira_pro_rata(inp: AssessmentInput, fig: Figures) -> PlanWarning | None:
    taxable, converted = fig.backdoor_taxable, fig.backdoor_converted
    if taxable is None or taxable <= 0 or converted <= 0:
        return None
    tax = None
    if inp.marginal_tax_rate_percent is not None:
        tax = cents(taxable * inp.marginal_tax_rate_percent / 100)
    tax_text = f", about ${dollars(tax):,} in tax" if tax is not None else ""
    return PlanWarning(
        code="backdoor_ira_pro_rata",
        message=(
            f"Your pre-tax IRA balance makes ${dollars(taxable):,} of a ${dollars(converted):,} "
            f"backdoor Roth conversion taxable (pro-rata, Form 8606){tax_text}: roll the pre-tax IRA "
            f"into your {PLAN_NAMES[inp.plan_type]} by December 31 if the plan takes roll-ins."
        ),
        details={
            "taxable_share": float(_share(taxable, converted)),
            "taxable_amount": _money(taxable),
            "converted": _money(converted),
            "estimated_tax": None if tax is None else _money(tax),
            "estimated_tax_dollars": None if tax is None else _money(dollars(tax)),
        },
    )


def _reached_words(plan: MatchPlan) -> str:
    reached = plan.limit_reached_on_paycheck
    if reached is None:
        return "it keeps the full match (your limit is not reached this year)"
    if reached == plan.paychecks:
        return "it reaches your limit on the last one and keeps the full match"
    # the 'up to' % sets the figure: every dollar deferred is matched, none after the limit
    return f"it reaches your limit on paycheck {reached} of {plan.paychecks}"


def _keep_the_match_text(inp: AssessmentInput, plan: MatchPlan) -> str:
    text = (
        f"Without a year-end true-up, defer {plan.deferral_percent_per_paycheck}% of each paycheck: "
        f"{_reached_words(plan)}"
    )
    if plan.match_lost_if_front_loaded:
        text += f"; at {inp.deferral_percent}% you would lose ${dollars(plan.match_lost_if_front_loaded):,}"
    if plan.match_stops_after_paycheck is not None:
        stop = plan.match_stops_after_paycheck
        text += f"; 401(a)(17) stops the match after paycheck {stop} of {plan.paychecks}"
    return text + "."


def no_true_up(inp: AssessmentInput, fig: Figures) -> PlanWarning | None:
    if inp.is_solo or fig.employer <= 0 or inp.true_up is Answer.YES:
        return None
    details: dict[str, Any] = {"true_up": inp.true_up.value if inp.true_up else None}
    message = (
        "If your match is paid per paycheck and the plan has no year-end true-up, "
        "reaching the deferral limit early loses match: spread deferrals over the year."
    )
    plan = fig.match_plan
    if plan is not None:
        message = _keep_the_match_text(inp, plan)
        details |= {
            "deferral_percent_per_paycheck": _money(plan.deferral_percent_per_paycheck),
            "match_lost_if_front_loaded": None if plan.match_lost_if_front_loaded is None
            else _money(plan.match_lost_if_front_loaded),
            "match_stops_after_paycheck": plan.match_stops_after_paycheck,
            "paychecks": plan.paychecks,
            "pay_frequency_assumed": plan.frequency_assumed,
            "limit_reached_on_paycheck": plan.limit_reached_on_paycheck,
        }
    return PlanWarning(code="no_true_up", message=message, details=details)


def legislative_risk(fig: Figures) -> PlanWarning | None:
    if fig.after_tax_room <= 0:
        return None
    return PlanWarning(
        code="legislative_risk",
        message=(
            "Congress has proposed ending after-tax conversions before; changes have so far "
            "been proposed as prospective, so act on this year's room while it exists."
        ),
    )


def hsa_medicare(inp: AssessmentInput, limits: Limits) -> PlanWarning | None:
    if not medicare_age_reached(limits, inp.age):
        return None
    return PlanWarning(
        code="hsa_medicare",
        message=(
            "HSA contributions stop from the month you enroll in Medicare (IRC 223(b)(7)); "
            "collecting Social Security at 65 enrolls you in Part A automatically."
        ),
        details={"medicare_age": limits.medicare_age},
    )


def contributions_closed(inp: AssessmentInput) -> PlanWarning | None:
    """A finished year: payroll can put nothing more in; what is left is checking and tax forms."""
    if not inp.contributions_closed:
        return None
    year = inp.planned_year or inp.tax_year
    payroll = " through payroll" if _has_fica_wages_from_plan_sponsor(inp) else ""
    # a business's contribution for a year counts for it when paid by the due date of its return for
    # that year, extensions included (IRC 404(a)(6); Publication 560, "Deducting Contributions")
    business = (f" The business's profit-sharing for {year} can still be paid until the due date of its "
                f"{year} tax return, extensions included (IRC 404(a)(6))." if inp.is_solo else "")
    return PlanWarning(
        code="contributions_closed",
        message=(
            f"{year} is over: after-tax contributions for {year} can no longer be made{payroll}. "
            f"What is left for {year}: check that what went in stayed within these limits (an excess "
            f"must be corrected by the plan), and the Form 1099-R for each conversion or withdrawal "
            f"made in {year} (Form 8606 for a backdoor Roth IRA).{business}"
        ),
        details={"tax_year": year},
    )


def warnings_for(inp: AssessmentInput, limits: Limits, fig: Figures) -> tuple[PlanWarning, ...]:
    closed = inp.contributions_closed  # nothing more can go in: no advice on what to put in
    candidates = (
        contributions_closed(inp),
        excess_deferrals(fig, inp.planned_year or inp.tax_year),
        excess_annual_additions(fig),
        roth_catch_up_required(inp, limits),
        hce_acp_testing(inp, limits, fig),
        pro_rata_in_service(inp, fig),
        earnings_taxable_on_conversion(inp, fig),
        backdoor_ira_pro_rata(inp, fig),
        None if closed else no_true_up(inp, fig),
        None if closed else legislative_risk(fig),
        hsa_medicare(inp, limits),
    )
    return tuple(w for w in candidates if w is not None)  # already in ORDER (a test checks)
