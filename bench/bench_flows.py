"""Cost of one answer step (load state, parse, transition, save state) and bytes per conversation.

Run: python -m bench.bench_flows
"""

from __future__ import annotations

import json
import statistics
import time
from datetime import date

from bench import print_rows
from flows.interview import Event, load, new_conversation, step

TODAY = date(2026, 11, 22)
SCRIPT = [
    Event("button", "401k"), Event("button", "yes"), Event("button", "yes"),
    Event("button", "continue"), Event("button", "2025"), Event("text", "45"),
    Event("text", "$450,000"), Event("text", "23.5k"), Event("text", "50% up to 6%"),
    Event("button", "skip"), Event("button", "biweekly"), Event("button", "26"),
]


def one_interview_steps() -> list[float]:
    """Per-step microseconds for the question steps (the result screen is timed apart)."""
    stored = json.dumps(new_conversation())
    samples = []
    for event in SCRIPT:
        start = time.perf_counter()
        conv = load(json.loads(stored))
        step(conv, event, TODAY)
        stored = json.dumps(conv, separators=(",", ":"))
        samples.append((time.perf_counter() - start) * 1e6)
    return samples


def result_step_us() -> float:
    conv = new_conversation()
    for event in SCRIPT:
        step(conv, event, TODAY)
    stored = json.dumps(conv)
    start = time.perf_counter()
    for _ in range(200):
        step(load(json.loads(stored)), Event("button", "no", "extras_offer"), TODAY)
    return (time.perf_counter() - start) / 200 * 1e6


def finished_conversation_bytes() -> int:
    conv = new_conversation()
    for event in [*SCRIPT, Event("button", "no")]:
        step(conv, event, TODAY)
    return len(json.dumps(conv, separators=(",", ":")).encode())


def dispatch_us() -> tuple[float, float]:
    """One `answer` event on the shared machine: fired on an unattached session (our way)
    versus attaching and detaching the session with add_model / remove_model per step."""
    from flows.machine import MACHINE, Session, fire

    answered = {"plan_type": "401k"}

    def unattached() -> None:
        fire(Session({"state": "plan_type", "answers": dict(answered), "history": []}, TODAY), "next")

    def attached() -> None:
        session = Session({"state": "plan_type", "answers": dict(answered), "history": []}, TODAY)
        MACHINE.add_model(session, initial="verdict")
        MACHINE.events["next"].trigger(session)
        MACHINE.remove_model(session)

    results = []
    for step_fn in (unattached, attached):
        step_fn()
        rounds = []
        for _ in range(15):
            start = time.perf_counter()
            for _ in range(100):
                step_fn()
            rounds.append((time.perf_counter() - start) / 100 * 1e6)
        results.append(statistics.median(rounds))
    return results[0], results[1]


def rows() -> list[tuple[str, float, str]]:
    one_interview_steps()  # warm up
    samples = [s for _ in range(300) for s in one_interview_steps()]
    unattached, attached = dispatch_us()
    return [
        ("flows: one answer step (load, parse, transition, save)", statistics.median(samples),
         "< 100 us"),
        ("flows: p95 of an answer step", sorted(samples)[int(len(samples) * 0.95)], ""),
        ("flows: the step that computes the result", result_step_us(), ""),
        ("flows: bytes per stored conversation (finished)", float(finished_conversation_bytes()),
         "< 2048 B"),
        ("flows: one event, session never attached (our way)", unattached, ""),
        ("flows: one event with add_model/remove_model", attached, ""),
    ]


def main() -> None:
    print_rows(rows())


if __name__ == "__main__":
    main()
