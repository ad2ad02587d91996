"""The interview: deferrals at other plans (a day job next to a solo 401(k), or another
job in the optional checks), keeping the match, and the backdoor's pro-rata tax, each where a
user looks: the first screen, Details, and the questions' own words."""

from __future__ import annotations

from tests.flowkit import SEED_DAY, User
from tests.test_flows_result import text_of


def _solo_to_day_job(user: User, year: str = "2026") -> None:
    user.taps("solo401k", "yes", "yes", "continue", year)
    user.type("40")
    user.tap("sole_prop")
    user.type("$100k")
    assert user.state == "day_job_deferrals"


def test_a_day_job_that_used_the_whole_limit_skips_the_deferral_question() -> None:
    user = User()
    _solo_to_day_job(user)
    reply = user.tap("max")
    assert reply.answered == ("Day-job deferrals", "The maximum")
    assert user.state == "day_job_ss_wages"  # a day job: its wages (Schedule SE)
    user.tap("skip")  # not given: Schedule SE as if none
    assert user.state == "employer_contributions"  # nothing left to defer here: not asked
    user.taps("max", "monthly", "12", "no")
    assert user.last is not None
    result = user.last.result
    assert result is not None
    assert (result["deferral_room"], result["solo_employer_max"], result["after_tax_room"]) == (
        0, 18587.05, 53412.95)
    assert "Deferral room here: $0 ($24,500 deferred elsewhere); business's maximum: $18,587.05." in text_of(
        user.last)
    assert "Deferral room here: $0" in text_of(user.command("details"))


def test_part_of_the_limit_used_elsewhere_the_deferral_question_gives_what_is_left() -> None:
    user = User()
    _solo_to_day_job(user)
    user.type("10k")
    reply = user.tap("skip")  # the day job's Social Security wages: not given
    assert "Your limit here is $14,500 ($24,500 less $10,000 elsewhere)." in reply.lines[0]
    reply = user.type("20k")  # above what is left: asked back, with the figures
    assert "With $10,000 deferred elsewhere, this plan can take $14,500 more" in reply.lines[0]
    user.type("re-enter")
    user.type("max")
    user.taps("max", "monthly", "12", "no")
    assert user.last is not None
    assert user.last.result is not None
    assert user.last.result["breakdown"]["counted_deferrals"] == 14500


def test_an_employee_with_a_second_job_says_so_in_the_optional_checks() -> None:
    user = User(today=SEED_DAY)  # planning 2025 during 2025
    user.taps("401k", "yes", "yes", "continue", "2025")
    user.types("45", "$200,000", "max", "none", "no cap", "monthly", "all", "yes", "skip")
    reply = user.last
    assert reply is not None
    assert "Another job, or a side business with its own plan, in 2025?" in reply.lines[0]
    assert "One deferral limit ($23,500 for you in 2025) covers all your plans" in str(reply.hint)
    user.type("10k from my side gig")
    while user.state != "result":
        user.type("skip")
    result = user.last.result if user.last else None
    assert result is not None
    # "The maximum" is what this plan can still take: $23,500 - $10,000
    assert result["breakdown"]["counted_deferrals"] == 13500
    assert result["excess_deferrals"] == 0
    assert "Deferral room here: $13,500 ($10,000 deferred elsewhere)." in text_of(user.last)  # type: ignore[arg-type]


def test_deferrals_typed_here_plus_another_job_above_the_limit_show_the_excess_first() -> None:
    user = User(today=SEED_DAY)  # planning 2025 during 2025
    user.taps("401k", "yes", "yes", "continue", "2025")
    user.types("45", "$200,000", "23,500", "none", "no cap", "monthly", "all", "yes", "skip", "10k")
    while user.state != "result":
        user.type("skip")
    assert user.last is not None
    text = text_of(user.last)
    assert "⚠ Your deferrals exceed your 402(g) limit by $10,000.00" in text
    # 402(g)(2)(A)(ii): refunded by the first April 15 after 2025
    assert "refund the excess by April 15, 2026 or it is taxed twice" in text


def test_keep_the_match_and_the_backdoor_tax_on_the_first_screen() -> None:
    user = User(today=SEED_DAY)  # planning 2025 during 2025
    user.taps("401k", "yes", "yes", "continue", "2025")
    user.types("45", "450k", "max", "50% up to 6%", "no cap", "bi-weekly", "all", "yes", "single", "450k",
               "93k", "0", "none", "no", "20%", "automatically")  # "0": no IRA basis from earlier years
    reply = user.last
    assert reply is not None
    assert "to estimate the tax on the backdoor conversion?" in reply.lines[0]  # asked for the backdoor
    user.types("35%", "skip")
    assert user.state == "result"
    assert user.last is not None
    first = text_of(user.last)
    assert ("Backdoor Roth IRA: $6,510 of $7,000 taxable (~$2,279 tax), unless the pre-tax IRA moves into "
            "the plan by Dec 31.") in first
    # $450,000 / 26 = $17,307.69 a paycheck; 6% = $1,038.46; $23,500 / $1,038.46 = 22.6: paycheck 23
    assert ("⚠ Without a year-end true-up, defer 6% of each paycheck: it reaches your limit on paycheck 23 "
            "of 26; at 20% you would lose $6,865; 401(a)(17) stops the match after paycheck 21 of 26.") \
        in first
    details = text_of(user.command("details"))
    assert "• To keep the whole match, defer 6% of each paycheck (your limit on paycheck 23 of 26)" in details
    assert "• Front-loading without a year-end true-up would lose $6,865.38 of match" in details
    assert "a plan that applies it per pay period instead matches less" in details
    assert "use the backdoor Roth IRA: $6,510 of its conversion taxable" in details
    assert "about $2,279 in tax: roll the pre-tax IRA into your 401(k) by December 31" in details
