"""Read a plan document: its three answers, each with the sentences that prove it and their page.

``read_pdf`` and ``read_text`` return a :class:`Reading`; ``Reading.as_json()`` is the CLI's contract
(add fields, never rename). A document that should not be read raises :class:`errors.Refusal`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Literal, get_args

from flows.spd import errors, extract, layout, model, privacy, slots, terms
from flows.spd.rules import CLOSED, GENERAL, NEIGHBOURS, SPECIFIC, Answer, Finding, Question, Window, find
from flows.spd.sentences import Sentence, split

QUESTIONS: tuple[Question, ...] = get_args(Question)
QUOTE_MAX = 260
QUOTES = 1  # the first of the strongest deciding sentences is the proof; a second one often only elaborates
_PRECEDENCE = {"no": 0, "conditional": 1, "yes": 2}


@dataclass(frozen=True)
class Evidence:
    page: int | None
    quote: str

    def as_json(self) -> dict[str, Any]:
        return {"page": self.page, "quote": self.quote}


@dataclass(frozen=True)
class SetAside:
    page: int | None
    quote: str
    why: str

    def as_json(self) -> dict[str, Any]:
        return {"page": self.page, "quote": self.quote, "why": self.why}


@dataclass(frozen=True)
class Proposal:
    """One question's proposed answer."""

    question: Question
    answer: str  # yes | no | conditional | not_stated
    confidence: str  # high | medium | low
    evidence: tuple[Evidence, ...]
    why: str
    details: dict[str, Any] = field(default_factory=dict)
    set_aside: tuple[SetAside, ...] = ()
    rules_answer: str | None = None  # the rules' own answer, when the learned reader changed it

    def as_json(self) -> dict[str, Any]:
        return {
            "answer": self.answer,
            "confidence": self.confidence,
            "evidence": [e.as_json() for e in self.evidence],
            "why": self.why,
            "cap_percent": self.details.get("cap_percent"),
            "per_year": self.details.get("per_year"),
            "suspension_months": self.details.get("suspension_months"),
            "minimum_usd": self.details.get("minimum_usd"),
            **{
                k: v
                for k, v in self.details.items()
                if k not in ("cap_percent", "per_year", "suspension_months", "minimum_usd")
            },
            "set_aside": [s.as_json() for s in self.set_aside],
            **({"rules_answer": self.rules_answer} if self.rules_answer is not None else {}),
        }


@dataclass(frozen=True)
class Reading:
    plan_type: str
    pages: int
    answers: dict[str, Proposal]
    features: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        return {
            "plan_type": self.plan_type,
            "pages": self.pages,
            "answers": {q: p.as_json() for q, p in self.answers.items()},
            "features": self.features,
        }


Learned = Literal["shipped"] | model.Model | None  # the model beside the rules; None: the rules alone


def read_pdf(
    data: bytes, *, time_limit: float = errors.TIME_LIMIT_S, learned: Learned = "shipped"
) -> Reading:
    return _read(extract.pdf_pages(data, time_limit=time_limit), numbered=True, learned=learned)


def read_text(raw: bytes | str, *, learned: Learned = "shipped") -> Reading:
    pages = extract.text_pages(raw)
    return _read(pages, numbered=len(pages) > 1, learned=learned)


def read_file(name: str, data: bytes, *, time_limit: float = errors.TIME_LIMIT_S) -> Reading:
    """A document by its name and bytes: a PDF (by its signature or name) or text."""
    if data.startswith(b"%PDF") or name.lower().endswith(".pdf"):
        return read_pdf(data, time_limit=time_limit)
    if b"\x00" in data[:4096]:
        raise errors.not_a_document()
    return read_text(data)


@dataclass(frozen=True)
class Analysis:
    """What the rules read in a document: its sentences, every finding, and their three answers."""

    sentences: list[Sentence]
    findings: list[Finding]
    answers: dict[str, Proposal]

    @cached_property
    def words(self) -> list[list[str]]:
        """Each sentence's words as the learned reader reads them."""
        return [model.tokens(s.text) for s in self.sentences]


def analyse_text(raw: bytes | str) -> Analysis:
    """The rules' reading of a text alone (the learned reader's input)."""
    pages = extract.text_pages(raw)
    return _analyse(layout.clean_pages(pages), numbered=len(pages) > 1)


