"""The scorecard as a document view: formatted values, status marks and trend charts."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from html import escape

from rmf.diagrams import Diagram
from rmf.markup import Md
from rmf.scorecard import (
    AMBER,
    GREEN,
    MISSING,
    OFF_TARGET,
    ON_TARGET,
    RED,
    Row,
    Scorecard,
    number,
)
from rmf.views import Meta

# A coloured mark reads in Markdown, HTML and print alike, with no styling.
MARKS = {
    RED: "🔴 Red",
    AMBER: "🟠 Amber",
    GREEN: "🟢 Green",
    ON_TARGET: "🟢 On target",
    OFF_TARGET: "🔴 Off target",
    MISSING: "⚪ No data",
}
BAND_COLOURS = {RED: "#f6d5d3", AMBER: "#fbe8c8", GREEN: "#d9efd9"}
WIDTH, HEIGHT, PAD = 360, 130, 28


@dataclass(frozen=True)
class RowView:
    """One indicator's line on the scorecard, ready to print."""

    id: str
    name: str
    period: str
    value: str
    target: str
    thresholds: str
    status: str
    state: str
    change: str
    trend: str
    owner: str
    note: str | None


@dataclass(frozen=True)
class ScorecardView:
    """What the scorecard template receives."""

    meta: Meta
    period: str
    body: str | None
    counts: tuple[tuple[str, int], ...]
    attention: tuple[str, ...]
    rows: tuple[RowView, ...]
    charts: tuple[Diagram, ...]


def _change(row: Row) -> str:
    if row.change is None:
        return "—"
    if row.change == 0:
        return "no change"
    better = (row.change > 0) == (row.direction == "higher-is-better")
    sign = "+" if row.change > 0 else "−"
    shown = number(abs(row.change), row.unit)
    return f"{sign}{shown} ({'better' if better else 'worse'})"


def _row(row: Row) -> RowView:
    limits = (
        f"red {number(row.red, row.unit)} · amber {number(row.amber, row.unit)}"
        if row.red is not None and row.amber is not None
        else "—"
    )
    return RowView(
        id=row.id,
        name=row.name,
        period=row.period,
        value=number(row.value, row.unit),
        target=number(row.target, row.unit),
        thresholds=limits,
        status=MARKS[row.status],
        state=row.status,
        change=_change(row),
        trend=" → ".join(number(p.value, row.unit) for p in row.trend) or "—",
        owner=row.owner,
        note=row.note,
    )


def _quoted(text: str) -> str:
    """Text safe inside a Mermaid double-quoted string."""
    return " ".join(text.replace('"', "'").split())


def _mermaid(row: Row) -> Md:
    periods = ", ".join(f'"{_quoted(p.period)}"' for p in row.trend)
    values = ", ".join(f"{p.value:g}" for p in row.trend)
    target = ", ".join(f"{row.target:g}" for _ in row.trend)
    return Md(
        "xychart-beta\n"
        f'    title "{_quoted(row.name)}"\n'
        f"    x-axis [{periods}]\n"
        f'    y-axis "{row.unit}"\n'
        f"    line [{values}]\n"
        f"    line [{target}]"
    )


def _svg(row: Row) -> str:
    """A small line chart: the values, the target as a dashed line, threshold bands."""
    values = [p.value for p in row.trend]
    limits = [v for v in (row.target, row.red, row.amber) if v is not None]
    low, high = min(values + limits), max(values + limits)
    span = (high - low) or 1.0
    low, high = low - span * 0.1, high + span * 0.1

    def y(v: float) -> float:
        return round(PAD / 2 + (HEIGHT - PAD) * (high - v) / (high - low), 1)

    step = (WIDTH - 2 * PAD) / max(1, len(values) - 1)
    points = [(round(PAD + i * step, 1), y(v)) for i, v in enumerate(values)]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(row.name)}">',
        f"<title>{escape(row.name)}: trend</title>",
    ]
    if row.red is not None and row.amber is not None:
        higher = row.direction == "higher-is-better"
        edges = [high, row.amber, row.red, low] if higher else [low, row.amber, row.red, high]
        states = [GREEN, AMBER, RED]
        for state, (a, b) in zip(states, itertools.pairwise(edges), strict=True):
            top, bottom = sorted((y(a), y(b)))
            parts.append(
                f'<rect x="{PAD}" y="{top}" width="{WIDTH - 2 * PAD}" '
                f'height="{round(bottom - top, 1)}" fill="{BAND_COLOURS[state]}"/>'
            )
    ty = y(row.target)
    parts.append(
        f'<line x1="{PAD}" y1="{ty}" x2="{WIDTH - PAD}" y2="{ty}" stroke="#36546f" '
        'stroke-dasharray="4 3"/>'
    )
    parts.append(
        f'<text x="{WIDTH - PAD + 2}" y="{ty + 3}" font-size="9" fill="#36546f">target</text>'
    )
    line = " ".join(f"{x},{yy}" for x, yy in points)
    parts.append(f'<polyline points="{line}" fill="none" stroke="#1d2733" stroke-width="2"/>')
    for (x, yy), point in zip(points, row.trend, strict=True):
        parts.append(f'<circle cx="{x}" cy="{yy}" r="3" fill="#1d2733"/>')
        parts.append(
            f'<text x="{x}" y="{HEIGHT - 4}" font-size="9" text-anchor="middle" '
            f'fill="#5b6775">{escape(point.period)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def view(card: Scorecard, meta: Meta) -> ScorecardView:
    """The scorecard view; a chart for every indicator with at least two values."""
    states = (RED, AMBER, GREEN, ON_TARGET, OFF_TARGET, MISSING)
    counts = tuple((MARKS[s], card.count(s)) for s in states if card.count(s))
    charts = tuple(
        Diagram(row.name, _mermaid(row), _svg(row)) for row in card.rows if len(row.trend) >= 2
    )
    return ScorecardView(
        meta=meta,
        period=card.period,
        body=card.body,
        counts=counts,
        attention=card.attention,
        rows=tuple(_row(r) for r in card.rows),
        charts=charts,
    )
