"""The interview's questions, in order: prompt, what it expects, why we ask, and when it applies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from flows import conditions as c
from flows.calendar import offers_next_year, planning_years
from flows.facts import Facts, default_tax_year
from rules.contributions import deferral_limit
from rules.limits import latest_year, limits_for
from rules.models import PAY_PERIODS_PER_YEAR, BusinessType, PayFrequency
from rules.provisional import is_provisional


class Kind(StrEnum):
    CHOICE = "choice"
    MONEY = "money"
    PERCENT = "percent"
    WHOLE = "whole"
    EMPLOYER = "employer"
    CHECKPOINT = "checkpoint"


class Stage(StrEnum):
    VERDICT = "Quick verdict"
    ROOM = "Your room"
    EXTRAS = "Optional"
    DONE = "Result"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


Text = str | Callable[[Facts], str]
Choices = tuple[Choice, ...] | Callable[[Facts], tuple[Choice, ...]]


@dataclass(frozen=True)
class Question:
    id: str
    label: str
    stage: Stage
    kind: Kind
    prompt: Text
    hint: Text = ""
    why: str = ""
    choices: Choices = ()
    applies: Callable[[Facts], bool] = c.always
    skippable: bool = False
    low: int = 0
    high: int = 0
    sole_prop_label: str = ""

    def name(self, facts: Facts) -> str:
        """The question's label as this person reads it (a sole proprietor has no paychecks)."""
        return self.sole_prop_label if self.sole_prop_label and facts.is_sole_prop else self.label

    def text(self, facts: Facts) -> str:
        return self.prompt(facts) if callable(self.prompt) else self.prompt

    def hint_text(self, facts: Facts) -> str:
        return self.hint(facts) if callable(self.hint) else self.hint

    def options(self, facts: Facts) -> tuple[Choice, ...]:
        return self.choices(facts) if callable(self.choices) else self.choices


YES_NO_UNSURE = (Choice("yes", "Yes"), Choice("no", "No"), Choice("unsure", "Not sure"))
SKIP = Choice("skip", "Skip")


def _money(amount: object) -> str:
    return f"${amount:,.0f}"


def _tax_years(facts: Facts) -> tuple[Choice, ...]:
    """This year first (or the latest published), then next year from November 1 (provisional
    while its limits are not published), then the earlier years on file."""
    this_year = default_tax_year(facts.today)
    note = "(this year)" if this_year == facts.today.year else "(latest published)"
    labels = {this_year: f"{this_year} {note}"}
    next_year = facts.today.year + 1
    if next_year in planning_years(facts.today):
        labels[next_year] = f"{next_year} (next year{', provisional' if is_provisional(next_year) else ''})"
    rest = [y for y in reversed(planning_years(facts.today)) if y not in labels and y <= this_year]
    return tuple(Choice(str(y), label) for y, label in [*labels.items(), *((y, str(y)) for y in rest)])


def _tax_year_hint(facts: Facts) -> str:
    """From November 1 (next year not yet published), or from January 1 of a year whose limits are
    not on file: say so, in one line."""
    year = facts.today.year
    if year > latest_year():
        return (f"The IRS has not yet published the {year} limits; working on {latest_year()}, "
                "the latest on file.")
    if offers_next_year(facts.today) and is_provisional(year + 1):
        return (f"Planning {year + 1}? The IRS has not published its plan limits yet: I'd use "
                f"{latest_year()}'s and mark every figure provisional.")
    return ""


def _was(facts: Facts, now: str, then: str) -> str:
    """The question's verb as the year stands: a year that is over is asked in the past ("did you")."""
    return then if facts.year_closed else now


def _age_prompt(facts: Facts) -> str:
    return f"How old {_was(facts, 'will you be', 'were you')} on December 31, {facts.planned_year}?"


def _pay_prompt(facts: Facts) -> str:
    year, is_ = facts.planned_year, _was(facts, "is", "was")
    if facts.is_solo and facts.business_type is BusinessType.SOLE_PROP:
        return f"What {is_} your business's net profit for {year} (Schedule C line 31, or K-1 box 14A)?"
    if facts.is_solo:
        return f"What W-2 pay {_was(facts, 'does', 'did')} your S-corp pay you for {year} (before deferrals)?"
    return f"What {is_} your gross pay from this employer for {year}, before any {facts.plan_name} deferrals?"


