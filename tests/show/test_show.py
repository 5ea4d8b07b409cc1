"""`rmf show`: each view, the JSON form, origins over a base, and refusals."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import (
    FORGED,
    FRAMEWORKS,
    MINIMAL,
    RAW_CONTROL,
    ROOT,
    TODAY,
    assert_escaped,
    shipped_frameworks,
)
from rmf.cli.app import app
from rmf.render.derive import Lookup
from rmf.render.overview import index
from rmf.show.report import TITLES
from rmf.show.shape import VIEWS, forest, shape
from rmf.validate.run import load_framework

Make = Callable[..., Path]
EDMONTON = FRAMEWORKS / "edmonton"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["show", *args, "--today", TODAY], env={"COLUMNS": "120"})
    return result.exit_code, result.stdout, result.stderr


def text(*args: str) -> str:
    code, out, err = run(*args)
    assert code == 0, err
    return out


def as_json(*args: str) -> dict[str, Any]:
    code, out, err = run(*args, "--format", "json")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def test_default_shows_a_summary_and_every_view() -> None:
    code, out, _ = run(str(EDMONTON))
    assert code == 0
    assert out.startswith("Business Engagement — Relationship Management Framework\n")
    assert "18 units (12 business) · 25 roles (35 positions)" in out
    assert "valid, no findings" in out
    for view in VIEWS:
        assert TITLES[view] in out, view


@pytest.mark.parametrize("view", VIEWS)
def test_one_view_shows_that_view_alone(view: str) -> None:
    code, out, _ = run(str(EDMONTON), view)
    assert code == 0
    assert [t for t in TITLES.values() if t in out] == [TITLES[view]]
    assert "valid, no findings" not in out


EXAMPLES = [
    *shipped_frameworks(),
    *sorted(p for p in (ROOT / "tests/examples/valid").iterdir() if not p.name.startswith("_")),
]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_framework_shows_in_both_formats(path: Path) -> None:
    assert TITLES["coverage"] in text(str(path))
    assert set(VIEWS) <= as_json(str(path), "--origin").keys()


def test_structure_nests_units_under_their_parent_with_their_roles() -> None:
    tree = as_json(str(FRAMEWORKS / "starter.yaml"), "structure")["structure"]
    it = next(u for u in tree if u["id"] == "information-technology")
    assert [r["id"] for r in it["roles"]] == ["it-manager", "business-relationship-manager"]
    edmonton = as_json(str(EDMONTON), "structure")["structure"]
    branch = next(u for u in edmonton if u["id"] == "information-technology-branch")
    assert "business-engagement-office" in [u["id"] for u in branch["units"]]


def test_raci_is_the_matrix_the_overview_document_shows() -> None:
    result = load_framework(EDMONTON)
    assert result.checked is not None and result.framework is not None
    shown = shape("x", result.checked, views=["raci"]).raci
    overview = index(Lookup(result.framework)).raci
    assert [m.roles for m in shown] == [t.roles for t in overview]
    assert [[(n, c) for _, n, c in m.steps] for m in shown] == [list(t.steps) for t in overview]


def test_raci_json_gives_a_letter_cell_per_role_in_each_step() -> None:
    first = as_json(str(FRAMEWORKS / "starter.yaml"), "raci")["raci"][0]
    assert first["process"]["id"]
    for step in first["steps"]:
        assert step["id"] and len(step["cells"]) == len(first["roles"])
        assert "A" in "".join(step["cells"])


def test_coverage_counts_a_branch_reached_through_its_department() -> None:
    rows = as_json(str(EDMONTON), "coverage")["coverage"]
    transit = next(r for r in rows if r["unit"]["id"] == "transit-operations")
    vias = {r["via"]["id"] for r in transit["reached_by"] if r["via"]}
    assert vias == {"transportation-services"}
    out = text(str(EDMONTON), "coverage")
    assert "○ through a parent unit" in out


def test_coverage_flags_a_business_unit_no_communication_reaches() -> None:
    path = ROOT / "tests" / "examples" / "invalid" / "unreached-business-unit.yaml"
    code, out, _ = run(str(path), "coverage")
    assert code == 0  # only warnings: the framework can still be shown
    assert "not reached" in out


def test_governance_tree_names_each_chair() -> None:
    out = text(str(EDMONTON), "governance")
    assert "Board of Directors" in out and "chair: Chair of the Board of Directors" in out
    bodies = as_json(str(EDMONTON), "governance")["governance"]
    assert [b["id"] for b in bodies] == ["board-of-directors"]
    assert bodies[0]["bodies"][0]["id"] == "executive-committee"


def test_indicator_catalogue_shows_targets_and_thresholds_in_their_unit() -> None:
    out = text(str(FRAMEWORKS / "starter.yaml"), "indicators")
    items = as_json(str(FRAMEWORKS / "starter.yaml"), "indicators")["indicators"]
    first = items[0]
    assert {"category", "unit", "direction", "target", "thresholds", "owner"} <= first.keys()
    assert first["name"] in out


def test_json_names_the_framework_and_every_view_with_a_summary() -> None:
    data = as_json(str(EDMONTON))
    assert data["version"] == 1 and data["tool"]["name"] == "rmf"
    assert data["framework"]["client"] == "Edmonton Civic Services Corporation"
    assert data["summary"]["counts"]["business_units"] == 12
    # Edmonton adopts the standard method
    assert [Path(p).parent.name for p in data["summary"]["extends"]] == ["base"]
    assert set(VIEWS) <= data.keys()


def test_names_are_shown_as_written_not_read_as_markup(framework_file: Make) -> None:
    path = framework_file(("name: Sales\n", "name: '[bold]Sales[/bold]'\n"))
    code, out, _ = run(str(path), "structure")
    assert code == 0 and "[bold]Sales[/bold]" in out


def test_a_framework_with_errors_is_shown_as_far_as_it_can_be_read(
    framework_file: Make,
) -> None:
    code, out, _ = run(str(framework_file(("chair: sales-head", "chair: nobody"))))
    assert code == 1
    assert "IT Steering Committee" in out
    assert "1 error and 0 warnings: shown as far as the framework could be read" in out


def test_a_framework_that_cannot_be_read_is_refused_with_its_findings(tmp_path: Path) -> None:
    path = tmp_path / "framework.yaml"
    path.write_text("rmf: 1\nunits: [\n", encoding="utf-8")
    code, out, err = run(str(path))
    assert code == 1 and out == ""
    assert "yaml-syntax" in err


def test_an_unknown_view_is_a_usage_error() -> None:
    code, _, err = run(str(EDMONTON), "org-chart")
    assert code == 2 and "WHAT is one of structure" in err


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path / "nowhere"))
    assert code == 2 and "no such file or folder" in err


def test_forest_survives_cycles_and_missing_parents() -> None:
    roots, children = forest([("a", "b"), ("b", "a"), ("c", "gone"), ("d", "c")])
    assert sorted(roots) == ["a", "c"] or sorted(roots) == ["b", "c"]
    assert children["c"] == ["d"]
    shown = [*roots, *(k for v in children.values() for k in v)]
    assert sorted(shown) == ["a", "b", "c", "d"]


# --- origins over a base -------------------------------------------------------------

CLIENT = """\
rmf: 1
extends: ../base
framework:
  id: client
  name: Client framework
  client: Client Co
  version: 2.0.0
  status: draft
