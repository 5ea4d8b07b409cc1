"""Read one YAML file into plain data and positions; every problem becomes a finding.

Events come from libyaml when PyYAML has it, else from ruamel.yaml; the data
and positions are built by rmf.reading.builder either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rmf.core.atomic import Snapshot, read_with_snapshot
from rmf.core.errors import FrameworkError
from rmf.core.files import MAX_INPUT_BYTES, FileProblem, read_regular
from rmf.core.findings import Finding, Mark, Severity
from rmf.reading.builder import MAX_DEPTH, MAX_NODES, TOO_DEEP, Builder
from rmf.reading.positions import Pos
from rmf.reading.scalars import YamlProblem

if TYPE_CHECKING:
    from rmf.reading.indentation import Events

__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "MAX_NODES", "Document", "Pos", "YamlProblem"]

MAX_FILE_BYTES = MAX_INPUT_BYTES


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


def read_to_rewrite(path: Path, display: str, doing: str) -> tuple[bytes, str, Snapshot]:
    """A framework file's bytes and text, with the snapshot that guards writing it back
    (`rmf fmt`, `rmf rename`); FrameworkError, located at the file, for one that cannot
    be read, is too large to be `doing`-ed, or is not UTF-8."""
    where = Mark(display, 1, 1)
    try:
        raw, snapshot = read_with_snapshot(path, MAX_FILE_BYTES)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise FrameworkError([Finding.at(where, "unreadable", f"cannot read: {reason}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise FrameworkError([Finding.at(where, "too-large", f"the file is too large to {doing}")])
    try:
        text = decode(raw, display)
    except YamlProblem as problem:
        raise FrameworkError([problem.finding]) from None
    return raw, text, snapshot


def _text_mark(text: str, offset: int, path: str) -> Mark:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Mark(path, line, column)


LINE_BREAK = re.compile("\r\n|\r|\n")  # YAML's line breaks, as the parsers count lines


def _syntax_finding(exc: Exception, text: str, path: str, events: Events) -> Finding:
    """A plain-words finding for an exception raised by the YAML parser; a mistake of
    indentation says so, at the line where it went wrong."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = str(getattr(exc, "problem", None) or getattr(exc, "reason", None) or exc)
    if mark is not None:
        where = Mark(path, mark.line + 1, mark.column + 1)
    elif isinstance(getattr(exc, "position", None), int):
        where = _text_mark(text, exc.position, path)  # type: ignore[attr-defined]
    else:
        where = Mark(path, 1, 1)
    lines = LINE_BREAK.split(text)
    line_text = lines[where.line - 1] if where.line <= len(lines) else ""
    if "nesting depth" in problem:
        return Finding.at(where, "too-deep", TOO_DEEP)
    from rmf.reading.indentation import diagnose  # only for a file that does not parse

    slip = diagnose(exc, lines, events, text)
    if slip is not None:
        return Finding.at(Mark(path, slip.line + 1, slip.column + 1), "yaml-syntax", slip.message)
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
    from yaml import _yaml

    # libyaml scans ahead, so a deep flow collection can fail in the scanner before its
    # events reach the builder's depth limit: where it can, give libyaml the same limit.
    get = getattr(_yaml, "_get_max_nest_level", None)
    put = getattr(_yaml, "_set_max_nest_level", None)
    before = get() if get is not None and put is not None else None
    if put is not None and before is not None:
        put(MAX_DEPTH)
    try:
        yield from yaml.parse(text, Loader=yaml.CSafeLoader)
    finally:
        if put is not None and before is not None:
            put(before)


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


_BREAKS_1_1 = re.compile("[\u0085\u2028\u2029]")
_STAND_INS = re.compile("[\uf8f0\uf8f1\uf8f2]")  # private use: not in real text
_TO_STAND_IN = {0x85: 0xF8F0, 0x2028: 0xF8F1, 0x2029: 0xF8F2}
_FROM_STAND_IN = {v: k for k, v in _TO_STAND_IN.items()}


def stand_ins(text: str) -> tuple[str, dict[int, int] | None]:
    """The text with U+0085, U+2028 and U+2029 swapped for stand-ins of the same length,
    and the table that puts them back (None when there is nothing to swap)."""
    if _BREAKS_1_1.search(text) and not _STAND_INS.search(text):
        # In YAML 1.2 these are text (they come with text pasted from Word or PDF), but
        # both parsers break lines at them: stand-ins go through the parser, and whoever
        # builds from its events puts the characters back, so no column moves.
        return text.translate(_TO_STAND_IN), _FROM_STAND_IN
    return text, None


def read_text(text: str, path: str, parser: str | None = None) -> Document:
    """Build a Document from YAML text; problems become findings, never exceptions."""
    text, restore = stand_ins(text)
    builder = Builder(path, restore)
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
            events = PARSERS[parser or DEFAULT_PARSER]
            return Document(path, findings=[_syntax_finding(exc, text, path, events)])
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


class Reuse:
    """The documents of the last look at a framework, by path and bytes, for a process
    that reads the same files again and again (the language server): a file whose bytes
    have not changed is not parsed again. What a look did not read is forgotten after it.
    Nothing that reads a framework changes its data or positions, so sharing them is safe.
    """

    def __init__(self) -> None:
        self._last: dict[tuple[str, bytes], Document] = {}
        self._now: dict[tuple[str, bytes], Document] = {}

    def get(self, key: tuple[str, bytes]) -> Document | None:
        found = self._now.get(key) or self._last.get(key)
        if found is not None:
            self._now[key] = found
        return found

    def put(self, key: tuple[str, bytes], doc: Document) -> None:
        self._now[key] = doc

    def turn(self) -> None:
        """A look is over: keep what it read, forget the rest."""
        self._last, self._now = self._now, {}


_REUSE: ContextVar[Reuse | None] = ContextVar("rmf_reuse", default=None)


@contextmanager
def reusing(reuse: Reuse) -> Iterator[None]:
    """For the time of the block, files read as before are not parsed again."""
    token = _REUSE.set(reuse)
    try:
        yield
    finally:
        _REUSE.reset(token)
        reuse.turn()


def read_file(file: str, display: str) -> Document:
    """Read and build one file; `display` is the path that findings show."""
    try:
        raw = read_regular(file, MAX_FILE_BYTES)
    except FileProblem as problem:
        return Document(
            display, findings=[Finding.at(Mark(display, 1, 1), problem.code, str(problem))]
        )
    reuse = _REUSE.get()
    if reuse is None:
        return _build(raw, display)
    found = reuse.get((display, raw))
    if found is None:
        found = _build(raw, display)
        reuse.put((display, raw), found)
    return found


def _build(raw: bytes, display: str) -> Document:
    try:
        text = decode(raw, display)
    except YamlProblem as problem:
        return Document(display, findings=[problem.finding])
    return read_text(text, display)
