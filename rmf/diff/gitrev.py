"""Frameworks at git revisions: which two sides a diff compares, and reading one out of git."""

from __future__ import annotations

import dataclasses
import os
import posixpath
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from rmf.core.errors import FrameworkError, UsageError
from rmf.core.findings import Finding, Mark
from rmf.model.framework import Framework
from rmf.reading.loader import MAX_FILES, ROOT_FILE, _included
from rmf.reading.overlay import MAX_BASES
from rmf.reading.reader import MAX_FILE_BYTES, Document, read_file


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


@dataclass(frozen=True)
class _Entry:
    """One line of `git ls-tree -l`: a path at a revision, what it is and how large."""

    mode: str
    kind: str  # blob, tree or commit (a submodule)
    oid: str
    size: int | None
    path: str


LINK, SUBMODULE = "120000", "160000"
MAX_LISTED = 20 * MAX_FILES  # paths listed to resolve include globs, no content read


class _Revision:
    """The files of one revision, read one by one from git's object store into a folder:
    only the paths a framework needs, each checked against the reader's caps first."""

    def __init__(self, top: Path, rev: str, into: Path) -> None:
        self.top, self.rev, self.into = top, rev, into
        self.written: set[str] = set()
        self._batch: subprocess.Popen[bytes] | None = None

    def close(self) -> None:
        if self._batch is not None:
            assert self._batch.stdin is not None
            self._batch.stdin.close()
            self._batch.wait()
            self._batch = None

    def ls(self, paths: list[str], recursive: bool = False) -> list[_Entry]:
        """The entries at these paths (under them, recursively), never more than MAX_LISTED."""
        args = ["--literal-pathspecs", "ls-tree", "-z", "-l"]
        out = _git([*args, *(["-r"] if recursive else []), self.rev, "--", *paths], self.top)
        entries: list[_Entry] = []
        for line in out.decode("utf-8", "surrogateescape").split("\0"):
            if not line:
                continue
            if len(entries) >= MAX_LISTED:
                raise UsageError(
                    f"{self.rev}: more than {MAX_LISTED} files under {', '.join(paths)}; "
                    "keep a framework in a folder of its own"
                )
            meta, _, path = line.partition("\t")
            mode, kind, oid, size = meta.split()
            entries.append(_Entry(mode, kind, oid, int(size) if size.isdigit() else None, path))
        return entries

    def entry(self, path: str) -> _Entry | None:
        found = [e for e in self.ls([path]) if e.path == path]
        return found[0] if found else None

    def _refuse(self, path: str, code: str, message: str) -> FrameworkError:
        return FrameworkError(
            [Finding.at(Mark((self.into / path).as_posix(), 1, 1), code, message)]
        )

    def write(self, entry: _Entry) -> Path:
        """The entry's content, written under the folder; a link, a submodule, a file over
        the reader's cap or one file too many is refused with a finding instead."""
        target = self.into / entry.path
        if entry.path in self.written:
            return target
        if entry.mode == LINK:
            raise self._refuse(
                entry.path,
                "unreadable",
                f"a symbolic link at {self.rev}; a framework read from git is made of "
                "regular files only",
            )
        if entry.kind != "blob" or entry.size is None:
            raise self._refuse(entry.path, "unreadable", f"not a file at {self.rev}")
        if entry.size > MAX_FILE_BYTES:
            raise self._refuse(
                entry.path,
                "too-large",
                f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB at {self.rev}",
            )
        if len(self.written) >= MAX_FILES:
            raise self._refuse(
                entry.path, "too-large", f"the framework needs more than {MAX_FILES} files"
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as out:
            self._copy(entry, out)
        self.written.add(entry.path)
        return target

    def _copy(self, entry: _Entry, out: BinaryIO) -> None:
        if self._batch is None:
            self._batch = subprocess.Popen(
                ["git", "cat-file", "--batch"],
                cwd=self.top,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        assert self._batch.stdin is not None and self._batch.stdout is not None
        self._batch.stdin.write(entry.oid.encode() + b"\n")
        self._batch.stdin.flush()
        header = self._batch.stdout.readline().split()
        if len(header) != 3 or header[1] != b"blob" or int(header[2]) != entry.size:
            raise UsageError(f"git cat-file: cannot read {entry.path} at {self.rev}")
        left = entry.size
        while left:
            chunk = self._batch.stdout.read(min(left, 1 << 20))
            if not chunk:
                raise UsageError(f"git cat-file: {entry.path} at {self.rev} ended early")
            out.write(chunk)
            left -= len(chunk)
        self._batch.stdout.read(1)  # the newline after each object

    def framework(self, path: str, chain: tuple[str, ...] = ()) -> None:
        """Write the framework at `path` (a folder or its root file): the root file, the
        files it includes and, in turn, the base it extends. What is missing is left for
        the loader to report, as it would in a working tree."""
        entry = self.entry(path) if path != "." else None
        if path == "." or (entry is not None and entry.kind == "tree"):
            path = posixpath.join(path, ROOT_FILE) if path != "." else ROOT_FILE
            (self.into / path).parent.mkdir(parents=True, exist_ok=True)
            entry = self.entry(path)
        if entry is None or path in chain or len(chain) > MAX_BASES:
            return
        root = self.write(entry)
        doc = read_file(str(root), root.as_posix())
        if doc.findings or not isinstance(doc.data, dict):
            return
        folder = posixpath.dirname(path)
        if isinstance(doc.data.get("include"), list):
            for included in self._included(root, folder, doc):
                self.write(included)
        extends = doc.data.get("extends")
        if isinstance(extends, str) and extends and not posixpath.isabs(extends):
            base = posixpath.normpath(posixpath.join(folder, extends))
            if base != ".." and not base.startswith("../"):
                self.framework(base, (*chain, path))

    def _included(self, root: Path, folder: str, doc: Document) -> list[_Entry]:
        """The entries the root's `include:` names, found by the loader's own matching run
        on a skeleton of the folder: every listed path as an empty file, no content read."""
        patterns = [p for p in doc.data["include"] if isinstance(p, str)]
        starts = set()
        for pattern in patterns:
            literal = []
            for part in PurePosixPath(pattern).parts:
                if any(c in part for c in "*?["):
                    break
                literal.append(part)
            start = posixpath.normpath(posixpath.join(folder or ".", *literal))
            if start != ".." and not start.startswith("../") and not posixpath.isabs(start):
                starts.add(start)
        listed = {e.path: e for e in self.ls(sorted(starts), recursive=True) if e.kind != "commit"}
        with tempfile.TemporaryDirectory(prefix="rmf-skeleton-") as tmp:
            skeleton = Path(tmp)
            for path in listed:
                (skeleton / path).parent.mkdir(parents=True, exist_ok=True)
                (skeleton / path).touch()
            skeleton_root = skeleton / root.relative_to(self.into)
            skeleton_root.parent.mkdir(parents=True, exist_ok=True)
            skeleton_root.touch()
            files, _ = _included(skeleton_root, root.as_posix(), doc)
            return [listed[f.relative_to(skeleton).as_posix()] for f, _ in files]


def extract(rev: str, path: str, into: Path, rooted: bool = False) -> Path:
    """Write the framework at `path` as it was at `rev` under `into`; return its path there.

    Only the framework's own files are read from git (its root file, what it includes and
    the bases it extends), never the rest of the repository."""
    top, rel = _repo_path(path, rooted)
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd=top)
    except UsageError:
        raise UsageError(f"{rev}: not a revision of the git repository at {top}") from None
    revision = _Revision(top, rev, into)
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
