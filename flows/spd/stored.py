"""What a conversation keeps about the plan's document (``conv["spd"]``), and its check on loading.

Only proposals waiting for a Yes/No/Not sure and the confirmed answers with their quotes: an SPD
describes a plan, not a person. The document itself is never kept.
"""

from __future__ import annotations

from typing import Any

ORDER = ("after_tax_allowed", "in_plan_conversion", "in_service_withdrawal")


def valid(raw: Any, conv: dict[str, Any]) -> bool:
    """A stored ``conv["spd"]`` as flows/spd/proposals.py writes it."""
    if not isinstance(raw, dict) or not isinstance(raw.get("cited", {}), dict):
        return False
    ask, hr = raw.get("ask", []), raw.get("hr", [])
    return (
        isinstance(ask, list) and all(isinstance(p, dict) and p.get("q") in ORDER for p in ask)
        and isinstance(hr, list) and all(isinstance(h, dict) and h.get("q") in ORDER for h in hr)
        and all(q in ORDER and isinstance(c, dict) for q, c in raw.get("cited", {}).items())
    )
