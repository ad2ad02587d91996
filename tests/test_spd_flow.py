"""The plan's document in the interview: proposals confirmed one by one, cited in the verdict."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from flows.facts import Facts
from flows.interview import Event, step
from flows.spd import read_pdf, read_text
from flows.spd.proposals import _personal, next_steps
from tests.flowkit import User
from tests.spdkit import build
from tests.test_spd_documents import MEGA

PASSAGE = ("You may elect to make After-Tax Contributions to the Plan of up to 75% of your Eligible Pay. "
           "Conversions: you may elect to convert your non-Roth contributions accounts to a Roth Rollover "
           "account within the Plan, twice per calendar year.")


def _send(user: User, reading: dict[str, object]) -> None:
    user.last = step(user.conv, Event("spd", json.dumps(reading)), user.today)


def test_a_document_at_the_first_question_is_confirmed_and_cited_in_the_verdict() -> None:
    user = User()
    first = user.state
    _send(user, read_pdf(build(MEGA)).as_json())
    assert user.last is not None
    assert user.last.title == "From your plan's document: After-tax (non-Roth) contributions"
    assert "seems to say yes: p. 4: 'In addition to deciding how much" in " ".join(user.last.lines)
    assert user.last.hint is not None
    assert "I can misread a plan" in user.last.hint
    assert [c.label for c in user.last.choices] == ["Yes", "No", "Not sure"]
    assert "after_tax_allowed" not in user.conv["answers"]  # nothing filled before it is confirmed
    reply = user.tap("spd:yes")
    assert reply.title == "From your plan's document: In-plan Roth conversion"
    reply = user.tap("spd:yes")  # withdrawal is not asked: with a conversion it does not apply
    assert user.state == first  # back where the user was, the answers kept
    # the 15% cap is in the sentence after the quote, which the person did not read: not taken
    assert user.conv["answers"] == {"after_tax_allowed": "yes", "in_plan_conversion": "yes"}
    assert reply.notice is not None
    assert "In-plan Roth conversion: Yes ✓" in reply.notice
    verdict = user.taps("401k")
    assert user.state == "verdict", verdict.title
    text = "\n".join(verdict.lines)
    assert "Yes - p. 4: 'In addition to deciding how much to contribute" in text
    assert "Conversions twice a year: convert in June and December" in text
    assert "The plan caps after-tax contributions at 15% of pay" in text
    assert "Bonuses have their own election" in text


def test_not_sure_fills_nothing_and_gives_a_question_for_hr() -> None:
    user = User()
    _send(user, read_text(PASSAGE).as_json())
    reply = user.type("not sure")  # nothing filled, the next proposal comes
    assert reply.title == "From your plan's document: In-plan Roth conversion"
    reply = user.type("not sure")
    assert user.conv["answers"] == {}
    assert reply.notice is not None
    assert "Ask HR: \"Does our plan accept after-tax" in reply.notice
    assert "Ask HR: \"Does the plan allow in-plan Roth conversions" in reply.notice
    assert "ask" not in user.conv["spd"]
    assert user.state == "plan_type"


def test_no_at_a_yes_reading_is_the_persons_no_and_the_sentence_is_not_cited() -> None:
    """Yes and No answer the question on screen ("Does your plan allow ...?"): a No over the
    document's yes is the person's answer, filled, with the document's sentence set aside."""
    user = User()
    _send(user, read_text(PASSAGE).as_json())
    reply = user.type("no")
    assert user.conv["answers"] == {}  # against the document's yes: asked once more
    assert reply.title == "From your plan's document: After-tax (non-Roth) contributions"
    reply = user.type("no")
    assert user.conv["answers"] == {"after_tax_allowed": "no"}
    assert reply.notice is not None
    assert reply.notice.startswith("After-tax (non-Roth) contributions: No ✓ (your answer; the document's "
                                   "sentence is not cited)")
    assert "after_tax_allowed" not in user.conv["spd"]["cited"]


