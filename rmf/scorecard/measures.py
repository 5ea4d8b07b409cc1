"""Measured indicator values from CSV or YAML, checked against the framework, located."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from rmf.core.files import FileProblem, read_regular
from rmf.core.findings import Finding, Mark, Severity
from rmf.core.suggest import Suggester
from rmf.model import periods
from rmf.model.framework import Framework
from rmf.model.periods import Period
from rmf.model.practice import Indicator
from rmf.model.types import MAX_NUMBER, NUMBER_RANGE
from rmf.reading.positions import Pos
from rmf.reading.reader import MAX_FILE_BYTES, YamlProblem, decode, read_text

MAX_TEXT = 2000  # characters of a note or an action: a few sentences
COLUMNS = ("indicator", "period", "value", "note", "unit", "action", "action_owner", "action_due")
REQUIRED = COLUMNS[:3]
# the columns that name an id of the framework, and the section it belongs to
REFERENCES = {"indicator": "indicators", "unit": "units", "action_owner": "roles"}
HEADER = "`indicator,period,value[,note,unit,action,action_owner,action_due]`"


@dataclass(frozen=True)
class Measurement:
    """One measured value of one indicator for one period."""

    indicator: str
    period: Period
    value: float
    note: str | None
    mark: Mark
    unit: str | None = None  # a business unit, for an indicator measured `by_unit`
    action: str | None = None  # the corrective action, its owner (a role) and due date
    action_owner: str | None = None
    action_due: date | None = None


@dataclass
class Measures:
    """What a measurement file holds, and what is wrong with it."""

    path: str
    items: list[Measurement]
    findings: list[Finding]

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)


@dataclass(frozen=True)
class _Row:
    """A row as written: its cells and where each stands."""

    cells: dict[str, Any]
    marks: dict[str, Mark]
    mark: Mark


def _field_starts(line: str) -> list[int]:
    """Column (0-based) where each CSV field of a line starts, honouring quotes."""
    starts, quoted = [0], False
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            starts.append(i + 1)
    return starts


def _csv_rows(text: str, path: str, findings: list[Finding]) -> list[_Row]:
    # the file is within the reader's cap: so is any field of it (csv's own limit is lower)
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
    lines = text.splitlines()
    reader = csv.reader(lines)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        findings.append(Finding.at(Mark(path, 1, 1), "empty-file", "the file holds no data"))
        return []
    except csv.Error as exc:
        findings.append(_csv_error(exc, reader.line_num, path))
        return []
    starts = _field_starts(lines[0])
    for i, name in enumerate(header):
        if name not in COLUMNS:
            findings.append(
                Finding.at(
                    Mark(path, 1, starts[i] + 1 if i < len(starts) else 1),
                    "unknown-field",
                    f"unknown column `{name}`; the columns are {', '.join(COLUMNS)}",
                )
            )
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        findings.append(
            Finding.at(
                Mark(path, 1, 1),
                "missing-field",
                f"the header needs the column(s) {', '.join(missing)}: {HEADER}",
            )
        )
        return []
    rows = []
    try:
        start = reader.line_num + 1
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append(_csv_row(cells, header, lines[start - 1], Mark(path, start, 1)))
            start = reader.line_num + 1
    except csv.Error as exc:
        findings.append(_csv_error(exc, reader.line_num, path))
    return rows


def _csv_error(exc: csv.Error, line: int, path: str) -> Finding:
    return Finding.at(Mark(path, max(line, 1), 1), "unreadable", f"cannot read as CSV: {exc}")


def _csv_row(cells: list[str], header: list[str], line: str, mark: Mark) -> _Row:
    """A record of the CSV file; `line` is the first line it stands on."""
    starts = _field_starts(line)
    marks = {
        name: mark._replace(column=(starts[i] if i < len(starts) else 0) + 1)
        for i, name in enumerate(header)
    }
    values = {name: cells[i].strip() for i, name in enumerate(header) if i < len(cells)}
    return _Row(values, marks, mark)


def _yaml_rows(text: str, path: str, findings: list[Finding]) -> list[_Row]:
    doc = read_text(text, path)
    if doc.findings or doc.pos is None:
        findings.extend(doc.findings)
        return []
    data, pos = doc.data, doc.pos
    if isinstance(data, dict) and "measurements" in data:
        data, sub = data["measurements"], pos.child("measurements")
        assert sub is not None
        pos = sub
    if not isinstance(data, list) or pos.items is None:
        findings.append(Finding.at(pos.mark, "not-a-mapping", "expected a list of measurements"))
        return []
    rows = []
    for item, ipos in zip(data, pos.items, strict=True):
        if not isinstance(item, dict):
            findings.append(
                Finding.at(
                    ipos.mark,
                    "invalid-value",
                    "a measurement is a mapping: indicator, period, value",
                )
            )
            continue
        rows.append(_Row(item, _marks(ipos, item), ipos.mark))
        for key in item:
            if key not in COLUMNS:
                findings.append(
                    Finding.at(
                        ipos.key_mark(key) or ipos.mark,
                        "unknown-field",
                        f"unknown field `{key}`; a measurement has {', '.join(COLUMNS)}",
                    )
                )
        for key in REQUIRED:
            if key not in item:
                findings.append(Finding.at(ipos.mark, "missing-field", f"`{key}` is required"))
    return rows


def _marks(pos: Pos, item: dict[str, Any]) -> dict[str, Mark]:
    out = {}
    for key in item:
        child = pos.child(key)
        out[key] = child.mark if child is not None else pos.mark
    return out


def read_rows(path: Path, display: str, findings: list[Finding]) -> list[_Row]:
    """The rows of a CSV or YAML measurement file."""
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except FileProblem as problem:
        findings.append(Finding.at(Mark(display, 1, 1), problem.code, str(problem)))
        return []
    try:
        text = decode(raw, display)
    except YamlProblem as problem:
        findings.append(problem.finding)
        return []
    return parse_rows(text, display, path.suffix.lower() == ".csv", findings)


def parse_rows(text: str, display: str, is_csv: bool, findings: list[Finding]) -> list[_Row]:
    """The rows of a measurement file's text, CSV or YAML."""
    if is_csv:
        return _csv_rows(text, display, findings)
    return _yaml_rows(text, display, findings)


