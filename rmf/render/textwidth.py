"""How wide text runs on paper, in ems of its type size, without a font at hand: by the
advance widths of the widest of the fonts an office suite or browser puts in place of a
document's own, so that space given by these widths never breaks a word."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rmf.render import metrics

# inches a table cell takes beside its text: Word's cell margins, 0.075" a side, and air
CELL_PAD = 0.16
_UNKNOWN = 1000  # thousandths of an em for a character the tables do not hold: a wide one
_REGULAR = dict(zip(metrics.CHARS, map(int, metrics.REGULAR.split()), strict=True))
_BOLD = dict(zip(metrics.CHARS, map(int, metrics.BOLD.split()), strict=True))
# where an office suite may end a line inside a word: after a hyphen or a dash
# A line may end after a hyphen or a dash, but not inside a date or a range of numbers
# (`2009-11-30`, `10–20`): a date broken over two lines of a narrow column reads badly.
_BREAKS = re.compile(r"(?<=[-\u2010\u2013\u2014])(?![0-9])|(?<=[^0-9][-\u2010\u2013\u2014])")


def ems(text: str, bold: bool = False) -> float:
    """How wide `text` runs, in ems of its type size, in the widest of the fonts an
    office suite puts in place of a document's own."""
    table = _BOLD if bold else _REGULAR
    return sum(table.get(c, _UNKNOWN) for c in text) / 1000


def longest_word(text: str, bold: bool = False) -> float:
    """The width in ems of the longest stretch of `text` no line may end inside."""
    parts = (p for word in text.split() for p in _BREAKS.split(word) if p)
    return max((ems(p, bold) for p in parts), default=0.0)


def lines(text: str, width: float, bold: bool = False) -> int:
    """How many lines `text` wraps into at `width` ems, word by word."""
    count, used, space = 1, 0.0, ems(" ", bold)
    for word in text.split():
        size = ems(word, bold)
        if used and used + space + size > width:
            count, used = count + 1, size
        else:
            used += (space if used else 0.0) + size
    return count


def split_columns(widths: Sequence[float], room: float) -> list[list[int]]:
    """The columns of a table, by the width each needs, in parts that each fit `room`:
    every part after the first begins with the first column again, which names the row.
    A table that fits is one part."""
    if sum(widths) <= room + 1e-9:
        return [list(range(len(widths)))]
    parts, current = [], [0]
    for column in range(1, len(widths)):
        if len(current) == 1 or sum(widths[c] for c in current) + widths[column] <= room:
            current.append(column)
        else:
            parts.append(current)
            current = [0, column]
    parts.append(current)
    return parts
