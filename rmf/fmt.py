"""Format framework files canonically (key order, indentation), keeping every comment."""

from __future__ import annotations

import bisect
import io
import math
import os
import tempfile
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from rmf.comments import Scan, scan
from rmf.errors import FrameworkError
from rmf.findings import Finding, Mark
from rmf.loader import is_extension_key, load_source
from rmf.model import SECTION_MODELS, Metadata, Waiver
from rmf.types import SECTIONS
from rmf.yaml_reader import DEFAULT_PARSER, MAX_FILE_BYTES, PARSERS, decode, read_text
from rmf.yaml_scalars import YamlProblem

Path_ = tuple[str | int, ...]
TOP_ORDER = ("rmf", "include", "framework", *SECTIONS, "rules", "waivers")
TOP_MODELS: dict[str, type[BaseModel]] = {
    "framework": Metadata,
    "waivers": Waiver,
    **SECTION_MODELS,
}


@dataclass(frozen=True)
class Formatted:
    """One file before and after formatting."""

    path: Path
    display: str
    original: bytes
    text: str

    @property
    def changed(self) -> bool:
        return self.original != self.text.encode("utf-8")


# --- canonical key order ------------------------------------------------------------


def _unwrap(tp: Any) -> Any:
    """The model class a field holds, directly or as list items; else None."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated or origin is list:
            tp = typing.get_args(tp)[0]
        elif origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(members) != 1:
                return None
            tp = members[0]
        else:
            return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _fields(model: type[BaseModel]) -> dict[str, type[BaseModel] | None]:
    """YAML keys of a model in field order, with the model each one nests."""
    return {
        info.alias or name: _unwrap(info.annotation) for name, info in model.model_fields.items()
    }


def _top_rank(key: str) -> tuple[int, int]:
    if key in ("rmf", "include"):
        return (0, TOP_ORDER.index(key))
    if is_extension_key(key):
        return (1, 0)  # anchors live here: keep them before what uses them
    if key in TOP_ORDER:
        return (2, TOP_ORDER.index(key))
    return (3, 0)


def _reorder(node: Any, model: type[BaseModel] | None, seen: set[int]) -> None:
    """Put the keys of every mapping the model knows in its field order, in place."""
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, CommentedSeq):
        for item in node:
            _reorder(item, model, seen)
        return
    if not isinstance(node, CommentedMap):
        return
    own = [k for k, _ in node.non_merged_items()]
    if model is None:  # the top level of a file
        wanted = sorted(own, key=lambda k: _top_rank(str(k)))
        children: dict[str, type[BaseModel] | None] = dict(TOP_MODELS)
    else:
        children = _fields(model)
        order = list(children)
        wanted = sorted(own, key=lambda k: order.index(k) if k in order else len(order))
    if wanted != own:
        for key in wanted:
            node.move_to_end(key)
    for key in own:
        nested = children.get(str(key))
        if nested is not None:
            _reorder(node[key], nested, seen)


# --- where nodes stand ----------------------------------------------------------------


def _nodes(text: str) -> list[tuple[Path_, int]]:
    """(path, 0-based line) of every mapping key and list item, in document order."""
    out: list[tuple[Path_, int]] = []
    # per open collection: its path, and for a mapping the key awaiting its value
    stack: list[tuple[Path_, bool, list[Any]]] = []
    for event in PARSERS[DEFAULT_PARSER](text):
        kind = type(event).__name__
        if kind in ("MappingEndEvent", "SequenceEndEvent"):
            stack.pop()
            _done(stack)
            continue
        if kind not in ("ScalarEvent", "AliasEvent", "MappingStartEvent", "SequenceStartEvent"):
            continue
        here: Path_ = ()
        if stack:
            path, is_map, state = stack[-1]
            if is_map and not state:  # a key
                key = str(getattr(event, "value", ""))
                state.append(key)
                out.append(((*path, key), event.start_mark.line))
                if kind in ("MappingStartEvent", "SequenceStartEvent"):
                    stack.append(((*path, key), kind == "MappingStartEvent", []))
                continue
            if is_map:
                here = (*path, state[0])
            else:
                here = (*path, len(state))
                out.append((here, event.start_mark.line))
        if kind in ("MappingStartEvent", "SequenceStartEvent"):
            stack.append((here, kind == "MappingStartEvent", []))
        else:
            _done(stack)
    return out


def _done(stack: list[tuple[Path_, bool, list[Any]]]) -> None:
    """A value is complete: its mapping awaits the next key, its list counts an item."""
    if not stack:
        return
    _, is_map, state = stack[-1]
    if is_map:
        state.clear()
    else:
        state.append(None)


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt", pure=True)
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never re-wrap text: wrapping is the author's choice
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _strip_comments(node: Any, seen: set[int]) -> None:
    """Drop ruamel's own comment records: comments are placed by `_assemble` instead."""
    if id(node) in seen:
        return
    seen.add(id(node))
    if not isinstance(node, CommentedMap | CommentedSeq):
        if getattr(node, "comment", None) is not None:
            node.comment = None  # a block scalar's header comment
        return
    node.ca.comment = None
    node.ca.items.clear()
    node.ca.end = []
    for child in node.values() if isinstance(node, CommentedMap) else node:
        _strip_comments(child, seen)


