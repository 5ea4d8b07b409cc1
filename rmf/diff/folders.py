"""A file of a folder framework, as git's external diff hands it over: which framework it
belongs to, which two versions git compares, and whether it is the framework's first
changed file in git's order — the one call that shows the whole framework's comparison.

git passes an external diff one path and the object ids of its two sides, never the
revisions. They are found from the ids: a side in the working tree has the null id; the
other is the index or HEAD when the path there has that id, else the commit that changed
the path from one id to the other (as in `git log -p` and `git show`)."""

from __future__ import annotations

import posixpath
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rmf.core.errors import RmfError
from rmf.reading.gitfiles import Revision, git
from rmf.reading.loader import ROOT_FILE

WORKTREE = ""  # a side read from the working tree


@dataclass(frozen=True)
class Sides:
    """The two versions git compares: tree-ish ids, WORKTREE for the working tree, and
    how to name each (`HEAD`, `index`, a short commit id, `working tree`)."""

    old: str
    new: str
    old_name: str
    new_name: str


def _null(hex_: str) -> bool:
    return hex_ == "." or set(hex_) == {"0"}


def _blob(rev: str, path: str, top: Path) -> str | None:
    try:
        return git(["rev-parse", "--verify", "--quiet", f"{rev}:{path}"], top).decode().strip()
    except RmfError:
        return None


def _index_blob(path: str, top: Path) -> str | None:
    out = git(["ls-files", "-s", "--", path], top).decode().split()
    return out[1] if len(out) >= 2 else None


def _index_tree(top: Path) -> str | None:
    """The index as a tree (as `git commit` would write it); None while it has conflicts."""
    try:
        return git(["write-tree"], top).decode().strip()
    except RmfError:
        return None


def _commit(path: str, old_hex: str, new_hex: str, top: Path) -> str | None:
    """The commit that changed `path` from `old_hex` to `new_hex` (either missing when the
    commit added or deleted it), newest first."""
    null = "0" * max(
        len(old_hex), len(new_hex)
    )  # as long as the repository's ids (SHA-1 or SHA-256)
    wanted = (null if _null(old_hex) else old_hex, null if _null(new_hex) else new_hex)
    found = wanted[1] if wanted[1] != null else wanted[0]
    try:
        out = git(
            ["log", "--all", "--no-renames", "--no-abbrev", "--raw", "--format=%H",
             f"--find-object={found}", "--", path],
            top,
        ).decode()  # fmt: skip
    except RmfError:
        return None
    commit = None
    for line in out.splitlines():
        if line and not line.startswith(":"):
            commit = line.strip()
        elif line.startswith(":") and commit is not None:
            fields = line.split("\t", 1)[0].split()
            if len(fields) >= 4 and (fields[2], fields[3]) == wanted:
                return commit
    return None


def _staged(path: str, old_hex: str, new_hex: str, top: Path) -> bool:
    """Whether HEAD and the index hold the path's two sides (`git diff --cached`)."""
    in_head, in_index = _blob("HEAD", path, top), _index_blob(path, top)
    old_ok = old_hex == in_head or (old_hex == "." and in_head is None)
    return old_ok and (new_hex == in_index or (new_hex == "." and in_index is None))


def find_sides(path: str, old_hex: str, new_hex: str, top: Path) -> Sides | None:
    """The versions git is comparing, as far as the object ids of one path tell; None when
    they do not tell (two commits far apart, a side that is missing)."""
    index_blob = _index_blob(path, top)
    worktree = _null(new_hex) and new_hex != "."
    deleted = new_hex == "." and old_hex == index_blob  # from the working tree
    if worktree or deleted:
        if old_hex == index_blob:
            tree = _index_tree(top)
            return Sides(tree, WORKTREE, "index", "working tree") if tree else None
        if old_hex == _blob("HEAD", path, top):
            return Sides("HEAD", WORKTREE, "HEAD", "working tree")
        return None
    if _staged(path, old_hex, new_hex, top):
        tree = _index_tree(top)
        return Sides("HEAD", tree, "HEAD", "index") if tree else None
    commit = _commit(path, old_hex, new_hex, top)
    if commit is None:
        return None
    try:
        git(["rev-parse", "--verify", "--quiet", f"{commit}^"], top)
    except RmfError:
        return None  # a root commit: nothing before it to compare with
    return Sides(f"{commit}^", commit, f"{commit[:7]}^", commit[:7])


def _files(tree: str, folder: str, top: Path) -> set[str]:
    """The files of the framework at `folder` in a tree, its bases' too; empty when there
    is no framework there."""
    with tempfile.TemporaryDirectory(prefix="rmf-driver-") as tmp:
        revision = Revision(top, tree, Path(tmp))
        try:
            if revision.entry(posixpath.join(folder, ROOT_FILE)) is None:
                return set()
            revision.framework(folder)
        except RmfError:
            return set()
        finally:
            revision.close()
        return set(revision.written)


@dataclass(frozen=True)
class Place:
    """The folder framework a file belongs to, and the files it is made of."""

    folder: str
    files: frozenset[str]


def framework_of(path: str, sides: Sides, top: Path) -> Place | None:
    """The nearest folder above `path` whose framework, in a tree of either side, is made
    of `path` among others."""
    trees = [t for t in (sides.new, sides.old) if t != WORKTREE]
    folder = posixpath.dirname(path)
    while True:
        for tree in trees:
            files = _files(tree, folder or ".", top)
            if path in files:
                other = [t for t in trees if t != tree]
                more = _files(other[0], folder or ".", top) if other else set()
                return Place(folder or ".", frozenset(files | more))
        if not folder:
            return None
        folder = posixpath.dirname(folder)


def first_changed(
    place: Place, sides: Sides, path: str, top: Path, also: tuple[str, ...] = ()
) -> bool:
    """Whether `path` (or `also`, the old name of a renamed `path`) is the first file of the
    framework, in git's order, that differs between the two sides and that git hands to
    the same diff driver as `path`."""
    revs = [r for r in (sides.old, sides.new) if r != WORKTREE]
    names = git(
        ["diff", "--name-only", "-z", "--no-renames", *revs, "--", *sorted(place.files)], top
    ).decode("utf-8", "surrogateescape")
    changed = [n for n in names.split("\0") if n]
    if not changed:
        return False
    attrs = git(["check-attr", "-z", "diff", "--", path, *changed], top).decode(
        "utf-8", "surrogateescape"
    )
    parts = attrs.split("\0")
    driver = {parts[i]: parts[i + 2] for i in range(0, len(parts) - 2, 3)}
    same = [n for n in changed if driver.get(n) == driver.get(path)]
    return bool(same) and same[0] in (path, *also)
