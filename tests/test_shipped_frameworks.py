"""Every shipped example framework validates with no findings at all."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import shipped_frameworks
from rmf.validate.run import validate


def test_there_are_examples() -> None:
    names = {p.name for p in shipped_frameworks()}
    assert {"edmonton", "starter.yaml"} <= names


@pytest.mark.parametrize("path", shipped_frameworks(), ids=lambda p: p.name)
def test_example_validates_clean(path: Path) -> None:
    result = validate(path, date(2026, 11, 26))
    assert [f"{f.file}:{f.line}: {f.code}" for f in result.findings] == []
    assert result.framework is not None


def test_edmonton_is_realistic() -> None:
    result = validate(Path("frameworks/edmonton").resolve(), date(2026, 11, 26))
    fw = result.framework
    assert fw is not None
    business = [u for u in fw.units if u.kind == "business"]
    assert len(business) >= 10
    assert any(u.kind == "relationship-office" for u in fw.units)
    assert any(b.type == "board" for b in fw.governance)
    assert any(i.reported_to for i in fw.indicators)
    assert len(result.checked.source.files) > 5 if result.checked else False


@pytest.mark.parametrize("path", shipped_frameworks(), ids=lambda p: p.name)
def test_example_is_laid_out_as_rmf_fmt_lays_it_out(path: Path) -> None:
    from typer.testing import CliRunner

    from rmf.cli.app import app

    done = CliRunner().invoke(app, ["fmt", "--check", str(path)])
    assert done.exit_code == 0, done.output
