"""Frozen input and output models of the rules engine (the JSON contract's shapes)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, NamedTuple

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PrivateAttr,
    computed_field,
    model_validator,
)

from rules.money import to_json_number

MAX_MONEY = Decimal("10000000000")  # $10 billion: anything above is a typo, not a pay figure

Money = Annotated[Decimal, Field(ge=0, le=MAX_MONEY, allow_inf_nan=False)]
Percent = Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False)]
MAX_MATCH_PERCENT = Decimal(400)  # input guard: a match above 400% of deferrals is a typo
MatchRate = Annotated[Decimal, Field(ge=0, le=MAX_MATCH_PERCENT, allow_inf_nan=False)]
# An output figure: exact inside, a JSON number rounded to cents in the contract (model_dump(mode="json")).
Amount = Annotated[Decimal, PlainSerializer(to_json_number, return_type=int | float, when_used="json")]
Ratio = Annotated[Decimal, PlainSerializer(float, return_type=float, when_used="json")]


class PlanType(StrEnum):
    K401 = "401k"
    K403B = "403b"
    SOLO_401K = "solo401k"
    GOV_457B = "457b"


#: The plan as a person names it: a 403(b) saver never reads "401(k)" in the engine's words.
PLAN_NAMES: dict[PlanType, str] = {
    PlanType.K401: "401(k)", PlanType.K403B: "403(b)", PlanType.SOLO_401K: "solo 401(k)",
    PlanType.GOV_457B: "457(b)",
}


class BusinessType(StrEnum):
    SOLE_PROP = "sole_prop"
    S_CORP = "s_corp"


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


class FilingStatus(StrEnum):
    SINGLE = "single"
    HEAD_OF_HOUSEHOLD = "hoh"
    MARRIED_JOINT = "mfj"
    MARRIED_SEPARATE = "mfs"


class PayFrequency(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    SEMIMONTHLY = "semimonthly"
    MONTHLY = "monthly"
    # a sole proprietor's contributions (no payroll): four a year, or one
    QUARTERLY = "quarterly"
    ANNUALLY = "annually"


PAY_PERIODS_PER_YEAR: dict[PayFrequency, int] = {
    PayFrequency.WEEKLY: 52,
    PayFrequency.BIWEEKLY: 26,
    PayFrequency.SEMIMONTHLY: 24,
    PayFrequency.MONTHLY: 12,
    PayFrequency.QUARTERLY: 4,
    PayFrequency.ANNUALLY: 1,
}


class ConversionFrequency(StrEnum):
    IMMEDIATE = "immediate"
    PER_PAYCHECK = "per_paycheck"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUALLY = "annually"


class Verdict(StrEnum):
    AVAILABLE = "available"
    AFTER_SEPARATION_ONLY = "after_separation_only"
    NOT_AVAILABLE = "not_available"
    UNKNOWN = "unknown"


class Route(StrEnum):
    IN_PLAN_CONVERSION = "in_plan_conversion"
    IN_SERVICE_WITHDRAWAL = "in_service_withdrawal"


class IraRoute(StrEnum):
    DIRECT = "direct"
    PARTIAL_DIRECT = "partial_direct"
    BACKDOOR = "backdoor"


class MatchTier(BaseModel):
    """One tier of a match formula: "50% of the next 2%" is match_percent 50, next_percent 2 (of pay)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    match_percent: MatchRate
    next_percent: Percent


