"""Trend charts of the scorecard, drawn once with matplotlib: SVG for HTML, PNG for Word."""

from __future__ import annotations

import io
import itertools
from typing import Any

from rmf.render.diagrams import CHART_SETTINGS
from rmf.render.markup import STATUS_SHADES
from rmf.scorecard.card import AMBER, GREEN, OFF_TARGET, ON_TARGET, RED, Row

# the shades of status cells in HTML and Word
BANDS = {state: f"#{STATUS_SHADES[state]}" for state in (RED, AMBER, GREEN)}
SHADE = {ON_TARGET: GREEN, OFF_TARGET: RED}  # without thresholds
INK, TARGET, MUTED = "#1d2733", "#36546f", "#5b6775"


def _figure(row: Row) -> Any:
    from matplotlib.figure import Figure

    values = [p.value for p in row.trend]
    limits = [v for v in (row.target, row.red, row.amber) if v is not None]
    low, high = min(values + limits), max(values + limits)
    pad = ((high - low) or 1.0) * 0.15
    low, high = low - pad, high + pad
    figure = Figure(figsize=(4.8, 1.7), dpi=150, layout="constrained")
    axes = figure.add_subplot()
    axes.set_ylim(low, high)
    if row.red is not None and row.amber is not None:
        higher = row.direction == "higher-is-better"
        edges = [high, row.amber, row.red, low] if higher else [low, row.amber, row.red, high]
        for state, (a, b) in zip((GREEN, AMBER, RED), itertools.pairwise(edges), strict=True):
            axes.axhspan(min(a, b), max(a, b), color=BANDS[state], linewidth=0)
    labels = [p.period for p in row.trend]
    axes.axhline(row.target, color=TARGET, linestyle="--", linewidth=1, label="target")
    axes.plot(labels, values, color=INK, marker="o", linewidth=2, markersize=4, label=row.unit)
    # beside the plot, never over the target line or a value
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)
    axes.tick_params(colors=MUTED, labelsize=7)
    return figure


def _units_figure(row: Row) -> Any:
    from matplotlib.figure import Figure

    names = [u.unit for u in row.by_unit]
    values = [u.value for u in row.by_unit]
    figure = Figure(figsize=(3.2, 0.45 + 0.28 * len(names)), dpi=150, layout="constrained")
    axes = figure.add_subplot()
    shades = [BANDS.get(SHADE.get(u.status, u.status), "#e4e7eb") for u in row.by_unit]
    positions = list(range(len(names)))[::-1]  # the first unit at the top
    axes.barh(positions, values, color=shades, edgecolor=INK, linewidth=0.6)
    axes.set_yticks(positions, [n if len(n) <= 28 else n[:27] + "…" for n in names])
    axes.axvline(row.target, color=TARGET, linestyle="--", linewidth=1)
    figure.suptitle(row.name, fontsize=8, x=0.02, ha="left")  # the whole width: never cut
    axes.tick_params(colors=MUTED, labelsize=6.5)
    return figure


def by_unit_chart(row: Row) -> tuple[str, bytes]:
    """A small chart of one indicator's values by business unit: a bar per unit shaded
    by its status, the target as a dashed line. Returns (SVG text, PNG bytes)."""
    return _drawn(_units_figure, row)


def trend(row: Row) -> tuple[str, bytes]:
    """The chart of one indicator's trend: its values, the target as a dashed line, and
    red, amber and green bands from its thresholds. Returns (SVG text, PNG bytes)."""
    return _drawn(_figure, row)


def _drawn(draw: Any, row: Row) -> tuple[str, bytes]:
    import matplotlib

    with matplotlib.rc_context(CHART_SETTINGS):  # type: ignore[arg-type]
        figure = draw(row)
        svg, png = io.BytesIO(), io.BytesIO()
        figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        figure.savefig(png, format="png", metadata={"Software": None})
    text = svg.getvalue().decode("utf-8")
    # inline in HTML: from the <svg> element on, without the XML prolog and doctype
    return text[text.index("<svg") :], png.getvalue()
