"""The scorecard as a document view: formatted values, status marks, target met or missed,
corrective actions, an executive summary, values by unit, and trend charts."""

from __future__ import annotations

from dataclasses import dataclass

from rmf.render.derive import measure, number
from rmf.render.diagrams import Diagram
from rmf.render.markup import STATUS_SHAPES, Md
from rmf.render.views import Fact, Meta
from rmf.scorecard.card import (
    AMBER,
    GREEN,
    MISSING,
    OFF_TARGET,
    ON_TARGET,
    RED,
    Row,
    Scorecard,
)
from rmf.scorecard.charts import by_unit_chart, trend
from rmf.scorecard.paper import Paper

# A shape and a word per status: they survive black-and-white printing and an office suite
# without an emoji font. HTML and Word also shade a cell that opens with one of the shapes.
RED_, AMBER_, GREEN_, NONE_ = (STATUS_SHAPES[k] for k in ("red", "amber", "green", "none"))
MARKS = {
    RED: f"{RED_} Red",
    AMBER: f"{AMBER_} Amber",
    GREEN: f"{GREEN_} Green",
    ON_TARGET: f"{GREEN_} On target",
    OFF_TARGET: f"{RED_} Off target",
    MISSING: f"{NONE_} No data",
}
STATES = (RED, AMBER, GREEN, ON_TARGET, OFF_TARGET, MISSING)


@dataclass(frozen=True)
class RowView:
    """One indicator's line on the scorecard, ready to print."""

    id: str
    name: str
    period: str  # the value's period, marked when it is older than the card's
    value: str
    target: str
    thresholds: str
    status: str
    state: str
    target_met: str  # "Yes", or how far short of it
    change: str
    trend: str
    owner: str
    note: str | None
    action: str | None  # the corrective action, its owner and due date
    stale: bool
    of: str  # the value's period as it is


@dataclass(frozen=True)
class UnitTable:
    """The `by_unit` indicators side by side: a row per business unit."""

    indicators: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]


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
    on_target: int = 0
    summary: tuple[str, ...] = ()  # the executive summary, written from the data
    actions: tuple[RowView, ...] = ()  # red and amber rows, with their corrective actions
    units: UnitTable | None = None
    unit_charts: tuple[Diagram, ...] = ()
    unit: str | None = None  # the card of one business unit
    paper: tuple[Fact, ...] = ()  # the board paper's cover block


class Shown:
    """Values of one indicator as people write them: `81%`, `11 days`, `$2,500`, `3.7 / 5`,
    a change of percentages in points."""

    def __init__(self, row: Row, currency: str) -> None:
        self.row, self.currency = row, currency

    def value(self, value: float | None) -> str:
        if value is None:
            return "—"
        text = measure(value, self.row.unit, self.currency)
        return f"{text} / {self.row.scale}" if self.row.scale else text

    def amount(self, value: float) -> str:
        """A difference: points for percentages, the unit otherwise."""
        if self.row.unit == "percent":
            return f"{number(value)} pt{'s' if value != 1 else ''}"
        return measure(value, self.row.unit, self.currency)

    def better(self) -> bool | None:
        """Whether the change since the period before is for the better; None for none."""
        change = self.row.change
        if not change:
            return None
        return (change > 0) == (self.row.direction == "higher-is-better")

    def moved(self) -> str:
        """The change, signed: `+7 pts`, `−2 days`."""
        change = self.row.change or 0.0
        return f"{'+' if change > 0 else '−'}{self.amount(abs(change))}"

    def change(self) -> str:
        if self.row.change is None:
            return "—"
        better = self.better()
        if better is None:
            return "no change"
        return f"{self.moved()} ({'better' if better else 'worse'})"

    def target_met(self) -> str:
        row = self.row
        if row.met is None or row.gap is None:
            return "—"
        if row.met:
            return "Yes"
        short = "short" if row.direction == "higher-is-better" else "over"
        return f"No: {self.amount(abs(row.gap))} {short}"


def _row(row: Row, currency: str) -> RowView:
    shown = Shown(row, currency)
    limits = (
        f"red {shown.value(row.red)} · amber {shown.value(row.amber)}"
        if row.red is not None and row.amber is not None
        else "—"
    )
    action = None
    if row.action is not None:
        extra = [
            x for x in (row.action.owner, f"by {row.action.due}" if row.action.due else None) if x
        ]
        action = row.action.text + (f" ({', '.join(extra)})" if extra else "")
    note = row.note
    if row.value is None and row.last is not None:
        last = f"the latest value is {shown.value(row.last.value)} for {row.last.period}"
        note = f"{note} ({last})" if note else last[0].upper() + last[1:] + "."
    return RowView(
        id=row.id,
        name=row.name,
        period=f"{row.period} (stale)" if row.stale else row.period,
        value=shown.value(row.value),
        target=shown.value(row.target),
        thresholds=limits,
        status=MARKS[row.status],
        state=row.status,
        target_met=shown.target_met(),
        change=shown.change(),
        trend=" → ".join(shown.value(p.value) for p in row.trend) or "—",
        owner=row.owner,
        note=note,
        action=action,
        stale=row.stale,
        of=row.period,
    )


