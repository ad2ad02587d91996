"""The interview machine drawn by transitions itself (its Mermaid export):
`python -m flows.diagram > flows/interview.mmd`.

The graph is built from the live machine's own states and transitions (every trigger, every
edge, every guard by name), so the committed diagram cannot stay equal while the machine drifts.
"""

from __future__ import annotations

from typing import Any

from transitions.extensions.diagrams import GraphMachine

from flows.machine import MACHINE


def _edges() -> list[dict[str, Any]]:
    edges: list[dict[str, Any]] = []
    for trigger, event in MACHINE.events.items():
        for source, transitions in event.transitions.items():
            for transition in transitions:
                edges.append({"trigger": trigger, "source": source, "dest": transition.dest,
                              "conditions": [c.func for c in transition.conditions]})
    return edges


def mermaid() -> str:
    graph = GraphMachine(
        states=list(MACHINE.states), transitions=_edges(), initial=MACHINE.initial,
        auto_transitions=False, graph_engine="mermaid", show_conditions=True,
        title="Mega backdoor Roth interview",
    )
    drawn: str = graph.get_graph().draw(None)
    return drawn.rstrip("\n") + "\n"


if __name__ == "__main__":
    print(mermaid(), end="")
