"""Mermaid diagram of the interview machine: `python -m flows.diagram > flows/interview.mmd`.

Only the edges a real interview can take are drawn: from each question to the next one, and
past questions whose condition can be false (a skip), labelled with the skipped questions.
"""

from __future__ import annotations

from flows.machine import REVIEW
from flows.questions import QUESTIONS, Question, _always


def _can_be_skipped(question: Question) -> bool:
    return question.applies is not _always and question.id != QUESTIONS[-1].id


def mermaid() -> str:
    lines = ["stateDiagram-v2", f"    [*] --> {QUESTIONS[0].id}"]
    for index, source in enumerate(QUESTIONS[:-1]):
        skipped: list[str] = []
        for target in QUESTIONS[index + 1:]:
            label = f" : skip {', '.join(skipped)}" if skipped else ""
            lines.append(f"    {source.id} --> {target.id}{label}")
            if not _can_be_skipped(target):
                break
            skipped.append(target.id)
    lines.append(f"    {QUESTIONS[-1].id} --> {REVIEW} : review")
    lines.append(f"    {REVIEW} --> {QUESTIONS[-1].id} : done (first open question, else result)")
    lines.append(f"    {QUESTIONS[-1].id} --> [*]")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(mermaid(), end="")
