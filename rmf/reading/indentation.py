"""YAML that does not parse because of its indentation, in plain words: the line to fix,
how far it is indented, and how far the lines it belongs with are (as yamllint says)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

Events = Callable[[str], Iterable[Any]]

_ITEM = re.compile(r"-(\s|$)")
_ITEMS = re.compile(r"(?:-[ \t]+)*")
_KEY_COLON = re.compile(r":(\s|$)")
_EMPTY_KEY = re.compile(r"(\s*)([^\s#:'\"-][^:#]*):\s*(#.*)?")
_TEXT_AFTER_KEY = re.compile(r"\s*(?:-\s+)?([^\s:#'\"][^:#]*):\s+[^\s|>'\"\[{&*!#]")
_TAB = "a tab indents this line; YAML indents with spaces"


@dataclass(frozen=True, slots=True)
class Slip:
    """Where an indentation mistake is (0-based, as the parsers count) and what it is."""

    line: int
    column: int
    message: str


@dataclass(slots=True)
class _Open:
    """A collection open at some point of the text, as its events tell."""

    kind: str  # "map" or "seq"
    column: int
    line: int
    label: str  # what its entries are, e.g. "the keys of `framework`"
    flow: bool = False
    tagged: bool = False  # its start mark is at an anchor or tag, not at its first entry
    children: int = 0
    key: str = ""  # the last key of a mapping
    key_line: int = -1
    key_column: int = 0


@dataclass(frozen=True, slots=True)
class _Text:
    """The text of a block scalar (`|` or `>`): whose it is, and where it stands."""

    key: str
    line: int  # its first line with something on it
    column: int


@dataclass(slots=True)
class _Replay:
    """The events of the text up to a line: what is open there, what closed on the way."""

    stack: list[_Open] = field(default_factory=list)
    closed: dict[int, list[_Open]] = field(default_factory=dict)  # by the line that closed them
    root: _Open | None = None
    block_text: _Text | None = None  # a block scalar that ends just before the line


def diagnose(exc: Exception, lines: list[str], events: Events, text: str) -> Slip | None:
    """The indentation mistake behind a parser error, or None when it is not one."""
    problem = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    words = f"{getattr(exc, 'problem', '')} {getattr(exc, 'context', '')}"
    if problem is None or "flow" in words:
        return None
    for mark in (problem, context):
        tab = None if mark is None else _tab(_line(lines, mark.line))
        if mark is not None and tab is not None:
            return Slip(mark.line, tab, _TAB)
    if "simple key" in words and context is not None:
        return _no_colon(lines, context.line)
    if "mapping values are not allowed" in words:
        return _colon(lines, problem.line, problem.column, events, text)
    if "document start" in words:
        root = _replay(events, text, lines, problem.line).root
        if root is not None and root.column > 0:
            return Slip(root.line, root.column, _is(root.line, root.column, "top-level keys", 0))
        return None
    line = _line(lines, problem.line)
    if "block" in words and problem.column == _indent(line) and line.strip():
        return _misaligned(lines, problem.line, events, text)
    return None


def _line(lines: list[str], n: int) -> str:
    return lines[n] if 0 <= n < len(lines) else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(lines: list[str], n: int, step: int) -> int | None:
    """The nearest line from `n` on (up with step -1) that holds more than a comment."""
    while 0 <= n < len(lines):
        stripped = lines[n].strip()
        if stripped and not stripped.startswith("#"):
            return n
        n += step
    return None


def _tab(line: str) -> int | None:
    """The column of a tab in the line's indentation, if one indents it."""
    lead = line[: len(line) - len(line.lstrip(" \t"))]
    return lead.index("\t") if "\t" in lead and line.strip() else None


def _indented(n: int, found: int) -> str:
    """`line 4 is indented 3 spaces`."""
    if found == 0:
        return f"line {n + 1} is not indented"
    return f"line {n + 1} is indented {_spaces(found)}"


def _spaces(n: int) -> str:
    return f"{n} space{'' if n == 1 else 's'}"


def _is(n: int, found: int, label: str, column: int) -> str:
    """`line 4 is indented 3 spaces; the keys of `framework` are indented 2`."""
    then = f"are indented {column}" if column else "are not indented"
    return f"{_indented(n, found)}; {label} {then}"


def _no_colon(lines: list[str], n: int) -> Slip:
    """A line that is not `key: value`, where the parser stops a line or more later."""
    message = f"line {n + 1} is not `key: value`: add the missing `:`"
    above = _content(lines, n - 1, -1)
    held = _TEXT_AFTER_KEY.match(lines[above]) if above is not None else None
    if held is not None:
        key = held.group(1).strip()
        message += f", or, if it continues the text of `{key}`, indent it more than `{key}`"
    return Slip(n, _indent(_line(lines, n)), message)


