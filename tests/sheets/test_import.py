"""`rmf import`: an export comes back as the same framework, and a hand-made sheet becomes
framework files whose only findings are what the sheets did not say."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sheets_helpers import EDMONTON, edmonton, edmonton_workbook, raci_of
from typer.testing import CliRunner

from conftest import TODAY
from rmf.cli.app import app
from rmf.model.framework import Framework
from rmf.sheets.columns import field_of
from rmf.sheets.imports import import_sheets, write

runner = CliRunner()
UNIT_FIELDS = ("id", "name", "kind", "parent", "head", "headcount", "location", "description")
ROLE_FIELDS = ("id", "title", "unit", "reports_to", "positions", "classification", "job_family",
               "fte", "location", "purpose", "incumbents")  # fmt: skip
RELATIONSHIP_FIELDS = ("id", "unit", "manager", "backup", "counterpart", "tier", "allocation",
                       "maturity", "review", "assignee", "backup_assignee")  # fmt: skip


BODY_FIELDS = ("id", "name", "type", "meets", "reports_to", "chair", "vice_chair", "secretary",
               "members")  # fmt: skip


def sections(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """The imported framework's sections, as its YAML files hold them."""
    from ruamel.yaml import YAML

    out: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(folder.glob("*.yaml")):
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        for key, value in data.items():
            if isinstance(value, list) and key != "include":
                out[key] = value
    return out


def model(entities: list[Any], fields: tuple[str, ...]) -> list[dict[str, Any]]:
    out = []
    for e in entities:
        data = e.model_dump(mode="json", exclude_none=True, by_alias=True)
        kept = {k: v for k, v in data.items() if k in fields}
        if "positions" in kept and "positions" not in e.model_fields_set:
            del kept["positions"]  # the default, written out by export
        for member in kept.get("members", []):  # the defaults, as import leaves them out
            if member.get("voting") is True:
                del member["voting"]
            if member.get("ex_officio") is False:
                del member["ex_officio"]
        out.append(kept)
    return out


def imported_raci(data: dict[str, list[dict[str, Any]]]) -> dict[tuple[str, str, str], str]:
    out: dict[tuple[str, str, str], str] = {}
    for p in data.get("processes", []):
        for s in p["steps"]:
            held = {"R": s.get("responsible", []), "A": [s.get("accountable")],
                    "C": s.get("consulted", []), "I": s.get("informed", [])}  # fmt: skip
            for letter, parties in held.items():
                for party in parties:
                    if party is not None:
                        key = (p["id"], s["id"], party)
                        out[key] = out.get(key, "") + letter
    return out


def round_trip(source: Path, tmp_path: Path) -> dict[str, list[dict[str, Any]]]:
    made = import_sheets([source])
    assert made.errors == 0, made.findings
    write(made, tmp_path / "back")
    return sections(tmp_path / "back")


def same_as_edmonton(data: dict[str, list[dict[str, Any]]], fw: Framework) -> None:
    roles = model(fw.roles, ROLE_FIELDS)
    for role, back in zip(roles, data["roles"], strict=True):
        back.pop("positions", None) if "positions" not in role else None
    assert data["units"] == model(fw.units, UNIT_FIELDS)
    assert data["roles"] == roles
    assert data["relationships"] == model(fw.relationships, RELATIONSHIP_FIELDS)
    assert imported_raci(data) == raci_of(fw)
    assert data["governance"] == model(fw.governance, BODY_FIELDS)


def test_an_exported_workbook_imports_as_the_same_framework(tmp_path: Path) -> None:
    book = tmp_path / "edmonton.xlsx"
    book.write_bytes(edmonton_workbook())
    same_as_edmonton(round_trip(book, tmp_path), edmonton())


def test_exported_csv_files_import_as_the_same_framework(tmp_path: Path) -> None:
    out = tmp_path / "csv"
    done = runner.invoke(app, ["export", str(EDMONTON), "-o", str(out), "--today", TODAY])
    assert done.exit_code == 0, done.output
    same_as_edmonton(round_trip(out, tmp_path), edmonton())


def test_the_round_trip_validates_but_for_what_the_sheets_do_not_hold(tmp_path: Path) -> None:
    from datetime import date

    from rmf.validate.run import validate

    book = tmp_path / "edmonton.xlsx"
    book.write_bytes(edmonton_workbook())
    round_trip(book, tmp_path)
    found = validate(tmp_path / "back", date.fromisoformat(TODAY)).findings
    errors = {f.code for f in found if f.severity == "error"}
    assert errors == {"missing-field"}
    # the sheets hold no responsibilities, charters' purposes or processes' owners
    missing = {f.message.split("`")[-2] for f in found if f.code == "missing-field"}
    assert missing <= {"responsibilities", "purpose", "owner"}, missing


@pytest.mark.parametrize(
    ("kind", "title", "key"),
    [
        ("roles", "Reports To:", "reports_to"),
        ("roles", "  JOB TITLE ", "title"),
        ("roles", "No. of positions", "positions"),
        ("units", "Parent Unit Name", "parent"),
        ("units", "Unit_Type", "kind"),
        ("relationships", "Relationship Manager", "manager"),
        ("relationships", "Allocation (FTE)", "allocation"),
        ("governance", "Committee", "body"),
        ("raci", "Activity", "step"),
        ("roles", "Favourite colour", None),
    ],
)
def test_column_titles_are_matched_forgivingly(kind: str, title: str, key: str | None) -> None:
    assert field_of(kind, title) == key


def test_no_two_fields_of_a_sheet_share_a_name() -> None:
    from rmf.sheets.layout import READ, norm

    for kind, fields in READ.items():
        seen: dict[str, str] = {}
        for f in fields:
            for alias in (f.key.replace("_", " "), f.title, *f.synonyms):
                assert seen.setdefault(norm(alias), f.key) == f.key, (kind, alias)


def test_the_frameworks_metadata_comes_back_and_a_client_can_be_named(tmp_path: Path) -> None:
    from ruamel.yaml import YAML

    book = tmp_path / "edmonton.xlsx"
    book.write_bytes(edmonton_workbook())
    round_trip(book, tmp_path)
    root = YAML(typ="safe").load((tmp_path / "back" / "framework.yaml").read_text("utf-8"))
    m = edmonton().framework
    assert root["framework"] == {
        "id": m.id, "name": m.name, "client": m.client, "version": m.version, "status": m.status
    }  # fmt: skip
    assert root["include"] == [
        "units.yaml", "roles.yaml", "relationships.yaml", "governance.yaml", "processes.yaml"
    ]  # fmt: skip
    made = import_sheets([book], client="Acme Café")
    write(made, tmp_path / "acme")
    root = YAML(typ="safe").load((tmp_path / "acme" / "framework.yaml").read_text("utf-8"))
    assert (root["framework"]["id"], root["framework"]["client"]) == ("acme-cafe-rmf", "Acme Café")
