"""People who type everything, the way they talk, through the terminal chat: never a menu
number, never a refused answer, and each reaches the right room (figures stated independently)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.terminal import run
from tests.flowkit import TODAY

ROOT = Path(__file__).resolve().parent.parent

PEOPLE: dict[str, tuple[list[str], list[str]]] = {
    # The seed's Dr. Chen, 2025, asked in November 2026 (2025 is over: no paychecks asked, what went
    # in is): $70,000 - $23,500 - $22,500 = $24,000 (Notice 2024-80: 415(c) $70,000, 402(g) $23,500).
    "dr_chen": (["401(k)", "yeah 👍", "yes", "see my numbers", "last year", "45", "$450k/yr", "23.5k",
                 "22,500", "No cap", "none", "nah"],
                ["Pay: $450,000 ✓", "After-tax room for 2025: $24,000",
                 "🔒 2025 is over: its after-tax contributions are closed"]),
    # The seed's Maria, sole proprietor, 2025 (over): $70,000 - $23,500 - $30,000 = $16,500; she
    # put in $16,500: within the room.
    "maria": (["solo 401k", "yes", "yep", "ok", "2025", "fifty two", "sole prop", "300 thousand",
               "no day job", "31k", "30,000", "16.5k", "no thanks"],
              ["After-tax room for 2025: $16,500", "Went in: $16,500, within the room."]),
    # A side business next to a day job that used the whole 2026 402(g) ($24,500): no
    # deferral room here, but the business's own 415(c): 20% of ($100,000 - $7,064.775) = $18,587.05
    # (Pub 560), so $72,000 - $18,587.05 = $53,412.95 after-tax; the deferral question is skipped.
    "side_business": (["solo 401k", "yes", "yeah", "see my numbers", "this year", "40", "sole prop",
                       "$100k net", "24.5k at my day job", "skip", "max", "monthly", "all", "no thanks"],
                      ["Day-job deferrals: $24,500 ✓", "After-tax room for 2026: $53,412.95",
                       "Deferral room here: $0 ($24,500 deferred elsewhere); "
                       "business's maximum: $18,587.05."]),
    # James, 2025 (over), in-service withdrawal: $70,000 - $23,500 - $12,000 = $34,500; he put in
    # $40,000: $5,500 over.
    "james": (["my 401k", "Yes", "nope", "sure", "go", "'25", "thirty eight", "240k a year", "23,500",
               "12k", "none", "40k", "No, show my result"],
              ["via in-service withdrawal", "After-tax room for 2025: $34,500",
               "Went in: $40,000. ⚠ That is $5,500 more than 2025's room"]),
    # 61 in November 2026: $72,000 - $24,500 = $47,500 of room, but a $11,538.46 paycheck
    # holds $10,163.46 after $1,375 of deferrals: 3 of them, $30,490.38.
    "late_in_the_year": (["401k", "y", "yes", "next", "this year", "I'm 61", "$300,000", "max", "no match",
                          "No cap / not sure", "every other week", "rest of the year", "none yet", "no"],
                         ["After-tax room for 2026: $47,500", "Per paycheck: $10,163.46",
                          "at most $30,490.38 more this year", "catch-up contributions must be Roth"]),
    # Not sure, provisional, 2026: $72,000 - $24,500 - $6,000 = $41,500; / 12 = $3,458.33.
    "not_sure": (["401k", "idk", "continue with provisional numbers", "2026", "45", "~200k", "24,500",
                  "6k", "not sure", "monthly", "all", "no"],
                 ["Does our plan allow after-tax", "After-tax room for 2026: $41,500 (provisional)",
                  "Per paycheck: $3,458.33"]),
    # No after-tax money in a 403(b), 2026, age 52: IRA $7,500 + $1,100 catch-up.
    "not_available": (["403(b)", "nope", "what are my options", "2026", "52"],
                      ["not available", "Backdoor Roth IRA: up to $8,600", "Ask HR to add"]),
    # A 1% cap on $180,000 is $1,800, and it binds.
    "tiny_cap": (["401k", "yes", "yes", "ok", "2026", "40", "180k", "23.5k", "5k", "1%", "yes", "monthly",
                  "all", "no"],
                 ["After-tax room for 2026: $1,800", "Your plan caps after-tax at 1% of pay: $1,800"]),
}
MENU_NUMBER = {"1", "2", "3", "4", "5"}


@pytest.mark.parametrize("who", sorted(PEOPLE))
def test_people_who_type_everything_reach_the_right_room(who: str) -> None:
    lines, expected = PEOPLE[who]
    assert not MENU_NUMBER & set(lines)
    out = io.StringIO()
    assert run(io.StringIO("\n".join(lines) + "\n"), out, TODAY) == 0
    text = out.getvalue()
    refused = [line for line in text.splitlines() if line.startswith("! ")]
    assert refused == [], refused
    assert "== Your result ==" in text
    for figure in expected:
        assert figure in text, (who, figure)
    if any("for 2025" in figure for figure in expected):  # over on TODAY: no paychecks to come
        assert "paychecks are left" not in text, who
        assert "How often" not in text, who


def test_a_person_through_the_real_main_command() -> None:
    lines, expected = PEOPLE["dr_chen"]
    lines = [("2025" if line == "last year" else line) for line in lines]  # 2025, over by any clock now
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    proc = subprocess.run(
        [sys.executable, "-m", "bot"], input="\n".join(lines) + "\n", capture_output=True, text=True,
        env=env, cwd=ROOT, timeout=60, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert not [line for line in proc.stdout.splitlines() if line.startswith("! ")]
    for figure in expected:
        assert figure in proc.stdout
