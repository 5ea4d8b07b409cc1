"""Positions of our own: where each value, key and list item of the YAML stands."""

from __future__ import annotations

from dataclasses import dataclass

from rmf.core.findings import Mark

# A path into the data: mapping keys and list indices, e.g. ("roles", 3, "unit").
Path_ = tuple[str | int, ...]


@dataclass(slots=True)
class Pos:
    """Where a value and, for collections, each of its children stand."""

    mark: Mark
    keys: dict[str, Mark] | None = None
    values: dict[str, Pos] | None = None
    items: list[Pos] | None = None

    def child(self, step: str | int) -> Pos | None:
        if isinstance(step, int):
            if self.items is not None and 0 <= step < len(self.items):
                return self.items[step]
            return None
        if self.values is not None:
            return self.values.get(step)
        return None

    def key_mark(self, key: str) -> Mark | None:
        return self.keys.get(key) if self.keys is not None else None


def find_pos(root: Pos, path: Path_) -> tuple[Pos, Pos | None, Mark | None]:
    """Deepest position along `path`: (deepest found, exact match or None, key mark)."""
    node = root
    key_mark: Mark | None = None
    for depth, step in enumerate(path):
        nxt = node.child(step)
        if nxt is None:
            if isinstance(step, str) and depth == len(path) - 1:
                key_mark = node.key_mark(step)
            return node, None, key_mark
        key_mark = node.key_mark(step) if isinstance(step, str) else None
        node = nxt
    return node, node, key_mark


def mark_of(root: Pos, path: Path_, *, key: bool = False) -> Mark:
    """The mark for a path: its value (or its key), else the nearest enclosing entry."""
    deepest, exact, key_mark = find_pos(root, path)
    is_collection = exact is not None and (exact.keys is not None or exact.items is not None)
    if key_mark is not None and (key or is_collection):
        # a mapping or list value may start lines below its key: the key is what to show
        return key_mark
    if exact is not None:
        return exact.mark
    return deepest.mark
