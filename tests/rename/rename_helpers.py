"""Helpers the rename tests share: a copy of the shipped examples, the CLI, comparisons."""

from __future__ import annotations

import itertools
import re
import shutil
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from conftest import FRAMEWORKS, TODAY
from rmf.cli.app import app
from rmf.fmt.comments import scan
from rmf.validate.run import validate

runner = CliRunner()
DAY = date.fromisoformat(TODAY)


def examples(tmp_path: Path) -> Path:
    """A copy of the shipped examples (Edmonton beside the base it extends)."""
    target = tmp_path / "frameworks"
    shutil.copytree(FRAMEWORKS, target)
    return target


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def texts(folder: Path) -> dict[str, str]:
    """Every file under a folder by its path relative to it."""
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def findings(path: Path) -> list[tuple[str, str, int, int, str]]:
    """What `rmf validate` finds: (code, file name, line, column, message)."""
    return [
        (f.code, Path(f.file).name, f.line, f.column, f.message)
        for f in validate(path, DAY).findings
    ]


def _word(ident: str) -> str:
    return rf"(?<![a-z0-9-]){re.escape(ident)}(?![a-z0-9-])"


def only_renamed(before: str, after: str, old: str, new: str) -> bool:
    """Whether `after` is `before` with some whole-word occurrences of `old` written
    `new`, and nothing else changed: line for line, byte for byte."""
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        parts = re.split(_word(old), x)
        choices = itertools.product((old, new), repeat=len(parts) - 1)
        if not any(_join(parts, c) == y for c in choices):
            return False
    return True


def _join(parts: list[str], seps: tuple[str, ...]) -> str:
    return parts[0] + "".join(s + p for s, p in zip(seps, parts[1:], strict=True))


def comments(text: str) -> list[tuple[int, str]]:
    """Every comment of YAML text: (line, text)."""
    return [(c.line, c.text) for c in scan(text).comments]
