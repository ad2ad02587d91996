"""Label accuracy of the SPD reader over labelled real passages.

``python -m bench.score_spd [--learned] [SET ...]`` (dev, heldback, found, found2, unseen, unseen2,
unseen3) prints per-passage misses and the score (``--learned``: with the learned reader's candidate
policy beside the rules, docs/spd-model.md); ``python -m bench.score_spd documents`` and
``… unseen-documents [FOLDER ...]`` score whole documents. The unseen sets (``passages-unseen*.jsonl``,
``documents-unseen*/``) were each collected and labelled by someone who never read the rules, and
each is measured once before any rule is tuned to it (see docs/spd.md, Measured).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from flows.spd.errors import Refusal
from flows.spd.reader import Learned, read_text

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "spd"
KEYS = {"Q1": "after_tax_allowed", "Q2": "in_plan_conversion", "Q3": "in_service_withdrawal"}
EXPECTED = {"yes": "yes", "no": "no", "conditional": "conditional", "not-this-question": "not_stated"}


@dataclass(frozen=True)
class Scored:
    id: str
    question: str
    label: str
    got: str
    confidence: str = "low"

    @property
    def right(self) -> bool:
        return EXPECTED[self.label] == self.got

    @property
    def proposed(self) -> bool:
        """What a person is asked to confirm: a yes or no of high or medium confidence (the rest
        goes to the normal question with a question for HR)."""
        return self.got in ("yes", "no") and self.confidence in ("high", "medium")

    @property
    def false_yes(self) -> bool:
        return self.got == "yes" and self.label != "yes"


def passages(name: str) -> list[dict[str, str]]:
    return passages_file(f"passages-{name}.jsonl")


def score(name: str, learned: Learned = "shipped") -> list[Scored]:
    out = []
    for p in passages(name):
        if p["question"] not in KEYS:
            continue
        try:
            answer = read_text(p["passage"], learned=learned).answers[KEYS[p["question"]]]
        except Refusal:  # a passage the reader refuses gives no answer: scored as "not stated"
            out.append(Scored(p["id"], p["question"], p["label"], "not_stated"))
            continue
        out.append(Scored(p["id"], p["question"], p["label"], answer.answer, answer.confidence))
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
    also: tuple[str, ...] = ()  # other answers the collector judged defensible

    @property
    def right(self) -> bool:
        return self.got == self.expected or self.got in self.also


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


def score_documents(learned: Learned = "shipped") -> list[DocumentScore]:
    from flows.spd import read_pdf
    from flows.spd.extract import pdf_pages

    by_id = {p["id"]: p for name in ("dev", "heldback") for p in passages(name)}
    out = []
    for name, (ids, expected) in DOCUMENTS.items():
        data = _document_pdf(name, ids, by_id)
        texts = [" ".join(t.replace("\ufffe", "").split()) for t in pdf_pages(data)]
        reading = read_pdf(data, learned=learned)
        for question, answer in expected.items():
            evidence = reading.answers[question].evidence
            on_page = all(e.page is not None and e.quote.removesuffix(" …")[:60] in texts[e.page - 1]
                          for e in evidence)
            deciding = _deciding(ids, by_id, question)
            from_deciding = all(any(e.quote[:40] in d for d in deciding) for e in evidence)
            out.append(DocumentScore(name, question, answer, reading.answers[question].answer, on_page,
                                     from_deciding))
    return out


UNSEEN_SETS = tuple(sorted(p.name for p in DATA.glob("documents-unseen*") if p.is_dir()))
WORDS_PER_PDF_PAGE = 520  # two columns of the test layout hold about 600 words


@dataclass(frozen=True)
class UnseenDocument:
    file: str
    expected: dict[str, str]
    proof: dict[str, list[str]]
    also: dict[str, tuple[str, ...]]


def unseen_documents(folder: Path) -> list[UnseenDocument]:
    """The held-back whole documents and what their collector read in them (manifest.json)."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    entries = manifest["documents"] if isinstance(manifest, dict) else manifest
    return [UnseenDocument(e["file"], e["expected"], _proof(e), _also(e)) for e in entries]


def _also(entry: dict[str, object]) -> dict[str, tuple[str, ...]]:
    """Other defensible answers, with the sentence that would prove them (added to the proof)."""
    raw = entry.get("also_acceptable") or {}
    assert isinstance(raw, dict)
    return {q: (a["answer"],) for q, a in raw.items()}


def _proof(entry: dict[str, object]) -> dict[str, list[str]]:
    raw = entry.get("proof") or entry.get("evidence") or {}  # the first collector named it "evidence"
    assert isinstance(raw, dict)
    proof = {k: [v] if isinstance(v, str) else list(v) for k, v in raw.items()}
    also = entry.get("also_acceptable") or {}
    assert isinstance(also, dict)
    for question, alternative in also.items():
        proof.setdefault(question, []).append(alternative["sentence"])
    return proof


def _normal(text: str) -> str:
    return " ".join(text.replace("\ufffe", "").replace("\u2019", "'").split()).lower()


def _pdf_pages_of(text_pages: list[str]) -> list[list[str]]:
    """Each text page as PDF pages of the test layout: paragraphs (blank-line separated) kept whole
    where they fit, a page never holding more than the layout can draw."""
    pages: list[list[str]] = []
    for text in text_pages:
        paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
        page: list[str] = []
        for paragraph in paragraphs:
            for piece in _pieces(paragraph):
                if page and sum(len(p.split()) for p in [*page, piece]) > WORDS_PER_PDF_PAGE:
                    pages.append(page)
                    page = []
                page.append(piece)
        if page:
            pages.append(page)
    return pages


