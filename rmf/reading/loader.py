"""Assemble a framework's files (root plus includes) into one body of data and positions."""

from __future__ import annotations

import fnmatch
import os
import posixpath
import re
from pathlib import Path, PurePosixPath
from typing import Any

from rmf.core.errors import FrameworkError, UsageError
from rmf.core.files import YAML_SUFFIXES, FileProblem, given, inside, read_regular
from rmf.core.findings import Finding, Mark
from rmf.model.types import SECTIONS
from rmf.reading.overlay import LOADER_KEYS, MAX_BASES, Source, is_extension_key, overlay
from rmf.reading.override import OVERRIDE_KEY
from rmf.reading.pinned import is_pinned
from rmf.reading.reader import Document, Pos, read_file

__all__ = [
    "Source",
    "find_framework",
    "framework_root",
    "including_framework",
    "is_extension_key",
    "load_source",
    "locate",
]

ROOT_FILE = "framework.yaml"
FORMAT_VERSION = 1
MAX_FILES = 2000
ROOT_ONLY = ("rmf", "framework", "rules", "waivers", *LOADER_KEYS)
# what every file of a framework may hold, concatenated in include order
LISTS = (*SECTIONS, OVERRIDE_KEY)


def locate(target: str | Path) -> tuple[Path, str]:
    """The root file of a framework path, and the path findings should show for it."""
    path = Path(target)
    if given(path) is not None:  # text passed on standard input, for this path
        return path, _display(path)
    if path.is_dir():
        root = path / ROOT_FILE
        if not root.is_file():
            raise UsageError(f"{target}: a framework folder needs a {ROOT_FILE} file")
        return root, _display(root)
    if not path.exists():
        raise UsageError(f"{target}: no such file or folder")
    return path, _display(path)


def find_framework(start: Path) -> Path | None:
    """The framework folder that holds `start`, as git finds `.git`: `start` itself or
    the nearest folder above it with a framework.yaml, not above the top of the git
    repository that holds `start`."""
    here = Path(os.path.abspath(start))
    top = repository_top(here)
    for folder in (here, *here.parents):
        if (folder / ROOT_FILE).is_file():
            return folder
        if folder == top:
            return None
    return None


_ROOT_KEY = re.compile(r"^(rmf|framework)\s*:", re.MULTILINE)
_TOP_KEY = re.compile(r"^([^\s#'\"{[-][^:#]*):", re.MULTILINE)


def _sections_written(path: Path) -> set[str]:
    """The list sections that a file which could not be read holds, as far as its text
    says (`processes:` at the start of a line): the rules leave those alone and check
    the others. Every section when the text cannot be read or has a key of no kind
    (`proceses:`), since which section it meant is not known."""
    try:
        text = read_regular(path).decode("utf-8", "replace")
    except FileProblem:
        return set(SECTIONS)
    keys = {key.strip() for key in _TOP_KEY.findall(text)}
    other = {
        key
        for key in keys
        if key not in ROOT_ONLY and key != OVERRIDE_KEY and not is_extension_key(key)
    }
    found = other & set(SECTIONS)
    return found if found and found == other else set(SECTIONS)


def including_framework(path: Path) -> Path | None:
    """For a file that is part of a framework rather than its root (it has neither `rmf:`
    nor `framework:` at the top level), the framework folder above it, if any."""
    if path.name == ROOT_FILE or not (path.is_file() or given(path) is not None):
        return None
    try:
        text = read_regular(path).decode("utf-8", "replace")
    except FileProblem:
        return None
    if _ROOT_KEY.search(text):
        return None
    return find_framework(path.parent)


def framework_root(path: Path) -> Path | None:
    """The root file of the framework a file is part of: the file itself when it is one
    (`framework.yaml`, or a file with `rmf:` or `framework:` at the top level), else the
    `framework.yaml` of the folder above that holds it; None for a file of no framework."""
    if path.name == ROOT_FILE:
        return path
    folder = including_framework(path)
    if folder is not None:
        return folder / ROOT_FILE
    try:
        text = read_regular(path).decode("utf-8", "replace")
    except FileProblem:
        return None
    return path if _ROOT_KEY.search(text) else None


