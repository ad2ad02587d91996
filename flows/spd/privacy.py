"""Pay stubs and account statements are about a person, not a plan: they are recognised and not read."""

from __future__ import annotations

import re

SSN = re.compile(r"\b\d{3}-\d{2}-\d{4}\b|\bXXX-XX-\d{4}\b|\*{3}-\*{2}-\d{4}", re.I)
SIGNALS = (
    re.compile(r"\bnet pay\b", re.I),
    re.compile(r"\bytd\b|\byear[\s-]to[\s-]date\b", re.I),
    re.compile(r"\bgross pay\b", re.I),
    re.compile(r"\bpay (?:date|period ending)\b|\bcheck date\b", re.I),
    re.compile(r"\b(?:account|acct)\.?\s*(?:no\.?|number|#)\s*:?\s*[\dX*]{3,}[\d-]*", re.I),
    re.compile(r"\b(?:beginning|ending|opening|closing) balance\b", re.I),
    re.compile(r"\bstatement (?:period|date)\b", re.I),
)


def looks_personal(text: str) -> bool:
    """An SSN, or two kinds of pay-stub/statement wording, in the first pages."""
    if SSN.search(text):
        return True
    return sum(1 for signal in SIGNALS if signal.search(text)) >= 2
