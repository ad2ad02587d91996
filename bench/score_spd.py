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


# Whole documents assembled from held-back passages (one passage a page, among boilerplate pages),
# with the answers their labels imply. Fixed before the reader first read them.
DOCUMENTS = {
    "heldback-mega": (("D024", "D016", "D076", "D052", "D008", "D032", "D072", "D060", "D068"),
                      {"after_tax_allowed": "yes", "in_plan_conversion": "not_stated",
                       "in_service_withdrawal": "yes"}),
    "heldback-none": (("D028", "D004", "D056", "D048", "D012", "D080", "D036", "D044"),
                      {"after_tax_allowed": "no", "in_plan_conversion": "no", "in_service_withdrawal": "no"}),
}


@dataclass(frozen=True)
class DocumentScore:
    name: str
    question: str
    expected: str
    got: str
    quotes_on_their_page: bool
    quotes_from_deciding_passages: bool


def _document_pdf(name: str, ids: tuple[str, ...], by_id: dict[str, dict[str, str]]) -> bytes:
    from tests.spdkit import Spd, build, filler_page

    pages: list[list[str]] = []
    for i in ids:
        pages += [[f"Section {i}", by_id[i]["passage"]], filler_page(f"Topic {i}")]
    return build(Spd(f"Plan {name}", pages))


def _deciding(ids: tuple[str, ...], by_id: dict[str, dict[str, str]], question: str) -> list[str]:
    """The passages whose label answers ``question``: the only ones a quote may come from."""
    return [" ".join(by_id[i]["passage"].split()) for i in ids
            if KEYS.get(by_id[i]["question"]) == question and by_id[i]["label"] != "not-this-question"]


def score_documents() -> list[DocumentScore]:
    from flows.spd import read_pdf
    from flows.spd.extract import pdf_pages

    by_id = {p["id"]: p for name in ("dev", "heldback") for p in passages(name)}
    out = []
    for name, (ids, expected) in DOCUMENTS.items():
        data = _document_pdf(name, ids, by_id)
        texts = [" ".join(t.replace("\ufffe", "").split()) for t in pdf_pages(data)]
        reading = read_pdf(data)
        for question, answer in expected.items():
            evidence = reading.answers[question].evidence
            on_page = all(e.page is not None and e.quote.removesuffix(" …")[:60] in texts[e.page - 1]
                          for e in evidence)
            deciding = _deciding(ids, by_id, question)
            from_deciding = all(any(e.quote[:40] in d for d in deciding) for e in evidence)
            out.append(DocumentScore(name, question, answer, reading.answers[question].answer, on_page,
                                     from_deciding))
    return out


def main() -> None:
    if sys.argv[1:] == ["documents"]:
        for d in score_documents():
            print(f"{d.name} {d.question}: expected {d.expected}, got {d.got}; quotes on their page: "
                  f"{d.quotes_on_their_page}; from deciding passages: {d.quotes_from_deciding_passages}")
        return
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
