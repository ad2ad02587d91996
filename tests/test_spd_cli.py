"""The CLI contract: python -m flows.spd FILE --json (and '-' for standard input), never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.spdkit import Spd, build, filler_page

PASSAGE = (
    "You may elect to make After-Tax Contributions to the Plan of up to 75% of your Eligible Pay. "
    "You may withdraw all or any portion of your after-tax sub-account for any reason, up to twice per "
    "calendar year."
)


def _run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "flows.spd", *args], input=stdin, capture_output=True, timeout=60, check=False
    )


def _json(done: subprocess.CompletedProcess[bytes]) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(done.stdout)
    return parsed


def test_json_from_standard_input_has_the_contracted_fields() -> None:
    done = _run("-", "--json", stdin=PASSAGE.encode())
    assert done.returncode == 0, done.stderr
    out = _json(done)
    assert set(out["answers"]) == {"after_tax_allowed", "in_plan_conversion", "in_service_withdrawal"}
    after_tax = out["answers"]["after_tax_allowed"]
    assert {
        "answer",
        "confidence",
        "evidence",
        "cap_percent",
        "per_year",
        "suspension_months",
        "minimum_usd",
    } <= set(after_tax)
    assert (after_tax["answer"], after_tax["cap_percent"]) == ("yes", 75)
    assert after_tax["evidence"] == [{"page": None, "quote": PASSAGE.split(". ", maxsplit=1)[0] + "."}]
    assert out["answers"]["in_service_withdrawal"]["per_year"] == 2
    assert out["answers"]["in_plan_conversion"]["answer"] == "not_stated"


def test_a_pdf_file_in_plain_words(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(build(Spd("Acme Plan", [filler_page("Eligibility"), ["Contributions", PASSAGE]])))
    done = _run(str(path))
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode()
    assert "After-tax (non-Roth) contributions: Yes" in text
    assert "p. 3: 'You may elect to make After-Tax Contributions" in text


def test_refusals_and_bad_files_give_one_line_and_no_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n garbage")
    done = _run(str(broken), "--json")
    assert (done.returncode, _json(done)["error"]) == (2, "damaged")
    plain = _run(str(tmp_path / "missing.pdf"))
    assert plain.returncode == 2
    assert plain.stderr.decode().count("\n") == 1
    assert b"Traceback" not in plain.stderr + done.stderr
    stub = _run("-", stdin=b"Net pay $1,200.00 YTD $30,000.00")
    assert stub.returncode == 2
    assert "pay stub" in stub.stderr.decode()


def test_a_table_of_contents_alone_is_told_as_one_and_the_section_asked_for() -> None:
    """A real SPD's contents, pasted: the answers are in the section, not its page numbers."""
    contents = ("CONTRIBUTIONS ............................ 6\nDISTRIBUTIONS ..................... 12\n"
                "HARDSHIP AND IN-SERVICE WITHDRAWALS ................ 16\nClaims Procedures\n")
    done = _run("-", "--json", stdin=contents.encode())
    assert (done.returncode, _json(done)["error"]) == (2, "contents_only")
    assert "paste the section itself" in _json(done)["message"]
    with_prose = _run("-", "--json", stdin=(contents + PASSAGE).encode())
    assert with_prose.returncode == 0, with_prose.stderr
    assert _json(with_prose)["answers"]["after_tax_allowed"]["answer"] == "yes"


def test_a_reader_that_closed_the_pipe_gets_no_traceback(tmp_path: Path) -> None:
    passage = tmp_path / "plan.txt"
    passage.write_text("You may make after-tax contributions of 1% to 15% of your base pay. "
                       "You may convert your after-tax account to Roth within the Plan at any time.")
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `| head` that has already gone: every write meets a closed pipe
    try:
        done = subprocess.run([sys.executable, "-m", "flows.spd", str(passage), "--json"], stdout=write_end,
                              stderr=subprocess.PIPE, timeout=60, check=False)
    finally:
        os.close(write_end)
    assert b"Traceback" not in done.stderr
    assert done.returncode == 0
