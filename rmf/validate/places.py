"""Where a finding is, for the programs that read reports: its file relative to the
repository, the extent of the token it points at, columns in UTF-16 code units, and a
fingerprint that outlives edits elsewhere in the file."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from rmf.core.findings import Finding, Mark
from rmf.reading.loader import repository_top
from rmf.validate.excerpt import MARGIN, source_lines


@dataclass(frozen=True, slots=True)
class Region:
    """A finding's extent on its line, in 1-based columns; the end is exclusive."""

    line: int
    column: int
    end_column: int


def project_root(cwd: Path | None = None) -> Path:
    """What reports name files relative to: the top of the git work tree that holds the
    current folder (a CI checkout), else the current folder itself."""
    here = Path(os.path.abspath(cwd or os.curdir))
    return repository_top(here) or here


def relative_path(file: str, root: Path) -> str | None:
    """`file` (as shown, relative to the current folder) relative to `root`, with forward
    slashes; None for a file outside it."""
    rel = os.path.relpath(os.path.abspath(file), root)
    parts = Path(rel).parts
    if not parts or parts[0] == os.pardir or Path(rel).is_absolute():
        return None
    return Path(rel).as_posix()


def uri_of(path: str) -> str:
    """A relative path as a URI reference: each segment percent-encoded."""
    return quote(path, safe="/")


def file_uri(file: str) -> str:
    """An absolute `file:` URI, for a file outside the root."""
    return Path(os.path.abspath(file)).as_uri()


def _in_flow(line: str, end: int) -> bool:
    """Whether position `end` of `line` is inside a `[...]` or `{...}` opened on the line."""
    depth, quote_char = 0, ""
    for ch in line[:end]:
        if quote_char:
            quote_char = "" if ch == quote_char else quote_char
        elif ch in "\"'":
            quote_char = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth = max(depth - 1, 0)
    return depth > 0


def _quoted_end(line: str, i: int) -> int:
    """Index just past the quoted scalar that starts at `line[i]`, or the line's end."""
    quote_char, j = line[i], i + 1
    while j < len(line):
        if quote_char == '"' and line[j] == "\\":
            j += 2
            continue
        if line[j] == quote_char:
            if quote_char == "'" and line[j + 1 : j + 2] == "'":
                j += 2  # '' is a quote inside single quotes
                continue
            return j + 1
        j += 1
    return len(line)


def _flow_end(line: str, i: int) -> int:
    """Index just past the `[...]` or `{...}` that opens at `line[i]`, or the line's end."""
    depth, j = 0, i
    while j < len(line):
        ch = line[j]
        if ch in "\"'":
            j = _quoted_end(line, j)
            continue
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return len(line)


def token_end(line: str, column: int) -> int:
    """The column just past the YAML token that starts at `column`: a quoted scalar to
    its closing quote, a flow collection to its closing bracket, a key to its colon, a
    plain scalar to a comment, the line's end or (in a flow collection) the next comma.
    A column at or past the line's end gives an empty extent."""
    i = column - 1
    if i < 0 or i >= len(line) or line[i] in " \t":
        return column
    ch = line[i]
    if ch in "\"'":
        return _quoted_end(line, i) + 1
    if ch in "[{":
        return _flow_end(line, i) + 1
    if ch in "-?:|>" and line[i + 1 : i + 2] in ("", " ", "\t"):
        return column + 1  # an indicator: a list item, a key or a block scalar
    flow = _in_flow(line, i)
    j = i
    while j < len(line):
        c, after = line[j], line[j + 1 : j + 2]
        if c == ":" and (after in ("", " ", "\t") or (flow and after in (",", "]", "}"))):
            break
        if c == "#" and j > i and line[j - 1] in " \t":
            break
        if flow and c in ",]}":
            break
        j += 1
    while j > i and line[j - 1] in " \t":
        j -= 1
    return j + 1


def utf16_column(line: str, column: int) -> int:
    """A 1-based column in code points as UTF-16 code units count it (SARIF's default
    and what editors in JavaScript count): characters beyond U+FFFF count twice."""
    before = line[: max(column - 1, 0)]
    wide = sum(1 for ch in before if ord(ch) > 0xFFFF)
    return column + wide


class Places:
    """The source lines that marks point at, each file read once and bounded."""

    def __init__(self, marks: Iterable[Mark]) -> None:
        wanted: dict[str, list[tuple[int, int]]] = {}
        for m in marks:
            wanted.setdefault(m.file, []).append((m.line, m.column))
        self._lines = {file: source_lines(file, at) for file, at in wanted.items()}

    def line(self, mark: Mark) -> str:
        return self._lines.get(mark.file, {}).get(mark.line, "")

    def whole(self, mark: Mark) -> bool:
        """Whether the line was read to its end: a very long one is cut past the column."""
        return len(self.line(mark).encode("utf-8")) < 4 * max(mark.column, 1) + MARGIN

    def region(self, mark: Mark) -> Region:
        """The extent of the token a mark points at, in code points."""
        column = max(mark.column, 1)
        end = token_end(self.line(mark), column)
        return Region(max(mark.line, 1), column, max(end, column))

    def utf16(self, mark: Mark, region: Region) -> Region:
        """The same region with columns in UTF-16 code units."""
        text = self.line(mark)
        return Region(
            region.line, utf16_column(text, region.column), utf16_column(text, region.end_column)
        )


def fingerprints(findings: Sequence[Finding], paths: Sequence[str]) -> list[str]:
    """A hash per finding of what it is rather than where: its code, file, entity and
    message, so that it survives lines added above it; findings alike in all of those
    are told apart by their order."""
    seen: dict[str, int] = {}
    out = []
    for f, path in zip(findings, paths, strict=True):
        key = "\0".join((f.code, path, f.target or "", " ".join(f.message.split())))
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
        n = seen.get(digest, 0)
        seen[digest] = n + 1
        if n:
            digest = hashlib.sha256(f"{digest}:{n}".encode()).hexdigest()
        out.append(digest[:32])
    return out
