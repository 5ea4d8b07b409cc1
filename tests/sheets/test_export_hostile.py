"""Text that a spreadsheet would run or cannot hold is exported as text, and comes back."""

from __future__ import annotations

import io
from pathlib import Path

from conftest import ROOT
from rmf.sheets.export import export
from rmf.sheets.imports import import_sheets, write

MINIMAL = ROOT / "tests" / "data" / "minimal.yaml"
FORMULA = '=HYPERLINK("http://example.com","Sales")'


def hostile(tmp_path: Path) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("    name: Sales\n", f"    name: '{FORMULA}'\n", 1)
    text = text.replace("title: Head of Sales", 'title: "Head \\a of Sales"')
    text = text.replace("name: Demand intake", "name: '@Demand: intake [2026]/*?'")
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_name_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    (content,) = export(hostile(tmp_path), "xlsx").files.values()
    book = load_workbook(io.BytesIO(content))
    units = book["Units"]
    cell = units["B3"]
    assert cell.value == FORMULA and cell.data_type == "s"
    roles = [r[1] for r in book["Roles"].iter_rows(values_only=True)]
    assert "Head \\x07 of Sales" in roles  # a control character a worksheet cannot hold
    assert any(n == "RACI @Demand intake 2026" for n in book.sheetnames)


def test_csv_marks_formula_text_and_import_takes_the_mark_off(tmp_path: Path) -> None:
    files = export(hostile(tmp_path), "csv").files
    assert f"'{FORMULA}".replace('"', '""') in files["units.csv"].decode("utf-8-sig")
    folder = tmp_path / "csv"
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_bytes(content)
    made = import_sheets([folder])
    assert made.errors == 0, made.findings
    write(made, tmp_path / "back")
    from ruamel.yaml import YAML

    units = YAML(typ="safe").load((tmp_path / "back" / "units.yaml").read_text(encoding="utf-8"))
    assert [u["name"] for u in units["units"]] == ["IT", FORMULA]
