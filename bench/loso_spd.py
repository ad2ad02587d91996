"""Leave-one-set-out evaluation of the SPD reader's learned model beside the rules.

``python -m bench.loso_spd`` holds out each of the seven passage sets in turn, trains on the other six,
and reads the held-out one with (a) the rules alone, (b) the model alone, (c) the rules and the model
combined under a policy that never makes a yes the rules did not make. It prints every variant tried
(features x regularisation x policy), the choice by total right with no false yes, and, to keep the
choice honest, a nested figure: for each held-out set the variant and policy are chosen by
leave-one-set-out over the other six only.

The rules were tuned on all seven sets, so (a) and (c) here are optimistic: on a new set the rules read
48-62% (docs/spd.md, Measured; FIRST_RUN below). ``--rules-from FILE`` reads the rules' outputs from a
file (``bench/rules_then.py``: the rules of an earlier commit, before they were tuned to a set).
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from bench.train_spd import SETS, Example, examples, fit
from flows.spd import model

# The rules' first run on each set, before any rule was tuned to it (docs/spd.md): right/scored, false yes.
FIRST_RUN = {"found2": (15, 26, 1), "unseen": (27, 52, 3), "unseen2": (31, 62, 3), "unseen3": (31, 52, 3)}

VARIANTS = {
    "words": model.Variant(words=True, shared_words=False, rules=False),
    "rules": model.Variant(words=False, shared_words=False, rules=True),
    "words+rules": model.Variant(words=True, shared_words=False, rules=True),
    "words+shared+rules": model.Variant(words=True, shared_words=True, rules=True),
}
CS = (0.3, 1.0, 3.0)
POLICIES: tuple[dict[str, Any], ...] = tuple(
    {"veto_below": v, "veto_at": a, "fill_at": f, "override_at": o}
    for v, a, f, o in itertools.product(
        (None, 0.1, 0.2, 0.3), (None, 0.5, 0.7), (None, 0.5, 0.6, 0.7, 0.8), (None, 0.6, 0.8)
    )
)
ALONE = "model alone"


@dataclass(frozen=True)
class Tally:
    right: int = 0
    false_yes: int = 0
    n: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.right + other.right, self.false_yes + other.false_yes, self.n + other.n)

    def __str__(self) -> str:
        return f"{self.right}/{self.n} ({self.right / max(self.n, 1):.0%}) fy {self.false_yes}"


def tally(pairs: Sequence[tuple[str, str]]) -> Tally:
    """(answer, label) pairs: how many right, how many false yes."""
    return Tally(sum(a == b for a, b in pairs), sum(a == "yes" and b != "yes" for a, b in pairs), len(pairs))


Probabilities = dict[tuple[str, str], dict[str, float]]  # (set, id) -> the model's probabilities


def held_out_probabilities(data: Sequence[Example], sets: Sequence[str], variant: model.Variant,
                           c: float) -> Probabilities:
    out: Probabilities = {}
    for held in sets:
        learned = fit([e for e in data if e.set != held and e.set in sets], variant, c, {})
        for e in data:
            if e.set == held:
                out[(e.set, e.id)] = learned.read(e.question, e.text, e.rules)
    return out


def answer(e: Example, probabilities: dict[str, float], policy: dict[str, Any] | str) -> str:
    if policy == ALONE:
        return max(probabilities, key=probabilities.__getitem__)
    assert isinstance(policy, dict)
    return model.combine(e.rules.answer, probabilities, policy)


def per_set(data: Sequence[Example], probs: Probabilities, policy: dict[str, Any] | str,
            sets: Sequence[str]) -> dict[str, Tally]:
    return {s: tally([(answer(e, probs[(e.set, e.id)], policy), e.label) for e in data if e.set == s])
            for s in sets}


def rules_alone(data: Sequence[Example], sets: Sequence[str]) -> dict[str, Tally]:
    return {s: tally([(e.rules.answer, e.label) for e in data if e.set == s]) for s in sets}


def total(tallies: dict[str, Tally]) -> Tally:
    return sum(tallies.values(), Tally())


def policy_name(policy: dict[str, Any] | str) -> str:
    if isinstance(policy, str):
        return policy
    parts = [f"{k.replace('_', ' ')} {v}" for k, v in policy.items() if v is not None]
    return "rules + model: " + (", ".join(parts) if parts else "nothing changed")


Config = tuple[str, float, dict[str, Any] | str]


def grid(data: Sequence[Example], sets: Sequence[str]) -> list[tuple[Config, dict[str, Tally]]]:
    """Every variant, regularisation and policy, each scored by leave-one-set-out over ``sets``."""
    out: list[tuple[Config, dict[str, Tally]]] = []
    for name, variant in VARIANTS.items():
        for c in CS:
            probs = held_out_probabilities(data, sets, variant, c)
            policies: tuple[dict[str, Any] | str, ...] = (ALONE, *POLICIES)
            for policy in policies:
                out.append(((name, c, policy), per_set(data, probs, policy, sets)))
    return out


def best(scored: list[tuple[Config, dict[str, Tally]]]) -> tuple[Config, dict[str, Tally]]:
    """Most right with no false yes beyond the rules' own (ties: the first tried, i.e. the simplest)."""
    allowed = [(c, t) for c, t in scored if c[2] != ALONE]
    return max(allowed, key=lambda ct: (-total(ct[1]).false_yes, total(ct[1]).right))


