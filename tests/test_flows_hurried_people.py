"""Hurried people on a phone, typed as they type: each test is a defect found by using the chat
(what was typed, what was wrong), pinned so it cannot come back."""

from __future__ import annotations

from datetime import date

from tests.flowkit import User

DECEMBER = date(2026, 12, 4)


def test_my_own_deferral_at_my_job_is_not_also_the_employers_money() -> None:
    # Typed: "I defer 23.5k at my job" was echoed as "Your deferrals: $23,500 · Employer money: $23,500";
    # the employer's $23,500 was never said and would take $23,500 off the after-tax room.
    user = User(today=DECEMBER)
    reply = user.type("im 38, already putting 23.5k in the work 401k")
    assert reply.notice is not None
    assert "Your deferrals: $23,500" in reply.notice
    assert "Employer money" not in reply.notice
    assert "employer_contributions" not in user.answers()
    user.type("I defer 23.5k at my job")
    assert "employer_contributions" not in user.answers()
    user.taps("yes", "yes", "continue", "2026")
    user.type("150k")
    assert user.state == "employer_contributions"  # asked, not assumed


def test_what_the_employer_puts_in_next_to_my_own_deferral_is_still_read() -> None:
    user = User(today=DECEMBER)
    reply = user.type("I put in 20k at work and work puts in 10k, my job matches nothing else")
    assert reply.notice is not None
    assert "Your deferrals: $20,000" in reply.notice
    assert "Employer money: $10,000" in reply.notice