def _quoted(text: str) -> str:
    """Text safe inside a Mermaid double-quoted string."""
    return " ".join(text.replace('"', "'").split())


def _xychart(title: str, labels: list[str], values: list[float], target: float, kind: str) -> Md:
    """A Mermaid xychart of values by label (`line` or `bar`), the target as a line."""
    names = ", ".join('"' + _quoted(x) + '"' for x in labels)
    numbers = ", ".join(f"{v:g}" for v in values)
    targets = ", ".join(f"{target:g}" for _ in values)
    return Md(
        "xychart-beta\n"
        f'    title "{_quoted(title)}"\n'
        f"    x-axis [{names}]\n"
        f"    {kind} [{numbers}]\n"
        f"    line [{targets}]"
    )


def _mermaid(row: Row) -> Md:
    labels, values = [p.period for p in row.trend], [p.value for p in row.trend]
    chart = _xychart(row.name, labels, values, row.target, "line")
    # the unit names the y axis
    head, rest = chart.split("\n    line", 1)
    return Md(f'{head}\n    y-axis "{row.unit}"\n    line{rest}')


def _summary(card: Scorecard) -> tuple[str, ...]:
    """The executive summary: where the indicators stand, what improved, what worsened,
    and what needs a decision."""
    if not card.rows:
        return ()
    states = [
        f"{card.count(s)} {MARKS[s].split(' ', 1)[1].lower()}" for s in STATES if card.count(s)
    ]
    many = len(card.rows) != 1
    verb = "are" if card.on_target != 1 else "is"
    out = [
        f"{card.on_target} of {len(card.rows)} indicator{'s' if many else ''} {verb} on "
        f"target ({', '.join(states)})."
    ]
    shown = [(r, Shown(r, card.currency)) for r in card.rows]
    better = [(r, s) for r, s in shown if s.better() is True]
    worse = [(r, s) for r, s in shown if s.better() is False]

    def moves(items: list[tuple[Row, Shown]]) -> str:
        return "; ".join(f"{r.name} ({s.moved()} to {s.value(r.value)})" for r, s in items)

    if better:
        out.append(f"Improved since the period before: {moves(better)}.")
    if worse:
        out.append(f"Worsened: {moves(worse)}.")
    undecided = [r.name for r in card.rows if r.status in (RED, OFF_TARGET) and r.action is None]
    if undecided:
        out.append(
            "For decision: no corrective action is recorded for " + "; ".join(undecided) + "."
        )
    stale = [f"{r.name} ({r.period})" for r in card.rows if r.stale]
    if stale:
        out.append(f"Values from an earlier period than {card.period}: {'; '.join(stale)}.")
    return tuple(out)


def _units(card: Scorecard) -> tuple[UnitTable | None, tuple[Diagram, ...]]:
    """The indicators measured by unit, a row per unit, and a small chart of each."""
    measured = [r for r in card.rows if r.by_unit]
    if not measured or card.unit_id is not None:
        return None, ()
    names = list(dict.fromkeys((u.unit_id, u.unit) for r in measured for u in r.by_unit))
    cells = []
    for unit_id, name in names:
        line = []
        for r in measured:
            hit = next((u for u in r.by_unit if u.unit_id == unit_id), None)
            mark = MARKS[hit.status].split(" ")[0] if hit else ""
            line.append(f"{mark} {Shown(r, card.currency).value(hit.value)}" if hit else "—")
        cells.append((name, tuple(line)))
    table = UnitTable(tuple(r.name for r in measured), tuple(cells))
    charts = tuple(
        Diagram(f"{r.name} by business unit", _mermaid_units(r), *by_unit_chart(r))
        for r in measured
    )
    return table, charts


def _mermaid_units(row: Row) -> Md:
    labels, values = [u.unit for u in row.by_unit], [u.value for u in row.by_unit]
    return _xychart(f"{row.name} by business unit", labels, values, row.target, "bar")


def view(card: Scorecard, meta: Meta, paper: Paper | None = None) -> ScorecardView:
    """The scorecard view; a chart for every indicator with at least two values."""
    counts = tuple((MARKS[s], card.count(s)) for s in STATES if card.count(s))
    charts = tuple(
        Diagram(row.name, _mermaid(row), *trend(row)) for row in card.rows if len(row.trend) >= 2
    )
    rows = tuple(_row(r, card.currency) for r in card.rows)
    units, unit_charts = _units(card)
    return ScorecardView(
        meta=meta,
        period=card.period,
        body=card.body,
        counts=counts,
        attention=card.attention,
        rows=rows,
        charts=charts,
        on_target=card.on_target,
        summary=_summary(card),
        actions=tuple(v for v in rows if v.state in (RED, AMBER, OFF_TARGET)),
        units=units,
        unit_charts=unit_charts,
        unit=card.unit,
        paper=paper.facts() if paper is not None else (),
    )
