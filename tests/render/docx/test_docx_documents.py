"""Word documents carry the same derived facts as Markdown, as real headings, lists and tables."""

from __future__ import annotations

from typing import Any

import pytest
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx_helpers import (
    FIXTURES,
    first_table,
    headings,
    render_docx,
    rows,
    section,
    style,
    text,
    word,
)

FILES = render_docx(FIXTURES / "derived.yaml")
DOCS = {path: word(data) for path, data in FILES.items() if path.endswith(".docx")}


def test_there_is_one_docx_per_role_and_body_plus_plan_and_index() -> None:
    roles = ["ceo", "cio", "lead-brm", "brm", "analyst", "ops-director", "care-director"]
    bodies = ["executive-team", "it-steering", "relationship-forum"]
    units = ["operations", "treatment", "field-crews", "customer-care"]
    assert set(FILES) == {
        "index.docx",
        "communication-plan.docx",
        "manifest.json",
        *(f"positions/{r}.docx" for r in roles),
        *(f"charters/{b}.docx" for b in bodies),
        *(f"relationships/{u}-relationship.docx" for u in units),
    }


@pytest.mark.parametrize("path", sorted(DOCS))
def test_every_document_states_framework_client_and_version(path: str) -> None:
    document = DOCS[path]
    subtitle = document.paragraphs[1]
    assert style(subtitle) == "Subtitle"
    for fact in ("Northwind Relationship Management Framework", "Northwind Water Authority"):
        assert fact in subtitle.text
        assert fact in footer(document)
    assert "Version 2.1.0" in subtitle.text
    # the document's own title and "Page N of M", so that pages in a binder stay apart
    title = document.paragraphs[0].text
    assert footer(document).startswith(f"{title} · Version 2.1.0\tPage 1 of 1\n")


def footer(document: Any) -> str:
    return "\n".join(p.text for p in document.sections[-1].footer.paragraphs)


def test_a_position_description_is_an_outline_of_word_headings() -> None:
    outline = headings(DOCS["positions/lead-brm.docx"])
    assert outline[0] == ("Title", "Position description: Lead Relationship Manager")
    assert ("Heading 1", "Identification") in outline
    assert ("Heading 1", "Working relationships") in outline
    assert ("Heading 2", "Governance bodies") in outline
    assert ("Heading 1", "Qualifications") in outline
    # qualifications run in after their label: a heading each would fill a page
    blocks = section(DOCS["positions/lead-brm.docx"], "Qualifications")
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert "Education: Degree in information systems." in texts


def test_position_lists_units_it_manages_relationships_with() -> None:
    blocks = section(
        DOCS["positions/lead-brm.docx"], "Business units whose relationship this position manages"
    )
    assert [r[:4] for r in rows(first_table(blocks))] == [
        ["Operations Division", "Strategic", "0.4 FTE", "2 (order taker) → 4 (trusted advisor)"]
    ]
    brm = section(
        DOCS["positions/brm.docx"], "Business units whose relationship this position manages"
    )
    assert [r[0] for r in rows(first_table(brm))] == [
        "Treatment Plants",
        "Field Crews",
        "Customer Care",
    ]


def test_position_lists_bodies_it_sits_on_with_voting_status() -> None:
    table = first_table(section(DOCS["positions/lead-brm.docx"], "Governance bodies"))
    assert [c.text for c in table.rows[0].cells] == [
        "Body",
        "Office",
        "Voting",
        "Seats",
        "Ex officio",
        "Term",
    ]
    assert [r[:5] for r in rows(table)] == [
        ["IT Steering Committee", "Member", "Non-voting", "1", "Yes"],
        ["Relationship Forum", "Chair", "Voting", "1", "No"],
    ]


def test_position_shows_its_raci_letters() -> None:
    def letters(role: str) -> list[tuple[str, str]]:
        blocks = section(DOCS[f"positions/{role}.docx"], "Process accountabilities")
        return [(r[0], r[1]) for r in rows(first_table(blocks))]

    # one row per process, the steps grouped by what the position is in them
    assert letters("lead-brm") == [
        ("Demand Intake", "Accountable: Capture the request. Responsible: Prioritise the request.")
    ]
    assert letters("ops-director") == [
        ("Demand Intake", "Informed: Capture the request. Consulted: Prioritise the request.")
    ]


