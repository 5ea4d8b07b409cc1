"""`rmf diff --textconv FILE`: a framework file one line per value, for git's textconv."""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from conftest import FORGED, FRAMEWORKS, assert_escaped
from rmf.cli.app import app
from rmf.diff.flat import flat_lines

runner = CliRunner()


def textconv(path: Path | str) -> tuple[int, str]:
    result = runner.invoke(app, ["diff", "--textconv", str(path)])
    return result.exit_code, result.stdout


def test_each_line_names_its_entity_by_id_and_its_field() -> None:
    data = {
        "rmf": 1,
        "roles": [
            {"id": "brm", "title": "BRM", "language": ["English", "French"], "fte": None},
            {"id": "cio", "title": "CIO", "members": [], "x": {}, "voting": False},
        ],
        "framework": {"id": "acme", "effective": "2026-01-01"},
    }
    assert list(flat_lines(data)) == [
        "rmf: 1\n",
        "roles[brm].id: brm\n",
        "roles[brm].title: BRM\n",
        "roles[brm].language[1]: English\n",
        "roles[brm].language[2]: French\n",
        "roles[brm].fte: null\n",
        "roles[cio].id: cio\n",
        "roles[cio].title: CIO\n",
        "roles[cio].members: []\n",
        "roles[cio].x: {}\n",
        "roles[cio].voting: false\n",
        "framework.id: acme\n",
        "framework.effective: 2026-01-01\n",
    ]


def test_a_text_over_several_lines_stays_on_its_line() -> None:
    assert list(flat_lines({"purpose": "One.\nTwo.\n"})) == ["purpose: One.\\nTwo.\\n\n"]


def test_every_shipped_framework_file_converts() -> None:
    for path in sorted(FRAMEWORKS.rglob("*.yaml")):
        code, out = textconv(path)
        assert code == 0 and out, path
    code, out = textconv(FRAMEWORKS / "edmonton" / "governance.yaml")
    assert "governance[it-steering-committee].quorum: 4\n" in out.splitlines(keepends=True)


def test_control_characters_are_escaped(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(f"note: {FORGED}\n", encoding="utf-8")
    code, out = textconv(path)
    assert code == 0
    assert_escaped(out)


def test_a_file_that_is_not_yaml_is_shown_as_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("roles: [\n  - \x1b\n", encoding="utf-8")
    assert textconv(path) == (0, "roles: [\n  - \\x1b\n")
    assert textconv(tmp_path / "missing.yaml")[0] == 0
    assert textconv(os.devnull) == (0, "")


def test_textconv_takes_one_file() -> None:
    result = runner.invoke(app, ["diff", "--textconv", "a.yaml", "b.yaml"])
    assert result.exit_code == 2 and "--textconv takes one file" in result.stderr
