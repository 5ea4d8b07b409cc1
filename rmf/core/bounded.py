"""Reading a file a framework supplies: a regular file, inside its folder, never too large."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class Refused(Exception):
    """A file that is not read, and why (`reason` names no content of the file)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"{path}: {reason}")


def inside(path: Path, folder: Path) -> Path:
    """`path` with every link followed, when that is still within `folder`; raises
    Refused for a path that leads out of it (by `..` or a link)."""
    try:
        real, root = path.resolve(strict=True), folder.resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # missing, or a loop of links
        raise Refused(path, "cannot be read") from exc
    if real != root and root not in real.parents:
        raise Refused(path, f"leads outside {folder}")
    return real


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; raises Refused for anything
    else (a folder, a device, a pipe, a file too large or that grows while read)."""
    try:
        # O_NONBLOCK: opening a pipe must not wait for a writer before it is refused
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise Refused(path, f"cannot be read ({exc.strerror or exc})") from exc
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise Refused(path, "is not a regular file")
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise Refused(path, f"cannot be read ({exc.strerror or exc})") from exc
    if len(data) > limit:
        raise Refused(path, f"is larger than {limit // 1024:,} KiB")
    return data
