"""The one way rmf reads an input file: regular files only, never more than a cap, and
only inside the folder the file is allowed to come from.

A path committed to a repository can name anything the machine has: a device that never
ends (`/dev/zero`), a pipe that never answers (`/dev/stdin`), a link to a secret
(`~/.netrc`). Every input goes through `read_regular`, so none of these is ever read.

Text that is not on disk (an editor's unsaved buffer, passed on standard input) is given
for a path with `given_file`: while it is, that path reads as the text given, whatever the
disk holds there.
"""

from __future__ import annotations

import errno
import io
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import BinaryIO

__all__ = [
    "MAX_INPUT_BYTES",
    "YAML_SUFFIXES",
    "FileProblem",
    "given",
    "given_file",
    "inside",
    "open_binary",
    "open_regular",
    "read_regular",
    "read_stream",
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


_GIVEN: ContextVar[tuple[tuple[str, bytes], ...]] = ContextVar("rmf_given_files", default=())


def _key(path: str | os.PathLike[str]) -> str:
    return os.path.abspath(path)


@contextmanager
def given_file(path: str | os.PathLike[str], data: bytes) -> Iterator[None]:
    """For the time of the block, `path` reads as `data`, whether or not a file is there."""
    token = _GIVEN.set(((_key(path), data), *_GIVEN.get()))
    try:
        yield
    finally:
        _GIVEN.reset(token)


def given(path: str | os.PathLike[str]) -> bytes | None:
    """The data given for `path` (`given_file`), if any."""
    if not _GIVEN.get():
        return None  # the common case: nothing given, no path made absolute
    key = _key(path)
    return next((data for name, data in _GIVEN.get() if name == key), None)


def too_large(limit: int) -> FileProblem:
    return FileProblem(
        f"the file is larger than {_mib(limit)}, more than rmf reads of such a file — "
        "check it is the right file",
        "too-large",
    )


def read_stream(stream: BinaryIO, limit: int = MAX_INPUT_BYTES) -> bytes:
    """What a stream (standard input) holds, read no further than one byte past `limit`,
    so that a reader of it can tell that it is too large."""
    return stream.read(limit + 1)


def open_binary(path: str | os.PathLike[str]) -> BinaryIO:
    """A regular file (or the data given for its path), opened for reading in binary."""
    data = given(path)
    if data is not None:
        return io.BytesIO(data)
    return os.fdopen(open_regular(path), "rb")


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
    return _opened(path)[0]


def _opened(path: str | os.PathLike[str], listed: bool = False) -> tuple[int, os.stat_result]:
    """`open_regular`, with the open file's status; `listed` when the caller has just
    seen the path is a regular file (a folder listing), which saves looking again."""
    if not listed:
        regular(path)
    try:
        # binary on Windows; without waiting for a writer or becoming a terminal elsewhere
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
        if listed:  # it was no link when listed: a link put there since is not followed
            flags |= getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(path, flags | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket or a pipe with no writer
            raise FileProblem("this is not a regular file; rmf reads files only") from None
        raise FileProblem(f"cannot read: {exc.strerror or exc}") from None
    status = os.fstat(fd)
    if not stat.S_ISREG(status.st_mode):
        os.close(fd)
        raise FileProblem("this is not a regular file; rmf reads files only")
    return fd, status


# The file names a framework's files have.
YAML_SUFFIXES = (".yaml", ".yml")

_PIECE = 1 << 20  # what a file that grows while it is read is read on by


def read_regular(
    path: str | os.PathLike[str], limit: int = MAX_INPUT_BYTES, *, listed: bool = False
) -> bytes:
    """The bytes of a regular file of at most `limit` bytes.

    Raises FileProblem for anything else: a missing or unreadable file, a folder, a device
    or a pipe, or a file over the cap (read no further than the cap, whatever the file
    claims). Data given for the path (`given_file`) is read instead of the disk. `listed`
    says the caller has just seen that the path itself is a regular file, not a link
    (in a folder listing): it is opened without looking first, and the open file is
    checked as always, so a device or pipe swapped in meanwhile is still refused.
    """
    data = given(path)
    if data is not None:
        if len(data) > limit:
            raise too_large(limit)
        return data
    fd, status = _opened(path, listed)
    try:
        # sized by what the file says, so a small file costs no buffer of `limit` bytes;
        # a file that grew meanwhile is read on in bounded pieces, no further than the cap
        size = min(status.st_size, limit)
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            want = size + 1 - got if got <= size else min(_PIECE, limit + 1 - got)
            chunk = os.read(fd, want)
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
    except OSError as exc:
        raise FileProblem(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise too_large(limit)
    return data


def inside(path: Path, folder: Path) -> bool:
    """Whether `path`, with every link followed, stays inside `folder` (links followed too)."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a link loop
        return False
