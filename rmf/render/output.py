"""Put rendered documents on disk atomically, with a manifest; or check them against it."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import posixpath
import re
import shutil
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from rmf.core.atomic import write_atomic
from rmf.core.errors import UsageError
from rmf.core.files import FileProblem, inside, read_regular
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
    # the manifest the plan was made from, and how to make it again from another one
    basis: tuple[Entry, ...] = ()
    replan: Callable[[], Plan] | None = None


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
    interrupted: bool = False  # a killed render left its new set half moved in

    @property
    def clean(self) -> bool:
        return not (self.missing or self.changed or self.extra or self.interrupted)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _safe(path: object) -> bool:
    """A manifest path rmf may touch: relative, inside the folder, no tricks."""
    if not isinstance(path, str) or "\\" in path or "\0" in path:
        return False
    return _normal(path) and path not in (".", MANIFEST)


def _normal(path: str) -> bool:
    """A path written the one way it can be, below the folder: no `..`, no `//`, not absolute."""
    norm = posixpath.normpath(path)
    return bool(path) and norm == path and path != ".." and not path.startswith(("/", "../"))


def read_manifest(out: Path) -> list[Entry]:
    """The files the previous run wrote; nothing when there is no readable manifest, so
    rmf never deletes a file it cannot show it wrote."""
    return list(_manifest(out)[1])


def manifest_format(out: Path) -> str | None:
    """The format of the documents the manifest in `out` lists, if it says."""
    data = _manifest(out)[0]
    try:
        value = data.get("format") if data.get("files") else None
    except AttributeError:
        return None
    return value if isinstance(value, str) else None


# The manifest last read and what it says: a run reads it several times (to plan, to
# check that no other run changed it meanwhile, to sweep), parsing it once.
_last_manifest: tuple[bytes, Any, tuple[Entry, ...]] | None = None


def _manifest(out: Path) -> tuple[Any, tuple[Entry, ...]]:
    """The manifest in `out`, as data and as its entries rmf may touch; (None, ()) when
    there is none or it cannot be read."""
    global _last_manifest
    try:
        raw = read_regular(out / MANIFEST, MAX_OUTPUT_BYTES)
    except FileProblem:
        return None, ()
    if _last_manifest is not None and _last_manifest[0] == raw:
        return _last_manifest[1], _last_manifest[2]
    try:
        data: Any = json.loads(raw)
    except (ValueError, RecursionError):
        return None, ()
    try:
        files = data["files"]
        entries = tuple(
            Entry(f["path"], str(f.get("kind", "")), str(f["sha256"]))
            for f in files
            if isinstance(f, dict) and _safe(f.get("path"))
        )
    except (KeyError, TypeError, AttributeError, RecursionError):
        entries = ()
    _last_manifest = (raw, data, entries)
    return data, entries


def manifest_text(fmt: str, framework: tuple[str, str], entries: Iterable[Entry]) -> bytes:
    """The manifest's bytes: what `json.dumps(…, indent=2, ensure_ascii=False)` writes,
    made without the slow indenting encoder (a large framework lists thousands of files)."""
    text = encode_basestring
    files = ",\n".join(
        f'    {{\n      "path": {text(e.path)},\n      "kind": {text(e.kind)},\n'
        f'      "sha256": {text(e.sha256)}\n    }}'
        for e in sorted(entries, key=lambda e: e.path)
    )
    return (
        "{\n"
        f'  "rmf_manifest": {MANIFEST_VERSION},\n'
        f'  "format": {text(fmt)},\n'
        f'  "framework": {{\n    "id": {text(framework[0])},\n'
        f'    "version": {text(framework[1])}\n  }},\n'
        + (f'  "files": [\n{files}\n  ]\n' if files else '  "files": []\n')
        + "}\n"
    ).encode("utf-8")


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
    earlier = manifest_format(out)
    if earlier is not None and earlier != fmt:
        raise UsageError(
            f"{out} holds documents rendered as {earlier} (see its {MANIFEST}); rendering "
            f"{fmt} there would remove them — give another folder with -o, or remove "
            f"{out} first"
        )
    files = {r.path: r.content for r in rendered}
    entries = [Entry(path, r.kind, digest(files[path])) for r in rendered for path in [r.path]]
    stale = []
    basis = read_manifest(out)
    for old in basis:
        if old.path in files:
            continue
        if old.kind in chosen:
            stale.append(old)
        elif (out / old.path).is_file():
            entries.append(old)
    files[MANIFEST] = manifest_text(fmt, framework, entries)

    def replan() -> Plan:
        return plan(out, rendered, fmt, framework, chosen)

    return Plan(files, tuple(stale), tuple(basis), replan)


class _Within:
    """Whether paths of the output folder stay inside it with every link followed, each
    folder looked at once: a path leaves the folder only through a link on its way, so a
    link is resolved and everything else is known from listing its folder once."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self._root = os.fspath(out)
        self._folders: dict[str, bool] = {"": True}
        self._kinds: dict[str, int | None] = {"": stat.S_IFDIR}
        self._listed: dict[str, bool] = {}  # folder -> whether it could be listed
        self._stays: dict[str, bool] = {}

    def where(self, path: str) -> str:
        return os.path.join(self._root, path)

    def kind(self, path: str) -> int | None:
        """The file type bits of `path` itself (a link is a link), None when nothing is there."""
        if path not in self._kinds:
            folder = posixpath.dirname(path)
            if folder not in self._listed:
                self._listed[folder] = self._list(folder)
            if self._listed[folder] and posixpath.basename(path):
                return self._kinds.setdefault(path, None)  # not there when listed
            try:
                self._kinds[path] = stat.S_IFMT(os.lstat(self.where(path)).st_mode)
            except OSError:
                self._kinds[path] = None
        return self._kinds[path]

    def _list(self, folder: str) -> bool:
        """Learn the type of everything in `folder` from one listing (thousands of
        documents share a folder); False when it cannot be listed."""
        try:
            with os.scandir(self.where(folder)) as entries:
                for entry in entries:
                    self._kinds[posixpath.join(folder, entry.name)] = _type(entry)
        except OSError:
            return False
        return True

    def stays(self, path: str) -> bool:
        """Whether `path` stays inside the folder, links followed (worked out once)."""
        found = self._stays.get(path)
        if found is None:
            found = self._stays[path] = self._worked_out(path)
        return found

    def _worked_out(self, path: str) -> bool:
        if not _normal(path):
            return inside(self.out / path, self.out)
        folder = posixpath.dirname(path)
        if folder not in self._folders:
            self._folders[folder] = self.stays(folder)
        if not self._folders[folder]:
            return False
        return self.kind(path) != stat.S_IFLNK or inside(self.out / path, self.out)


