"""Named Word styles: the house template's own, else copied from python-docx's default one."""

from __future__ import annotations

import copy
import functools
from typing import Any, cast

from docx import Document as open_docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement, parse_xml
from docx.parts.numbering import NumberingPart
from docx.shared import RGBColor

HYPERLINK = "Hyperlink"


@functools.cache
def _default() -> Document:
    """python-docx's default template: where a style the house template lacks comes from.
    Read once and only copied from."""
    return open_docx()


def _by_id(document: Document, style_id: str) -> Any | None:
    found = document.styles.element.xpath(f'w:style[@w:styleId="{style_id}"]')
    return found[0] if found else None


def _val(element: Any, path: str) -> str | None:
    found = element.find(path)
    return None if found is None else str(found.get(qn("w:val")))


def _numbering(document: Document) -> Any:
    """The numbering definitions of the document, created when it has none."""
    part = document.part
    try:
        return cast(NumberingPart, part.part_related_by(RT.NUMBERING)).element
    except KeyError:
        xml = f"<w:numbering {nsdecls('w')}/>"
        new = NumberingPart(
            PackURI("/word/numbering.xml"), CT.WML_NUMBERING, parse_xml(xml), part.package
        )
        part.relate_to(new, RT.NUMBERING)
        return new.element


def _copy_numbering(document: Document, num_id: str) -> str | None:
    """Copy a list definition of the default template; returns its id in the document."""
    source = _default().part.numbering_part.element
    nums = source.xpath(f'w:num[@w:numId="{num_id}"]')
    if not nums:
        return None
    abstract_id = _val(nums[0], qn("w:abstractNumId"))
    abstract = source.xpath(f'w:abstractNum[@w:abstractNumId="{abstract_id}"]')[0]
    target = _numbering(document)
    taken = [int(a) for a in target.xpath("w:abstractNum/@w:abstractNumId")]
    new_abstract = copy.deepcopy(abstract)
    new_abstract.set(qn("w:abstractNumId"), str(max(taken, default=-1) + 1))
    # abstract definitions come before every list instance in numbering.xml
    instances = target.xpath("w:num")
    if instances:
        instances[0].addprevious(new_abstract)
    else:
        target.append(new_abstract)
    num = target.add_num(int(new_abstract.get(qn("w:abstractNumId"))))
    return str(num.numId)


def _copy_style(document: Document, style_id: str) -> str | None:
    """Copy a style of the default template, with the styles it is based on and its list
    definition; returns its id in the document, None when the default lacks it too."""
    mine = _by_id(document, style_id)
    if mine is not None:
        return style_id
    found = _by_id(_default(), style_id)
    if found is None:
        return None
    style = copy.deepcopy(found)
    # in place before its references are followed: a linked style links back to it
    document.styles.element.append(style)
    for tag in ("w:basedOn", "w:link", "w:next"):
        ref = style.find(qn(tag))
        if ref is not None and _copy_style(document, str(ref.get(qn("w:val")))) is None:
            style.remove(ref)
    num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    if num_id is not None:
        copied = _copy_numbering(document, str(num_id.get(qn("w:val"))))
        if copied is None:
            num_id.getparent().getparent().remove(num_id.getparent())
        else:
            num_id.set(qn("w:val"), copied)
    return style_id


def ensure(document: Document, name: str) -> bool:
    """Make the named style available: the house template's when it has one, else the
    default template's; False when neither has it."""
    try:
        document.styles[name]
        return True
    except KeyError:
        pass
    if name == HYPERLINK:
        style = document.styles.add_style(HYPERLINK, WD_STYLE_TYPE.CHARACTER, builtin=True)
        style.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
        style.font.underline = True
        return True
    try:
        _copy_style(document, _default().styles[name].style_id)
        document.styles[name]
    except KeyError:
        return False
    return True


def restart(document: Document, name: str, start: int) -> tuple[int, int] | None:
    """A new instance of the list definition of a numbered style, counting from `start`,
    so that each numbered list starts afresh: (numId, level) for its paragraphs, or None
    when the style does not number its paragraphs itself."""
    element = document.styles[name].element
    num_pr = element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    num_id = None if num_pr is None else _val(num_pr, qn("w:numId"))
    if num_id is None:
        return None
    level = int(_val(num_pr, qn("w:ilvl")) or 0)
    numbering = _numbering(document)
    nums = numbering.xpath(f'w:num[@w:numId="{num_id}"]')
    if not nums:
        return None
    abstract_id = int(_val(nums[0], qn("w:abstractNumId")) or 0)
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=level).add_startOverride(start)
    return int(num.numId), level


def number(paragraph: Any, numbering: tuple[int, int]) -> None:
    """Put a paragraph in the list instance `restart` made."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = numbering[1]
    num_pr.get_or_add_numId().val = numbering[0]


def shade(cell: Any, fill: str) -> None:
    """A cell's background colour (hex RGB), kept when printed."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell.get_or_add_tcPr().append(shading)


def table_header(row: Any) -> None:
    """Repeat a table's first row at the top of every page it runs onto, whole, and keep
    it on the page of the row below it."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    tr_pr.append(OxmlElement("w:tblHeader"))
    for paragraph in row._tr.iter(qn("w:p")):
        keep_with_next(paragraph)


def keep_with_next(paragraph: Any) -> None:
    """Keep a paragraph (a `w:p`) on the page of what follows it."""
    paragraph.get_or_add_pPr().keepNext_val = True


def field(paragraph: Any, instruction: str) -> None:
    """A field at the end of the paragraph (`PAGEREF name \\h`), marked for the office
    suite to work out when it opens the document: its result depends on the pages."""
    for kind in ("begin", "instruction", "separate", "end"):
        run = paragraph.add_run()._r
        if kind == "instruction":
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = f" {instruction} "
            run.append(text)
            continue
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            char.set(qn("w:dirty"), "true")
        run.append(char)