def _read(raw_pages: list[str], *, numbered: bool, learned: Learned) -> Reading:
    if layout.only_contents(raw_pages):
        raise errors.contents_only()
    pages = layout.clean_pages(raw_pages)
    if privacy.looks_personal("\n".join(pages[:3])):
        raise errors.pay_stub()
    analysis = _analyse(pages, numbered=numbered)
    answers = analysis.answers
    reader = _learned_reader(learned)
    if reader is not None and reader.active:
        answers = {q: _weighed(q, answers[q], analysis, reader) for q in QUESTIONS}
    full = " ".join(s.text for s in analysis.sentences)
    return Reading(_plan_type(full), len(raw_pages), answers, _features(analysis.sentences))


def _learned_reader(learned: Learned) -> model.Model | None:
    """The model to read with; the shipped one is loaded only when its policy may change an answer."""
    if learned != "shipped":
        return learned
    return model.shipped() if model.shipped_active() else None


def _analyse(pages: list[str], *, numbered: bool) -> Analysis:
    sentences = split(pages, numbered=numbered)
    if not sentences:
        raise errors.empty()
    findings = _without_roth(_findings(sentences), sentences)
    answers: dict[str, Proposal] = {
        q: _propose(q, [f for f in findings if f.question == q], sentences) for q in QUESTIONS
    }
    return Analysis(sentences, findings, _cross_check(answers))


# ---------------------------------------------------------------- the learned reader beside the rules

WINDOW = 2  # sentences on each side of a sentence (on its page) that the learned reader reads with it
_GATE = {"after_tax_allowed": terms.Q1_WORDS, "in_plan_conversion": terms.Q2_WORDS,
         "in_service_withdrawal": terms.Q3_WORDS}
_SAID = {"no": "no", "conditional": "it depends", "not_stated": "not stated"}


def _weighed(question: Question, proposal: Proposal, analysis: Analysis, reader: model.Model) -> Proposal:
    """The rules' proposal, or the learned reader's answer where the policy lets it differ: it may turn a
    yes into another answer when it reads the deciding sentence differently, fill a "not stated" with a no
    or "it depends" it is sure of, never make a yes."""
    findings = [f for f in analysis.findings if f.question == question]
    if proposal.answer == "not_stated":
        best = _best_window(question, analysis, findings, reader, ("no", "conditional"))
        if best is None:
            return proposal
        probabilities = best[1]
    else:
        centre = _deciding_sentence(proposal, findings)
        if centre is None:
            return proposal
        probabilities = _window_probabilities(question, centre, analysis, findings, reader)
    answer = model.combine(proposal.answer, probabilities, reader.policy)
    if answer == proposal.answer:
        return proposal
    if answer == "not_stated":
        return _changed(proposal, answer, None)
    best = _best_window(question, analysis, findings, reader, (answer,))
    if best is None:
        return proposal  # no sentence to prove the model's answer: the rules' answer stands
    return _changed(proposal, answer, analysis.sentences[best[0]])


def _changed(proposal: Proposal, answer: str, quoted: Sentence | None) -> Proposal:
    """The learned reader's answer, quoting the sentence it reads it in most surely; the rules' own quote
    is kept among the sentences set aside."""
    said = _SAID.get(proposal.answer, proposal.answer)
    was = tuple(SetAside(e.page, e.quote, f"the rules read {said} here") for e in proposal.evidence)
    if quoted is None:
        why = f"the learned reader does not read the rules' sentence as a {said}"
        evidence: tuple[Evidence, ...] = ()
    else:
        why = (f"the learned reader, trained on labelled plan passages, reads {_SAID[answer]} in this "
               f"sentence (the rules read {said})")
        evidence = (Evidence(quoted.page, trim(quoted.text)),)
    return Proposal(proposal.question, answer, "low", evidence, why, {}, (was + proposal.set_aside)[:3],
                    rules_answer=proposal.answer)


def _deciding_sentence(proposal: Proposal, findings: list[Finding]) -> int | None:
    quoted = {e.quote for e in proposal.evidence}
    return next((f.sentence.index for f in findings if trim(f.sentence.text) in quoted), None)


