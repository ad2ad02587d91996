"""From January 1 of a year whose IRS limits are not on file, the interview still works: one line
says so at the tax-year question, and it works on the latest year on file."""

from __future__ import annotations

import io
from datetime import date

from bot.terminal import run
from rules.limits import latest_year, supported_years
from tests.flowkit import User

NEW_YEAR_2027 = date(2027, 1, 2)


def test_the_clock_in_2027_runs_an_interview_to_the_result() -> None:
    assert 2027 not in supported_years()  # the premise: no 2027 limits on file yet
    user = User(today=NEW_YEAR_2027)
    for value in ("401k", "yes", "yes"):
        user.tap(value)
    question = user.tap("continue")
    assert question.state == "tax_year"
    assert question.hint == (
        f"The IRS has not yet published the 2027 limits; working on {latest_year()}, the latest on file."
    )
    assert question.choices[0].value == str(latest_year())
    assert question.choices[0].label == f"{latest_year()} (latest published)"
    user.tap(question.choices[0].value)
    for text in ("45", "$150,000", "max", "6000"):
        user.type(text)
    user.tap("skip")
    user.tap("biweekly")
    user.tap("26")
    result = user.tap("no")
    assert result.state == "result"
    assert result.result is not None
    assert result.result["tax_year"] == latest_year()
    assert f"After-tax room for {latest_year()}:" in "\n".join(result.lines)


def test_the_line_is_absent_while_the_years_limits_are_on_file() -> None:
    user = User(today=date(latest_year(), 6, 1))
    for value in ("401k", "yes", "yes"):
        user.tap(value)
    question = user.tap("continue")
    assert question.hint is None
    assert question.choices[0].label == f"{latest_year()} (this year)"


def test_terminal_chat_on_2027_01_02() -> None:
    out = io.StringIO()
    script = "401k\nyes\nyes\n1\n1\n45\n150k\nmax\n6,000\nskip\nbiweekly\n26\nno\n"
    assert run(io.StringIO(script), out, NEW_YEAR_2027) == 0
    text = out.getvalue()
    assert text.count("The IRS has not yet published the 2027 limits") == 1
    assert f"After-tax room for {latest_year()}: $" in text
    assert "Traceback" not in text