def _type(entry: os.DirEntry[str]) -> int | None:
    """The file type bits of a folder entry itself, from the listing where it says."""
    try:
        if entry.is_symlink():
            return stat.S_IFLNK
        if entry.is_dir(follow_symlinks=False):
            return stat.S_IFDIR
        if entry.is_file(follow_symlinks=False):
            return stat.S_IFREG
        return stat.S_IFMT(entry.stat(follow_symlinks=False).st_mode)
    except OSError:
        return None  # gone since the listing


def _read(out: Path, path: str, within: _Within | None = None) -> bytes | None:
    """A file of the output folder as it is now; None when it is missing or is not a
    regular file rmf could have written there (a link out of the folder, a pipe)."""
    within = within or _Within(out)
    kind = within.kind(path)
    if kind is None or not within.stays(path):
        return None
    try:
        return read_regular(within.where(path), MAX_OUTPUT_BYTES, listed=kind == stat.S_IFREG)
    except FileProblem:
        return None


def check(out: Path, planned: Plan) -> Difference:
    """Compare the folder with the plan, writing nothing. A folder that a killed render
    left half-updated is never up to date."""
    missing, changed = [], []
    within = _Within(out)
    for path, data in sorted(planned.files.items()):
        current = _read(out, path, within)
        if current is None:
            missing.append(path)
        elif current != data:
            changed.append(path)
    extra = sorted(e.path for e in planned.stale if (out / e.path).is_file())
    return Difference(tuple(missing), tuple(changed), tuple(extra), _pending(out))


