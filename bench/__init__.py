"""Benchmarks, run on demand (python -m bench), never as timed tests."""

from collections.abc import Iterable


def unit_for(name: str) -> str:
    """The unit a benchmark row's value is in, from its name."""
    units = (("ratio", "x "), ("bytes", "B "), ("updates/s", "/s"), ("RSS", "MB"), ("MB", "MB"),
             ("latency", "ms"), ("start-up", "ms"), ("(ms)", "ms"), ("msgs/s", "/s"))
    return next((unit for key, unit in units if key in name), "us")


def print_rows(rows: Iterable[tuple[str, float, str]]) -> None:
    """One line per (name, value, target) row, the unit taken from the name."""
    for name, value, target in rows:
        print(f"{name:<58} {value:9.1f} {unit_for(name)}  {target}")
