"""Label accuracy of the SPD reader over labelled real passages.

``python -m bench.score_spd [dev|heldback]`` prints per-passage misses and the score; the held-back
set is scored, never tuned to.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from flows.spd.reader import read_text

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "spd"
KEYS = {"Q1": "after_tax_allowed", "Q2": "in_plan_conversion", "Q3": "in_service_withdrawal"}
EXPECTED = {"yes": "yes", "no": "no", "conditional": "conditional", "not-this-question": "not_stated"}


@dataclass(frozen=True)
class Scored:
    id: str
    question: str
    label: str
    got: str

    @property
    def right(self) -> bool:
        return EXPECTED[self.label] == self.got

    @property
    def false_yes(self) -> bool:
        return self.got == "yes" and self.label != "yes"


def passages(name: str) -> list[dict[str, str]]:
    lines = (DATA / f"passages-{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def score(name: str) -> list[Scored]:
    out = []
    for p in passages(name):
        if p["question"] not in KEYS:
            continue
        got = read_text(p["passage"]).answers[KEYS[p["question"]]].answer
        out.append(Scored(p["id"], p["question"], p["label"], got))
    return out


def main() -> None:
    for name in sys.argv[1:] or ["dev"]:
        results = score(name)
        for r in results:
            if not r.right:
                print(f"{name} {r.id} {r.question} label={r.label} got={r.got}")
        right = sum(r.right for r in results)
        false_yes = sum(r.false_yes for r in results)
        print(f"{name}: {right}/{len(results)} right ({right / len(results):.0%}), false yes: {false_yes}")


if __name__ == "__main__":
    main()