def _display(path: Path) -> str:
    return path.as_posix()


def _fail_if(findings: list[Finding]) -> None:
    if findings:
        raise FrameworkError(findings)


def _read(path: Path, display: str) -> Document:
    return read_file(str(path), display)


def _check_mapping(doc: Document) -> None:
    if not isinstance(doc.data, dict):
        assert doc.pos is not None
        raise FrameworkError(
            [
                Finding.at(
                    doc.pos.mark,
                    "not-a-mapping",
                    "the top level of a framework file must be a mapping of sections "
                    "(`framework:`, `units:`, …)",
                )
            ]
        )


def _check_version(doc: Document) -> None:
    assert doc.pos is not None
    if "rmf" not in doc.data:
        return  # reported by the schema as a missing field, with the others
    value = doc.data["rmf"]
    mark = doc.pos.values["rmf"].mark if doc.pos.values else doc.pos.mark
    if not isinstance(value, int) or isinstance(value, bool):
        raise FrameworkError(
            [
                Finding.at(
                    mark,
                    "invalid-value",
                    f"`rmf` must be the format version as a bare number: `rmf: {FORMAT_VERSION}`",
                )
            ]
        )
    if value != FORMAT_VERSION:
        raise FrameworkError(
            [
                Finding.at(
                    mark,
                    "unsupported-version",
                    f"this framework is written for format version {value}; this rmf reads "
                    f"version {FORMAT_VERSION} — upgrade rmf or write `rmf: {FORMAT_VERSION}`",
                )
            ]
        )


def _included(
    root: Path, root_display: str, doc: Document
) -> tuple[list[tuple[Path, str]], list[Finding]]:
    """The files that `include:` names, in include order, with problems found."""
    assert doc.pos is not None
    raw = doc.data.get("include")
    if raw is None:
        return [], []
    pos = doc.pos.child("include")
    assert pos is not None
    if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
        return [], [
            Finding.at(
                pos.mark,
                "invalid-value",
                "`include` must be a list of file paths or globs, e.g. `- roles/*.yaml`",
            )
        ]
    base = root.parent
    base_real = base.resolve()
    seen: dict[Path, str] = {root.resolve(): f"{root_display} (the root file)"}
    files: list[tuple[Path, str]] = []
    findings: list[Finding] = []
    display_base = Path(root_display).parent
    budget = [MAX_SCANNED]  # shared by every glob of the framework
    for i, pattern in enumerate(raw):
        item = pos.child(i)
        mark = item.mark if item is not None else pos.mark
        if not pattern or _leaves(pattern):
            findings.append(
                Finding.at(
                    mark,
                    "include-outside",
                    f"`{pattern}` must be a relative path inside the framework folder",
                )
            )
            continue
        try:
            matches = _matches(base, pattern, budget)
        except _TooWide as exc:
            findings.append(Finding.at(mark, "include-outside", f"`{pattern}`: {exc}"))
            continue
        except (ValueError, NotImplementedError, OSError) as exc:
            findings.append(
                Finding.at(mark, "include-no-match", f"`{pattern}` is not a usable glob: {exc}")
            )
            continue
        if not matches:
            findings.append(
                Finding.at(
                    mark,
                    "include-no-match",
                    f"`{pattern}` matches no file in {display_base.as_posix() or '.'}; "
                    "fix the path or remove the entry",
                )
            )
            continue
        for match in matches:
            real = match.resolve()
            rel = match.relative_to(base).as_posix()
            if not real.is_relative_to(base_real):
                findings.append(
                    Finding.at(
                        mark,
                        "include-outside",
                        f"`{pattern}` reaches `{rel}`, outside the framework folder; "
                        "a framework includes only its own files",
                    )
                )
                continue
            if real in seen and _is_glob(pattern):
                continue  # a glob takes what no earlier entry took: `[lead.yaml, "*.yaml"]`
            if real in seen:
                findings.append(
                    Finding.at(
                        mark,
                        "include-twice",
                        f"`{rel}` is already included by {seen[real]}; include each file once",
                    )
                )
                continue
            seen[real] = f"`{pattern}` (line {mark.line})"
            files.append((match, (display_base / rel).as_posix()))
    if len(files) > MAX_FILES:
        findings.append(
            Finding.at(pos.mark, "too-large", f"more than {MAX_FILES} files are included")
        )
    return files, findings


