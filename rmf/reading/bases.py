"""Pinned bases: where one is read from, and `rmf lock` and `rmf fetch` behind them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rmf.core.errors import FrameworkError
from rmf.core.findings import Finding, Mark
from rmf.reading import fetch as cache
from rmf.reading.loader import ROOT_FILE, Source, load_source, locate
from rmf.reading.lockfile import LOCK_FILE, Locked, find, lock_path, read_lock, write_lock
from rmf.reading.packaged import package_folder
from rmf.reading.pinned import FORMS, BaseSpecError, GitBase, is_pinned, parse
from rmf.reading.reader import read_file


def pinned_folder(root: Path, value: str, mark: Mark) -> Path:
    """The framework a pinned `extends:` names, on this machine: a package's folder, or
    the cached copy of a git base at the commit the lock beside `root` records (fetched
    when it is not cached yet, unless offline)."""
    try:
        base = parse(value)
    except BaseSpecError as exc:
        raise FrameworkError([Finding.at(mark, "invalid-value", f"{exc}; {FORMS}")]) from None
    if not isinstance(base, GitBase):
        return package_folder(base, mark)
    entry = find(read_lock(lock_path(root)), root.name, value)
    if entry is None:
        raise FrameworkError(
            [
                Finding.at(
                    mark,
                    "base-not-locked",
                    f"{LOCK_FILE} records no commit for `{value}`: run `rmf lock` to fetch "
                    f"the base and record the commit {base.ref} names, then commit "
                    f"{LOCK_FILE}",
                )
            ]
        )
    commit = cache.resolve(base, mark, entry.commit)
    return _framework(base, commit, mark)


def _framework(base: GitBase, commit: str, mark: Mark) -> Path:
    folder = cache.framework_in(base, cache.cached(base, commit))
    if not (folder / ROOT_FILE).is_file():
        where = f"`{base.subdirectory}`" if base.subdirectory else "its top folder"
        raise FrameworkError(
            [
                Finding.at(
                    mark,
                    "extends-not-found",
                    f"{base.url} at {base.ref} has no {ROOT_FILE} in {where}; name the "
                    "base's folder with `#subdirectory=PATH`",
                )
            ]
        )
    return folder


@dataclass(frozen=True)
class LockOutcome:
    """What `rmf lock` did: the lock file, whether it changed, and the base it pins."""

    path: Path
    written: bool
    entry: Locked | None


def _root_extends(target: str | Path) -> tuple[Path, str | None, Mark]:
    """A framework's root file, what its `extends:` says, and where."""
    root, display = locate(target)
    doc = read_file(str(root), display)
    if doc.findings:
        raise FrameworkError(doc.findings)
    assert doc.pos is not None
    if not isinstance(doc.data, dict) or doc.pos.values is None:
        return root, None, doc.pos.mark
    value = doc.data.get("extends")
    mark = doc.pos.values["extends"].mark if "extends" in doc.pos.values else doc.pos.mark
    return root, value if isinstance(value, str) else None, mark


def lock(target: str | Path, *, update: bool = False) -> LockOutcome:
    """Record the commit the framework's pinned git base resolves to in rmf.lock beside
    its root file: a base already locked keeps its commit (and is fetched when it is not
    cached), a new or changed `extends:` is fetched and its commit recorded; with
    `update`, the ref is fetched anew and whatever commit it names now is taken. Then
    the framework is read with its bases, so that a base which does not read is
    reported at once. Raises FrameworkError, with findings, when a base cannot be had."""
    root, value, mark = _root_extends(target)
    path = lock_path(root)
    try:
        entries = read_lock(path)
    except FrameworkError:
        entries = []  # a broken lock is written anew
    kept = [e for e in entries if e.framework != root.name]
    entry = None
    if value is not None and is_pinned(value):
        try:
            base = parse(value)
        except BaseSpecError as exc:
            raise FrameworkError([Finding.at(mark, "invalid-value", f"{exc}; {FORMS}")]) from None
        if isinstance(base, GitBase):
            old = find(entries, root.name, value)
            commit = cache.resolve(base, mark, old.commit if old else None, update=update)
            _framework(base, commit, mark)
            entry = Locked(root.name, value, base.url, base.ref, commit)
            kept.append(entry)
    if entry is None and not any(e.framework == root.name for e in entries):
        return LockOutcome(path, False, None)  # nothing to lock, nothing to forget
    written = write_lock(path, kept)
    load_source(target)
    return LockOutcome(path, written, entry)


def fetch(target: str | Path) -> Source:
    """Read the framework with its bases, fetching into the cache every pinned base that
    rmf.lock records and the cache lacks (each checked against its lock); never writes
    the lock. Raises FrameworkError, with findings, when a base cannot be had."""
    return load_source(target)