def _best_window(question: Question, analysis: Analysis, findings: list[Finding], reader: model.Model,
                 answers: tuple[str, ...]) -> tuple[int, dict[str, float]] | None:
    """The sentence whose window the learned reader gives the highest probability of one of ``answers``."""
    best: tuple[float, int, dict[str, float]] | None = None
    for sentence in analysis.sentences:
        if not any(word in sentence.text.lower() for word in _GATE[question]):
            continue
        probabilities = _window_probabilities(question, sentence.index, analysis, findings, reader)
        p = max(probabilities[a] for a in answers)
        if best is None or p > best[0]:
            best = (p, sentence.index, probabilities)
    return None if best is None else (best[1], best[2])


def _window_probabilities(question: Question, centre: int, analysis: Analysis, findings: list[Finding],
                          reader: model.Model) -> dict[str, float]:
    """The learned reader on a sentence and up to WINDOW sentences each side on its page."""
    sentences = analysis.sentences
    page = sentences[centre].page
    window = [s.index for s in sentences[max(0, centre - WINDOW) : centre + WINDOW + 1] if s.page == page]
    near = [f for f in findings if window[0] <= f.sentence.index <= window[-1]]
    words = [w for i in window for w in analysis.words[i]]
    return reader.read_words(question, words, rules_saw(near))


def rules_saw(findings: list[Finding]) -> model.RulesSaw:
    """The rules' answer from these findings (as ``_propose`` decides it) and each finding's name."""
    return model.RulesSaw(_decided(findings), tuple((f.rule, f.answer, f.strength) for f in findings))


def _decided(findings: list[Finding]) -> str:
    decided = [f for f in findings if f.answer != "aside"]
    if not decided:
        return "not_stated"
    top = max(f.strength for f in decided)
    answers = {f.answer for f in decided if f.strength == top}
    return "conditional" if len(answers) > 1 else answers.pop()


def _findings(sentences: list[Sentence]) -> list[Finding]:
    out: list[Finding] = []
    for i, sentence in enumerate(sentences):
        before = tuple(sentences[max(0, i - NEIGHBOURS) : i])
        out += find(Window(before, sentence, tuple(sentences[i + 1 : i + 1 + NEIGHBOURS])))
    return out


def _without_roth(findings: list[Finding], sentences: list[Sentence]) -> list[Finding]:
    """In a plan that says it has no Roth contributions ("The Plan does not offer a Roth 401(k)"), an
    "after-tax basis" beside pre-tax can only be the non-Roth kind: Roth is the only other after-tax type."""
    no_roth = next((s for s in sentences if _says_no_roth(s.text.lower())), None)
    if no_roth is None:
        return findings
    why = "the plan has no Roth contributions, so its after-tax contributions are non-Roth"
    return [
        replace(f, answer="yes", strength=GENERAL, rule="after_tax_without_roth", why=why)
        if f.rule == "ambiguous_after_tax" and _grants(f.sentence.text.lower())
        else f
        for f in findings
    ]


def _says_no_roth(low: str) -> bool:
    """"The Plan does not offer a Roth 401(k)"; not a refusal to convert, roll over or withdraw Roth money."""
    if "roth" not in low or not terms.NO_ROTH.search(low):
        return False
    return not (terms.CONVERT_VERB.search(low) or terms.ROLL_VERB.search(low) or terms.WITHDRAWAL.search(low))


def _grants(low: str) -> bool:
    return bool(terms.PERMISSION.search(low) or terms.CONTRIBUTE_ACT.search(low))


def _propose(question: Question, findings: list[Finding], sentences: list[Sentence]) -> Proposal:
    decided = [f for f in findings if f.answer != "aside"]
    aside = tuple(
        SetAside(f.sentence.page, trim(f.sentence.text), f.why) for f in findings if f.answer == "aside"
    )
    if not decided:
        return Proposal(question, "not_stated", "low", (), "the document does not say", set_aside=aside[:3])
    top = max(f.strength for f in decided)
    strongest = [f for f in decided if f.strength == top]
    answers = {f.answer for f in strongest}
    answer = min(answers, key=_PRECEDENCE.__getitem__)
    winners = [f for f in strongest if f.answer == answer]
    confidence = _confidence(top, answers, decided, answer)
    if len(answers) > 1:
        answer, why = "conditional", "the document says different things in different places"
    else:
        why = winners[0].why
    losers = tuple(
        SetAside(f.sentence.page, trim(f.sentence.text), f"outweighed: {f.why}")
        for f in decided
        if f.answer != answer
    )
    details = _details(question, winners, sentences)
    evidence = tuple(Evidence(f.sentence.page, trim(f.sentence.text)) for f in winners[:QUOTES])
    return Proposal(question, answer, confidence, evidence, why, details, (aside + losers)[:3])


