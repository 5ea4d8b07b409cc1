"""`rmf init --client`: the client's name is data, written exactly, never template source."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TODAY
from rmf.cli.app import app
from rmf.validate.run import validate

runner = CliRunner()
NAMES = [
    "{{ 7*7 }}",
    "{% for x in range(9999999) %}",
    "{{id}} and {{client}}",
    'O\'Brien "Holdings": #1 — {{client_yaml}}',
]


@pytest.mark.parametrize("name", NAMES)
def test_the_client_name_is_held_exactly_and_never_expanded(tmp_path: Path, name: str) -> None:
    dest = tmp_path / "client"
    result = runner.invoke(app, ["init", str(dest), "--client", name, "--today", TODAY])
    assert result.exit_code == 0, result.stderr
    checked = validate(dest, date.fromisoformat(TODAY))
    assert checked.findings == [] and checked.framework is not None
    assert checked.framework.framework.client == name
    assert f"of {name}." in (dest / "framework.yaml").read_text(encoding="utf-8")
    readme = (dest / "README.md").read_text(encoding="utf-8")
    assert readme.splitlines()[0] == f"# Relationship Management Framework — {name}"
    assert "49" not in readme.splitlines()[0]


@pytest.mark.parametrize("separator", ["\n", "\r", "\u2028", "\u2029", "\u0085"])
def test_a_client_name_over_two_lines_is_refused(tmp_path: Path, separator: str) -> None:
    dest = tmp_path / "client"
    result = runner.invoke(app, ["init", str(dest), "--client", f"Acme{separator}x: 1"])
    assert result.exit_code == 2 and "single line" in result.stderr
    assert not dest.exists()