def test_a_no_reading_answered_no_is_filled_and_cited_and_makes_the_other_questions_moot() -> None:
    user = User()
    text = ("The Plan does not permit Voluntary After-tax Contributions. You may elect to convert your "
            "non-Roth contributions accounts to a Roth Rollover account.")
    _send(user, read_text(text).as_json())
    reply = user.tap("spd:no")
    assert user.conv["answers"] == {"after_tax_allowed": "no"}
    assert user.conv["spd"]["cited"]["after_tax_allowed"]["answer"] == "no"
    assert reply.notice is not None
    assert "Ask HR" not in reply.notice  # nothing left to ask: without after-tax money the rest is moot


def test_yes_at_a_no_reading_is_the_persons_yes_never_the_documents_no() -> None:
    """A person who taps Yes at "Does your plan allow after-tax contributions? Your plan's document
    seems to say no" says their plan allows it; Yes once meant "your reading is right" and filled No."""
    user = User()
    text = ("The Plan does not permit Voluntary After-tax Contributions. You may elect to convert your "
            "non-Roth contributions accounts to a Roth Rollover account.")
    _send(user, read_text(text).as_json())
    reply = user.tap("spd:yes")
    assert "after_tax_allowed" not in user.conv["answers"]  # "yes, your reading is right"? asked once more
    assert reply.notice == ("You answered Yes; the sentence reads no. To be sure, does your plan allow it? "
                            "Yes again keeps yours.")
    user.tap("spd:yes")
    assert user.conv["answers"]["after_tax_allowed"] == "yes"
    assert "after_tax_allowed" not in user.conv["spd"]["cited"]


def test_no_at_the_second_asking_of_a_no_reading_is_the_documents_no_and_cited() -> None:
    """Yes at "seems to say no" meant "your reading is right": asked once more, No fills No, cited."""
    user = User()
    text = ("The Plan does not permit Voluntary After-tax Contributions. You may elect to convert your "
            "non-Roth contributions accounts to a Roth Rollover account.")
    _send(user, read_text(text).as_json())
    user.tap("spd:yes")
    user.tap("spd:no")
    assert user.conv["answers"] == {"after_tax_allowed": "no"}
    assert user.conv["spd"]["cited"]["after_tax_allowed"]["answer"] == "no"


def test_a_pasted_passage_is_read_and_a_low_confidence_reading_falls_back_to_hr() -> None:
    user = User()
    reply = user.type("Your Plan may permit In-Plan Roth Rollovers (IRR) or Conversions. Please check your "
                      "Summary Plan Description for details, and you may contribute on a Roth after-tax "
                      "basis.")
    assert reply.state == user.state == "plan_type"  # nothing to confirm: the normal question again
    assert reply.notice is not None
    assert "Ask HR: \"Does the plan allow in-plan Roth conversions" in reply.notice
    assert "says it depends" in reply.notice
    assert user.conv["answers"] == {}


def test_a_pasted_passage_is_quoted_without_the_persons_lead_in() -> None:
    user = User()
    reply = user.type("our benefits page says: You can contribute to the plan in the form of traditional "
                      "pre-tax contributions, Roth after-tax contributions, or via an after-tax in-plan Roth "
                      "conversion (also known as the Mega Roth Backdoor).")
    assert reply.title == "From your plan's document: After-tax (non-Roth) contributions"
    shown = " ".join(reply.lines)
    assert "seems to say yes: 'You can contribute to the plan" in shown
    assert "benefits page says" not in shown  # the person's words are not quoted as the plan's


def test_a_lead_in_that_names_the_subject_is_kept_as_plan_words() -> None:
    """"In the plan after-tax contributions: not permitted": the words before the colon are the subject, not
    the person's lead-in; trimmed, the "not permitted" would be about nothing."""
    user = User()
    reply = user.type("In the plan after-tax contributions: not permitted. In-plan Roth conversions: not "
                      "available.")
    assert reply.title == "From your plan's document: After-tax (non-Roth) contributions"
    assert "seems to say no: 'In the plan after-tax contributions: not permitted.'" in " ".join(reply.lines)


