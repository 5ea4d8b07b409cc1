"""`rmf rename` in two calls: plan the edits of every file (nothing written), then apply
them, all files or none."""

from __future__ import annotations

import contextlib
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rmf.core.atomic import Changed, Snapshot, unchanged, write_atomic
from rmf.core.errors import RmfError
from rmf.core.findings import Mark
from rmf.reading.loader import load_source
from rmf.reading.overlay import Source
from rmf.reading.reader import read_to_rewrite
from rmf.rename.edits import Edit, Lines, Unplaceable, apply_edits, mentions
from rmf.rename.find import find
from rmf.rename.measurements import measurement_edits
from rmf.rename.target import STEPS, Refused, Target, new_id, resolve

BOM = b"\xef\xbb\xbf"
# a line with its break, as YAML breaks lines (NEL, LS and PS are text)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


@dataclass(frozen=True)
class Text:
    """A file as read: where, its text (without a BOM), and what it was when read."""

    path: Path
    display: str
    raw: bytes
    text: str
    snapshot: Snapshot


@dataclass(frozen=True)
class FileChange:
    """One file before and after a rename, and the edits between the two."""

    file: Text
    after: str
    edits: tuple[Edit, ...]

    @property
    def display(self) -> str:
        return self.file.display

    @property
    def data(self) -> bytes:
        """The new bytes, with the BOM the file had."""
        return (BOM if self.file.raw.startswith(BOM) else b"") + self.after.encode("utf-8")


@dataclass(frozen=True)
class Renaming:
    """What a rename changes, file by file, and what it leaves for a person to look at."""

    target: Target
    new: str
    changes: tuple[FileChange, ...]
    declarations: int
    # where OLD is still written in the framework's files: comments and free text
    mentions: tuple[Mark, ...]
    # references to NEW before the rename, which now name the renamed entity
    captured: tuple[Mark, ...]

    @property
    def edits(self) -> tuple[Edit, ...]:
        return tuple(e for c in self.changes for e in c.edits)

    @property
    def references(self) -> int:
        """Edits that are references (in measurement files too), not declarations."""
        return len(self.edits) - self.declarations


def own_files(source: Source) -> list[str]:
    """The files of the framework itself, without those of the base it extends: the
    overlay lists the framework's files first, then the base's from its root file on."""
    if not source.bases:
        return list(source.files)
    return source.files[: source.files.index(source.bases[0])]


def read(path: Path, display: str) -> Text:
    """A file with the snapshot that guards its replacement; refused when unreadable."""
    raw, text, snapshot = read_to_rewrite(path, display, "read")
    return Text(path, display, raw, text, snapshot)


def target_of(source: Source, old: str, new: str) -> tuple[Target, str]:
    """What OLD names and NEW as the id to write: Refused when the framework does not
    allow the rename, UsageError when NEW is no valid id."""
    renamed = resolve(source, old)
    return renamed, new_id(source, renamed, new)


def plan(target: str | Path, old: str, new: str, data: Sequence[Path] = ()) -> Renaming:
    """The rename of OLD to NEW in the framework at `target` (and in the measurement
    files `data`), computed in memory: every edit of every file. Raises FrameworkError
    when a file cannot be read as YAML, Refused when the framework does not allow the
    rename, UsageError when NEW is no valid id."""
    source = load_source(target)
    renamed, new = target_of(source, old, new)
    own = own_files(source)
    # read after loading: a file edited in between still gets the edits at their places
    # (each is checked to hold OLD), and its replacement is guarded from then on
    texts = {display: read(Path(display), display) for display in own}
    found = find(source, {d: t.text for d, t in texts.items()}, set(own), renamed, new)
    by_file: dict[str, list[Edit]] = {}
    for edit in found.edits:
        by_file.setdefault(edit.file, []).append(edit)
    changes = [_change(texts[d], edits) for d, edits in by_file.items()]
    if renamed.section != STEPS:
        for path in data:
            measured = read(path, path.as_posix())
            is_csv = path.suffix.lower() == ".csv"
            edits = measurement_edits(measured.text, measured.display, is_csv, old, new)
            if edits:
                changes.append(_change(measured, edits))
    return Renaming(
        renamed,
        new,
        tuple(changes),
        found.declarations,
        tuple(_mentions(texts, found.edits, renamed.ident)),
        found.captured,
    )


def _change(file: Text, edits: list[Edit]) -> FileChange:
    try:
        after = apply_edits(file.text, edits)
    except Unplaceable as exc:
        raise Refused(str(exc)) from None
    return FileChange(file, after, tuple(edits))


def _mentions(texts: dict[str, Text], edits: Sequence[Edit], ident: str) -> list[Mark]:
    found: list[Mark] = []
    for display, file in texts.items():
        lines = Lines(file.text)
        done = [lines.offset(e.line, e.column) for e in edits if e.file == display]
        found.extend(mentions(file.text, display, ident, done))
    return found


def apply(renaming: Renaming) -> None:
    """Write every changed file, atomically, or none: a file that changed since it was
    read stops the rename before anything is written (`Changed`); a failure part way
    puts back the files already written."""
    for change in renaming.changes:
        if not unchanged(change.file.path, change.file.snapshot):
            raise Changed(
                f"{change.display} changed while rmf was working on it; nothing was "
                "renamed: run the command again"
            )
    written: list[FileChange] = []
    try:
        for change in renaming.changes:
            write_atomic(change.file.path, change.data, unchanged_since=change.file.snapshot)
            written.append(change)
    except BaseException:
        for change in reversed(written):
            with contextlib.suppress(OSError, RmfError):
                write_atomic(change.file.path, change.file.raw)
        raise


def diff(renaming: Renaming) -> str:
    """A unified diff of every changed file, as `git diff` shows one."""
    out: list[str] = []
    for change in renaming.changes:
        lines = difflib.unified_diff(
            _lines(change.file.text),
            _lines(change.after),
            f"a/{change.display}",
            f"b/{change.display}",
        )
        for line in lines:
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> list[str]:
    return _LINE.findall(text)
