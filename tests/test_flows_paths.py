"""Every path through the interview, through the flow API."""

from __future__ import annotations

import json

import pytest

from flows.facts import Facts
from flows.interview import compute, load, new_conversation
from flows.machine import MACHINE
from rules import assess_json
from tests.flowkit import SEED_DAY, TODAY, User, dr_chen


def result_of(user: User) -> dict[str, object]:
    assert user.state == "result"
    assert user.last is not None
    assert user.last.result is not None
    return user.last.result


def test_dr_chen_matches_the_seed_and_the_engine() -> None:
    user = User()
    dr_chen(user)
    result = result_of(user)
    assert result["after_tax_room"] == 24000
    assert result["route"] == "in_plan_conversion"
    assert result["per_paycheck"] == 923.07
    direct = assess_json({
        "tax_year": 2025, "age": 45, "compensation": 450000, "employee_deferrals": 23500,
        "employer_contributions": 22500, "after_tax_allowed": "yes", "in_plan_conversion": "yes",
        "pay_frequency": "biweekly", "pay_periods_remaining": 26,
    })
    assert result == direct
    assert MACHINE.models == []  # conversations are never attached to the shared machine


def test_quick_verdict_in_at_most_four_taps() -> None:
    user = User()
    user.taps("401k", "yes", "no", "yes")
    assert user.state == "verdict"
    assert user.last is not None
    assert user.last.lines[0].startswith("✅")
    assert "in-service withdrawal" in user.last.lines[0]


@pytest.mark.parametrize(
    ("taps", "headline"),
    [
        (("401k", "no"), "❌"),
        (("457b",), "❌"),
        (("403b", "yes", "no", "no"), "🟡"),
        (("401k", "unsure"), "❓"),
        (("401k", "yes", "unsure", "no"), "❓"),
        (("solo401k", "yes", "yes"), "✅"),
    ],
)
def test_each_verdict_and_skips(taps: tuple[str, ...], headline: str) -> None:
    user = User()
    for value in taps:
        user.tap(value)
    assert user.state == "verdict"
    assert user.last is not None
    assert user.last.lines[0].startswith(headline)


def test_not_available_gives_alternatives_for_the_year_and_age_and_no_mega_numbers() -> None:
    user = User()
    user.tap("401k")
    reply = user.tap("no")
    assert reply.choices[0].label == "See my alternatives"
    assert "See my numbers" not in [c.label for c in reply.choices]
    user.tap("continue")
    user.tap("2026")
    reply = user.type("52")  # year and age, then straight to the alternatives: no pay, no deferrals
    assert user.state == "result"
    text = "\n".join(reply.lines)
    assert "Instead, for 2026 (50+):" in text
    assert "Backdoor Roth IRA: up to $8,600" in text  # $7,500 + $1,100 catch-up at 50+ (Notice 2025-67)
    assert "HSA, with a high-deductible health plan: $4,400 self-only, $8,750 family" in text
    assert "Ask HR to add voluntary after-tax contributions" in text
    assert "After-tax room" not in text
    assert "Per paycheck" not in text
    assert not reply.chart


def test_governmental_457b_is_told_why_not_ask_your_employer() -> None:
    user = User()
    reply = user.tap("457b")
    assert user.state == "verdict"
    assert "no plan change can make it work" in "\n".join(reply.lines)
    user.taps("continue", "2026")
    reply = user.type("40")
    text = "\n".join(reply.lines)
    assert "Backdoor Roth IRA: up to $7,500" in text
    assert "Ask HR to add" not in text
    assert "also offers a 401(a) or 403(b)" in text


def test_unknown_verdict_asks_only_what_is_still_unknown() -> None:
    user = User()
    reply = user.taps("401k", "yes", "unsure", "no")
    asked = [line for line in reply.lines if line[:2] in ("1.", "2.", "3.", "4.")]
    assert asked == ["1. Does our plan allow in-plan Roth conversions of after-tax contributions?"]


def test_unknown_verdict_lists_the_four_questions_then_provisional_numbers() -> None:
    user = User()
    user.tap("401k")
    reply = user.tap("unsure")
    assert sum(1 for line in reply.lines if line[:2] in ("1.", "2.", "3.", "4.")) == 4
    assert reply.choices[0].label == "Continue with provisional numbers"
    user.tap("continue")
    user.tap("2026")
    user.types("45", "200000", "24500", "6000")
    user.tap("skip")
    user.tap("monthly")
    user.type("12")
    user.tap("no")
    result = result_of(user)
    assert result["verdict"] == "unknown"
    assert result["provisional"] is True
    assert result["after_tax_room"] == 41500
    assert result["per_paycheck"] == pytest.approx(3458.33)
    assert user.last is not None
    assert "Next: send the questions to your plan administrator" in "\n".join(user.last.lines)


