"""Renames in measurement files (`rmf scorecard --data`): the cells that name an id."""

from __future__ import annotations

from rmf.core.errors import FrameworkError
from rmf.core.findings import Finding
from rmf.rename.edits import Edit, Lines, Unplaceable, locate
from rmf.rename.target import Refused
from rmf.scorecard.measures import REFERENCES, parse_rows

# problems of single rows: every other row is still read, and renamed
_ROW_PROBLEMS = frozenset(("unknown-field", "missing-field", "invalid-value", "empty-file"))


def measurement_edits(text: str, display: str, is_csv: bool, old: str, new: str) -> list[Edit]:
    """The edits that rename `old` in the reference columns of a measurement file (the
    indicator, the unit, the action's owner). A file that cannot be read whole is refused
    with its findings."""
    findings: list[Finding] = []
    rows = parse_rows(text, display, is_csv, findings)
    fatal = [f for f in findings if f.code not in _ROW_PROBLEMS]
    if fatal:
        raise FrameworkError(fatal, display)
    lines = Lines(text)
    edits = []
    for row in rows:
        for column in REFERENCES:
            mark = row.marks.get(column)
            if row.cells.get(column) != old or mark is None:
                continue
            try:
                offset = locate(text, lines.offset(mark.line, mark.column), old, yaml=not is_csv)
            except Unplaceable as exc:
                raise Refused(f"{mark.file}:{mark.line}:{mark.column}: {exc}") from None
            edits.append(Edit(display, *lines.place(offset), old, new))
    return sorted(set(edits), key=lambda e: (e.line, e.column))
