"""Run every benchmark and print one table: python -m bench"""

from __future__ import annotations

import platform
from datetime import date

from bench import bench_bot, bench_flows, bench_rules, unit_for


def main() -> None:
    print(f"# {date.today()}  python {platform.python_version()}  {platform.machine()}")
    print(f"| {'what':<58} | {'median':>12} | target |")
    print(f"|{'-' * 60}|{'-' * 14}|--------|")
    for name, median, _p95, target in bench_rules.rows():
        print(f"| {name:<58} | {median:9.1f} us | {target} |")
    for name, value, target in [*bench_flows.rows(), *bench_bot.rows()]:
        unit = unit_for(name)
        print(f"| {name:<58} | {value:9.1f} {unit} | {target} |")


if __name__ == "__main__":
    main()