# --- formatting -----------------------------------------------------------------------


def _assemble(dumped: str, lines_of: dict[Path_, int], source: Scan, nodes: list[Any]) -> str:
    """The dumped text with the source's comments and blank lines put back by the nodes
    they belong to: full-line comments before the next node, end-of-line ones after theirs."""
    out = dumped.splitlines()
    before: dict[int, list[str]] = {}
    eol: dict[int, tuple[int, str]] = {}
    firsts = [line for _, line in nodes]

    def target(path: Path_) -> int:
        while path and path not in lines_of:
            path = path[:-1]  # an aliased subtree is listed where it first appears
        return lines_of.get(path, 0)

    def indent(line: int) -> int:
        return len(out[line]) - len(out[line].lstrip(" "))

    header: list[str] = []
    trailer: list[str] = []
    for group in source.groups:
        after: int | None = bisect.bisect_right(firsts, group.last)
        if after == len(firsts):
            after = None
        if after is None or after == 0:
            (trailer if after is None else header).extend(
                " " * c.column + c.text if c.text else "" for c in group.lines
            )
            continue
        line = target(nodes[after][0])
        before.setdefault(line, []).extend(
            " " * indent(line) + c.text if c.text else "" for c in group.lines
        )
    for comment in source.eol:
        on = bisect.bisect_right(firsts, comment.line) - 1
        if on < 0:
            header.append(comment.text)
            continue
        line = target(nodes[on][0])
        if line in eol:
            before.setdefault(line, []).append(" " * indent(line) + comment.text)
        else:
            eol[line] = (comment.gap, comment.text)
    text: list[str] = list(header)
    for i, content in enumerate(out):
        text.extend(before.get(i, []))
        if i in eol:
            gap, note = eol[i]
            content = content.rstrip() + " " * max(1, gap) + note
        text.append(content)
    text.extend(trailer)
    while text and not text[-1].strip():
        text.pop()
    return "\n".join(text) + "\n"


def format_text(text: str, display: str = "<text>") -> str:
    """Canonical text of one framework file; raise FrameworkError if it cannot be read."""
    text = text.replace("\r\n", "\n")
    doc = read_text(text, display)
    if doc.findings:
        raise FrameworkError(doc.findings)
    yaml = _yaml()
    tree = yaml.load(text)
    nodes = sorted(_nodes(text), key=lambda n: n[1])
    source = scan(text)
    _strip_comments(tree, set())
    _reorder(tree, None, set())
    buffer = io.StringIO()
    yaml.dump(tree, buffer)
    dumped = buffer.getvalue()
    lines_of: dict[Path_, int] = {}
    for path, line in _nodes(dumped):
        lines_of.setdefault(path, line)
    result = _assemble(dumped, lines_of, source, nodes)
    _verify(text, result, doc.data, source, display)
    return result


def _same(a: Any, b: Any) -> bool:
    """Data equality, with NaN equal to itself and `1` different from `1.0` and `true`;
    the order of mapping keys carries no meaning."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def _verify(text: str, result: str, data: Any, source: Scan, display: str) -> None:
    """Refuse a result that reads differently or lost a comment: never change meaning."""
    again = read_text(result, display)
    problem = ""
    if again.findings or not _same(data, again.data):
        problem = "the formatted text would not read as the same data"
    elif sorted(c.text for c in source.comments) != sorted(c.text for c in scan(result).comments):
        problem = "formatting would move or lose a comment"
    if problem:
        raise FrameworkError(
            [
                Finding.at(
                    Mark(display, 1, 1),
                    "fmt-unsafe",
                    f"{problem}; the file is left as it is (this is a bug in rmf fmt: "
                    "please report it with the file)",
                )
            ]
        )


# --- files ------------------------------------------------------------------------------


def framework_files(target: str | Path) -> list[tuple[Path, str]]:
    """The files `rmf fmt` formats for a path: a file itself, or a framework folder's root
    file and every file it includes."""
    path = Path(target)
    if path.is_dir():
        source = load_source(path)
        return [(Path(f), f) for f in source.files]
    if not path.exists():
        from rmf.errors import UsageError

        raise UsageError(f"{target}: no such file or folder")
    return [(path, path.as_posix())]


def format_file(path: Path, display: str) -> Formatted:
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise FrameworkError(
            [Finding.at(Mark(display, 1, 1), "too-large", "the file is too large to format")]
        )
    try:
        text = decode(raw, display)
    except YamlProblem as problem:
        raise FrameworkError([problem.finding]) from None
    return Formatted(path, display, raw, format_text(text, display))


def format_paths(targets: list[Path]) -> list[Formatted]:
    """Every file of every target formatted in memory; all-or-nothing on errors."""
    findings: list[Finding] = []
    results: list[Formatted] = []
    for target in targets:
        for path, display in framework_files(target):
            try:
                results.append(format_file(path, display))
            except FrameworkError as exc:
                findings.extend(exc.findings)
    if findings:
        raise FrameworkError(findings)
    return results


def write_atomic(path: Path, text: str) -> None:
    """Replace a file's content in one step: a crash leaves the old file or the new one."""
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
