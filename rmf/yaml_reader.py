"""Read one YAML file into plain data plus a tree of source positions.

The parser only supplies events; this module builds the data itself, so that
it alone decides what YAML may do here: YAML 1.2 core scalars only (dates stay
text), no tags beyond the core schema, no duplicate keys, merge keys, and
bounded depth and alias expansion. Positions live in `Pos` trees of our own,
so another event source can replace the parser without touching the model.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rmf.findings import Finding, Mark, Severity

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 100
MAX_NODES = 3_000_000

CORE = "tag:yaml.org,2002:"
MERGE_KEY = "<<"
_MERGE_SLOT = "\0merge"  # cannot clash with a real key: YAML text has no NUL


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


@dataclass(slots=True)
class Document:
    """A file's data and positions, or the findings that kept it from loading."""

    path: str
    data: Any = None
    pos: Pos | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


class YamlProblem(Exception):
    """Stops building a file; carries the located finding."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


def resolve_plain(text: str) -> Any:
    """The value of an untagged plain scalar under the YAML 1.2 core schema."""
    if text and text[0] not in _NON_TEXT_START:
        return text  # most plain scalars are words: no pattern can match them
    if _NULL.match(text):
        return None
    if _BOOL.match(text):
        return text[0] in "tT"
    if _INT.match(text):
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text)
    if _FLOAT.match(text):
        lowered = text.lower()
        if lowered.endswith(".inf"):
            return -math.inf if lowered.startswith("-") else math.inf
        if lowered == ".nan":
            return math.nan
        return float(text)
    return text


# Every null, bool, int and float of the core schema starts with one of these.
_NON_TEXT_START = frozenset("~nNtTfF0123456789+-.")
_STR_TAG = CORE + "str"
_MAP_TAG = CORE + "map"
_SEQ_TAG = CORE + "seq"


def _ignore(event: Any) -> None:
    """Stream and document ends, and the stream start, carry nothing to build."""


def _tagged(text: str, tag: str, mark: Mark) -> Any:
    """The value of a scalar with an explicit core tag."""
    name = tag[len(CORE) :] if tag.startswith(CORE) else tag
    if tag == "!" or name == "str":
        return text
    value: Any = resolve_plain(text)
    wanted: dict[str, tuple[type, ...]] = {
        "null": (type(None),),
        "bool": (bool,),
        "int": (int,),
        "float": (float, int),
    }
    kinds = wanted.get(name)
    if kinds is None:
        raise _tag_problem(tag, mark)
    if isinstance(value, bool) and bool not in kinds:
        kinds = ()
    if not isinstance(value, kinds):
        raise YamlProblem(
            Finding.at(mark, "yaml-syntax", f"`{text}` is not a valid value for tag `!!{name}`")
        )
    if name == "float" and isinstance(value, int):
        return float(value)
    return value


def _tag_problem(tag: str, mark: Mark) -> YamlProblem:
    shown = "!!" + tag[len(CORE) :] if tag.startswith(CORE) else tag
    return YamlProblem(
        Finding.at(
            mark,
            "forbidden-tag",
            f"the tag `{shown}` is not allowed: a framework holds plain data only; "
            "remove the tag (only the YAML core tags such as !!str are accepted)",
        )
    )


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


class _Builder:
    """Turns a stream of parser events into data and positions, iteratively."""

    def __init__(self, path: str) -> None:
        self.path = path
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
        tag = event.tag
        style = event.style  # libyaml says '' for plain where ruamel says None
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.count(0, mark)
        stack = self.stack
        parent = stack[-1] if stack else None
        if parent is not None and parent.kind == "map" and parent.key is None:
            # A mapping key: kept as its source text, since keys are names.
            if tag is not None and tag not in ("!", _STR_TAG):
                raise _tag_problem(str(tag), mark)
            self.take_key(parent, text, mark, not style and tag is None and text == MERGE_KEY)
            return
        if tag is not None:
            value = _tagged(text, str(tag), mark)
        elif not style:
            value = resolve_plain(text)
        else:
            value = text
        anchor = event.anchor
        pos = Pos(mark)
        if anchor is not None:
            self.anchors[anchor] = (value, pos, 1)
        self.attach(value, pos, 1, mark)

    def take_key(self, frame: _Frame, key: str, mark: Mark, is_merge: bool) -> None:
        assert frame.pos.keys is not None
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
        if tag is not None and tag not in ("!", _MAP_TAG if kind == "map" else _SEQ_TAG):
            raise _tag_problem(str(tag), mark)
        depth = (parent.depth + 1) if parent is not None else 1
        if depth > MAX_DEPTH:
            raise YamlProblem(
                Finding.at(
                    mark,
                    "too-deep",
                    f"the data nests more than {MAX_DEPTH} levels deep; "
                    "no framework needs this, flatten it",
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


def decode(raw: bytes, path: str) -> str:
    """UTF-8 text without a BOM; a located finding for bytes that are not UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        raise YamlProblem(
            Finding(
                "encoding",
                Severity.ERROR,
                "the file is not valid UTF-8 here; save it as UTF-8",
                path,
                line,
                column,
            )
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def _text_mark(text: str, offset: int, path: str) -> Mark:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Mark(path, line, column)


def _syntax_finding(exc: Exception, text: str, path: str) -> Finding:
    """A plain-words finding for an exception raised by the YAML parser."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = str(getattr(exc, "problem", None) or getattr(exc, "reason", None) or exc)
    if mark is not None:
        where = Mark(path, mark.line + 1, mark.column + 1)
    elif isinstance(getattr(exc, "position", None), int):
        where = _text_mark(text, exc.position, path)  # type: ignore[attr-defined]
    else:
        where = Mark(path, 1, 1)
    line_text = text.splitlines()[where.line - 1] if where.line <= len(text.splitlines()) else ""
    if "\t" in problem or ("\t" in line_text[: where.column] and "cannot start" in problem):
        message = "a tab character is used here; YAML indents with spaces only"
    elif "special characters" in problem:
        message = "a control character is not allowed in YAML text; remove it"
    else:
        context = getattr(exc, "context", None)
        message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    return Finding.at(where, "yaml-syntax", message)


def _libyaml_events(text: str) -> Iterator[Any]:
    """Events from libyaml, the C parser: ten times faster than a pure-Python one."""
    import yaml

    return iter(yaml.parse(text, Loader=yaml.CSafeLoader))


def _ruamel_events(text: str) -> Iterator[Any]:
    """Events from ruamel.yaml's pure-Python YAML 1.2 parser."""
    from ruamel.yaml import YAML

    return iter(YAML(typ="safe", pure=True).parse(text))


def _has_libyaml() -> bool:
    try:
        import yaml
    except ImportError:
        return False
    return bool(getattr(yaml, "__with_libyaml__", False))


# Both give the same events for the YAML a framework may hold (a differential
# test holds them to it); resolution of scalars is ours either way, so the
# YAML 1.1 habits of libyaml's own loaders never apply.
PARSERS = {"libyaml": _libyaml_events, "ruamel": _ruamel_events}
DEFAULT_PARSER = "libyaml" if _has_libyaml() else "ruamel"


def read_text(text: str, path: str, parser: str | None = None) -> Document:
    """Build a Document from YAML text; problems become findings, never exceptions."""
    builder = _Builder(path)
    try:
        builder.feed(PARSERS[parser or DEFAULT_PARSER](text))
    except YamlProblem as problem:
        return Document(path, findings=[problem.finding])
    except RecursionError:
        return Document(
            path,
            findings=[Finding.at(Mark(path, 1, 1), "too-deep", "the data nests too deeply")],
        )
    except Exception as exc:  # the parser's own errors, whatever their class
        if type(exc).__module__.startswith(("ruamel.", "yaml.")):
            return Document(path, findings=[_syntax_finding(exc, text, path)])
        raise
    if builder.root is None or builder.root[0] is None:
        return Document(
            path,
            findings=[
                Finding.at(
                    Mark(path, 1, 1),
                    "empty-file",
                    "the file holds no data (it is empty or only comments)",
                )
            ],
        )
    data, pos = builder.root
    return Document(path, data, pos)


def read_file(file: str, display: str) -> Document:
    """Read and build one file; `display` is the path that findings show."""
    try:
        with open(file, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return Document(
            display,
            findings=[Finding.at(Mark(display, 1, 1), "unreadable", f"cannot read: {reason}")],
        )
    if len(raw) > MAX_FILE_BYTES:
        return Document(
            display,
            findings=[
                Finding.at(
                    Mark(display, 1, 1),
                    "too-large",
                    f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; "
                    "no real framework is this large — split it or check it is the right file",
                )
            ],
        )
    try:
        text = decode(raw, display)
    except YamlProblem as problem:
        return Document(display, findings=[problem.finding])
    return read_text(text, display)
