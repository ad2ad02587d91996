"""Review by number, by name and by button; Done and back leave it; progress never jumps."""

from __future__ import annotations

import itertools
import random
import re

import pytest

from flows.interview import Reply
from tests.flowkit import User, dr_chen, random_profile, send, steps_for


def test_review_by_number_by_name_and_by_button() -> None:
    user = User()
    dr_chen(user)
    reply = user.command("review")
    labels = [c.label for c in reply.choices]
    assert labels[-1] == "Done"
    user.type(str(labels.index("Pay") + 1))  # its number on the screen
    assert user.state == "compensation"
    user.command("review")
    user.type("employer match")  # its name, as people say it
    assert user.state == "employer_contributions"
    user.command("review")
    user.type("Age on Dec 31")  # its label
    assert user.state == "age"
    user.command("review")
    user.tap("edit:tax_year")  # its button
    assert user.state == "tax_year"


def test_done_leaves_the_review_and_nothing_changes() -> None:
    user = User()
    dr_chen(user)
    before = user.answers()
    for done in ("Done", "done", "looks good"):
        user.command("review")
        user.type(done)
        assert user.state == "result"
        assert user.answers() == before


def test_review_mid_interview_returns_to_the_open_question() -> None:
    user = User()
    user.taps("401k", "yes", "yes", "continue", "2026")
    user.type("45")
    user.command("review")
    user.type("done")
    assert user.state == "compensation"


def test_back_from_an_edit_returns_to_the_review_without_erasing() -> None:
    user = User()
    dr_chen(user)
    user.command("review")
    user.type("pay")
    assert user.state == "compensation"
    reply = user.command("back")
    assert user.state == "review"
    assert user.answers()["compensation"] == "450000"
    assert any(line == "• Pay: $450,000" for line in reply.lines)
    user.command("back")  # back from the review itself: where the user was
    assert user.state == "result"


def test_an_edit_then_answer_continues_to_the_result_and_is_echoed() -> None:
    user = User()
    dr_chen(user)
    user.command("review")
    user.type("pay")
    reply = user.type("500k")
    assert user.state == "result"
    assert reply.answered == ("Pay", "$500,000")


def test_an_unknown_review_word_says_how_and_keeps_the_review() -> None:
    user = User()
    dr_chen(user)
    user.command("review")
    reply = user.type("banana")
    assert user.state == "review"
    assert reply.notice is not None
    assert "number or name" in reply.notice


PROGRESS = re.compile(r"^(?P<stage>.+): question (?P<n>\d+) of (?:up to )?(?P<total>\d+)$")


def _progress(reply: Reply) -> tuple[str, int, int] | None:
    found = PROGRESS.match(reply.title)
    return (found["stage"], int(found["n"]), int(found["total"])) if found else None


@pytest.mark.parametrize("seed", range(30))
def test_question_n_of_m_never_jumps(seed: int) -> None:
    """Within a stage each new question is the next number, and the total never grows."""
    profile = random_profile(random.Random(seed))
    user = User()
    seen: list[tuple[str, int, int]] = []
    first = _progress(user.command("help"))
    assert first is not None
    seen.append(first)
    for _state, event in steps_for(profile):
        send(user, event)
        assert user.last is not None
        here = _progress(user.last)
        if here is not None and user.conv.get("pending") is None:
            seen.append(here)
    for (stage, n, total), (next_stage, next_n, next_total) in itertools.pairwise(seen):
        if stage == next_stage:
            assert next_n == n + 1, seen
            assert next_total <= total, seen
        else:
            assert next_n == 1, seen


def test_the_result_buttons_can_be_typed() -> None:
    user = User()
    dr_chen(user)
    assert user.type("Details & sources").lines[0].startswith("Against the $70,000")
    assert user.type("review answers").state == "review"
    user.type("done")
    user.type("start over")
    assert user.state == "plan_type"
    assert user.answers() == {}
