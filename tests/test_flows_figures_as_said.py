"""Figures typed the way people say them, each once read wrong or left a person stuck: what was
typed, what it was read as, and now its reading (kept as said, or asked back; never guessed)."""

from __future__ import annotations

import io
from datetime import date

import pytest

from bot.terminal import run
from flows.engine_input import compute
from flows.facts import Facts
from tests.flowkit import User

DECEMBER = date(2026, 12, 4)
#: A 401(k) with after-tax money and in-plan conversions, for 2026, aged 45: the pay question next.
TO_PAY = ["401k", "yes", "yes", "1", "2026", "45"]


def chat(lines: list[str], today: date = DECEMBER) -> str:
    out = io.StringIO()
    run(io.StringIO("\n".join(lines) + "\n"), out, today)
    return out.getvalue()


@pytest.mark.parametrize(("typed", "parts", "total"), [
    ("180k base + 20k bonus", "base $180,000 + bonus $20,000", "$200,000"),
    ("base 180k plus 20k bonus", "base $180,000 + bonus $20,000", "$200,000"),
    ("180k salary and a 20k bonus", "base $180,000 + bonus $20,000", "$200,000"),
    ("salary 200k bonus 50k", "base $200,000 + bonus $50,000", "$250,000"),
])
def test_pay_said_as_base_and_bonus_is_asked_back_as_their_sum_with_its_parts(
        typed: str, parts: str, total: str) -> None:
    """'180k base + 20k bonus' got "I need one amount"; '180k salary and a 20k bonus' was kept as
    Pay: $180,000 (the bonus dropped). A bonus is pay (Treas. Reg. 1.415(c)-2(b)(1)): the sum is
    asked back with its parts, and kept once confirmed."""
    text = chat([*TO_PAY, typed, "1"])
    assert f"Pay: {total} ({parts}), right?" in text
    assert f"Pay: {total} ✓" in text
    assert "Pay: $180,000 ✓" not in text


def test_base_and_bonus_in_a_whole_message_are_asked_back_whole_not_kept_as_the_base() -> None:
    user = User(today=DECEMBER)
    reply = user.type("im 45, 180k salary and a 20k bonus, maxing my 401k")
    assert "compensation" not in user.answers()
    assert "Pay:" not in (reply.notice or "")
    assert reply.lines == ("Pay: $200,000 (base $180,000 + bonus $20,000), right?",)
    user.type("yes")
    assert user.answers()["compensation"] == "200000"


@pytest.mark.parametrize("typed", ["180k base, 15% bonus", "180k salary and a bonus"])
def test_a_base_said_beside_a_bonus_of_no_dollar_figure_is_not_taken_as_the_whole_pay(typed: str) -> None:
    """'180k salary and a bonus' was kept as Pay: $180,000; the bonus is pay too, so pay is asked."""
    user = User(today=DECEMBER)
    user.type(f"im 45, {typed}, maxing my 401k")
    assert "compensation" not in user.answers()


@pytest.mark.parametrize("typed", [
    "employer puts in 4% and matches 50% up to 6%",
    "company contributes 4% plus a 50% match up to 6%",
    "they match 50% up to 6% and put in 4%",
])
def test_a_percent_of_pay_and_a_match_said_together_are_both_kept(typed: str) -> None:
    """'employer puts in 4% and matches 50% up to 6%' got "I need a percentage" at the employer
    question, and in a whole message only one of the two was kept ('company contributes 4% plus a
    50% match up to 6%' kept the match, the 4% dropped). The engine takes both: a nonelective % of
    pay and a match formula. Hand-worked for $200,000 pay, deferrals at the maximum: 4% of pay is
    $8,000, the match 50% of the first 6% ($12,000) is $6,000: $14,000 of employer money."""
    user = User(today=DECEMBER)
    user.types(*TO_PAY, "200k", "max")
    reply = user.type(typed)
    assert user.answers()["employer_contributions"] == {"percent": "4", "match": "50", "up_to": "6"}
    assert reply.answered == ("Employer money", "50% match up to 6% of pay plus 4% of pay")
    whole = User(today=DECEMBER)
    whole.types("401k", "yes", "yes", "1", "2026")
    whole.type(f"im 45, make 200k, {typed}")
    assert whole.answers()["employer_contributions"] == {"percent": "4", "match": "50", "up_to": "6"}
    result = compute(Facts({**whole.answers(), "employee_deferrals": "max"}, DECEMBER))
    assert result["employer_contributions"] == 14000


def test_a_safe_harbor_percent_beside_a_match_in_a_whole_message_is_not_dropped() -> None:
    """'employer gives 3% safe harbor + 50% match up to 6%' kept only the match (3% of pay lost)."""
    user = User(today=DECEMBER)
    user.type("making 300k, 401k maxed, employer gives 3% safe harbor + 50% match up to 6%")
    assert user.answers()["employer_contributions"] == {"percent": "3", "match": "50", "up_to": "6"}


