"""The engagement scorecard: each indicator's measured value against its target, for a period."""

from __future__ import annotations

from dataclasses import dataclass

from rmf.core.errors import UsageError
from rmf.core.findings import Finding, Mark, Severity
from rmf.model.framework import Framework
from rmf.model.practice import Indicator
from rmf.reading.positions import mark_of
from rmf.render.derive import measure
from rmf.scorecard import periods
from rmf.scorecard.measures import Measurement, Measures
from rmf.scorecard.periods import Period
from rmf.validate.schema import Checked

TREND_LENGTH = 6
RED, AMBER, GREEN = "red", "amber", "green"
ON_TARGET, OFF_TARGET, MISSING = "on target", "off target", "missing"


def status(indicator: Indicator, value: float) -> str:
    """Red, amber or green from the thresholds; on or off target without them (format §4)."""
    higher = indicator.direction == "higher-is-better"
    limits = indicator.thresholds
    if limits is None:
        met = value >= indicator.target if higher else value <= indicator.target
        return ON_TARGET if met else OFF_TARGET
    if higher:
        return RED if value < limits.red else AMBER if value < limits.amber else GREEN
    return RED if value > limits.red else AMBER if value > limits.amber else GREEN


@dataclass(frozen=True)
class Point:
    """One measured value in a trend."""

    period: str
    value: float


@dataclass(frozen=True)
class Row:
    """One indicator on the scorecard."""

    id: str
    name: str
    category: str
    unit: str
    direction: str
    frequency: str
    target: float
    red: float | None
    amber: float | None
    owner: str
    period: str
    value: float | None
    status: str
    previous: float | None
    change: float | None
    trend: tuple[Point, ...]
    note: str | None


@dataclass(frozen=True)
class Scorecard:
    """A scorecard for one period, for the whole framework or one body."""

    framework: str
    client: str
    version: str
    period: str
    body_id: str | None
    body: str | None
    rows: tuple[Row, ...]
    attention: tuple[str, ...]
    findings: tuple[Finding, ...]

    def count(self, state: str) -> int:
        return sum(1 for r in self.rows if r.status == state)


def latest_period(measures: Measures) -> Period:
    if not measures.items:
        raise UsageError(f"{measures.path}: no measurements to report on")
    return max(m.period for m in measures.items)


def _row(ind: Indicator, owner: str, report: Period, history: dict[str, Measurement]) -> Row:
    kinds = periods.KINDS[ind.frequency]
    if len(kinds) == 1:
        due = periods.due(kinds[0], report)
        taken = [h for h in history.values() if h.period.end <= report.end]
    else:  # as needed: the latest value reported by the end of the period
        taken = [h for h in history.values() if h.period.end <= report.end]
        due = max((h.period for h in taken), default=report)
    taken.sort(key=lambda h: h.period)
    current = history.get(due.text)
    before = [h for h in taken if h.period < due]
    previous = before[-1].value if before else None
    value = current.value if current else None
    change = round(value - previous, 9) if value is not None and previous is not None else None
    upto = [h for h in taken if h.period <= due][-TREND_LENGTH:]
    return Row(
        id=ind.id,
        name=ind.name,
        category=ind.category,
        unit=ind.unit,
        direction=ind.direction,
        frequency=ind.frequency,
        target=ind.target,
        red=ind.thresholds.red if ind.thresholds else None,
        amber=ind.thresholds.amber if ind.thresholds else None,
        owner=owner,
        period=due.text,
        value=value,
        status=status(ind, value) if value is not None else MISSING,
        previous=previous,
        change=change,
        trend=tuple(Point(h.period.text, h.value) for h in upto),
        note=current.note if current else None,
    )


def build(
    checked: Checked,
    measures: Measures,
    period: str | None = None,
    body: str | None = None,
) -> Scorecard:
    """The scorecard for `period` (default: the latest measured), limited to `body` if given."""
    fw: Framework | None = checked.framework
    assert fw is not None
    bodies = {b.id: b for b in fw.governance}
    if body is not None and body not in bodies:
        raise UsageError(f"--body: `{body}` is not a governance body of the framework")
    report = periods.parse(period) if period else latest_period(measures)
    if report is None:
        raise UsageError(f"--period: `{period}` is not a period such as 2026-Q3, 2026-09 or 2026")
    titles = {r.id: r.title for r in fw.roles}
    by_indicator: dict[str, dict[str, Measurement]] = {}
    for item in measures.items:
        if item.unit is None:  # the overall value; values by unit are the units' own
            by_indicator.setdefault(item.indicator, {})[item.period.text] = item
    rows, findings, attention = [], [], []
    for ind in fw.indicators:
        if body is not None and body not in (ind.reported_to or []):
            continue
        row = _row(ind, titles.get(ind.owner, ind.owner), report, by_indicator.get(ind.id, {}))
        rows.append(row)
        if row.status == MISSING:
            findings.append(
                Finding.at(
                    _mark(checked, ind),
                    "missing-measurement",
                    f"`{ind.id}` has no value for {row.period}, which is due by the end of "
                    f"{report}",
                    Severity.WARNING,
                    ind.id,
                )
            )
            attention.append(f"{ind.name}: no value for {row.period} (owner: {row.owner})")
        elif row.status in (RED, OFF_TARGET):
            attention.append(
                f"{ind.name} is {row.status} at {number(row.value, ind.unit)} against a "
                f"target of {number(ind.target, ind.unit)} (owner: {row.owner})"
            )
    meta = fw.framework
    chosen = bodies.get(body) if body else None
    return Scorecard(
        framework=meta.name,
        client=meta.client,
        version=meta.version,
        period=report.text,
        body_id=body,
        body=chosen.name if chosen else None,
        rows=tuple(rows),
        attention=tuple(attention),
        findings=tuple(findings),
    )


def _mark(checked: Checked, ind: Indicator) -> Mark:
    return mark_of(checked.source.pos, checked.path(ind))


def number(value: float | None, unit: str) -> str:
    """A value in its unit, as every document writes it; a dash for none."""
    return "—" if value is None else measure(value, unit)
