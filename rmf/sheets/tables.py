"""A sheet as export builds it and the writers lay it out: a title, columns and rows."""

from __future__ import annotations

from dataclasses import dataclass

from rmf.sheets.layout import MAX_SHEET_NAME, Cell, Field


@dataclass(frozen=True)
class Sheet:
    """One sheet: its columns, its rows, and how many leading columns stay in view."""

    name: str
    columns: tuple[Field, ...]
    rows: tuple[tuple[Cell, ...], ...]
    frozen: int = 1  # leading columns kept in view when scrolling right
    centred: frozenset[int] = frozenset()  # columns of letters or ticks, centred
    stem: str | None = None  # its CSV file's name (default: from its name)

    def __post_init__(self) -> None:
        assert all(len(r) == len(self.columns) for r in self.rows), self.name


def sheet_names(titles: list[str]) -> list[str]:
    """Titles made into sheet names that Excel accepts and that differ from each other:
    at most 31 characters, none of `[]:*?/\\`, unique regardless of case."""
    out: list[str] = []
    taken: set[str] = set()
    for title in titles:
        base = "".join(" " if c in "[]:*?/\\" or c < " " else c for c in title).strip(" '")
        base = " ".join(base.split()) or "Sheet"
        name, n = _cut(base, MAX_SHEET_NAME), 1
        while name.casefold() in taken:
            n += 1
            tail = f" ({n})"
            name = _cut(base, MAX_SHEET_NAME - len(tail)) + tail
        taken.add(name.casefold())
        out.append(name)
    return out


def _cut(text: str, limit: int) -> str:
    """Text within `limit` characters, cut at a word with an ellipsis when it is longer."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if " " in head.strip():
        head = head[: head.rstrip().rfind(" ")]
    return head.rstrip(" ,;-") + "…"
