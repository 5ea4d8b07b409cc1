"""The `extends:` a new client framework writes for its base: pinned when it can be."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from rmf.core.errors import FrameworkError, UsageError
from rmf.core.findings import Mark
from rmf.reading import fetch as cache
from rmf.reading.gitfiles import git
from rmf.reading.loader import ROOT_FILE, locate
from rmf.reading.lockfile import Locked
from rmf.reading.packaged import package_folder, requirement
from rmf.reading.pinned import BaseSpecError, GitBase, is_pinned, parse

# `git@github.com:acme/method.git`, as git writes an ssh remote without a scheme
_SCP = re.compile(r"(?P<user>[^@/:]+@)?(?P<host>[^/:]+):(?P<path>[^/].*)")


@dataclass(frozen=True)
class Pin:
    """What `extends:` says, the framework it names on this machine, the lock entry of a
    git base, and why the base could not be pinned (when it could not)."""

    extends: str
    folder: Path
    locked: Locked | None = None
    warning: str | None = None
    requirement: str | None = None  # the distribution that ships a `pkg:` base


def pin(base: str, dest: Path) -> Pin:
    """The `extends:` of a new framework at `dest` for `--from BASE`: a pinned base as
    given (a git base fetched and locked); a local base in a git repository as that
    repository at the tag on its HEAD (else the commit), fetched from its `origin`
    remote, else from the repository's folder; otherwise the relative path, with a
    warning that a clone elsewhere will not find it."""
    if is_pinned(base):
        return _given(base)
    locate(base)  # a UsageError when it is no framework
    path = Path(base)
    folder = path if path.is_dir() else path.parent
    relative = _relative(path, dest)
    if path.is_file() and path.name != ROOT_FILE:
        why = f"a single-file base ({path.name}) cannot be pinned, only a folder with {ROOT_FILE}"
        return Pin(relative, path, warning=why)
    try:
        text, remote, here = _git_form(folder)
        pinned = _given(text)
    except (UsageError, FrameworkError) as exc:
        why = exc.findings[0].message if isinstance(exc, FrameworkError) else str(exc)
        return Pin(relative, path, warning=f"{why}; `extends:` names it by a relative path")
    if not remote:
        why = (
            "the base's repository has no remote `origin`, so `extends:` names its folder on "
            "this machine; once it has one, write that URL in `extends:` and run `rmf lock`"
        )
        return Pin(pinned.extends, pinned.folder, pinned.locked, why)
    if pinned.locked is not None and pinned.locked.commit != here:
        ref = pinned.locked.ref
        why = (
            f"`{ref}` on the base's remote `origin` is commit {pinned.locked.commit[:12]}, "
            f"not this clone's HEAD {here[:12]}: the new framework extends what `origin` "
            "has. To extend what is here, push it under a new tag, write that tag in "
            "`extends:` and run `rmf lock`"
        )
        return Pin(pinned.extends, pinned.folder, pinned.locked, why)
    return pinned


def _given(text: str) -> Pin:
    mark = Mark("--from", 1, 1)
    try:
        base = parse(text)
    except BaseSpecError as exc:
        raise UsageError(f"--from {text}: {exc}") from None
    if not isinstance(base, GitBase):
        try:
            return Pin(text, package_folder(base, mark), requirement=requirement(base, mark))
        except FrameworkError as exc:
            raise UsageError(f"--from {text}: {exc.findings[0].message}") from None
    try:
        commit = cache.resolve(base, mark, None)
        folder = cache.framework_in(base, cache.cached(base, commit))
    except FrameworkError as exc:
        raise UsageError(f"--from {text}: {exc.findings[0].message}") from None
    if not (folder / ROOT_FILE).is_file():
        raise UsageError(
            f"--from {text}: no {ROOT_FILE} there; name its folder with #subdirectory="
        )
    return Pin(text, folder, Locked(ROOT_FILE, text, base.url, base.ref, commit))


def _relative(path: Path, dest: Path) -> str:
    try:
        return Path(os.path.relpath(path.resolve(), dest.resolve())).as_posix()
    except ValueError:  # another drive: only an absolute path reaches it
        return path.resolve().as_posix()


def _git_form(folder: Path) -> tuple[str, bool, str]:
    """`git+URL@REF#subdirectory=PATH` for a base folder in a git repository whose files
    are all committed, whether URL is a remote's, and the commit checked out here;
    UsageError saying why not."""
    try:
        top = Path(git(["rev-parse", "--show-toplevel"], cwd=folder).decode().strip())
    except UsageError:
        raise UsageError(f"{folder} is not in a git repository") from None
    sub = Path(os.path.relpath(folder.resolve(), top.resolve())).as_posix()
    if git(["status", "--porcelain", "--", "."], cwd=folder).strip():
        raise UsageError(f"{folder} has changes that are not committed")
    commit = git(["rev-parse", "--verify", "HEAD^{commit}"], cwd=top).decode().strip()
    tags = git(["tag", "--points-at", "HEAD", "--sort=-v:refname"], cwd=top).decode().split()
    remote = _remote(top)
    url = remote or top.resolve().as_uri()
    ref = tags[0] if tags else commit
    text = f"git+{url}@{ref}" + (f"#subdirectory={sub}" if sub != "." else "")
    return text, bool(remote), commit


def _remote(top: Path) -> str | None:
    """The `origin` remote as a URL rmf fetches from (an scp-like `git@host:path` as
    `ssh://`), if the repository has one."""
    try:
        url = git(["remote", "get-url", "origin"], cwd=top).decode().strip()
    except UsageError:
        return None
    scp = _SCP.fullmatch(url)
    if "://" not in url and os.path.isabs(url):
        url = Path(url).as_uri()
    elif "://" not in url and scp is not None:
        url = f"ssh://{scp['user'] or ''}{scp['host']}/{scp['path']}"
    return url or None
