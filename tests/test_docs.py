"""The README and docs/ say what the product does now: every example in the README's feature table is
typed into the real terminal chat and must say what the README quotes; the two commands are the
ones CI runs; the contract's example and the transcript are real runs; the limits tables are the
data files'; every link resolves; nothing describes how the project was made."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from bot.terminal import run
from tests import data_readme
from tests.flowkit import TODAY

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
# Written on another branch at the same time; the README links it already.
OTHER_BRANCHES_DOCS = {"docs/engine.md"}
# Docs the README need not link (none today).
LINKED_AT_MERGE: set[str] = set()
TELEGRAM_ONLY = {"**Conversion reminders** (Telegram only)"}


def section(text: str, heading: str) -> str:
    """The text under a `## heading`, up to the next heading of that level."""
    start = text.index(f"\n{heading}\n") + len(heading) + 2
    end = text.find("\n## ", start)
    return text[start:] if end < 0 else text[start:end]


def table_rows(text: str) -> list[list[str]]:
    """The body rows of the first markdown table in the text, as stripped cells."""
    lines = [line for line in text.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]


def chat(lines: list[str], today: date = TODAY) -> str:
    out = io.StringIO()
    assert run(io.StringIO("".join(f"{line}\n" for line in lines)), out, today) == 0
    return out.getvalue()


FEATURES = table_rows(section(README.read_text(), "## What it tells you (one example each)"))


def test_the_feature_table_is_read() -> None:
    assert len(FEATURES) >= 6
    assert {row[0] for row in FEATURES if not row[1].startswith("`")} == TELEGRAM_ONLY


@pytest.mark.parametrize("row", [row for row in FEATURES if row[0] not in TELEGRAM_ONLY],
                         ids=lambda row: re.sub(r"\W+", "-", row[0].split("**")[1]).strip("-").lower())
def test_each_readme_example_says_what_the_readme_quotes(row: list[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # a path typed in an example (`/spd docs/example-spd.txt`) is the repository's
    typed = re.findall(r"`([^`]+)`", row[1])
    quoted = re.findall(r'"([^"]+)"', row[2])
    assert typed
    assert quoted
    said = chat(typed)
    for quote in quoted:
        assert quote in said, f"{quote!r} not in the chat:\n{said}"


def test_the_readme_result_is_a_real_run() -> None:
    block = section(README.read_text(), "## What a result looks like")
    typed = re.findall(r"`([^`]+)`", block.split("```")[0])
    shown = block.split("```text\n")[1].split("```")[0]
    assert typed
    assert shown.count("\n") >= 6
    assert shown in chat(typed)


def test_the_two_commands_are_the_ones_ci_runs() -> None:
    commands = re.findall(r"```sh\n(.+?)\n```", section(README.read_text(), "## The two commands"))
    assert commands[0] == "python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/python -m bot"
    script = (ROOT / ".ci" / "run").read_text().splitlines()
    ci = [line for line in script if line and not line.startswith("#")]
    assert ci[-1] == commands[1]
    for tool in ("ruff check .", "mypy", "python -m pytest"):
        assert tool in commands[1]


def test_the_contract_example_is_a_real_run() -> None:
    text = (ROOT / "docs" / "contract.md").read_text()
    example = re.search(r"echo '(.+?)' \| \.venv/bin/python -m rules assess -", text, re.DOTALL)
    assert example is not None
    said = text[example.end():].split("\n\n")[1]
    quoted = re.findall(r'`"(\w+)": ([^`]+)`', said)
    assert len(quoted) >= 4
    proc = subprocess.run([sys.executable, "-m", "rules", "assess", "-"], input=example.group(1), text=True,
                          capture_output=True, cwd=ROOT, timeout=60, check=True)
    result = json.loads(proc.stdout)
    for field, value in quoted:
        assert result[field] == json.loads(value), field


def test_the_interview_transcript_is_a_real_run() -> None:
    """The terminal transcript in docs/interview.md, typed again on the date it was run."""
    text = (ROOT / "docs" / "interview.md").read_text()
    run_on = re.search(r"A real run on (\d+ \w+ \d{4})", text)
    typed = re.search(r"printf '(.+?)' \| \.venv/bin/python -m bot", text)
    shown = re.search(r"```text\n(.+?)```", text, re.DOTALL)
    assert run_on is not None
    assert typed is not None
    assert shown is not None
    lines = typed.group(1).split("\\n")[:-1]
    said = chat(lines, datetime.strptime(run_on.group(1), "%d %B %Y").date())
    assert said == shown.group(1)


def test_the_limits_tables_are_the_data_files() -> None:
    readme = data_readme.README.read_text()
    assert data_readme.START in readme
    assert "| `annual_additions_limit` | $70,000 |" in readme  # 2025, Notice 2024-80
    assert readme == data_readme.written(readme), "run: python -m tests.data_readme --write"


def links(path: Path) -> list[str]:
    return [target for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", path.read_text())
            if "://" not in target]


@pytest.mark.parametrize("path", [README, ROOT / "rules" / "data" / "README.md", *DOCS],
                         ids=lambda path: str(path.relative_to(ROOT)))
def test_every_link_resolves(path: Path) -> None:
    for target in links(path):
        resolved = (path.parent / target).resolve()
        if str(resolved.relative_to(ROOT)) in OTHER_BRANCHES_DOCS and not resolved.exists():
            continue
        assert resolved.exists(), f"{path.name} links {target}"


def test_the_readme_links_every_doc() -> None:
    linked = {str((ROOT / target).resolve().relative_to(ROOT)) for target in links(README)}
    assert ({str(path.relative_to(ROOT)) for path in DOCS} | OTHER_BRANCHES_DOCS) - LINKED_AT_MERGE <= linked


HISTORY = re.compile(r"\bissues? \d+|\bremoved since\b|\bthis session\b|\bno longer\b|\bpredate",
                     re.IGNORECASE)


@pytest.mark.parametrize("path", [README, ROOT / "rules" / "data" / "README.md", *DOCS],
                         ids=lambda path: str(path.relative_to(ROOT)))
def test_docs_describe_the_product_not_how_it_was_made(path: Path) -> None:
    assert HISTORY.findall(path.read_text()) == []


def test_the_readme_fits_a_newcomers_five_minutes() -> None:
    assert 120 <= len(README.read_text().splitlines()) <= 200


def test_the_benchmark_commands_exist() -> None:
    text = (ROOT / "docs" / "benchmarks.md").read_text()
    modules = set(re.findall(r"python -m (bench(?:\.\w+)?)", text))
    assert "bench" in modules
    assert len(modules) >= 5
    for module in modules:
        path = ROOT / module.replace(".", "/")
        assert path.with_suffix(".py").exists() or (path / "__main__.py").exists(), module


def test_the_phrasing_count_is_the_tables() -> None:
    text = (ROOT / "docs" / "understanding.md").read_text()
    quoted = re.search(r"a table of (\d+) phrasings", text)
    assert quoted is not None
    table = (ROOT / "tests" / "data" / "phrasings.tsv").read_text().splitlines()
    assert int(quoted.group(1)) == len([line for line in table if line and not line.startswith("#")])


def test_the_contract_bad_input_example_is_a_real_run() -> None:
    text = " ".join((ROOT / "docs" / "contract.md").read_text().split())
    quoted = re.search(r"e\.g\. `(error: tax_year: [^`]+)`", text)
    assert quoted is not None
    proc = subprocess.run([sys.executable, "-m", "rules", "assess", "-"], text=True, capture_output=True,
                          input='{"tax_year": 2027, "age": 45}', cwd=ROOT, timeout=60, check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip() == quoted.group(1)


def test_code_and_tests_describe_behaviour_not_the_issue_that_brought_it() -> None:
    """Docstrings, comments and test data say what the product does, never "(issue 19)"."""
    told = [path.relative_to(ROOT).as_posix()
            for folder in ("bot", "flows", "rules", "tests", "bench")
            for path in sorted((ROOT / folder).rglob("*")) if path.suffix in (".py", ".json", ".md", ".tsv")
            and re.search(r"\bissue \d+\b", path.read_text(encoding="utf-8", errors="replace"), re.IGNORECASE)
            and path.name != "test_docs.py"]
    assert told == []
