"""`rmf show --origin` over a client with overrides: which field comes from where."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT, TODAY
from rmf.cli.app import app

GOLDEN = Path(__file__).parent / "golden"
CLIENT = "tests/examples/valid/override"  # relative, so that the output names no temp folder
runner = CliRunner()


def show(*args: str) -> str:
    result = runner.invoke(
        app, ["show", CLIENT, *args, "--origin", "--today", TODAY], env={"COLUMNS": "120"}
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def check_golden(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; --update-golden rewrites it"


@pytest.fixture(autouse=True)
def _at_the_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_origin_lists_each_overridden_field_with_where_it_is_written(update_golden: bool) -> None:
    check_golden("override-origin.txt", show(), update_golden)


def test_origin_in_json_gives_each_field_its_origin_and_place(update_golden: bool) -> None:
    out = show("--format", "json")
    check_golden("override-origin.json", out, update_golden)
    overrides = {o["id"]: o for o in json.loads(out)["overrides"]}
    fields = {f["field"]: f for f in overrides["satisfaction"]["fields"]}
    assert fields["target"] == {
        "field": "target",
        "origin": "client",
        "how": "set",
        "at": f"{CLIENT}/indicators.yaml:4",
    }
    assert fields["thresholds"]["how"] == "merged"
    assert fields["name"]["origin"] == "base"
    assert fields["name"]["at"].startswith("tests/examples/valid/_method/framework.yaml:")
    steering = {f["field"]: f["how"] for f in overrides["steering"]["fields"]}
    assert steering["members"] == "extended" and steering["secretary"] == "removed"


def test_an_overridden_entity_is_marked_override_in_every_view() -> None:
    out = show("governance")
    assert "IT Steering Committee [override]" in out
    units = json.loads(show("structure", "--format", "json"))["structure"]
    assert {u["id"]: u["origin"] for u in units}["marketing"] == "client"


def test_without_overrides_origin_adds_no_override_list() -> None:
    result = runner.invoke(
        app, ["show", "frameworks/edmonton", "--origin", "--today", TODAY], env={"COLUMNS": "120"}
    )
    assert result.exit_code == 0
    assert "Overrides —" not in result.stdout