def test_maria_solo_sole_prop() -> None:
    user = User(today=SEED_DAY)  # the seed's Maria plans 2025 during 2025
    user.taps("solo401k", "yes", "yes", "continue", "2025")
    user.type("52")
    user.tap("sole_prop")
    user.types("300,000", "no day job", "31,000", "30,000")
    assert user.state == "pay_frequency"  # no plan cap question for a solo plan
    user.tap("monthly")
    user.type("12")
    user.tap("no")
    result = result_of(user)
    assert result["after_tax_room"] == 16500
    assert result["total_limit"] == 77500


def test_solo_s_corp_with_maximum_employer() -> None:
    user = User()
    user.taps("solo401k", "yes", "yes", "continue", "2026")
    user.type("45")
    user.tap("s_corp")
    user.type("100k")
    user.taps("0", "max", "max", "monthly")
    user.type("12")
    user.tap("no")
    result = result_of(user)
    assert result["solo_employer_max"] == 25000
    assert result["after_tax_room"] == 22500


def test_age_60_super_catch_up_with_max_deferrals() -> None:
    user = User()
    user.taps("401k", "yes", "yes", "continue", "2025")
    user.type("60")
    user.type("250000")
    user.tap("max")
    user.type("15,000")
    user.taps("skip", "biweekly", "0", "no")  # 2025 is over: none went in
    result = result_of(user)
    assert result["after_tax_room"] == 31500
    assert result["total_limit"] == 81250
    assert result["deferral_limit"] == 34750


def test_match_formula_and_percent_of_pay_on_capped_pay() -> None:
    user = User()
    user.taps("401k", "yes", "yes", "continue", "2026")
    user.types("45", "500000", "24500")
    user.type("5%")  # 5% of the $360,000 401(a)(17) limit, not of $500,000
    user.tap("skip")
    user.tap("monthly")
    user.type("12")
    user.tap("no")
    assert result_of(user)["breakdown"]["employer_contributions"] == 18000  # type: ignore[index]


def test_extras_path_and_warnings() -> None:
    user = User()
    user.taps("401k", "yes", "no", "yes", "continue", "2026")
    user.types("55", "400000", "max", "50% up to 6%")
    user.taps("skip", "biweekly", "26", "yes", "single")
    user.type("400k")
    user.type("20,000")
    user.tap("0")            # no IRA basis from earlier years
    user.tap("0")            # no other job's plan
    user.tap("no")           # true-up
    user.type("20%")         # deferral % now: front-loaded
    user.tap("no")           # separate accounting
    user.type("80000")
    user.type("20000")
    user.type("300000")      # prior-year FICA wages
    user.tap("quarterly")
    user.type("35%")
    user.tap("7")
    user.type("20")
    result = result_of(user)
    codes = {w["code"] for w in result["warnings"]}  # type: ignore[attr-defined]
    assert codes >= {"hce_acp_testing", "roth_catch_up_required", "pro_rata_in_service",
                     "earnings_taxable_on_conversion", "backdoor_ira_pro_rata", "no_true_up"}
    assert result["ira_route"] == "backdoor"
    assert result["projected_value"] is not None
    assert result["match_lost_if_front_loaded"] is not None
    assert result["match_lost_if_front_loaded"] > 0  # type: ignore[operator]


def test_bad_answers_keep_the_question_and_everything_answered() -> None:
    user = User()
    user.taps("401k", "yes", "yes", "continue", "2025")
    user.type("45")
    before = user.answers()
    cases = [
        ("5%", "looks like a percentage"),
        ("-100", "negative"),
        ("lots", "dollar amount"),
        ("not sure", "estimate is fine"),
        ("0", "more than $0"),
    ]
    for text, reason in cases:
        reply = user.type(text)
        assert user.state == "compensation"
        assert reply.notice is not None
        assert reason in reply.notice
        assert user.answers() == before
    user.type("100000")
    reply = user.type("110000")
    assert user.state == "employee_deferrals"
    assert reply.notice is not None
    assert "more than the pay" in reply.notice


@pytest.mark.parametrize(("text", "reason"), [("150", "between 14 and 110"), ("-3", "negative"),
                                               ("old enough", "whole number")])
def test_impossible_age_refused(text: str, reason: str) -> None:
    user = User()
    user.taps("401k", "yes", "yes", "continue", "2026")
    reply = user.type(text)
    assert user.state == "age"
    assert reply.notice is not None
    assert reason in reply.notice


def test_back_goes_to_previous_answered_question() -> None:
    user = User()
    user.tap("401k")
    user.tap("yes")
    reply = user.command("back")
    assert user.state == "after_tax_allowed"
    assert "after_tax_allowed" not in user.answers()
    assert user.answers() == {"plan_type": "401k"}
    assert reply.title.endswith("question 2 of up to 4")
    user.command("back")
    assert user.state == "plan_type"
    reply = user.command("back")
    assert reply.notice == "This is the first question."