@pytest.mark.parametrize("typed", ["hospital puts in 5%", "the university puts in 5%",
                                   "my school district puts in 5% of pay"])
def test_an_employer_named_by_its_kind_puts_in_employer_money(typed: str) -> None:
    """'max, hospital puts in 5%' at the deferrals question kept the maximum and left the 5% to be
    asked again (a hospital was not read as the employer)."""
    user = User(today=DECEMBER)
    user.types(*TO_PAY, "200k")
    reply = user.type(f"max, {typed}")
    assert user.answers()["employer_contributions"] == {"percent": "5"}
    assert reply.notice == "Got it: Your deferrals: The maximum · Employer money: 5% of pay."
    assert user.state == "after_tax_cap_percent"


@pytest.mark.parametrize("typed", ["nah", "i didnt"])
def test_nah_at_a_finished_years_what_went_in_is_none(typed: str) -> None:
    """'nah' at 2025's 'How much after-tax money went in?' got "I couldn't read that as a dollar
    amount" and the same question again."""
    text = chat(["401k", "yes", "yes", "1", "2025", "45", "200k", "max", "none", "no cap", typed])
    assert "After-tax so far: None ✓" in text
    assert "couldn't read that" not in text


PLAN_IN_THE_THIRD_PERSON = ("After-tax contributions are allowed up to 10% of pay and in-plan Roth "
                            "conversions are available; the employer match is 50% up to 6%")


def test_a_match_in_plan_wording_is_kept_while_the_document_reader_takes_the_plan_facts() -> None:
    """The plan described in the third person was read as a pasted SPD passage: its in-plan
    conversion was proposed from the sentence, and its match formula was lost (asked again later)."""
    text = chat([PLAN_IN_THE_THIRD_PERSON, "1", "1", "yes", "1", "2026", "45", "200k", "max"])
    assert "! I read your plan's document. Employer money: 50% match up to 6% of pay ✓" in text
    assert "How much will your employer contribute" not in text  # not asked again
    user = User(today=DECEMBER)
    user.type(PLAN_IN_THE_THIRD_PERSON)
    assert user.answers()["employer_contributions"] == {"match": "50", "up_to": "6"}


def test_a_match_in_plan_wording_that_reads_two_ways_is_asked_after_the_documents_proposals() -> None:
    """'the employer matches 5% up to 6%' may be 5% of what you put in or 5% of pay: never kept
    as either, asked once the plan's own questions are answered."""
    user = User(today=DECEMBER)
    reply = user.type("After-tax contributions are allowed and in-plan Roth conversions are available; the "
                      "employer match is 5% match up to 6%")
    assert "employer_contributions" not in user.answers()
    assert reply.notice == (
        "I read your plan's document. Employer money: I'll check \"5% match up to 6%\" with you shortly.")
    user.types("1", "401k", "yes")
    assert user.last is not None
    assert user.last.lines[0].startswith("Which is it: your employer adds 5% of what you put in")
    user.type("1")
    assert user.answers()["employer_contributions"] == {"match": "5", "up_to": "6"}


@pytest.mark.parametrize("typed", [
    "50 cents on the dollar up to 6%",
    "half of what i put in up to 6%",
    "they match half up to 6%",
    "they put in half of what i put in, up to 6% of pay",
])
def test_a_match_rate_said_in_words_is_that_match(typed: str) -> None:
    """'50 cents on the dollar up to 6%' and 'half of what i put in up to 6%' were kept as 6% of pay
    ($12,000 on $200,000, where the match is at most $6,000); 'they match half up to 6%' was asked
    as "matches up to 6% (100%), or 6% of pay", neither of them what was said."""
    user = User(today=DECEMBER)
    user.types(*TO_PAY, "200k", "max")
    reply = user.type(typed)
    assert user.answers()["employer_contributions"] == {"match": "50", "up_to": "6"}
    assert reply.answered == ("Employer money", "50% match up to 6% of pay")


def test_dollar_for_dollar_in_a_whole_message_is_a_full_match() -> None:
    """'company matches dollar for dollar up to 5%' in a whole message was asked as "matches up to
    5%, or 5% of pay?"; said at the employer question it was already read as 100% up to 5%."""
    user = User(today=DECEMBER)
    user.types("401k", "yes", "yes", "1", "2026")
    user.type("im 38, make 170k, company matches dollar for dollar up to 5%")
    assert user.answers()["employer_contributions"] == {"match": "100", "up_to": "5"}


