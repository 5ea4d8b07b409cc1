"""Frameworks at git revisions: which two sides a diff compares, and reading one out of git."""

from __future__ import annotations

import dataclasses
import io
import os
import posixpath
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rmf.core.errors import FrameworkError, UsageError
from rmf.model.framework import Framework


@dataclass(frozen=True)
class Side:
    """One side of a comparison: a framework path, at a git revision or in the working tree."""

    path: str
    rev: str | None = None
    # as in git's REV:PATH, a path relative to the repository's top, unless it starts ./ or ../
    rooted: bool = False

    @property
    def label(self) -> str:
        return f"{self.rev}:{self.path}" if self.rev is not None else self.path


def _spec(spec: str, default_path: str | None) -> Side:
    """`PATH` (in the working tree), `REV:PATH`, or a bare `REV` of the default path."""
    if Path(spec).exists():
        return Side(spec)
    if ":" in spec:
        rev, _, path = spec.partition(":")
        if not rev:
            raise UsageError(f"{spec}: name a revision before the colon, e.g. HEAD{spec}")
        if path:
            return Side(path, rev, rooted=not path.startswith(("./", "../")))
        if default_path is None:
            raise UsageError(
                f"{spec}: name the framework after the colon, e.g. {rev}:frameworks/acme"
            )
        return Side(default_path, rev)
    if default_path is None:
        raise UsageError(
            f"{spec}: no such file or folder; to compare a git revision, write {spec}:PATH "
            "or give the framework with --path"
        )
    return Side(default_path, spec)


def _path_in(spec: str) -> str | None:
    if Path(spec).exists():
        return spec
    rev, colon, path = spec.partition(":")
    return path if colon and rev and path else None


def resolve_sides(
    args: list[str], path: str | None, from_rev: str | None, to_rev: str | None
) -> tuple[Side, Side]:
    """The old and new framework named by `rmf diff`'s arguments and options."""
    if from_rev is not None or to_rev is not None:
        if len(args) > 1:
            raise UsageError("with --from/--to, give at most one framework path")
        target = args[0] if args else path
        if target is None:
            raise UsageError("with --from/--to, give the framework path (or --path)")
        return Side(target, from_rev or "HEAD"), Side(target, to_rev)
    if not args:
        if path is None:
            raise UsageError("give two frameworks to compare, or a revision and --path")
        return Side(path, "HEAD"), Side(path)
    if len(args) == 1:
        (spec,) = args
        if path is None and Path(spec).exists():
            return Side(spec, "HEAD"), Side(spec)  # like `git diff PATH`
        old = _spec(spec, path)
        return old, Side(old.path, rooted=old.rooted)
    if len(args) != 2:
        raise UsageError(f"expected OLD and NEW, got {len(args)} arguments")
    default = path or next((p for p in map(_path_in, args) if p is not None), None)
    return _spec(args[0], default), _spec(args[1], default)


def _git(args: list[str], cwd: Path | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed, so revisions cannot be read") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    return done.stdout


def _top() -> Path:
    return Path(_git(["rev-parse", "--show-toplevel"]).decode().strip())


def _repo_path(path: str, rooted: bool) -> tuple[Path, str]:
    """The repository's top folder, and `path` relative to it."""
    top = _top()
    if rooted:
        rel = posixpath.normpath(path)
    elif Path(path).is_absolute():
        rel = os.path.relpath(Path(path).resolve(), top.resolve())
    else:
        prefix = _git(["rev-parse", "--show-prefix"]).decode().strip()
        rel = posixpath.normpath(prefix + Path(path).as_posix())
    rel = Path(rel).as_posix()
    if rel == ".." or rel.startswith("../"):
        raise UsageError(f"{path}: outside the git repository at {top}")
    return top, rel


def extract(rev: str, path: str, into: Path, rooted: bool = False) -> Path:
    """Write the framework at `path` as it was at `rev` under `into`; return its path there."""
    top, rel = _repo_path(path, rooted)
    where = f"{rev}:" if rel == "." else f"{rev}:{rel}"
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd=top)
    except UsageError:
        raise UsageError(f"{rev}: not a revision of the git repository at {top}") from None
    try:
        _git(["cat-file", "-e", where], cwd=top)
    except UsageError:
        raise UsageError(f"{rev}:{path}: no such file or folder at that revision") from None
    # the whole tree, not only the framework's folder: a base it `extends` may lie beside it
    archive = _git(["archive", "--format=tar", rev], cwd=top)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / rel


@contextmanager
def checkout(side: Side) -> Iterator[Path]:
    """A filesystem path holding the side's framework, for as long as the block runs."""
    if side.rev is None:
        yield _top() / side.path if side.rooted else Path(side.path)
        return
    with tempfile.TemporaryDirectory(prefix="rmf-diff-") as tmp:
        yield extract(side.rev, side.path, Path(tmp), side.rooted)


def read(path: Path) -> Framework:
    """A framework whose files read and whose every entity fits the format; the rules are
    not run (`rmf validate` does that), so a change that breaks one can still be reviewed."""
    from rmf.core.findings import Severity, sort_findings
    from rmf.core.pauses import no_collector_pauses
    from rmf.reading.loader import load_source
    from rmf.validate.schema import check

    with no_collector_pauses():
        checked = check(load_source(path))
    errors = [f for f in checked.findings if f.severity is Severity.ERROR]
    if errors or checked.framework is None:
        raise FrameworkError(sort_findings(errors))
    return checked.framework


def load(side: Side) -> Framework:
    """The side's framework (see `read`); FrameworkError names files as `REV:path`."""
    with checkout(side) as path:
        try:
            return read(path)
        except FrameworkError as exc:
            if side.rev is None:
                raise
            base = path.as_posix()
            raise FrameworkError(
                [
                    dataclasses.replace(f, file=side.label + f.file[len(base) :])
                    if f.file.startswith(base)
                    else f
                    for f in exc.findings
                ]
            ) from None