def test_review_change_recomputes_without_redoing_others() -> None:
    user = User()
    dr_chen(user)
    reply = user.command("review")
    assert user.state == "review"
    assert any("Pay: $450,000" in line for line in reply.lines)
    user.tap("edit:employer_contributions")
    assert user.state == "employer_contributions"
    user.type("12,000")
    assert result_of(user)["after_tax_room"] == 34500
    user.command("review")
    user.tap("edit:plan_type")
    user.tap("solo401k")  # newly applicable question is asked, the rest is kept
    assert user.state == "business_type"
    user.tap("sole_prop")
    assert user.state == "day_job_deferrals"  # also new for a solo plan: a day job's deferrals
    user.tap("0")
    assert result_of(user)["solo_employer_max"] is not None


def test_review_edit_to_an_inconsistent_pay_asks_again() -> None:
    user = User()
    dr_chen(user)
    user.command("review")
    user.tap("edit:compensation")
    reply = user.type("20,000")  # below the $23,500 of deferrals: why, and keep or correct
    assert user.state == "compensation"
    assert "less than the $23,500 you said you defer" in reply.lines[0]
    assert user.answers()["compensation"] == "450000"
    reply = user.type("yes")
    assert user.state == "employee_deferrals"  # kept: the deferrals are asked again
    assert reply.answered == ("Pay", "$20,000")
    assert "employee_deferrals" not in user.answers()


def test_restart_clears_everything() -> None:
    user = User()
    dr_chen(user)
    reply = user.command("restart")
    assert user.state == "plan_type"
    assert user.answers() == {}
    assert reply.notice is not None


def test_help_stale_buttons_and_unknown_commands() -> None:
    user = User()
    user.tap("401k")
    reply = user.command("help")
    assert reply.notice is not None
    assert reply.notice.startswith("Why we ask")
    assert user.state == "after_tax_allowed"
    from flows.interview import Event, step

    reply = step(user.conv, Event("button", "solo401k", "plan_type"), TODAY)
    assert reply.notice is not None
    assert "earlier question" in reply.notice
    assert user.answers() == {"plan_type": "401k"}
    assert user.command("frobnicate").notice == "I don't know /frobnicate. Try /help."
    reply = user.type("perhaps")
    assert reply.notice is not None
    assert "Yes, No, Not sure" in reply.notice


def test_summary_before_and_after_numbers() -> None:
    user = User()
    user.tap("401k")
    reply = user.command("summary")
    assert reply.notice is not None
    assert "not ready" in reply.notice
    dr_chen(User())
    done = User()
    dr_chen(done)
    assert done.last is not None
    assert done.last.chart  # the summary comes with the chart
    details = done.command("details")
    assert any("Notice 2024-80" in line for line in details.lines)
    assert not details.chart  # the detailed view does not repeat it


def test_tax_year_defaults_and_paychecks_left_from_the_clock() -> None:
    user = User()
    user.taps("401k", "yes", "yes", "continue")
    assert user.last is not None
    assert user.last.choices[0].label == "2026 (this year)"
    user.tap("2026")
    user.types("45", "200000", "24500", "0")
    user.tap("skip")
    reply = user.tap("biweekly")
    assert reply.choices[0].label == "About 3 (rest of 2026)"  # 22 November: about 3 of 26 left


def test_corrupt_or_old_state_restarts_cleanly() -> None:
    assert load({"v": 99}) == new_conversation()
    assert load("junk") == new_conversation()
    assert load({"v": 1, "state": "nowhere", "answers": {}, "history": []}) == new_conversation()
    assert load({"v": 1, "state": "age", "answers": {"bogus": 1}, "history": []}) == new_conversation()


def test_conversation_is_small_and_json_safe() -> None:
    user = User()
    dr_chen(user)
    size = len(json.dumps(user.conv, separators=(",", ":")).encode())
    assert size < 2048


def test_compute_gives_the_seed_figures_for_stored_answers() -> None:
    """Dr. Chen's stored answers against figures stated independently (the seed article, 2025):
    $70,000 limit - $23,500 deferrals - $22,500 employer = $24,000 of room, $923.07 per paycheck."""
    answers = {"plan_type": "401k", "after_tax_allowed": "yes", "in_plan_conversion": "yes",
               "verdict": "continue", "tax_year": "2025", "age": 45, "compensation": "450000",
               "employee_deferrals": "23500", "employer_contributions": {"dollars": "22500"},
               "after_tax_cap_percent": None, "pay_frequency": "biweekly", "pay_periods_remaining": 26}
    result = compute(Facts(answers, SEED_DAY))  # 2025, asked during 2025
    assert (result["annual_additions_limit"], result["after_tax_room"], result["per_paycheck"]) == (
        70000, 24000, 923.07)
    assert result["deferral_limit"] == 23500
    assert result["route"] == "in_plan_conversion"
