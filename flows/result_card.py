"""What the result's chart and the shareable card say (renderers only draw and send them).

The chart shows how the year's annual additions limit fills up, one bar per part, each with its
amount, and says why when part of it cannot be used. The card is the result as one forwardable
message: verdict, route, the year's room and per paycheck; pay and age only if the user asks.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from flows.engine_input import compute
from flows.facts import Facts
from flows.machine import LAST
from flows.money_words import money
from flows.summary import ROUTE_NAMES, per_paycheck_figure
from rules import InputError
from rules.models import Verdict

BarKind = Literal["deferrals", "employer", "room", "unused", "catch_up"]


@dataclass(frozen=True)
class Bar:
    label: str
    amount: float
    kind: BarKind


@dataclass(frozen=True)
class ChartSpec:
    title: str
    bars: tuple[Bar, ...]
    limit: float
    note: str | None  # why part of the limit cannot be used, in plain words
    caption: str  # the three key figures, under the picture


def chart_spec(result: dict[str, Any]) -> ChartSpec | None:
    """None when there is no annual additions limit to draw (a governmental 457(b))."""
    limit = result["annual_additions_limit"]
    if limit is None:
        return None
    b = result["breakdown"]
    verdict = result["verdict"]
    room_label = "After-tax room" if verdict != Verdict.AFTER_SEPARATION_ONLY.value else \
        "After-tax (Roth when you leave)"
    bars = [
        Bar("Your deferrals", float(b["counted_deferrals"]), "deferrals"),
        Bar("Employer", float(b["employer_contributions"]), "employer"),
        Bar(room_label, float(b["after_tax_room"]), "room"),
    ]
    note = None
    unused = float(b["unused"])
    if unused > 0:
        if verdict == Verdict.NOT_AVAILABLE.value:
            bars.append(Bar("Can't be used", unused, "unused"))
            note = "Your plan takes no after-tax money, so this part stays empty."
        else:
            bars.append(Bar("Left unused", unused, "unused"))
            note = "Your plan caps after-tax contributions below the limit."
    catch_up = float(b["catch_up_deferrals"])
    if catch_up > 0:
        bars.append(Bar("Catch-up (on top)", catch_up, "catch_up"))
    return ChartSpec(title=f"Your {result['tax_year']} limit: {money(limit)}", bars=tuple(bars),
                     limit=float(limit), note=note, caption="\n".join(key_figures(result)))


def key_figures(result: dict[str, Any]) -> list[str]:
    """The three figures that matter: the year's room, per paycheck, and the limit it sits in."""
    lines = [f"After-tax room for {result['tax_year']}: {money(result['after_tax_room'])}"]
    per_paycheck = per_paycheck_figure(result)
    lines.append(f"Per paycheck: {money(per_paycheck)}" if per_paycheck is not None
                 else "Per paycheck: not worked out (pay schedule skipped)")
    if result["annual_additions_limit"] is not None:
        lines.append(f"Limit for you and your employer together: "
                     f"{money(result['annual_additions_limit'])}")
    return lines


def result_fingerprint(result: dict[str, Any]) -> str:
    """A short, stable name for a result's figures: a chart is sent once per distinct result."""
    figures = {k: v for k, v in result.items() if k not in ("warnings", "assumptions", "sources")}
    digest = hashlib.blake2s(json.dumps(figures, sort_keys=True, default=str).encode(), digest_size=6)
    return digest.hexdigest()


def finished_result(conv: dict[str, Any], today: date) -> dict[str, Any] | None:
    """The result of a finished interview (None before the result screen)."""
    if conv.get("state") != LAST:
        return None
    try:
        return compute(Facts(conv["answers"], today))
    except InputError:
        return None


def share_card(conv: dict[str, Any], today: date, *, with_profile: bool = False) -> list[str] | None:
    """The forwardable card: no pay, age or other answer unless ``with_profile``."""
    result = finished_result(conv, today)
    if result is None:
        return None
    year = result["tax_year"]
    verdict = result["verdict"]
    lines = [f"Mega backdoor Roth check, {year}"]
    if verdict == Verdict.AVAILABLE.value:
        lines.append(f"✅ Available, via {ROUTE_NAMES[result['route']]}")
    elif verdict == Verdict.AFTER_SEPARATION_ONLY.value:
        lines.append("🟡 After-tax money allowed; it reaches a Roth only after leaving the employer")
    elif verdict == Verdict.NOT_AVAILABLE.value:
        lines.append("❌ Not available in this plan")
    else:
        lines.append("❓ Not known yet: the plan administrator can tell")
    provisional = " (provisional)" if result["provisional"] else ""
    lines.append(f"After-tax room for {year}: {money(result['after_tax_room'])}{provisional}")
    if per_paycheck_figure(result) is not None and result["after_tax_room"]:
        lines.append(f"Per paycheck: {money(per_paycheck_figure(result))}")
    if with_profile:
        facts = Facts(conv["answers"], today)
        pay = conv["answers"].get("compensation")
        if pay is not None:
            lines.append(f"Based on pay of {money(pay)}, age {facts.age}.")
    return lines
