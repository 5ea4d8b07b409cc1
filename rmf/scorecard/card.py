"""The engagement scorecard: each indicator's measured value against its target, for a period."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rmf.core.errors import UsageError
from rmf.core.findings import Finding, Mark, Severity
from rmf.model import periods
from rmf.model.framework import Framework
from rmf.model.periods import Period
from rmf.model.practice import Indicator
from rmf.reading.positions import mark_of
from rmf.render.derive import measure
from rmf.scorecard.measures import Measurement, Measures
from rmf.validate.schema import Checked

TREND_LENGTH = 6
RED, AMBER, GREEN = "red", "amber", "green"
ON_TARGET, OFF_TARGET, MISSING = "on target", "off target", "missing"


def status(indicator: Indicator, value: float) -> str:
    """Red, amber or green from the thresholds; on or off target without them (format §4)."""
    higher = indicator.direction == "higher-is-better"
    limits = indicator.thresholds
    if limits is None:
        return ON_TARGET if met(indicator, value) else OFF_TARGET
    if higher:
        return RED if value < limits.red else AMBER if value < limits.amber else GREEN
    return RED if value > limits.red else AMBER if value > limits.amber else GREEN


def met(indicator: Indicator, value: float) -> bool:
    """Whether a value is on target: at or better than the target, in the indicator's
    direction. A green value may still be short of it."""
    if indicator.direction == "higher-is-better":
        return value >= indicator.target
    return value <= indicator.target


def scale(indicator: Indicator) -> int | None:
    """The top of a score's scale, where its definition states one ("on a 1 to 5
    scale", "out of 10"), for showing `3.7 / 5`."""
    if indicator.unit != "score":
        return None
    found = _SCALE.search(indicator.definition)
    return int(found.group(1) or found.group(2)) if found else None


_SCALE = re.compile(r"\b[01]\s*(?:to|-|–)\s*(\d+)\b|\bout of (\d+)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Action:
    """The corrective action a measurement gives for its value."""

    text: str
    owner: str | None  # the owner role's title
    due: str | None


@dataclass(frozen=True)
class UnitValue:
    """A `by_unit` indicator's value for one business unit."""

    unit_id: str
    unit: str
    value: float
    status: str
    met: bool


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
    met: bool | None = None  # on target; None without a value
    gap: float | None = None  # value − target
    stale: bool = False  # the value is of a period before the card's
    scale: int | None = None  # the top of a score's scale
    action: Action | None = None
    last: Point | None = None  # the latest value there is, when the due one is missing
    by_unit: tuple[UnitValue, ...] = ()


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
    currency: str = "$"
    unit_id: str | None = None  # the card of one business unit
    unit: str | None = None

    def count(self, state: str) -> int:
        return sum(1 for r in self.rows if r.status == state)

    @property
    def on_target(self) -> int:
        return sum(1 for r in self.rows if r.met)


def latest_period(measures: Measures) -> Period:
    if not measures.items:
        raise UsageError(f"{measures.path}: no measurements to report on")
    return max(m.period for m in measures.items)


def _row(
    ind: Indicator,
    report: Period,
    history: dict[str, Measurement],
    titles: dict[str, str],
    units: dict[str, dict[str, Measurement]] | None = None,
    names: dict[str, str] | None = None,
) -> Row:
    """One indicator's line: the value due by the end of the report's period, and what
    it means against the target; `units` are its values by business unit."""
    kinds = periods.KINDS[ind.frequency]
    taken = sorted(
        (h for h in history.values() if h.period.end <= report.end), key=lambda h: h.period
    )
    if kinds == periods.ANY:  # as needed: the latest value reported by the period's end
        due = max((h.period for h in taken), default=report)
    else:  # in the kind of period its latest value is written in (weekly: month or week)
        kind = next((h.period.kind for h in reversed(taken) if h.period.kind in kinds), kinds[0])
        due = periods.due(kind, report)
        taken = [h for h in taken if h.period.kind == kind]  # a week is no month's neighbour
    current = history.get(due.text)
    before = [h for h in taken if h.period < due]
    previous = before[-1].value if before else None
    value = current.value if current else None
    change = round(value - previous, 9) if value is not None and previous is not None else None
    upto = [h for h in taken if h.period <= due][-TREND_LENGTH:]
    action = None
    if current is not None and current.action:
        owner = current.action_owner
        due_by = current.action_due.isoformat() if current.action_due else None
        action = Action(current.action, titles.get(owner, owner) if owner else None, due_by)
    by_unit = []
    for unit_id, values in (units or {}).items():
        here = values.get(due.text)
        if here is not None:
            name = (names or {}).get(unit_id, unit_id)
            kept = UnitValue(
                unit_id, name, here.value, status(ind, here.value), met(ind, here.value)
            )
            by_unit.append(kept)
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
        owner=titles.get(ind.owner, ind.owner),
        period=due.text,
        value=value,
        status=status(ind, value) if value is not None else MISSING,
        previous=previous,
        change=change,
        trend=tuple(Point(h.period.text, h.value) for h in upto),
        note=current.note if current else None,
        met=met(ind, value) if value is not None else None,
        gap=round(value - ind.target, 9) if value is not None else None,
        stale=value is not None and due.end < report.start,
        scale=scale(ind),
        action=action,
        last=Point(taken[-1].period.text, taken[-1].value) if value is None and taken else None,
        by_unit=tuple(by_unit),
    )


