"""Find the comments and blank lines of YAML text, and put them back by the nodes they belong to."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rmf.reading.reader import DEFAULT_PARSER, PARSERS

Path_ = tuple[str | int, ...]


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


# --- where nodes stand ---------------------------------------------------------------


def _walk(text: str) -> Iterator[tuple[Path_, Any, bool]]:
    """(path, event, listed) of every node event of the text, and of the end of every
    collection (with the collection's path); `listed` marks mapping keys and list items."""
    # per open collection: its path, and for a mapping the key awaiting its value
    stack: list[tuple[Path_, bool, list[Any]]] = []
    for event in PARSERS[DEFAULT_PARSER](text):
        kind = type(event).__name__
        if kind in ("MappingEndEvent", "SequenceEndEvent"):
            yield stack.pop()[0], event, False
            _done(stack)
            continue
        if kind not in ("ScalarEvent", "AliasEvent", "MappingStartEvent", "SequenceStartEvent"):
            continue
        here: Path_ = ()
        listed = False
        if stack:
            path, is_map, state = stack[-1]
            if is_map and not state:  # a key
                key = str(getattr(event, "value", ""))
                state.append(key)
                yield (*path, key), event, True
                if kind in ("MappingStartEvent", "SequenceStartEvent"):
                    stack.append(((*path, key), kind == "MappingStartEvent", []))
                continue
            if is_map:
                here = (*path, state[0])
            else:
                here, listed = (*path, len(state)), True
        yield here, event, listed
        if kind in ("MappingStartEvent", "SequenceStartEvent"):
            stack.append((here, kind == "MappingStartEvent", []))
        else:
            _done(stack)


def nodes(text: str) -> list[tuple[Path_, int]]:
    """(path, 0-based line) of every mapping key and list item, in document order."""
    return [(path, event.start_mark.line) for path, event, listed in _walk(text) if listed]


def commented_flows(text: str, source: Scan) -> list[Path_]:
    """The paths of the flow lists and mappings (`[a,  # why`) that hold a comment."""
    starts = line_starts(text)
    inside = sorted(starts[c.line] + c.column for c in source.comments)
    opened: dict[Path_, int] = {}
    found: list[Path_] = []
    for path, event, _ in _walk(text):
        if getattr(event, "flow_style", False):
            opened[path] = starts[event.start_mark.line] + event.start_mark.column
        elif type(event).__name__.endswith("EndEvent") and path in opened:
            begin = opened.pop(path)
            stop = event.end_mark
            end = starts[stop.line] + stop.column if stop.line < len(starts) else len(text)
            at = bisect.bisect_left(inside, begin)
            if at < len(inside) and inside[at] < end:
                found.append(path)
    return found


def _done(stack: list[tuple[Path_, bool, list[Any]]]) -> None:
    """A value is complete: its mapping awaits the next key, its list counts an item."""
    if not stack:
        return
    _, is_map, state = stack[-1]
    if is_map:
        state.clear()
    else:
        state.append(None)


# --- putting comments back -----------------------------------------------------------


def restore(dumped: str, source: Scan, where: list[tuple[Path_, int]]) -> str:
    """`dumped` (the same data as the source, without comments) with the source's comments
    and blank lines put back by the nodes they belong to: full-line comments before the next
    node, end-of-line ones after the node on their line. `where` lists the source's nodes
    by line."""
    out = dumped.splitlines()
    lines_of: dict[Path_, int] = {}
    for path, line in nodes(dumped):
        lines_of.setdefault(path, line)
    firsts = [line for _, line in where]
    before: dict[int, list[str]] = {}
    eol: dict[int, tuple[int, str]] = {}

    def target(path: Path_) -> int:
        while path and path not in lines_of:
            path = path[:-1]  # an aliased subtree is listed where it first appears
        return lines_of.get(path, 0)

    def indent(line: int) -> int:
        return len(out[line]) - len(out[line].lstrip(" "))

    header: list[str] = []
    trailer: list[str] = []
    for group in source.groups:
        after: int | None = bisect.bisect_right(firsts, group.last)
        if after == len(firsts):
            after = None
        if after is None or after == 0:
            (trailer if after is None else header).extend(
                " " * c.column + c.text if c.text else "" for c in group.lines
            )
            continue
        line = target(where[after][0])
        before.setdefault(line, []).extend(
            " " * indent(line) + c.text if c.text else "" for c in group.lines
        )
    for comment in source.eol:
        on = bisect.bisect_right(firsts, comment.line) - 1
        if on < 0:
            header.append(comment.text)
            continue
        line = target(where[on][0])
        if line in eol:
            before.setdefault(line, []).append(" " * indent(line) + comment.text)
        else:
            eol[line] = (comment.gap, comment.text)
    text: list[str] = list(header)
    for i, content in enumerate(out):
        text.extend(before.get(i, []))
        if i in eol:
            gap, note = eol[i]
            content = content.rstrip() + " " * max(1, gap) + note
        text.append(content)
    text.extend(trailer)
    while text and not text[-1].strip():
        text.pop()
    return "\n".join(text) + "\n"
