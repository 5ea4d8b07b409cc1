"""Build pairs of framework versions from the minimal framework, and compare them."""

from __future__ import annotations

from pathlib import Path

from conftest import MINIMAL
from rmf.diff.compare import Change, Comparison, compare
from rmf.validate.run import load_framework

Edit = tuple[str, str]


def edited(*edits: Edit, text: str = MINIMAL) -> str:
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def write_pair(
    tmp_path: Path, *edits: Edit, old_edits: tuple[Edit, ...] = (), text: str = MINIMAL
) -> tuple[Path, Path]:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(edited(*old_edits, text=text), encoding="utf-8")
    new.write_text(edited(*old_edits, *edits, text=text), encoding="utf-8")
    return old, new


def diff(
    tmp_path: Path, *edits: Edit, old_edits: tuple[Edit, ...] = (), text: str = MINIMAL
) -> Comparison:
    old, new = write_pair(tmp_path, *edits, old_edits=old_edits, text=text)
    a, b = load_framework(old).framework, load_framework(new).framework
    assert a is not None and b is not None
    return compare(a, b, "old", "new")


def summary(cmp: Comparison) -> list[tuple[str, str, str, str]]:
    """(section, id, kind, grade) of every change."""
    return [(c.section, c.id, c.kind.value, c.grade.value) for c in cmp.changes]


def fields(change: Change) -> list[tuple[str, str | None, str | None, str, str]]:
    return [(f.field, f.old, f.new, f.grade.value, f.note) for f in change.fields]


def only(cmp: Comparison) -> Change:
    assert len(cmp.changes) == 1, cmp.changes
    return cmp.changes[0]


def git(repo: Path, *args: str) -> str:
    """Run git in `repo` as a fixed author; its standard output."""
    import subprocess

    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def commit(repo: Path, message: str = "change") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
