"""The rendered documents named by a renamed id, which the next `rmf render` renames."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from rmf.core.files import FileProblem, read_regular
from rmf.model.framework import SINGULAR
from rmf.render.kinds import TABLE, doc_path


@dataclass(frozen=True)
class Document:
    """A document whose file name changes: its path before and after (in the output
    folder, with the suffix of the format it was rendered in), and whether the old file
    was edited since rmf wrote it, so that the next render keeps it."""

    old: str
    new: str
    edited: bool = False


def renamed_documents(section: str, old: str, new: str) -> list[Document]:
    """The documents of an entity of `section` named `old`, which a render writes as
    `new` (as Markdown paths)."""
    kinds = [k.name for k in TABLE if k.per is not None and k.per == SINGULAR.get(section)]
    return [Document(doc_path(kind, old), doc_path(kind, new)) for kind in kinds]


def rendered(out: Path, section: str, old: str, new: str) -> list[Document]:
    """The documents of the renamed entity that the output folder `out` holds (those its
    manifest lists, in the format they were rendered in), which the next render there
    replaces: each says whether it was edited since, so that the render keeps it."""
    listed = _manifest(out)
    found = []
    for doc in renamed_documents(section, old, new):
        stem, new_stem = posixpath.splitext(doc.old)[0], posixpath.splitext(doc.new)[0]
        for path, sha in listed.items():
            root, suffix = posixpath.splitext(path)
            if root == stem and (out / path).is_file():
                found.append(Document(path, new_stem + suffix, _edited(out / path, sha)))
    return found


def _manifest(out: Path) -> dict[str, str]:
    from rmf.render.output import read_manifest  # loads the render engine: only when asked

    return {e.path: e.sha256 for e in read_manifest(out)}


def _edited(path: Path, sha: str) -> bool:
    from rmf.render.output import MAX_OUTPUT_BYTES, digest

    try:
        return digest(read_regular(path, MAX_OUTPUT_BYTES)) != sha
    except FileProblem:
        return True  # not a file rmf could have written: the next render leaves it
