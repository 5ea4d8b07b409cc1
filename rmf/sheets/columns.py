"""Which sheet holds what, and which column is which field: titles matched forgivingly
(case, spaces, punctuation, common synonyms), the header found below any title rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from rmf.core.findings import Finding, Severity
from rmf.sheets.layout import EXPORT_ONLY, NAMED, READ, REQUIRED, Cell, norm
from rmf.sheets.reading import Grid, cell_name
from rmf.sheets.values import letters

HEADER_SEARCH = 20  # rows looked at for the header, below any title rows
NAME_ENDINGS = (" name", " title", " id")


def _aliases(kind: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for f in READ[kind]:
        for alias in (f.key.replace("_", " "), f.title, *f.synonyms):
            out.setdefault(norm(alias), f.key)
    return out


ALIASES = {kind: _aliases(kind) for kind in READ}


def field_of(kind: str, title: Cell) -> str | None:
    """The field a column title names in a sheet of `kind`, if any."""
    if not isinstance(title, str):
        return None
    aliases, key = ALIASES[kind], norm(title)
    if key in aliases:
        return aliases[key]
    for ending in NAME_ENDINGS:  # `Parent unit name` is the parent unit
        if key.endswith(ending) and key.removesuffix(ending) in aliases:
            return aliases[key.removesuffix(ending)]
    return None


def kind_by_name(name: str) -> str | None:
    words = norm(name)
    if words in EXPORT_ONLY:
        return "skip"
    for kind, parts in NAMED:
        if any(part in words for part in parts):
            return kind
    return None


@dataclass
class Mapped:
    """A sheet understood: its kind, its header row, and what each column holds (a field,
    or for a RACI sheet a party; columns in `ignored` hold nothing import uses)."""

    grid: Grid
    kind: str
    header: int  # row number
    fields: dict[int, str] = field(default_factory=dict)  # column → field
    parties: dict[int, str] = field(default_factory=dict)  # RACI: column → title as written
    ignored: dict[int, str] = field(default_factory=dict)  # column → title as written
    titles: dict[int, str] = field(default_factory=dict)  # column → title as written

    @property
    def rows(self) -> tuple[tuple[int, tuple[Cell, ...]], ...]:
        return tuple(r for r in self.grid.rows if r[0] > self.header)

    def column(self, key: str) -> int | None:
        return next((c for c, k in self.fields.items() if k == key), None)

    def describe(self) -> list[str]:
        """The mapping as lines: `B "Unit Name" → name`."""
        out = []
        for c in sorted(self.titles):
            title = self.titles[c]
            if c in self.fields:
                to = self.fields[c]
            elif c in self.parties:
                to = "RACI party"
            else:
                to = f"ignored ({self.ignored[c]})" if self.ignored.get(c) else "ignored"
            out.append(f'{cell_name(c)} "{title}" → {to}')
        return out


def _score(kind: str, row: tuple[Cell, ...]) -> int:
    keys = {field_of(kind, c) for c in row} - {None}
    return len(keys) if all(k in keys for k in REQUIRED[kind]) else 0


Header = tuple[int, str, int, tuple[Cell, ...]]  # columns matched, kind, row, titles


def _header(grid: Grid, kinds: tuple[str, ...]) -> Header | None:
    """The kind and header row that match most columns, with every required one (of
    equal matches, the first kind and the first row)."""
    best: Header | None = None
    for n, row in grid.rows[:HEADER_SEARCH]:
        for kind in kinds:
            score = _score(kind, row)
            if score and (best is None or score > best[0]):
                best = (score, kind, n, row)
    return best


def _letters_column(values: list[Cell]) -> bool:
    """Whether a column holds RACI letters: a party's column (its other values are
    reported as its rows are read)."""
    return any(v is not None and letters(v) is not None for v in values)


def understand(grid: Grid, findings: list[Finding]) -> Mapped | None:
    """What a sheet holds; None (with a warning, unless export wrote it for people only)
    when it is none of the sheets import reads."""
    named = kind_by_name(grid.name)
    if named == "skip" or not grid.rows:
        return None
    # the kind the sheet's name says, unless the columns say another more clearly
    by_name = _header(grid, (named,)) if named else None
    by_columns = _header(grid, tuple(READ))
    found = by_name
    if by_columns is not None and (by_name is None or by_columns[0] > by_name[0]):
        found = by_columns
    if found is None:
        first = grid.rows[0][0]
        wanted = f"a header with {', '.join(REQUIRED[named])}" if named else "no header"
        message = (
            f"sheet `{grid.name}` is not read: {wanted} was found in its first rows"
            if named
            else f"sheet `{grid.name}` is not read: its columns are not those of units, roles, "
            "seats, relationships, governance membership or a RACI matrix"
        )
        findings.append(
            Finding.at(grid.mark(first, 0), "sheet-unrecognised", message, Severity.WARNING)
        )
        return None
    _, kind, header, titles = found
    mapped = Mapped(grid, kind, header)
    body = [cells for n, cells in grid.rows if n > header]
    for c, title in enumerate(titles):
        if title is None:
            continue
        mapped.titles[c] = str(title)
        key = field_of(kind, title)
        if key is not None and key not in mapped.fields.values():
            mapped.fields[c] = key
        elif key is not None and (header, c) in grid.merged:
            mapped.ignored[c] = "merged with the title before it"
        elif key is not None:
            earlier = mapped.column(key)
            assert earlier is not None
            mapped.ignored[c] = f"a second {key} column"
            findings.append(
                Finding.at(
                    grid.mark(header, c),
                    "sheet-duplicate-column",
                    f"{cell_name(c)}{header}: a second `{key}` column (the first is "
                    f"{cell_name(earlier)}); only the first is read",
                    Severity.WARNING,
                )
            )
        elif kind == "raci" and _letters_column([r[c] if c < len(r) else None for r in body]):
            mapped.parties[c] = str(title)
    return mapped