units:
  - id: sales
    name: Sales and Service
    kind: business
    head: sales-head
  - id: marketing
    name: Marketing
    kind: business
relationships:
  - id: marketing-relationship
    unit: marketing
    manager: brm
    allocation: 0.25
communications:
  - id: marketing-update
    name: Marketing update
    objective: Keep Marketing informed.
    audience: [marketing]
    owner: brm
    channel: email
    frequency: monthly
"""


@pytest.fixture
def client(tmp_path: Path) -> Path:
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "framework.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "client").mkdir()
    (tmp_path / "client" / "framework.yaml").write_text(CLIENT, encoding="utf-8")
    return tmp_path / "client"


def test_origin_marks_each_entity_base_override_or_client(client: Path) -> None:
    units = as_json(str(client), "structure", "--origin")["structure"]
    assert {u["id"]: u["origin"] for u in units} == {
        "it": "base",
        "sales": "override",
        "marketing": "client",
    }
    out = text(str(client), "structure", "--origin")
    assert "Sales and Service [override]" in out and "Marketing [client]" in out
    assert "IT [base]" in out


def test_origin_summary_counts_what_the_base_gives(client: Path) -> None:
    summary = as_json(str(client), "--origin")["summary"]
    assert summary["extends"] and summary["origins"]["override"] == 1
    assert summary["origins"]["client"] == 3  # marketing, its relationship and update
    out = text(str(client))
    assert "1 overridden, 3 the client's own" in " ".join(out.split())


def test_without_origin_nothing_is_marked(client: Path) -> None:
    units = as_json(str(client), "structure")["structure"]
    assert all("origin" not in u for u in units)
    assert "[base]" not in run(str(client), "structure")[1]


def test_origin_of_a_framework_without_a_base_is_its_own() -> None:
    units = as_json(str(FRAMEWORKS / "starter.yaml"), "structure", "--origin")["structure"]
    assert {u["origin"] for u in units} == {"client"}


@pytest.mark.parametrize("view", [None, *VIEWS])
def test_control_characters_in_names_are_shown_escaped(
    view: str | None, framework_file: Make
) -> None:
    path = framework_file(
        ("name: Minimal framework", f"name: {FORGED}"),
        ("name: Sales\n", f"name: {FORGED}\n"),
        ("title: Head of Sales", f"title: {FORGED}"),
    )
    out = text(str(path), *([view] if view else []))
    if view in (None, "structure", "relationships", "coverage"):
        assert_escaped(out)
        assert "[bold red]x[/]" in out  # not read as markup
    else:
        assert not re.search(RAW_CONTROL, out)


def test_a_unit_tree_hundreds_of_levels_deep_is_shown(framework_file: Make) -> None:
    units = "".join(
        f"  - id: u{i}\n    name: U{i}\n    kind: it\n    parent: {f'u{i - 1}' if i else 'it'}\n"
        for i in range(400)
    )
    out = text(str(framework_file(("roles:\n", units + "roles:\n"))), "structure")
    assert "Head of Sales" in out  # the whole tree is drawn (lines past the width are cut)
