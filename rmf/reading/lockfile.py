"""rmf.lock: the commit each pinned git base resolved to, beside the framework's root file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rmf.core.atomic import write_atomic
from rmf.core.errors import FrameworkError
from rmf.core.findings import Finding, Mark
from rmf.reading.pinned import _COMMIT
from rmf.reading.reader import Pos, read_file

LOCK_FILE = "rmf.lock"
LOCK_VERSION = 1
_FIELDS = ("framework", "extends", "url", "ref", "commit")
HEADER = (
    "# rmf.lock: the commit each pinned base of the frameworks in this folder resolved\n"
    "# to, so that every machine reads the same base. Written by `rmf lock`; commit it\n"
    "# with the framework and do not edit it by hand.\n"
)


@dataclass(frozen=True)
class Locked:
    """One pinned base: the root file that extends it, its `extends:` text, the
    repository, the ref as written and the commit it resolved to when locked."""

    framework: str
    extends: str
    url: str
    ref: str
    commit: str
    mark: Mark | None = None  # where the entry is written, for findings


def lock_path(root: Path) -> Path:
    """The lock of a framework: rmf.lock in the folder of its root file."""
    return root.parent / LOCK_FILE


def read_lock(path: Path) -> list[Locked]:
    """The entries of a lock file (none when there is no file); FrameworkError with
    located findings when it is not a lock rmf wrote."""
    if not path.exists():
        return []
    display = path.as_posix()
    doc = read_file(str(path), display)
    if doc.findings:
        raise FrameworkError(doc.findings)
    assert doc.pos is not None
    problem = _shape(doc.data, doc.pos)
    if problem is not None:
        mark, message = problem
        raise FrameworkError(
            [Finding.at(mark, "invalid-value", f"{message}; run `rmf lock` to write it anew")]
        )
    items = doc.pos.child("bases")
    entries = doc.data.get("bases") or []
    marks = items.items if items is not None and items.items is not None else []
    return [
        Locked(**{k: e[k] for k in _FIELDS}, mark=m.mark)
        for e, m in zip(entries, marks, strict=True)
    ]


def _shape(data: Any, pos: Pos) -> tuple[Mark, str] | None:
    """Where and how a lock's data is not what `rmf lock` writes, if it is not."""
    if not isinstance(data, dict) or data.get("rmf-lock") != LOCK_VERSION:
        return pos.mark, f"not an rmf lock file (it starts with `rmf-lock: {LOCK_VERSION}`)"
    bases = data.get("bases")
    if bases is None:
        return None
    bases_pos = pos.child("bases")
    if not isinstance(bases, list) or bases_pos is None or bases_pos.items is None:
        return pos.mark, "`bases` must be a list of entries"
    for item, item_pos in zip(bases, bases_pos.items, strict=True):
        if not isinstance(item, dict) or set(item) != set(_FIELDS):
            return item_pos.mark, f"each entry has exactly {', '.join(_FIELDS)}"
        if not all(isinstance(item[k], str) and item[k] for k in _FIELDS):
            return item_pos.mark, "each field of an entry is a non-empty string"
        if not _COMMIT.fullmatch(item["commit"]):
            return item_pos.mark, "`commit` is a full commit id"
    return None


def find(entries: list[Locked], framework: str, extends: str) -> Locked | None:
    """The entry of a root file's base, when the lock has one for that exact text."""
    return next((e for e in entries if e.framework == framework and e.extends == extends), None)


def lock_text(entries: list[Locked]) -> str:
    """A lock file holding these entries, sorted, every string quoted."""
    lines = [HEADER, f"rmf-lock: {LOCK_VERSION}\n"]
    if not entries:
        return "".join([*lines, "bases: []\n"])
    lines.append("bases:\n")
    for entry in sorted(entries, key=lambda e: (e.framework, e.extends)):
        for i, key in enumerate(_FIELDS):
            # a JSON string is a YAML double-quoted scalar: any text is safe inside it
            lines.append(
                f"{'  - ' if i == 0 else '    '}{key}: {json.dumps(getattr(entry, key))}\n"
            )
    return "".join(lines)


def write_lock(path: Path, entries: list[Locked]) -> bool:
    """Write the lock when its entries differ from the file's; whether it was written."""
    text = lock_text(entries)
    if path.exists():
        try:
            if lock_text(read_lock(path)) == text:
                return False
        except FrameworkError:
            pass  # a broken lock is replaced
    write_atomic(path, text.encode("utf-8"))
    return True
