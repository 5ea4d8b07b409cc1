"""The error guard: what a user caused exits 1 or 2 with a message; a bug exits 3."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from rmf.cli.common import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_USAGE, guarded
from rmf.core.errors import FrameworkError, RmfError, TemplateError, UsageError


def exit_of(error: BaseException, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    def work() -> int:
        raise error

    with pytest.raises(typer.Exit) as caught:
        guarded(False, work)
    return caught.value.exit_code, capsys.readouterr().err


def test_a_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert exit_of(UsageError("no such thing"), capsys) == (EXIT_USAGE, "rmf: no such thing\n")


def test_a_template_error_exits_1_and_says_where(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = exit_of(TemplateError("'x' is undefined", "t/position.md.j2", 3), capsys)
    assert code == EXIT_FINDINGS
    assert err == "rmf: template error: t/position.md.j2:3: 'x' is undefined\n"


def test_every_user_error_exits_1_never_internal(capsys: pytest.CaptureFixture[str]) -> None:
    class Another(RmfError):
        pass

    assert exit_of(Another("a problem of the user's"), capsys)[0] == EXIT_FINDINGS
    assert exit_of(FrameworkError([]), capsys)[0] == EXIT_FINDINGS


def test_a_bug_exits_3_and_points_at_debug(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = exit_of(ZeroDivisionError("division by zero"), capsys)
    assert code == EXIT_INTERNAL and "internal error" in err and "--debug" in err


def test_init_from_a_base_whose_template_breaks_is_a_template_error(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from conftest import FRAMEWORKS
    from rmf.cli.app import app

    base = tmp_path / "base"
    base.mkdir()
    (base / "framework.yaml").write_bytes((FRAMEWORKS / "starter.yaml").read_bytes())
    (base / "templates").mkdir()
    (base / "templates" / "index.md.j2").write_text("{{ nonsense.here }}\n", encoding="utf-8")
    done = CliRunner().invoke(app, ["init", str(tmp_path / "acme"), "--from", str(base)])
    assert done.exit_code == EXIT_FINDINGS, done.output
    assert "template error" in done.output and "index.md.j2:1" in done.output
    assert not (tmp_path / "acme").exists()


def test_an_error_message_shows_control_characters_escaped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, err = exit_of(UsageError("x.yaml\x1b[1A\x1b[2K\n✔ valid: no such file"), capsys)
    assert code == EXIT_USAGE
    assert err == "rmf: x.yaml\\x1b[1A\\x1b[2K\\n✔ valid: no such file\n"


def test_a_bugs_message_shows_control_characters_escaped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, err = exit_of(KeyError("\x1b]0;pwned\x07"), capsys)
    assert code == EXIT_INTERNAL and "\x1b" not in err and "\\x1b]0;pwned\\x07" in err