class AssessmentInput(BaseModel):
    """One person's situation for one tax year. Field names are the public JSON contract."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    tax_year: int
    # The year planned when its limits are not yet published and ``tax_year``'s stand in (open
    # enrollment for next year): the warnings name it and its look-back year. None: tax_year.
    planned_year: int | None = None
    age: Annotated[int, Field(ge=14, le=110)]
    plan_type: PlanType = PlanType.K401
    business_type: BusinessType | None = None
    compensation: Money | None = None
    employee_deferrals: Money = Decimal(0)
    # "the maximum": deferrals are what this plan can still take (402(g) + catch-up left), within pay
    employee_deferrals_max: bool = False
    # deferrals elected as a % of pay ("10% of pay"): the dollars are that % of pay capped at
    # 401(a)(17), rounded down to the cent (employee_deferrals in the output)
    employee_deferrals_percent: Percent | None = None
    deferrals_elsewhere: Money = Decimal(0)  # to other employers' plans this year (402(g) is per person)
    # a sole proprietor's Social Security wages from a day job this year (Schedule SE line 8a)
    social_security_wages_elsewhere: Money | None = None
    employer_contributions: Money | None = None
    match_percent: MatchRate | None = None  # "50% up to 6%": 50 (instead of employer_contributions)
    match_up_to_percent: Percent | None = None  # ... and 6 (% of pay, capped at 401(a)(17))
    # "100% of the first 3% plus 50% of the next 2%": tiers in order (instead of match_percent)
    match_tiers: tuple[MatchTier, ...] | None = None
    # employer money as a % of pay whatever is deferred (safe harbor 3%, profit sharing 5%)
    nonelective_percent: Percent | None = None
    deferral_percent: Percent | None = None  # % of pay deferred per paycheck as elected now
    after_tax_allowed: Answer = Answer.UNSURE
    in_plan_conversion: Answer = Answer.UNSURE
    in_service_withdrawal: Answer = Answer.UNSURE
    separate_accounting: Answer | None = None
    true_up: Answer | None = None
    after_tax_cap_percent: Percent | None = None
    pretax_balance: Money | None = None
    after_tax_balance: Money | None = None
    filing_status: FilingStatus | None = None
    magi: Money | None = None
    pretax_ira_balance: Money | None = None
    prior_ira_basis: Money | None = None  # Form 8606 line 2: nondeductible basis from earlier years
    prior_year_fica_wages: Money | None = None  # W-2 box 3 from this employer (Roth catch-up rule)
    # FICA wages not given: this year's pay here stands in for them (Roth catch-up rule), said so
    fica_wages_from_pay: bool = False
    # last year's pay for the HCE test: 414(q)(4) compensation (415(c)(3): W-2 wages with
    # elective deferrals and cafeteria-plan reductions added back)
    prior_year_compensation: Money | None = None
    pay_frequency: PayFrequency | None = None
    pay_periods_remaining: Annotated[int, Field(ge=1, le=52)] | None = None
    expected_return_percent: Annotated[Decimal, Field(ge=-50, le=50, allow_inf_nan=False)] | None = None
    years_until_retirement: Annotated[int, Field(ge=0, le=80)] | None = None
    marginal_tax_rate_percent: Percent | None = None
    conversion_frequency: ConversionFrequency | None = None
    after_tax_so_far: Money | None = None  # after-tax money already contributed this year
    # The tax year is over (its December 31 has passed): nothing more goes in through payroll, so
    # no paychecks are left; the answer says the year's contributions are closed.
    contributions_closed: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> AssessmentInput:
        for problem in _consistency_problems(self):
            raise ValueError(problem)
        return self

    @property
    def tiers(self) -> tuple[tuple[Decimal, Decimal], ...] | None:
        """The match formula as (match %, % of pay it applies to) tiers; None without one."""
        if self.match_tiers:
            return tuple((t.match_percent, t.next_percent) for t in self.match_tiers)
        if self.match_percent is not None and self.match_up_to_percent is not None:
            return ((self.match_percent, self.match_up_to_percent),)
        return None

    @property
    def is_solo(self) -> bool:
        return self.plan_type is PlanType.SOLO_401K

    @property
    def solo_business(self) -> BusinessType:
        return self.business_type or BusinessType.SOLE_PROP


def _consistency_problems(inp: AssessmentInput) -> list[str]:
    problems: list[str] = []
    if inp.business_type is not None and not inp.is_solo:
        problems.append("business_type: applies only to plan_type solo401k")
    if inp.social_security_wages_elsewhere is not None and (
        not inp.is_solo or inp.solo_business is not BusinessType.SOLE_PROP
    ):
        problems.append("social_security_wages_elsewhere: applies only to a sole proprietor's solo401k")
    if inp.magi is not None and inp.filing_status is None:
        problems.append("filing_status: is required when magi is given")
    if inp.pay_periods_remaining is not None:
        if inp.contributions_closed:
            problems.append("pay_periods_remaining: a closed year (contributions_closed) has no paychecks "
                            "left")
        elif inp.pay_frequency is None:
            problems.append("pay_frequency: is required when pay_periods_remaining is given")
        elif inp.pay_periods_remaining > PAY_PERIODS_PER_YEAR[inp.pay_frequency]:
            most = PAY_PERIODS_PER_YEAR[inp.pay_frequency]
            problems.append(
                f"pay_periods_remaining: a {inp.pay_frequency.value} payroll has at most "
                f"{most} paychecks a year (got {inp.pay_periods_remaining})"
            )
    if inp.compensation is not None and inp.employee_deferrals > inp.compensation:
        problems.append(
            f"employee_deferrals: cannot exceed compensation "
            f"({inp.employee_deferrals} > {inp.compensation})"
        )
    if inp.employee_deferrals_max and inp.employee_deferrals:
        problems.append("employee_deferrals: give either employee_deferrals or employee_deferrals_max")
    if inp.employee_deferrals_percent is not None:
        problems.extend(_percent_deferral_problems(inp))
    if inp.after_tax_cap_percent is not None and inp.compensation is None:
        problems.append("compensation: is required when after_tax_cap_percent is given")
    problems.extend(_match_problems(inp))
    return problems


def _percent_deferral_problems(inp: AssessmentInput) -> list[str]:
    if inp.compensation is None:
        return ["compensation: is required when employee_deferrals_percent is given"]
    if inp.employee_deferrals or inp.employee_deferrals_max:
        return ["employee_deferrals_percent: give one of employee_deferrals, employee_deferrals_max "
                "or employee_deferrals_percent"]
    return []


def _tier_problems(inp: AssessmentInput) -> list[str]:
    given = (inp.match_percent is not None, inp.match_up_to_percent is not None)
    if given not in ((False, False), (True, True)):
        missing = "match_up_to_percent" if given[0] else "match_percent"
        return [f"{missing}: is required with the other half of the match formula"]
    if inp.match_tiers is None:
        return []
    if given[0]:
        return ["match_tiers: give either match_tiers or match_percent with match_up_to_percent, not both"]
    if not inp.match_tiers:
        return ["match_tiers: needs at least one tier"]
    if sum(t.next_percent for t in inp.match_tiers) > 100:
        return ["match_tiers: the tiers cover more than 100% of pay"]
    return []


def _match_problems(inp: AssessmentInput) -> list[str]:
    problems = _tier_problems(inp)
    if problems or (inp.tiers is None and inp.nonelective_percent is None):
        return problems
    formula = "match formula" if inp.tiers is not None else "nonelective_percent"
    if inp.employer_contributions is not None:
        field = "match_tiers" if inp.match_tiers else (
            "match_percent" if inp.match_percent is not None else "nonelective_percent")
        return [f"{field}: give either employer_contributions or the {formula}, not both"]
    if inp.compensation is None:
        return [f"compensation: is required when a {formula} is given"]
    return []


class PlanWarning(BaseModel):
    """One pitfall that applies: a stable code, a one-line explanation, and its figures."""

    model_config = ConfigDict(frozen=True)

    code: str
    message: str
    details: dict[str, Any] = Field(default_factory=dict)


class Breakdown(BaseModel):
    """How the annual additions limit is filled (catch-up sits on top of it)."""

    model_config = ConfigDict(frozen=True)

    counted_deferrals: Amount
    catch_up_deferrals: Amount
    employer_contributions: Amount
    employer_assumed_max: bool
    after_tax_room: Amount
    unused: Amount


class TaxFormLine(BaseModel):
    """One box or line of a tax form: money (``amount``), a ratio, or what it shows (a code)."""

    model_config = ConfigDict(frozen=True)

    line: str  # as printed on the form: "Box 7", "Line 18"
    label: str
    amount: Amount | None = None
    ratio: Ratio | None = None
    shows: str | None = None
    estimate: bool = False  # the earnings: estimated from the conversion frequency
    note: str = ""
    source: str


class TaxForm(BaseModel):
    """A form this person will receive or file for the year, with the lines their figures fill."""

    model_config = ConfigDict(frozen=True)

    form: str
    title: str
    lines: tuple[TaxFormLine, ...]
    notes: tuple[str, ...] = ()
    source: str


class Paychecks(NamedTuple):
    left: Decimal  # the room less what is already in
    over: Decimal  # already in beyond the room (to be corrected)
    per_paycheck: Decimal | None  # the even split of what is left, or what a paycheck can hold
    percent: int | None  # a whole % of each gross paycheck, rounded down, within the plan's cap
    percent_amount: Decimal | None  # what that whole % puts in a paycheck (cents, rounded down)
    capacity: Decimal | None  # a paycheck after its deferral: the most it can hold
    most_this_year: Decimal | None  # set when the even split does not fit in a paycheck


class FormsRequest(NamedTuple):
    """What the tax-form lines are built from, kept so they are built only when read."""

    inp: AssessmentInput
    tax_year: int
    route: Route | None
    room: Decimal
    ira_route: IraRoute | None
    converted: Decimal


class Assessment(BaseModel):
    """The engine's answer. Field names are the public JSON contract."""

    model_config = ConfigDict(frozen=True)

    tax_year: int
    verdict: Verdict
    route: Route | None
    provisional: bool
    deferral_limit: Amount
    deferral_room: Amount
    catch_up_limit: Amount
    annual_additions_limit: Amount | None
    after_tax_room: Amount
    total_limit: Amount | None
    excess_deferrals: Amount
    excess_annual_additions: Amount
    employer_contributions: Amount  # as used: given, from the match formula, or the solo maximum
    # Deferrals counted toward 415(c) (catch-up excluded) plus employer money, before after-tax.
    annual_additions: Amount | None
    solo_employer_max: Amount | None
    per_paycheck: Amount | None
    deferral_percent_per_paycheck: Amount | None  # keeps the match and reaches the limit at year end
    match_lost_if_front_loaded: Amount | None  # at the elected deferral_percent, without true-up
    roth_ira_direct_limit: Amount | None
    ira_route: IraRoute | None
    backdoor_taxable_amount: Amount | None
    hsa_limit: dict[str, Amount]
    projected_value: Amount | None
    breakdown: Breakdown
    warnings: tuple[PlanWarning, ...]
    assumptions: tuple[str, ...]
    sources: dict[str, str]
    # at deferral_percent_per_paycheck: the paycheck whose deferral reaches the limit (None: not this year)
    limit_reached_on_paycheck: int | None = None
    paychecks_per_year: int | None = None  # the keep-the-match plan's paychecks (biweekly if not given)
    # the figures a result screen shows (see docs/engine.md)
    employee_deferrals: Amount = Decimal(0)  # as used ("the maximum" worked out)
    ira_limit: Amount = Decimal(0)  # the IRA dollar limit with the 50+ catch-up
    pay_bounds_catch_up: bool = False  # 100% of pay is the 415(c) limit: pay, not the sum, bounds it
    catch_up_pay_allows: Amount = Decimal(0)  # the catch-up this plan can take within pay (414(v)(2)(A))
    deferral_room_here: Amount = Decimal(0)  # what this plan can take after other plans, before its own
    deferrals_elsewhere: Amount = Decimal(0)  # as given (402(g) is one limit per person)
    after_tax_so_far: Amount = Decimal(0)  # as given
    plan_after_tax_cap: Amount | None = None  # the plan's % cap in dollars, when it binds
    plan_after_tax_cap_percent: Amount | None = None  # ... as the % of pay given
    room_without_plan_cap: Amount | None = None  # ... and the room the IRS limit alone leaves
    # as given: the year is over, its contributions closed (no per-paycheck figures; a warning says so)
    contributions_closed: bool = False
    # the after-tax money tax_forms are built from: after_tax_room, or for a closed year what went in
    tax_forms_after_tax: Amount = Decimal(0)
    # The engine leaves the work for these two, done when first read (rules.paycheck and
    # rules.tax_forms import this module, so it does not import them).
    _forms_work: Callable[[], tuple[TaxForm, ...] | None] | None = PrivateAttr(default=None)
    _paycheck_work: Callable[[], Paychecks] | None = PrivateAttr(default=None)

    # The paycheck figures: worked when first read (the JSON contract reads them), then kept.
    @cached_property
    def _paychecks(self) -> Paychecks:
        if self._paycheck_work is None:
            return Paychecks(Decimal(0), Decimal(0), None, None, None, None, None)
        return self._paycheck_work()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def after_tax_left(self) -> Amount:
        """after_tax_room less after_tax_so_far."""
        left: Decimal = self._paychecks.left
        return left

    @computed_field  # type: ignore[prop-decorator]
    @property
    def after_tax_over(self) -> Amount:
        """after_tax_so_far beyond the room (to be corrected)."""
        over: Decimal = self._paychecks.over
        return over

    @computed_field  # type: ignore[prop-decorator]
    @property
    def paycheck_after_tax(self) -> Amount | None:
        """Per paycheck left: the even split, or what a paycheck holds."""
        value: Decimal | None = self._paychecks.per_paycheck
        return value

    @computed_field  # type: ignore[prop-decorator]
    @property
    def paycheck_percent(self) -> int | None:
        """As a whole % of gross pay, within the plan's cap."""
        value: int | None = self._paychecks.percent
        return value

    @computed_field  # type: ignore[prop-decorator]
    @property
    def paycheck_percent_amount(self) -> Amount | None:
        """What that whole % puts in a paycheck."""
        value: Decimal | None = self._paychecks.percent_amount
        return value

    @computed_field  # type: ignore[prop-decorator]
    @property
    def paycheck_capacity(self) -> Amount | None:
        """A paycheck after its deferral."""
        value: Decimal | None = self._paychecks.capacity
        return value

    @computed_field  # type: ignore[prop-decorator]
    @property
    def after_tax_most_this_year(self) -> Amount | None:
        """The most this year when the even split does not fit a paycheck."""
        value: Decimal | None = self._paychecks.most_this_year
        return value

    @computed_field  # type: ignore[prop-decorator]
    @cached_property
    def tax_forms(self) -> tuple[TaxForm, ...] | None:
        """Form 1099-R, 8606 and 1040 lines for the route: built on first read (about 30 cited
        lines; most callers never read them), then kept."""
        return None if self._forms_work is None else self._forms_work()
