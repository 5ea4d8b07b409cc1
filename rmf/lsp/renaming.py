"""A rename asked for in an editor, through the engine of `rmf rename`: the same checks
and the same edits, made on the editor's buffers and handed back rather than written."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rmf.lsp.texts import Texts, buffers_read
from rmf.reading.loader import load_source
from rmf.reading.overlay import Source
from rmf.rename.edits import Edit
from rmf.rename.find import find
from rmf.rename.plan import own_files, target_of
from rmf.rename.target import resolve


def _load(root: Path, buffers: Mapping[str, str]) -> Source:
    """The framework as the editor has it; FrameworkError when a file cannot be read
    (a rename must see every reference)."""
    with buffers_read(buffers):
        return load_source(root)


def _texts(source: Source, buffers: Mapping[str, str]) -> dict[str, str]:
    texts = Texts(buffers)
    return {file: texts.text(file) or "" for file in source.files}


def renamable(root: Path, buffers: Mapping[str, str], old: str) -> None:
    """Whether OLD may be renamed at all: raises Refused (an id of the base, or named in
    its files), FrameworkError (a file cannot be read) as `rmf rename` would."""
    source = _load(root, buffers)
    target = resolve(source, old)
    find(source, _texts(source, buffers), set(own_files(source)), target, target.ident)


def rename_edits(root: Path, buffers: Mapping[str, str], old: str, new: str) -> list[Edit]:
    """Every edit that renames OLD to NEW in the framework's own files: raises Refused
    when NEW is taken, UsageError when it is no valid id, as `rmf rename` does."""
    source = _load(root, buffers)
    target, new = target_of(source, old, new)
    return list(find(source, _texts(source, buffers), set(own_files(source)), target, new).edits)
