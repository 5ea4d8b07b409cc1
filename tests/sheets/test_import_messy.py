"""A hand-made spreadsheet, as clients send them: title rows, merged cells, blank rows,
trailing spaces, a name used twice, an unknown parent. Every problem is located by sheet,
row and column; nothing is written; no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from rmf.cli.app import app
from rmf.sheets.imports import import_sheets, write

runner = CliRunner()


def messy(path: Path, *, broken: bool = True) -> Path:
    """An org chart and a role list as a client's analyst would keep them."""
    from openpyxl import Workbook

    book = Workbook()
    units = book.active
    units.title = "Org Units"
    units.append(["Edmonton Civic Services — organisation chart 2026"])
    units.merge_cells("A1:D1")  # a title across the columns
    units.append([])
    units.append(["Unit Name ", " PARENT", "Type", "Notes"])
    units.append(["Office of the CIO", None, "IT", "reports to the president"])
    units.append(["Business Engagement Office  ", "Office of the CIO", "relationship office", None])
    units.append([None, None, None, None])  # a blank row in the middle
    units.append(["Transit", None, "Business Unit", None])
    units.append(["Transit" if broken else "Transit Planning", None, "business", None])
    units.append(["Fleet", "Fnance" if broken else "Transit", "business", None])
    roles = book.create_sheet("Positions")
    roles.append(["Position Title", "Reports To", "Reports To", "Department", "No. of positions"])
    roles.merge_cells("B1:C1")  # one title over two columns
    roles.append(["Chief Information Officer", None, None, "Office of the CIO", 1])
    roles.append(["Business Relationship Manager", "Chief Information Officer", None,
                  "Business Engagement Office", "two" if broken else 2])  # fmt: skip
    roles.append(["Relationship Analyst", "Business Relationship Manager", None,
                  "Business Engagement Office", 1])  # fmt: skip
    roles.merge_cells("D3:D4")  # one department cell for both rows
    raci = book.create_sheet("RACI intake")
    raci.append(["Activity", "Chief Information Officer", "Business Relationship Manager"])
    raci.append(["Capture the request", "I", "R/A"])
    raci.append(["Decide", "A", "X" if broken else "C"])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def test_every_problem_is_located_by_sheet_row_and_column(tmp_path: Path) -> None:
    made = import_sheets([messy(tmp_path / "messy.xlsx")])
    found = [(f.file.split("[")[1].rstrip("]"), f.line, f.column, f.code) for f in made.findings]
    assert found == [
        ("Org Units", 8, 1, "sheet-duplicate-name"),
        ("Org Units", 9, 2, "sheet-unknown-reference"),
        ("Positions", 3, 5, "sheet-bad-value"),
        ("RACI intake", 3, 3, "sheet-bad-value"),
    ]
    unknown = next(f for f in made.findings if f.code == "sheet-unknown-reference")
    assert unknown.message == "B9: no unit `Fnance` in the sheets"
    assert made.files == {}


def test_the_cli_shows_the_mapping_and_the_findings_and_writes_nothing(tmp_path: Path) -> None:
    source = messy(tmp_path / "messy.xlsx")
    done = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "out")])
    assert done.exit_code == 1, done.output
    assert "Traceback" not in done.output
    assert 'A "Unit Name" → name' in done.output
    assert 'D "Notes" → ignored' in done.output
    assert "messy.xlsx[Org Units]:9:2" in done.output and "Fnance" in done.output
    assert "nothing written" in done.output
    assert not (tmp_path / "out").exists()


def test_a_clean_hand_made_sheet_gives_a_framework_whose_findings_are_its_gaps(
    tmp_path: Path,
) -> None:
    from datetime import date

    from rmf.validate.run import validate

    made = import_sheets([messy(tmp_path / "org.xlsx", broken=False)], client="Edmonton")
    assert made.findings == []
    write(made, tmp_path / "fw")
    from ruamel.yaml import YAML

    units = YAML(typ="safe").load((tmp_path / "fw" / "units.yaml").read_text())["units"]
    assert [(u["id"], u.get("parent"), u.get("kind")) for u in units] == [
        ("office-of-the-cio", None, "it"),
        ("business-engagement-office", "office-of-the-cio", "relationship-office"),
        ("transit", None, "business"),
        ("transit-planning", None, "business"),
        ("fleet", "transit", "business"),
    ]
    roles = YAML(typ="safe").load((tmp_path / "fw" / "roles.yaml").read_text())["roles"]
    assert [(r["id"], r["unit"], r.get("reports_to")) for r in roles] == [
        ("chief-information-officer", "office-of-the-cio", None),
        ("business-relationship-manager", "business-engagement-office",
         "chief-information-officer"),
        ("relationship-analyst", "business-engagement-office", "business-relationship-manager"),
    ]  # fmt: skip
    processes = YAML(typ="safe").load((tmp_path / "fw" / "processes.yaml").read_text())
    assert [(p["id"], p["name"]) for p in processes["processes"]] == [("intake", "Intake")]
    found = validate(tmp_path / "fw", date(2026, 11, 26)).findings
    errors = sorted({(f.code, f.message.split("`")[-2]) for f in found if f.severity == "error"})
    # the sheets hold no purposes, responsibilities, owners or relationships: the gaps
    assert errors == [
        ("missing-field", "owner"),
        ("missing-field", "purpose"),
        ("missing-field", "responsibilities"),
        ("missing-field", "responsible"),  # the step `Decide` has no R
        ("relationship-coverage", "fleet"),
        ("relationship-coverage", "transit"),
        ("relationship-coverage", "transit-planning"),
    ]


def test_an_output_folder_that_holds_anything_is_refused_unless_forced(tmp_path: Path) -> None:
    source = messy(tmp_path / "org.xlsx", broken=False)
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    done = runner.invoke(app, ["import", str(source), "-o", str(out)])
    assert done.exit_code == 2 and "--force" in done.output
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    done = runner.invoke(app, ["import", str(source), "-o", str(out), "--force"])
    assert done.exit_code == 0, done.output
    assert (out / "framework.yaml").is_file() and (out / "notes.txt").read_text() == "mine"


def test_what_is_not_a_spreadsheet_is_refused_in_plain_words(tmp_path: Path) -> None:
    fake = tmp_path / "book.xlsx"
    fake.write_bytes(b"not a zip")
    done = runner.invoke(app, ["import", str(fake), "-o", str(tmp_path / "o")])
    assert done.exit_code == 1 and "unreadable" in done.output and "Traceback" not in done.output
    other = tmp_path / "notes.txt"
    other.write_text("x", encoding="utf-8")
    done = runner.invoke(app, ["import", str(other), "-o", str(tmp_path / "o")])
    assert done.exit_code == 2 and "not a spreadsheet" in done.output


def test_a_csv_of_roles_alone_is_enough(tmp_path: Path) -> None:
    source = tmp_path / "roles.csv"
    source.write_text(
        "Title;Unit;Reports to;Positions\nDirector;IT;;1\nAnalyst  ;IT;Director;3\n",
        encoding="utf-8",
    )
    made = import_sheets([source])
    found = [(f.line, f.column, f.code) for f in made.findings]
    assert found == [(2, 2, "sheet-unknown-reference"), (3, 2, "sheet-unknown-reference")]


def test_the_columns_overrule_a_sheet_name_that_says_otherwise(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Positions and incumbents"  # `incumbents`: a sheet of seats, by its name
    sheet.append(["Job title", "Department", "Supervisor", "Headcount"])
    sheet.append(["Director", "IT", None, 1])
    units = book.create_sheet("Departments")
    units.append(["Department", "Type"])
    units.append(["IT", "IT"])
    book.save(tmp_path / "org.xlsx")
    made = import_sheets([tmp_path / "org.xlsx"])
    assert [(m.grid.name, m.kind) for m in made.sheets] == [
        ("Positions and incumbents", "roles"),
        ("Departments", "units"),
    ]
    assert made.findings == [] and made.counts["roles"] == 1


def test_rows_past_the_limit_are_reported_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rmf.sheets import reading

    monkeypatch.setattr(reading, "MAX_ROWS", 3)
    source = tmp_path / "units.csv"
    source.write_text("Name,Kind\nIT,it\nSales,business\nLegal,business\n", encoding="utf-8")
    made = import_sheets([source])
    assert [(f.line, f.code) for f in made.findings] == [(4, "too-large")]
    assert made.counts["units"] == 2 and made.files == {}


def test_steps_named_alike_get_ids_of_their_own_without_end(tmp_path: Path) -> None:
    raci = tmp_path / "raci-review.csv"
    raci.write_text(
        "Step,Business Relationship Manager\nReview,R\nReview 3,A\nReview,C\nReview,I\n",
        encoding="utf-8",
    )
    roles = tmp_path / "roles.csv"
    roles.write_text("Title,Unit\nBusiness Relationship Manager,IT\n", encoding="utf-8")
    units = tmp_path / "units.csv"
    units.write_text("Name,Kind\nIT,it\n", encoding="utf-8")
    made = import_sheets([units, roles, raci])
    write(made, tmp_path / "out")
    text = (tmp_path / "out" / "processes.yaml").read_text(encoding="utf-8")
    for ident in ("review", "review-3", "review-2", "review-4"):
        assert f"id: {ident}\n" in text


def test_ids_made_unique_stay_ids_and_a_code_names_its_unit(tmp_path: Path) -> None:
    long = "a" * 59 + " b"
    units = tmp_path / "units.csv"
    units.write_text(
        f"Code,Name,Parent,Kind\n100,Head office,,executive\n,{long},100,business\n"
        f",{long},100,business\n",
        encoding="utf-8",
    )
    roles = tmp_path / "roles.csv"
    roles.write_text("Title,Unit\nChief Executive,100\n", encoding="utf-8")
    made = import_sheets([units, roles])
    assert not [f for f in made.findings if f.code == "sheet-unknown-reference"], made.findings
    write(made, tmp_path / "out")
    text = (tmp_path / "out" / "units.yaml").read_text(encoding="utf-8")
    assert "parent: n-100" in text and "--" not in text.replace("---", "")


def test_an_id_given_on_two_rows_is_a_warning_and_the_second_is_renamed(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    units = book.active
    units.title = "Units"
    units.append(["Id", "Name", "Kind"])
    units.append(["it", "Information Technology", "it"])
    units.append(["it", "Internal Transit", "business"])  # the analyst reused a code
    roles = book.create_sheet("Roles")
    roles.append(["Title", "Unit"])
    roles.append(["Chief Information Officer", "it"])
    path = tmp_path / "units.xlsx"
    book.save(path)
    made = import_sheets([path])
    twice = [f for f in made.findings if f.code == "sheet-duplicate-id"]
    assert [(f.line, f.column, f.severity.value) for f in twice] == [(3, 1, "warning")]
    assert twice[0].message == (
        "A3: `it` is already the id of Units row 2: this row gets `it-2`, and a cell "
        "naming `it` means the entity of Units row 2"
    )
