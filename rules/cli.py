"""`python -m rules assess FILE|-` and `python -m rules limits YEAR`.

JSON in, JSON out; bad input exits 2 with one line naming the field.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from typing import Any, TextIO

from rules.contract import InputError, assess_json
from rules.limits import UnsupportedYearError, limits_for, supported_years

EXIT_BAD_INPUT = 2


def _keep_constant(name: str) -> str:
    """NaN / Infinity in the JSON become strings, so the field check names the field."""
    return name


def read_json(text: str) -> Any:
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_keep_constant)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise InputError(f"input: not valid JSON ({exc.msg} at {where})") from None


def _read_source(path: str, stdin: TextIO) -> str:
    if path == "-":
        return stdin.read()
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError as exc:
        raise InputError(f"input: cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(f"input: {path} is not UTF-8 text") from None


def _limits_json(year: int) -> dict[str, Any]:
    limits = limits_for(year)
    figures = limits.model_dump(mode="json", exclude={"sources", "references", "tax_year", "verified"})
    references = limits.model_dump(mode="json", include={"references"}, exclude_none=True)["references"]
    return {
        "tax_year": year, "verified": limits.verified, "figures": figures,
        "sources": limits.sources, "references": references,
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m rules", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    assess_cmd = commands.add_parser("assess", help="assess one situation given as a JSON object")
    assess_cmd.add_argument("file", help="a JSON file, or - for standard input")
    limits_cmd = commands.add_parser("limits", help="print one tax year's IRS limits and sources")
    limits_cmd.add_argument("year", type=int, help=f"one of {', '.join(map(str, supported_years()))}")
    return parser


def main(argv: list[str] | None = None, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "limits":
            result = _limits_json(args.year)
        else:
            result = assess_json(read_json(_read_source(args.file, stdin)))
    except (InputError, UnsupportedYearError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    json.dump(result, stdout, indent=2)
    stdout.write("\n")
    return 0
