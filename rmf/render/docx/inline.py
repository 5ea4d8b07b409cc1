"""Text within a Word paragraph: emphasis, code, and links that work in Word."""

from __future__ import annotations

import io
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Emu, Inches
from docx.text.paragraph import Paragraph
from markdown_it.token import Token

from rmf.render.images import Pictures, remote
from rmf.render.markup import heading_anchors

CODE_FONT = "Courier New"
_SCHEMES = ("http:", "https:", "mailto:")
# A picture (a chart, or one in the text) at most as wide as the text, and less tall
# than a portrait page's text.
PICTURE_WIDTH, PICTURE_HEIGHT = Inches(5.5), Inches(8)
_WORD_PICTURES = ("image/png", "image/jpeg", "image/gif")  # what Word shows (not WebP)


@dataclass
class Links:
    """Where links of one document may lead: the documents beside it, by their Markdown
    path, and its own headings, by the anchor HTML gives them; and where its pictures
    come from."""

    folder: str
    documents: frozenset[str]
    bookmarks: dict[str, str] = field(default_factory=dict)
    pictures: Pictures | None = None


def bookmarks(tokens: list[Token]) -> tuple[list[str], dict[str, str]]:
    """A bookmark name per heading, in order, and the name by the heading's HTML anchor,
    so that links within the document (a table of contents) work in Word too."""
    names: list[str] = []
    by_anchor: dict[str, str] = {}
    for anchor in heading_anchors(tokens):
        # Word: at most 40 characters; a leading _ hides it from the bookmark list
        name = f"_rmf{len(names)}_" + re.sub(r"\W", "_", anchor)[:30]
        by_anchor[anchor] = name
        names.append(name)
    return names, by_anchor


def plain(inline: Token) -> str:
    """The text an inline token shows, without its markup and link addresses."""
    return "".join(c.content for c in inline.children or [] if c.type in ("text", "code_inline"))


def runs(
    paragraph: Paragraph, inline: Token, links: Links, link_style: str | None, bold: bool = False
) -> None:
    """Runs for the inline content: emphasis, code, links (to the sibling .docx, an
    external address, or a heading of this document) and line breaks."""
    strong = emphasis = 0
    target: Any = paragraph._p
    for child in inline.children or []:
        kind = child.type
        if kind == "image" and target is paragraph._p:  # not a picture inside a link
            _picture(paragraph, child, links, link_style)
            continue
        if kind in ("text", "code_inline", "softbreak", "image", "html_inline"):
            run = paragraph.add_run(" " if kind == "softbreak" else child.content)
            if bold or strong:
                run.bold = True
            if emphasis:
                run.italic = True
            if kind == "code_inline":
                run.font.name = CODE_FONT
            if target is not paragraph._p:
                target.append(run._r)
                run._r.style = link_style
        elif kind == "hardbreak":
            paragraph.add_run().add_break()
        elif kind in ("strong_open", "strong_close"):
            strong += 1 if kind == "strong_open" else -1
        elif kind in ("em_open", "em_close"):
            emphasis += 1 if kind == "em_open" else -1
        elif kind == "link_open":
            target = _hyperlink(paragraph, str(child.attrGet("href") or ""), links)
        elif kind == "link_close":
            target = paragraph._p


def _picture(paragraph: Paragraph, image: Token, links: Links, link_style: str | None) -> None:
    """A picture from the framework folder, in the line; else its description, a link
    for a web address: Word fetches nothing when the document opens."""
    src = str(image.attrGet("src") or "")
    found = links.pictures.get(src) if links.pictures is not None else None
    if found is not None and found.kind in _WORD_PICTURES:
        run = paragraph.add_run()
        try:
            shape = run.add_picture(io.BytesIO(found.data))
        except Exception:  # python-docx raises several kinds for a header it cannot read
            paragraph._p.remove(run._r)
        else:
            width, height = shape.width or 1, shape.height or 1
            scale = min(1.0, PICTURE_WIDTH / width, PICTURE_HEIGHT / height)
            shape.width, shape.height = Emu(int(width * scale)), Emu(int(height * scale))
            shape._inline.docPr.set("descr", plain(image))
            return
    run = paragraph.add_run(plain(image) or src)
    if remote(src):
        link = _hyperlink(paragraph, src, links)
        link.append(run._r)
        run._r.style = link_style


def _hyperlink(paragraph: Paragraph, href: str, links: Links) -> Any:
    """A hyperlink element for `href` in the paragraph, or the paragraph itself when the
    link has no place in Word (a file that is not one of the documents, a script)."""
    link = OxmlElement("w:hyperlink")
    path, _, fragment = href.partition("#")
    if not path:
        if fragment not in links.bookmarks:
            return paragraph._p
        link.set(qn("w:anchor"), links.bookmarks[fragment])
    else:
        if href.lower().startswith(_SCHEMES):
            url = href
        elif path.endswith(".md") and ":" not in path and not path.startswith("/"):
            if posixpath.normpath(posixpath.join(links.folder, path)) not in links.documents:
                return paragraph._p
            url = path.removesuffix(".md") + ".docx"
        else:
            return paragraph._p
        link.set(qn("r:id"), paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True))
    link.set(qn("w:history"), "1")
    paragraph._p.append(link)
    return link
