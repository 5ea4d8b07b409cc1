"""LibreOffice opens the exported workbook: every sheet converts to CSV with every entity,
and the RACI sheets are the framework's RACI."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from sheets_helpers import edmonton, edmonton_workbook, raci_of, raci_of_rows

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# Calc's own library: LibreOffice without Calc (writer only) cannot open a workbook
CALC = SOFFICE is not None and any(
    (Path(SOFFICE).resolve().parent / name).exists() for name in ("libsclo.so", "libsclo.dylib")
)
pytestmark = pytest.mark.skipif(not CALC, reason="LibreOffice Calc (soffice) is not installed")
# CSV as UTF-8 (76), every sheet to a file of its own (the last field, -1)
EVERY_SHEET = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def test_libreoffice_reads_every_sheet_and_the_raci(tmp_path: Path) -> None:
    book = tmp_path / "edmonton.xlsx"
    book.write_bytes(edmonton_workbook())
    out = tmp_path / "csv"
    done = subprocess.run(
        [SOFFICE or "soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
         "--headless", "--norestore", "--convert-to", EVERY_SHEET, "--outdir", str(out),
         str(book)],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    sheets = {
        p.stem.removeprefix("edmonton-"): list(csv.reader(p.open(encoding="utf-8", newline="")))
        for p in out.glob("*.csv")
    }
    fw = edmonton()
    assert [r[0] for r in sheets["Units"][1:]] == [u.id for u in fw.units]
    assert [r[0] for r in sheets["Roles"][1:]] == [r.id for r in fw.roles]
    assert [r[0] for r in sheets["Relationships"][1:]] == [r.id for r in fw.relationships]
    assert {r[0] for r in sheets["Governance"][1:]} == {b.id for b in fw.governance}
    assert [r[0] for r in sheets["Calendar"][1:]] == [c.id for c in fw.communications]
    assert [r[0] for r in sheets["Indicators"][1:]] == [i.id for i in fw.indicators]
    assert len(sheets["Measurements"]) > 1
    as_read = {name: [[c or None for c in row] for row in rows] for name, rows in sheets.items()}
    assert raci_of_rows(as_read, fw) == raci_of(fw)
