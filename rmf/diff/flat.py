"""A framework file as one line per value, each naming the entity and field it belongs to
(`roles[brm].positions: 2`): what git's textconv diffs, so that every changed line of
`git log -p` says where it is."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from rmf.core.files import FileProblem, read_regular
from rmf.core.printable import printable
from rmf.reading.reader import read_file


def _leaf(value: Any) -> str:
    """A value with nothing below it, as written in YAML."""
    if isinstance(value, dict | list):
        return "{}" if isinstance(value, dict) else "[]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return printable(str(value))


def _step(item: object, position: int) -> str:
    """The part of a path that names a list item: its id, else its place (from 1)."""
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return f"[{printable(item['id'])}]"
    return f"[{position}]"


def flat_lines(data: Any) -> Iterator[str]:
    """`path: value` for every value in `data`, in the file's order; an empty list or
    mapping is shown as `[]` or `{}`."""
    # without recursion, as everywhere data is walked
    todo: list[tuple[str, Any]] = [("", data)]
    while todo:
        path, value = todo.pop()
        if isinstance(value, dict) and value:
            prefix = f"{path}." if path else ""
            todo.extend((f"{prefix}{printable(str(k))}", v) for k, v in reversed(value.items()))
        elif isinstance(value, list) and value:
            places = [(f"{path}{_step(v, i)}", v) for i, v in enumerate(value, 1)]
            todo.extend(reversed(places))
        else:
            yield f"{path}: {_leaf(value)}\n" if path else f"{_leaf(value)}\n"


def textconv(file: str) -> Iterator[str]:
    """The lines git's textconv shows for `file`: one per value; a file that is not
    readable YAML is shown as its lines (control characters escaped), so that its diff
    is still shown."""
    if file == os.devnull:
        return
    doc = read_file(file, file)
    if doc.ok:
        yield from flat_lines(doc.data)
        return
    try:
        raw = read_regular(file)
    except FileProblem as problem:
        yield f"rmf: cannot show this file: {problem}\n"
        return
    text = printable(raw.decode("utf-8", errors="replace"), newlines=True)
    yield from (line if line.endswith("\n") else f"{line}\n" for line in text.splitlines(True))