def write(out: Path, planned: Plan) -> Written:
    """Put the planned set in place so that a kill at any moment leaves the old set or
    the new one, never a mix: every changed file is first written into a staging folder
    inside the output folder, then a journal says the set is complete, then the files
    move into place (the manifest last) and stale files go. A run that finds a complete
    journal finishes its moves first; one that finds an incomplete staging folder
    removes it. Two renders into one folder take turns."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        _refuse_linked(out)
        with _locked(out):
            _recover(out)
            if planned.replan is not None and tuple(read_manifest(out)) != planned.basis:
                planned = planned.replan()  # another run changed the folder meanwhile
            within = _refuse_links(out, planned.files)
            todo = {p: d for p, d in planned.files.items() if _read(out, p, within) != d}
            staging = out / STAGING
            journal = {
                "files": [
                    {"path": p, "sha256": digest(todo[p])}
                    for p in sorted(todo, key=lambda p: (p == MANIFEST, p))
                ],
                "stale": [{"path": e.path, "sha256": e.sha256} for e in planned.stale],
            }
            try:
                staging.mkdir()
                for path, data in todo.items():
                    put(staging / path, data)
                write_atomic(staging / JOURNAL, json.dumps(journal).encode("utf-8"))
            except BaseException:
                # not complete: the previous set is untouched; drop what was staged
                shutil.rmtree(staging, ignore_errors=True)
                raise
            removed, kept = _commit(out)
    except OSError as exc:
        raise UsageError(f"cannot write to {out}: {exc.strerror or exc}") from exc
    unchanged = sorted(set(planned.files) - set(todo))
    return Written(tuple(sorted(todo)), tuple(unchanged), tuple(removed), tuple(kept))


def put(target: Path, data: bytes) -> None:
    """Write one staged file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


STAGING = ".rmf-staging"
JOURNAL = ".complete"
LOCK_WAIT = 120.0  # seconds a render waits for another one writing the same folder
MAX_OUTPUT_BYTES = 256 * 1024 * 1024


def _pending(out: Path) -> bool:
    """Whether a killed render left a complete set in the staging folder, not yet moved."""
    return (out / STAGING / JOURNAL).is_file() and not (out / STAGING).is_symlink()


def _recover(out: Path) -> None:
    """Finish the moves of a killed render whose set was complete; else drop its staging
    folder. Also remove the temporary files that earlier versions left beside documents."""
    staging = out / STAGING
    if staging.is_symlink() or staging.is_file():
        staging.unlink()
    elif _pending(out):
        _commit(out)
    elif staging.exists():
        shutil.rmtree(staging)
    _remove_leftovers(out)


def _commit(out: Path) -> tuple[list[str], list[str]]:
    """Move the staged files into place, manifest last, then retire stale files; the
    staging folder goes last of all, so a kill at any point can be finished by a rerun."""
    staging = out / STAGING
    try:
        journal: Any = json.loads(read_regular(staging / JOURNAL, MAX_OUTPUT_BYTES))
        files = [
            (str(f["path"]), str(f["sha256"]))
            for f in journal["files"]
            if _safe(f["path"]) or f["path"] == MANIFEST
        ]
        stale = [
            Entry(e["path"], "", str(e["sha256"])) for e in journal["stale"] if _safe(e["path"])
        ]
    except (FileProblem, ValueError, KeyError, TypeError, RecursionError):
        shutil.rmtree(staging)
        return [], []
    within = _refuse_links(out, [path for path, _ in files])
    for path, sha in files:
        source = staging / path
        # only what this run, or a killed one, staged: a regular file in the staging
        # folder itself (no link on the way) with the digest the journal recorded
        if not _staged(source, staging, sha):
            continue
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, out / path)
    removed, kept = [], []
    for entry in stale:
        target = out / entry.path
        current = _read(out, entry.path, within)
        if current is None or target.is_symlink():
            continue
        if digest(current) != entry.sha256:
            kept.append(entry.path)
            continue
        target.unlink()
        removed.append(entry.path)
        _prune(out, target.parent)
    shutil.rmtree(staging)
    return removed, kept


