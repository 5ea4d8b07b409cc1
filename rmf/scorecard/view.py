"""The scorecard as a document view: formatted values, status marks and trend charts."""

from __future__ import annotations

from dataclasses import dataclass

from rmf.render.diagrams import Diagram
from rmf.render.markup import Md
from rmf.render.views import Meta
from rmf.scorecard.card import (
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
from rmf.scorecard.charts import trend

# A coloured mark reads in Markdown, HTML and print alike, with no styling.
MARKS = {
    RED: "🔴 Red",
    AMBER: "🟠 Amber",
    GREEN: "🟢 Green",
    ON_TARGET: "🟢 On target",
    OFF_TARGET: "🔴 Off target",
    MISSING: "⚪ No data",
}


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


def view(card: Scorecard, meta: Meta) -> ScorecardView:
    """The scorecard view; a chart for every indicator with at least two values."""
    states = (RED, AMBER, GREEN, ON_TARGET, OFF_TARGET, MISSING)
    counts = tuple((MARKS[s], card.count(s)) for s in states if card.count(s))
    charts = tuple(
        Diagram(row.name, _mermaid(row), *trend(row)) for row in card.rows if len(row.trend) >= 2
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
