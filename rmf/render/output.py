"""Put rendered documents on disk atomically, with a manifest; or check them against it."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rmf.core.atomic import stage
from rmf.core.errors import UsageError
from rmf.render.engine import Rendered

MANIFEST = "manifest.json"
MANIFEST_VERSION = 1


@dataclass(frozen=True)
class Entry:
    """A file rmf wrote: where, of which document kind, and its content's digest."""

    path: str
    kind: str
    sha256: str


@dataclass(frozen=True)
class Plan:
    """Every file a run leaves in the output folder, and the old files it retires."""

    files: dict[str, bytes]
    stale: tuple[Entry, ...]


@dataclass(frozen=True)
class Written:
    """What a run did: files written, files removed, and stale files left because they
    were edited after rmf wrote them."""

    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]
    kept: tuple[str, ...]


@dataclass(frozen=True)
class Difference:
    """How the output folder differs from what rendering would write."""

    missing: tuple[str, ...]
    changed: tuple[str, ...]
    extra: tuple[str, ...]

    @property
    def clean(self) -> bool:
        return not (self.missing or self.changed or self.extra)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _safe(path: object) -> bool:
    """A manifest path rmf may touch: relative, inside the folder, no tricks."""
    if not isinstance(path, str) or not path or "\\" in path or "\0" in path:
        return False
    norm = posixpath.normpath(path)
    return norm == path and not path.startswith(("/", "../")) and path not in (".", MANIFEST)


def read_manifest(out: Path) -> list[Entry]:
    """The files the previous run wrote; nothing when there is no readable manifest, so
    rmf never deletes a file it cannot show it wrote."""
    try:
        data: Any = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        files = data["files"]
        return [
            Entry(f["path"], str(f.get("kind", "")), str(f["sha256"]))
            for f in files
            if isinstance(f, dict) and _safe(f.get("path"))
        ]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []


def plan(
    out: Path,
    rendered: Sequence[Rendered],
    fmt: str,
    framework: tuple[str, str],
    kinds: Iterable[str],
) -> Plan:
    """The files this run writes, the manifest included. Files of the kinds not rendered
    this time (`--only`) stay listed; older files of rendered kinds become stale."""
    chosen = set(kinds)
    files = {r.path: r.content for r in rendered}
    entries = [Entry(path, r.kind, digest(files[path])) for r in rendered for path in [r.path]]
    stale = []
    for old in read_manifest(out):
        if old.path in files:
            continue
        if old.kind in chosen:
            stale.append(old)
        elif (out / old.path).is_file():
            entries.append(old)
    manifest = {
        "rmf_manifest": MANIFEST_VERSION,
        "format": fmt,
        "framework": {"id": framework[0], "version": framework[1]},
        "files": [
            {"path": e.path, "kind": e.kind, "sha256": e.sha256}
            for e in sorted(entries, key=lambda e: e.path)
        ],
    }
    files[MANIFEST] = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return Plan(files, tuple(stale))


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def check(out: Path, planned: Plan) -> Difference:
    """Compare the folder with the plan, writing nothing."""
    missing, changed = [], []
    for path, data in sorted(planned.files.items()):
        current = _read(out / path)
        if current is None:
            missing.append(path)
        elif current != data:
            changed.append(path)
    extra = sorted(e.path for e in planned.stale if (out / e.path).is_file())
    return Difference(tuple(missing), tuple(changed), tuple(extra))


def write(out: Path, planned: Plan) -> Written:
    """Write every changed file through a temporary file and os.replace, the manifest
    last; then remove the stale files that are still as rmf wrote them."""
    todo = {p: d for p, d in planned.files.items() if _read(out / p) != d}
    staged: list[tuple[str, Path]] = []
    try:
        # Stage every file first: a failure here leaves the previous output untouched.
        for path in sorted(todo, key=lambda p: (p == MANIFEST, p)):
            staged.append((path, stage(out / path, todo[path])))
        for path, tmp in staged:
            os.replace(tmp, out / path)
    except BaseException as exc:
        for _, leftover in staged:
            with contextlib.suppress(OSError):
                leftover.unlink()
        if isinstance(exc, OSError):
            raise UsageError(f"cannot write to {out}: {exc}") from exc
        raise
    removed, kept = [], []
    for entry in planned.stale:
        target = out / entry.path
        current = _read(target)
        # a symlinked folder could lead outside the output folder: never follow it there
        if current is None or out.resolve() not in target.resolve().parents:
            continue
        if digest(current) != entry.sha256:
            kept.append(entry.path)
            continue
        target.unlink()
        removed.append(entry.path)
        _prune(out, target.parent)
    unchanged = sorted(set(planned.files) - set(todo))
    return Written(tuple(sorted(todo)), tuple(unchanged), tuple(removed), tuple(kept))


def _prune(out: Path, folder: Path) -> None:
    """Remove folders emptied by removing stale files, up to the output folder."""
    root = out.resolve()
    while folder.resolve() != root and root in folder.resolve().parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
