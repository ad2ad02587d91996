"""A typed "4²" is not the age 42: raised and lowered digits are refused and the question asked again."""

from __future__ import annotations

import random

import pytest

from flows.parse import normalize
from tests.flowkit import User, random_profile, send, steps_for


@pytest.mark.parametrize("typed", ["4²", "4₂", "²³"])
def test_a_raised_digit_is_refused_and_the_age_asked_again(typed: str) -> None:
    steps = steps_for(random_profile(random.Random(7)))
    user = User()
    for state, event in steps:
        if state == "age":
            break
        send(user, event)
    assert user.state == "age"
    reply = user.type(typed)
    assert user.state == "age"
    assert "age" not in user.conv["answers"]
    assert reply.notice  # a clear message, and the same question again
    user.type("42")
    assert user.conv["answers"]["age"] == 42


def test_other_scripts_digits_still_read() -> None:
    assert normalize("４５") == "45"  # full-width digits are the same digits
