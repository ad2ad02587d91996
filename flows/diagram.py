"""The interview machine drawn by transitions itself (its Mermaid export):
`python -m flows.diagram > flows/interview.mmd`.

The graph is built from the live machine's own states and transitions (every trigger, every
edge, every guard by name), so the committed diagram cannot stay equal while the machine drifts.
Each stage's box lists its questions in the order they are asked, each with the named condition
(flows/conditions.py) under which it is asked.
"""

from __future__ import annotations

from typing import Any

from transitions.extensions.diagrams import GraphMachine
from transitions.extensions.states import Tags, add_state_features

from flows.machine import MACHINE, STAGE_QUESTIONS
from flows.questions import Question


def _rule(question: Question) -> str:
    condition = question.applies.__name__
    return question.id if condition == "always" else f"{question.id} if {condition}"


def _states() -> list[dict[str, Any]]:
    states: list[dict[str, Any]] = []
    for name in MACHINE.states:
        asks = STAGE_QUESTIONS.get(name, ())
        states.append({"name": name, "tags": [_rule(q) for q in asks]} if asks else {"name": name})
    return states


def _edges() -> list[dict[str, Any]]:
    edges: list[dict[str, Any]] = []
    for trigger, event in MACHINE.events.items():
        for source, transitions in event.transitions.items():
            for transition in transitions:
                edges.append({"trigger": trigger, "source": source, "dest": transition.dest,
                              "conditions": [c.func for c in transition.conditions]})
    return edges


@add_state_features(Tags)
class _TaggedGraph(GraphMachine):
    """transitions' Mermaid export, its states carrying tags (here: the questions they ask)."""


def mermaid() -> str:
    graph = _TaggedGraph(
        states=_states(), transitions=_edges(), initial=MACHINE.initial,
        auto_transitions=False, graph_engine="mermaid", show_conditions=True,
        show_state_attributes=True, title="Mega backdoor Roth interview",
    )
    drawn: str = graph.get_graph().draw(None)
    return drawn.rstrip("\n") + "\n"


if __name__ == "__main__":
    print(mermaid(), end="")
