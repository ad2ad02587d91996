"""Benchmarks, run on demand (python -m bench), never as timed tests."""

from collections.abc import Iterable


def unit_for(name: str) -> str:
    """The unit a benchmark row's value is in, from its name."""
    if "bytes" in name:
        return "B "
    return "x " if "ratio" in name else "us"


def print_rows(rows: Iterable[tuple[str, float, str]]) -> None:
    """One line per (name, value, target) row, the unit taken from the name."""
    for name, value, target in rows:
        print(f"{name:<58} {value:9.1f} {unit_for(name)}  {target}")
