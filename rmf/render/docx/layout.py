"""Tables on the page: column widths, upright matrix headings, landscape pages when wide."""

from __future__ import annotations

import contextlib
import copy
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Emu, Inches, Length

# Characters per inch of text at 1 pt, for sizing columns without measuring a font: on
# the wide side of Office fonts (Cambria, Calibri), so that words are not broken.
PER_INCH_AT_1PT = 128
BOLD = 1.1  # how much wider bold text runs
CHARS_PER_INCH = PER_INCH_AT_1PT / 11
SMALL, SMALLEST = 9, 8  # points: a table squeezed onto the page; one on landscape pages
LONGEST = 60  # characters of a cell beyond which a column gains no more width
UPRIGHT_MOST = 32  # characters of an upright heading the first row grows for
MATRIX_CELL = 3  # a column whose cells are all this short is a matrix column (R, A, ✓)
MATRIX_COLUMNS = 3  # matrix columns that make a table a matrix
SHORT_COLUMN = 8  # characters: a column this narrow keeps its width in a crowded table
TALL_ROW = 4  # lines: a row taller than this may split across pages
_MERGE_GAP = 6  # blocks between two wide tables that still share landscape pages


@dataclass(frozen=True)
class Columns:
    """What a table's columns need: the narrowest width that breaks no word, the width
    that fits its longest cell (both in characters), and whether the heading stands
    upright so that a matrix of letters does not take the width of its headings."""

    least: tuple[int, ...]
    wanted: tuple[int, ...]
    upright: tuple[bool, ...]
    heading: int = 0  # characters of the longest upright heading

    def fit(self, width: Length, per_inch: float = CHARS_PER_INCH) -> bool:
        return sum(self.least) <= width / Inches(1) * per_inch

    def widths(self, width: Length, per_inch: float = CHARS_PER_INCH) -> list[Length]:
        """Each column's width within `width`: as wanted when all fit, else the least
        width and a share of what is left in proportion to what each lacks. When even the
        least is too much, short columns keep theirs and the long ones give way."""
        room = width / Inches(1) * per_inch
        least, wanted = sum(self.least), sum(self.wanted)
        short = sum(w for w in self.least if w <= SHORT_COLUMN)
        if wanted <= room:
            weights = [float(w) for w in self.wanted]
        elif least >= room and short < room:
            share = (room - short) / (least - short)
            weights = [w if w <= SHORT_COLUMN else w * share for w in map(float, self.least)]
        elif least >= room:
            weights = [float(w) for w in self.least]
        else:
            spare = (room - least) / (wanted - least)
            weights = [
                lo + (hi - lo) * spare for lo, hi in zip(self.least, self.wanted, strict=True)
            ]
        total = sum(weights)
        return [Emu(int(width * w / total)) for w in weights]


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
    least, wanted = [], []
    for head, body, stands in zip(heads, bodies, stand, strict=True):
        words = [len(w) for t in body for w in t.split()]
        lengths = [len(t) for t in body]
        if not stands:  # headings are bold, and bold is wider
            words += [math.ceil(len(w) * BOLD) for w in head.split()]
            lengths.append(math.ceil(len(head) * BOLD))
        low = max(words, default=1) + 2
        high = max(low, min(max(lengths, default=1), LONGEST) + 2)
        if stands:  # as wide as the lines the upright heading wraps into
            lines = -(-min(len(head), 3 * UPRIGHT_MOST) // UPRIGHT_MOST)
            low = high = max(low, 3 * lines + 1)
        least.append(low)
        wanted.append(high)
    tallest = max((len(h) for h, u in zip(heads, stand, strict=True) if u), default=0)
    return Columns(tuple(least), tuple(wanted), stand, tallest)


def size(
    table: Any,
    widths: Sequence[Length],
    columns: Columns,
    rows: Sequence[Sequence[str]] = (),
    per_inch: float = CHARS_PER_INCH,
) -> None:
    """Set column and cell widths, and turn the headings of matrix columns upright in a
    first row tall enough for them (LibreOffice does not grow a row for upright text).
    A row of a few lines stays on one page; a taller one may split rather than leave the
    foot of a page empty."""
    for column, width in zip(table.tblGrid.gridCol_lst, widths, strict=True):
        column.w = width
    if columns.heading and table.tr_lst:
        tall = min(columns.heading, UPRIGHT_MOST) / CHARS_PER_INCH + 0.15
        table.tr_lst[0].trHeight_val = Inches(tall)
        table.tr_lst[0].trHeight_hRule = WD_ROW_HEIGHT_RULE.AT_LEAST
    chars = [max(1.0, w / Inches(1) * per_inch) for w in widths]
    for r, tr in enumerate(table.tr_lst):
        texts = rows[r] if r < len(rows) else ()
        lines = max((math.ceil(len(t) / c) for t, c in zip(texts, chars, strict=False)), default=1)
        if lines <= TALL_ROW:
            tr.get_or_add_trPr().insert(0, OxmlElement("w:cantSplit"))
        for tc, width, stands in zip(tr.tc_lst, widths, columns.upright, strict=False):
            tc.width = width
            if r == 0 and stands:
                direction = OxmlElement("w:textDirection")
                direction.set(qn("w:val"), "btLr")
                tc.get_or_add_tcPr().append(direction)


def _body_points(document: Document) -> float:
    """The size of body text: the Normal style's, else the document default, else 11."""
    with contextlib.suppress(KeyError):
        size = document.styles["Normal"].font.size
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
        self.per_inch = PER_INCH_AT_1PT / _body_points(document)
        self.portrait = Emu((section.page_width or Inches(8.5)) - margins)
        self.landscape = Emu((section.page_height or Inches(11)) - margins)

    def fits(self, needs: Columns) -> bool:
        """Whether a table fits across a portrait page in body text."""
        return needs.fit(self.portrait, self.per_inch)

    def place(self, needs: Columns) -> tuple[bool, float | None]:
        """Where a table goes, as (landscape, point size; None for that of body text): the
        first that holds it of the page, the page in small print, landscape pages in
        smaller print."""
        if needs.fit(self.portrait, self.per_inch):
            return False, None
        if needs.fit(self.portrait, PER_INCH_AT_1PT / SMALL):
            return False, SMALL
        return True, SMALLEST

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
