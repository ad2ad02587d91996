"""PNG chart of the annual additions limit: deferrals, employer, after-tax room, catch-up on top."""

from __future__ import annotations

import io
from typing import Any

COLOURS = ("#4C72B0", "#55A868", "#DD8452", "#8172B2", "#C8C8C8")


def render_chart(result: dict[str, Any]) -> bytes:
    """Headless matplotlib (Figure + Agg, no pyplot): safe in a worker thread."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    b = result["breakdown"]
    parts = [
        ("Your deferrals", float(b["counted_deferrals"])),
        ("Employer", float(b["employer_contributions"])),
        ("After-tax room", float(b["after_tax_room"])),
        ("Catch-up (on top)", float(result["catch_up_limit"] or 0)),
        ("Unused", float(b["unused"])),
    ]
    figure = Figure(figsize=(6.4, 2.6), dpi=110)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(1, 1, 1)
    left = 0.0
    for (label, value), colour in zip(parts, COLOURS, strict=True):
        if value <= 0:
            continue
        axes.barh([0], [value], left=left, color=colour, label=f"{label}: ${value:,.0f}")
        left += value
    limit = float(result["annual_additions_limit"] or 0)
    axes.axvline(limit, color="black", linewidth=1.5, linestyle="--")
    axes.set_yticks([])
    axes.set_xlim(0, max(left, limit) * 1.02 or 1)
    axes.set_title(f"{result['tax_year']} annual additions limit ${limit:,.0f} (415(c))", fontsize=10)
    axes.xaxis.set_major_formatter(lambda x, _pos: f"${x / 1000:,.0f}k")
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize=8, frameon=False)
    figure.subplots_adjust(bottom=0.42, top=0.85, left=0.04, right=0.98)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
