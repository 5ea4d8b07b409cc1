"""Text edits: where an id stands in a file's text, and the text with the edits made."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from rmf.core.findings import Mark
from rmf.reading.reader import LINE_BREAK

_BLANK = " \t"
# what may follow a plain scalar that is exactly the id: the end of its line or of its
# flow item, a space before a comment, the end of a CSV cell
_PLAIN_END = frozenset(" \t\r\n,]}")


@dataclass(frozen=True, slots=True)
class Edit:
    """One change: at `line`:`column` of `file` (1-based, in characters, where the old
    text itself starts, after any quote), `old` becomes `new`."""

    file: str
    line: int
    column: int
    old: str
    new: str

    @property
    def mark(self) -> Mark:
        return Mark(self.file, self.line, self.column)


class Lines:
    """The offsets where each line of a text starts, to turn line:column into an offset
    and back."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in LINE_BREAK.finditer(text))]

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def place(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


class Unplaceable(ValueError):
    """The text at a mark is not the id as rename can edit it; the message says why."""


def _skip_blank(text: str, i: int) -> int:
    """Past spaces, line breaks and comments: what may stand between a node's anchor or
    tag and its value."""
    while i < len(text):
        if text[i] in " \t\r\n":
            i += 1
        elif text[i] == "#" and (i == 0 or text[i - 1] in " \t\r\n"):
            while i < len(text) and text[i] not in "\r\n":
                i += 1
        else:
            break
    return i


def locate(text: str, start: int, ident: str, *, yaml: bool = True) -> int:
    """The offset of `ident` in the value that starts at `start`: a YAML scalar (past its
    anchor and tag, inside its quotes) or a CSV cell (past leading blanks, inside its
    quotes). Raises Unplaceable when the value there is not `ident` written as it is."""
    i = start
    if yaml:
        while i < len(text) and text[i] in "&!":  # node properties: `&anchor`, `!!str`
            while i < len(text) and text[i] not in " \t\r\n":
                i += 1
            i = _skip_blank(text, i)
    else:
        while i < len(text) and text[i] in _BLANK:
            i += 1
    if yaml and i < len(text) and text[i] in "|>":
        raise Unplaceable("the id is written as a block scalar (`|` or `>`); write it plain")
    quote = text[i] if i < len(text) and text[i] in ("'\"" if yaml else '"') else ""
    begin = i + len(quote)
    end = begin + len(ident)
    if text[begin:end] != ident:
        raise Unplaceable(
            f"`{ident}` is not written as it is here (escapes?); write it plain"
            if quote == '"'
            else f"`{ident}` is not here: the file changed since it was read; run again"
        )
    after = text[end : end + 1]
    whole = after == quote if quote else not after or after in _PLAIN_END
    if not whole:
        raise Unplaceable(f"`{ident}` is not the whole value here: the file changed; run again")
    return begin


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """`text` with each edit made: every one must find its old text where it says."""
    lines = Lines(text)
    placed = sorted(((lines.offset(e.line, e.column), e) for e in edits), key=lambda p: p[0])
    pieces, done = [], 0  # the text in pieces, joined once: hundreds of edits to a large file
    for offset, edit in placed:
        if offset < done or text[offset : offset + len(edit.old)] != edit.old:
            raise Unplaceable(f"{edit.file}:{edit.line}:{edit.column}: `{edit.old}` is not here")
        pieces += [text[done:offset], edit.new]
        done = offset + len(edit.old)
    return "".join([*pieces, text[done:]])


def mentions(text: str, file: str, ident: str, skip: Iterable[int]) -> list[Mark]:
    """Where `ident` is written as a whole word in `text` other than at the offsets in
    `skip`: in comments and free text, which a rename leaves as written."""
    lines = Lines(text)
    taken = set(skip)
    found = []
    for match in re.finditer(rf"(?<![a-z0-9-]){re.escape(ident)}(?![a-z0-9-])", text):
        if match.start() not in taken:
            found.append(Mark(file, *lines.place(match.start())))
    return found