def _deferral_prompt(facts: Facts) -> str:
    limit = deferral_limit(limits_for(facts.tax_year), facts.age or 0)
    elsewhere = facts.deferrals_elsewhere
    if elsewhere:
        return (
            f"How much {_was(facts, 'will you', 'did you')} defer (pre-tax + Roth) to this plan in "
            f"{facts.planned_year}? Your limit here {_was(facts, 'is', 'was')} "
            f"{_money(facts.deferral_room_here)} ({_money(limit)} less {_money(elsewhere)} elsewhere)."
        )
    provisional = f" ({facts.tax_year}'s; provisional)" if facts.provisional_year else ""
    return (
        f"How much {_was(facts, 'will you', 'did you')} defer (pre-tax + Roth) in {facts.planned_year}? "
        f"Your limit {_was(facts, 'is', 'was')} {_money(limit)}{provisional}."
    )


def _day_job_prompt(facts: Facts) -> str:
    return (f"{_was(facts, 'Do you also have', 'Did you also have')} a day job (or another job) with a "
            f"401(k) or 403(b)? How much {_was(facts, 'do you', 'did you')} defer there in "
            f"{facts.planned_year} (pre-tax + Roth)?")


def _elsewhere_hint(facts: Facts) -> str:
    limit = deferral_limit(limits_for(facts.tax_year), facts.age or 0)
    return (f"One deferral limit ({_money(limit)} for you in {facts.planned_year}) covers all your plans; "
            "a 457(b) does not count. A dollar amount, or None.")


def _employer_prompt(facts: Facts) -> str:
    if facts.is_solo:
        return f"How much {_was(facts, 'will', 'did')} the business put in as profit-sharing?"
    return (f"How much {_was(facts, 'will your employer contribute', 'did your employer contribute')} for "
            f"{facts.planned_year} (match and any other)?")


def _frequency_prompt(facts: Facts) -> str:
    if facts.is_sole_prop:
        return "How often will you put money into the plan (your owner's draws)?"
    if facts.is_solo:
        return "How often does your S-corp run payroll for you?"
    return "How often are you paid?"


def _paychecks_prompt(facts: Facts) -> str:
    if facts.is_sole_prop:
        return f"How many contributions are left in {facts.planned_year}?"
    return f"How many paychecks are left in {facts.planned_year} for after-tax contributions?"


def _paychecks_hint(facts: Facts) -> str:
    """The bound the answer must keep, in the person's own terms: a payroll's paychecks in a year,
    or as many contributions as the schedule they chose (weekly: 52)."""
    raw = facts.value("pay_frequency")
    if raw is None:
        return "A whole number, or pick one below."
    most = PAY_PERIODS_PER_YEAR[PayFrequency(raw)]
    if facts.is_sole_prop:
        return f"A whole number up to {most}, as you put money in {_SCHEDULE[raw]}; or pick one below."
    return f"A whole number up to {most}, or pick one below."


_SCHEDULE = {"weekly": "weekly", "biweekly": "every 2 weeks", "semimonthly": "twice a month",
             "monthly": "monthly", "quarterly": "quarterly", "annually": "once a year"}
PAYROLL_FREQUENCIES = (Choice("weekly", "Weekly"), Choice("biweekly", "Every 2 weeks"),
                       Choice("semimonthly", "Twice a month"), Choice("monthly", "Monthly"))
# Without a payroll, a sole proprietor may put money in as seldom as once a year.
DRAW_FREQUENCIES = (*PAYROLL_FREQUENCIES, Choice("quarterly", "Quarterly"), Choice("annually", "Once a year"))


def _frequency_choices(facts: Facts) -> tuple[Choice, ...]:
    return DRAW_FREQUENCIES if facts.is_sole_prop else PAYROLL_FREQUENCIES


def paychecks_out_of_range(facts: Facts) -> str:
    """Why a count of paychecks (or of a sole proprietor's contributions) is refused, and what to type."""
    raw = facts.value("pay_frequency") or "weekly"
    most = PAY_PERIODS_PER_YEAR[PayFrequency(raw)]
    if facts.is_sole_prop:
        return (f"You put money in {_SCHEDULE[raw]}: at most {most} contributions a year. Type a number "
                f"between 1 and {most}, or change how often (e.g. 'change my pay frequency to weekly').")
    return (f"A payroll paid {_SCHEDULE[raw]} has at most {most} paychecks a year: "
            f"type a number between 1 and {most}.")


