"""Every shipped example renders to Word documents that a DOCX reader opens, the same each time."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx_helpers import first_table, headings, render_docx, rows, section, word

from conftest import shipped_frameworks
from rmf.validate.run import load_framework

EXAMPLES = shipped_frameworks()


@pytest.fixture(scope="module", params=EXAMPLES, ids=lambda p: p.name)
def example(request: pytest.FixtureRequest) -> tuple[Path, dict[str, bytes]]:
    path: Path = request.param
    return path, render_docx(path)


def test_every_document_is_a_docx_with_title_and_headings(
    example: tuple[Path, dict[str, bytes]],
) -> None:
    path, files = example
    framework = load_framework(path).framework
    assert framework is not None
    expected = {"index.docx", "communication-plan.docx", "manifest.json"}
    expected |= {f"positions/{r.id}.docx" for r in framework.roles}
    expected |= {f"charters/{b.id}.docx" for b in framework.governance}
    expected |= {f"relationships/{r.id}.docx" for r in framework.relationships}
    assert set(files) == expected
    for name, data in files.items():
        if name == "manifest.json":
            continue
        document = word(data)
        outline = headings(document)
        assert outline[0][0] == "Title", name
        assert any(level == "Heading 1" for level, _ in outline), name
        assert document.core_properties.title == outline[0][1]


def test_position_descriptions_show_relationships_seats_and_raci(
    example: tuple[Path, dict[str, bytes]],
) -> None:
    path, files = example
    framework = load_framework(path).framework
    assert framework is not None
    names = {u.id: u.name for u in framework.units}
    bodies = {b.id: b.name for b in framework.governance}
    for role in framework.roles:
        document = word(files[f"positions/{role.id}.docx"])
        managed = [names[r.unit] for r in framework.relationships if r.manager == role.id]
        if managed:
            blocks = section(document, "Business units whose relationship this position manages")
            assert [r[0] for r in rows(first_table(blocks))] == managed, role.id
        seats = [
            (bodies[b.id], "Voting" if m.voting else "Non-voting")
            for b in framework.governance
            for m in b.members
            if m.role == role.id
        ]
        if seats:
            table = first_table(section(document, "Governance bodies"))
            shown = {(r[0], r[2]) for r in rows(table)}
            assert set(seats) <= shown, role.id
        letters = {
            letter
            for p in framework.processes
            for s in p.steps
            for letter, held in (
                ("R", role.id in s.responsible),
                ("A", s.accountable == role.id),
                ("C", role.id in (s.consulted or [])),
                ("I", role.id in (s.informed or [])),
            )
            if held
        }
        if letters:
            table = first_table(section(document, "Process accountabilities"))
            words = {"Responsible": "R", "Accountable": "A", "Consulted": "C", "Informed": "I"}
            shown_letters = {
                letter
                for r in rows(table)
                for w, letter in words.items()
                if w.lower() in r[1].lower()
            }
            assert shown_letters == letters, role.id


def test_charters_show_their_membership(example: tuple[Path, dict[str, bytes]]) -> None:
    path, files = example
    framework = load_framework(path).framework
    assert framework is not None
    titles = {r.id: r.title for r in framework.roles}
    for body in framework.governance:
        document = word(files[f"charters/{body.id}.docx"])
        table = first_table(section(document, "Membership"))
        assert [c.text for c in table.rows[0].cells][2:5] == ["Seats", "Voting", "Ex officio"]
        assert [(r[0], r[3], r[4]) for r in rows(table)] == [
            (
                titles[m.role],
                "Yes" if m.voting else "No",
                "Yes" if m.ex_officio else "No",
            )
            for m in body.members
        ]


def test_two_renders_give_the_same_bytes(example: tuple[Path, dict[str, bytes]]) -> None:
    path, files = example
    assert render_docx(path) == files


def test_archives_hold_no_clock_time(example: tuple[Path, dict[str, bytes]]) -> None:
    path, files = example
    framework = load_framework(path).framework
    assert framework is not None
    effective = framework.framework.effective
    stamp = datetime(2000, 1, 1, tzinfo=UTC)
    if effective is not None:
        stamp = datetime(effective.year, effective.month, effective.day, tzinfo=UTC)
    data = files["index.docx"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        assert entries[0].filename == "[Content_Types].xml"
        assert {e.date_time for e in entries} == {(1980, 1, 1, 0, 0, 0)}
        assert not any(e.filename == "docProps/thumbnail.jpeg" for e in entries)
    props = word(data).core_properties
    assert props.created == props.modified == stamp
    assert props.author == framework.framework.client
    assert props.last_printed is None
