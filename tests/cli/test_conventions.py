"""Conventions every command keeps: help in words, one spelling per option, plain flags,
choices refused in plain words, shell completion."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FRAMEWORKS, TODAY
from rmf.cli.app import COMMANDS, app
from rmf.cli.help import argument_label

runner = CliRunner()
# a fixed width, whatever the terminal running the tests
ENV = {"COLUMNS": "100", "GITHUB_ACTIONS": "", "NO_COLOR": None, "FORCE_COLOR": None}
NAMES = [c.__name__ for c in COMMANDS]
EDMONTON = FRAMEWORKS / "edmonton"

# what help showed before: `<list[Path]>`, `<str>`, `{paths}...`, `--strict / --no-strict`
PYTHON_TYPE = re.compile(
    r"\b(str|int|float|bool|bytes|Path|PosixPath|NoneType|Optional|Union|list|dict|tuple)\["
    r"|<[a-zA-Z_|\[\], ]+>|[{}]|\b(str|int|float|bool|NoneType|PosixPath|Path)\b"
)


def invoke(*args: str, env: dict[str, str | None] | None = None, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={**ENV, **(env or {})}, input=stdin)


def command(name: str):  # type: ignore[no-untyped-def]
    import typer.main

    group = typer.main.get_command(app)
    return group.commands[name]  # type: ignore[attr-defined]


def test_every_command_is_walked() -> None:
    shown = invoke("--help").stdout
    for name in NAMES:
        assert re.search(rf"^  {name}\b", shown, flags=re.M), name


@pytest.mark.parametrize("name", ["", *NAMES])
def test_help_names_no_python_type(name: str) -> None:
    done = invoke(*([name] if name else []), "--help")
    assert done.exit_code == 0, done.output
    found = [m.group() for m in PYTHON_TYPE.finditer(done.stdout)]
    assert found == [], done.stdout
    assert "Value error" not in done.stdout


@pytest.mark.parametrize("name", NAMES)
def test_help_shows_flags_alone_and_values_by_their_metavar(name: str) -> None:
    shown = invoke(name, "--help").stdout
    assert " / --no-" not in shown and "[default: no-" not in shown, shown
    cmd = command(name)
    for param in cmd.params:
        if param.param_type_name == "argument":
            assert re.fullmatch(r"\[?[A-Z]+\]?(\.\.\.)?|\[OLD\] \[NEW\]", argument_label(param))
        elif not (getattr(param, "is_flag", False) or getattr(param, "count", False)):
            assert param.metavar and re.fullmatch(r"[A-Z][A-Z:_-]*", param.metavar), param.opts


def test_help_walk_catches_a_python_type() -> None:
    # the check itself: what typer showed for these before
    for shown in ("[PATH]... <list[Path]>", "Usage: rmf fmt [OPTIONS] {paths}...", "WHAT <str>"):
        assert PYTHON_TYPE.search(shown), shown


def test_options_are_spelt_the_same_in_every_command() -> None:
    spellings: dict[str, set[tuple[str, ...]]] = {}
    for name in NAMES:
        for param in command(name).params:
            if param.param_type_name == "option" and param.name != "help":
                opts = tuple(sorted(o for o in param.opts if o != "--out"))
                spellings.setdefault(param.name or "", set()).add(opts)
    assert spellings["output"] <= {("--output", "-o"), ("--output", "--output-file", "-o")}
    assert spellings["output_format"] == {("--format", "-f")}
    assert spellings["today"] == {("--today",)}
    assert spellings["debug"] == {("--debug",)}
    assert "out" not in spellings


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["validate", "-f", "xml", "."],
            "Invalid value for '--format' / '-f': must be text, parsable, json, github, "
            "sarif, gitlab or junit, not 'xml'",
        ),
        (
            ["render", "--format", "rtf", "."],
            "Invalid value for '--format' / '-f': must be md, html, docx or pdf, not 'rtf'",
        ),
        (["show", ".", "-f", "yaml"], "must be text or json, not 'yaml'"),
        (["diff", "--fail-on", "huge"], "Invalid value for '--fail-on': must be major, "),
        (["diff", "-f", "html"], "must be text, markdown, json or changelog, not 'html'"),
        (
            ["scorecard", ".", "-d", "x.csv", "--purpose", "approval"],
            "Invalid value for '--purpose': must be decision, discussion or information, "
            "not 'approval'",
        ),
        (["completion", "tcsh"], "Invalid value for 'SHELL': must be bash, zsh or fish"),
    ],
)
def test_a_bad_choice_is_refused_in_plain_words(args: list[str], message: str) -> None:
    done = invoke(*args)
    assert done.exit_code == 2
    assert message in done.stderr
    assert "Value error" not in done.stderr and "Traceback" not in done.output


def test_a_choice_is_taken_in_any_case(framework_file) -> None:  # type: ignore[no-untyped-def]
    done = invoke("validate", "-f", "JSON", str(framework_file()))
    assert done.exit_code == 0 and done.stdout.startswith("{")


def test_flags_have_no_negative_twin() -> None:
    done = invoke("validate", "--no-strict", ".")
    assert done.exit_code == 2 and "No such option: --no-strict" in done.stderr


def test_render_and_scorecard_still_take_out(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    done = invoke("render", str(FRAMEWORKS / "starter.yaml"), "--out", str(out), "--today", TODAY)
    assert done.exit_code == 0, done.output
    assert (out / "manifest.json").is_file()
    card = tmp_path / "card.md"
    data = EDMONTON / "measurements.csv"
    done = invoke("scorecard", str(EDMONTON), "-d", str(data), "--out", str(card), "--today", TODAY)
    assert done.exit_code == 0, done.output
    assert card.read_text(encoding="utf-8").startswith("#")
    # accepted, not advertised
    for name in ("render", "scorecard"):
        shown = invoke(name, "--help").stdout
        assert "-o, --output" in shown and "--out " not in shown and "--out," not in shown


def test_render_writes_to_output(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    done = invoke("render", str(FRAMEWORKS / "starter.yaml"), "-o", str(out), "--today", TODAY)
    assert done.exit_code == 0 and (out / "manifest.json").is_file()
    done = invoke(
        "render",
        str(FRAMEWORKS / "starter.yaml"),
        "--output",
        str(out),
        "--check",
        "--today",
        TODAY,
    )
    assert done.exit_code == 0, done.output


# --- completion ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shell", "sign"),
    [
        ("bash", "complete -o default -F"),
        ("zsh", "#compdef rmf"),
        ("fish", "complete --command rmf"),
    ],
)
def test_completion_prints_the_shells_script(shell: str, sign: str) -> None:
    done = invoke("completion", shell)
    assert done.exit_code == 0
    assert sign in done.stdout and "_RMF_COMPLETE=complete_" in done.stdout


def complete(words: str, env: dict[str, str | None] | None = None) -> str:
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    done = runner.invoke(
        app,
        [],
        env={
            **ENV,
            "_RMF_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(cword),
            **(env or {}),
        },
        prog_name="rmf",
    )
    assert done.exit_code == 0, done.output
    return done.stdout


def test_the_shell_completes_commands_options_and_choices() -> None:
    assert complete("rmf val").split() == ["validate"]
    assert "completion" in complete("rmf com").split()
    assert complete("rmf validate --for").split() == ["--format"]
    assert complete("rmf validate --format s").split() == ["sarif"]
    assert complete("rmf diff --fail-on ").split() == ["major", "minor", "patch"]
    assert complete("rmf completion ").split() == ["bash", "zsh", "fish"]


def test_zsh_and_fish_ask_for_completions_too() -> None:
    done = runner.invoke(
        app,
        [],
        env={**ENV, "_RMF_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "rmf show x -f "},
        prog_name="rmf",
    )
    assert '"text"' in done.stdout and '"json"' in done.stdout
    done = runner.invoke(
        app,
        [],
        env={
            **ENV,
            "_RMF_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_ARGS": "rmf render -f d",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        },
        prog_name="rmf",
    )
    assert done.stdout.split() == ["docx"]
