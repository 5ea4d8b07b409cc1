"""`rmf explain`: every rule has an explanation whose failing fragment breaks it and whose
passing fragment keeps it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from conftest import MINIMAL
from rmf.cli.app import app
from rmf.core.codes import CODES
from rmf.validate.explain import EXPLANATIONS
from rmf.validate.rules import CATALOGUE
from rmf.validate.run import validate

runner = CliRunner()
DAY = date(2026, 6, 1)


def with_fragment(tmp_path: Path, fragment: str, files: dict[str, str] | None = None) -> Path:
    for name, text in (files or {}).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(MINIMAL)
    data.update(yaml.safe_load(fragment))
    path = tmp_path / "framework.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_every_rule_is_explained() -> None:
    assert set(EXPLANATIONS) == set(CATALOGUE)


@pytest.mark.parametrize("code", sorted(EXPLANATIONS))
def test_the_failing_example_breaks_the_rule_and_the_passing_one_keeps_it(
    tmp_path: Path, code: str
) -> None:
    example = EXPLANATIONS[code]
    failing = validate(with_fragment(tmp_path, example.failing, example.files), DAY).findings
    assert code in {f.code for f in failing}, [f.message for f in failing]
    passing = validate(with_fragment(tmp_path, example.passing, example.files), DAY).findings
    assert code not in {f.code for f in passing}, [f.message for f in passing]


def test_explain_prints_summary_why_and_both_examples() -> None:
    result = runner.invoke(app, ["explain", "chair-not-member"])
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("chair-not-member (error, tunable)")
    assert CATALOGUE["chair-not-member"].summary[1:] in text
    assert EXPLANATIONS["chair-not-member"].why[:40] in text
    assert "Breaks the rule:" in text and "Keeps it:" in text
    assert "    governance:" in text


def test_explain_knows_the_codes_outside_the_rules() -> None:
    result = runner.invoke(app, ["explain", "include-outside"])
    assert result.exit_code == 0 and CODES["include-outside"][1:] in result.stdout


def test_an_unknown_code_gets_the_nearest_and_exit_2() -> None:
    result = runner.invoke(app, ["explain", "chair-not-membr"])
    assert result.exit_code == 2 and "chair-not-member" in result.stderr


def test_explain_without_a_code_lists_every_code() -> None:
    result = runner.invoke(app, ["explain"])
    assert result.exit_code == 0
    for code in (*CATALOGUE, *CODES):
        assert code in result.stdout
