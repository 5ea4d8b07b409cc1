"""Tables on the page: widths from content, landscape pages for wide tables, the same footer."""

from __future__ import annotations

import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from docx.table import Table
from docx_helpers import FIXTURES, first_table, render_docx, section, word

from conftest import FRAMEWORKS
from rmf.render.documents import documents
from rmf.render.docx.layout import UPRIGHT_MOST, measure
from rmf.render.engine import render_view
from rmf.render.textwidth import ems, longest_word
from rmf.validate.run import load_framework

EDMONTON = word(render_docx(FRAMEWORKS / "edmonton", ["index"])["index.docx"])


def test_a_table_too_wide_for_the_page_goes_on_landscape_pages() -> None:
    sections = EDMONTON.sections
    assert sections[0].orientation == WD_ORIENT.PORTRAIT
    landscape = [s for s in sections if s.orientation == WD_ORIENT.LANDSCAPE]
    assert landscape and all(s.page_width > s.page_height for s in landscape)
    catalogue = first_table(section(EDMONTON, "Indicator catalogue"))
    sizes = {r.font.size for row in catalogue.rows for c in row.cells for r in c.paragraphs[0].runs}
    assert sizes == {Pt(9)}


def test_a_table_too_wide_even_for_landscape_is_split_by_its_columns() -> None:
    parts = [b for b in section(EDMONTON, "Indicator catalogue") if isinstance(b, Table)]
    assert len(parts) == 2
    heads = [[c.text for c in p.rows[0].cells] for p in parts]
    assert heads[0][0] == heads[1][0] == "Indicator"  # each part names its rows
    assert {*heads[0], *heads[1]} >= {"Definition", "Formula", "Owner", "Reported to"}
    assert len(parts[0].rows) == len(parts[1].rows)
    # both parts on the same landscape pages
    body = EDMONTON.element.body
    between = body.index(parts[1]._tbl) - body.index(parts[0]._tbl)
    assert between == 2 and not parts[0]._tbl.getnext().xpath(".//w:sectPr")


def test_a_document_ending_on_a_wide_table_ends_on_its_landscape_page() -> None:
    """No empty portrait section after the last table: it would print a blank page."""
    body = EDMONTON.element.body
    last = body.sectPr.getprevious()
    assert last.tag == qn("w:tbl")
    assert EDMONTON.sections[-1].orientation == WD_ORIENT.LANDSCAPE


def test_every_page_has_the_footer_as_wide_as_the_page() -> None:
    """Sections of one orientation share a footer; where the orientation turns, the
    footer is repeated with its right tab stop at the new text width."""
    turns = 0
    for before, after in zip(EDMONTON.sections, EDMONTON.sections[1:], strict=False):
        turned = before.orientation != after.orientation
        turns += turned
        assert after.footer.is_linked_to_previous != turned
    assert len(EDMONTON.element.body.xpath(".//w:sectPr/w:footerReference")) == turns + 1
    for part in EDMONTON.sections:
        footer = part.footer
        lines = [p.text for p in footer.paragraphs]
        assert lines[0].startswith("Business Engagement — Relationship Management Framework ·")
        assert "Page" in lines[0] and "of" in lines[0]
        assert lines[1] == "Edmonton Civic Services Corporation"
        width = part.page_width - part.left_margin - part.right_margin
        stops = footer.paragraphs[0].paragraph_format.tab_stops
        assert [s.position for s in stops if s.alignment == WD_TAB_ALIGNMENT.RIGHT] == [width]


def test_columns_are_as_wide_as_their_longest_word_in_a_wide_font() -> None:
    needs = measure([["Field", "Value"], ["Tier", "Strategic relationship with a long note"]], True)
    assert needs.least == (ems("Field", bold=True), ems("relationship"))  # bold is wider
    assert needs.wanted[1] == ems("Strategic relationship with a long note")
    assert not any(needs.upright)
    # an office suite may end a line after a hyphen, never inside a word
    assert longest_word("Vice-chair Member") == ems("Member")
    assert ems("MMMM") > ems("iiii") * 2


def test_a_matrix_of_letters_stands_its_headings_upright() -> None:
    roles = ["Lead Relationship Manager", "Chief Information Officer", "Engagement Analyst"]
    needs = measure([["Step", *roles], ["Capture", "R", "A", "C"]], True)
    assert needs.upright == (False, True, True, True)
    assert needs.least[1] < ems("Relationship")
    assert needs.heading == ems("Lead Relationship Manager", bold=True)


def test_upright_headings_get_a_first_row_as_tall_as_they_are_long() -> None:
    blocks = section(EDMONTON, "Complaint handling and escalation")
    table = first_table(blocks)
    heads = [c.text for c in table.rows[0].cells][1:]
    upright = [c._tc.tcPr.find(qn("w:textDirection")) for c in table.rows[0].cells[1:]]
    assert all(u is not None and u.get(qn("w:val")) == "btLr" for u in upright)
    longest = max(min(ems(h, bold=True), UPRIGHT_MOST) for h in heads)
    assert table.rows[0].height >= Inches(longest * 10 / 72)


def test_two_yes_no_columns_are_no_matrix() -> None:
    needs = measure([["Position", "Voting", "Ex officio"], ["Chair", "Yes", "No"]], True)
    assert not any(needs.upright)


def test_a_table_that_fits_keeps_portrait_and_its_widths_fill_the_page() -> None:
    document = word(
        render_docx(FIXTURES / "derived.yaml", ["charter"])["charters/it-steering.docx"]
    )
    assert len(document.sections) == 1
    table = first_table(section(document, "Membership"))
    grid = table._tbl.tblGrid.gridCol_lst
    text_width = document.sections[0].page_width - 2 * document.sections[0].left_margin
    assert abs(sum(c.w for c in grid) - text_width) < 635 * len(grid)  # widths are in twips
    assert grid[0].w > grid[2].w  # a position's name needs more than "Yes"


@pytest.mark.parametrize("kind", ["index"])
def test_a_single_view_renders_to_word_too(kind: str) -> None:
    framework = load_framework(FIXTURES / "derived.yaml").framework
    assert framework is not None
    doc = next(d for d in documents(framework, [kind]))
    rendered = render_view(
        doc.view, doc.template, kind=kind, title=doc.title, path=doc.path, fmt="docx"
    )
    assert rendered.path == "index.docx" and rendered.data is not None
    assert rendered.content == rendered.data
    assert word(rendered.data).paragraphs[0].text == "Northwind Relationship Management Framework"
    assert word(rendered.data).element.body.xpath(".//w:hyperlink")
