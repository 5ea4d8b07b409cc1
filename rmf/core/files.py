"""The one way rmf reads an input file: regular files only, never more than a cap, and
only inside the folder the file is allowed to come from.

A path committed to a repository can name anything the machine has: a device that never
ends (`/dev/zero`), a pipe that never answers (`/dev/stdin`), a link to a secret
(`~/.netrc`). Every input goes through `read_regular`, so none of these is ever read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

__all__ = [
    "MAX_INPUT_BYTES",
    "FileProblem",
    "inside",
    "open_regular",
    "read_regular",
    "regular",
]

MAX_INPUT_BYTES = 32 * 1024 * 1024


class FileProblem(Exception):
    """A file that cannot be read as input: the finding code (`unreadable` or `too-large`)
    and plain words that never quote the file's content."""

    def __init__(self, message: str, code: str = "unreadable") -> None:
        super().__init__(message)
        self.code = code


def _mib(size: int) -> str:
    return f"{size // (1024 * 1024)} MiB" if size >= 1024 * 1024 else f"{size:,} bytes"


def regular(path: str | os.PathLike[str]) -> os.stat_result:
    """The status of a regular file (following links), else FileProblem saying what it is."""
    try:
        status = os.stat(path)
    except OSError as exc:
        raise FileProblem(f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(status.st_mode):
        raise FileProblem("this is a folder, not a file")
    if not stat.S_ISREG(status.st_mode):
        raise FileProblem(
            "this is not a regular file (a device, pipe or socket); rmf reads files only"
        )
    return status


def open_regular(path: str | os.PathLike[str]) -> int:
    """A descriptor of a regular file, opened for reading; else FileProblem. Checked
    before opening and again on the open file, which is opened without waiting, so a
    pipe swapped in between cannot hang the run."""
    regular(path)
    try:
        # binary on Windows; without waiting for a writer or becoming a terminal elsewhere
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket or a pipe with no writer
            raise FileProblem("this is not a regular file; rmf reads files only") from None
        raise FileProblem(f"cannot read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise FileProblem("this is not a regular file; rmf reads files only")
    return fd


def read_regular(path: str | os.PathLike[str], limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes.

    Raises FileProblem for anything else: a missing or unreadable file, a folder, a device
    or a pipe, or a file over the cap (read no further than the cap, whatever the file
    claims).
    """
    with os.fdopen(open_regular(path), "rb") as handle:
        try:
            # sized by what the file says, so a small file costs no buffer of `limit`
            # bytes; a file that grew meanwhile is read on, still no further than the cap
            size = min(os.fstat(handle.fileno()).st_size, limit)
            data = handle.read(size + 1)  # short of that only at the end of the file
            if size < len(data) <= limit:
                data += handle.read(limit + 1 - len(data))
        except OSError as exc:
            raise FileProblem(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise FileProblem(
            f"the file is larger than {_mib(limit)}, more than rmf reads of such a file — "
            "check it is the right file",
            "too-large",
        )
    return data


def inside(path: Path, folder: Path) -> bool:
    """Whether `path`, with every link followed, stays inside `folder` (links followed too)."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a link loop
        return False