def nested(data: Sequence[Example]) -> dict[str, tuple[Config, Tally]]:
    """For each held-out set: the configuration chosen by leave-one-set-out over the other six, then
    trained on those six and scored on the held-out set."""
    out = {}
    for held in SETS:
        others = [s for s in SETS if s != held]
        config, _ = best(grid(data, others))
        name, c, policy = config
        learned = fit([e for e in data if e.set != held], VARIANTS[name], c, {})
        pairs = [(answer(e, learned.read(e.question, e.text, e.rules), policy), e.label)
                 for e in data if e.set == held]
        out[held] = (config, tally(pairs))
    return out


def through_reader(data: Sequence[Example], config: Config) -> dict[str, Tally]:
    """Each held-out passage read by ``read_text`` with the model trained on the other six sets."""
    from flows.spd.reader import read_text

    name, c, policy = config
    assert isinstance(policy, dict)
    out = {}
    for held in SETS:
        learned = fit([e for e in data if e.set != held], VARIANTS[name], c, policy)
        out[held] = tally([(read_text(e.text, learned=learned).answers[e.question].answer, e.label)
                           for e in data if e.set == held])
    return out


Scored = list[tuple[Config, dict[str, Tally]]]


def _named(words: list[str], scored: Scored) -> tuple[Config, dict[str, Tally]]:
    name, c, *steps = words
    policy = {k: None if v == "-" else float(v)
              for k, v in zip(("veto_below", "veto_at", "fill_at", "override_at"), steps, strict=True)}
    return next((cfg, t) for cfg, t in scored if cfg[:2] == (name, float(c)) and cfg[2] == policy)


def untuned(data: list[Example], dumps: dict[str, tuple[str, ...]]) -> None:
    """Leave-one-set-out where the rules had never been tuned to the held-out set: each dump (the rules of
    an earlier commit, bench/rules_then.py) with the sets it was not tuned to. Every configuration's
    total over those pairs, and a nested figure: for each pair the configuration is chosen on the pairs
    of the other sets only."""
    grids = {path: grid(load_rules(path, data), SETS) for path in dumps}
    pairs = [(path, s) for path, sets in dumps.items() for s in sets]
    configs = [config for config, _ in next(iter(grids.values()))]

    def over(k: int, chosen_pairs: list[tuple[str, str]]) -> Tally:
        return sum((grids[path][k][1][s] for path, s in chosen_pairs), Tally())

    print("Rules never tuned to the held-out set: " + ", ".join(f"{p} on {s}" for p, s in pairs))
    rules = sum((rules_alone(load_rules(p, data), SETS)[s] for p, s in pairs), Tally())
    print(f"  rules alone: {rules}")
    for k, config in enumerate(configs):
        print(f"  {config[0]:<20} C={config[1]:<4} {policy_name(config[2]):<55} {over(k, pairs)}")
    print("Nested (configuration chosen on the other sets' pairs):")
    result = Tally()
    combined = [k for k, c in enumerate(configs) if c[2] != ALONE]
    for path, s in pairs:
        others = [(p, o) for p, o in pairs if o != s]
        k = max(combined, key=lambda k: (-over(k, others).false_yes, over(k, others).right))
        got = grids[path][k][1][s]
        alone = rules_alone(load_rules(path, data), SETS)[s]
        result += got
        name, c, policy = configs[k]
        print(f"  {s:<8} rules of {path}: rules {alone!s:<22} combination {got!s:<22} "
              f"chose {name}, C={c}, {policy_name(policy)}")
    print(f"  total: rules {rules}, combination {result}")