def _after_tax_hint(facts: Facts) -> str:
    return ("Your Summary Plan Description says 'after-tax contributions' or 'voluntary after-tax'; "
            f"Roth {facts.plan_name} is a different thing.")


def _employer_choices(facts: Facts) -> tuple[Choice, ...]:
    if facts.is_solo:
        return (Choice("max", "The maximum"),)
    return (Choice("0", "None"),)


def _paycheck_choices(facts: Facts) -> tuple[Choice, ...]:
    raw = facts.value("pay_frequency")
    if raw is None:
        return ()
    per_year = PAY_PERIODS_PER_YEAR[PayFrequency(raw)]
    choices = [Choice(str(per_year), f"All {per_year} (whole year)")]
    left = paychecks_left_from(facts, per_year)
    if left != per_year:
        choices.insert(0, Choice(str(left), f"About {left} (rest of {facts.planned_year})"))
    return tuple(choices)


def paychecks_left_from(facts: Facts, per_year: int) -> int:
    """Paychecks left in the tax year from today's date (all of them for a future year)."""
    if facts.planned_year != facts.today.year:
        return per_year
    day_of_year = facts.today.timetuple().tm_yday
    days_in_year = 366 if facts.today.year % 4 == 0 else 365
    days_left = days_in_year - day_of_year + 1
    left = (2 * per_year * days_left + days_in_year) // (2 * days_in_year)  # to the nearest
    return max(1, left)


def _so_far_prompt(facts: Facts) -> str:
    if facts.year_closed:
        return (f"{facts.planned_year} is over, so no more after-tax money can go in for it. "
                f"How much after-tax money went in for {facts.planned_year}?")
    return f"How much after-tax money has already gone in for {facts.planned_year}?"


def _so_far_hint(facts: Facts) -> str:
    if facts.year_closed:
        return "A dollar amount from your plan statement, or 'None'; I'll check it against the year's room."
    return "A dollar amount from your pay stub or plan statement, or 'None yet'."


def _so_far_choices(facts: Facts) -> tuple[Choice, ...]:
    return (Choice("0", "None"),) if facts.year_closed else (Choice("0", "None yet"),)


def _extras_prompt(facts: Facts) -> str:
    """The optional checks on offer: another job's deferrals and the match only where they apply."""
    checks = ["Roth IRA and backdoor", "pro-rata"]
    if not facts.is_solo:
        checks.append("another job")
        if facts.has_employer_money:
            checks.append("keeping the match")
    checks += ["Roth catch-up", "tax on earnings", "growth"]
    return f"Want a few optional checks ({', '.join(checks)})? Each can be skipped."


