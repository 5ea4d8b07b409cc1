"""How the `rmf` program ends: with the command's status, its output flushed, and
without taking apart what a one-shot command built."""

from __future__ import annotations

import io
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest

from conftest import ROOT
from rmf.cli import app
from rmf.core import pauses


class Ended(Exception):
    def __init__(self, status: int) -> None:
        self.status = status


@pytest.fixture
def ending(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def fake_exit(status: int) -> None:
        raise Ended(status)

    monkeypatch.setattr(app.os, "_exit", fake_exit)
    pauses.one_shot()
    yield
    pauses.one_shot(False)


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (1, 1), (3, 3)])
def test_a_one_shot_command_ends_with_its_status(
    ending: None, code: int | None, status: int
) -> None:
    with pytest.raises(Ended) as ended:
        app._leave(code)
    assert ended.value.status == status


def test_a_message_for_an_exit_is_shown_and_the_status_is_1(
    ending: None, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(Ended) as ended:
        app._leave("stopped")
    assert ended.value.status == 1
    assert capsys.readouterr().err == "stopped\n"


def test_output_that_cannot_be_flushed_ends_with_status_120(
    ending: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Full(io.StringIO):
        def flush(self) -> None:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(sys, "stdout", Full())
    with pytest.raises(Ended) as ended:
        app._leave(0)
    assert ended.value.status == 120


def test_a_reader_that_has_gone_changes_nothing(
    ending: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Gone(io.StringIO):
        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", Gone())
    with pytest.raises(Ended) as ended:
        app._leave(1)
    assert ended.value.status == 1


def test_a_command_that_lives_on_ends_as_python_ends() -> None:
    pauses.one_shot(False)
    with pytest.raises(SystemExit) as ended:
        app._leave(2)
    assert ended.value.code == 2


def test_a_thread_still_running_is_waited_for(ending: None) -> None:
    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        with pytest.raises(SystemExit) as ended:
            app._leave(0)
        assert ended.value.code == 0
    finally:
        release.set()
        worker.join()


def test_the_program_writes_all_its_output_and_its_status() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "rmf", "validate", "-f", "json", "--strict", "frameworks/edmonton"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("}")
    missing = subprocess.run(
        [sys.executable, "-m", "rmf", "validate", "no-such-framework"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert missing.returncode == 2
    assert "no-such-framework" in missing.stderr


def _names() -> list[str]:
    import typer.main

    return list(typer.main.get_command(app.app).commands)  # type: ignore[attr-defined]


def test_every_command_is_run_by_an_application_of_its_own() -> None:
    names = _names()
    assert len(names) == len(app.COMMANDS)
    for name in names:
        assert app.application_for([name, "--help"]) is not app.app


@pytest.mark.parametrize(
    "args",
    [[], ["--help"], ["--version"], ["valdate"], ["-x", "validate"], ["help"]],
)
def test_anything_but_a_command_gets_the_whole_application(args: list[str]) -> None:
    assert app.application_for(args) is app.app


def test_a_shell_asking_for_completion_gets_the_whole_application(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("_RMF_COMPLETE", "bash_complete")
    assert app.application_for(["validate"]) is app.app


@pytest.mark.parametrize(
    "tail", [["--help"], ["--no-such-option"], ["--format", "nonsense", "-"], ["a", "b", "c"]]
)
def test_a_command_of_its_own_answers_as_in_the_whole_application(tail: list[str]) -> None:
    from typer.testing import CliRunner

    runner = CliRunner()
    for name in _names():
        args = [name, *tail]
        alone = runner.invoke(app.application_for(args), args, prog_name="rmf")
        whole = runner.invoke(app.app, args, prog_name="rmf")
        assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output), name