def load_rules(path: str, data: list[Example]) -> list[Example]:
    """The rules' outputs from a file of {set, id, answer, findings} rows (bench/rules_then.py)."""
    with open(path, encoding="utf-8") as lines:
        rows = {(r["set"], r["id"]): r for r in map(json.loads, lines)}
    return [replace(e, rules=model.RulesSaw(rows[(e.set, e.id)]["answer"],
                                            tuple(tuple(f) for f in rows[(e.set, e.id)]["findings"])))
            for e in data]


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.loso_spd", description=__doc__)
    parser.add_argument("--rules-from", help="the rules' outputs per passage (bench/rules_then.py)")
    parser.add_argument("--nested", action="store_true", help="also choose the configuration in each fold")
    steps = ("VARIANT", "C", "VETO_BELOW", "VETO_AT", "FILL", "OVERRIDE")
    parser.add_argument("--config", nargs=6, metavar=steps,
                        help="show this configuration instead of the chosen one ('-': a step off)")
    parser.add_argument("--untuned", nargs="+", metavar="FILE:SET,SET",
                        help="rules dumps with the sets they were never tuned to (see untuned())")
    return parser.parse_args()


def _print_grid(scored: Scored) -> None:
    print("Every configuration tried (leave-one-set-out over the 7 sets; total right, false yes):")
    for (name, c, policy), tallies in scored:
        print(f"  {name:<20} C={c:<4} {policy_name(policy):<55} {total(tallies)}")


def _print_choice(config: Config, *, shown: bool, rules_from: str | None) -> None:
    """The configuration chosen (or shown, as asked), and how far the rules' figures can be trusted."""
    how = "Shown" if shown else "Chosen by total right with no false yes"
    print(f"\n{how}: {config[0]}, C={config[1]}, {policy_name(config[2])}")
    if rules_from:
        print(f"Rules as read from {rules_from} (not tuned to a set: compare with its first run).")
    else:
        print("The rules were tuned on all seven sets: the rules' and the combination's figures are "
              "optimistic.")


def _print_held_out(rules: dict[str, Tally], alone: dict[str, Tally], chosen: dict[str, Tally]) -> None:
    """Per held-out set: the rules' first run, (a) the rules, (b) the model alone, (c) the combination."""
    print(f"{'held-out set':<10} {'rules first run (untuned)':<26} {'(a) rules':<22} "
          f"{'(b) model alone':<22} {'(c) combination':<22}")
    for s in SETS:
        first = FIRST_RUN.get(s)
        first_run = f"{first[0]}/{first[1]} fy {first[2]}" if first else "-"
        print(f"{s:<10} {first_run:<26} {rules[s]!s:<22} {alone[s]!s:<22} {chosen[s]!s:<22}")
    print(f"{'total':<10} {'':<26} {total(rules)!s:<22} {total(alone)!s:<22} {total(chosen)!s:<22}")


def _print_through_reader(data: Sequence[Example], config: Config) -> None:
    print("\nThe same choice through the reader itself (read_text with each fold's model; windows of "
          "sentences as in a document):")
    runtime = through_reader(data, config)
    for s in SETS:
        print(f"  {s:<10} {runtime[s]!s}")
    print(f"  {'total':<10} {total(runtime)!s}")


def _print_nested(data: Sequence[Example], rules: dict[str, Tally]) -> None:
    print("\nNested (configuration chosen without the held-out set):")
    results = nested(data)
    for s, (cfg, t) in results.items():
        print(f"  {s:<10} {t!s:<22} rules {rules[s]!s:<22} "
              f"chose {cfg[0]}, C={cfg[1]}, {policy_name(cfg[2])}")
    print(f"  {'total':<10} {sum((t for _, t in results.values()), Tally())!s}")


def main() -> None:
    args = _arguments()
    data = examples()
    if args.untuned:
        untuned(data, {a.split(":")[0]: tuple(a.split(":")[1].split(",")) for a in args.untuned})
        return
    if args.rules_from:
        data = load_rules(args.rules_from, data)
    scored = grid(data, SETS)
    _print_grid(scored)
    rules = rules_alone(data, SETS)
    config, chosen = best(scored) if args.config is None else _named(args.config, scored)
    alone = next(t for c, t in scored if c[:2] == config[:2] and c[2] == ALONE)
    _print_choice(config, shown=args.config is not None, rules_from=args.rules_from)
    _print_held_out(rules, alone, chosen)
    if not args.rules_from and config[2] != ALONE:
        _print_through_reader(data, config)
    if args.nested:
        _print_nested(data, rules)


if __name__ == "__main__":
    main()
