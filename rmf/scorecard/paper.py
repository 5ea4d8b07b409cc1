"""The cover block of a board paper: which meeting, the paper's number, its purpose, who
prepared it and what the board is asked to do. From a small YAML file, options, or both
(options win)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Literal

from rmf.core.errors import FrameworkError
from rmf.core.findings import Finding, Mark
from rmf.reading.reader import read_file
from rmf.render.views import Fact

Purpose = Literal["decision", "discussion", "information"]
PURPOSES: tuple[Purpose, ...] = ("decision", "discussion", "information")
LABELS = {
    "meeting": "Meeting",
    "number": "Paper number",
    "purpose": "Purpose",
    "prepared_by": "Prepared by",
    "requested_action": "Action requested",
}


@dataclass(frozen=True)
class Paper:
    """A board paper's cover block; a field left out is left off the cover."""

    meeting: str | None = None
    number: str | None = None
    purpose: Purpose | None = None
    prepared_by: str | None = None
    requested_action: str | None = None

    def facts(self) -> tuple[Fact, ...]:
        shown = [(f.name, getattr(self, f.name)) for f in fields(self)]
        return tuple(
            Fact(LABELS[name], value.capitalize() if name == "purpose" else value)
            for name, value in shown
            if value
        )

    def over(self, other: Paper) -> Paper:
        """This paper's fields where given, the other's elsewhere."""
        given = {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}
        return replace(other, **given)


def purpose(value: str | None) -> Purpose | None:
    """The purpose as written in an option; None when not a known one."""
    for known in PURPOSES:
        if value == known:
            return known
    return None


def load(path: Path) -> Paper:
    """The cover block in a YAML file: a mapping of the fields of `Paper`. Raises
    FrameworkError with a located finding for anything else."""
    shown = path.as_posix()
    doc = read_file(str(path), shown)
    if not doc.ok:
        raise FrameworkError(doc.findings, source=shown)
    if not isinstance(doc.data, dict) or doc.pos is None:
        problem = Finding.at(
            Mark(shown, 1, 1), "not-a-mapping", f"a board paper is a mapping of {_known()}"
        )
        raise FrameworkError([problem], source=shown)
    found: list[Finding] = []
    values: dict[str, str] = {}
    for key, value in doc.data.items():
        mark = doc.pos.key_mark(key) or doc.pos.mark
        if key not in LABELS:
            found.append(
                Finding.at(
                    mark,
                    "unknown-field",
                    f"`{key}` is not a field of a board paper; use {_known()}",
                )
            )
        elif not isinstance(value, str | int | float) or isinstance(value, bool):
            found.append(Finding.at(mark, "invalid-value", f"`{key}` takes text"))
        elif key == "purpose" and value not in PURPOSES:
            found.append(
                Finding.at(
                    mark,
                    "invalid-value",
                    f"`purpose` is one of {', '.join(PURPOSES)}, not `{value}`",
                )
            )
        else:
            values[key] = str(value)
    if found:
        raise FrameworkError(found, source=shown)
    return Paper(
        meeting=values.get("meeting"),
        number=values.get("number"),
        purpose=purpose(values.get("purpose")),
        prepared_by=values.get("prepared_by"),
        requested_action=values.get("requested_action"),
    )


def _known() -> str:
    return ", ".join(f"`{k}`" for k in LABELS)
