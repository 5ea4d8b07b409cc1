"""Pinned git bases in a cache of their own: fetched once, read offline afterwards."""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import shutil
import time
from pathlib import Path

from rmf.core.errors import FrameworkError, UsageError
from rmf.core.findings import Finding, Mark
from rmf.reading.gitfiles import LINK, Revision, git
from rmf.reading.pinned import SCHEMES, GitBase

CACHE_ENV = "RMF_CACHE_DIR"
OFFLINE_ENV = "RMF_OFFLINE"
TIMEOUT_ENV = "RMF_GIT_TIMEOUT"
TIMEOUT = 120.0  # seconds one git command may take
STALE = 24 * 3600  # a temporary folder this old was left by a run that was killed
# git never asks for a password or a host key, and speaks only the protocols a base may
# name, redirects and submodules included
GIT_ENV = {
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_ASKPASS": "",
    "SSH_ASKPASS": "",
    "GIT_ALLOW_PROTOCOL": ":".join(SCHEMES),
}


def cache_dir() -> Path:
    """Where fetched bases are kept: $RMF_CACHE_DIR, else rmf/ in the user's cache folder
    ($XDG_CACHE_HOME, ~/.cache)."""
    given = os.environ.get(CACHE_ENV)
    if given:
        return Path(os.path.abspath(given))
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache") / "rmf"


def offline() -> bool:
    """Whether rmf must not fetch (RMF_OFFLINE=1): bases come from the cache only."""
    return os.environ.get(OFFLINE_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def _timeout() -> float:
    try:
        return max(1.0, float(os.environ.get(TIMEOUT_ENV, TIMEOUT)))
    except ValueError:
        return TIMEOUT


def _git_env() -> dict[str, str]:
    env = dict(GIT_ENV)
    if "GIT_SSH_COMMAND" not in os.environ and "GIT_SSH" not in os.environ:
        env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes"
    return env


def cached(base: GitBase, commit: str) -> Path:
    """The folder a base's files are kept in at a commit: one per repository, folder and
    commit, never changed once there."""
    key = hashlib.sha256(f"{base.url}\0{base.subdirectory}".encode()).hexdigest()[:24]
    return cache_dir() / "bases" / key / commit


def framework_in(base: GitBase, folder: Path) -> Path:
    """The base's framework within its cached folder."""
    return folder / base.subdirectory if base.subdirectory else folder


def _refuse(mark: Mark, code: str, message: str) -> FrameworkError:
    return FrameworkError([Finding.at(mark, code, message)])


def resolve(base: GitBase, mark: Mark, locked: str | None, *, update: bool = False) -> str:
    """The commit the base is read at, its files in the cache: the `locked` commit when
    it is cached (no network), else the ref fetched and checked against `locked`. With
    `update`, the ref is fetched anew and any commit it now names is taken."""
    if locked is not None and not update and cached(base, locked).is_dir():
        return locked
    if offline():
        raise _refuse(
            mark,
            "base-not-fetched",
            f"{base.url} at {base.ref} is not in the cache ({cache_dir()}) and "
            f"{OFFLINE_ENV} forbids fetching it: "
            + (
                "run `rmf fetch` where git can reach the repository"
                if locked is not None
                else f"run `rmf lock` with {OFFLINE_ENV} unset (or 0), where git can reach "
                "the repository, to fetch it and record its commit"
            ),
        )
    return _fetch(base, mark, None if update else locked)


def _fetch(base: GitBase, mark: Mark, locked: str | None) -> str:
    root = cache_dir()
    work = root / "tmp" / f"{os.getpid()}-{secrets.token_hex(6)}"
    try:
        try:
            work.mkdir(parents=True)
        except OSError as exc:
            raise UsageError(f"cannot write the cache of bases at {root}: {exc.strerror}") from exc
        _sweep(root / "tmp")
        repo = work / "repo.git"
        git(["init", "--quiet", "--bare", "--", str(repo)])
        try:
            git(
                ["fetch", "--quiet", "--depth=1", "--no-tags", "--", base.url, base.ref],
                cwd=repo,
                env=_git_env(),
                timeout=_timeout(),
            )
            commit = git(["rev-parse", "--verify", "FETCH_HEAD^{commit}"], cwd=repo)
        except UsageError as exc:
            raise _refuse(
                mark, "base-not-fetched", f"cannot fetch {base.ref} of {base.url}: {exc}"
            ) from None
        got = commit.decode().strip()
        if locked is not None and got != locked:
            raise _refuse(
                mark,
                "base-moved",
                f"`{base.ref}` of {base.url} now names commit {got[:12]}, but rmf.lock "
                f"records {locked[:12]}: the tag (or branch) was moved. Ask why; to take the "
                "new commit, run `rmf lock --update`",
            )
        target = cached(base, got)
        if not target.is_dir():
            try:
                _materialise(base, mark, repo, got, work / "tree")
            except FrameworkError as exc:  # a file over the caps, a link the base needs
                raise FrameworkError(
                    [_at(mark, f, work / "tree", base) for f in exc.findings]
                ) from None
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.rename(work / "tree", target)
            except OSError as exc:
                if not target.is_dir():  # not another run that was quicker
                    raise UsageError(
                        f"cannot write the cache of bases at {root}: {exc.strerror}"
                    ) from exc
        return got
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _at(mark: Mark, finding: Finding, tree: Path, base: GitBase) -> Finding:
    """A finding on a file of the base's copy, at `extends:`, naming the file in the base."""
    prefix = tree.as_posix() + "/"
    where = finding.file.removeprefix(prefix) if finding.file.startswith(prefix) else finding.file
    message = f"{base.url} at {base.ref}, {where}: {finding.message}"
    return Finding.at(mark, finding.code, message, finding.severity, finding.target)


def _materialise(base: GitBase, mark: Mark, repo: Path, commit: str, into: Path) -> None:
    """The base's folder at the commit, written from git's objects under the reader's
    caps (links and submodules left out), with the frameworks it extends by path."""
    into.mkdir()
    revision = Revision(repo, commit, into)
    try:
        where = base.subdirectory or "."
        if base.subdirectory and revision.entry(base.subdirectory) is None:
            raise _refuse(
                mark,
                "extends-not-found",
                f"{base.url} has no folder `{base.subdirectory}` at {base.ref}",
            )
        for entry in revision.ls([where], recursive=True):
            if entry.kind == "blob" and entry.mode != LINK:
                revision.write(entry)
        revision.framework(where)
    finally:
        revision.close()
    (into / ".git").mkdir()  # the copy is a repository: its bases stay inside it


def _sweep(tmp: Path) -> None:
    """Remove what runs that were killed left behind in the cache's temporary folder."""
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(tmp):
            with contextlib.suppress(OSError):
                if now - entry.stat(follow_symlinks=False).st_mtime > STALE:
                    shutil.rmtree(entry.path, ignore_errors=True)
