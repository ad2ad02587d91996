"""Median time of one rules assessment (parse + assess), and of the JSON contract round trip.

Run: python -m bench.bench_rules
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from rules import AssessmentInput, assess, assess_json

DR_CHEN: dict[str, Any] = {
    "tax_year": 2025, "age": 45, "compensation": 450000, "employee_deferrals": 23500,
    "employer_contributions": 22500, "after_tax_allowed": "yes", "in_plan_conversion": "yes",
    "in_service_withdrawal": "no", "pay_frequency": "biweekly", "filing_status": "mfj",
    "magi": 480000, "expected_return_percent": 7, "years_until_retirement": 20,
    "conversion_frequency": "monthly", "marginal_tax_rate_percent": 35,
}


def median_us(step: Callable[[], object], rounds: int = 30, per_round: int = 200) -> tuple[float, float]:
    """Median and p95 of per-call microseconds over ``rounds`` batches."""
    step()  # warm caches (the limits file is read once per process)
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(per_round):
            step()
        samples.append((time.perf_counter() - start) / per_round * 1e6)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def rows() -> list[tuple[str, float, float, str]]:
    inp = AssessmentInput.model_validate(DR_CHEN)
    assess_only = median_us(lambda: assess(inp))
    parse_assess = median_us(lambda: assess(AssessmentInput.model_validate(DR_CHEN)))
    contract = median_us(lambda: assess_json(DR_CHEN))
    return [
        ("rules: one assessment (assess)", *assess_only, "< 50 us"),
        ("rules: validate input + assess", *parse_assess, ""),
        ("rules: JSON contract (dict in, dict out)", *contract, ""),
    ]


def main() -> None:
    for name, median, p95, target in rows():
        print(f"{name:<45} median {median:8.1f} us   p95 {p95:8.1f} us   {target}")


if __name__ == "__main__":
    main()
