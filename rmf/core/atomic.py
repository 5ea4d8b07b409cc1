"""Atomic file writes: a temporary file beside the target, then os.replace."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def stage(target: Path, data: bytes) -> Path:
    """Write `data` to a temporary file beside `target` and return its path; the caller
    moves it into place with os.replace (or removes it)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.parent / f".{target.name}.{os.getpid()}.tmp"
    try:
        # the mode any new file gets (mkstemp's would be private to the owner)
        fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:  # left by a run that was killed: take a fresh name
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        staged = Path(name)
        os.fchmod(fd, 0o666 & ~_umask())
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except BaseException:
        with contextlib.suppress(OSError):
            staged.unlink()
        raise
    return staged


def _umask() -> int:
    mask = os.umask(0)  # the mask can only be read by setting it
    os.umask(mask)
    return mask


def write_atomic(target: Path, data: bytes) -> None:
    """Replace `target` with `data` in one step: readers see the old file or the new one,
    never a part; on failure the old file is left as it was. A file that exists keeps
    its mode (a framework file someone made read-only for the group stays so)."""
    mode = target.stat().st_mode & 0o7777 if target.exists() else None
    staged = stage(target, data)
    try:
        if mode is not None:
            os.chmod(staged, mode)
        os.replace(staged, target)
    except BaseException:
        with contextlib.suppress(OSError):
            staged.unlink()
        raise