def test_responsibilities_are_a_numbered_list_with_bulleted_activities() -> None:
    blocks = section(DOCS["positions/lead-brm.docx"], "Key responsibilities")
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    assert (style(paragraphs[0]), paragraphs[0].text) == (
        "List Number",
        "Manage the relationship with Operations. (70% of time)",
    )
    assert (style(paragraphs[1]), paragraphs[1].text) == (
        "List Bullet 2",
        "Meet the Operations director monthly.",
    )
    # the time share is emphasis, as in Markdown
    assert [r.italic for r in paragraphs[0].runs if "70%" in r.text] == [True]


def test_each_numbered_list_counts_from_its_own_start() -> None:
    """Word continues one numbering across a document unless each list has its own."""
    numbered = [
        p for document in DOCS.values() for p in document.paragraphs if style(p) == "List Number"
    ]
    ids = {p._p.pPr.numPr.numId.val for p in numbered}
    per_document = {
        path: {p._p.pPr.numPr.numId.val for p in d.paragraphs if style(p) == "List Number"}
        for path, d in DOCS.items()
    }
    assert ids and all(len(v) <= 1 for v in per_document.values())
    numbering = DOCS["positions/lead-brm.docx"].part.numbering_part.element
    (num_id,) = per_document["positions/lead-brm.docx"]
    (num,) = numbering.xpath(f'w:num[@w:numId="{num_id}"]')
    assert num.xpath("w:lvlOverride/w:startOverride/@w:val") == ["1"]


def test_charter_lists_members_with_voting_and_ex_officio() -> None:
    steering = DOCS["charters/it-steering.docx"]
    table = first_table(section(steering, "Membership"))
    assert [r[:5] for r in rows(table)] == [
        ["Chief Information Officer", "Chair", "1", "Yes", "No"],
        ["Director of Operations", "Member", "1", "Yes", "No"],
        ["Director of Customer Care", "Member", "1", "Yes", "No"],
        ["Lead Relationship Manager", "Member", "1", "No", "Yes"],
    ]
    assert "has 4 seats, 3 of them voting." in text(section(steering, "Membership"))
    assert "Quorum: 2 voting seats" in text(section(steering, "Quorum and voting"))


def test_tables_are_word_tables_with_a_repeating_bold_heading_row() -> None:
    table = first_table(section(DOCS["charters/it-steering.docx"], "Membership"))
    assert table.style is not None and table.style.name == "Table Grid"
    heading = table.rows[0]
    assert heading._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r.bold for c in heading.cells for r in c.paragraphs[0].runs)


def test_plan_has_the_audience_by_communication_matrix() -> None:
    plan = DOCS["communication-plan.docx"]
    tables = [b for b in plan.iter_inner_content() if isinstance(b, Table)]
    assert len(tables) >= 3
    matrix = next(t for t in tables if t.rows[0].cells[0].text == "Audience")
    assert len(matrix.columns) > 3


def test_links_to_other_documents_point_at_the_sibling_docx() -> None:
    document = DOCS["positions/lead-brm.docx"]
    targets = {
        rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")
    }
    assert "cio.docx" in targets
    assert "../charters/it-steering.docx" in targets
    assert "../index.docx" in targets
    assert not any(t.endswith(".md") for t in targets)


def test_index_contents_link_to_bookmarked_headings() -> None:
    index = DOCS["index.docx"]
    body = index.element.body
    anchors = body.xpath(".//w:hyperlink/@w:anchor")
    names = set(body.xpath(".//w:bookmarkStart/@w:name"))
    assert anchors and set(anchors) <= names
    assert all(len(n) <= 40 for n in names)


def test_org_chart_is_an_indented_list_of_units() -> None:
    blocks = section(DOCS["index.docx"], "Structure")
    tree = [(style(b), b.text) for b in blocks if isinstance(b, Paragraph) and b.text]
    # drawn along the line of command: the division's head reports to the chief executive
    assert tree[0] == ("List Bullet", "Executive Office — Chief Executive")
    assert ("List Bullet 2", "Operations Division — Director of Operations") in tree
    assert ("List Bullet 3", "Treatment Plants") in [(s, t.split(" — ")[0]) for s, t in tree]
    assert not any("flowchart" in t for _, t in tree)


def test_raci_matrix_keeps_its_letters_and_its_role_names_level_where_they_fit() -> None:
    blocks = section(DOCS["index.docx"], "Demand Intake")
    table = first_table(blocks)
    assert [c.text for c in table.rows[0].cells][:2] == ["Step", "Relationship Manager"]
    assert rows(table) == [
        ["Capture the request", "R", "A", "I", "", ""],
        ["Prioritise the request", "", "R", "C", "A", "C"],
    ]
    # five roles fit across the page with every word of their names whole
    assert table.rows[0].cells[1]._tc.tcPr.find(qn("w:textDirection")) is None