def _pieces(paragraph: str) -> list[str]:
    """A paragraph longer than a page, cut between sentences."""
    words = paragraph.split()
    if len(words) <= WORDS_PER_PDF_PAGE:
        return [paragraph]
    out, piece = [], ""
    for sentence in paragraph.replace(". ", ".\n").split("\n"):
        if piece and len((piece + " " + sentence).split()) > WORDS_PER_PDF_PAGE:
            out.append(piece)
            piece = ""
        piece = f"{piece} {sentence}".strip()
    return [*out, piece] if piece else out


def score_unseen_documents(
    folder: Path, form: str = "pdf", learned: Learned = "shipped"
) -> list[DocumentScore]:
    """Each held-back document read as a two-column PDF (``form="pdf"``) or as its text."""
    from flows.spd import read_pdf
    from flows.spd.extract import pdf_pages
    from tests.spdkit import Spd, build

    out = []
    for doc in unseen_documents(folder):
        text_pages = (folder / doc.file).read_text(encoding="utf-8").split("\f")
        if form == "pdf":
            data = build(Spd(Path(doc.file).stem, _pdf_pages_of(text_pages), toc=False))
            texts = [_normal(t) for t in pdf_pages(data)]
            reading = read_pdf(data, learned=learned)
        else:
            texts = [_normal(t) for t in text_pages]
            reading = read_text("\f".join(text_pages), learned=learned)
        for question, answer in doc.expected.items():
            evidence = reading.answers[question].evidence
            proof = [_normal(s) for s in doc.proof.get(question, [])]
            on_page = all(e.page is not None and _normal(e.quote.removesuffix(" …"))[:60] in texts[e.page - 1]
                          for e in evidence)
            from_proof = all(any(_normal(e.quote)[:40] in s for s in proof) for e in evidence)
            got = reading.answers[question].answer
            out.append(DocumentScore(f"{doc.file} ({form})", question, answer, got, on_page, from_proof,
                                     doc.also.get(question, ())))
    return out


def _print_documents(scores: list[DocumentScore]) -> None:
    for d in scores:
        also = f" (or {', '.join(d.also)})" if d.also else ""
        print(f"{d.name} {d.question}: expected {d.expected}{also}, got {d.got}; quotes on their page: "
              f"{d.quotes_on_their_page}; from deciding sentences: {d.quotes_from_deciding_passages}")
    right = sum(d.right for d in scores)
    whole = sum(d.right and d.quotes_on_their_page and d.quotes_from_deciding_passages for d in scores)
    false_yes = sum(d.got == "yes" and d.expected != "yes" and "yes" not in d.also for d in scores)
    print(f"answers right: {right}/{len(scores)}; right with proving quotes on their page: "
          f"{whole}/{len(scores)}; false yes: {false_yes}")


def agreement(name: str) -> str:
    """A second labeller's blind labels (``labels-NAME-second.jsonl``: passage and question only,
    neither the first labels nor the reader's answers) against the first, and the reader on the
    passages both labellers agree on."""
    second = {row["id"]: row["label"] for row in passages_file(f"labels-{name}-second.jsonl")}
    results = [r for r in score(name) if r.id in second]
    agreed = [r for r in results if second[r.id] == r.label]
    right = sum(r.right for r in agreed)
    return (f"{name}: labellers agree on {len(agreed)}/{len(results)}; the reader on those: "
            f"{right}/{len(agreed)} right, false yes {sum(r.false_yes for r in agreed)}")


def passages_file(name: str) -> list[dict[str, str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def candidate() -> Learned:
    """The shipped model with the candidate policy (bench/train_spd.py), for ``--learned``."""
    from dataclasses import replace

    from bench.train_spd import CANDIDATE
    from flows.spd import model

    return replace(model.shipped(), policy=dict(CANDIDATE))


def main() -> None:
    learned: Learned = "shipped"
    if "--learned" in sys.argv:  # read with the learned reader's candidate policy (docs/spd-model.md)
        sys.argv.remove("--learned")
        learned = candidate()
    if sys.argv[1:2] == ["agreement"]:  # python -m bench.score_spd agreement unseen3
        for name in sys.argv[2:]:
            print(agreement(name))
        return
    if sys.argv[1:2] == ["unseen-documents"]:  # all the held-back folders, or those named
        names = sys.argv[2:] or UNSEEN_SETS
        folders = [DATA / name for name in names if (DATA / name / "manifest.json").exists()]
        _print_documents([d for folder in folders for form in ("pdf", "text")
                          for d in score_unseen_documents(folder, form, learned)])
        return
    if sys.argv[1:] == ["documents"]:
        _print_documents(score_documents(learned))
        return
    for name in sys.argv[1:] or ["dev"]:
        results = score(name, learned)
        for r in results:
            if not r.right:
                print(f"{name} {r.id} {r.question} label={r.label} got={r.got}")
        right = sum(r.right for r in results)
        false_yes = sum(r.false_yes for r in results)
        proposed = [r for r in results if r.proposed]
        proposed_right = sum(r.right for r in proposed)
        proposed_false_yes = sum(r.false_yes for r in proposed)
        print(f"{name}: {right}/{len(results)} right ({right / len(results):.0%}), false yes: {false_yes}; "
              f"proposed to confirm: {len(proposed)}, right {proposed_right}, false yes {proposed_false_yes}")


if __name__ == "__main__":
    main()
