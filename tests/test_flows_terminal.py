"""The terminal chat: scripted through standard input, ends cleanly on end of input."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from bot.terminal import run
from flows.diagram import mermaid
from tests.flowkit import SEED_DAY, TODAY

ROOT = Path(__file__).resolve().parent.parent
DR_CHEN = "401k\nyes\nyes\n1\n2025\n45\n450,000\n23,500\n22,500\nskip\nbiweekly\n26\nno\n"
# The same answers when 2025 is over (any clock from 2026 on): what went in, not paychecks.
DR_CHEN_AFTER = "401k\nyes\nyes\n1\n2025\n45\n450,000\n23,500\n22,500\nskip\nnone\nno\n"


def test_dr_chen_transcript_in_process() -> None:
    out = io.StringIO()
    assert run(io.StringIO(DR_CHEN), out, SEED_DAY) == 0  # planning 2025 during 2025
    text = out.getvalue()
    assert "After-tax room for 2025: $24,000" in text
    assert "Per paycheck: $923.07" in text
    assert "in-plan Roth conversion" in text
    assert text.rstrip().endswith("Bye.")


def test_main_command_runs_the_terminal_chat_without_a_token() -> None:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    proc = subprocess.run(
        [sys.executable, "-m", "bot"], input=DR_CHEN_AFTER + "/details\n", capture_output=True, text=True,
        env=env, cwd=ROOT, timeout=60, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "After-tax room for 2025: $24,000" in proc.stdout
    assert "TELEGRAM_BOT_TOKEN" in proc.stdout  # says how to start the Telegram bot
    assert "Notice 2024-80" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_end_of_input_mid_interview_and_bad_lines() -> None:
    out = io.StringIO()
    assert run(io.StringIO("401k\nperhaps later\n/back\n/nonsense\n"), out, TODAY) == 0
    text = out.getvalue()
    assert "Please type one of" in text
    assert "tap" not in text.lower().replace("tax", "")  # no buttons in a terminal
    assert "I don't know /nonsense" in text
    assert text.rstrip().endswith("Bye.")


def test_committed_diagram_matches_the_machine() -> None:
    assert (ROOT / "flows" / "interview.mmd").read_text() == mermaid()


def test_diagram_is_transitions_own_export_with_navigation_as_named_transitions() -> None:
    drawn = mermaid()
    assert drawn.splitlines()[3] == "stateDiagram-v2"  # transitions' Mermaid export, after its title
    assert "room --> extras: next [extras_questions_left] | go_to [target_in_extras]" in drawn
    assert "review --> room: next [room_questions_left] | go_to [target_in_room]" in drawn
    assert "room --> result: next\n" in drawn
    assert "employer_contributions if after_tax_possible" in drawn  # questions with their named rule
    assert "deferral_percent if match_may_stop_early" in drawn
    arrows = [line for line in drawn.splitlines() if "-->" in line]
    assert 12 <= len(arrows) <= 40  # a few dozen arrows a person can follow
    source = "".join((ROOT / "flows" / f).read_text() for f in ("interview.py", "screens.py", "machine.py"))
    assert "set_state" not in source  # no bypass: every move is a transition of the machine
