"""The terminal chat never shows a traceback: a fault in one step is one line, the answers kept."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest

from bot import terminal


def test_a_fault_in_the_flow_is_one_line_and_the_answers_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    real_step = terminal.step  # type: ignore[attr-defined]  # the flow step the chat calls

    def step(conv: dict[str, Any], event: Any, today: date) -> Any:
        if event.value == "boom":
            conv["answers"]["age"] = 99  # a half-done change, which must not survive the fault
            raise KeyError("answer")
        return real_step(conv, event, today)

    monkeypatch.setattr(terminal, "step", step)
    out = io.StringIO()
    terminal.run(io.StringIO("401k\nboom\nyes\n"), out, today=date(2026, 12, 4))
    shown = out.getvalue()
    assert "Traceback" not in shown
    assert "Sorry, I could not take that; your answers are kept." in shown
    assert "After-tax contributions: Yes ✓" in shown  # the interview went on where it was


def test_spd_without_a_path_says_how_to_use_it() -> None:
    out = io.StringIO()
    terminal.run(io.StringIO("/spd\n"), out, today=date(2026, 12, 4))
    shown = out.getvalue()
    assert "Type /spd and the plan document's path" in shown
    assert "Is a directory" not in shown
    assert "Which plan is it" in shown.split("/spd")[-1]  # the interview where it was
