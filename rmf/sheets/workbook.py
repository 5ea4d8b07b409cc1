"""Sheets written as an Excel workbook (styled, the same bytes on every run) or as CSV."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from rmf.model.types import kebab
from rmf.sheets.layout import FORMULA_START, Cell
from rmf.sheets.tables import Sheet

HEADER_FILL = "1F3864"  # dark blue, white bold text: readable printed in grey too
HEADER_FONT = "FFFFFF"
MIN_WIDTH, MAX_WIDTH = 6, 60
WRAPPED = 30  # columns set this wide or wider hold prose: wrapped, aligned at the top
MAX_HEAD = 220  # points: the tallest title row, for upright names
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can carry


def _escaped(text: str) -> str:
    """Text a worksheet can hold: the control characters it cannot, shown as `\\x07`."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return str(ILLEGAL_CHARACTERS_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", text))


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _width(sheet: Sheet, column: int) -> float:
    field = sheet.columns[column]
    if field.width is not None:
        return field.width
    longest = max(
        [len(field.title) + 3, *(len(_text(r[column])) for r in sheet.rows)], default=MIN_WIDTH
    )  # +3: the filter button beside the title
    return max(MIN_WIDTH, min(MAX_WIDTH, longest + 1))


def xlsx(sheets: Sequence[Sheet], stamp: datetime) -> bytes:
    """The workbook: a sheet each, titles styled and frozen, filters on, columns sized.
    `stamp` is its creation and modification date, so the same sheets give the same
    bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True, color=HEADER_FONT)
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    centre = Alignment(horizontal="center", vertical="top")
    top = Alignment(vertical="top", wrap_text=True)
    upper = Alignment(vertical="top")
    for sheet in sheets:
        page = book.create_sheet(sheet.name)
        page.append([_escaped(f.title) for f in sheet.columns])
        tallest = 0
        for n, cell in enumerate(page[1]):
            cell.font, cell.fill = bold, fill
            title = sheet.columns[n].title
            if n in sheet.centred and len(title) > _width(sheet, n):
                # a RACI party's name, upright above its narrow column of letters
                cell.alignment = Alignment(horizontal="center", vertical="bottom", textRotation=90)
                tallest = max(tallest, len(title))
            else:
                cell.alignment = Alignment(vertical="bottom", wrap_text=True)
        if tallest:
            page.row_dimensions[1].height = min(MAX_HEAD, 7.5 * tallest + 10)
        for row in sheet.rows:
            page.append(
                [
                    _escaped(v) if isinstance(v, str) else _text(v) if isinstance(v, bool) else v
                    for v in row
                ]
            )
        for line in page.iter_rows():
            for cell in line:
                if cell.data_type == "f":
                    cell.data_type = "s"  # text, whatever it starts with: `=x` is no formula
        last = get_column_letter(len(sheet.columns))
        for n in range(len(sheet.columns)):
            letter = get_column_letter(n + 1)
            page.column_dimensions[letter].width = _width(sheet, n)
            if (sheet.columns[n].width or 0) >= WRAPPED:
                for cell in page[letter][1:]:
                    cell.alignment = top
            else:  # beside prose that takes several lines, at the top of the row too
                for cell in page[letter][1:]:
                    cell.alignment = upper
            if n in sheet.centred:
                for cell in page[letter][1:]:
                    cell.alignment = centre
        _heights(page, sheet)
        page.freeze_panes = page.cell(row=2, column=sheet.frozen + 1).coordinate
        page.auto_filter.ref = f"A1:{last}{len(sheet.rows) + 1}"
        # printed: landscape, as wide as the page, the titles on every page
        page.page_setup.orientation = "landscape"
        page.page_setup.fitToWidth, page.page_setup.fitToHeight = 1, 0
        page.sheet_properties.pageSetUpPr.fitToPage = True
        page.print_title_rows = "1:1"
    book.properties.creator = "rmf"
    book.properties.lastModifiedBy = "rmf"
    book.properties.created = book.properties.modified = stamp
    out = io.BytesIO()
    book.save(out)
    return _settled(out.getvalue(), stamp)


LINE = 15.0  # points a line of the default font takes in a row


def _heights(page: Any, sheet: Sheet) -> None:
    """Rows as tall as their wrapped prose: spreadsheets do not size a row to its text
    when they open a file (the lines would lie over the next row), so each row gets
    the lines its longest wrapped cell needs at its column's width."""
    prose = [n for n, f in enumerate(sheet.columns) if (f.width or 0) >= WRAPPED]
    if not prose:
        return
    for r, row in enumerate(sheet.rows, start=2):
        lines = 1
        for n in prose:
            text = _text(row[n]) if row[n] is not None else ""
            per_line = max(1, int(_width(sheet, n)) - 1)
            lines = max(lines, sum(max(1, -(-len(part) // per_line)) for part in text.split("\n")))
        if lines > 1:
            page.row_dimensions[r].height = LINE * lines


def _settled(data: bytes, stamp: datetime) -> bytes:
    """The zip again with every entry at one fixed time, and the document dates (which
    openpyxl sets to the moment of saving) at `stamp`."""
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    dated = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = dated.sub(lambda m: m.group(1) + when.encode() + m.group(3), content)
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return out.getvalue()


def csv_bytes(sheet: Sheet) -> bytes:
    """A sheet as CSV (UTF-8, with a byte-order mark so that Excel reads the accents)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([f.title for f in sheet.columns])
    writer.writerows([_csv_cell(v) for v in row] for row in sheet.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_cell(value: Cell) -> str:
    """A cell of a CSV file: text that a spreadsheet would run as a formula is quoted with
    `'`, as spreadsheets themselves mark text (import takes the mark off)."""
    text = _text(value)
    if isinstance(value, str) and text.startswith(FORMULA_START):
        return "'" + text
    return text


def csv_files(sheets: Sequence[Sheet]) -> dict[str, bytes]:
    """A CSV file per sheet, named after it: `RACI Demand intake` → `raci-demand-intake.csv`."""
    out: dict[str, bytes] = {}
    for sheet in sheets:
        stem = sheet.stem or kebab(sheet.name, "sheet") or "sheet"
        name, n = f"{stem}.csv", 1
        while name in out:
            n += 1
            name = f"{stem}-{n}.csv"
        out[name] = csv_bytes(sheet)
    return out