def test_a_pasted_table_of_contents_asks_for_the_section_and_the_question_stays() -> None:
    user = User()
    reply = user.type("DISTRIBUTIONS ................................ 12 FORMS OF DISTRIBUTION "
                      "........................ 14 HARDSHIP AND IN-SERVICE WITHDRAWALS .............. 16")
    assert reply.state == user.state == "plan_type"
    assert reply.notice is not None
    assert "only a table of contents; paste the section itself" in reply.notice
    assert user.conv["answers"] == {}


def test_a_pasted_pay_stub_is_refused_and_the_question_stays() -> None:
    user = User()
    reply = user.type("Net pay 3,101.22 YTD 92,307.60 gross pay 4,615.38 after-tax 401k deduction 200.00 "
                      "this period")
    assert reply.notice is not None
    assert "pay stub" in reply.notice
    assert user.state == "plan_type"
    assert user.conv["answers"] == {}
    assert "spd" not in user.conv


def test_restart_forgets_the_documents_quotes() -> None:
    user = User()
    _send(user, read_text(PASSAGE).as_json())
    user.tap("spd:yes")
    user.command("restart")
    assert "spd" not in user.conv
    assert user.conv["answers"] == {}


def test_the_results_details_cite_the_confirmed_sentences() -> None:
    user = User()
    _send(user, read_pdf(build(MEGA)).as_json())
    user.taps("spd:yes", "spd:yes", "401k", "continue", "2025")
    user.types("45", "$450,000", "23.5k", "50% up to 6%")
    user.taps("skip", "biweekly", "0")  # 2025 is over: no paychecks left to ask; none went in
    details = user.command("details")
    text = "\n".join(details.lines)
    assert details.title == "Your result", text
    assert "After-tax (non-Roth) contributions: Yes - p. 4:" in text
    assert "Conversions twice a year: convert in June and December" in text


def test_a_long_answer_that_mentions_after_tax_money_is_an_answer_not_a_document() -> None:
    user = User()
    user.taps("401k")
    reply = user.type("yes I think so, my HR person said we can do after tax contributions on top of my 401k")
    assert "From your plan's document" not in reply.title
    assert "I read your plan's document" not in (reply.notice or "")


def test_while_a_proposal_waits_other_words_are_not_taken_and_a_command_leaves_it() -> None:
    user = User()
    _send(user, read_text(PASSAGE).as_json())
    reply = user.type("401k")
    assert reply.title == "From your plan's document: After-tax (non-Roth) contributions"
    assert reply.notice is not None
    assert "Tap Yes, No or Not sure" in reply.notice
    assert user.conv["answers"] == {}
    user.command("help")
    assert "ask" not in user.conv["spd"]
    user.type("yes")  # now an answer to the question on screen (plan type), not to a proposal
    assert "after_tax_allowed" not in user.conv["answers"]


def test_withdrawal_restrictions_become_next_steps() -> None:
    steps = next_steps({"in_service_withdrawal": {"answer": "yes", "details": {
        "per_year": 4, "suspension_months": 6, "minimum_usd": 250, "check_only": True}}})
    assert steps == [
        "Withdrawals up to 4 times a year: withdraw and roll to your Roth IRA at the end of each quarter "
        "(earnings until then are taxable).",
        "A withdrawal stops your contributions for 6 months: plan it after your last after-tax "
        "contribution of the year.",
        "Each withdrawal must be at least $250.",
        "Withdrawals are paid by check: deposit it in your Roth IRA within 60 days.",
    ]
    assert next_steps({"in_service_withdrawal": {"answer": "no", "details": {"per_year": 4}}}) == []


