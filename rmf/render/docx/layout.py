"""Tables on the page: column widths, upright matrix headings, landscape pages when wide."""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Emu, Inches, Length

from rmf.render.textwidth import CELL_PAD, ems, lines, longest_word, split_columns

PAD = CELL_PAD
LINE = 1.25  # ems from one line of text to the next
SMALL, SMALLEST = 9.0, 8.0  # points: a table squeezed onto the page; one on landscape pages
LONGEST = 32.0  # ems of a cell beyond which a column gains no more width
UPRIGHT_MOST = 18.0  # ems of an upright heading's line; longer headings wrap
MATRIX_CELL = 3  # a column whose cells are all this short is a matrix column (R, A, ✓)
MATRIX_COLUMNS = 3  # matrix columns that make a table a matrix
SHORT_COLUMN = 5.0  # ems: a column this narrow keeps its width in a crowded table
_MERGE_GAP = 6  # blocks between two wide tables that still share landscape pages


def inches(width: Length) -> float:
    return width / Inches(1)


@dataclass(frozen=True)
class Columns:
    """What a table's columns need, in ems of its type: the narrowest width that breaks
    no word and the width that fits its longest cell; and whether the heading stands
    upright so that a matrix of letters does not take the width of its headings."""

    least: tuple[float, ...]
    wanted: tuple[float, ...]
    upright: tuple[bool, ...]
    heading: float = 0.0  # ems of the tallest upright heading, as it wraps

    def fit(self, width: Length, points: float) -> bool:
        """Whether every column gets its least width across `width` in type of `points`."""
        return sum(e * points / 72 + PAD for e in self.least) <= inches(width) + 1e-9

    def widths(self, width: Length, points: float) -> list[Length]:
        """Each column's width within `width`: as wanted when all fit, else the least
        width and a share of what is left in proportion to what each lacks. When even the
        least is too much, short columns keep theirs and the long ones give way."""
        text = inches(width) - PAD * len(self.least)
        room = max(text, 0.0) * 72 / points
        least, wanted = sum(self.least), sum(self.wanted)
        short = sum(w for w in self.least if w <= SHORT_COLUMN)
        if wanted <= room:
            weights = list(self.wanted)
        elif least >= room and short < room:
            share = (room - short) / (least - short)
            weights = [w if w <= SHORT_COLUMN else w * share for w in self.least]
        elif least >= room:
            weights = list(self.least)
        else:
            spare = (room - least) / (wanted - least)
            weights = [
                lo + (hi - lo) * spare for lo, hi in zip(self.least, self.wanted, strict=True)
            ]
        total = sum(weights) or 1.0
        return [Emu(int(Inches(PAD + max(text, 0.0) * w / total))) for w in weights]


def measure(rows: Sequence[Sequence[str]], heading: bool, upright: bool = True) -> Columns:
    """The needs of each column of a table given as rows of cell text; with `upright`,
    the headings of a matrix's columns stand upright."""
    count = max((len(r) for r in rows), default=0)
    cells = [[row[c] for row in rows if c < len(row)] for c in range(count)]
    heads = [column[0] if heading and column else "" for column in cells]
    bodies = [column[1:] if heading else column for column in cells]
    matrix = [bool(b) and all(len(t) <= MATRIX_CELL for t in b) for b in bodies]
    # headings stand upright only in a real matrix: several columns of letters or ticks
    many = upright and sum(matrix) >= MATRIX_COLUMNS
    stand = tuple(m and many and len(h) > MATRIX_CELL for m, h in zip(matrix, heads, strict=True))
    least, wanted, tallest = [], [], 0.0
    for head, body, stands in zip(heads, bodies, stand, strict=True):
        low = max((longest_word(t) for t in body), default=0.0)
        high = max((ems(t) for t in body), default=0.0)
        if stands:  # as wide as the lines the upright heading wraps into
            rows_up = lines(head, UPRIGHT_MOST, bold=True)
            tallest = max(tallest, min(ems(head, bold=True), UPRIGHT_MOST))
            low = max(low, LINE * rows_up)
        else:  # headings are bold, and bold is wider
            low = max(low, longest_word(head, bold=True))
            high = max(high, ems(head, bold=True))
        least.append(low)
        wanted.append(max(low, min(high, LONGEST)))
    return Columns(tuple(least), tuple(wanted), stand, tallest)


def needs_of(
    texts: Sequence[Sequence[str]], heading: bool, width: Length, points: float
) -> Columns:
    """A table's needs, its matrix headings upright only where it would not fit across
    `width` with them level."""
    level = measure(texts, heading, upright=False)
    return level if level.fit(width, points) else measure(texts, heading)


def split(needs: Columns, width: Length, points: float) -> list[list[int]]:
    """The columns of a table too wide for `width` even at its least, in parts that each
    fit, each after the first beginning with the first column again."""
    return split_columns([e * points / 72 + PAD for e in needs.least], inches(width))


