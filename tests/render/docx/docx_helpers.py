"""Helpers the Word tests share: render to .docx in memory, read a document's outline."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import docx
from docx import Document as open_docx
from docx.document import Document
from docx.shared import Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from conftest import TODAY
from rmf.render.kinds import KINDS
from rmf.render.pipeline import prepare

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"
DAY = date.fromisoformat(TODAY)


def render_docx(
    path: Path, kinds: Iterable[str] = KINDS, reference: Path | None = None
) -> dict[str, bytes]:
    """Every file `rmf render -f docx` would write into an empty folder."""
    out = HERE / "no-such-folder"
    return prepare(path, out, "docx", kinds, reference_docx=reference, today=DAY).files


def word(data: bytes) -> Document:
    return open_docx(io.BytesIO(data))


def style(block: Paragraph | Table) -> str:
    found = block.style
    return found.name if found is not None and found.name is not None else ""


def headings(document: Document) -> list[tuple[str, str]]:
    """(style, text) of the title and every heading, in order."""
    return [
        (style(p), p.text)
        for p in document.paragraphs
        if style(p) == "Title" or style(p).startswith("Heading")
    ]


def section(document: Document, heading: str) -> list[Paragraph | Table]:
    """The blocks after a heading, up to the next heading or title."""
    out: list[Paragraph | Table] = []
    inside = False
    for block in document.iter_inner_content():
        name = style(block) if isinstance(block, Paragraph) else ""
        if name == "Title" or name.startswith("Heading"):
            if inside:
                break
            inside = isinstance(block, Paragraph) and block.text == heading
        elif inside:
            out.append(block)
    assert inside or out, f"no heading {heading!r}"
    return out


def rows(table: Table) -> list[list[str]]:
    """The body rows of a table as cell text (the heading row left out)."""
    return [[cell.text for cell in row.cells] for row in table.rows[1:]]


def first_table(blocks: list[Paragraph | Table]) -> Table:
    return next(b for b in blocks if isinstance(b, Table))


def text(blocks: list[Paragraph | Table]) -> str:
    return "\n".join(b.text for b in blocks if isinstance(b, Paragraph))


BODY = "Template body text that must not reach the documents"


def png() -> bytes:
    """A 1×1 PNG, made here so that the test needs no image file."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xcc\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def house(path: Path, footer: bool = True) -> Path:
    """A client's letterhead: a logo and name in the header, a footer, its own heading
    font, and body text of its own."""
    document = docx.Document()
    heading = document.styles["Heading 1"]
    heading.font.name = "Arial Black"
    heading.font.color.rgb = RGBColor(0x80, 0x00, 0x20)
    document.styles["Normal"].font.size = Pt(10)
    header = document.sections[0].header.paragraphs[0]
    header.add_run().add_picture(io.BytesIO(png()))
    header.add_run("ACME WATER — house header")
    if footer:
        document.sections[0].footer.paragraphs[0].text = "ACME confidential"
    document.add_paragraph(BODY)
    document.add_table(rows=2, cols=2).cell(0, 0).text = BODY
    document.core_properties.author = "Template Author"
    document.save(str(path))
    return path