def _colon(lines: list[str], n: int, column: int, events: Events, text: str) -> Slip | None:
    """`key: value` on a line that continues the value of the line above: a key indented
    too far; else a colon inside a value, which only quotes make text."""
    line = _line(lines, n)
    start = _indent(line)
    items = _ITEMS.match(line, start)  # the key of `- key: value` too
    start += len(items.group()) if items is not None else 0
    first = _KEY_COLON.search(line, start)
    if first is not None and first.start() == column:
        return _misaligned(lines, n, events, text)
    return Slip(n, column, "a `: ` inside a value reads as a new key; put the value in quotes")


@dataclass(frozen=True, slots=True)
class _At:
    """A line the parser trips on, with what stands around it."""

    lines: list[str]
    n: int
    found: int  # its indentation
    kind: str  # "seq" for a list item, else "map"
    replay: _Replay
    above: int | None  # the lines with something on them before and after it
    below: int | None

    def agrees(self, other: int | None) -> bool:
        """Whether another line is indented as this one, and is of its kind."""
        if other is None or _indent(self.lines[other]) != self.found:
            return False
        return bool(_ITEM.match(self.lines[other], self.found)) == (self.kind == "seq")


def _misaligned(lines: list[str], n: int, events: Events, text: str) -> Slip | None:
    """A line indented unlike any collection it could belong to: which line to fix (this
    one, or the one that set or ended the indentation it differs from), and how."""
    line = _line(lines, n)
    found = _indent(line)
    kind = "seq" if _ITEM.match(line, found) else "map"
    replay = _replay(events, text, lines, n)
    at = _At(lines, n, found, kind, replay, _content(lines, n - 1, -1), _content(lines, n + 1, 1))
    for reading in (_in_text, _after_end, _under_empty_key, _first_key, _among_collections):
        slip = reading(at)
        if slip is not None:
            return slip
    return None


def _in_text(at: _At) -> Slip | None:
    """A line of text less indented than the block scalar (`|`, `>`) it follows."""
    text = at.replay.block_text
    line = at.lines[at.n]
    if text is None or at.found >= text.column or at.kind == "seq":
        return None
    if _KEY_COLON.search(line, at.found):
        return None
    if text.line == at.above and at.agrees(at.below):
        # its first line alone set the indentation of the text, and the lines after
        # this one agree with this one: the first line is the one to move
        message = f"{_indented(text.line, text.column)}; {_TO_LINE_UP} {at.found}"
        return Slip(text.line, text.column, message)
    message = f"{_indented(at.n, at.found)}; the text of `{text.key}` is indented {text.column}"
    return Slip(at.n, at.found, message)


_TO_LINE_UP = "to line up with the lines below it, indent it"


def _after_end(at: _At) -> Slip | None:
    """The line above ended the collection this one goes on with: it is the odd one."""
    if at.above is None:
        return None
    ended = at.replay.closed.get(at.above, [])
    same = [o for o in ended if o.kind == at.kind and o.column == at.found and not o.flow]
    if not same:
        return None
    column = _indent(at.lines[at.above])
    return Slip(at.above, column, _is(at.above, column, same[-1].label, at.found))


def _under_empty_key(at: _At) -> Slip | None:
    """The line below a key with nothing after it: what the key holds, indented no
    more than the key."""
    last = at.replay.stack[-1] if at.replay.stack else None
    if last is None or last.kind != "map" or at.above != last.key_line:
        return None
    after = _line(at.lines, last.key_line)[last.key_column :]
    colon = _KEY_COLON.search(after)
    if colon is not None and after[colon.end() :].split(" #")[0].strip():
        return None
    if at.found > last.key_column:
        return None
    label = f"the {'items' if at.kind == 'seq' else 'keys'} of `{last.key}`"
    return Slip(at.n, at.found, _is(at.n, at.found, label, last.key_column + 2))


def _first_key(at: _At) -> Slip | None:
    """The first key under a `key:` left at that key's indentation, so that the keys
    after it, indented as they should be, are the ones the parser trips on."""
    if at.above is None:
        return None
    column = _indent(at.lines[at.above])
    over = _content(at.lines, at.above - 1, -1)
    if over is None or at.found <= column or _ITEM.match(at.lines[at.above], column):
        return None
    parent = _EMPTY_KEY.fullmatch(at.lines[over])
    if parent is None or len(parent.group(1)) != column:
        return None
    label = f"the keys of `{parent.group(2).strip()}`"
    return Slip(at.above, column, _is(at.above, column, label, at.found))


