"""Framework sections built from understood sheets: ids made from names, references
resolved by id or name, and every cell that cannot be placed reported where it is."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from typing import Any

from rmf.core.findings import Finding, Severity
from rmf.core.suggest import Suggester
from rmf.model.types import ID_PATTERN, kebab
from rmf.sheets import values
from rmf.sheets.columns import Mapped
from rmf.sheets.layout import Cell, norm
from rmf.sheets.reading import cell_name

Entry = dict[str, Any]


@dataclass(frozen=True)
class Place:
    """Where a cell is, to name in a finding."""

    sheet: Mapped
    row: int
    column: int

    def finding(self, code: str, message: str, severity: Severity = Severity.ERROR) -> Finding:
        where = f"{cell_name(self.column)}{self.row}"
        mark = self.sheet.grid.mark(self.row, self.column)
        return Finding.at(mark, code, f"{where}: {message}", severity)

    @property
    def row_name(self) -> str:
        return f"{self.sheet.grid.name} row {self.row}"


@dataclass
class Section:
    """The entities of one section as they are made, and the names a cell may use."""

    what: str  # `unit`, `role`… as a message says it
    whats: str  # and in the plural
    entries: list[Entry] = field(default_factory=list)
    by_name: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # → (id, row)
    ids: set[str] = field(default_factory=set)

    def add(self, entry: Entry, names: tuple[str | None, ...], row: str) -> None:
        self.entries.append(entry)
        self.ids.add(entry["id"])
        for name in dict.fromkeys(norm(n) for n in names if n):
            self.by_name.setdefault(name, []).append((entry["id"], row))

    def get(self, ident: str) -> Entry:
        return next(e for e in self.entries if e["id"] == ident)


class Builder:
    """Sheets in, framework sections out; findings for what could not be placed."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        self.taken: set[str] = set()  # one namespace for every id of the framework
        self.units, self.roles = Section("unit", "units"), Section("role", "roles")
        self.seats, self.bodies = (
            Section("seat", "seats"),
            Section("governance body", "governance bodies"),
        )
        self.relationships: list[Entry] = []
        self.processes: list[Entry] = []
        self._later: list[Callable[[], None]] = []  # references, once every name is known
        self._rows: dict[str, str] = {}  # id made -> the row that made it
        self._sheet: Mapped | None = None
        self._row = 0
        self._cells: tuple[Cell, ...] = ()

    # --- rows and cells ---------------------------------------------------------------

    def each(self, sheet: Mapped) -> Iterator[int]:
        """The sheet's rows after its header; `cell` reads the current one."""
        self._sheet = sheet
        for n, cells in sheet.rows:
            self._row, self._cells = n, cells
            yield n

    def cell(self, key: str) -> tuple[Cell, Place]:
        assert self._sheet is not None
        at = self._sheet.column(key)
        value = self._cells[at] if at is not None and at < len(self._cells) else None
        return value, Place(self._sheet, self._row, at if at is not None else 0)

    def cell_at(self, column: int) -> Cell:
        return self._cells[column] if column < len(self._cells) else None

    def text(self, key: str) -> str | None:
        return values.text(self.cell(key)[0])

    def value(self, key: str, read: Callable[[Cell], Any], wanted: str) -> Any:
        """A cell read by `read`; a finding saying what was `wanted` when it cannot be."""
        raw, place = self.cell(key)
        if raw is None:
            return None
        found = read(raw)
        if found is None:
            self.findings.append(
                place.finding("sheet-bad-value", f"`{values.text(raw)}` is not {wanted}")
            )
        return found

    def new_id(self, given: Cell, name: str, fallback: str, column: str = "id") -> str:
        """An id for a new entity: the one given in `column` (made kebab-case), else one
        made from its name; made unique with `-2`, `-3`… An id given that another row has
        already is a warning: a cell naming it means the other."""
        base = local_id(str(given) if given is not None else None, name, fallback)
        ident = unique(base, self.taken)
        if given is not None and ident != base:
            first = self._rows.get(base, "another row")
            self.findings.append(
                self.cell(column)[1].finding(
                    "sheet-duplicate-id",
                    f"`{base}` is already the id of {first}: this row gets `{ident}`, and "
                    f"a cell naming `{base}` means the entity of {first}",
                    Severity.WARNING,
                )
            )
        self.taken.add(ident)
        if self._sheet is not None:
            self._rows[ident] = f"{self._sheet.grid.name} row {self._row}"
        return ident

    def named(self, key: str, section: Section) -> str | None:
        """The name of the entity the row defines: a finding when it has none, a warning
        when another row of the section has it already."""
        raw, place = self.cell(key)
        name = values.text(raw)
        if name is None:
            message = f"no {key} for this {section.what}: the row is left out"
            self.findings.append(place.finding("sheet-missing-value", message))
            return None
        twin = section.by_name.get(norm(name))
        if twin:
            self.findings.append(
                place.finding(
                    "sheet-duplicate-name",
                    f"`{name}` is also the {section.what} of {twin[0][1]}: this row gets an id "
                    "of its own, and a reference by this name is ambiguous",
                    Severity.WARNING,
                )
            )
        return name

    # --- references -------------------------------------------------------------------

    def refer(self, section: Section, key: str, entry: Entry, field_name: str = "") -> None:
        """Set `entry[field_name]` to the id the cell names, once every sheet is read."""
        raw, place = self.cell(key)
        if raw is not None:
            self.later(lambda: self._put(entry, field_name or key, section, raw, place))

    def later(self, do: Callable[[], None]) -> None:
        self._later.append(do)

    def _put(self, entry: Entry, key: str, section: Section, raw: Cell, place: Place) -> None:
        found = self.resolve(section, raw, place)
        if found is not None:
            entry[key] = found

    def resolve(self, section: Section, raw: Cell, place: Place) -> str | None:
        """The id a cell names: an id of the section, else a name only one entity has."""
        written = str(values.text(raw))
        if written in section.ids:
            return written
        named = section.by_name.get(norm(written), [])
        if len(named) == 1:
            return named[0][0]
        if not named and kebab(written) in section.ids:
            return kebab(written)  # an id as a code column gave it (`100` → `n-100`)
        if named:
            rows = "; ".join(f"`{i}` ({row})" for i, row in named)
            message = f"`{written}` names {len(named)} {section.whats}: {rows}; write the id"
            self.findings.append(place.finding("sheet-ambiguous-reference", message))
            return None
        spelled = sorted({*section.ids, *(n for n in _spelled(section))})
        hint = Suggester(spelled).hint(written) if spelled else ""
        message = f"no {section.what} `{written}` in the sheets{hint}"
        self.findings.append(place.finding("sheet-unknown-reference", message))
        return None

    def resolve_party(self, raw: Cell, place: Place) -> str | None:
        """A RACI party: a role or a governance body, by id or name."""
        if self._parties is None:
            both = Section("role or governance body", "roles or governance bodies")
            for section in (self.roles, self.bodies):
                both.entries += section.entries
                both.ids |= section.ids
                for name, held in section.by_name.items():
                    both.by_name.setdefault(name, []).extend(held)
                    both.by_name[name] = list(dict.fromkeys(both.by_name[name]))
            self._parties = both
        return self.resolve(self._parties, raw, place)

    _parties: Section | None = None

    def finish(self) -> None:
        """Resolve every reference, now that every sheet is read."""
        for do in self._later:
            do()
        self._later.clear()


