"""What OLD names in a framework, and whether NEW may take its place."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rmf.core.errors import RmfError, UsageError
from rmf.core.findings import Mark
from rmf.core.suggest import Suggester
from rmf.model.framework import SINGULAR
from rmf.model.refs import Loc, declarations
from rmf.model.types import ID_MAX, ID_PATTERN
from rmf.reading.overlay import BASE, OVERRIDE, Source
from rmf.reading.positions import mark_of

STEPS = "steps"  # the section of a target that is a step of a process
SEPARATOR = "."  # between a process id and one of its step ids: `intake.assess`
_ID = re.compile(ID_PATTERN)


class Refused(RmfError):
    """The framework does not allow this rename (NEW taken, OLD unknown or the base's)."""


@dataclass(frozen=True)
class Target:
    """What a rename changes: an id of the framework-wide namespace (an entity of
    `section`, or an incumbent), or the id of a step within its process."""

    ident: str
    section: str
    process: str | None = None

    @property
    def kind(self) -> str:
        """What it is, in words: `unit`, `incumbent`, `step`."""
        return "step" if self.process is not None else SINGULAR.get(self.section, self.section)

    @property
    def shown(self) -> str:
        """`unit \\`finance\\``, `step \\`intake.assess\\``: how messages name it."""
        if self.process is not None:
            return f"step `{self.process}{SEPARATOR}{self.ident}`"
        return f"{self.kind} `{self.ident}`"


def is_id(text: str) -> bool:
    """Whether `text` is a valid id: lowercase kebab-case, at most ID_MAX characters."""
    return len(text) <= ID_MAX and _ID.fullmatch(text) is not None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def processes(source: Source) -> Iterator[tuple[int, str, list[Any]]]:
    """(index, id, steps) of every process written with an id."""
    for i, item in enumerate(_list(source.data.get("processes"))):
        ident = _dict(item).get("id")
        if isinstance(ident, str):
            yield i, ident, _list(item.get(STEPS))


def step_ids(steps: list[Any]) -> Iterator[tuple[int, str]]:
    for j, step in enumerate(steps):
        ident = _dict(step).get("id")
        if isinstance(ident, str):
            yield j, ident


def resolve(source: Source, old: str) -> Target:
    """The target OLD names: `process.step` for a step, else an id of the namespace, else
    the step of that id when exactly one process has one. Refused when there is none."""
    if SEPARATOR in old:
        process, step = old.split(SEPARATOR, 1)
        return _step(source, process, step)
    sections = [s for s, _, ident in declarations(source.data) if ident == old]
    if sections:
        return Target(old, sections[0])
    owners = [p for _, p, steps in processes(source) if any(s == old for _, s in step_ids(steps))]
    if len(set(owners)) == 1:
        return Target(old, STEPS, owners[0])
    if owners:
        names = ", ".join(f"`{p}{SEPARATOR}{old}`" for p in sorted(set(owners)))
        raise Refused(f"`{old}` is a step of several processes; name the one meant: {names}")
    framework = _dict(source.data.get("framework")).get("id")
    if old == framework:
        raise Refused(
            f"`{old}` is the framework's own id (`framework.id`), not an entity: rmf rename "
            "renames entities, incumbents and process steps; edit it in the root file"
        )
    known = Suggester(ident for _, _, ident in declarations(source.data))
    raise Refused(f"no entity or incumbent of the framework has the id `{old}`{known.hint(old)}")


def _step(source: Source, process: str, step: str) -> Target:
    found = [steps for _, p, steps in processes(source) if p == process]
    if not found:
        known = Suggester(p for _, p, _ in processes(source))
        raise Refused(f"the framework has no process `{process}`{known.hint(process)}")
    ids = [s for steps in found for _, s in step_ids(steps)]
    if step not in ids:
        hint = Suggester(ids).hint(step)
        raise Refused(f"process `{process}` has no step `{step}`{hint}")
    return Target(step, STEPS, process)


def new_id(source: Source, target: Target, new: str) -> str:
    """NEW as the id to write (a step's without its process); a usage error when it is no
    valid id, refused when it is taken in the target's namespace."""
    if target.process is not None and SEPARATOR in new:
        process, new = new.split(SEPARATOR, 1)
        if process != target.process:
            raise UsageError(
                f"a step stays in its process: give NEW as `{new}` or "
                f"`{target.process}{SEPARATOR}{new}`, not in process `{process}`"
            )
    if not is_id(new):
        raise UsageError(
            f"`{new}` is not a valid id: ids are lowercase kebab-case (a letter, then "
            f"letters, digits and single hyphens, e.g. `crm-lead`), at most {ID_MAX} "
            "characters"
        )
    if new == target.ident:
        raise UsageError(f"OLD and NEW are the same id, `{new}`")
    for section, loc in _holders(source, target, new):
        where = _at(mark_of(source.pos, (*loc, "id")))
        if target.process is None:
            what = f"the {SINGULAR.get(section, section)} at {where}"
        else:
            what = f"another step of process `{target.process}`, at {where}"
        raise Refused(f"`{new}` is already taken by {what}; choose another id")
    return new


def _holders(source: Source, target: Target, ident: str) -> Iterator[tuple[str, Loc]]:
    """Where `ident` is declared in the target's namespace."""
    if target.process is None:
        for section, loc, declared in declarations(source.data):
            if declared == ident:
                yield section, loc
        return
    for i, process, steps in processes(source):
        if process == target.process:
            for j, step in step_ids(steps):
                if step == ident:
                    yield STEPS, ("processes", i, STEPS, j)


def declared_at(source: Source, target: Target) -> list[Loc]:
    """Where the target is declared: the location of each mapping whose `id` it is.
    Refused when the base framework declares it (the base owns the id)."""
    if target.process is None:
        found = [loc for _, loc, ident in declarations(source.data) if ident == target.ident]
    else:
        found = [loc for _, loc in _holders(source, target, target.ident)]
    # a process that replaces the base's writes its own steps: only the id of the process,
    # and of an entity, is the base's
    owned = (BASE,) if target.process is not None else (BASE, OVERRIDE)
    for loc in found:
        origin = source.origins.get((str(loc[0]), int(loc[1])))
        if origin not in owned:
            continue
        base = source.bases[0] if source.bases else "the base framework"
        where = mark_of(source.pos, (*loc, "id"))
        if origin == BASE:
            owner = f"declared by the base framework this one extends ({_at(where)})"
        else:
            owner = (
                f"declared here ({_at(where)}) in place of the base framework's entity of "
                f"that id ({base})"
            )
        raise Refused(
            f"{target.shown} is {owner}: the base owns the id, and rmf rename edits only "
            f"this framework's files; rename it in the base ({base}), then here"
        )
    return found


def _at(mark: Mark) -> str:
    return f"{mark.file}:{mark.line}"
