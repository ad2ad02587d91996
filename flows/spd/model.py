"""A small learned reader beside the sentence rules: logistic regression over the words of a passage
and what the rules found in it, per question.

The weights live in ``flows/spd/data/model.json`` (made by ``python -m bench.train_spd`` from the
labelled passages in ``tests/data/spd/``); reading them is a dot product in pure Python, so the
product does not need scikit-learn. What the model may change is decided here (``combine``, called by
``flows/spd/reader.py``): it never makes a yes the rules did not make.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

ANSWERS = ("yes", "no", "conditional", "not_stated")
# What the shipped model may change (``combine``): every step off, so the reader's answers are the rules'.
# docs/spd-model.md measures the candidate policy (bench/train_spd.py, CANDIDATE) and says why it is off.
POLICY: dict[str, float | None] = {"veto_below": None, "veto_at": None, "fill_at": None, "override_at": None}
SHORT = {"after_tax_allowed": "Q1", "in_plan_conversion": "Q2", "in_service_withdrawal": "Q3"}

_TOKEN = re.compile(r"[a-z]+(?:['’][a-z]+)?|\d+(?:[.,]\d+)*|[½%$§□☐☒✓✔]|_{2,}")


@dataclass(frozen=True)
class RulesSaw:
    """What the rules made of a passage for one question: their answer and each finding's rule, answer
    and strength (set-aside findings have the answer "aside")."""

    answer: str
    findings: tuple[tuple[str, str, int], ...] = ()


@dataclass(frozen=True)
class Variant:
    """Which features the model reads."""

    words: bool = True  # word 1-2-grams of the passage, per question
    shared_words: bool = False  # the same word features shared by all questions
    rules: bool = True  # the rules' answer and named findings for this question

    def as_json(self) -> dict[str, bool]:
        return {"words": self.words, "shared_words": self.shared_words, "rules": self.rules}


def tokens(text: str) -> list[str]:
    """Lower-case words; every number is one token ("#")."""
    return ["#" if t[0].isdigit() else t for t in _TOKEN.findall(text.lower())]


def features(question: str, text: str, saw: RulesSaw, variant: Variant) -> set[str]:
    """The binary features of one passage (or window of sentences) for one question."""
    return features_of_words(question, tokens(text), saw, variant)


def features_of_words(question: str, words: Sequence[str], saw: RulesSaw, variant: Variant) -> set[str]:
    """``features`` of a text already cut into ``tokens``."""
    q = SHORT[question]
    out = {f"{q}|bias"}
    grams = set(words) | {f"{a} {b}" for a, b in itertools.pairwise(words)}
    if variant.words:
        out |= {f"{q}|w:{g}" for g in grams}
    if variant.shared_words:
        out |= {f"w:{g}" for g in grams}
    if variant.rules:
        out.add(f"{q}|rules:{saw.answer}")
        for rule, answer, strength in saw.findings:
            out |= {f"{q}|rule:{rule}", f"{q}|found:{answer}", f"{q}|found:{answer}{strength}"}
    return out


@dataclass(frozen=True)
class Model:
    """Multinomial logistic regression: one weight per feature and answer."""

    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: Mapping[str, Sequence[float]]
    variant: Variant
    policy: Mapping[str, float | None]

    @property
    def active(self) -> bool:
        """Whether the policy lets the model change any answer (a policy of null steps changes none)."""
        return any(v is not None for v in self.policy.values())

    def probabilities(self, present: Iterable[str]) -> dict[str, float]:
        scores = list(self.intercept)
        for name in present:
            row = self.weights.get(name)
            if row is not None:
                for i, w in enumerate(row):
                    scores[i] += w
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp, strict=True)}

    def read(self, question: str, text: str, saw: RulesSaw) -> dict[str, float]:
        return self.probabilities(features(question, text, saw, self.variant))

    def read_words(self, question: str, words: Sequence[str], saw: RulesSaw) -> dict[str, float]:
        return self.probabilities(features_of_words(question, words, saw, self.variant))

    def as_json(self) -> dict[str, Any]:
        return {
            "classes": list(self.classes),
            "intercept": [round(x, 6) for x in self.intercept],
            "variant": self.variant.as_json(),
            "weights": {k: [round(x, 6) for x in v] for k, v in sorted(self.weights.items())},
        }


def from_json(raw: dict[str, Any], policy: Mapping[str, float | None]) -> Model:
    """The model written by ``Model.as_json`` (its weights kept as JSON's lists: converting 9,000 rows
    costs ten times the parse)."""
    return Model(tuple(raw["classes"]), tuple(raw["intercept"]), raw["weights"], Variant(**raw["variant"]),
                 policy)


def shipped_active() -> bool:
    """Whether the shipped policy lets the model change anything (else its weights are never loaded)."""
    return any(v is not None for v in POLICY.values())


@cache
def shipped() -> Model:
    """The model shipped with the package (flows/spd/data/model.json) under the shipped POLICY."""
    text = resources.files("flows.spd").joinpath("data/model.json").read_text(encoding="utf-8")
    return from_json(json.loads(text), POLICY)


def strongest(probabilities: dict[str, float], among: Sequence[str]) -> tuple[str, float]:
    answer = max(among, key=lambda a: probabilities[a])
    return answer, probabilities[answer]


def combine(rules: str, probabilities: dict[str, float], policy: Mapping[str, float | None]) -> str:
    """The answer from the rules' answer and the model's probabilities, under a policy that never makes a
    yes the rules did not make:

    - ``veto_below``: a rules yes the model gives less than this probability becomes the model's strongest
      other answer;
    - ``veto_at``: a rules yes becomes the model's no or conditional when it is at least this sure of it
      (a model that only does not know, its weight on "not stated", does not veto);
    - ``fill_at``: a rules "not stated" becomes the model's no or conditional when it is at least this sure;
    - ``override_at``: a rules no or conditional becomes the model's other no / conditional / not stated
      when it is at least this sure.
    A missing or null threshold turns its step off.
    """
    veto, fill, override = policy.get("veto_below"), policy.get("fill_at"), policy.get("override_at")
    if rules == "yes":
        if veto is not None and probabilities["yes"] < veto:
            return strongest(probabilities, ("no", "conditional", "not_stated"))[0]
        against, p = strongest(probabilities, ("no", "conditional"))
        veto_at = policy.get("veto_at")
        return against if veto_at is not None and p >= veto_at else "yes"
    if rules == "not_stated":
        answer, p = strongest(probabilities, ("no", "conditional"))
        return answer if fill is not None and p >= fill else rules
    answer, p = strongest(probabilities, ("no", "conditional", "not_stated"))
    return answer if override is not None and p >= override else rules