def _spelled(section: Section) -> Iterator[str]:
    for e in section.entries:
        for key in ("name", "title"):
            if isinstance(e.get(key), str):
                yield e[key]


def present(**fields: Any) -> Entry:
    """The fields that have a value."""
    return {k: v for k, v in fields.items() if v is not None}


def at_least(low: int) -> Callable[[Cell], int | None]:
    def read(value: Cell) -> int | None:
        found = values.whole(value)
        return found if found is not None and found >= low else None

    return read


def fraction(value: Cell) -> float | None:
    found = values.number(value)
    return found if found is not None and 0 < found <= 1 else None


def maturity(value: Cell) -> int | None:
    found = values.whole(value)
    return found if found is not None and 1 <= found <= 5 else None


def local_id(given: str | None, name: str, fallback: str) -> str:
    """An id as given (made kebab-case), else one made from the name, else `fallback`."""
    base = kebab(given) if given is not None else ""
    return base if re.match(ID_PATTERN, base) else (kebab(name) or fallback)


def unique(base: str, taken: Collection[str]) -> str:
    """`base`, or `base-2`, `base-3`… : the first that `taken` does not hold, still an id
    (cut short enough for its suffix, never ending in a hyphen)."""
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base[:60].rstrip('-')}-{n}"
    return ident
