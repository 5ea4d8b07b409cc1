"""Text safe for a terminal or a CI log: control characters shown as escapes, never sent."""

from __future__ import annotations

import dataclasses
import os
import re
from typing import Any, Literal, TypeVar

T = TypeVar("T")

# C0 and C1 controls and DEL (escape sequences, bell, backspace, carriage return: they
# can move the cursor, retitle a terminal or forge a line), the line and paragraph
# separators, and the bidirectional overrides and isolates (they reorder what is shown).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, newlines: bool = False) -> str:
    """`text` with every control character written as an escape (`\\x1b`, `\\u2028`);
    line feeds are kept when `newlines` is true, for a block that the output shows as
    several lines."""
    if not _CONTROL.search(text):
        return text  # the common case: the same string, nothing copied
    if newlines:
        return "\n".join(_CONTROL.sub(_escape, line) for line in text.split("\n"))
    return _CONTROL.sub(_escape, text)


def color_system() -> Literal["auto"] | None:
    """rich's colour system for text written for a person: none at all when NO_COLOR is set
    (no-color.org), so that no style is sent, not even bold, dim or underline (rich's own
    NO_COLOR leaves those); else colours on a terminal and none elsewhere."""
    return None if os.environ.get("NO_COLOR") else "auto"


_STYLE = re.compile(r"\x1b\[[0-9;]*m")
_LINE_END = re.compile(r"(?:[ \t]|\x1b\[[0-9;]*m)+$", re.MULTILINE)


def trim_line_ends(text: str) -> str:
    """`text` with no line that ends in spaces (rich pads a table's cells to their width);
    the style codes at the end of a line are kept, so a style still ends where it did."""
    return _LINE_END.sub(lambda m: "".join(_STYLE.findall(m.group())), text)


def printable_all(value: T) -> T:
    """`value` with every string in it made printable (through dataclasses, pydantic
    models, tuples, lists and dicts), for a writer to show whole: what holds a control
    character is copied, the rest is shared; enums and other values are kept as they are."""
    # without recursion: a tree of units may nest deeper than Python's recursion limit
    todo: list[tuple[Any, list[Any] | None]] = [(value, None)]
    done: list[Any] = []
    while todo:
        item, inside = todo.pop()
        if type(item) is str:  # not a StrEnum: a member stays itself
            done.append(printable(item))
        elif inside is not None:  # its parts are done: the last len(inside) results
            parts = done[len(done) - len(inside) :]
            del done[len(done) - len(inside) :]
            same = all(new is old for new, old in zip(parts, inside, strict=True))
            done.append(item if same else _rebuild(item, parts))  # copied only if changed
        else:
            inside = _parts(item)
            if inside is None:
                done.append(item)
            else:
                todo.append((item, inside))
                todo.extend((part, None) for part in reversed(inside))
    return done[0]  # type: ignore[no-any-return]


def _names(value: Any) -> list[str] | None:
    """The fields of a dataclass or a pydantic model, in order; None for anything else."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [f.name for f in dataclasses.fields(value) if f.init]
    fields = getattr(type(value), "model_fields", None)
    if isinstance(fields, dict) and hasattr(value, "model_copy"):
        return list(fields)
    return None


def _parts(value: Any) -> list[Any] | None:
    """What a value is made of, in order; None when it is not a container."""
    if isinstance(value, tuple | list):
        return list(value)
    if isinstance(value, dict):
        return [part for pair in value.items() for part in pair]
    names = _names(value)
    return None if names is None else [getattr(value, name) for name in names]


def _rebuild(value: Any, parts: list[Any]) -> Any:
    """`value` again, of the given parts."""
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple
        return type(value)(*parts)
    if isinstance(value, tuple | list):
        return type(value)(parts)
    if isinstance(value, dict):
        return dict(zip(parts[::2], parts[1::2], strict=True))
    changes = dict(zip(_names(value) or [], parts, strict=True))
    if dataclasses.is_dataclass(value):
        return dataclasses.replace(value, **changes)  # type: ignore[type-var]
    return value.model_copy(update=changes)  # a pydantic model
