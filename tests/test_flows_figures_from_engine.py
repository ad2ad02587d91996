"""Every figure on a first result screen is the engine's: 300 random people walk the
interview, and each dollar figure and % on their first result screen is found in what the engine
returned for their answers (the JSON `python -m rules assess` prints for the same input)."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from flows.engine_input import engine_input
from flows.facts import Facts
from flows.interview import Event
from flows.money_words import money
from rules import assess_json
from tests.flowkit import User, answer_for, random_profile, send

PEOPLE = 300
MONEY = re.compile(r"\$\d{1,3}(?:,\d{3})*(?:\.\d\d)?")
PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")
EMPLOYER_FORMULAS = ("50% up to 6%", "100% of the first 3% plus 50% of the next 2%", "3% safe harbor",
                     "50% up to 6% plus 5% profit sharing", "4% of pay")
ROOT = Path(__file__).resolve().parent.parent


def typed_answers(rng: random.Random) -> dict[str, str]:
    """Answers typed instead of the profile's taps: a plan cap, money already in, a formula, max."""
    typed = {}
    if rng.random() < 0.4:
        typed["after_tax_cap_percent"] = f"{rng.randint(2, 25)}%"
    if rng.random() < 0.4:
        typed["after_tax_so_far"] = f"{rng.randint(100, 40_000):,}"
    if rng.random() < 0.4:
        typed["employer_contributions"] = rng.choice(EMPLOYER_FORMULAS)
    if rng.random() < 0.2:
        typed["employee_deferrals"] = "max"
    return typed


def walk(profile: dict[str, Any], typed: dict[str, str]) -> User:
    user = User()
    for _ in range(60):
        if user.state == "result":
            return user
        pending = user.conv.get("pending")
        if user.state in typed and pending is None:
            send(user, Event("text", typed.pop(user.state)))
        elif pending is not None and user.state not in profile:
            send(user, Event("button", "pick:0", user.state))  # the first reading of what they typed
        else:
            send(user, answer_for(user.state, profile, pending))
    raise AssertionError(f"the interview did not finish: {user.state}")


def engine_figures(result: Any) -> set[str]:
    """Every figure in the engine's answer: its numbers (as dollars and as %) and those its words hold."""
    found: set[str] = set()
    if isinstance(result, dict):
        for value in result.values():
            found |= engine_figures(value)
    elif isinstance(result, list | tuple):
        for value in result:
            found |= engine_figures(value)
    elif isinstance(result, bool) or result is None:
        pass
    elif isinstance(result, int | float):
        found |= {money(result), f"{result:g}%"}
    elif isinstance(result, str):
        found |= set(MONEY.findall(result)) | {f"{p}%" for p in PERCENT.findall(result)}
    return found


def screen_figures(lines: tuple[str, ...]) -> list[str]:
    text = "\n".join(lines)
    return MONEY.findall(text) + [f"{p}%" for p in PERCENT.findall(text)]


def test_300_people_every_figure_on_the_first_result_screen_is_the_engines() -> None:
    rng = random.Random(19)
    checked = 0
    inputs = []
    for n in range(PEOPLE):
        profile = random_profile(rng)
        user = walk(profile, typed_answers(rng))
        assert user.last is not None
        data = engine_input(Facts(user.conv["answers"], user.today))
        inputs.append(data)
        known = engine_figures(assess_json(json.loads(json.dumps(data, default=str))))
        shown = screen_figures(user.last.lines)
        missing = [figure for figure in shown if figure not in known]
        assert missing == [], (n, missing, user.last.lines)
        checked += len(shown)
    assert checked > PEOPLE * 2  # figures were compared, not only screens
    # the CLI prints the same answer as the in-process contract (a few, for time)
    for data in rng.sample(inputs, 3):
        proc = subprocess.run([sys.executable, "-m", "rules", "assess", "-"],
                              input=json.dumps(data, default=str),
                              capture_output=True, text=True, check=True, cwd=ROOT)
        assert json.loads(proc.stdout) == assess_json(json.loads(json.dumps(data, default=str)))
