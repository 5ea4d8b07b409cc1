"""What may be written at the cursor: the field it is the value of, found from the text
around it (which is often not YAML yet while it is typed), and that field's ids or
values as the model declares them."""

from __future__ import annotations

import enum
import re
import typing
from dataclasses import dataclass

from pydantic import BaseModel

from rmf.model.framework import Framework
from rmf.model.refs import FieldType, field_types, split_annotation

# `key:` at the start of what a line holds, after any list dashes
_LINE = re.compile(
    r"^(?P<indent>[ ]*)(?P<dashes>(?:-[ ]+)*)(?:(?P<key>[A-Za-z_][\w-]*)[ ]*:(?=\s|$))?"
)
# the last `key:` of a flow mapping or of the line before the cursor, and what follows
_LAST_KEY = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[ ]*:[ ]+(?P<rest>[^:]*)$")
# what an id or a value being typed looks like
_WORD = re.compile(r"[A-Za-z0-9_-]*$")


@dataclass(frozen=True)
class Slot:
    """The field whose value the cursor is in, and the part of the value already typed
    (from column `start`, 1-based)."""

    path: tuple[str, ...]
    typed: str
    start: int


def _parse(line: str) -> tuple[int, int | None, str | None, str]:
    """(column of the first dash or key, column of the key, the key, what follows its
    colon) of a block line; columns 0-based."""
    match = _LINE.match(line)
    assert match is not None  # every part of the pattern is optional
    indent = len(match["indent"])
    key = match["key"]
    key_col = indent + len(match["dashes"]) if key else None
    rest = line[match.end() :].strip() if key else ""
    return indent, key_col, key, rest


def _parents(lines: list[str], row: int, column: int) -> list[str]:
    """The keys of the block mappings that hold a node at `column` of line `row` (both
    0-based), nearest first: read upwards through the lines with less indentation."""
    found: list[str] = []
    limit = column
    for line in reversed(lines[:row]):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent, key_col, key, rest = _parse(line)
        if indent >= limit and (key_col is None or key_col >= limit):
            continue  # deeper, or a sibling of the node
        if key is not None and key_col is not None and key_col < limit and rest in ("", "|", ">"):
            found.append(key)
            limit = key_col
        if indent < limit:
            limit = indent  # an item of a list (or a mapping) that holds the node
        if limit == 0:
            break
    return found


def slot_at(lines: list[str], line: int, column: int) -> Slot | None:
    """The field being written at 1-based `line`:`column`, or None when the cursor is not
    in a value (in a key, a comment, free text of a block scalar)."""
    if not 0 < line <= len(lines):
        return None
    text = lines[line - 1][: column - 1]
    if "#" in text and re.search(r"(^|\s)#", text):
        return None
    typed = _WORD.search(text)
    assert typed is not None
    start = column - len(typed[0])
    before = text[: start - 1]
    indent, key_col, key, _ = _parse(text)
    last = _LAST_KEY.search(before + typed[0])
    if last is not None and (key is None or last.start() >= (key_col or 0)):
        rest = last["rest"]
        value = rest[: len(rest) - len(typed[0])].strip()
        # `key: pre`, `key: [a, pre`, `- {id: x, key: pre`: a value of that key
        if value in ("", "[") or (value.startswith("[") and value.endswith(",")):
            own = last["key"]
            nest = key_col if key_col is not None else indent
            return Slot((*reversed(_parents(lines, line - 1, nest)), own), typed[0], start)
        return None
    if before.strip() == "-" or (before.strip().startswith("-") and before.strip(" -") == ""):
        # `  - pre`: an item of the list whose key is above
        keys = _parents(lines, line - 1, indent)
        return Slot(tuple(reversed(keys)), typed[0], start) if keys else None
    return None


def field_of(path: tuple[str, ...]) -> FieldType | None:
    """The model field that a path of YAML keys leads to, from the top of a framework
    (an included file holds the same sections as the root file)."""
    model: type[BaseModel] | None = Framework
    found: FieldType | None = None
    for key in path:
        if found is not None and model is None and typing.get_origin(found.type) is dict:
            # a mapping of names to values (`rules: {unresolved-reference: warning}`)
            value = typing.get_args(found.type)[1]
            found = FieldType(key, key, value, False, None, None)
            continue
        if model is None:
            return None
        found = next((f for f in field_types(model) if f.key == key), None)
        if found is None:
            return None
        model = found.nested
    return found


def choices(field: FieldType) -> list[str]:
    """The values a field of an enumeration takes (a Literal or an Enum), in the
    model's order; none for any other field."""
    tp, _ = split_annotation(field.type)
    if typing.get_origin(tp) is typing.Literal:
        return [a for a in typing.get_args(tp) if isinstance(a, str)]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return [m.value for m in tp if isinstance(m.value, str)]
    return []