def _staged(source: Path, staging: Path, sha: str) -> bool:
    try:
        if source.is_symlink() or not source.is_file():
            return False
        if os.path.realpath(source) != os.path.join(
            os.path.realpath(staging), source.relative_to(staging)
        ):
            return False
        return digest(read_regular(source, MAX_OUTPUT_BYTES)) == sha
    except (FileProblem, OSError, ValueError):
        return False


def _refuse_linked(out: Path) -> None:
    """Refuse an output folder that is itself a link, or lies under a linked folder below
    the current folder: committed as a link (`rendered -> /elsewhere`), it would carry
    every document and every removal wherever it points."""
    here = Path.cwd()
    place = Path(os.path.abspath(out))
    for folder in (place, *place.parents):
        if folder == here or here not in folder.parents:
            if folder == place and folder.is_symlink():
                raise UsageError(
                    f"{out}: the output folder is a link; rmf writes only into a real folder"
                )
            break
        if folder.is_symlink():
            raise UsageError(
                f"{out}: {folder} is a link; rmf writes only into a real folder — "
                "remove the link or name the folder it points to"
            )


def _refuse_links(out: Path, paths: Iterable[str]) -> _Within:
    """Refuse to write through a link that leads out of the output folder: a folder of
    documents committed as a link would carry them anywhere the link points. Returns
    what it learnt of the folder, for reading the files it checked."""
    within = _Within(out)
    seen: set[str] = set()
    for path in paths:
        if not within.stays(path):
            target = out / path
            raise UsageError(
                f"{target}: a link that leads outside {out}; rmf writes only inside the "
                "output folder — remove the link"
            )
        kind = within.kind(path)
        if kind == stat.S_IFDIR or (kind == stat.S_IFLNK and os.path.isdir(within.where(path))):
            raise UsageError(f"{out / path}: a folder stands where a document goes; move it away")
        folder = posixpath.dirname(path)
        while folder and folder not in seen:
            seen.add(folder)
            kind = within.kind(folder)
            if kind not in (None, stat.S_IFDIR) and not os.path.isdir(within.where(folder)):
                raise UsageError(
                    f"{out / folder}: a file stands where a folder of documents goes; move it away"
                )
            folder = posixpath.dirname(folder)
    return within


_LEFTOVER = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]+\.tmp$")


def _remove_leftovers(out: Path) -> None:
    """Temporary files `.NAME.PID.tmp` that killed runs of earlier versions left beside
    the documents of the manifest."""
    named: dict[str, set[str]] = {}
    for entry in _manifest(out)[1]:
        where, name = posixpath.split(entry.path)
        named.setdefault(where, set()).add(name)
    named.setdefault("", set()).add(MANIFEST)
    for where, names in named.items():
        folder = out / where if where else out
        if not inside(folder, out):
            continue
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for item in entries:
            match = _LEFTOVER.match(item.name) if item.name.startswith(".") else None
            if match and match["name"] in names and item.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(item.path)


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Hold the output folder for this run: a lock on the folder itself, released by the
    system when the process ends however it ends, so no lock file is ever left behind."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks on folders
        yield
        return
    fd = os.open(out, os.O_RDONLY)
    try:
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise UsageError(
                        f"{out}: another rmf render has been writing here for "
                        f"{LOCK_WAIT:.0f} seconds; try again when it has finished"
                    ) from None
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)


def _prune(out: Path, folder: Path) -> None:
    """Remove folders emptied by removing stale files, up to the output folder."""
    root = out.resolve()
    while folder.resolve() != root and root in folder.resolve().parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
