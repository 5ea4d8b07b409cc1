"""The files `rmf fmt` formats: read with a snapshot, formatted in memory, replaced only
if unchanged since."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rmf.core.atomic import Snapshot, sweep, write_atomic
from rmf.core.errors import FrameworkError, UsageError
from rmf.core.findings import Finding
from rmf.fmt.canonical import format_text
from rmf.reading.loader import load_source
from rmf.reading.reader import read_to_rewrite


@dataclass(frozen=True)
class Formatted:
    """One file before and after formatting, and what it was when it was read."""

    path: Path
    display: str
    original: bytes
    text: str
    snapshot: Snapshot

    @property
    def changed(self) -> bool:
        return self.original != self.text.encode("utf-8")


def framework_files(target: str | Path) -> list[tuple[Path, str]]:
    """The files `rmf fmt` formats for a path: a file itself, or a framework folder's root
    file and every file it includes."""
    path = Path(target)
    if path.is_dir():
        source = load_source(path)
        return [(Path(f), f) for f in source.files]
    if not path.exists():
        raise UsageError(f"{target}: no such file or folder")
    return [(path, path.as_posix())]


def format_file(path: Path, display: str) -> Formatted:
    raw, text, snapshot = read_to_rewrite(path, display, "format")
    return Formatted(path, display, raw, format_text(text, display), snapshot)


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


def replace(result: Formatted) -> bool:
    """Write the formatted text over the file if it differs, atomically, unless the file
    changed since it was read (`Changed`: the newer edit is kept) or cannot be written
    (`Unwritable`); remove temporary files that killed runs left beside it either way.
    Whether it wrote."""
    if not result.changed:
        sweep(result.path)
        return False
    write_atomic(result.path, result.text.encode("utf-8"), unchanged_since=result.snapshot)
    return True
