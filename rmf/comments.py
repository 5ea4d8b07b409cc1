"""Find the comments and blank lines of YAML text, and the lines they stand on."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from rmf.yaml_reader import DEFAULT_PARSER, PARSERS


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment (from `#` to the end of its line) or, with empty text, a blank line."""

    line: int  # 0-based
    column: int
    text: str
    gap: int = 0  # spaces between the data and an end-of-line comment


@dataclass(frozen=True, slots=True)
class Group:
    """Consecutive lines holding only comments or nothing, between two lines of data."""

    lines: tuple[Comment, ...]

    @property
    def last(self) -> int:
        return self.lines[-1].line


@dataclass(frozen=True)
class Scan:
    """The comments of a text: full-line ones in groups, and end-of-line ones."""

    groups: tuple[Group, ...]
    eol: tuple[Comment, ...]

    @property
    def comments(self) -> list[Comment]:
        """Every comment, without the blank lines."""
        full = [c for g in self.groups for c in g.lines if c.text]
        return sorted([*full, *self.eol], key=lambda c: (c.line, c.column))


def line_starts(text: str) -> list[int]:
    """The offset at which each line of the text starts."""
    starts = [0]
    at = text.find("\n")
    while at != -1:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def _scalar_spans(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of every scalar's text, where a `#` is not a comment."""
    lines = line_starts(text)
    starts: list[int] = []
    ends: list[int] = []
    for event in PARSERS[DEFAULT_PARSER](text):
        if type(event).__name__ != "ScalarEvent":
            continue
        begin, stop = event.start_mark, event.end_mark
        start = lines[begin.line] + begin.column
        end = lines[stop.line] + stop.column if stop.line < len(lines) else len(text)
        if event.style in ("|", ">"):
            # the header line (`>-  # note`) may hold a comment; the content starts below
            newline = text.find("\n", start)
            header = text[start : newline if newline != -1 else end].split("#", 1)[0]
            start = newline + 1 if newline != -1 else end
            if "+" not in header:  # trailing blank lines are content only when kept
                while end > start and text[end - 1] in " \n":
                    end -= 1
        starts.append(start)
        ends.append(end)
    return starts, ends


def scan(text: str) -> Scan:
    """The comments and blank lines of well-formed YAML text."""
    starts, ends = _scalar_spans(text)

    def inside(offset: int) -> bool:
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and offset < ends[i]

    groups: list[Group] = []
    current: list[Comment] = []
    eol: list[Comment] = []
    offset = 0
    for number, line in enumerate(text.split("\n")):
        begin, offset = offset, offset + len(line) + 1
        if not line.strip():
            if not inside(begin):
                current.append(Comment(number, 0, ""))
                continue
        else:
            column = next(
                (
                    i
                    for i, char in enumerate(line)
                    if char == "#" and (i == 0 or line[i - 1] in " \t") and not inside(begin + i)
                ),
                None,
            )
            if column is not None and not line[:column].strip():
                current.append(Comment(number, column, line[column:].rstrip()))
                continue
            if column is not None:
                gap = column - len(line[:column].rstrip())
                eol.append(Comment(number, column, line[column:].rstrip(), gap))
        if current:
            groups.append(Group(tuple(current)))
            current = []
    if current:
        groups.append(Group(tuple(current)))
    return Scan(tuple(groups), tuple(eol))
