"""`rmf export`: every entity in a sheet with its id, the RACI as the framework says it,
and the same bytes on every run."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from sheets_helpers import (
    EDMONTON,
    MEASUREMENTS,
    edmonton,
    edmonton_workbook,
    grid,
    raci_of,
    raci_of_rows,
)
from typer.testing import CliRunner

from conftest import TODAY
from rmf.cli.app import app
from rmf.sheets.export import export, sheets
from rmf.sheets.tables import sheet_names

runner = CliRunner()


def column(rows: list[list[object]], title: str) -> list[object]:
    at = rows[0].index(title)
    return [r[at] for r in rows[1:]]


def test_every_entity_is_in_its_sheet_by_id() -> None:
    fw, book = edmonton(), grid(edmonton_workbook())
    ids = {r.title: r.id for r in fw.roles}
    assert column(book["Units"], "Id") == [u.id for u in fw.units]
    assert column(book["Roles"], "Id") == [r.id for r in fw.roles]
    assert column(book["Relationships"], "Id") == [r.id for r in fw.relationships]
    assert column(book["Seats"], "Seat id") == [s.id for r in fw.roles for s in r.incumbents or []]
    assert set(column(book["Governance"], "Body id")) == {b.id for b in fw.governance}
    seated = {(b.id, m.role) for b in fw.governance for m in b.members}
    secretaries = {(b.id, b.secretary) for b in fw.governance if b.secretary} - seated
    rows = {(r[0], r[5]) for r in book["Governance"][1:]}
    assert len(book["Governance"]) - 1 == len(seated | secretaries)
    assert {(b, ids[role]) for b, role in rows} == seated | secretaries
    assert column(book["Calendar"], "Id") == [c.id for c in fw.communications]
    assert column(book["Indicators"], "Id") == [i.id for i in fw.indicators]
    processes = {r[0] for name, rows in book.items() if name.startswith("RACI") for r in rows[1:]}
    assert processes == {p.id for p in fw.processes}


def test_the_raci_sheets_are_the_frameworks_raci() -> None:
    fw = edmonton()
    assert raci_of_rows(grid(edmonton_workbook()), fw) == raci_of(fw)


def test_references_read_as_names_and_the_calendar_as_months() -> None:
    book = grid(edmonton_workbook())
    units = book["Units"]
    head = units[0]
    by_id = {r[0]: dict(zip(head, r, strict=True)) for r in units[1:]}
    fw = edmonton()
    some = next(u for u in fw.units if u.parent)
    parent = next(u for u in fw.units if u.id == some.parent)
    assert by_id[some.id]["Parent"] == parent.name
    calendar = book["Calendar"]
    assert calendar[0][6:] == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                               "Oct", "Nov", "Dec"]  # fmt: skip
    for c, row in zip(fw.communications, calendar[1:], strict=True):
        if c.months:
            assert [m + 1 for m, tick in enumerate(row[6:]) if tick] == sorted(set(c.months))


def test_the_latest_measurement_of_each_indicator_with_its_status() -> None:
    rows = grid(edmonton_workbook())["Measurements"]
    head = rows[0]
    assert head[:8] == [
        "Indicator id", "Indicator", "Business unit", "Period", "Value", "Target", "Status",
        "On target",
    ]  # fmt: skip
    from rmf.scorecard.measures import load

    items = load(MEASUREMENTS, edmonton()).items
    overall = [r for r in rows[1:] if r[2] is None]
    for row in overall:
        mine = [i for i in items if i.indicator == row[0] and i.unit is None]
        assert row[3] == max(mine, key=lambda i: i.period).period.text
    assert {r[6] for r in rows[1:]} <= {"red", "amber", "green", "on target", "off target"}


def test_the_workbook_is_the_same_bytes_on_every_run() -> None:
    again = export(EDMONTON, "xlsx", MEASUREMENTS).files
    assert list(again.values()) == [edmonton_workbook()]
    archive = zipfile.ZipFile(io.BytesIO(edmonton_workbook()))
    assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    core = archive.read("docProps/core.xml").decode()
    approved = edmonton().framework.approved or edmonton().framework.effective
    assert approved is not None
    dates = re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", core)
    assert dates == [f"{approved.isoformat()}T00:00:00Z"] * 2


def test_titles_are_styled_frozen_and_filtered() -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(edmonton_workbook()))
    for page in book:
        assert len(page.title) <= 31
        assert page.freeze_panes is not None and page.freeze_panes.endswith("2")
        assert page.auto_filter.ref is not None and page.auto_filter.ref.startswith("A1:")
        assert page["A1"].font.bold
    raci = next(p for p in book if p.title.startswith("RACI"))
    assert raci.freeze_panes == "E2"  # the steps stay in view beside the letters


def test_rows_are_as_tall_as_their_wrapped_prose_and_read_from_the_top() -> None:
    from openpyxl import load_workbook

    units = load_workbook(io.BytesIO(edmonton_workbook()))["Units"]
    titles = [cell.value for cell in units[1]]
    described = titles.index("Description") + 1
    width = units.column_dimensions[units.cell(row=1, column=described).column_letter].width
    tall = 0
    for row in range(2, units.max_row + 1):
        text = str(units.cell(row=row, column=described).value or "")
        height = units.row_dimensions[row].height
        if len(text) > 2 * width:  # two lines at least at the column's width
            assert height is not None and height >= 30, (row, text)
            tall += 1
        for column in range(1, units.max_column + 1):
            assert units.cell(row=row, column=column).alignment.vertical == "top"
    assert tall > 0


def test_sheet_names_are_cut_at_a_word_and_kept_apart() -> None:
    names = sheet_names(["RACI Demand intake and prioritisation"] * 2 + ["a/b:c"])
    assert names == ["RACI Demand intake and…", "RACI Demand intake and… (2)", "a b c"]
    assert all(len(n) <= 31 for n in names)


def test_a_name_two_entities_share_is_written_as_the_id() -> None:
    original = edmonton()
    child = next(u for u in original.units if u.parent)
    parent = next(u for u in original.units if u.id == child.parent)
    other = next(u for u in original.units if u.id not in (child.id, parent.id))
    renamed = [
        u.model_copy(update={"name": parent.name}) if u is other else u for u in original.units
    ]
    fw = original.model_copy(update={"units": renamed})
    units = next(s for s in sheets(fw) if s.name == "Units")
    parent_at = [c.key for c in units.columns].index("parent")
    row = next(r for r in units.rows if r[0] == child.id)
    assert row[parent_at] == parent.id


def test_csv_export_writes_a_file_per_sheet(tmp_path: Path) -> None:
    out = tmp_path / "sheets"
    done = runner.invoke(app, ["export", str(EDMONTON), "-o", str(out), "--today", TODAY])
    assert done.exit_code == 0, done.output
    names = sorted(p.name for p in out.iterdir())
    assert "units.csv" in names and "roles.csv" in names
    assert {f"raci-{p.id}.csv" for p in edmonton().processes} <= set(names)
    text = (out / "units.csv").read_text(encoding="utf-8-sig")
    assert text.startswith("Id,Name,Kind,Parent,Head")


def test_cli_writes_the_workbook_and_refuses_what_it_cannot_write(tmp_path: Path) -> None:
    book = tmp_path / "edmonton.xlsx"
    done = runner.invoke(
        app, ["export", str(EDMONTON), "-o", str(book), "-d", str(MEASUREMENTS), "--today", TODAY]
    )
    assert done.exit_code == 0, done.output
    assert book.read_bytes() == edmonton_workbook()
    for args in (["-o", str(tmp_path / "one.csv")], ["-o", str(tmp_path), "--format", "xlsx"],
                 ["-o", str(tmp_path / "x.xlsx"), "-d", str(tmp_path / "none.csv")]):  # fmt: skip
        done = runner.invoke(app, ["export", str(EDMONTON), *args])
        assert done.exit_code == 2, (args, done.output)
        assert "Traceback" not in done.output


def test_an_invalid_framework_is_refused_with_its_findings(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("rmf: 1\nframework: {id: x}\n", encoding="utf-8")
    done = runner.invoke(app, ["export", str(bad), "-o", str(tmp_path / "x.xlsx")])
    assert done.exit_code == 1
    assert "missing-field" in done.output
    assert not (tmp_path / "x.xlsx").exists()


def test_a_measurement_file_with_errors_is_refused_with_its_findings(tmp_path: Path) -> None:
    data = tmp_path / "m.csv"
    data.write_text("indicator,period,value\nno-such-indicator,2026-Q1,5\n", encoding="utf-8")
    book = tmp_path / "x.xlsx"
    done = runner.invoke(app, ["export", str(EDMONTON), "-o", str(book), "-d", str(data)])
    assert done.exit_code == 1
    assert "m.csv:2:1" in done.output and "Traceback" not in done.output
    assert not book.exists()
