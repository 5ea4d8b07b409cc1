"""Spreadsheets read as grids of cells, each cell with its place: a workbook's sheets
(merged cells filled in) or CSV files."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from rmf.core.files import FileProblem, read_regular
from rmf.core.findings import Finding, Mark
from rmf.sheets.layout import FORMULA_START, Cell

MAX_BYTES = 50 * 1024 * 1024  # far beyond any org chart; a bigger file is not one
MAX_UNPACKED = 4 * MAX_BYTES  # what a workbook's zip may unpack to
MAX_ROWS = 20_000
MAX_COLUMNS = 200
SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " "})


@dataclass(frozen=True)
class Grid:
    """A sheet's rows that hold anything, each with its 1-based row number."""

    name: str  # the sheet's name; a CSV file's stem
    file: str  # what findings name as the file: `book.xlsx[Units]`, `units.csv`
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]
    merged: frozenset[tuple[int, int]] = frozenset()  # (row, 0-based column) filled in
    cut: bool = False  # rows or columns past the limits were left unread

    def mark(self, row: int, column: int) -> Mark:
        return Mark(self.file, row, column + 1)


def cell_name(column: int) -> str:
    """A 0-based column as a spreadsheet names it: 0 → A, 27 → AB."""
    name = ""
    n = column + 1
    while n:
        n, rest = divmod(n - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def clean(value: object) -> Cell:
    """A cell as import reads it: text without surrounding (or non-breaking) spaces, a
    date as YYYY-MM-DD, empty text as nothing."""
    if isinstance(value, datetime):
        value = value.date() if value.time() == time() else value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, str):
        text = value.translate(SPACES).strip()
        return text or None
    if isinstance(value, bool | int | float):
        return value
    return None if value is None else str(value).strip() or None


def _grid(
    name: str,
    file: str,
    cells: list[list[object]],
    merged: frozenset[tuple[int, int]] = frozenset(),
) -> Grid:
    rows = []
    for n, row in enumerate(cells[:MAX_ROWS], start=1):
        values = tuple(clean(v) for v in row[:MAX_COLUMNS])
        if any(v is not None for v in values):
            rows.append((n, values))
    cut = len(cells) > MAX_ROWS or any(len(r) > MAX_COLUMNS for r in cells)
    return Grid(name, file, tuple(rows), merged, cut)


def _workbook(data: bytes, display: str) -> list[Grid]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), data_only=True)
    grids = []
    for sheet in book.worksheets:
        cells = [list(r) for r in sheet.iter_rows(values_only=True)]
        # a merged range holds its value in its first cell: every cell of it shows it
        filled: set[tuple[int, int]] = set()
        for merged in sheet.merged_cells.ranges:
            top = cells[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row - 1, min(merged.max_row, len(cells))):
                for c in range(merged.min_col - 1, min(merged.max_col, len(cells[r]))):
                    if (r, c) != (merged.min_row - 1, merged.min_col - 1):
                        cells[r][c] = top
                        filled.add((r + 1, c))
        grids.append(_grid(sheet.title, f"{display}[{sheet.title}]", cells, frozenset(filled)))
    return grids


def _csv(data: bytes, path: Path, display: str) -> Grid:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # what Excel writes on Windows
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:8192], ",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    cells: list[list[object]] = []
    numbers: list[int] = []
    start = 1
    for record in reader:
        numbers.append(start)  # a record with quoted line breaks is named by its first line
        start = reader.line_num + 1
        # `'=x`: text that an export marked so that no spreadsheet runs it as a formula
        cells.append([c[1:] if c[:1] == "'" and c[1:2] in FORMULA_START else c for c in record])
    grid = _grid(path.stem, display, cells)
    # the grid numbered records; a finding names the line the record starts on
    rows = tuple((numbers[n - 1], row) for n, row in grid.rows)
    return Grid(grid.name, grid.file, rows, grid.merged, grid.cut)


def read(path: Path, display: str | None = None) -> tuple[list[Grid], list[Finding]]:
    """The grids of a workbook (`.xlsx`, `.xlsm`) or a CSV file, or the finding that says
    why it cannot be read (or that part of it was not)."""
    grids, findings = _read(path, display)
    for g in grids:
        if g.cut:
            message = (
                f"sheet `{g.name}` has more than {MAX_ROWS:,} rows or {MAX_COLUMNS} columns: "
                "those past them are not read"
            )
            findings.append(Finding.at(Mark(g.file, MAX_ROWS + 1, 1), "too-large", message))
    return grids, findings


def _read(path: Path, display: str | None) -> tuple[list[Grid], list[Finding]]:
    shown = display or path.as_posix()
    try:
        data = read_regular(path, MAX_BYTES)
    except FileProblem as problem:
        return [], [Finding.at(Mark(shown, 1, 1), "unreadable", str(problem))]
    if path.suffix.lower() == ".csv":
        return [_csv(data, path, shown)], []
    try:
        unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
        if unpacked > MAX_UNPACKED:
            message = f"unpacks to {unpacked // 2**20} MB: more than any framework's workbook"
            return [], [Finding.at(Mark(shown, 1, 1), "too-large", message)]
        return _workbook(data, shown), []
    except Exception as exc:  # a damaged or foreign file fails in openpyxl, zipfile or XML
        message = f"cannot be read as an Excel workbook (.xlsx): {type(exc).__name__}: {exc}"
        return [], [Finding.at(Mark(shown, 1, 1), "unreadable", message)]
