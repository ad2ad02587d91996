"""A hurried person's plan document through Telegram (the real bot against the fake Bot API): each test
is a defect found by using the chat, pinned so it cannot come back."""

from __future__ import annotations

from typing import Any

from tests.botkit import TgUser
from tests.fakeapi import FakeBotAPI
from tests.spdkit import Spd, build, filler_page

#: Three paragraphs as a Fidelity-administered plan's SPD words them.
INITECH = Spd("Initech 401(k) Plan", [
    filler_page("Eligibility"),
    ["After-Tax Contributions",
     "In addition to your pre-tax and Roth 401(k) contributions, you may elect to make after-tax "
     "contributions of 1% to 10% of your eligible compensation each pay period, up to the annual IRS "
     "limit on total contributions. After-tax contributions are deducted from your pay after income "
     "taxes are withheld.",
     "In-Plan Roth Conversion",
     "You may convert all or a portion of your after-tax contribution account, including earnings, to "
     "your Roth 401(k) account at any time through NetBenefits. Earnings converted are taxable in the "
     "year of conversion.",
     "Withdrawals While Employed",
     "You may withdraw your after-tax contributions and their earnings at any time while employed, up "
     "to two times per plan year. Withdrawals of pre-tax contributions are not permitted before age "
     "59 1/2 except for hardship."],
])


async def test_an_after_tax_cap_beside_pre_tax_and_roth_words_is_the_after_tax_cap(
    api: FakeBotAPI, running: Any
) -> None:
    # Sent the PDF, tapped Yes: the verdict read "The plan caps all your contributions together at 10%
    # of pay" (the sentence names pre-tax and Roth only as what after-tax comes in addition to, and
    # "the annual IRS limit on total contributions"), and the cap was not used.
    # By hand (2026, Notice 2025-67): 415(c) $72,000 - deferrals $24,500 - match 50% of 6% of $210,000
    # ($6,300) = $41,200; the plan's 10% of $210,000 = $21,000 is lower: the room is $21,000.
    user = TgUser(api, 4242)
    await user.send("/start")
    before = len(user.messages())
    api.document(user.id, build(INITECH), "Initech SPD.pdf", "application/pdf")
    await api.wait_chat(user.id, lambda _: len(user.messages()) > before)
    conversion = await user.tap("Yes")
    assert conversion.text.startswith("After-tax (non-Roth) contributions: Yes ✓ Plan's after-tax cap: 10% "
                                      "of pay, as your plan's document says ✓")
    await user.tap("Yes")
    verdict = await user.tap("401(k)")
    assert "The plan caps after-tax contributions at 10% of pay." in verdict.text
    assert "all your contributions together" not in verdict.text
    await user.tap("See my numbers")
    await user.tap("2026 (this year)")
    for typed in ("31", "210k", "max", "50% up to 6%"):
        await user.send(typed)
    question = await user.tap("Every 2 weeks")  # the cap is not asked: the document answered it
    assert "paychecks" in question.text
    await user.tap("All 26 (whole year)")
    result = await user.tap("No, show my result")
    assert "After-tax room for 2026: $21,000" in result.text
    assert "Your plan caps after-tax at 10% of pay: $21,000 (the IRS limit alone would leave $41,200)." \
        in result.text


async def test_a_typed_answer_read_as_something_else_is_echoed_above_the_next_question(
    api: FakeBotAPI, running: Any
) -> None:
    # Typed "fifty eight" at the age and "185k" at the pay: the next question came with no word of how
    # they were read (the terminal says "Age on Dec 31: 58 ✓"); the chat showed only "fifty eight".
    user = TgUser(api, 4243)
    await user.send("/start")
    for label in ("403(b)", "Yes", "Yes", "See my numbers", "2026 (this year)"):
        await user.tap(label)
    pay = await user.send("fifty eight")
    assert pay.text.startswith("Age on Dec 31: 58 ✓\nYour room: question 3 of 9")
    deferrals = await user.send("185k")
    assert deferrals.text.startswith("Pay: $185,000 ✓\nYour room: question 4 of 9")
    employer = await user.send("32,500")  # read as typed: nothing to add
    assert employer.text.startswith("Your room: question 5 of 9")
