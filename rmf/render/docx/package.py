"""The Word package around a document: the house style, core properties, stable bytes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from docx import Document as open_docx
from docx.document import Document
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Inches, Length, Pt

from rmf.render.kinds import subject as kind_subject
from rmf.render.views import Meta

# Before any real framework's date; used when the framework states no `effective` date.
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold
CONTENT_TYPES = "[Content_Types].xml"
# Parts of a reference that describe its own body, not the house style.
_DROPPED = ("/thumbnail", "/comments", "/commentsExtended", "/commentsIds", "/commentsExtensible")
_CONTENT = ".//w:t[normalize-space()] | .//w:drawing | .//w:pict | .//w:instrText | .//w:fldSimple"


def new_document(reference: bytes | None) -> Document:
    """A document with the house style of the reference (python-docx's default template
    when None) and nothing in its body but the last section's page setup, which holds the
    headers and footers."""
    document = open_docx(io.BytesIO(reference) if reference is not None else None)
    if reference is None:
        _house_defaults(document)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    for owner in (document.part.package, document.part):
        for rid, rel in list(owner.rels.items()):
            if rel.reltype.endswith(_DROPPED):
                del owner.rels[rid]
    return document


def _house_defaults(document: Document) -> None:
    """python-docx's template made a house style for long documents: 1" side margins
    (not 1.25"), 10.5 pt body text 8 pt apart at 1.08 lines (not 11 pt, 10 pt apart at
    1.15), headings 12 pt and 8 pt below what precedes them (not 24 pt and 10 pt), a
    22 pt title and 10 pt tables: a senior position description fits in four pages."""
    section = document.sections[-1]
    section.left_margin = section.right_margin = Inches(1)
    # the document defaults, not the Normal style's: table styles come in between
    styles = document.styles.element
    for spacing in styles.xpath("w:docDefaults/w:pPrDefault/w:pPr/w:spacing"):
        spacing.set(qn("w:after"), "160")
        spacing.set(qn("w:line"), "259")
    run = "w:docDefaults/w:rPrDefault/w:rPr"
    for size in styles.xpath(f"{run}/w:sz | {run}/w:szCs"):
        size.set(qn("w:val"), "21")  # half-points
    for name, before in (("Heading 1", 12), ("Heading 2", 8), ("Heading 3", 8)):
        heading = document.styles[name].paragraph_format
        heading.space_before, heading.space_after = Pt(before), Pt(2)
    document.styles["Title"].font.size = Pt(22)  # a long title on one line more often
    document.styles["Table Grid"].font.size = Pt(10)  # tables a size below body text


def add_footer(document: Document, meta: Meta, title: str) -> None:
    """The document's title, version and "Page N of M" on the first line of the footer,
    the framework and client on the second, in the Footer style's size or else 8 pt:
    pages of many documents in one binder stay apart. Landscape pages get a footer of
    their own as wide as they are. Not when the house template has a footer of its own."""
    sections = document.sections
    first = sections[0]
    if not first.footer.is_linked_to_previous and first.footer._element.xpath(_CONTENT):
        return
    named = meta.client if title == meta.name else f"{meta.name} · {meta.client}"
    line = f"{title} · Version {meta.version}"
    before = None
    for section in sections:
        turned = (section.page_width or 0) > (section.page_height or 0)
        if before is None or turned != before:
            if before is not None:
                section.footer.is_linked_to_previous = False
            _footer(section, line, named)
        before = turned


def _footer(section: Any, line: str, named: str) -> None:
    footer = section.footer
    first = footer.paragraphs[0]
    first.text = ""
    style = first.style
    size = None if style is not None and style.font.size is not None else Pt(8)
    # one tab to a right stop at the text's edge: the template's centre stop would push
    # "Page N of M" onto a line of its own after a long title
    width = (section.page_width or Inches(8.5)) - (section.left_margin or Inches(1))
    width -= section.right_margin or Inches(1)
    stops = first.paragraph_format.tab_stops
    if style is not None:
        for inherited in style.paragraph_format.tab_stops:
            if inherited.position != width:
                stops.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    _sized(first.add_run(f"{line}\tPage "), size)
    _field(first, "PAGE", size)
    _sized(first.add_run(" of "), size)
    _field(first, "NUMPAGES", size)
    second = footer.add_paragraph(style=style)
    _sized(second.add_run(named), size)


def _sized(run: Any, size: Length | None) -> None:
    if size is not None:
        run.font.size = size


def _field(paragraph: Any, code: str, size: Length | None) -> None:
    """A Word field (a page number, the number of pages), every part of it in the size
    of the text around it, so that the number an office suite puts in its place is too."""
    for kind, text in (("begin", None), (None, f" {code} "), ("separate", None), ("", "1")):
        run = paragraph.add_run()
        _sized(run, size)
        if kind is None:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        elif kind == "":
            run.text = text
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
    end = paragraph.add_run()
    _sized(end, size)
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)


def set_properties(
    document: Document, meta: Meta, title: str, kind: str, effective: date | None
) -> None:
    """Core properties fixed by the framework, never by the clock or the template's
    author, so the same framework gives the same file."""
    props = document.core_properties
    stamp = datetime(*effective.timetuple()[:3], tzinfo=UTC) if effective else EPOCH
    subject = fit_property(kind_subject(kind))
    props.title, props.subject, props.category = fit_property(title), subject, subject
    props.author = props.last_modified_by = fit_property(meta.client)
    props.keywords, props.identifier = fit_property(meta.id), fit_property(f"{meta.id}/{kind}")
    props.comments = fit_property(f"{meta.name} · {meta.client} · Version {meta.version}")
    props.version, props.content_status = fit_property(meta.version), fit_property(meta.status)
    props.created, props.modified, props.revision = stamp, stamp, 1
    for printed in props._element.findall(qn("cp:lastPrinted")):
        props._element.remove(printed)


MAX_PROPERTY = 255  # characters python-docx accepts in a core property


def fit_property(text: str, limit: int = MAX_PROPERTY) -> str:
    """`text` within a core property's limit: cut at a word boundary, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:  # a word boundary not far back; else cut inside the word
        cut = cut[:space]
    return cut.rstrip(" ·,;:") + "…"


def zipped(entries: Sequence[tuple[str, bytes]]) -> bytes:
    """A zip of the entries in the given order, with fixed times, attributes and
    compression: the same entries always give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, data, compresslevel=6)
    return buffer.getvalue()


def stable_bytes(document: Document) -> bytes:
    """The document saved as a .docx whose bytes depend on its content alone."""
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as saved:
        entries = [(info.filename, saved.read(info)) for info in saved.infolist()]
    # [Content_Types].xml first, as Office writes it; the rest in python-docx's order.
    entries.sort(key=lambda entry: entry[0] != CONTENT_TYPES)
    return zipped(entries)