def _number(value: Any) -> float | None:
    """A cell as a number (infinite when too large for a float), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return float(value) if abs(value) <= MAX_NUMBER else (math.inf if value > 0 else -math.inf)
    if isinstance(value, float):
        return value
    if isinstance(value, str):
        try:
            return float(value.replace(",", "").strip())
        except ValueError:
            return None
    return None


def _quoted(value: Any) -> str:
    """A cell as a finding quotes it: briefly."""
    if isinstance(value, int) and value.bit_length() > 64:
        return f"of {len(str(abs(value))):,} digits"  # YAML's integers are within str()'s limit
    text = str(value)
    return f"`{text}`" if len(text) <= 40 else f"`{text[:39]}…`"


def _check_lengths(row: _Row, findings: list[Finding]) -> None:
    """A note or an action is a few sentences; a longer one is a finding."""
    for name in ("note", "action"):
        text = _cell(row, name)
        if text is not None and len(text) > MAX_TEXT:
            findings.append(
                Finding.at(
                    row.marks.get(name, row.mark),
                    "invalid-value",
                    f"`{name}` is {len(text):,} characters long; keep it to {MAX_TEXT:,} "
                    "(a few sentences)",
                )
            )


def _value_problem(raw: Any, value: float | None) -> str | None:
    """Why a cell is not a measured value, in plain words; None when it is one."""
    if value is None:
        return f"the value {_quoted(raw)} is not a number"
    if math.isnan(value) or (math.isinf(value) and "inf" in str(raw).lower()):
        return f"the value {_quoted(raw)} is not a finite number; write the measured figure"
    if not abs(value) <= MAX_NUMBER:
        return f"the value {_quoted(raw)} is out of range: a measured value lies {NUMBER_RANGE}"
    return None


@dataclass(frozen=True)
class Known:
    """What the rows are checked against: the framework's indicators, units and roles."""

    indicators: dict[str, Indicator]
    units: frozenset[str]
    roles: frozenset[str]

    @classmethod
    def of(cls, framework: Framework) -> Known:
        return cls(
            {i.id: i for i in framework.indicators},
            frozenset(u.id for u in framework.units),
            frozenset(r.id for r in framework.roles),
        )

    @cached_property
    def indicator_ids(self) -> frozenset[str]:
        return frozenset(self.indicators)


@lru_cache(maxsize=8)
def _index(names: frozenset[str]) -> Suggester:
    """One did-you-mean index per id space, however many rows name an unknown id."""
    return Suggester(names)


def _cell(row: _Row, name: str) -> str | None:
    value = row.cells.get(name)
    text = str(value).strip() if value is not None else ""
    return text or None


def _reference(
    row: _Row, name: str, known: frozenset[str], noun: str, findings: list[Finding]
) -> str | None:
    """The id in a cell, if it names one of `known`; else a finding and None."""
    ident = _cell(row, name)
    if ident is None or ident in known:
        return ident
    hint = _index(known).hint(ident)
    findings.append(
        Finding.at(
            row.marks.get(name, row.mark),
            "unresolved-reference",
            f"`{name}`: `{ident}` is not a {noun} of the framework{hint}",
            target=ident,
        )
    )
    return None