def _leaves(pattern: str) -> bool:
    """Whether a pattern is absolute or could climb out of the folder it is relative to:
    a glob may not use `..` at all (`**/..` climbs as far as `**` goes down)."""
    if "\\" in pattern or "\0" in pattern or PurePosixPath(pattern).is_absolute():
        return True
    if _is_glob(pattern) and ".." in PurePosixPath(pattern).parts:
        return True
    normal = posixpath.normpath(pattern)
    return normal == ".." or normal.startswith("../")


def _is_glob(pattern: str) -> bool:
    return any(c in pattern for c in "*?[")


MAX_SCANNED = 100_000  # folder entries one glob may look at


class _TooWide(ValueError):
    pass


def _matches(base: Path, pattern: str, budget: list[int] | None = None) -> list[Path]:
    """The files a pattern names: the literal path when that file exists (`brm[v2].yaml`),
    else the glob's matches sorted by path, without hidden files or folders (editor and
    system leftovers such as `._roles.yaml`) unless the pattern itself names one.

    The walk stays in the framework folder: `**` never enters a linked folder, a named
    or wildcard folder is entered through a link only when the link stays in the
    framework folder, and all the globs of one framework look at no more than
    MAX_SCANNED entries together (`budget`)."""
    literal = base / pattern
    if literal.is_file():
        return [literal]
    if not _is_glob(pattern):
        return []
    parts = [p for p in PurePosixPath(pattern).parts if p != "."]
    hidden = any(part.startswith(".") for part in parts)
    budget = budget if budget is not None else [MAX_SCANNED]
    found = _walk(base, parts, budget)
    kept = [
        path
        for path in found
        if hidden or not any(p.startswith(".") for p in path.relative_to(base).parts)
    ]
    return sorted(kept, key=lambda p: p.relative_to(base).as_posix())


def _entries(folder: Path, budget: list[int]) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except OSError:
        return []
    budget[0] -= len(entries)
    if budget[0] < 0:
        raise _TooWide(
            f"the includes look at more than {MAX_SCANNED:,} files and folders; narrow them"
        )
    return entries


def _enterable(entry: os.DirEntry[str], base: Path) -> bool:
    """A folder to walk into: a real one, or a link to a folder inside the framework's."""
    if entry.is_dir(follow_symlinks=False):
        return True
    return entry.is_symlink() and entry.is_dir() and inside(Path(entry.path), base)


def _walk(base: Path, parts: list[str], budget: list[int]) -> set[Path]:
    """Match `parts` below `base`, one path part at a time (so `*` never crosses a `/`),
    `**` standing for any number of folders; with a stack of its own, so no depth of
    folders can exhaust Python's."""
    found: set[Path] = set()
    seen: set[tuple[Path, int]] = set()
    stack: list[tuple[Path, int]] = [(base, 0)]
    while stack:
        folder, i = stack.pop()
        if (folder, i) in seen:
            continue
        seen.add((folder, i))
        part, last = parts[i], i == len(parts) - 1
        if part == "**":
            if not last:
                stack.append((folder, i + 1))
            for entry in _entries(folder, budget):
                if entry.is_dir(follow_symlinks=False):
                    stack.append((Path(entry.path), i))
                elif last and entry.is_file():
                    found.add(Path(entry.path))  # `roles/**`: every file below roles/
            continue
        if not _is_glob(part):
            child = folder / part
            if last:
                if child.is_file():
                    found.add(child)
            elif child.is_dir() and inside(child, base):
                stack.append((child, i + 1))
            continue
        for entry in _entries(folder, budget):
            if not fnmatch.fnmatchcase(entry.name, part):
                continue
            if last:
                if entry.is_file():
                    found.add(Path(entry.path))
            elif _enterable(entry, base):
                stack.append((Path(entry.path), i + 1))
    return found


