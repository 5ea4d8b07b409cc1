"""What a served framework is made from: the folders to watch, the files that count, and
whether a file's contents really changed."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Collection, Sequence
from pathlib import Path

from rmf.core.files import YAML_SUFFIXES, FileProblem, read_regular

# what a document may show from the framework folder (rmf.render.images knows them by
# their first bytes; these are the names they go by)
PICTURES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
TEMPLATES = "templates"  # the folder of client templates beside a framework or a base


def folder_of(path: Path) -> Path:
    """The folder a framework path stands for, absolute: itself, or a file's folder."""
    absolute = Path(os.path.abspath(path))
    return absolute if absolute.is_dir() else absolute.parent


def roots(framework: Path, bases: Sequence[str], templates: Path | None) -> list[Path]:
    """The folders to watch: the framework's (includes are globs, so a new file can
    count), each base's, and a template folder given on the command line; none inside
    another."""
    found = {folder_of(framework), *(folder_of(Path(b)) for b in bases)}
    if templates is not None:
        found.add(Path(os.path.abspath(templates)))
    kept: list[Path] = []
    for folder in sorted(found, key=lambda p: len(p.parts)):
        if not any(folder.is_relative_to(k) for k in kept):
            kept.append(folder)
    return kept


def template_folders(framework: Path, bases: Sequence[str], templates: Path | None) -> list[Path]:
    """Every folder whose files are templates, or would be once it exists."""
    if templates is not None:
        return [Path(os.path.abspath(templates))]
    return [folder_of(p) / TEMPLATES for p in (framework, *map(Path, bases))]


def counts(path: Path, templates: Sequence[Path], known: Collection[Path]) -> bool:
    """Whether a changed file can change the documents: a YAML file (an include may name
    it), a template, a picture, or a file the framework was read from."""
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES or suffix in PICTURES or path in known:
        return True
    return any(path.is_relative_to(folder) for folder in templates)


def digest(path: Path) -> str | None:
    """A fingerprint of a file's contents; None when there is no file there."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    try:
        return hashlib.sha256(read_regular(path)).hexdigest()
    except FileProblem:  # too large or gone meanwhile: known by its size and time
        return f"{status.st_size} {status.st_mtime_ns}"


def beyond_text(path: Path, templates: Sequence[Path]) -> bool:
    """A change that comes to the pages by another way than the framework's text (a
    template, a picture), which a memo of pages made from the text cannot see."""
    in_templates = any(path.is_relative_to(folder) for folder in templates)
    return in_templates or path.suffix.lower() not in YAML_SUFFIXES
