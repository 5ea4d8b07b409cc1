"""A framework as sheets: structure, roles, relationships, governance, RACI, calendar,
indicators and the latest measurements, with every entity's id so the file can come back."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from rmf.model.framework import Framework
from rmf.render.derive import Lookup, communication_row, human, meta, often, when
from rmf.render.overview import raci_table
from rmf.render.plan import timeline
from rmf.scorecard.measures import Measurement
from rmf.sheets.layout import (
    GOVERNANCE,
    MONTH_COLUMNS,
    NOT_MEMBER,
    RACI,
    RELATIONSHIPS,
    ROLES,
    SEATS,
    UNITS,
    Cell,
    Field,
    column,
)
from rmf.sheets.tables import Sheet, sheet_names


def _names(entities: Iterable[tuple[str, str]]) -> dict[str, str]:
    """How a reference to each id is written: the entity's name, or its id where two
    entities of the section share that name (so that import finds the one meant)."""
    pairs = list(entities)
    seen: dict[str, int] = {}
    for _, name in pairs:
        seen[name.casefold()] = seen.get(name.casefold(), 0) + 1
    return {i: name if seen[name.casefold()] == 1 else i for i, name in pairs}


class _Refs:
    """References written as names, per section."""

    def __init__(self, fw: Framework) -> None:
        self.units = _names((u.id, u.name) for u in fw.units)
        self.roles = _names((r.id, r.title) for r in fw.roles)
        self.bodies = _names((b.id, b.name) for b in fw.governance)
        # a seat by the person in it, or its position number while it is vacant
        self.seats = _names(
            (s.id, s.name or s.position_number or s.id)
            for r in fw.roles
            for s in r.incumbents or []
        )
        # a RACI column names a role or a body: unique across both
        self.parties = _names(
            [*((r.id, r.title) for r in fw.roles), *((b.id, b.name) for b in fw.governance)]
        )

    @staticmethod
    def of(table: dict[str, str], ident: str | None) -> str | None:
        return None if ident is None else table.get(ident, ident)


def _about(fw: Framework) -> Sheet:
    m, shown = fw.framework, meta(fw)
    facts: list[tuple[str, Cell]] = [
        ("Framework", m.name),
        ("Framework id", m.id),
        ("Client", m.client),
        ("Version", m.version),
        ("Status", shown.status),
        ("Effective", when(m.effective)),
        ("Approved", when(m.approved)),
        ("Prepared by", m.prepared_by),
    ]
    columns = (column("fact", "Fact", width=16), column("value", "Value", width=60))
    return Sheet("About", columns, tuple((k, v) for k, v in facts if v is not None))


def _units(fw: Framework, refs: _Refs) -> Sheet:
    rows = tuple(
        (u.id, u.name, human(u.kind), refs.of(refs.units, u.parent), refs.of(refs.roles, u.head),
         u.headcount, u.location, u.description)
        for u in fw.units
    )  # fmt: skip
    return Sheet("Units", UNITS, rows, frozen=2)


def _roles(fw: Framework, refs: _Refs) -> tuple[Sheet, Sheet]:
    rows, seats = [], []
    for r in fw.roles:
        held = r.incumbents or []
        rows.append(
            (r.id, r.title, refs.of(refs.units, r.unit), refs.of(refs.roles, r.reports_to),
             r.positions, r.classification, r.job_family, r.fte, r.location, r.purpose,
             "; ".join(s.position_number for s in held if s.position_number) or None,
             "; ".join(s.name or "Vacant" for s in held) or None)
        )  # fmt: skip
        seats += [(r.id, s.id, s.position_number, s.name, s.fte) for s in held]
    return Sheet("Roles", ROLES, tuple(rows), frozen=2), Sheet("Seats", SEATS, tuple(seats), 2)


def _relationships(fw: Framework, refs: _Refs) -> Sheet:
    rows = []
    for r in fw.relationships:
        m = r.maturity
        rows.append(
            (r.id, refs.of(refs.units, r.unit), refs.of(refs.roles, r.manager),
             refs.of(refs.seats, r.assignee), refs.of(refs.roles, r.backup),
             refs.of(refs.seats, r.backup_assignee),
             refs.of(refs.roles, r.counterpart), human(r.tier) if r.tier else None,
             r.allocation, m.current if m else None, m.target if m else None,
             m.business_view if m else None, often(r.review) if r.review else None)
        )  # fmt: skip
    return Sheet("Relationships", RELATIONSHIPS, tuple(rows), frozen=2)


def _governance(fw: Framework, refs: _Refs) -> Sheet:
    rows: list[tuple[Cell, ...]] = []
    for b in fw.governance:
        officers = {b.chair: "Chair", b.vice_chair: "Vice-chair", b.secretary: "Secretary"}
        for m in b.members:
            rows.append(
                (b.id, b.name, human(b.type), often(b.meets), refs.of(refs.bodies, b.reports_to),
                 refs.of(refs.roles, m.role), officers.get(m.role), m.voting, m.ex_officio,
                 m.seats, m.term)
            )  # fmt: skip
        if b.secretary is not None and b.secretary not in {m.role for m in b.members}:
            rows.append(
                (b.id, b.name, human(b.type), often(b.meets), refs.of(refs.bodies, b.reports_to),
                 refs.of(refs.roles, b.secretary), f"Secretary{NOT_MEMBER}", None, None, None,
                 None)
            )  # fmt: skip
    return Sheet("Governance", GOVERNANCE, tuple(rows), frozen=2)


def _raci(fw: Framework, refs: _Refs, at: Lookup) -> list[Sheet]:
    out = []
    for p in fw.processes:
        table = raci_table(p, at)
        parties = tuple(
            Field(link.id, refs.parties.get(link.id, link.id), width=6) for link in table.roles
        )
        rows = tuple(
            (p.id, p.name, step.id, name, *(c or None for c in cells))
            for step, (name, cells) in zip(p.steps, table.steps, strict=True)
        )
        width = len(RACI)
        out.append(
            Sheet(f"RACI {p.name}", (*RACI, *parties), rows, frozen=width,
                  centred=frozenset(range(width, width + len(parties))), stem=f"raci-{p.id}")
        )  # fmt: skip
    return out


def _calendar(fw: Framework, refs: _Refs, at: Lookup) -> Sheet:
    rows = [communication_row(c, at) for c in fw.communications]
    months = {t.communication.id: t.months for t in timeline(fw.communications, rows)}
    columns = (
        column("id", "Id"), column("name", "Communication"), column("channel", "Channel"),
        column("frequency", "Frequency"), column("owner", "Owner"), column("timing", "Timing"),
        *(column(m.lower(), m, width=5) for m in MONTH_COLUMNS),
    )  # fmt: skip
    cells = []
    for c, row in zip(fw.communications, rows, strict=True):
        ticks = months.get(c.id)
        cells.append(
            (c.id, c.name, row.channel, row.frequency, refs.of(refs.roles, c.owner), c.timing,
             *(("●" if on else None) for on in (ticks or (False,) * 12)))
        )  # fmt: skip
    return Sheet("Calendar", columns, tuple(cells), frozen=2, centred=frozenset(range(6, 18)))


def _indicators(fw: Framework, refs: _Refs) -> Sheet:
    columns = (
        column("id", "Id"), column("name", "Indicator"), column("category", "Category"),
        column("unit", "Unit"), column("direction", "Direction"),
        column("baseline", "Baseline"), column("target", "Target"), column("red", "Red"),
        column("amber", "Amber"), column("frequency", "Frequency"), column("owner", "Owner"),
        column("reported_to", "Reported to"),
        column("by_unit", "By unit"), column("definition", "Definition", width=50),
        column("formula", "Formula", width=40), column("data_source", "Data source", width=30),
    )  # fmt: skip
    rows = tuple(
        (i.id, i.name, human(i.category), human(i.unit), human(i.direction), i.baseline,
         i.target, i.thresholds.red if i.thresholds else None,
         i.thresholds.amber if i.thresholds else None, often(i.frequency),
         refs.of(refs.roles, i.owner),
         "; ".join(refs.of(refs.bodies, b) or b for b in i.reported_to or []) or None,
         i.by_unit, i.definition, i.formula, i.data_source)
        for i in fw.indicators
    )  # fmt: skip
    return Sheet("Indicators", columns, rows, frozen=2)


def _measurements(fw: Framework, data: Path, refs: _Refs) -> Sheet:
    """The latest value of each indicator (and of each business unit, for those measured
    by unit), with its status as the scorecard gives it."""
    from rmf.core.errors import FrameworkError
    from rmf.scorecard.card import met, status
    from rmf.scorecard.measures import load

    measures = load(data, fw)
    if measures.errors:
        raise FrameworkError(measures.findings, source=measures.path)
    latest: dict[tuple[str, str | None], Measurement] = {}
    for item in measures.items:
        key = (item.indicator, item.unit)
        held = latest.get(key)
        if held is None or item.period > held.period:
            latest[key] = item
    indicators = {i.id: i for i in fw.indicators}
    order = {i.id: n for n, i in enumerate(fw.indicators)}
    units = {u.id: n for n, u in enumerate(fw.units)}
    columns = (
        column("indicator_id", "Indicator id"), column("indicator", "Indicator"),
        column("unit", "Business unit"), column("period", "Period"), column("value", "Value"),
        column("target", "Target"), column("status", "Status"), column("met", "On target"),
        column("note", "Note", width=40), column("action", "Action", width=40),
        column("action_owner", "Action owner"), column("action_due", "Action due"),
    )  # fmt: skip
    rows = []
    for (ident, unit), item in sorted(
        latest.items(),
        key=lambda kv: (order[kv[0][0]], -1 if kv[0][1] is None else units[kv[0][1]]),
    ):
        ind = indicators[ident]
        rows.append(
            (ident, ind.name, refs.of(refs.units, unit), item.period.text, item.value,
             ind.target, status(ind, item.value), met(ind, item.value), item.note, item.action,
             refs.of(refs.roles, item.action_owner), when(item.action_due))
        )  # fmt: skip
    return Sheet("Measurements", columns, tuple(rows), frozen=2)


def sheets(fw: Framework, data: Path | None = None) -> list[Sheet]:
    """Every sheet of the framework's workbook, in order; with `data`, the latest
    measurements too (FrameworkError for a measurement file with errors)."""
    at, refs = Lookup(fw), _Refs(fw)
    roles, seats = _roles(fw, refs)
    out = [
        _about(fw),
        _units(fw, refs),
        roles,
        seats,
        _relationships(fw, refs),
        _governance(fw, refs),
        *_raci(fw, refs, at),
        _calendar(fw, refs, at),
        _indicators(fw, refs),
    ]
    if data is not None:
        out.append(_measurements(fw, data, refs))
    names = sheet_names([s.name for s in out])
    return [replace(s, name=n) if n != s.name else s for s, n in zip(out, names, strict=True)]


Format = Literal["xlsx", "csv"]
UNDATED = date(2000, 1, 1)  # the workbook's date when the framework states none


@dataclass(frozen=True)
class Export:
    """What `rmf export` writes: the sheets, and the files (one workbook, or a CSV each)."""

    sheets: list[Sheet]
    files: dict[str, bytes]


def export(
    path: Path, fmt: Format = "xlsx", data: Path | None = None, today: date | None = None
) -> Export:
    """The framework at `path` as a workbook (`files` holds one entry, named after the
    framework) or as CSV files. FrameworkError for a framework or measurement file with
    errors."""
    from rmf.sheets.workbook import csv_files, xlsx
    from rmf.validate.run import load_framework

    fw = load_framework(path, today).framework
    assert fw is not None
    made = sheets(fw, data)
    if fmt == "csv":
        return Export(made, csv_files(made))
    day = fw.framework.approved or fw.framework.effective or UNDATED
    return Export(
        made, {f"{fw.framework.id}.xlsx": xlsx(made, datetime(day.year, day.month, day.day))}
    )