QUESTIONS: tuple[Question, ...] = (
    Question(
        "plan_type", "Plan type", Stage.VERDICT, Kind.CHOICE,
        "Which plan is it: through your job, or your own business's?",
        why="Only 401(k) and 403(b) plans (including a solo 401(k)) can take after-tax money; "
        "a governmental 457(b) cannot.",
        choices=(Choice("401k", "401(k)"), Choice("403b", "403(b)"),
                 Choice("solo401k", "Solo 401(k)"), Choice("457b", "Governmental 457(b)")),
    ),
    Question(
        "after_tax_allowed", "After-tax contributions", Stage.VERDICT, Kind.CHOICE,
        "Does your plan allow after-tax (not Roth) contributions beyond the regular deferral limit?",
        hint=_after_tax_hint,
        why="The mega backdoor Roth starts with after-tax money: without it there is nothing to convert.",
        choices=YES_NO_UNSURE,
        applies=c.not_457b,
    ),
    Question(
        "in_plan_conversion", "In-plan Roth conversion", Stage.VERDICT, Kind.CHOICE,
        "Does the plan allow in-plan Roth conversions (in-plan Roth rollovers) of after-tax money?",
        hint="Look for 'in-plan Roth rollover' or 'Roth conversion' in the SPD.",
        why="Converting inside the plan is the simplest route: no rollover paperwork, no pro-rata.",
        choices=YES_NO_UNSURE,
        applies=c.said_after_tax,
    ),
    Question(
        "in_service_withdrawal", "In-service withdrawal", Stage.VERDICT, Kind.CHOICE,
        "Does the plan allow in-service withdrawals of after-tax money while you still work there?",
        hint="Look for 'in-service withdrawal' or 'non-hardship withdrawal' of after-tax contributions.",
        why="Without a conversion, an in-service withdrawal rolled to a Roth IRA is the other route.",
        choices=YES_NO_UNSURE,
        applies=c.needs_withdrawal_route,
    ),
    Question(
        "verdict", "Verdict", Stage.VERDICT, Kind.CHECKPOINT, "Verdict",
        choices=(Choice("continue", "See my numbers"),),
    ),
    Question(
        "tax_year", "Tax year", Stage.ROOM, Kind.CHOICE, "Which tax year?",
        hint=_tax_year_hint, why="Every limit is set per year by the IRS.",
        choices=_tax_years,
    ),
    Question(
        "age", "Age on Dec 31", Stage.ROOM, Kind.WHOLE,
        _age_prompt,
        hint="A whole number, e.g. 45.",
        why="Catch-up contributions depend on age at year end: 50+, and a larger one at 60-63.",
        low=14, high=110,
    ),
    Question(
        "business_type", "Business type", Stage.ROOM, Kind.CHOICE,
        "How is your business taxed?",
        why="The employer contribution is 20% of net self-employment earnings for a sole "
        "proprietor, 25% of W-2 pay for an S-corp owner.",
        choices=(Choice("sole_prop", "Sole prop / single-member LLC"), Choice("s_corp", "S-corp")),
        applies=c.is_solo,
    ),
    Question(
        "compensation", "Pay", Stage.ROOM, Kind.MONEY, _pay_prompt,
        hint="A dollar amount, e.g. 240,000 or 240k.",
        why="Annual additions cannot exceed 100% of pay, and plan formulas work on pay.",
        applies=c.after_tax_possible, sole_prop_label="Net profit",
    ),
    Question(
        "day_job_deferrals", "Day-job deferrals", Stage.ROOM, Kind.MONEY, _day_job_prompt,
        hint=_elsewhere_hint,
        why="The deferral limit (402(g)) is one per person across every plan, so a day job's "
        "deferrals use it up; your business's own limit on everything that goes in (415(c)) stays whole.",
        choices=(Choice("0", "None"), Choice("max", "The maximum")), skippable=True,
        applies=c.solo_with_after_tax,
    ),
    Question(
        "day_job_ss_wages", "Day-job Social Security wages", Stage.ROOM, Kind.MONEY,
        lambda f: f"Your day job's Social Security wages for {f.tax_year} (W-2 box 3)?",
        hint="A dollar amount.",
        why="Social Security tax on your business stops at the wage base less your day-job wages "
        "(Schedule SE), which raises what the business can contribute.",
        choices=(SKIP,), skippable=True,
        applies=c.sole_prop_with_day_job,
    ),
    Question(
        "employee_deferrals", "Your deferrals", Stage.ROOM, Kind.MONEY, _deferral_prompt,
        hint="A dollar amount, or 'the maximum'.",
        why="Deferrals up to the base limit use up annual additions room; catch-up sits on top.",
        choices=(Choice("max", "The maximum"),), applies=c.deferrals_left_here,
    ),
    Question(
        "employer_contributions", "Employer money", Stage.ROOM, Kind.EMPLOYER, _employer_prompt,
        hint=lambda f: "Dollars (e.g. 12,000), or 'The maximum'." if f.is_solo
        else "Dollars (e.g. 12,000), a % of pay (e.g. 5%), or a match formula (e.g. 50% up to 6%).",
        why="Employer money counts toward the same annual additions limit as after-tax money.",
        choices=_employer_choices, applies=c.after_tax_possible,
    ),
    Question(
        "after_tax_cap_percent", "Plan's after-tax cap", Stage.ROOM, Kind.PERCENT,
        "Does the plan cap after-tax contributions at a % of pay? Enter it, or say 'No cap'.",
        hint="A percentage, e.g. 10%.",
        why="Many plans limit after-tax contributions to a share of pay, below the IRS limit.",
        choices=(Choice("skip", "No cap / not sure"),), skippable=True,
        applies=c.employee_plan_with_after_tax,
    ),
    Question(
        "pay_frequency", "Pay frequency", Stage.ROOM, Kind.CHOICE, _frequency_prompt,
        why="To turn the year's room into an amount per paycheck.",
        choices=_frequency_choices, applies=c.paychecks_to_come,
    ),
    Question(
        "pay_periods_remaining", "Paychecks left", Stage.ROOM, Kind.WHOLE,
        _paychecks_prompt,
        hint=_paychecks_hint,
        why="The room is spread over the paychecks that remain.",
        choices=_paycheck_choices, low=1, high=52, sole_prop_label="Contributions left",
        applies=c.paychecks_to_come,
    ),
    Question(
        "after_tax_so_far", "After-tax so far", Stage.ROOM, Kind.MONEY, _so_far_prompt,
        hint=_so_far_hint,
        why="The room left is this year's room minus what is already in, spread over the paychecks left; "
        "for a year that is over, what went in beyond its room must be corrected.",
        choices=_so_far_choices, skippable=True, applies=c.some_paychecks_passed,
    ),
    Question(
        "extras_offer", "Optional checks", Stage.ROOM, Kind.CHECKPOINT,
        _extras_prompt,
        choices=(Choice("no", "No, show my result"), Choice("yes", "Yes, a few more")),
        applies=c.after_tax_possible,
    ),
    Question(
        "filing_status", "Filing status", Stage.EXTRAS, Kind.CHOICE, "Your tax filing status?",
        why="The Roth IRA income limits depend on it.",
        choices=(Choice("single", "Single"), Choice("mfj", "Married jointly"),
                 Choice("mfs", "Married separately"), Choice("hoh", "Head of household"), SKIP),
        skippable=True, applies=c.wants_extras,
    ),
    Question(
        "magi", "MAGI", Stage.EXTRAS, Kind.MONEY,
        lambda f: f"Your modified adjusted gross income (MAGI) for {f.planned_year}?",
        hint="A dollar amount, e.g. 250k.",
        why="It decides how much you can put into a Roth IRA directly, or whether to use the backdoor.",
        choices=(SKIP,), skippable=True,
        applies=c.told_filing_status,
    ),
    Question(
        "pretax_ira_balance", "Pre-tax IRA balance", Stage.EXTRAS, Kind.MONEY,
        "Total pre-tax balance in traditional, SEP and SIMPLE IRAs on December 31?",
        hint="A dollar amount, or 0.",
        why="A pre-tax IRA balance makes a backdoor Roth IRA conversion partly taxable (pro-rata).",
        choices=(Choice("0", "None"), SKIP), skippable=True,
        applies=c.told_filing_status,
    ),
    Question(
        "prior_ira_basis", "IRA basis from earlier years", Stage.EXTRAS, Kind.MONEY,
        "Of that, how much is basis from earlier nondeductible contributions (last year's Form 8606, "
        "line 14)?",
        hint="A dollar amount, or 0.",
        why="Basis from earlier years makes more of the backdoor conversion tax-free (Form 8606 line 2).",
        choices=(Choice("0", "None"), SKIP), skippable=True,
        applies=c.has_pretax_ira_balance,
    ),
    Question(
        "other_plan_deferrals", "Other plans' deferrals", Stage.EXTRAS, Kind.MONEY,
        lambda f: f"Another job, or a side business with its own plan, in {f.planned_year}? How much do "
        "you defer to it (pre-tax + Roth)?",
        hint=_elsewhere_hint,
        why="The deferral limit (402(g)) is one per person across every plan: deferrals at another "
        "job count against it, and an excess is taxed twice unless refunded by April 15.",
        choices=(Choice("0", "None"), Choice("max", "The maximum"), SKIP), skippable=True,
        applies=c.employee_with_extras,
    ),
    Question(
        "true_up", "Employer true-up", Stage.EXTRAS, Kind.CHOICE,
        "Does your plan 'true up' the match at year end if you reach the limit early?",
        why="Without a true-up, front-loading deferrals loses match on later paychecks.",
        choices=(*YES_NO_UNSURE, SKIP), skippable=True,
        applies=c.employee_match_with_extras,
    ),
    Question(
        "deferral_percent", "Deferral % now", Stage.EXTRAS, Kind.PERCENT,
        "What % of each paycheck do you defer now (pre-tax + Roth)? I'll show what reaching the "
        "limit early costs in match.",
        hint="A percentage, e.g. 15%.",
        why="With a match paid per paycheck and no true-up, the match stops when your deferrals stop.",
        choices=(SKIP,), skippable=True,
        applies=c.match_may_stop_early,
    ),
    Question(
        "separate_accounting", "Separate accounting", Stage.EXTRAS, Kind.CHOICE,
        "Does the plan account for after-tax money separately (so you can withdraw just it)?",
        why="Without separate accounting a withdrawal carries pre-tax money in proportion.",
        choices=(*YES_NO_UNSURE, SKIP), skippable=True,
        applies=c.is_withdrawal_route,
    ),
    Question(
        "pretax_balance", "Pre-tax plan balance", Stage.EXTRAS, Kind.MONEY,
        "Pre-tax balance in the plan (deferrals, match and their earnings)?",
        hint="A dollar amount.", why="To estimate the taxable share of a withdrawal.",
        choices=(SKIP,), skippable=True, applies=c.withdrawal_may_carry_pretax,
    ),
    Question(
        "after_tax_balance", "After-tax plan balance", Stage.EXTRAS, Kind.MONEY,
        "After-tax balance in the plan?",
        hint="A dollar amount.", why="To estimate the taxable share of a withdrawal.",
        choices=(SKIP,), skippable=True,
        applies=c.told_pretax_balance,
    ),
    Question(
        "prior_year_fica_wages", "Last year's FICA wages", Stage.EXTRAS, Kind.MONEY,
        lambda f: f"Your {f.planned_year - 1} Social Security (FICA) wages from this employer (W-2 box 3)?",
        hint="A dollar amount.",
        why="From 2026, catch-ups must be Roth if last year's FICA wages exceeded the threshold.",
        choices=(SKIP,), skippable=True, applies=c.catch_up_may_be_roth,
    ),
    Question(
        "conversion_frequency", "Conversion frequency", Stage.EXTRAS, Kind.CHOICE,
        "How often will after-tax money be converted or rolled over?",
        why="Earnings before conversion are taxable; the longer the wait, the more tax.",
        choices=(Choice("immediate", "Automatically"), Choice("per_paycheck", "Each paycheck"),
                 Choice("monthly", "Monthly"), Choice("quarterly", "Quarterly"),
                 Choice("annually", "Once a year"), SKIP),
        skippable=True, applies=c.wants_extras_with_after_tax,
    ),
    Question(
        "marginal_tax_rate_percent", "Marginal tax rate", Stage.EXTRAS, Kind.PERCENT,
        lambda f: "Your marginal tax rate (federal + state), to estimate the tax "
        + ("on those earnings?" if f.value("conversion_frequency") not in (None, "immediate")
           else "on the backdoor conversion?"),
        hint="A percentage, e.g. 35%.", why="Converted earnings are taxed at your marginal rate.",
        choices=(SKIP,), skippable=True, applies=c.has_tax_to_price,
    ),
    Question(
        "expected_return_percent", "Expected return", Stage.EXTRAS, Kind.PERCENT,
        "Expected yearly investment return, for a growth projection?",
        hint="A percentage, e.g. 7%.", why="To show what this year's room could grow to, tax-free.",
        choices=(Choice("7", "7%"), SKIP), skippable=True, high=50,
        applies=c.wants_extras_with_after_tax,
    ),
    Question(
        "years_until_retirement", "Years to grow", Stage.EXTRAS, Kind.WHOLE,
        "For how many years would it grow?", hint="A whole number, e.g. 20.",
        why="The projection compounds over these years.",
        choices=(SKIP,), skippable=True, low=0, high=80,
        applies=c.told_expected_return,
    ),
    Question("result", "Result", Stage.DONE, Kind.CHECKPOINT, "Result"),
)

BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}
ORDER: dict[str, int] = {q.id: i for i, q in enumerate(QUESTIONS)}


def stale_after(changed: str, before: Facts, after: Facts) -> tuple[str, ...]:
    """Answers given on the strength of ``changed`` that a new value makes stale: asked again.
    A verdict-stage answer changes the verdict (shown again); the year and the pay frequency
    change the paychecks left, and the year the age on its December 31; a plan that becomes or
    stops being solo changes what the employer money and the business questions mean; the
    business's type, what its pay means."""
    stale: list[str] = []
    if BY_ID[changed].stage is Stage.VERDICT:
        stale.append("verdict")
    if changed in ("tax_year", "pay_frequency") and before.value(changed) != after.value(changed):
        stale += ["pay_periods_remaining", "after_tax_so_far"]
    if changed == "tax_year" and before.planned_year != after.planned_year:
        stale += ["age"]  # the age on another December 31: 50 in 2026 may be 49 in 2025 (no catch-up)
    if changed == "business_type" and before.business_type is not after.business_type:
        stale += ["compensation"]  # a sole proprietor's net profit is not an S-corp owner's W-2 pay
    if changed == "plan_type" and before.is_solo != after.is_solo:
        stale += ["business_type", "day_job_deferrals", "employer_contributions", "after_tax_cap_percent"]
    return tuple(stale)
