"""Tables on the page: widths from content, landscape pages for wide tables, the same footer."""

from __future__ import annotations

import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Pt
from docx_helpers import FIXTURES, first_table, render_docx, section, word

from conftest import FRAMEWORKS
from rmf.render.documents import documents
from rmf.render.docx.layout import measure
from rmf.render.engine import render_view
from rmf.validate.run import load_framework

EDMONTON = word(render_docx(FRAMEWORKS / "edmonton", ["index"])["index.docx"])


def test_a_table_too_wide_for_the_page_goes_on_landscape_pages() -> None:
    sections = EDMONTON.sections
    assert sections[0].orientation == WD_ORIENT.PORTRAIT
    assert sections[-1].orientation == WD_ORIENT.PORTRAIT
    landscape = [s for s in sections if s.orientation == WD_ORIENT.LANDSCAPE]
    assert landscape and all(s.page_width > s.page_height for s in landscape)
    catalogue = first_table(section(EDMONTON, "Indicator catalogue"))
    sizes = {r.font.size for row in catalogue.rows for c in row.cells for r in c.paragraphs[0].runs}
    assert sizes == {Pt(8)}


def test_every_page_keeps_the_footer() -> None:
    """Later sections state no footer of their own, so they take the first one's."""
    footers = EDMONTON.element.body.xpath(".//w:sectPr/w:footerReference")
    assert len(footers) == 1
    footer = "\n".join(p.text for p in EDMONTON.sections[0].footer.paragraphs)
    assert "Edmonton Civic Services Corporation" in footer
    assert all(s.footer.is_linked_to_previous for s in EDMONTON.sections[1:])


def test_columns_are_as_wide_as_their_words_need() -> None:
    needs = measure([["Field", "Value"], ["Tier", "Strategic relationship with a long note"]], True)
    assert needs.least == (8, 14)  # a bold heading is wider
    assert needs.wanted[1] > needs.wanted[0]
    assert not any(needs.upright)


def test_a_matrix_of_letters_stands_its_headings_upright() -> None:
    roles = ["Lead Relationship Manager", "Chief Information Officer", "Engagement Analyst"]
    needs = measure([["Step", *roles], ["Capture", "R", "A", "C"]], True)
    assert needs.upright == (False, True, True, True)
    assert needs.least[1] < len("Relationship")
    assert needs.heading == len("Lead Relationship Manager")


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