def size(table: Any, widths: Sequence[Length], columns: Columns, points: float) -> None:
    """Set column and cell widths, and turn the headings of matrix columns upright in a
    first row tall enough for them (LibreOffice does not grow a row for upright text).
    Rows may split across pages: a row kept whole can lose its text in LibreOffice when
    the table repeats its heading row."""
    for column, width in zip(table.tblGrid.gridCol_lst, widths, strict=True):
        column.w = width
    if columns.heading and table.tr_lst:
        tall = columns.heading * points / 72 + PAD
        table.tr_lst[0].trHeight_val = Inches(tall)
        table.tr_lst[0].trHeight_hRule = WD_ROW_HEIGHT_RULE.AT_LEAST
    for r, tr in enumerate(table.tr_lst):
        for tc, width, stands in zip(tr.tc_lst, widths, columns.upright, strict=False):
            tc.width = width
            if r == 0 and stands:
                direction = OxmlElement("w:textDirection")
                direction.set(qn("w:val"), "btLr")
                tc.get_or_add_tcPr().append(direction)


def points_of(document: Document, *styles: str) -> float:
    """The type size of the first of `styles` that states one, else of body text: the
    Normal style's, else the document default, else 11."""
    for name in (*styles, "Normal"):
        with contextlib.suppress(KeyError):
            size = document.styles[name].font.size
            if size is not None:
                return float(size.pt)
    found = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val")
    return int(found[0]) / 2 if found else 11.0


class Pages:
    """Landscape pages for tables too wide for the page, as sections of their own that
    take the headers and footers of the document's section."""

    def __init__(self, document: Document) -> None:
        self.body = document.element.body
        self.last = self.body.sectPr
        self.made = 0
        self.end: Any | None = None  # the paragraph closing the latest landscape pages
        section = document.sections[-1]
        margins = (section.left_margin or Inches(1)) + (section.right_margin or Inches(1))
        self.portrait = Emu((section.page_width or Inches(8.5)) - margins)
        self.landscape = Emu((section.page_height or Inches(11)) - margins)

    def place(self, needs: Columns, points: float, turned: bool = False) -> tuple[bool, float]:
        """Where a table set in `points` goes, as (landscape, point size): the first that
        holds it of the page, the page in small print, landscape pages in small print,
        landscape pages in smaller print; only the landscape ones when `turned`."""
        small = min(points, SMALL)
        ways = ((False, points), (False, small), (True, points), (True, small))
        for landscape, size in ways[2:] if turned else (ways[0], ways[1], ways[3]):
            if needs.fit(self.landscape if landscape else self.portrait, size):
                return landscape, size
        return True, min(points, SMALLEST)

    def _section(self, landscape: bool) -> Any:
        """A copy of the document's section properties for a section before it."""
        sect = copy.deepcopy(self.last)
        if self.made:  # later sections inherit headers and footers, never restart
            for tag in ("w:headerReference", "w:footerReference", "w:titlePg"):
                for found in sect.findall(qn(tag)):
                    sect.remove(found)
            for numbers in sect.findall(qn("w:pgNumType")):
                numbers.attrib.pop(qn("w:start"), None)
        else:
            for found in self.last.findall(qn("w:titlePg")):
                self.last.remove(found)
            for numbers in self.last.findall(qn("w:pgNumType")):
                numbers.attrib.pop(qn("w:start"), None)
        self.made += 1
        if landscape:
            size = sect.get_or_add_pgSz()
            size.w, size.h = size.h, size.w
            size.orient = WD_ORIENT.LANDSCAPE
        return sect

    def _break(self, landscape: bool) -> Any:
        paragraph = OxmlElement("w:p")
        paragraph.get_or_add_pPr()._insert_sectPr(self._section(landscape))
        return paragraph

    def turn(self, start: Any, table: Any) -> None:
        """Put the blocks from `start` to `table` on landscape pages; the pages of a wide
        table shortly before are extended rather than followed by a portrait page."""
        between = []
        if self.end is not None:
            following = self.end.getnext()
            while following is not None and following is not start:
                between.append(following)
                following = following.getnext()
        joined = (
            self.end is not None
            and len(between) <= _MERGE_GAP
            and all(e.tag == qn("w:p") for e in between)
        )
        if joined:
            self.body.remove(self.end)
        else:
            start.addprevious(self._break(landscape=False))
        self.end = self._break(landscape=True)
        table.addnext(self.end)

    def finish(self) -> None:
        """When the document ends on landscape pages, the last section is landscape
        rather than followed by an empty portrait one, which would print a blank page."""
        if self.end is None or self.end.getnext() is not self.last:
            return
        turned = self.end.pPr.sectPr
        self.body.remove(self.end)
        self.end = None
        for tag in ("w:pgSz", "w:pgMar"):
            found, wanted = self.last.find(qn(tag)), turned.find(qn(tag))
            if found is not None and wanted is not None:
                found.addnext(copy.deepcopy(wanted))
                self.last.remove(found)
