"""Text for a person: no escape code at all under NO_COLOR or off a terminal, and no line
that ends in spaces, whatever the command."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from conftest import FRAMEWORKS, MINIMAL, TODAY
from rmf.cli.app import COMMANDS, app

runner = CliRunner()
EDMONTON = FRAMEWORKS / "edmonton"
BASE = {"COLUMNS": "100", "GITHUB_ACTIONS": "", "NO_COLOR": None, "FORCE_COLOR": None}
# rich takes FORCE_COLOR for a terminal: the runner's output stands for one
SETTINGS = {
    "a pipe": {},
    "NO_COLOR on a terminal": {"NO_COLOR": "1", "FORCE_COLOR": "1"},
}
PADDED = re.compile(r"[ \t](?:\x1b\[[0-9;]*m)*$", re.MULTILINE)


def commands(tmp: str) -> dict[str, list[str]]:
    return {
        "validate": ["validate", f"{tmp}/broken.yaml", "--today", TODAY],
        "show": ["show", str(EDMONTON), "--today", TODAY],
        "show a view": ["show", str(EDMONTON), "raci", "--origin", "--today", TODAY],
        "diff": ["diff", str(FRAMEWORKS / "base"), str(EDMONTON)],
        "scorecard": [
            "scorecard",
            str(EDMONTON),
            "-d",
            str(EDMONTON / "measurements.csv"),
            "-f",
            "table",
            "--today",
            TODAY,
        ],
        "explain": ["explain", "chair-not-member"],
        "explain all": ["explain"],
        "help": ["--help"],
        **{f"{c.__name__} --help": [c.__name__, "--help"] for c in COMMANDS},
    }


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("plain")
    (folder / "broken.yaml").write_text(
        MINIMAL.replace("chair: sales-head", "chair: nobody").replace(
            "principles: [partner]", "principles: []"
        ),
        encoding="utf-8",
    )
    return str(folder)


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("name", list(commands("x")))
def test_text_has_no_escape_code_and_no_padded_line(broken: str, name: str, setting: str) -> None:
    done = runner.invoke(app, commands(broken)[name], env={**BASE, **SETTINGS[setting]})
    assert done.exit_code in (0, 1), done.output
    assert done.stdout.strip()
    for stream in (done.stdout, done.stderr):
        assert "\x1b" not in stream
        assert PADDED.findall(stream) == [], [
            line for line in stream.splitlines() if line != line.rstrip()
        ]


@pytest.mark.parametrize("name", ["validate", "show", "diff", "scorecard"])
def test_on_a_terminal_styles_stay_and_lines_still_end_clean(broken: str, name: str) -> None:
    done = runner.invoke(app, commands(broken)[name], env={**BASE, "FORCE_COLOR": "1"})
    assert "\x1b[" in done.stdout  # the check above would see a style
    assert PADDED.findall(done.stdout) == []
