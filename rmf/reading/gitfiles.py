"""A framework's own files read out of a git revision, one by one, under the reader's caps."""

from __future__ import annotations

import os
import posixpath
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from rmf.core.errors import FrameworkError, UsageError
from rmf.core.findings import Finding, Mark
from rmf.reading.loader import MAX_FILES, ROOT_FILE, _included
from rmf.reading.lockfile import LOCK_FILE
from rmf.reading.overlay import MAX_BASES
from rmf.reading.pinned import is_pinned
from rmf.reading.reader import MAX_FILE_BYTES, Document, read_file


def git(
    args: list[str],
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float | None = None,
) -> bytes:
    """What a git command prints; a failure is a usage error quoting git's last line (a
    command that outlasts `timeout` seconds is stopped and fails so too)."""
    command = next((a for a in args if not a.startswith("-")), "")
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
            stdin=subprocess.DEVNULL,
            env=None if env is None else {**os.environ, **env},
            timeout=timeout,
        )
    except FileNotFoundError:
        raise UsageError("git is not installed, so revisions cannot be read") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"git {command}: no answer within {timeout:.0f} s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {command}: {message[-1] if message else 'failed'}")
    return done.stdout


@dataclass(frozen=True)
class Entry:
    """One line of `git ls-tree -l`: a path at a revision, what it is and how large."""

    mode: str
    kind: str  # blob, tree or commit (a submodule)
    oid: str
    size: int | None
    path: str


LINK = "120000"  # a symbolic link
MAX_LISTED = 20 * MAX_FILES  # paths listed to resolve include globs, no content read


class Revision:
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

    def ls(self, paths: list[str], recursive: bool = False) -> list[Entry]:
        """The entries at these paths (under them, recursively), never more than MAX_LISTED."""
        args = ["--literal-pathspecs", "ls-tree", "-z", "-l"]
        out = git([*args, *(["-r"] if recursive else []), self.rev, "--", *paths], self.top)
        entries: list[Entry] = []
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
            entries.append(Entry(mode, kind, oid, int(size) if size.isdigit() else None, path))
        return entries

    def entry(self, path: str) -> Entry | None:
        found = [e for e in self.ls([path]) if e.path == path]
        return found[0] if found else None

    def _refuse(self, path: str, code: str, message: str) -> FrameworkError:
        return FrameworkError(
            [Finding.at(Mark((self.into / path).as_posix(), 1, 1), code, message)]
        )

    def write(self, entry: Entry) -> Path:
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

    def _copy(self, entry: Entry, out: BinaryIO) -> None:
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
        if isinstance(extends, str) and is_pinned(extends):
            lock = self.entry(posixpath.join(folder, LOCK_FILE))
            if lock is not None:  # the commit the pinned base is read at
                self.write(lock)
        elif isinstance(extends, str) and extends and not posixpath.isabs(extends):
            base = posixpath.normpath(posixpath.join(folder, extends))
            if base != ".." and not base.startswith("../"):
                self.framework(base, (*chain, path))

    def _included(self, root: Path, folder: str, doc: Document) -> list[Entry]:
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
