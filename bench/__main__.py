"""Run every benchmark and print one table: python -m bench"""

from __future__ import annotations

import os
import platform
from datetime import date

from bench import (
    bench_bot,
    bench_chart,
    bench_cost,
    bench_documents,
    bench_flows,
    bench_loopback,
    bench_rules,
    bench_spd,
    bench_storage,
    bench_workers,
    unit_for,
)


def main() -> None:
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"# {date.today()}  python {platform.python_version()}  {platform.machine()}  "
          f"{os.cpu_count()} cores  {memory_gb:.0f} GiB")
    print(f"| {'what':<58} | {'median':>12} | target |")
    print(f"|{'-' * 60}|{'-' * 14}|--------|")
    for name, median, _p95, target in bench_rules.rows():
        print(f"| {name:<58} | {median:9.1f} us | {target} |")
    for name, value, target in [*bench_flows.rows(), *bench_bot.rows(), *bench_storage.grow(),
                                 *bench_loopback.rows(), *bench_cost.rows(), *bench_workers.rows(),
                                 *bench_chart.rows()]:
        unit = unit_for(name)
        print(f"| {name:<58} | {value:9.1f} {unit} | {target} |")
    for name, value, target in [*bench_spd.rows(), *bench_documents.rows()]:  # each name says its unit
        print(f"| {name:<58} | {value:12.3f} | {target} |")


if __name__ == "__main__":
    main()
