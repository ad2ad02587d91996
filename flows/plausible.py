"""Answers that parse but look wrong for this person: say why, with the limit, and let them keep
it or correct it (a ``Confirm``). Limits come from the rules package, never from here."""

from __future__ import annotations

from decimal import Decimal

from flows.facts import Facts
from flows.money_words import money
from flows.parse import Confirm, ParseError
from rules.contributions import deferral_limit
from rules.limits import limits_for

LOW_CAP_PERCENT = Decimal(3)
HIGH_PAY = Decimal(5_000_000)
LOW_YEARLY_PAY = Decimal(15_000)  # below this, a month's pay is the likelier reading: ask
SMALL_FIGURE = Decimal(100)  # a yearly figure under $100 is likelier a % or thousands: ask
THOUSANDS = Decimal(1000)


def _keep(value: Decimal, ask: str, *, drop: tuple[str, ...] = (), stored: object = None) -> Confirm:
    kept = str(value) if stored is None else stored
    return Confirm(ask, ((kept, f"Yes, keep {money(value)}"),), drop)


def _ten_times_off(value: Decimal, high: Decimal) -> Confirm | None:
    """235,000 where at most 24,500 fits: offer 23,500 first."""
    if value > 5 * high and value / 10 <= high and value % 10 == 0:
        smaller = value / 10
        return Confirm(
            f"{money(value)} is far above the {money(high)} that fits here. Did you mean {money(smaller)}?",
            ((str(smaller.normalize()) if smaller != smaller.to_integral_value() else str(int(smaller)),
              f"Yes, {money(smaller)}"), (str(value), f"No, keep {money(value)}")),
        )
    return None


