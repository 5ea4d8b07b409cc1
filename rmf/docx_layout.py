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

# Characters per inch of text at 1 pt, for sizing columns without measuring a font: on
# the wide side (DejaVu Serif, which stands in for Cambria), so that words are not broken.
PER_INCH_AT_1PT = 120
CHARS_PER_INCH = PER_INCH_AT_1PT / 11
SMALL = 8  # points: the text of a table on landscape pages
LONGEST = 60  # characters of a cell beyond which a column gains no more width
UPRIGHT_MOST = 32  # characters of an upright heading the first row grows for
MATRIX_CELL = 3  # a column whose cells are all this short is a matrix column (R, A, ✓)
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
        width and a share of what is left in proportion to what each lacks."""
        room = width / Inches(1) * per_inch
        least, wanted = sum(self.least), sum(self.wanted)
        if wanted <= room or least >= room:
            weights = [float(w) for w in (self.wanted if wanted <= room else self.least)]
        else:
            spare = (room - least) / (wanted - least)
            weights = [
                lo + (hi - lo) * spare for lo, hi in zip(self.least, self.wanted, strict=True)
            ]
        total = sum(weights)
        return [Emu(int(width * w / total)) for w in weights]


def measure(rows: Sequence[Sequence[str]], heading: bool) -> Columns:
    """The needs of each column of a table given as rows of cell text."""
    count = max((len(r) for r in rows), default=0)
    least, wanted, upright = [], [], []
    tallest = 0
    for c in range(count):
        cells = [row[c] for row in rows if c < len(row)]
        body = cells[1:] if heading else cells
        stands = heading and bool(body) and all(len(t) <= MATRIX_CELL for t in body)
        measured = body if stands else cells
        least.append(max((len(w) for t in measured for w in t.split()), default=1) + 2)
        wanted.append(max(least[-1], min(max(map(len, measured), default=1), LONGEST) + 2))
        upright.append(stands and len(cells[0]) > MATRIX_CELL)
        if upright[-1]:  # as wide as the lines the upright heading wraps into
            lines = -(-min(len(cells[0]), 3 * UPRIGHT_MOST) // UPRIGHT_MOST)
            least[-1] = wanted[-1] = max(least[-1], 3 * lines + 1)
        tallest = max(tallest, len(cells[0]) if upright[-1] else 0)
    return Columns(tuple(least), tuple(wanted), tuple(upright), tallest)


def size(table: Any, widths: Sequence[Length], columns: Columns) -> None:
    """Set column and cell widths, and turn the headings of matrix columns upright in a
    first row tall enough for them (LibreOffice does not grow a row for upright text)."""
    for column, width in zip(table.tblGrid.gridCol_lst, widths, strict=True):
        column.w = width
    if columns.heading and table.tr_lst:
        tall = min(columns.heading, UPRIGHT_MOST) / CHARS_PER_INCH + 0.15
        table.tr_lst[0].trHeight_val = Inches(tall)
        table.tr_lst[0].trHeight_hRule = WD_ROW_HEIGHT_RULE.AT_LEAST
    for r, tr in enumerate(table.tr_lst):
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
        self.small_per_inch = PER_INCH_AT_1PT / SMALL
        self.portrait = Emu((section.page_width or Inches(8.5)) - margins)
        self.landscape = Emu((section.page_height or Inches(11)) - margins)

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
