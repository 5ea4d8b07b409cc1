"""Every place a framework writes an id: declarations and references, found through the
same walk that validation and `rmf rename` use, each at the exact characters of the id."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rmf.core.findings import Mark
from rmf.lsp.texts import Texts
from rmf.model.framework import SINGULAR
from rmf.model.refs import Loc, declarations
from rmf.reading.overlay import Source
from rmf.reading.positions import Pos, find_pos
from rmf.rename.edits import Lines, Unplaceable, locate
from rmf.rename.find import references_in
from rmf.rename.target import SEPARATOR, STEPS, processes, step_ids

# what says in a line what an entity is, in the order looked for
_SUMMARY = ("purpose", "statement", "definition", "description")
_NAME = ("title", "name")
SUMMARY_MAX = 200


@dataclass(frozen=True, slots=True)
class Occurrence:
    """An id written in a file: its declaration (the `id:` of an entity, an incumbent or
    a process step) or a reference to it. `mark` is where the id's own characters start
    (inside any quotes); a step's `process` is the id of the process it belongs to."""

    ident: str
    mark: Mark
    loc: Loc
    declaration: bool
    section: str = ""  # a declaration's section (`incumbents`, `steps` for those)
    sections: tuple[str, ...] = ()  # the sections a reference may name
    process: str | None = None

    @property
    def end(self) -> int:
        """The column just past the id."""
        return self.mark.column + len(self.ident)

    @property
    def old(self) -> str:
        """How `rmf rename` names it: `process.step` for a step, else the id."""
        return f"{self.process}{SEPARATOR}{self.ident}" if self.process else self.ident

    def same(self, other: Occurrence) -> bool:
        """Whether both name one thing: an id of the namespace, or one step."""
        return other.ident == self.ident and other.process == self.process


def _at(data: Any, loc: Loc) -> Any:
    for step in loc:
        if isinstance(step, int):
            data = data[step] if isinstance(data, list) and 0 <= step < len(data) else None
        else:
            data = data.get(step) if isinstance(data, dict) else None
    return data


def _first_line(text: str) -> str:
    line = " ".join(text.strip().split("\n\n", 1)[0].split())
    return line if len(line) <= SUMMARY_MAX else line[: SUMMARY_MAX - 1].rstrip() + "…"


class Index:
    """The ids of a framework as read: where each is declared and referred to."""

    def __init__(self, source: Source, texts: Texts) -> None:
        self.source = source
        self._texts = texts
        self._lines: dict[str, Lines] = {}
        self.occurrences: list[Occurrence] = []
        for section, loc, ident in declarations(source.data):
            self._add(ident, (*loc, "id"), declaration=True, section=section)
        for i, process, steps in processes(source):
            for j, step in step_ids(steps):
                loc = ("processes", i, STEPS, j, "id")
                self._add(step, loc, declaration=True, section=STEPS, process=process)
        for loc, ident, sections in references_in(source):
            self._add(ident, loc, declaration=False, sections=sections)
        self._by_file: dict[str, list[Occurrence]] = {}
        for occurrence in self.occurrences:
            self._by_file.setdefault(occurrence.mark.file, []).append(occurrence)

    def _add(
        self,
        ident: str,
        loc: Loc,
        *,
        declaration: bool,
        section: str = "",
        sections: tuple[str, ...] = (),
        process: str | None = None,
    ) -> None:
        _, exact, _ = find_pos(self.source.pos, loc)
        if exact is None:
            return
        mark = self._exact(exact.mark, ident)
        self.occurrences.append(
            Occurrence(ident, mark, loc, declaration, section, sections, process)
        )

    def _exact(self, mark: Mark, ident: str) -> Mark:
        """Where the id's characters start: past an anchor, a tag or a quote."""
        text = self._texts.text(mark.file)
        if text is None:
            return mark
        lines = self._lines.get(mark.file)
        if lines is None:
            lines = self._lines[mark.file] = Lines(text)
        try:
            offset = locate(text, lines.offset(mark.line, mark.column), ident)
        except (Unplaceable, IndexError):
            return mark
        return Mark(mark.file, *lines.place(offset))

    def at(self, file: str, line: int, column: int) -> Occurrence | None:
        """The id at a place (1-based), the cursor on it or just past its end."""
        for occurrence in self._by_file.get(file, ()):
            mark = occurrence.mark
            if mark.line == line and mark.column <= column <= occurrence.end:
                return occurrence
        return None

    def declared(self, occurrence: Occurrence) -> list[Occurrence]:
        """Where what an occurrence names is declared (none for an unknown id)."""
        return [o for o in self.occurrences if o.declaration and o.same(occurrence)]

    def uses(self, occurrence: Occurrence) -> list[Occurrence]:
        """Every occurrence of what an occurrence names, declarations first."""
        found = [o for o in self.occurrences if o.same(occurrence)]
        return sorted(found, key=lambda o: (not o.declaration, o.mark))

    def ids(self, sections: tuple[str, ...]) -> Iterator[Occurrence]:
        """The declarations of the namespace in any of `sections`, each id once."""
        seen: set[str] = set()
        for o in self.occurrences:
            fits = o.declaration and o.process is None and o.section in sections
            if fits and o.ident not in seen:
                seen.add(o.ident)
                yield o

    def entity(self, declaration: Occurrence) -> dict[str, Any]:
        """The mapping a declaration is the `id` of, as written."""
        found = _at(self.source.data, declaration.loc[:-1])
        return found if isinstance(found, dict) else {}

    def kind(self, declaration: Occurrence) -> str:
        """What a declaration declares, in words: `unit`, `incumbent`, `step`."""
        if declaration.process is not None:
            return "step"
        return SINGULAR.get(declaration.section, declaration.section)

    def name(self, declaration: Occurrence) -> str:
        """What people call the entity: its title or name, a relationship by its unit."""
        entity = self.entity(declaration)
        for key in _NAME:
            if isinstance(entity.get(key), str):
                return str(entity[key])
        unit = entity.get("unit")
        return f"relationship with {unit}" if isinstance(unit, str) else ""

    def summary(self, declaration: Occurrence) -> str:
        """What the entity is for, in one line: the first paragraph of its purpose,
        statement, definition or description."""
        entity = self.entity(declaration)
        for key in _SUMMARY:
            if isinstance(entity.get(key), str) and entity[key].strip():
                return _first_line(entity[key])
        return ""

    def extent(self, declaration: Occurrence) -> tuple[Mark, int]:
        """Where the entity's mapping starts, and the last line it holds."""
        _, exact, _ = find_pos(self.source.pos, declaration.loc[:-1])
        if exact is None:
            return declaration.mark, declaration.mark.line
        return exact.mark, _last_line(exact, exact.mark.file)


def _last_line(pos: Pos, file: str) -> int:
    last = pos.mark.line
    children = [*(pos.items or ()), *(pos.values or {}).values()]
    for child in children:
        if child.mark.file == file:
            last = max(last, _last_line(child, file))
    return last
