"""Every place a framework writes an id, as text edits: its declaration and every
reference, found through the same reference fields that validation checks."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from rmf.core.findings import Mark
from rmf.model.framework import Framework
from rmf.model.refs import Loc, raw_refs
from rmf.model.types import SECTIONS
from rmf.reading.overlay import Source
from rmf.reading.positions import find_pos
from rmf.rename.edits import Edit, Lines, Unplaceable, locate
from rmf.rename.target import Refused, Target, declared_at

WAIVERS = "waivers"
INCUMBENTS = "incumbents"  # the section `declarations` gives the incumbents of roles


@dataclass(frozen=True)
class Found:
    """The edits of a rename in the framework's files, and what they leave as it is."""

    edits: tuple[Edit, ...]
    declarations: int  # how many of the edits are the id's declarations
    # references to NEW before the rename (naming no entity, or a waiver for NEW): they
    # name the renamed entity after it
    captured: tuple[Mark, ...]


def references_in(source: Source) -> Iterator[tuple[Loc, str, tuple[str, ...]]]:
    """(location, id, the sections it may name) of every reference in the framework's
    data, valid or not: the fields the model marks as references, and waivers' targets
    (which may name any id)."""
    for loc, value, ref in raw_refs(Framework, source.data):
        yield loc, value, ref.sections
    waivers = source.data.get(WAIVERS)
    for i, waiver in enumerate(waivers if isinstance(waivers, list) else []):
        target = waiver.get("target") if isinstance(waiver, dict) else None
        if isinstance(target, str):
            yield (WAIVERS, i, "target"), target, (*SECTIONS, INCUMBENTS)


def references(source: Source, ident: str) -> Iterator[Loc]:
    """The location of every reference to `ident` in the framework's data, valid or not."""
    for loc, value, _sections in references_in(source):
        if value == ident:
            yield loc


def _mark(source: Source, loc: Loc) -> Mark:
    _, exact, _ = find_pos(source.pos, loc)
    assert exact is not None, loc  # every location comes from the data the positions describe
    return exact.mark


def find(
    source: Source, texts: Mapping[str, str], own: set[str], target: Target, new: str
) -> Found:
    """The edits that rename `target` to `new`: its declarations and, for an id of the
    namespace, every reference to it. `texts` holds the text of each file by the path
    findings show; `own` names the files of this framework (not of a base it extends),
    the only ones a rename edits: an occurrence elsewhere is refused."""
    declared = [(*loc, "id") for loc in declared_at(source, target)]
    locs = [*declared, *(references(source, target.ident) if target.process is None else ())]
    marks = list(dict.fromkeys(_mark(source, loc) for loc in locs))  # an alias repeats one
    outside = [m for m in marks if m.file not in own]
    if outside:
        where = outside[0]
        raise Refused(
            f"{target.shown} is named at {where.file}:{where.line}, a file of the base "
            "framework this one extends: rmf rename edits only this framework's files; "
            "rename it in the base first"
        )
    lines: dict[str, Lines] = {}  # each file's line offsets, worked out once
    edits = [_edit(texts, lines, mark, target.ident, new) for mark in marks]
    captured: list[Mark] = []
    if target.process is None:
        captured = sorted({_mark(source, loc) for loc in references(source, new)})
    declarations = len({_mark(source, loc) for loc in declared})
    return Found(tuple(sorted(edits, key=_order)), declarations, tuple(captured))


def _order(edit: Edit) -> tuple[str, int, int]:
    return (edit.file, edit.line, edit.column)


def _edit(
    texts: Mapping[str, str], known: dict[str, Lines], mark: Mark, old: str, new: str
) -> Edit:
    text = texts[mark.file]
    lines = known.get(mark.file)
    if lines is None:
        lines = known[mark.file] = Lines(text)
    try:
        offset = locate(text, lines.offset(mark.line, mark.column), old)
    except Unplaceable as exc:
        raise Refused(f"{mark.file}:{mark.line}:{mark.column}: {exc}") from None
    return Edit(mark.file, *lines.place(offset), old, new)
