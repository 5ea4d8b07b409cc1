"""ruamel.yaml's round-trip, set to hold what rmf reads: core-schema scalars, every anchor,
and the characters its scanner rejects (tabs, U+0085, U+2028, U+2029) through stand-ins."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from rmf.fmt.comments import Path_, line_starts, scan
from rmf.reading.builder import MERGE_KEY
from rmf.reading.reader import DEFAULT_PARSER, PARSERS, stand_ins
from rmf.reading.scalars import CORE, resolve_plain

TAB_STAND_IN = "\uf8f3"  # private use, beside the reader's stand-ins for line breaks
BOM = "\ufeff"
_TAGS = ((type(None), "null"), (bool, "bool"), (int, "int"), (float, "float"))


class CoreResolver(VersionedResolver):
    """Tags plain scalars as rmf reads them (the YAML 1.2 core schema, by
    `resolve_plain`): `2025-02-30` and `1_000` are text, so nothing is constructed from
    them, and text that would read as something else is never written plain."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            if value == MERGE_KEY:
                return Tag(suffix=CORE + "merge")
            resolved = resolve_plain(str(value))
            name = next((n for kind, n in _TAGS if isinstance(resolved, kind)), "str")
            return Tag(suffix=CORE + name)
        return super().resolve(kind, value, implicit)


def new_yaml() -> Any:
    """A round-trip YAML object for rmf fmt."""
    yaml = YAML(typ="rt", pure=True)
    yaml.Resolver = CoreResolver
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never re-wrap text: wrapping is the author's choice
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


# --- characters ruamel's scanner rejects --------------------------------------------


@dataclass(frozen=True)
class Held:
    """Text as ruamel can read it, and the table that puts the swapped characters back."""

    text: str
    back: dict[int, int]

    def restore(self, text: str) -> str:
        return text.translate(self.back) if self.back else text


def hold(text: str) -> Held:
    """The text with U+0085, U+2028 and U+2029 swapped for the reader's stand-ins, and
    each tab replaced as ruamel can hold it: by a space where it only separates (before
    a comment, after a colon, around a plain scalar's lines) and by a stand-in inside
    the words of a plain scalar. Tabs in quoted and block scalars and in comments stay;
    a byte-order mark outside them, which the reader skips, becomes a space."""
    swapped, breaks = stand_ins(text)
    back = dict(breaks or {})
    if ("\t" in swapped or BOM in swapped) and TAB_STAND_IN not in swapped:
        swapped = _spaces(swapped)
        back[ord(TAB_STAND_IN)] = ord("\t")
    return Held(swapped, back)


def _plain_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, style) of each scalar's own text: properties (`&a`, `!!str`) and a
    block scalar's header line left out."""
    lines = line_starts(text)
    for event in PARSERS[DEFAULT_PARSER](text):
        if type(event).__name__ != "ScalarEvent":
            continue
        begin, stop = event.start_mark, event.end_mark
        start = lines[begin.line] + begin.column
        end = lines[stop.line] + stop.column if stop.line < len(lines) else len(text)
        while start < end and text[start] in "&!":  # an anchor or a tag: one word each
            while start < end and text[start] not in " \t\n":
                start += 1
            while start < end and text[start] in " \t\n":
                start += 1
        style = event.style or ""
        if style in ("|", ">"):
            newline = text.find("\n", start)
            start = newline + 1 if newline != -1 else end
        yield start, max(start, end), style


def _spaces(text: str) -> str:
    chars = list(text)
    kept = [False] * len(text)  # tabs that stay tabs: quoted, block, comments
    inner = [False] * len(text)  # tabs between the words of a plain scalar
    for start, end, style in _plain_spans(text):
        for i in range(start, end):
            if text[i] not in "\t" + BOM:
                continue
            if style or text[i] == BOM:
                kept[i] = True
                continue
            line_begin = max(start, text.rfind("\n", 0, i) + 1)
            line_end = text.find("\n", i, end)
            line_end = end if line_end == -1 else line_end
            inner[i] = bool(text[line_begin:i].strip(" \t") and text[i:line_end].strip(" \t"))
    starts = line_starts(text)
    for comment in scan(text).comments:
        begin = starts[comment.line] + comment.column
        stop = text.find("\n", begin)
        for i in range(begin, len(text) if stop == -1 else stop):
            kept[i] = True
    for i, char in enumerate(chars):
        if char == "\t" and not kept[i]:
            chars[i] = TAB_STAND_IN if inner[i] else " "
        elif char == BOM and not kept[i]:
            chars[i] = " "  # the reader counts it in the line's indentation
    return "".join(chars)


# --- the loaded tree ------------------------------------------------------------------


def keep_anchors(node: Any, seen: set[int]) -> None:
    """Make ruamel write every anchor of a mapping or list, used or not (`x-defaults:
    &defaults` may be there for a later edit); scalars keep theirs already."""
    if id(node) in seen or not isinstance(node, CommentedMap | CommentedSeq):
        return
    seen.add(id(node))
    anchor = node.yaml_anchor()
    if anchor is not None and anchor.value:
        anchor.always_dump = True
    for child in node.values() if isinstance(node, CommentedMap) else node:
        keep_anchors(child, seen)


def unflow(tree: Any, paths: list[Path_]) -> None:
    """Write in block style the flow lists and mappings at `paths` (those holding a
    comment), so that each comment can stay beside the item it was written after."""
    for path in paths:
        node = tree
        for key in path:
            if isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node):
                node = node[key]
            elif isinstance(node, CommentedMap):
                found = [k for k in node if str(k) == key]
                if not found:
                    break
                node = node[found[0]]
            else:
                break
        else:
            if isinstance(node, CommentedMap | CommentedSeq):
                node.fa.set_block_style()
