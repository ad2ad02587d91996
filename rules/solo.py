"""Solo 401(k) employer (profit-sharing) maximum, per IRS Pub 560 chapter 5."""

from __future__ import annotations

from decimal import Decimal

from rules.limits import Limits
from rules.money import ZERO, clamp_at_zero


def self_employed_rate(limits: Limits) -> Decimal:
    """Pub 560's reduced rate for a sole proprietor: plan rate / (1 + plan rate), 0.20 for 25%."""
    rate = limits.plan_contribution_rate
    return rate / (1 + rate)


def self_employment_tax(limits: Limits, net_profit: Decimal, wages: Decimal = ZERO) -> Decimal:
    """Schedule SE: the Social Security rate up to the wage base less the Social Security wages
    already paid by an employer (lines 8a-10), plus the Medicare rate on all of net profit x the
    net-earnings factor (12.4%, 2.9%, 92.35%: rules/data/statute.json)."""
    base = net_profit * limits.se_net_earnings_factor
    line9 = clamp_at_zero(limits.social_security_wage_base - wages)
    social_security = min(base, line9) * limits.se_social_security_rate
    return clamp_at_zero(social_security + base * limits.se_medicare_rate)


def net_earnings_before_contribution(limits: Limits, net_profit: Decimal, wages: Decimal = ZERO) -> Decimal:
    """Pub 560 step 3: net profit minus the deductible half of SE tax."""
    return net_profit - self_employment_tax(limits, net_profit, wages) * limits.se_tax_deductible_share


def sole_prop_employer_formula(limits: Limits, net_profit: Decimal, wages: Decimal = ZERO) -> Decimal:
    """Pub 560 steps 5-7: the reduced rate (20%) of (net profit - half SE tax), within the plan
    rate (25%) of the 401(a)(17) limit."""
    step5 = net_earnings_before_contribution(limits, net_profit, wages) * self_employed_rate(limits)
    step6 = limits.compensation_limit * limits.plan_contribution_rate
    return clamp_at_zero(min(step5, step6))


def s_corp_employer_formula(limits: Limits, w2_pay: Decimal) -> Decimal:
    """The plan rate (25%) of W-2 pay, with pay capped at the 401(a)(17) limit."""
    return min(w2_pay, limits.compensation_limit) * limits.plan_contribution_rate


def sole_prop_plan_compensation(
    limits: Limits, net_profit: Decimal, employer: Decimal, wages: Decimal = ZERO
) -> Decimal:
    """Earned income for 415(c): net profit - half SE tax - the contribution for yourself."""
    return clamp_at_zero(net_earnings_before_contribution(limits, net_profit, wages) - employer)


def solo_employer_max(
    limits: Limits,
    *,
    s_corp: bool,
    compensation: Decimal,
    counted_deferrals: Decimal,
    wages: Decimal = ZERO,
) -> Decimal:
    """The most the business can contribute as employer, keeping annual additions within 415(c)."""
    if s_corp:
        formula = s_corp_employer_formula(limits, compensation)
        within_pay = compensation - counted_deferrals
    else:
        formula = sole_prop_employer_formula(limits, compensation, wages)
        # deferrals + employer <= earned income = base - employer  =>  employer <= (base - d) / 2
        base = net_earnings_before_contribution(limits, compensation, wages)
        within_pay = (base - counted_deferrals) / 2
    within_dollar_limit = limits.annual_additions_limit - counted_deferrals
    return max(ZERO, min(formula, within_dollar_limit, within_pay))
