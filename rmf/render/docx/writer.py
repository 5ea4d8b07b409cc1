"""A rendered document's Markdown laid out in Word: headings, lists, tables and links."""

from __future__ import annotations

import dataclasses
import io
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Pt, Twips
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from markdown_it import MarkdownIt
from markdown_it.token import Token

from rmf.render.docx import layout as docx_layout
from rmf.render.docx import package as docx_package
from rmf.render.docx import styles as docx_styles
from rmf.render.docx.inline import CODE_FONT, PICTURE_WIDTH, Links, bookmarks, plain, runs
from rmf.render.docx.tree import diagram_items
from rmf.render.images import Pictures
from rmf.render.markup import STATUS_SHADES, status_of
from rmf.render.views import Meta

TABLE_STYLES = ("RMF Table", "Table Grid")  # a house template may define "RMF Table"
ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MD = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")

KEPT_WITH_TABLE = 3  # paragraphs between a heading and its table kept on the table's page


@dataclass
class _List:
    """A list being written: its depth, whether numbered, and where its item stands."""

    level: int
    ordered: bool
    start: int
    numbering: tuple[int, int] | None = None
    counter: int = 0
    first: bool = False


class _Writer:
    """Walks the Markdown tokens of one document and adds each block to the document."""

    def __init__(self, document: Document, path: str, documents: frozenset[str]) -> None:
        self.doc = document
        self.links = Links(posixpath.dirname(path), documents)
        self.diagrams: frozenset[str] = frozenset()
        self.pictures: Mapping[str, bytes] = {}
        self.styles: dict[str, str | None] = {}
        self.lists: list[_List] = []
        self.marks: list[str] = []
        self.headings = 0
        self.quote: str | None = None
        self.title: str | None = None
        self.after_table = False
        self.pages = docx_layout.Pages(document)
        self.section_start: Any | None = None  # the heading a landscape page would start at
        # a handbook's chapters, by their headings' anchors: each level-2 heading starts
        # a page, and the contents before the first chapter give each chapter's page
        self.chapters: frozenset[str] = frozenset()
        self.front = True  # no chapter has started yet

    # --- styles ---------------------------------------------------------------------

    def style(self, *names: str) -> str | None:
        """The id of the first of the named styles the document has, or can be given.
        Ids are set on the XML directly: python-docx looks a name up anew each time."""
        for name in names:
            if name not in self.styles:
                found = docx_styles.ensure(self.doc, name)
                self.styles[name] = self.doc.styles[name].style_id if found else None
            if self.styles[name] is not None:
                return self.styles[name]
        return None

    def paragraph(self, *styles: str) -> Paragraph:
        paragraph = self.doc.add_paragraph()
        style = self.style(*styles)
        if style is not None:
            paragraph._p.style = style
        if self.after_table and not any(s.startswith(("Heading", "Title")) for s in styles):
            # table styles end without space below; text must not touch the last row
            paragraph.paragraph_format.space_before = Pt(8)
        self.after_table = False
        return paragraph

    # --- blocks ---------------------------------------------------------------------

    def write(self, tokens: list[Token]) -> None:
        self.marks, self.links.bookmarks = bookmarks(tokens)
        self.anchors = list(self.links.bookmarks)  # by heading, in order
        i = 0
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind == "heading_open":
                self._heading(int(token.tag[1:]), tokens[i + 1])
                i += 2
            elif kind == "paragraph_open":
                paragraph = self._block_paragraph()
                self._runs(paragraph, tokens[i + 1])
                if self.chapters and self.front and self.lists:
                    self._page_of(paragraph, tokens[i + 1])
                if _bold_only(tokens[i + 1]):  # a run-in heading stays with what it heads
                    docx_styles.keep_with_next(paragraph._p)
                i += 2
            elif kind in ("bullet_list_open", "ordered_list_open"):
                start = int(token.attrGet("start") or 1)
                self.lists.append(_List(len(self.lists) + 1, kind == "ordered_list_open", start))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                self.lists[-1].first = True
            elif kind == "blockquote_open":
                # the framework line under the title reads as its subtitle
                after_title = i > 0 and tokens[i - 1].type == "heading_close"
                self.quote = "Subtitle" if after_title and tokens[i - 1].tag == "h1" else "Quote"
            elif kind == "blockquote_close":
                self.quote = None
            elif kind == "table_open":
                i = self._table(tokens, i)
            elif kind in ("fence", "code_block"):
                self._code(token)
            i += 1

    def _heading(self, level: int, inline: Token) -> None:
        if level == 1 and self.title is None:
            paragraph = self.paragraph("Title", "Heading 1")
            self.title = inline.content
        else:
            paragraph = self.paragraph(f"Heading {max(level - 1, 1)}")
            if self.chapters and level == 2:
                paragraph.paragraph_format.page_break_before = True
        self.section_start = paragraph._p
        mark, self.headings = self.headings, self.headings + 1
        if self.anchors[mark] in self.chapters:
            self.front = False
        start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        start.set(qn("w:id"), str(mark))
        start.set(qn("w:name"), self.marks[mark])
        end.set(qn("w:id"), str(mark))
        paragraph._p.append(start)
        self._runs(paragraph, inline)
        paragraph._p.append(end)

    def _page_of(self, paragraph: Paragraph, inline: Token) -> None:
        """A contents entry (a list item that is one link to a chapter) followed by a dot
        leader and the chapter's page, a field the office suite fills in as it lays the
        pages out."""
        kids = inline.children or []
        href = str(kids[0].attrGet("href") or "") if kids else ""
        whole = len(kids) >= 3 and kids[0].type == "link_open" and kids[-1].type == "link_close"
        if not (whole and href.startswith("#") and href[1:] in self.chapters):
            return
        if any(k.type == "link_open" for k in kids[1:]):
            return
        stops = paragraph.paragraph_format.tab_stops
        stops.add_tab_stop(self.pages.portrait, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        paragraph.add_run().add_tab()
        docx_styles.field(paragraph, f"PAGEREF {self.links.bookmarks[href[1:]]} \\h")

    def _runs(self, paragraph: Paragraph, inline: Token, bold: bool = False) -> None:
        runs(paragraph, inline, self.links, self.style(docx_styles.HYPERLINK), bold)

    def _block_paragraph(self) -> Paragraph:
        """A paragraph styled by where it stands: in a list item, a quote, or the body."""
        if self.quote is not None:
            return self.paragraph(self.quote, "Quote")
        if not self.lists:
            return self.paragraph()
        current = self.lists[-1]
        suffix = "" if current.level == 1 else f" {min(current.level, 3)}"
        if not current.first:
            return self.paragraph(f"List Continue{suffix}", "List Continue")
        current.first = False
        current.counter += 1
        base = "List Number" if current.ordered else "List Bullet"
        name = f"{base}{suffix}" if self.style(f"{base}{suffix}") else base
        paragraph = self.paragraph(name)
        if self.style(name) is None:
            marker = f"{current.start + current.counter - 1}. " if current.ordered else "• "
            paragraph.add_run(marker)
        elif current.ordered:
            if current.numbering is None and current.counter == 1:
                current.numbering = docx_styles.restart(self.doc, name, current.start)
            if current.numbering is not None:
                docx_styles.number(paragraph, current.numbering)
        return paragraph

    def _code(self, token: Token) -> None:
        picture = self.pictures.get(token.content.strip())
        if token.info.strip() == "mermaid" and picture is not None:
            # a chart a list cannot show: its picture, as wide as the text
            self.paragraph().add_run().add_picture(io.BytesIO(picture), width=PICTURE_WIDTH)
            return
        if token.info.strip() == "mermaid" and token.content.strip() in self.diagrams:
            for depth, title, subtitle in diagram_items(token.content):
                level = f"List Bullet {min(depth + 1, 3)}" if depth else "List Bullet"
                paragraph = self.paragraph(level, "List Bullet")
                if depth > 2:  # deeper than the list styles go: indent by the same step
                    paragraph.paragraph_format.left_indent = Twips(360 * (depth + 1))
                paragraph.add_run(title).bold = True
                if subtitle:
                    paragraph.add_run(f" — {subtitle}")
            return
        for line in token.content.rstrip("\n").split("\n"):
            self.paragraph().add_run(line).font.name = CODE_FONT

    # --- tables ---------------------------------------------------------------------

    def _table(self, tokens: list[Token], i: int) -> int:
        """A Markdown table as a Word table: header row repeated on each page, bold."""
        rows: list[list[tuple[Token, str | None]]] = []
        heads = 0
        while tokens[i].type != "table_close":
            token = tokens[i]
            if token.type == "tr_open":
                rows.append([])
            elif token.type in ("th_open", "td_open"):
                aligned = str(token.attrGet("style") or "").removeprefix("text-align:")
                rows[-1].append((tokens[i + 1], aligned or None))
                heads += token.type == "th_open" and len(rows) == 1
            i += 1
        if heads and all(not inline.content.strip() for inline, _ in rows[0]):
            rows, heads = rows[1:], 0  # an empty heading row (a cover's facts): left out
        columns = max((len(r) for r in rows), default=0)
        if not columns:
            return i
        texts = [[plain(t) for t, _ in r] for r in rows]
        points = docx_layout.points_of(self.doc, *TABLE_STYLES)
        needs = docx_layout.needs_of(texts, heads > 0, self.pages.portrait, points)
        parts = docx_layout.split(needs, self.pages.landscape, min(points, docx_layout.SMALL))
        for n, part in enumerate(parts):
            if n:  # the next columns, beside the first again, a line below
                self.paragraph()
            chosen = [[row[c] for c in part if c < len(row)] for row in rows]
            whole = needs if len(parts) == 1 else None  # measured already
            self._table_part(chosen, heads > 0, points, whole, turned=len(parts) > 1)
        self.section_start = None
        self.after_table = True
        return i

    def _table_part(
        self,
        rows: list[list[tuple[Token, str | None]]],
        heading: bool,
        points: float,
        needs: docx_layout.Columns | None = None,
        turned: bool = False,
    ) -> None:
        """One Word table of the given cells, sized to them, on landscape pages in
        smaller type where the portrait page is too narrow (always when `turned`: the
        parts of a table split by its columns stay on the same pages)."""
        columns = max(len(r) for r in rows)
        table = self.doc.add_table(rows=len(rows), cols=columns)
        style = self.style(*TABLE_STYLES)
        if style is not None:
            table._tbl.tblPr.style = style
        # cells straight from the XML: python-docx's table.cell() walks the whole table
        for r, (tr, row) in enumerate(zip(table._tbl.tr_lst, rows, strict=True)):
            for c, (inline, align) in enumerate(row[:columns]):
                paragraph = _Cell(tr.tc_lst[c], table).paragraphs[0]
                if align in ("center", "right"):
                    paragraph.alignment = ALIGN[align]
                self._runs(paragraph, inline, bold=r == 0 and heading)
                state = status_of(inline.content) if r > 0 or not heading else None
                if state is not None:
                    docx_styles.shade(tr.tc_lst[c], STATUS_SHADES[state])
        if heading:
            docx_styles.table_header(table.rows[0])
        pages = self.pages
        if needs is None:
            texts = [[plain(t) for t, _ in r] for r in rows]
            needs = docx_layout.needs_of(texts, heading, pages.portrait, points)
        landscape, size = pages.place(needs, points, turned)
        width = pages.landscape if landscape else pages.portrait
        docx_layout.size(table._tbl, needs.widths(width, size), needs, size)
        if size != points:
            for run in table._tbl.iter(qn("w:r")):
                run.get_or_add_rPr().sz_val = Pt(size)
        self._keep_heading(table._tbl)
        if landscape:
            start = table._tbl if self.section_start is None else self.section_start
            pages.turn(start, table._tbl)
        self.section_start = None
        self.after_table = True

    def _keep_heading(self, table: Any) -> None:
        """Keep the heading above a table, and the few paragraphs between, on the page of
        the table's first rows."""
        if self.section_start is None:
            return
        between, block = [], table.getprevious()
        while block is not None and block is not self.section_start:
            between.append(block)
            block = block.getprevious()
        if block is None or len(between) > KEPT_WITH_TABLE:
            return
        if all(b.tag == qn("w:p") for b in between):
            for paragraph in (self.section_start, *between):
                docx_styles.keep_with_next(paragraph)


def _bold_only(inline: Token) -> bool:
    """Whether a paragraph's text is all bold, as a line that heads what follows."""
    kids = [k for k in inline.children or () if k.type != "softbreak"]
    return (
        len(kids) >= 3
        and kids[0].type == "strong_open"
        and kids[-1].type == "strong_close"
        and not any(k.type == "strong_close" for k in kids[1:-1])
    )


def to_docx(
    markdown: str,
    *,
    path: str,
    kind: str,
    meta: Meta,
    effective: date | None,
    reference: bytes | None,
    documents: frozenset[str] = frozenset(),
    diagrams: frozenset[str] = frozenset(),
    pictures: Mapping[str, bytes] | None = None,
    images: Pictures | None = None,
    chapters: frozenset[str] = frozenset(),
) -> tuple[str, bytes]:
    """The path and bytes of the .docx made from one rendered Markdown document at `path`,
    in the house style of `reference` (python-docx's default template when None); with
    the anchors of a handbook's `chapters`, each level-2 heading starts a page and the
    contents give each chapter's page."""
    # Word cannot hold what XML 1.0 forbids (control characters a YAML escape can make)
    markdown = _UNSAFE.sub("\ufffd", markdown)
    meta = Meta(**{k: _UNSAFE.sub("\ufffd", v) for k, v in dataclasses.asdict(meta).items()})
    document = docx_package.new_document(reference)
    writer = _Writer(document, path, documents)
    writer.links.pictures = images
    writer.diagrams = diagrams
    writer.pictures = pictures or {}
    writer.chapters = chapters
    writer.write(_MD.parse(markdown))
    writer.pages.finish()
    docx_package.add_footer(document, meta, writer.title or meta.name)
    docx_package.set_properties(document, meta, writer.title or meta.name, kind, effective)
    return path.removesuffix(".md") + ".docx", docx_package.stable_bytes(document)
