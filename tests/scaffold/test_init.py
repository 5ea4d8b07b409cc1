"""`rmf init`: a new client repository validates, renders and passes its own checks."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from conftest import FRAMEWORKS, ROOT, TODAY
from rmf.cli.app import app
from rmf.model.types import ID_MAX, ID_PATTERN
from rmf.reading.reader import read_file
from rmf.scaffold.create import framework_id
from rmf.validate.jsonschema import schema_text
from rmf.validate.run import validate

runner = CliRunner()
DAY = date.fromisoformat(TODAY)
MODELINE = re.compile(r"\A# yaml-language-server: \$schema=(\S+)\n")


def init(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["init", *args, "--today", TODAY])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("init") / "acme"
    code, _, err = init(str(dest), "--client", "Acme Corporation")
    assert code == 0, err
    return dest


# --- the framework ------------------------------------------------------------------


def test_a_new_framework_validates_with_no_findings_at_all(made: Path) -> None:
    result = validate(made, DAY)
    assert result.findings == []
    assert result.framework is not None
    assert result.framework.framework.client == "Acme Corporation"
    assert result.framework.framework.id == "acme-corporation-rmf"


def test_a_new_framework_has_the_multi_file_layout(made: Path) -> None:
    names = {p.relative_to(made).as_posix() for p in made.rglob("*") if p.is_file()}
    for name in (
        "framework.yaml",
        "units.yaml",
        "roles/executive.yaml",
        "relationships.yaml",
        "governance.yaml",
        "policies.yaml",
        "processes.yaml",
        "communications.yaml",
        "indicators.yaml",
        "README.md",
        ".github/workflows/rmf.yml",
        ".pre-commit-config.yaml",
        ".gitattributes",
        "schema/rmf-1.json",
        "schema/rmf-1-include.json",
        "rendered/manifest.json",
        "rendered/index.md",
    ):
        assert name in names, name
    assert not list(made.parent.glob(".acme.rmf-init-*")), "the temporary folder is left"


def test_vs_code_starts_the_language_server_through_the_generic_client(made: Path) -> None:
    settings = json.loads((made / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    command = [settings["glspc.server.command"], *settings["glspc.server.commandArguments"]]
    assert command == ["rmf", "lsp"]
    assert settings["glspc.server.languageId"] == ["yaml"]
    extensions = json.loads((made / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "zsol.vscode-glspc" in extensions["recommendations"]
    result = runner.invoke(app, [*command[1:], "--help"])
    assert result.exit_code == 0 and "language server" in result.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_gitattributes_sends_the_framework_files_and_only_them_to_rmfs_diff_driver(
    made: Path, tmp_path: Path
) -> None:
    import subprocess

    clone = tmp_path / "clone"
    shutil.copytree(made, clone)
    subprocess.run(["git", "init", "-q"], cwd=clone, check=True)
    paths = ["framework.yaml", "roles/executive.yaml", ".pre-commit-config.yaml",
             ".github/workflows/rmf.yml", "README.md"]  # fmt: skip
    done = subprocess.run(
        ["git", "check-attr", "diff", "--", *paths], cwd=clone, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    assert done.stdout.splitlines() == [
        "framework.yaml: diff: rmf",
        "roles/executive.yaml: diff: rmf",
        ".pre-commit-config.yaml: diff: unspecified",
        ".github/workflows/rmf.yml: diff: unspecified",
        "README.md: diff: unspecified",
    ]


def test_its_documents_are_rendered_so_render_check_passes(made: Path) -> None:
    result = runner.invoke(
        app, ["render", str(made), "--check", "--output", str(made / "rendered"), "--today", TODAY]
    )
    assert result.exit_code == 0, result.output


def test_rmf_show_shows_it(made: Path) -> None:
    result = runner.invoke(app, ["show", str(made), "coverage", "--today", TODAY])
    assert result.exit_code == 0 and "not reached" not in result.stdout


def test_every_yaml_file_names_its_schema_and_is_valid_against_it(made: Path) -> None:
    for path in sorted(made.rglob("*.yaml")):
        if ".github" in path.parts or path.name.startswith("."):
            continue
        text = path.read_text(encoding="utf-8")
        match = MODELINE.match(text)
        assert match, f"{path.name} has no modeline"
        schema_file = (path.parent / match.group(1)).resolve()
        expected = "rmf-1.json" if path.name == "framework.yaml" else "rmf-1-include.json"
        assert schema_file == made / "schema" / expected, path
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        data = read_file(str(path), str(path)).data  # dates stay text, as an editor sees them
        checker = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        assert [e.message for e in checker.iter_errors(data)] == [], path


def test_the_schema_it_writes_is_rmf_schema_output(made: Path) -> None:
    assert (made / "schema/rmf-1.json").read_text(encoding="utf-8") == schema_text()
    include = (made / "schema/rmf-1-include.json").read_text(encoding="utf-8")
    assert include == schema_text(include_file=True)


# --- names and ids --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("client", "ident"),
    [
        ("Acme Corporation", "acme-corporation-rmf"),
        ("Ville de Québec — TI", "ville-de-quebec-ti-rmf"),
        ("3M Canada", "client-3m-canada-rmf"),
        ("東京都", "client-rmf"),
        ("A" * 100, "a" * (ID_MAX - 4) + "-rmf"),
        ("a--b__c  d", "a-b-c-d-rmf"),
    ],
)
def test_the_framework_id_is_safe_kebab_case(client: str, ident: str) -> None:
    assert framework_id(client) == ident
    assert re.match(ID_PATTERN, ident) and len(ident) <= ID_MAX


def test_any_client_name_is_written_as_safe_yaml(tmp_path: Path) -> None:
    name = 'Acme: "R&D" #1 — café, [north] {east} & *co'
    code, _, err = init(str(tmp_path / "odd"), "--client", name)
    assert code == 0, err
    fw = validate(tmp_path / "odd", DAY).framework
    assert fw is not None and fw.framework.client == name


def test_without_client_the_folder_name_names_the_client(tmp_path: Path) -> None:
    code, _, err = init(str(tmp_path / "north-water_board"))
    assert code == 0, err
    fw = validate(tmp_path / "north-water_board", DAY).framework
    assert fw is not None and fw.framework.client == "North Water Board"
    assert fw.framework.id == "north-water-board-rmf"


def test_a_client_name_over_two_lines_is_refused(tmp_path: Path) -> None:
    code, _, err = init(str(tmp_path / "x"), "--client", "Acme\nCorp")
    assert code == 2 and "single line" in err
    assert not (tmp_path / "x").exists()


# --- where it writes --------------------------------------------------------------------


def test_a_folder_that_is_not_empty_is_refused(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine", encoding="utf-8")
    code, out, err = init(str(tmp_path / "taken"))
    assert code == 2 and "not empty" in err and out == ""
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["notes.txt"]


def test_an_empty_folder_is_filled(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert init(str(tmp_path / "empty"))[0] == 0
    assert (tmp_path / "empty" / "framework.yaml").is_file()


def test_a_failure_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import rmf.render.engine

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OSError("disk full")

    monkeypatch.setattr(rmf.render.pipeline, "render", broken)
    code, _, err = init(str(tmp_path / "acme"))
    assert code == 3 and "disk full" in err
    assert list(tmp_path.iterdir()) == []


# --- --from a base ----------------------------------------------------------------------


def test_from_a_base_extends_it_by_a_relative_path(tmp_path: Path) -> None:
    shutil.copytree(FRAMEWORKS / "edmonton", tmp_path / "method")
    shutil.copytree(FRAMEWORKS / "base", tmp_path / "base")  # what Edmonton extends
    dest = tmp_path / "clients" / "acme"
    code, _, err = init(str(dest), "--client", "Acme", "--from", str(tmp_path / "method"))
    assert code == 0, err
    root = yaml.safe_load((dest / "framework.yaml").read_text(encoding="utf-8"))
    assert root["extends"] == "../../method"
    assert root["include"] == ["units.yaml", "relationships.yaml"]
    # the title of the client's documents is its own, never the method's
    assert root["framework"]["name"] == "Relationship Management Framework — Acme"
    assert validate(dest, DAY).findings == []
    shown = runner.invoke(app, ["show", str(dest), "structure", "-f", "json", "--origin"])
    assert {u["origin"] for u in json.loads(shown.stdout)["structure"]} == {"base"}
    check = ["render", str(dest), "--check", "--output", str(dest / "rendered"), "--today", TODAY]
    assert runner.invoke(app, check).exit_code == 0


def test_from_a_single_file_base(tmp_path: Path) -> None:
    code, _, err = init(str(tmp_path / "acme"), "--from", str(FRAMEWORKS / "starter.yaml"))
    assert code == 0, err
    assert validate(tmp_path / "acme", DAY).findings == []


def test_from_a_base_with_warnings_says_the_new_framework_inherits_them(tmp_path: Path) -> None:
    base = ROOT / "tests" / "examples" / "invalid" / "unused-principle.yaml"
    code, _, err = init(str(tmp_path / "acme"), "--from", str(base))
    assert code == 0 and "1 warning(s), which the new framework inherits" in err
    assert [f.code for f in validate(tmp_path / "acme", DAY).findings] == ["unused-principle"]


def test_from_a_base_with_errors_is_refused_with_its_findings(tmp_path: Path) -> None:
    base = ROOT / "tests" / "examples" / "invalid" / "chair-not-member.yaml"
    code, _, err = init(str(tmp_path / "acme"), "--from", str(base))
    assert code == 1 and "chair-not-member" in err and "cannot be a base" in err
    assert list(tmp_path.iterdir()) == []


def test_from_a_missing_base_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = init(str(tmp_path / "acme"), "--from", str(tmp_path / "nowhere"))
    assert code == 2 and "no such file or folder" in err