def test_a_person_telling_their_situation_is_not_read_as_a_pasted_passage() -> None:
    user = User()
    reply = user.type("I'm 45, make about half a million a year, maxing my 401k, employer adds 22.5k, "
                      "plan allows after-tax and in-plan conversion")
    assert not reply.title.startswith("From your plan's document")
    assert "spd" not in user.conv
    assert user.conv["answers"]["after_tax_allowed"] == "yes"  # taken from what the person said
    assert user.conv["answers"]["compensation"] == "500000"


@pytest.mark.parametrize("situation", [
    "401k, 45, 250k salary, plan allows after tax and in plan conversion",
    "52 yo, 403b, plan has after tax contributions and in service withdrawals, maxing pretax",
])
def test_a_situation_typed_without_i_or_my_is_not_read_as_a_pasted_passage(situation: str) -> None:
    """Terse phone messages state the person's plan without "I" or "my": their pay, their age said
    as people say it, or their own deferrals make it theirs, not the plan document's. Read as a
    passage, it was quoted back as 'your plan's document' and the person's pay and age were lost."""
    user = User()
    reply = user.type(situation)
    assert not reply.title.startswith("From your plan's document")
    assert "spd" not in user.conv
    assert user.conv["answers"]["after_tax_allowed"] == "yes"


def test_the_person_s_pay_is_kept_from_a_terse_situation() -> None:
    user = User()
    user.type("401k, 45, 250k salary, plan allows after tax and in plan conversion")
    assert user.conv["answers"]["compensation"] == "250000"
    assert user.conv["answers"]["in_plan_conversion"] == "yes"


def test_no_real_plan_passage_reads_as_a_persons_own_situation() -> None:
    """What makes a message the person's (their pay, "52 yo", "maxing") never comes from a plan:
    every labelled real passage of every collector's set passes as plan text. Forum posts are people
    telling a situation (a client's pay), not plan text, and may read as one."""
    data = Path(__file__).resolve().parent / "data" / "spd"
    rows = [json.loads(line) for f in sorted(data.glob("passages-*.jsonl"))
            for line in f.read_text().splitlines() if line.strip()]
    texts = [row["passage"] for row in rows if "forum" not in row.get("source_url", "")]
    assert len(texts) >= 480
    answered = Facts({}, date(2026, 12, 4))
    assert [t[:80] for t in texts if _personal(t, answered)] == []


def test_a_passage_with_plan_ages_and_the_maximum_is_still_read_as_a_passage() -> None:
    """Plan ages ("age 59½", "50 years old") and "the maximum" are the plan's rules, not a person."""
    user = User()
    reply = user.type("Participants who are 50 years old may contribute the maximum catch-up. You may make "
                      "after-tax contributions of 1% to 10% of your pay. Other accounts may be withdrawn "
                      "only after age 59 1/2.")
    assert reply.title.startswith("From your plan's document")


def test_a_question_while_a_proposal_waits_is_answered_and_the_proposal_shown_again() -> None:
    user = User()
    _send(user, read_text(PASSAGE).as_json())
    reply = user.type("what's an SPD?")
    assert reply.title == "From your plan's document: After-tax (non-Roth) contributions"
    assert reply.notice is not None
    assert "Summary Plan Description" in reply.notice
    assert user.conv["answers"] == {}


def test_a_correction_while_a_proposal_waits_fills_no_proposal() -> None:
    user = User()
    _send(user, read_text(PASSAGE).as_json())
    user.type("wait, I meant 2025")
    assert user.conv["answers"].get("tax_year") == "2025"
    assert "after_tax_allowed" not in user.conv["answers"]
    assert "ask" not in user.conv["spd"]


