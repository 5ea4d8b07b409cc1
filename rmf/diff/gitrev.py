"""Frameworks at git revisions: which two sides a diff compares, and reading one out of git."""

from __future__ import annotations

import dataclasses
import os
import posixpath
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rmf.core.errors import FrameworkError, UsageError
from rmf.core.findings import Finding
from rmf.model.framework import Framework
from rmf.reading.gitfiles import Revision, git


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


def _top() -> Path:
    return Path(git(["rev-parse", "--show-toplevel"]).decode().strip())


def _repo_path(path: str, rooted: bool) -> tuple[Path, str]:
    """The repository's top folder, and `path` relative to it."""
    top = _top()
    if rooted:
        rel = posixpath.normpath(path)
    elif Path(path).is_absolute():
        rel = os.path.relpath(Path(path).resolve(), top.resolve())
    else:
        prefix = git(["rev-parse", "--show-prefix"]).decode().strip()
        rel = posixpath.normpath(prefix + Path(path).as_posix())
    rel = Path(rel).as_posix()
    if rel == ".." or rel.startswith("../"):
        raise UsageError(f"{path}: outside the git repository at {top}")
    return top, rel


def extract(rev: str, path: str, into: Path, rooted: bool = False) -> Path:
    """Write the framework at `path` as it was at `rev` under `into`; return its path there.

    Only the framework's own files are read from git (its root file, what it includes and
    the bases it extends), never the rest of the repository."""
    top, rel = _repo_path(path, rooted)
    try:
        git(["rev-parse", "--verify", "--quiet", f"{rev}^{{tree}}"], cwd=top)
    except UsageError:
        raise UsageError(f"{rev}: not a revision of the git repository at {top}") from None
    revision = Revision(top, rev, into)
    try:
        if rel != "." and revision.entry(rel) is None:
            raise UsageError(f"{rev}:{path}: no such file or folder at that revision")
        (into / ".git").mkdir()  # the checkout is a repository: bases stay inside it
        revision.framework(rel)
    finally:
        revision.close()
    return into / rel


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
    if side.rev is None:
        return read(_top() / side.path if side.rooted else Path(side.path))
    with tempfile.TemporaryDirectory(prefix="rmf-diff-") as tmp:
        into = Path(tmp)
        try:
            return read(extract(side.rev, side.path, into, side.rooted))
        except FrameworkError as exc:
            raise FrameworkError([_named(f, side, into) for f in exc.findings]) from None


def _named(finding: Finding, side: Side, into: Path) -> Finding:
    """A finding on a file read from git, named `REV:path` rather than by its copy."""
    top = into.as_posix() + "/"
    if finding.file.startswith(top):
        return dataclasses.replace(finding, file=f"{side.rev}:{finding.file[len(top) :]}")
    return finding