def _as_text(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else str(value)


def _thousands_or_keep(value: Decimal, what: str) -> Confirm:
    """'4' for a yearly figure: $4, or $4,000?"""
    bigger = value * THOUSANDS
    options = ((_as_text(bigger), f"Yes, {money(bigger)}"), (_as_text(value), f"No, keep {money(value)}"))
    return Confirm(f"{money(value)} {what}? Did you mean {money(bigger)}?", options)


def _check_pay(value: Decimal, facts: Facts) -> None:
    if value <= 0:
        raise ParseError("Pay must be more than $0: the limits are a share of it.")
    if value < 1000:
        bigger = value * 1000
        raise Confirm(f"{money(value)} a year? Did you mean {money(bigger)}?",
                      ((str(int(bigger)) if bigger == bigger.to_integral_value() else str(bigger),
                        f"Yes, {money(bigger)}"), (str(value), f"No, keep {money(value)}")))
    if value < LOW_YEARLY_PAY:
        yearly = value * 12
        ask = f"{money(value)} for the whole year, or is that a month's pay ({money(yearly)} a year)?"
        raise Confirm(ask, ((str(value), f"{money(value)} a year"), (str(yearly), f"{money(yearly)} a year")))
    if value > HIGH_PAY:
        raise _keep(value, f"{money(value)} a year from this job: is that right?")
    deferrals = facts.value("employee_deferrals")
    if deferrals not in (None, "max") and Decimal(deferrals) > value:
        raise _keep(value, f"That is less than the {money(deferrals)} you said you defer, and deferrals "
                    "come out of pay. Keep this pay (I'll ask your deferrals again)?",
                    drop=("employee_deferrals",))


def _check_elsewhere(value: Decimal, facts: Facts) -> None:
    limit = deferral_limit(limits_for(facts.tax_year), facts.age or 0)
    off = _ten_times_off(value, limit)
    if off is not None:
        raise off
    if value > limit:
        raise _keep(value, f"That is above your {money(limit)} deferral limit for {facts.tax_year}, "
                    "which covers all your plans together: the excess would have to be refunded. "
                    "Is it right?")


def _check_deferrals(value: Decimal, facts: Facts) -> None:
    limit = facts.deferral_room_here
    if 0 < value < SMALL_FIGURE:
        raise _thousands_or_keep(value, "deferred for the whole year")
    if facts.deferrals_elsewhere and value > limit:
        raise _keep(value, f"With {money(facts.deferrals_elsewhere)} deferred elsewhere, this plan can "
                    f"take {money(limit)} more in {facts.tax_year}: the excess would have to be refunded. "
                    "Is it right?")
    off = _ten_times_off(value, limit)
    if off is not None:
        raise off
    if facts.pay is not None and value > facts.pay:
        raise ParseError(
            f"That's more than the pay you gave (${facts.pay:,.0f}); deferrals come out of pay."
        )
    if value <= limit:
        return
    raise _keep(value, f"That is above your {money(limit)} deferral limit for {facts.tax_year} "
                "(catch-up included): the excess would have to be refunded. Is it right?")


def _check_employer(value: Decimal, facts: Facts) -> None:
    limits = limits_for(facts.tax_year)
    stored = {"dollars": str(value)}
    if 0 < value < SMALL_FIGURE:  # "4": 4% of pay is the likelier reading; never guessed
        of_pay = f" ({money(facts.pay * value / 100)})" if facts.pay is not None else ""
        options = (({"percent": str(value)}, f"{value:g}% of my pay"), (stored, f"{money(value)} a year"))
        raise Confirm(f"{money(value)} for the whole year, or {value:g}% of your pay{of_pay}?", options)
    if facts.pay is not None and value > facts.pay:
        raise _keep(value, f"That is more than your pay ({money(facts.pay)}); employer money is "
                    "usually a few % of pay. Is it right?", stored=stored)
    if value > limits.annual_additions_limit:
        raise _keep(value, f"That is above the {money(limits.annual_additions_limit)} limit on everything "
                    f"that goes into the plan in {facts.tax_year} (415(c)). Is it right?", stored=stored)


def _check_already_in(value: Decimal, facts: Facts) -> None:
    if 0 < value < SMALL_FIGURE:  # "2": a menu number, or thousands; $2 is never guessed
        raise _thousands_or_keep(value, f"of after-tax money in for {facts.planned_year}")
    limit = limits_for(facts.tax_year).annual_additions_limit
    if value > limit:
        raise _keep(value, f"That is above the {money(limit)} limit on everything that goes into the plan "
                    f"in {facts.tax_year}. Is it the after-tax money alone, this year?")


#: Yearly wages where "4" is likelier a slip or thousands than $4 (it would decide SE tax, Roth catch-up).
_WAGES = {"day_job_ss_wages": "of Social Security wages at your day job",
          "prior_year_fica_wages": "of FICA wages last year"}


def check_money(question_id: str, value: Decimal, facts: Facts) -> None:
    """Raise Confirm (or ParseError for the impossible) when ``value`` looks wrong at this question."""
    if question_id == "after_tax_so_far":
        _check_already_in(value, facts)
    if question_id == "compensation":
        _check_pay(value, facts)
    elif question_id == "employee_deferrals":
        _check_deferrals(value, facts)
    elif question_id == "employer_contributions":
        _check_employer(value, facts)
    elif question_id in ("day_job_deferrals", "other_plan_deferrals"):
        _check_elsewhere(value, facts)
    elif question_id == "magi" and 0 < value < THOUSANDS:
        raise _thousands_or_keep(value, "of modified AGI for the year")
    elif question_id in _WAGES and 0 < value < THOUSANDS:
        raise _thousands_or_keep(value, _WAGES[question_id])



def check_cap(percent: Decimal, facts: Facts) -> None:
    """A 0% or tiny cap is rare: say what it means in dollars."""
    if percent >= LOW_CAP_PERCENT:
        return
    if percent == 0:
        raise Confirm("A 0% cap means the plan takes no after-tax money at all. Is that right?",
                      (("0", "Yes, 0%"), (None, "No cap / not sure")))
    dollars = f" ({money(facts.pay * percent / 100)} a year)" if facts.pay else ""
    raise Confirm(f"A cap of {percent:g}% of pay{dollars} is unusually low. Is that your plan's cap?",
                  ((str(percent), f"Yes, {percent:g}%"), (None, "No cap / not sure")))


def check_age(value: int, facts: Facts) -> None:
    """A birth year typed as the age: offer the age it gives on December 31."""
    if 1900 <= value <= facts.tax_year - 14:
        age = facts.tax_year - value
        raise Confirm(f"Born in {value}? That makes you {age} on December 31, {facts.tax_year}.",
                      ((age, f"Yes, {age}"),))
