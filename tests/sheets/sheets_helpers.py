"""What the sheet tests share: Edmonton exported once, and a workbook read back as text."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any

from conftest import FRAMEWORKS, TODAY
from rmf.model.framework import Framework
from rmf.validate.run import load_framework

EDMONTON = FRAMEWORKS / "edmonton"
MEASUREMENTS = EDMONTON / "measurements.csv"


@cache
def edmonton() -> Framework:
    from datetime import date

    fw = load_framework(EDMONTON, date.fromisoformat(TODAY)).framework
    assert fw is not None
    return fw


@cache
def edmonton_workbook() -> bytes:
    from rmf.sheets.export import export

    (content,) = export(EDMONTON, "xlsx", MEASUREMENTS).files.values()
    return content


def grid(content: bytes) -> dict[str, list[list[Any]]]:
    """Every sheet of a workbook as rows of cell values."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content))
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book}


def raci_of(fw: Framework) -> dict[tuple[str, str, str], str]:
    """The framework's RACI, from the model itself: (process, step, party) → letters."""
    out = {}
    for p in fw.processes:
        for s in p.steps:
            parties = [*s.responsible, s.accountable, *(s.consulted or []), *(s.informed or [])]
            for party in parties:
                letters = "".join(
                    letter
                    for letter, held in (
                        ("R", party in s.responsible),
                        ("A", party == s.accountable),
                        ("C", party in (s.consulted or [])),
                        ("I", party in (s.informed or [])),
                    )
                    if held
                )
                out[(p.id, s.id, party)] = letters
    return out


def party_ids(fw: Framework) -> dict[str, str]:
    """A RACI column's title → the id of the role or body it names."""
    names = {r.title: r.id for r in fw.roles} | {b.name: b.id for b in fw.governance}
    return names | {i: i for i in names.values()}


def raci_of_rows(
    rows: dict[str, list[list[Any]]], fw: Framework
) -> dict[tuple[str, str, str], str]:
    """The RACI the RACI sheets hold, in the same form as `raci_of`."""
    ids = party_ids(fw)
    out = {}
    for name, table in rows.items():
        if not name.startswith("RACI"):
            continue
        head = table[0]
        for row in table[1:]:
            for title, cell in zip(head[4:], row[4:], strict=True):
                if cell:
                    out[(row[0], row[2], ids[title])] = cell
    return out


def write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path