def _check_included_keys(doc: Document) -> list[Finding]:
    assert doc.pos is not None and doc.pos.keys is not None
    findings = []
    for key in doc.data:
        if key in LISTS or is_extension_key(key):
            continue
        mark = doc.pos.keys[key]
        if key == "include":
            message = "`include` may stand only in the root file; list every file there"
            code = "include-nested"
        elif key in ROOT_ONLY:
            message = f"`{key}` may stand only in the root file, not in an included file"
            code = "unknown-field"
        else:
            message = (
                f"unknown section `{key}`: an included file holds only list sections "
                f"({', '.join(SECTIONS)})"
            )
            code = "unknown-field"
        findings.append(Finding.at(mark, code, message))
    return findings


def load_source(
    target: str | Path, _extended_by: tuple[Path, ...] = (), *, partial: bool = False
) -> Source:
    """Read a framework, the files it includes and the base it extends.

    Raises FrameworkError when the files cannot be read as a framework. With `partial`,
    an included file that cannot be read (or an include that names none) does not stop
    the others: its findings are the source's, and the source is `incomplete`.
    """
    root, root_display = locate(target)
    _confine_root(root, root_display)
    doc = _read(root, root_display)
    _fail_if(doc.findings)
    _check_mapping(doc)
    _check_version(doc)
    assert doc.pos is not None and doc.pos.keys is not None and doc.pos.values is not None
    includes, findings = _included(root, root_display, doc)
    # an include that matches nothing may have meant a file of any section
    unread = set(SECTIONS) if findings else set()
    docs = [doc]
    for path, display in includes:
        sub = _read(path, display)
        if sub.findings:
            findings.extend(sub.findings)
            unread |= _sections_written(path)
            continue
        try:
            _check_mapping(sub)
        except FrameworkError as exc:
            findings.extend(exc.findings)
            unread |= _sections_written(path)
            continue
        wrong = _check_included_keys(sub)
        findings.extend(wrong)
        if wrong:
            unread |= _sections_written(path)
        else:
            docs.append(sub)
    if not partial:
        _fail_if(findings)
    source = _merge(docs, root_display, [d.path for d in docs])
    source.findings.extend(findings)
    source.unread = frozenset(unread)
    if "extends" not in doc.data:
        _without_base(doc, source)
        return source
    base = _load_base(root, doc, (*_extended_by, root.resolve()))
    merged = overlay(base, source, doc.data.get("exclude"), doc.pos.child("exclude"))
    merged.unread = source.unread | base.unread
    return merged


def _without_base(doc: Document, source: Source) -> None:
    """`exclude` and `override` act on a base: without `extends` they are refused."""
    assert doc.pos is not None and doc.pos.keys is not None
    if "exclude" in doc.data:
        mark = doc.pos.keys["exclude"]
        message = "`exclude` drops entities of a base: it needs `extends`"
        raise FrameworkError([Finding.at(mark, "invalid-value", message)])
    if OVERRIDE_KEY in source.data:
        assert source.pos.keys is not None
        mark = source.pos.keys[OVERRIDE_KEY]
        message = (
            "`override` changes fields of a base's entities: it needs `extends` (to change "
            "this framework's own entities, edit them where they are written)"
        )
        raise FrameworkError([Finding.at(mark, "invalid-value", message)])


def _load_base(root: Path, doc: Document, chain: tuple[Path, ...]) -> Source:
    """The framework that `extends:` names: a path relative to the file that names it, or
    a pinned base (a git repository at a tag or commit, or an installed package)."""
    assert doc.pos is not None and doc.pos.values is not None
    value = doc.data["extends"]
    mark = doc.pos.values["extends"].mark
    if not isinstance(value, str) or not value:
        raise FrameworkError(
            [
                Finding.at(
                    mark,
                    "invalid-value",
                    "`extends` takes the path of a base framework, a pinned git URL or `pkg:NAME`",
                )
            ]
        )
    if is_pinned(value):
        from rmf.reading.bases import pinned_folder  # it reads frameworks with this module

        return _load_checked(pinned_folder(root, value, mark), value, mark, chain)
    target = Path(os.path.normpath(root.parent / value))
    repository = repository_top(root.parent)
    if repository is not None and not inside(target, repository):
        raise FrameworkError(
            [
                Finding.at(
                    mark,
                    "extends-outside",
                    f"`{value}` is outside the repository that holds this framework; "
                    "a base must be part of the repository (copy it in, or add it as a "
                    "submodule) so that every clone reads the same base",
                )
            ]
        )
    if target.exists() and not target.is_dir() and target.suffix.lower() not in YAML_SUFFIXES:
        raise FrameworkError(
            [
                Finding.at(
                    mark,
                    "extends-not-found",
                    f"`{value}` is not a framework: name a .yaml file, or a folder with "
                    f"{ROOT_FILE}",
                )
            ]
        )
    if not target.exists() or (target.is_dir() and not (target / ROOT_FILE).is_file()):
        raise FrameworkError(
            [
                Finding.at(
                    mark,
                    "extends-not-found",
                    f"`{value}` is not a framework file, nor a folder with {ROOT_FILE}",
                )
            ]
        )
    return _load_checked(target, value, mark, chain)