def _among_collections(at: _At) -> Slip | None:
    """The open collection of its kind the line is nearest to, and how far that one's
    entries are indented; or that one's first entry, when it alone is out of line."""
    columns = sorted((o for o in at.replay.stack if o.kind == at.kind), key=lambda o: o.column)
    if not columns or any(o.column == at.found for o in columns):
        return None
    near = _nearest(columns, at.found)
    if _entries(near) == 1 and near.column > 0 and at.agrees(at.below):
        # its first entry alone set the indentation, and the lines after this one
        # agree with this one: the first entry is the one to move
        line = _line(at.lines, near.line)
        column = _indent(line)
        if near.column == column:
            wanted = column + at.found - near.column
            message = f"{_indented(near.line, column)}; {_TO_LINE_UP} {wanted}"
            return Slip(near.line, column, message)
        dash = re.fullmatch(r"- +", line[column : near.column])
        if dash is not None and at.found > column:
            # it follows the `- ` of its item: the space after the dash sets it apart
            gap, wanted = near.column - column - 1, at.found - column - 1
            message = (
                f"line {near.line + 1} has {_spaces(gap)} after its `-`; to line up with "
                f"the lines below it, leave {wanted}"
            )
            return Slip(near.line, near.column, message)
    message = _is(at.n, at.found, near.label, near.column)
    distance = abs(near.column - at.found)
    other = [o for o in columns if o is not near and abs(o.column - at.found) == distance]
    if other:  # as near one way as the other: name both
        then = f"are indented {other[0].column}" if other[0].column else "are not indented"
        message += f", {other[0].label} {then}"
    return Slip(at.n, at.found, message)


def _entries(opened: _Open) -> int:
    return opened.children if opened.kind == "seq" else (opened.children + 1) // 2


def _nearest(columns: list[_Open], found: int) -> _Open:
    """The collection a line at `found` most likely belongs to: the nearest (of two as
    near, the deeper); but a line between two goes with the deeper one while that one
    has a single entry, which may itself be the line out of place."""
    deeper = next((o for o in columns if o.column > found), None)
    if deeper is not None and deeper is not columns[0] and _entries(deeper) == 1:
        return deeper
    return min(columns, key=lambda o: (abs(o.column - found), -o.column))


def _replay(events: Events, text: str, lines: list[str], n: int) -> _Replay:
    """The collections open at the start of line `n`, the ones closed on the way, and a
    block scalar that ends just before it."""
    out = _Replay()
    stack = out.stack
    try:
        for event in events(text):
            mark = event.start_mark
            if mark.line >= n:
                break
            name = type(event).__name__
            if name in ("MappingEndEvent", "SequenceEndEvent"):
                if stack:
                    out.closed.setdefault(mark.line, []).append(stack.pop())
                continue
            if name not in ("MappingStartEvent", "SequenceStartEvent", "ScalarEvent", "AliasEvent"):
                continue
            parent = stack[-1] if stack else None
            if parent is not None and parent.children == 0 and parent.tagged:
                _place(parent, mark, lines)
            if parent is not None:
                if parent.kind == "map" and parent.children % 2 == 0:
                    parent.key = str(getattr(event, "value", ""))
                    parent.key_line, parent.key_column = mark.line, mark.column
                parent.children += 1
            out.block_text = None
            if name == "ScalarEvent" and getattr(event, "style", None) in ("|", ">"):
                first = _content(lines, mark.line + 1, 1)
                if parent is not None and parent.kind == "map" and first is not None:
                    out.block_text = _Text(parent.key, first, _indent(lines[first]))
            if name in ("MappingStartEvent", "SequenceStartEvent"):
                kind = "map" if name == "MappingStartEvent" else "seq"
                flow = bool(getattr(event, "flow_style", False))
                opened = _Open(kind, mark.column, mark.line, _label(kind, stack), flow)
                at = _line(lines, mark.line)[mark.column : mark.column + 1]
                opened.tagged = not flow and at in ("&", "!")
                stack.append(opened)
                out.root = out.root or opened
    except Exception:  # the parser's own error, met again on the way: the stack is what was open
        pass
    if any(o.flow for o in stack):
        out.stack = []  # inside `[…]` or `{…}`, indentation does not count
    return out


def _place(opened: _Open, first: Any, lines: list[str]) -> None:
    """Where the entries of a block collection with an anchor or tag (`key: &anchor`)
    stand: at its first key or `-`, not where its start mark is."""
    opened.line = first.line
    if opened.kind == "map":
        opened.column = first.column
    else:
        dash = _line(lines, first.line).rfind("-", 0, first.column)
        opened.column = dash if dash >= 0 else opened.column


def _label(kind: str, stack: list[_Open]) -> str:
    """What the entries of a new collection are, from where it stands."""
    parent = stack[-1] if stack else None
    grand = stack[-2] if len(stack) >= 2 else None
    if parent is None:
        return "top-level keys" if kind == "map" else "the items of the top-level list"
    if parent.kind == "map":
        what = "keys" if kind == "map" else "items"
        return f"the {what} of `{parent.key}`"
    if kind == "map" and grand is not None and grand.kind == "map":
        return f"the keys of each `{grand.key}` item"
    return "the keys of this item" if kind == "map" else "the items of this list"