def build(
    checked: Checked,
    measures: Measures,
    period: str | None = None,
    body: str | None = None,
    unit: str | None = None,
) -> Scorecard:
    """The scorecard for `period` (default: the latest measured), limited to `body` if
    given; with `unit`, the card of one business unit: its values of the indicators
    measured `by_unit`."""
    fw: Framework | None = checked.framework
    assert fw is not None
    bodies = {b.id: b for b in fw.governance}
    names = {u.id: u.name for u in fw.units}
    if body is not None and body not in bodies:
        raise UsageError(f"--body: `{body}` is not a governance body of the framework")
    if unit is not None and unit not in names:
        raise UsageError(f"--unit: `{unit}` is not a unit of the framework")
    report = periods.parse(period) if period else latest_period(measures)
    if report is None:
        raise UsageError(f"--period: `{period}` is not a period such as 2026-Q3, 2026-09 or 2026")
    titles = {r.id: r.title for r in fw.roles}
    settings = fw.documents
    currency = (settings.currency if settings else None) or "$"
    overall: dict[str, dict[str, Measurement]] = {}
    by_unit: dict[str, dict[str, dict[str, Measurement]]] = {}
    for item in measures.items:
        if item.unit is None:  # the overall value; values by unit are the units' own
            overall.setdefault(item.indicator, {})[item.period.text] = item
        else:
            per = by_unit.setdefault(item.indicator, {}).setdefault(item.unit, {})
            per[item.period.text] = item
    rows, findings, attention = [], [], []
    for ind in fw.indicators:
        if body is not None and body not in (ind.reported_to or []):
            continue
        if unit is not None and not ind.by_unit:
            continue
        if unit is not None:
            history = by_unit.get(ind.id, {}).get(unit, {})
            row = _row(ind, report, history, titles)
        else:
            units = by_unit.get(ind.id, {}) if ind.by_unit else None
            row = _row(ind, report, overall.get(ind.id, {}), titles, units, names)
        rows.append(row)
        if row.status == MISSING:
            findings.append(
                Finding.at(
                    _mark(checked, ind),
                    "missing-measurement",
                    f"`{ind.id}` has no value for {row.period}"
                    + (f" for `{unit}`" if unit else "")
                    + f", which is due by the end of {report}",
                    Severity.WARNING,
                    ind.id,
                )
            )
            attention.append(f"{ind.name}: no value for {row.period} (owner: {row.owner})")
        elif row.status in (RED, OFF_TARGET):
            shown = (
                f"{number(row.value, ind.unit, currency)} against a target of "
                f"{number(ind.target, ind.unit, currency)}"
            )
            if row.action is None:
                attention.append(
                    f"{ind.name} is {row.status} at {shown}, with no corrective action "
                    f"(owner: {row.owner})"
                )
            else:
                attention.append(f"{ind.name} is {row.status} at {shown} (owner: {row.owner})")
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
        currency=currency,
        unit_id=unit,
        unit=names.get(unit) if unit else None,
    )


def _mark(checked: Checked, ind: Indicator) -> Mark:
    return mark_of(checked.source.pos, checked.path(ind))


def number(value: float | None, unit: str, currency: str = "$") -> str:
    """A value in its unit, as every document writes it; a dash for none."""
    return "—" if value is None else measure(value, unit, currency)