def _load_checked(target: Path, value: str, mark: Mark, chain: tuple[Path, ...]) -> Source:
    """The base at `target`, unless it is one of the frameworks that extend it."""
    real = (target / ROOT_FILE if target.is_dir() else target).resolve()
    if real in chain:
        raise FrameworkError(
            [Finding.at(mark, "extends-cycle", f"`{value}` extends this framework in turn")]
        )
    if len(chain) > MAX_BASES:
        raise FrameworkError(
            [Finding.at(mark, "extends-cycle", f"more than {MAX_BASES} bases extend each other")]
        )
    return load_source(target, chain)


def _confine_root(root: Path, display: str) -> None:
    """A root file stays where it is found: `framework.yaml` in its folder, and any root
    file in the git repository that holds it. A link that leads elsewhere (to
    `~/.netrc`) is refused unread, so no line of it reaches a finding."""
    within = root.parent if root.name == ROOT_FILE else None
    repository = repository_top(root.parent)
    for folder in (within, repository):
        if folder is not None and not inside(root, folder):
            raise FrameworkError(
                [
                    Finding.at(
                        Mark(display, 1, 1),
                        "unreadable",
                        f"a link that leads outside {folder.as_posix()}; rmf reads a "
                        "framework only from its own folder and repository",
                    )
                ]
            )


def repository_top(folder: Path) -> Path | None:
    """The top folder of the git work tree that holds `folder`, if any: found along the
    path as written, so a folder linked in from elsewhere is still judged by the
    repository it is linked into."""
    here = Path(os.path.abspath(folder))
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _merge(docs: list[Document], root_display: str, files: list[str]) -> Source:
    """One mapping: the root's own keys, and each list section concatenated in file order."""
    root = docs[0]
    assert root.pos is not None and root.pos.keys is not None and root.pos.values is not None
    data: dict[str, Any] = {}
    pos = Pos(root.pos.mark, keys={}, values={})
    assert pos.keys is not None and pos.values is not None
    findings: list[Finding] = []
    for key, value in root.data.items():
        if is_extension_key(key) or key in LOADER_KEYS or key in LISTS:
            continue
        data[key] = value
        pos.keys[key] = root.pos.keys[key]
        pos.values[key] = root.pos.values[key]
    for section in LISTS:
        items: list[Any] = []
        item_pos: list[Pos] = []
        first: tuple[Mark, Mark] | None = None
        for doc in docs:
            if section not in doc.data:
                continue
            assert doc.pos is not None and doc.pos.keys is not None and doc.pos.values is not None
            value, vpos = doc.data[section], doc.pos.values[section]
            if first is None:
                first = (doc.pos.keys[section], vpos.mark)
            if value is None:
                continue  # `units:` with nothing under it yet
            if not isinstance(value, list):
                findings.append(
                    Finding.at(
                        vpos.mark,
                        "invalid-value",
                        f"`{section}` must be a list of entries, each starting with `- id: …`",
                    )
                )
                continue
            assert vpos.items is not None
            items.extend(value)
            item_pos.extend(vpos.items)
        if first is not None:
            data[section] = items
            pos.keys[section] = first[0]
            pos.values[section] = Pos(first[1], items=item_pos)
    return Source(data, pos, root_display, files, findings)