def _extras(
    row: _Row, known: Known, indicator: Indicator | None, findings: list[Finding]
) -> dict[str, Any]:
    """The optional columns: unit, and the corrective action with its owner and date."""
    unit = _reference(row, "unit", known.units, "unit", findings)
    if unit is not None and indicator is not None and not indicator.by_unit:
        findings.append(
            Finding.at(
                row.marks["unit"],
                "invalid-value",
                f"`{indicator.id}` is not measured by unit; leave `unit` empty for its overall "
                "value, or set `by_unit: true` on the indicator",
                target=indicator.id,
            )
        )
    owner = _reference(row, "action_owner", known.roles, "role", findings)
    due_text, due = _cell(row, "action_due"), None
    if due_text is not None:
        try:
            due = date.fromisoformat(due_text) if len(due_text) == 10 else None
        except ValueError:
            due = None
        if due is None:
            findings.append(
                Finding.at(
                    row.marks.get("action_due", row.mark),
                    "invalid-date",
                    f"`action_due`: `{due_text}` is not a date written as YYYY-MM-DD",
                )
            )
    return {"unit": unit, "action": _cell(row, "action"), "action_owner": owner, "action_due": due}


def check_row(row: _Row, known: Known, findings: list[Finding]) -> Measurement | None:
    """A measurement from a row, or None with the reasons added to `findings`."""
    indicators = known.indicators
    ident = row.cells.get("indicator")
    ident = str(ident) if ident is not None else ""
    indicator = indicators.get(ident)
    problems = len(findings)
    if indicator is None:
        hint = _index(known.indicator_ids).hint(ident)
        findings.append(
            Finding.at(
                row.marks.get("indicator", row.mark),
                "unresolved-reference",
                f"`{ident}` is not an indicator of the framework{hint}",
                target=ident or None,
            )
        )
    text = str(row.cells.get("period", ""))
    period = periods.parse(text)
    if period is None:
        findings.append(
            Finding.at(
                row.marks.get("period", row.mark),
                "invalid-period",
                f"`{text}` is not a period; write one of " + ", ".join(periods.EXAMPLES.values()),
            )
        )
    elif indicator is not None and period.kind not in periods.KINDS[indicator.frequency]:
        want = "` or `".join(periods.EXAMPLES[k] for k in periods.KINDS[indicator.frequency])
        findings.append(
            Finding.at(
                row.marks["period"],
                "period-frequency",
                f"`{ident}` is measured {indicator.frequency}, so its periods look like "
                f"`{want}`, not `{text}`",
                target=ident,
            )
        )
    raw = row.cells.get("value", "")
    value = _number(raw)
    problem = _value_problem(raw, value)
    if problem is not None:
        value = None
        findings.append(
            Finding.at(
                row.marks.get("value", row.mark), "invalid-value", problem, target=ident or None
            )
        )
    elif value is not None:
        value += 0.0  # -0.0 becomes 0.0, which prints as "0"
        if indicator is not None and indicator.unit == "percent" and not 0 <= value <= 100:
            findings.append(
                Finding.at(
                    row.marks["value"],
                    "invalid-value",
                    f"`{ident}` is a percent, so its value lies in 0–100, not {value:g}",
                    target=ident,
                )
            )
    _check_lengths(row, findings)
    extras = _extras(row, known, indicator, findings)
    if len(findings) > problems or period is None or value is None:
        return None
    note = row.cells.get("note")
    return Measurement(ident, period, value, str(note) if note else None, row.mark, **extras)


def load(path: Path, framework: Framework, display: str | None = None) -> Measures:
    """Read a measurement file and check every row against the framework's indicators."""
    shown = display or path.as_posix()
    findings: list[Finding] = []
    rows = read_rows(path, shown, findings)
    known = Known.of(framework)
    items: list[Measurement] = []
    seen: dict[tuple[str, str, str | None], Mark] = {}
    # the kind of period each indicator's first value is given in: the rest follow it
    # (a weekly one is measured per month or per week; one measured as needed, in any)
    kinds: dict[str, tuple[Period, Mark]] = {}
    for row in rows:
        item = check_row(row, known, findings)
        if item is None:
            continue
        key = (item.indicator, item.period.text, item.unit)
        if key in seen:
            of = f" of `{item.unit}`" if item.unit else ""
            findings.append(
                Finding.at(
                    item.mark,
                    "duplicate-measurement",
                    f"`{item.indicator}` already has a value{of} for {item.period} "
                    f"(line {seen[key].line}); keep one",
                    target=item.indicator,
                )
            )
            continue
        first = kinds.setdefault(item.indicator, (item.period, item.mark))
        allowed = periods.KINDS[known.indicators[item.indicator].frequency]
        if first[0].kind != item.period.kind and allowed != periods.ANY:  # weekly: one kind
            findings.append(
                Finding.at(
                    item.mark,
                    "period-frequency",
                    f"`{item.indicator}` is measured per {first[0].kind} in this file (line "
                    f"{first[1].line}: {first[0]}), so not per {item.period.kind} here: "
                    "give all its values per month or all per week",
                    target=item.indicator,
                )
            )
            continue
        seen[key] = item.mark
        items.append(item)
    return Measures(shown, items, findings)
