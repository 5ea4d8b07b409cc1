"""Text safe for a terminal or a CI log: control characters shown as escapes, never sent."""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

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
    if newlines:
        return "\n".join(_CONTROL.sub(_escape, line) for line in text.split("\n"))
    return _CONTROL.sub(_escape, text)


def printable_all(value: T) -> T:
    """A copy of `value` with every string in it made printable (through dataclasses,
    pydantic models, tuples, lists and dicts), for a writer to show whole; enums and
    other values are kept as they are."""
    return _walk(value)  # type: ignore[no-any-return]


def _walk(value: Any) -> Any:
    if type(value) is str:  # not a StrEnum: a member stays itself
        return printable(value)
    if isinstance(value, tuple | list):
        items = [_walk(item) for item in value]
        return type(value)(items) if not hasattr(value, "_fields") else type(value)(*items)
    if isinstance(value, dict):
        return {_walk(k): _walk(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _walk(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init
        }
        return dataclasses.replace(value, **changes)
    fields = getattr(type(value), "model_fields", None)
    if isinstance(fields, dict) and hasattr(value, "model_copy"):  # a pydantic model
        return value.model_copy(update={name: _walk(getattr(value, name)) for name in fields})
    return value
