"""The result's chart: what one render costs, drawn fresh for distinct results and from the cache.

Distinct results are random interviews' results (tests.flowkit's profiles through the rules
engine), so each render draws a new picture; the cached figure is a result asked for again.
Run: python -m bench.bench_chart
"""

from __future__ import annotations

import random
import statistics
import time

from bot.chart import draw_chart, render_chart
from flows.result_card import ChartSpec, chart_spec
from rules import assess_json
from tests.flowkit import engine_fields, random_profile

SAMPLES = 200


def distinct_specs(count: int, seed: int = 14) -> list[ChartSpec]:
    rng = random.Random(seed)
    specs: list[ChartSpec] = []
    while len(specs) < count:
        spec = chart_spec(assess_json(engine_fields(random_profile(rng))))
        if spec is not None:  # a governmental 457(b) has no chart
            specs.append(spec)
    return specs


def render_ms(samples: int = SAMPLES) -> tuple[float, float]:
    """Median and p95 of a fresh render (draw + JPEG), in milliseconds."""
    specs = distinct_specs(samples)
    draw_chart(specs[0])  # warm: the first call loads Pillow and the fonts
    times = []
    for spec in specs:
        start = time.perf_counter()
        draw_chart(spec)
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times), statistics.quantiles(times, n=20)[18]


def cached_ms(samples: int = SAMPLES) -> float:
    result = assess_json(engine_fields(random_profile(random.Random(1))))
    render_chart(result)
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        render_chart(result)
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def rows() -> list[tuple[str, float, str]]:
    median, p95 = render_ms()
    return [
        ("chart: render median, distinct results (ms)", median, "<= 10 ms"),
        ("chart: render p95, distinct results (ms)", p95, ""),
        ("chart: asked for again, from the cache (ms)", cached_ms(), ""),
    ]


def main() -> None:
    from bench import print_rows

    print_rows(rows())


if __name__ == "__main__":
    main()
