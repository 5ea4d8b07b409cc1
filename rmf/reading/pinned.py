"""What `extends:` names: a path, a git repository pinned to a tag or commit, or a package."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

GIT_PREFIX = "git+"
PACKAGE_PREFIX = "pkg:"
SUBDIRECTORY = "subdirectory="
# https and ssh authenticate the server; file reads a repository on this machine. Plain
# http and git:// do not, so anyone on the way could serve another base.
SCHEMES = ("https", "ssh", "file")
_COMMIT = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
_REF = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._/+-]*")
_PACKAGE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f\\]")
FORMS = (
    "write a path relative to this file, `git+https://HOST/REPO.git@TAG` (or @COMMIT, "
    "with `#subdirectory=PATH` for a base in a folder of the repository), or `pkg:NAME`"
)


class BaseSpecError(ValueError):
    """An `extends:` value that names no base rmf can read; the message says why."""


@dataclass(frozen=True)
class GitBase:
    """A base in a git repository, pinned: `git+URL@REF#subdirectory=PATH`."""

    text: str  # as written in `extends:`, the key of its entry in the lock
    url: str
    ref: str
    subdirectory: str  # "" for the repository's top

    @property
    def is_commit(self) -> bool:
        return _COMMIT.fullmatch(self.ref) is not None

    @property
    def scheme(self) -> str:
        return self.url.partition("://")[0]


@dataclass(frozen=True)
class PackageBase:
    """A base an installed Python package ships: `pkg:NAME`, an entry point's name."""

    text: str
    name: str


def is_pinned(value: str) -> bool:
    """Whether an `extends:` value names a git repository or a package, not a path."""
    return value.startswith((GIT_PREFIX, PACKAGE_PREFIX))


def parse(value: str) -> GitBase | PackageBase:
    """The base a pinned `extends:` value names; BaseSpecError when it is malformed or
    could be taken for something else by git (an option, a second argument)."""
    if _UNSAFE.search(value):
        raise BaseSpecError("a base's address has no spaces, control characters or `\\`")
    if value.startswith(PACKAGE_PREFIX):
        name = value.removeprefix(PACKAGE_PREFIX)
        if not _PACKAGE.fullmatch(name):
            raise BaseSpecError(
                f"`{value}`: name the entry point of the package, e.g. `pkg:acme-method`"
            )
        return PackageBase(value, name)
    return _git(value)


def _git(value: str) -> GitBase:
    rest = value.removeprefix(GIT_PREFIX)
    rest, hash_mark, fragment = rest.partition("#")
    subdirectory = ""
    if hash_mark:
        if not fragment.startswith(SUBDIRECTORY):
            raise BaseSpecError(
                f"`#{fragment}`: the only part after `#` is `#subdirectory=PATH`, the folder "
                "of the base in the repository"
            )
        subdirectory = _subdirectory(fragment.removeprefix(SUBDIRECTORY))
    scheme = rest.partition("://")[0] if "://" in rest else ""
    if scheme not in SCHEMES:
        shown = f"`{scheme}://`" if scheme else "no scheme"
        raise BaseSpecError(
            f"{shown}: a git base is fetched over {', '.join(s + '://' for s in SCHEMES)} "
            "(plain http and git:// do not check whom they talk to), e.g. "
            "`git+https://github.com/acme/method.git@v2.1.0`"
        )
    parts = urlsplit(rest)
    location, at, ref = parts.path.rpartition("@")
    if not at or not location:
        raise BaseSpecError(
            f"`{value}` is not pinned: add `@TAG` or `@COMMIT` after the repository, so "
            "that every machine reads the same base"
        )
    if parts.query:
        raise BaseSpecError(f"`?{parts.query}`: a git base's address has no query")
    if not _ref_ok(ref):
        raise BaseSpecError(
            f"`@{ref}` is neither a tag or branch name nor a full 40-character commit id"
        )
    host = parts.hostname or ""
    if scheme == "file" and (host not in ("", "localhost") or not location.startswith("/")):
        raise BaseSpecError("a `git+file://` base names an absolute path: `git+file:///srv/…`")
    if scheme != "file" and (not host or host.startswith("-")):
        raise BaseSpecError(f"`{value}` names no host")
    url = f"{scheme}://{parts.netloc}{location}"
    return GitBase(value, url, ref, subdirectory)


def _ref_ok(ref: str) -> bool:
    if _COMMIT.fullmatch(ref):
        return True
    return (
        _REF.fullmatch(ref) is not None
        and ".." not in ref
        and "//" not in ref
        and not ref.endswith((".", "/", ".lock"))
    )


def _subdirectory(path: str) -> str:
    normal = posixpath.normpath(path) if path else ""
    if not path or posixpath.isabs(path) or normal == ".." or normal.startswith("../"):
        raise BaseSpecError(
            f"`#subdirectory={path}`: name a folder inside the repository, e.g. "
            "`#subdirectory=frameworks/base`"
        )
    return "" if normal == "." else normal
