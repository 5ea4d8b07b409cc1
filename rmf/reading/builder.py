"""Build plain data and a tree of positions from YAML parser events, iteratively.

The parser only supplies events; this module builds the data itself, so that
it alone decides what YAML may do here: YAML 1.2 core scalars only (dates stay
text), no tags beyond the core schema, no duplicate keys, merge keys, and
bounded depth and alias expansion — all without recursion. Positions live in
`Pos` trees of our own, so any event source can feed it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from rmf.core.findings import Finding, Mark
from rmf.reading.positions import Pos
from rmf.reading.scalars import (
    CORE,
    MAP_TAG,
    SEQ_TAG,
    YamlProblem,
    resolve_plain,
    tag_problem,
    tagged,
)

# a key is kept as its source text, so any core scalar tag on it is harmless
KEY_TAGS = frozenset(["!", *(CORE + name for name in ("str", "int", "float", "bool", "null"))])
MAX_DEPTH = 100
MAX_NODES = 3_000_000
# Python prints no integer of over 4,300 digits (about 14,000 bits): none is read
MAX_INT_BITS = 14_000
TOO_DEEP = f"the data nests more than {MAX_DEPTH} levels deep; no framework needs this, flatten it"

MERGE_KEY = "<<"
_MERGE_SLOT = "\0merge"  # cannot clash with a real key: YAML text has no NUL


def _ignore(event: Any) -> None:
    """Stream and document ends, and the stream start, carry nothing to build."""


@dataclass(slots=True)
class _Frame:
    kind: str  # "map" or "seq"
    value: Any
    pos: Pos
    anchor: str | None
    depth: int
    size: int = 1
    key: str | None = None
    key_mark: Mark | None = None
    merges: list[tuple[Any, Pos, Mark]] | None = None  # made on the first `<<` only


class Builder:
    """Turns a stream of parser events into data and positions, iteratively."""

    def __init__(self, path: str, restore: dict[int, int] | None = None) -> None:
        self.path = path
        # characters the reader stood in for, to be put back in every scalar
        self.restore = restore
        self.anchors: dict[str, tuple[Any, Pos, int]] = {}
        self.open_anchors: set[str] = set()
        self.stack: list[_Frame] = []
        self.nodes = 0
        self.root: tuple[Any, Pos] | None = None
        self.documents = 0

    def mark(self, event: Any) -> Mark:
        m = event.start_mark
        return Mark(self.path, m.line + 1, m.column + 1)

    def feed(self, events: Iterable[Any]) -> None:
        by_name: dict[str, Callable[[Any], None]] = {
            "ScalarEvent": self.scalar,
            "MappingStartEvent": self.start_map,
            "SequenceStartEvent": self.start_seq,
            "MappingEndEvent": self.end,
            "SequenceEndEvent": self.end,
            "AliasEvent": self.alias,
            "DocumentStartEvent": self.document,
        }
        handlers: dict[type, Callable[[Any], None]] = {}
        for event in events:
            cls = type(event)
            handler = handlers.get(cls)
            if handler is None:
                handler = handlers[cls] = by_name.get(cls.__name__, _ignore)
            handler(event)

    def document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            raise YamlProblem(
                Finding.at(
                    self.mark(event),
                    "yaml-syntax",
                    "a framework file holds one YAML document; remove the second `---`",
                )
            )

    def start_map(self, event: Any) -> None:
        self.start(event, "map")

    def start_seq(self, event: Any) -> None:
        self.start(event, "seq")

    def count(self, n: int, mark: Mark) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            raise YamlProblem(
                Finding.at(
                    mark,
                    "too-large",
                    f"the file expands to more than {MAX_NODES:,} values "
                    "(through aliases or sheer size); no real framework is this large",
                )
            )

    def scalar(self, event: Any) -> None:
        # The hot path: most events are scalars, so this avoids needless calls.
        start = event.start_mark
        mark = Mark(self.path, start.line + 1, start.column + 1)
        text: str = event.value
        if self.restore is not None:
            text = text.translate(self.restore)
        tag = event.tag
        style = event.style  # libyaml says '' for plain where ruamel says None
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.count(0, mark)
        stack = self.stack
        parent = stack[-1] if stack else None
        if parent is not None and parent.kind == "map" and parent.key is None:
            # A mapping key: kept as its source text, since keys are names.
            if tag is not None and tag not in KEY_TAGS:
                raise tag_problem(str(tag), mark)
            self.take_key(parent, text, mark, not style and tag is None and text == MERGE_KEY)
            return
        try:
            if tag is not None:
                value = tagged(text, str(tag), mark)
            elif not style:
                value = resolve_plain(text)
            else:
                value = text
            if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
                raise ValueError(text)  # 0x…: read, but then no message could print it
        except (ValueError, OverflowError):  # over 4,300 digits; or `!!float` beyond 1e308
            raise YamlProblem(
                Finding.at(
                    mark,
                    "too-large",
                    "the number is too large to read; no framework needs one this large",
                )
            ) from None
        anchor = event.anchor
        pos = Pos(mark)
        if anchor is not None:
            self.anchors[anchor] = (value, pos, 1)
        self.attach(value, pos, 1, mark)

    def take_key(self, frame: _Frame, key: str, mark: Mark, is_merge: bool) -> None:
        assert frame.pos.keys is not None
        if not is_merge and "\0" in key:  # no field has one; and it could pass for a merge
            raise YamlProblem(
                Finding.at(mark, "yaml-syntax", "a key holds a NUL character (`\\0`); remove it")
            )
        if not is_merge and key in frame.pos.keys:
            first = frame.pos.keys[key]
            raise YamlProblem(
                Finding.at(
                    mark,
                    "duplicate-key",
                    f"the key `{key}` appears twice in this mapping (first at line "
                    f"{first.line}); keep one",
                )
            )
        frame.key = _MERGE_SLOT if is_merge else key
        frame.key_mark = mark

    def start(self, event: Any, kind: str) -> None:
        mark = self.mark(event)
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.kind == "map" and parent.key is None:
            raise YamlProblem(
                Finding.at(
                    mark, "yaml-syntax", "a mapping key must be plain text, not a collection"
                )
            )
        tag = event.tag
        if tag is not None and tag not in ("!", MAP_TAG if kind == "map" else SEQ_TAG):
            raise tag_problem(str(tag), mark)
        depth = (parent.depth + 1) if parent is not None else 1
        if depth > MAX_DEPTH:
            raise YamlProblem(
                Finding.at(
                    mark,
                    "too-deep",
                    TOO_DEEP,
                )
            )
        anchor = event.anchor
        if anchor is not None:
            self.open_anchors.add(anchor)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.count(0, mark)
        if kind == "map":
            pos = Pos(mark, keys={}, values={})
            frame = _Frame("map", {}, pos, anchor, depth)
        else:
            pos = Pos(mark, items=[])
            frame = _Frame("seq", [], pos, anchor, depth)
        self.stack.append(frame)

    def end(self, event: Any = None) -> None:
        frame = self.stack.pop()
        if frame.merges:
            self.apply_merges(frame)
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.value, frame.pos, frame.size)
            self.open_anchors.discard(frame.anchor)
        self.attach(frame.value, frame.pos, frame.size, frame.pos.mark)

    def alias(self, event: Any) -> None:
        mark = self.mark(event)
        name: str = event.anchor
        if name in self.open_anchors:
            raise YamlProblem(
                Finding.at(
                    mark,
                    "alias",
                    f"the alias `*{name}` refers to its own anchor; recursive data is not allowed",
                )
            )
        if name not in self.anchors:
            raise YamlProblem(
                Finding.at(
                    mark,
                    "alias",
                    f"the alias `*{name}` has no anchor `&{name}` before it "
                    "(text that starts with `*` must be put in quotes)",
                )
            )
        value, pos, size = self.anchors[name]
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.kind == "map" and parent.key is None:
            if not isinstance(value, str):
                raise YamlProblem(
                    Finding.at(mark, "yaml-syntax", "a mapping key must be plain text")
                )
            self.take_key(parent, value, mark, is_merge=False)
            return
        self.count(size, mark)
        self.attach(value, pos, size, mark)

    def attach(self, value: Any, pos: Pos, size: int, mark: Mark) -> None:
        if not self.stack:
            self.root = (value, pos)
            return
        parent = self.stack[-1]
        parent.size += size
        if parent.kind == "seq":
            parent.value.append(value)
            assert parent.pos.items is not None
            parent.pos.items.append(pos)
            return
        key = parent.key
        assert key is not None and parent.key_mark is not None
        if key == _MERGE_SLOT:
            if parent.merges is None:
                parent.merges = []
            parent.merges.append((value, pos, mark))
        else:
            assert parent.pos.keys is not None and parent.pos.values is not None
            parent.value[key] = value
            parent.pos.keys[key] = parent.key_mark
            parent.pos.values[key] = pos
        parent.key = None
        parent.key_mark = None

    def apply_merges(self, frame: _Frame) -> None:
        assert frame.pos.keys is not None and frame.pos.values is not None
        assert frame.merges is not None
        sources: list[tuple[Any, Pos, Mark]] = []
        for value, pos, mark in frame.merges:
            if isinstance(value, dict):
                sources.append((value, pos, mark))
            elif isinstance(value, list) and all(isinstance(v, dict) for v in value):
                assert pos.items is not None
                sources.extend((v, p, mark) for v, p in zip(value, pos.items, strict=True))
            else:
                raise YamlProblem(
                    Finding.at(
                        mark,
                        "yaml-syntax",
                        "a merge key `<<` takes a mapping or a list of mappings",
                    )
                )
        for value, pos, _mark in sources:
            assert pos.keys is not None and pos.values is not None
            for key, item in value.items():
                if key not in frame.value:
                    frame.value[key] = item
                    frame.pos.keys[key] = pos.keys[key]
                    frame.pos.values[key] = pos.values[key]
