"""The source line a finding points at, read bounded: only as far as needed, from a regular
file, cut to a readable width around the column."""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from rmf.core.files import FileProblem, open_binary
from rmf.reading.reader import MAX_FILE_BYTES

WIDTH = 200  # characters of a source line shown at most
CHUNK = 64 * 1024
# bytes kept of a line beyond the column a finding points at: WIDTH characters of UTF-8
MARGIN = 4 * WIDTH


def source_lines(path: str, wanted: Iterable[tuple[int, int]]) -> dict[int, str]:
    """The lines (by 1-based number) that findings at `wanted` (line, column) point at, as
    YAML counts lines (only line feeds break them). Each is cut a little past the furthest
    column, the file is read no further than the last line and never past the reader's
    size cap, and anything but a regular file (a device, a FIFO) gives nothing."""
    need: dict[int, int] = {}
    for line, column in wanted:
        if line > 0:
            need[line] = max(need.get(line, 0), 4 * max(column, 1) + MARGIN)
    if not need:
        return {}
    try:
        handle = open_binary(path)  # a device or a FIFO gives nothing, and never waits
    except (FileProblem, ValueError):
        return {}
    try:
        with handle:
            raw = _read_lines(handle, need)
    except OSError:
        return {}
    lines = {}
    for number, data in raw.items():
        text = data.decode("utf-8", errors="replace")
        if number == 1:
            text = text.removeprefix("\ufeff")
        lines[number] = text.removesuffix("\n").removesuffix("\r")
    return lines


def _read_lines(handle: BinaryIO, need: dict[int, int]) -> dict[int, bytes]:
    """The start of each line in `need`, up to its number of bytes."""
    found: dict[int, bytes] = {}
    last, number, budget = max(need), 1, MAX_FILE_BYTES
    head = bytearray()
    while number <= last and budget > 0:
        piece = handle.readline(min(CHUNK, budget))
        if not piece:
            break
        budget -= len(piece)
        keep = need.get(number, 0)
        if len(head) < keep:
            head += piece[: keep - len(head)]
        if piece.endswith(b"\n"):
            if number in need:
                found[number] = bytes(head)
            number, head = number + 1, bytearray()
    if number in need and head:
        found[number] = bytes(head)  # the last line, without a line feed
    return found


def excerpt(line: str, column: int, width: int = WIDTH) -> tuple[str, int]:
    """At most `width` (and WIDTH) characters of `line` around `column`, an ellipsis where
    it is cut, and the offset of the column in what is shown."""
    width = max(min(width, WIDTH), 20)
    start = 0 if column <= width - width // 4 else column - 1 - width // 2
    shown = line[start : start + width]
    if len(line) > start + width:
        shown = shown[:-1] + "…"
    if start:
        shown = "…" + shown[1:]
    return shown, column - 1 - start