def test_a_passage_pasted_after_the_first_answer_is_confirmed_and_the_interview_goes_on() -> None:
    user = User()
    user.type("401(k)")
    reply = user.type("You may make after-tax contributions of 1% to 15% of your base pay. You may convert "
                      "your after-tax account to Roth within the Plan at any time.")
    assert reply.title == "From your plan's document: After-tax (non-Roth) contributions"
    user.type("1")
    reply = user.type("1")
    assert user.conv["answers"] == {"plan_type": "401k", "after_tax_allowed": "yes",
                                    "in_plan_conversion": "yes", "after_tax_cap_percent": "15"}  # "1% to 15%"
    assert user.state == "verdict", reply.title


def _confirm_after_tax(user: User, passage: str) -> str:
    """The passage read as the plan's document, its after-tax proposal confirmed; the note shown."""
    _send(user, read_text(passage).as_json())
    assert user.last is not None
    assert user.last.title == "From your plan's document: After-tax (non-Roth) contributions"
    reply = user.tap("spd:yes")
    return reply.notice or ""


def test_a_cap_in_the_confirmed_sentence_is_kept_but_never_over_the_persons_own() -> None:
    sentence = "You may elect to make after-tax (non-Roth) contributions of 1% to 12% of your eligible pay."
    user = User()
    assert "Plan's after-tax cap: 12% of pay" in _confirm_after_tax(user, sentence)
    assert user.conv["answers"]["after_tax_cap_percent"] == "12"
    typed_first = User()
    typed_first.types("401k", "yes", "yes", "1", "2026", "45", "300k", "max", "none", "10")
    assert typed_first.conv["answers"]["after_tax_cap_percent"] == "10"
    assert "Plan's after-tax cap" not in _confirm_after_tax(typed_first, sentence)
    assert typed_first.conv["answers"]["after_tax_cap_percent"] == "10"  # the person's answer stands


def test_a_cap_outside_the_confirmed_sentence_is_not_taken_without_asking() -> None:
    """The cap is read from the deciding sentence and the two after it; only one the person read in
    the quote they confirmed fills the cap question."""
    passage = ("You may elect to make after-tax (non-Roth) contributions through payroll deduction. "
               "Your contribution election may be from 1% to 20% of your eligible pay.")
    user = User()
    note = _confirm_after_tax(user, passage)
    assert "Plan's after-tax cap" not in note
    assert "after_tax_cap_percent" not in user.conv["answers"]


def test_the_persons_situation_typed_while_a_proposal_waits_is_taken_not_refused() -> None:
    """Typed by the lead while a withdrawal proposal waited: 'sole prop solo 401k, 45, nets 120k' was
    answered 'Is my reading right?' and lost. Now the proposals are left unanswered (nothing filled
    from them) and the interview takes the facts; a lone '401k' still asks for Yes / No / Not sure."""
    user = User()
    _send(user, read_text(PASSAGE).as_json())
    assert user.last is not None
    assert user.last.title == "From your plan's document: After-tax (non-Roth) contributions"
    lone = user.type("401k")
    assert lone.title == "From your plan's document: After-tax (non-Roth) contributions"
    reply = user.type("I'm 45, make 250k")
    assert user.conv["answers"]["age"] == 45
    assert "after_tax_allowed" not in user.conv["answers"]  # the proposal was not confirmed
    assert not reply.title.startswith("From your plan's document")


def test_a_closed_world_no_says_what_the_document_leaves_out() -> None:
    # the quote lists what the plan takes; the proposal says plainly that after-tax money is not among it
    user = User()
    _send(user, read_text("Employees can choose how much to have deducted (pre-tax, Roth, or a combination "
                          "of both) from each paycheck.").as_json())
    assert user.last is not None
    line = " ".join(user.last.lines)
    assert ("seems to say no: it lists pre-tax and Roth contributions only; it names no after-tax (non-Roth) "
            "contributions. 'Employees can choose how much") in line


def test_an_explicit_no_is_proposed_with_its_quote_alone() -> None:
    user = User()
    _send(user, read_text("The Plan does not permit after-tax contributions.").as_json())
    assert user.last is not None
    assert "seems to say no: 'The Plan does not permit after-tax contributions.'" in " ".join(user.last.lines)