def _confidence(top: int, answers: set[Answer], decided: list[Finding], answer: str) -> str:
    if len(answers) > 1:
        return "low"
    opposed = any(f.answer != answer and f.strength >= GENERAL for f in decided)
    if top >= SPECIFIC and not opposed:
        return "high"
    if top >= GENERAL:
        return "medium" if not opposed or top >= SPECIFIC else "low"
    return "low"


# A sentence after the deciding one that names another feature's subject speaks of that feature
# ("You may convert … at any time. Withdrawals … once per year.": once a year is the withdrawals').
_OTHER_SUBJECT = {
    "after_tax_allowed": re.compile(r"withdr|distribut|conver", re.I),
    "in_plan_conversion": re.compile(r"withdr|distribut|\bloans?\b", re.I),
    # a withdrawal's suspension of contributions is one of its own details
    "in_service_withdrawal": re.compile(r"conver|\bloans?\b", re.I),
}


def _details(question: Question, winners: list[Finding], sentences: list[Sentence]) -> dict[str, Any]:
    """Details from the deciding sentence and the two after it, up to one that turns to another
    feature."""
    out: dict[str, Any] = {}
    for f in winners:
        out.update(f.slots)
        near = " ".join(_same_subject(question, sentences[f.sentence.index : f.sentence.index + 3]))
        found = (
            slots.contribution_slots(near) if question == "after_tax_allowed" else slots.frequency_slots(near)
        )
        for key, value in found.items():
            out.setdefault(key, value)
    return out


def _same_subject(question: Question, run: list[Sentence]) -> list[str]:
    texts = [run[0].text]
    for sentence in run[1:]:
        if _OTHER_SUBJECT[question].search(sentence.text):
            break
        texts.append(sentence.text)
    return texts


def _cross_check(answers: dict[str, Proposal]) -> dict[str, Proposal]:
    """A conversion limited to amounts that may be withdrawn depends on the withdrawal rules."""
    conversion = answers["in_plan_conversion"]
    if (
        conversion.answer == "yes"
        and conversion.details.get("limited_to_distributable")
        and answers["in_service_withdrawal"].answer == "no"
    ):
        answers["in_plan_conversion"] = Proposal(
            conversion.question,
            "conditional",
            "medium",
            conversion.evidence,
            "conversions are limited to money that may be withdrawn, and the plan limits withdrawals",
            conversion.details,
            conversion.set_aside,
        )
    return answers


def _plan_type(text: str) -> str:
    counts = Counter(m.group(0).lower() for m in re.finditer(r"40[13]\(b\)|401\(k\)|457\(b\)", text, re.I))
    if not counts:
        return "unknown"
    return {"401(k)": "401k", "403(b)": "403b", "457(b)": "457b"}[counts.most_common(1)[0][0]]


def _features(sentences: list[Sentence]) -> dict[str, Any]:
    separate = next((s for s in sentences if slots.SEPARATE_ACCOUNT.search(s.text)), None)
    true_up = next((s for s in sentences if slots.TRUE_UP.search(s.text)), None)
    return {
        "separate_account": _feature(separate),
        "true_up": _feature(true_up),
    }


def _feature(sentence: Sentence | None) -> dict[str, Any] | None:
    return None if sentence is None else {"page": sentence.page, "quote": trim(sentence.text)}


_BULLET = re.compile(r"^(?:[•\u25cf\u25aa\u2022*]|-(?=\s))\s*")  # a list's bullet is not the plan's words


def trim(text: str, limit: int = QUOTE_MAX) -> str:
    """The sentence in the document's words, cut with '…' if long."""
    text = _BULLET.sub("", " ".join(text.split()))
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return f"{cut} …"


__all__ = ["CLOSED", "Proposal", "Reading", "read_file", "read_pdf", "read_text"]