@pytest.mark.parametrize("typed", [
    "401k, 45, i can put in up to 23k a year, plan allows after tax",
    "401k, 45, the limit is $23,000 per year, plan allows after tax",
])
def test_a_yearly_figure_said_of_saving_is_not_taken_as_pay(typed: str) -> None:
    """'i can put in up to 23k a year' was kept as Pay: $23,000 (a figure 'a year' read as pay whatever
    came before it): a yearly figure after 'put in', 'contribute', 'limit' or 'up to' is saving, not pay,
    and the pay is asked."""
    user = User()
    user.type(typed)
    assert "compensation" not in user.conv["answers"]
    assert user.conv.get("pending", {}).get("q") != "compensation"  # not asked back as pay either
    assert all(item[0] != "compensation" for item in user.conv.get("queue", []))


def test_a_year_said_alone_in_a_whole_message_is_asked_back_as_the_tax_year() -> None:
    """'im 45, 2025, make 450k, 401k, biweekly' kept the rest and dropped 2025, so 'Which tax year?'
    came later as if never said: a year alone in its clause is asked back, then kept."""
    text = chat(["im 45, 2025, make 450k, 401k, biweekly", "1", "yes", "yes"])
    assert 'You said "2025": Tax year: 2025, right?' in text
    assert "Tax year: 2025 ✓" in text
    assert "Which tax year" not in text


@pytest.mark.parametrize("typed", ["180k plus bonus", "180k base, bonus varies",
                                   "180k base plus 10-20k bonus"])
def test_a_base_with_a_bonus_of_no_figure_at_the_pay_question_is_asked_for_the_whole(typed: str) -> None:
    """'180k plus bonus' at the pay question was kept as Pay: $180,000, the bonus dropped; a bonus
    said as a range is no one figure either (never its upper end picked)."""
    text = chat([*TO_PAY, typed])
    assert ("! Your pay includes any bonus or commission: type the year's total with it (e.g. 200,000), or "
            "its parts (e.g. 180k base + 20k bonus).") in text
    assert "Pay: $180,000 ✓" not in text


@pytest.mark.parametrize(("typed", "total"), [("150k + 20k bonus", "$170,000"),
                                              ("make 150k plus bonus around 20k", "$170,000")])
def test_a_bonus_added_to_a_figure_of_no_word_is_pay_in_parts(typed: str, total: str) -> None:
    """'make 150k plus bonus around 20k' got "I need one amount" (two figures)."""
    text = chat([*TO_PAY, typed])
    assert f"Pay: {total} (base $150,000 + bonus $20,000), right?" in text


def test_a_buck_fifty_is_asked_as_150_thousand_never_50() -> None:
    """'a buck fifty' at the pay question was asked "$50 a year? Did you mean $50,000?": a figure the
    person never said offered to keep. It is asked as $150,000."""
    text = chat([*TO_PAY, "a buck fifty", "yes"])
    assert "Did you mean $150,000?" in text
    assert "Pay: $150,000 ✓" in text
    assert "$50,000" not in text


def test_a_range_of_pay_asks_for_one_figure() -> None:
    """'200-220k' got "I couldn't read that as a dollar amount", though it was read: it is two."""
    text = chat([*TO_PAY, "200-220k"])
    assert "! I need one amount; if you're not sure, your best estimate is fine." in text


def test_a_bare_2_at_what_went_in_is_asked_not_kept_as_two_dollars() -> None:
    """'2' at 'How much after-tax money has already gone in?' (its menu has only 1) None yet) was
    kept as After-tax so far: $2."""
    text = chat([*TO_PAY, "150k", "max", "4%", "no cap", "biweekly", "3", "2"])
    assert "$2 of after-tax money in for 2026? Did you mean $2,000?" in text
    assert "After-tax so far: $2 ✓" not in text


def test_like_3_left_is_three_paychecks() -> None:
    """'like 3 left' got "I need paychecks left as a whole number" again and again."""
    text = chat([*TO_PAY, "150k", "max", "4%", "no cap", "biweekly", "like 3 left"])
    assert "Paychecks left: 3 ✓" in text


def test_paid_every_other_fri_is_every_two_weeks() -> None:
    """'every other fri' got "Please type one of: Weekly, Every 2 weeks, ..."."""
    text = chat([*TO_PAY, "150k", "max", "4%", "no cap", "every other fri"])
    assert "Pay frequency: Every 2 weeks ✓" in text


@pytest.mark.parametrize("typed", ["idk what that means", "what does that mean?", "huh?"])
def test_a_question_about_the_question_on_screen_is_answered_not_taken_as_not_sure(typed: str) -> None:
    """'idk what that means' at the plan's cap question was kept as "No cap / not sure": the person
    asked what a cap is and was moved on, their plan's cap never given."""
    user = User(today=DECEMBER)
    user.types(*TO_PAY, "190k", "max", "none")
    reply = user.type(typed)
    assert "after_tax_cap_percent" not in user.answers()
    assert reply.notice == "Many plans limit after-tax contributions to a share of pay, below the IRS limit."
    assert user.state == "after_tax_cap_percent"
    user.type("10%")
    assert user.answers()["after_tax_cap_percent"] == "10"
