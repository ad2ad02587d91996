"""The limits tables of rules/data/README.md, written from the data files themselves.

`python -m tests.data_readme` prints them; `python -m tests.data_readme --write` puts them between
the README's markers. tests/test_docs.py checks the README holds exactly these tables, so a figure
or citation changed in a data file and not in the README fails the tests.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "rules" / "data"
README = DATA / "README.md"
START = "<!-- limits tables: written by python -m tests.data_readme --write -->"
END = "<!-- end of limits tables -->"


def shown(value: Any, unit: str) -> str:
    """A figure as a person reads it: $23,500, 0.9235, 50, yes."""
    if isinstance(value, dict):
        return "; ".join(f"{key} {shown(part, unit)}" for key, part in value.items())
    if isinstance(value, list):
        return "-".join(shown(part, unit) for part in value)
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if unit == "currency-USD":
        return f"${Decimal(value):,}"
    return str(value)


def sources(figure: dict[str, Any]) -> str:
    cited = "; ".join(f"[{ref['title']}]({ref['href']})" if ref.get("href") else ref["title"]
                      for ref in figure["reference"])
    return f"{cited} ({figure['note']})" if figure.get("note") else cited


def year_table(path: Path) -> list[str]:
    data = json.loads(path.read_text())
    lines = [f"### {data['tax_year']}" + (" (pending: never loaded)" if "status" in data else ""), ""]
    if "status" in data:
        lines += [f"Status: {data['status']}.", ""]
    lines += [f"Checked {data['verified']} against {data['verified_against']}.", "",
              "| figure | value | source |", "|---|---|---|"]
    lines += [f"| `{name}` | {shown(figure['value'], figure['unit'])} | {sources(figure)} |"
              for name, figure in data["figures"].items()]
    return lines


def statute_table(path: Path) -> list[str]:
    data = json.loads(path.read_text())
    lines = ["### Fixed by statute (`statute.json`)", "", data["description"], "",
             "| figure | value (from) | what it is | source |", "|---|---|---|---|"]
    for name, figure in data["figures"].items():
        values = "; ".join(f"{shown(value, figure['unit'])} (from {start})"
                           for start, value in figure["values"].items())
        lines.append(f"| `{name}` | {values} | {figure['description']} | {sources(figure)} |")
    return lines


def tax_forms_table(path: Path) -> list[str]:
    data = json.loads(path.read_text())
    lines = ["### Tax forms (`tax_forms.json`)", "", "The boxes, lines and codes are in the file with their "
             "instructions; the legal figures among them:", "",
             "| figure | value | what it is | source |", "|---|---|---|---|"]
    for name, figure in data["figures"].items():
        value = shown(figure["value"], figure["unit"])
        lines.append(f"| `{name}` | {value} | {figure['description']} | {sources(figure)} |")
    return lines


def tables() -> str:
    years = sorted(DATA.glob("[0-9][0-9][0-9][0-9].json"))
    pending = sorted((DATA / "pending").glob("*.json"))
    blocks = [year_table(path) for path in years] + [statute_table(DATA / "statute.json"),
                                                     tax_forms_table(DATA / "tax_forms.json")]
    blocks += [year_table(path) for path in pending]
    return "\n\n".join("\n".join(block) for block in blocks)


def written(readme: str) -> str:
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n\n{tables()}\n\n{END}{tail}"


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        README.write_text(written(README.read_text()))
    else:
        print(tables())
