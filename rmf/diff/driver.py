"""git's external diff protocol: the arguments git passes, and the line diff for files that
are not whole frameworks, written as git writes its own."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO

from rmf.core.files import FileProblem, read_regular
from rmf.core.printable import printable

# git runs an external diff with 7 arguments for a path added, deleted or modified, and
# with 9 for one renamed or copied: the new path and git's header lines (similarity
# index, rename from, rename to) follow. A side that does not exist is /dev/null, with
# "." for its object id and mode. (An unmerged path gets one argument, its name.)
PLAIN, RENAMED = 7, 9
_HEX = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}|\.")  # SHA-1 or SHA-256 repositories
_MODE = re.compile(r"[0-7]{6}|\.")
_NULL = re.compile(r"0+")  # a file of the working tree, not yet an object


@dataclass(frozen=True)
class Side:
    """One side as git passes it: the path in the repository, the file holding its
    content (a temporary copy, a file of the working tree, or /dev/null), its object id
    and mode."""

    name: str
    file: str
    hex: str
    mode: str

    @property
    def missing(self) -> bool:
        """The side of an added file's old or a deleted file's new version."""
        return self.mode == "." or self.file == os.devnull

    @property
    def label(self) -> str:
        """How a comparison names this version: its path and short object id."""
        where = "working tree" if _NULL.fullmatch(self.hex) else self.hex[:7]
        return f"{self.name} ({where})"


@dataclass(frozen=True)
class Pair:
    """The two sides git asks to compare, and git's own header lines for a rename or copy."""

    old: Side
    new: Side
    header: str = ""


def parse(args: Sequence[str]) -> Pair | None:
    """The pair of git's 7- or 9-argument form, or None when the arguments are not one."""
    if len(args) not in (PLAIN, RENAMED):
        return None
    name, old_file, old_hex, old_mode, new_file, new_hex, new_mode = args[:PLAIN]
    shaped = all(_HEX.fullmatch(h) for h in (old_hex, new_hex)) and all(
        _MODE.fullmatch(m) for m in (old_mode, new_mode)
    )
    if not shaped:
        return None
    new_name, header = (args[PLAIN], args[PLAIN + 1]) if len(args) == RENAMED else (name, "")
    return Pair(
        Side(name, old_file, old_hex, old_mode),
        Side(new_name, new_file, new_hex, new_mode),
        header,
    )


def _content(side: Side) -> tuple[bytes | None, str]:
    """The bytes of a side (empty when missing), or None and why they cannot be shown."""
    if side.missing:
        return b"", ""
    try:
        return read_regular(side.file), ""
    except FileProblem as problem:
        return None, str(problem)


def _lines(data: bytes) -> list[str]:
    # lines as git counts them (line feeds only), control characters shown escaped
    text = printable(data.decode("utf-8", errors="replace"), newlines=True)
    return text.splitlines(keepends=True)


def _headers(pair: Pair) -> Iterator[str]:
    old, new = printable(pair.old.name), printable(pair.new.name)
    yield f"diff --git a/{old} b/{new}\n"
    if pair.old.missing:
        yield f"new file mode {pair.new.mode}\n"
    elif pair.new.missing:
        yield f"deleted file mode {pair.old.mode}\n"
    elif pair.old.mode != pair.new.mode:
        yield f"old mode {pair.old.mode}\nnew mode {pair.new.mode}\n"
    yield from (f"{printable(line)}\n" for line in pair.header.splitlines())


def write_line_diff(pair: Pair, out: IO[str]) -> None:
    """The change as git shows it without a driver: its header, then a unified diff of the
    lines (`/dev/null` for the side of an added or deleted file)."""
    out.writelines(_headers(pair))
    (old, old_problem), (new, new_problem) = _content(pair.old), _content(pair.new)
    from_name = "/dev/null" if pair.old.missing else f"a/{printable(pair.old.name)}"
    to_name = "/dev/null" if pair.new.missing else f"b/{printable(pair.new.name)}"
    if old is None or new is None:
        out.write(f"rmf: cannot show the lines: {old_problem or new_problem}\n")
        return
    if old == new:
        return  # a rename or a new mode alone: the header says it all
    if b"\0" in old or b"\0" in new:
        out.write(f"Binary files {from_name} and {to_name} differ\n")
        return
    for line in difflib.unified_diff(_lines(old), _lines(new), from_name, to_name):
        out.write(line if line.endswith("\n") else f"{line}\n\\ No newline at end of file\n")
