"""Atomic file writes: a temporary file beside the target, then os.replace."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from rmf.core.errors import UsageError
from rmf.core.files import FileProblem, open_regular

TEMP_MARK = ".rmf-tmp-"  # in the name of every temporary file rmf writes, before its PID


class Unwritable(OSError, UsageError):
    """A destination rmf cannot write (a read-only folder, a folder where a file should
    be): an OSError for the code that handles those, a usage error for the user."""

    def __init__(self, target: Path, exc: OSError) -> None:
        super().__init__(exc.errno, exc.strerror, str(target))
        if isinstance(exc, IsADirectoryError) or exc.errno == errno.EISDIR:
            reason = "it is a folder; give a file name"
        elif isinstance(exc, NotADirectoryError | FileExistsError):
            reason = "a part of the path is a file, not a folder"
        elif isinstance(exc, PermissionError):
            reason = "permission denied (is the folder read-only?)"
        else:
            reason = (exc.strerror or str(exc)).lower()
        self.message = f"cannot write {target}: {reason}"

    def __str__(self) -> str:
        return self.message


class Changed(UsageError):
    """The file changed between reading it and replacing it: it is left as it now is."""


@dataclass(frozen=True)
class Snapshot:
    """What a file was when it was read: its size, modification time and content hash."""

    size: int
    mtime_ns: int
    sha256: str


def read_with_snapshot(path: Path, limit: int) -> tuple[bytes, Snapshot]:
    """Up to `limit` + 1 bytes of a file, with the snapshot that `write_atomic` compares
    before it replaces the file."""
    try:
        fd = open_regular(path)
    except FileProblem as problem:
        raise OSError(errno.EINVAL, str(problem).removeprefix("cannot read: ")) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        data = handle.read(limit + 1)
    return data, Snapshot(info.st_size, info.st_mtime_ns, hashlib.sha256(data).hexdigest())


def unchanged(target: Path, snapshot: Snapshot) -> bool:
    """Whether `target` is still what it was when `snapshot` was taken."""
    try:
        info = target.stat()
        if (info.st_size, info.st_mtime_ns) != (snapshot.size, snapshot.mtime_ns):
            return False
        return hashlib.sha256(target.read_bytes()).hexdigest() == snapshot.sha256
    except OSError:
        return False


def temporary_name(target: Path, pid: int | None = None) -> Path:
    """The temporary file beside `target` that process `pid` (default: this one) writes."""
    return target.parent / f".{target.name}{TEMP_MARK}{os.getpid() if pid is None else pid}.tmp"


def sweep(target: Path) -> None:
    """Remove the temporary files of `target` left by rmf runs that were killed: those
    whose process is no longer running (or is this one)."""
    pattern = re.compile(re.escape(f".{target.name}{TEMP_MARK}") + r"([0-9]+)\.tmp")
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            found = pattern.fullmatch(entry.name)
            if found and not _running(int(found.group(1))):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # ours is never in progress when a new write starts
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process: not ours to judge
    return True


def stage(target: Path, data: bytes) -> Path:
    """Write `data` to a temporary file beside `target` and return its path; the caller
    moves it into place with os.replace (or removes it). Raises OSError."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = temporary_name(target)
    with contextlib.suppress(FileNotFoundError):
        staged.unlink()  # left by a killed run that had this PID: no run has it now
    # the mode any new file gets (mkstemp's would be private to the owner)
    fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except BaseException:
        with contextlib.suppress(OSError):
            staged.unlink()
        raise
    return staged


def write_atomic(target: Path, data: bytes, unchanged_since: Snapshot | None = None) -> None:
    """Replace `target` with `data` in one step: readers see the old file or the new one,
    never a part; on failure the old file is left as it was. A file that exists keeps
    its mode (a framework file someone made read-only for the group stays so). With
    `unchanged_since`, a file that changed since that snapshot is left as it now is
    (`Changed`). A destination that cannot be written raises `Unwritable`."""
    staged = _staged(target, data)
    try:
        if unchanged_since is not None and not unchanged(target, unchanged_since):
            raise Changed(
                f"{target} changed while rmf was working on it; it is left as it now is, "
                "with that change: run the command again"
            )
        os.replace(staged, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            staged.unlink()
        if isinstance(exc, OSError) and not isinstance(exc, Unwritable):
            raise Unwritable(target, exc) from exc
        raise


def _staged(target: Path, data: bytes) -> Path:
    """`data` in a temporary file beside `target`, with the mode of the file it is to
    replace (if there is one); raises `Unwritable`."""
    if target.is_dir():
        raise Unwritable(target, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)))
    sweep(target)
    try:
        mode = target.stat().st_mode & 0o7777 if target.exists() else None
        staged = stage(target, data)
    except OSError as exc:
        raise Unwritable(target, exc) from exc
    if mode is not None:
        try:
            os.chmod(staged, mode)
        except OSError as exc:
            with contextlib.suppress(OSError):
                staged.unlink()
            raise Unwritable(target, exc) from exc
    return staged


def write_all(contents: dict[Path, bytes]) -> None:
    """Write several files, each atomically and keeping the mode of a file it replaces,
    and none unless every one could be staged: a failure before the last is staged
    leaves every target as it was. A destination that cannot be written raises
    `Unwritable`."""
    staged: dict[Path, Path] = {}
    try:
        for target, data in contents.items():
            staged[target] = _staged(target, data)
        for target, temporary in staged.items():
            try:
                os.replace(temporary, target)
            except OSError as exc:
                raise Unwritable(target, exc) from exc
    except BaseException:
        for temporary in staged.values():
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise
