"""What every rule shares: the rule record and the context it checks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from pydantic import BaseModel

from rmf.core.findings import Finding, Mark, Severity
from rmf.core.suggest import Suggester, closest
from rmf.model.base import Entity
from rmf.model.framework import SECTION_MODELS, SINGULAR, Framework
from rmf.model.organisation import Incumbent, Role
from rmf.model.refs import field_types
from rmf.model.types import SECTIONS
from rmf.reading.override import REMOVED
from rmf.validate.messages import field_names
from rmf.validate.misplaced import value_at
from rmf.validate.schema import Checked, Path_, mark_of


@dataclass(frozen=True)
class Rule:
    """A rule beyond the schema: stable code, default severity, and its check."""

    code: str
    severity: Severity
    summary: str
    check: Callable[[Context], Iterable[Finding]]
    tunable: bool = True
    # needs every file: not run while an included file could not be read (whether a file
    # is left out of `include` is not known then). Other rules leave alone what an unread
    # file may hold (`Context.incomplete`, `Context.written`).
    whole: bool = False


# In a path given to `Context.intact`: every item of a list.
EACH = "*"


def _overlap(path: Path_, hole: Path_) -> bool:
    """Whether one of the two paths lies within the other."""
    pairs = zip(path, hole, strict=False)  # as far as the shorter goes
    return all(p == h or (p == EACH and isinstance(h, int)) for p, h in pairs)


def _under(raw: dict[str, Any], field: str, model: type[BaseModel]) -> list[Any]:
    """What a mapping of `model` holds under `field`'s key, or under an unknown key
    that misspells it (`icnumbents:`)."""
    keys = field_names(model)
    return [
        value
        for key, value in raw.items()
        if key == field or (key not in keys and closest(str(key), keys) == field)
    ]


class Context:
    """The validated framework, with indexes and positions that rules need."""

    def __init__(
        self, checked: Checked, severities: dict[str, Severity], today: date | None = None
    ) -> None:
        assert checked.partial is not None
        self.fw: Framework = checked.partial  # every entity that could be read
        self.checked = checked
        self.severities = severities
        self.today = today or date.today()
        self._suggesters: dict[tuple[str, ...], Suggester] = {}

    @cached_property
    def by_id(self) -> dict[str, tuple[str, Entity]]:
        """Each id's first entity and its section."""
        index: dict[str, tuple[str, Entity]] = {}
        for section, entity in self.entities():
            index.setdefault(entity.id, (section, entity))
        return index

    @cached_property
    def declared(self) -> dict[str, tuple[str, ...]]:
        """Every id written in the files, valid entity or not, with the sections that
        declare it (incumbents under `incumbents`), in the order written.

        References are checked against these, so that an entity with a schema error
        does not also make every reference to it unresolved, and an id that two
        sections share (itself a `duplicate-id`) resolves for either.
        """
        index: dict[str, tuple[str, ...]] = {}
        for section, _, ident in self.declarations():
            if section not in index.get(ident, ()):
                index[ident] = (*index.get(ident, ()), section)
        return index

    def declarations(self) -> Iterator[tuple[str, Path_, str]]:
        """(section, path, id) of every mapping in the files that declares an id:
        entities of every section, and the incumbents of roles."""
        for section, entity, rel, entry in self._entries():
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                yield section, (*entity, *rel), entry["id"]

    @cached_property
    def incomplete(self) -> frozenset[str]:
        """The sections (`incumbents` among them) whose ids are known only in part: held
        in part by a file that could not be read, or by an entry whose id is broken.
        A reference into one that names nothing may mean such an entity: its own
        error is reported, not each reference to it."""
        unnamed = (s for s, entity, rel, _ in self._entries() if self._broken(entity, (*rel, "id")))
        incumbents = {"incumbents"} if "roles" in self.checked.unread else set()
        return frozenset({*self.checked.unread, *incumbents, *unnamed})

    def _entries(self) -> Iterator[tuple[str, Path_, Path_, Any]]:
        """(section, path of the entity, path below it, entry as written) of every entry
        that has an id: entities of every section, each in the section it belongs to
        (`Checked.entries`), and the incumbents of roles."""
        for section, path, item in self.checked.entries():
            if section == "waivers":
                continue
            yield section, path, (), item
            if section != "roles" or not isinstance(item, dict):
                continue
            for seats in _under(item, "incumbents", Role):
                for j, seat in enumerate(seats if isinstance(seats, list) else []):
                    yield "incumbents", path, ("incumbents", j), seat

    def is_a(self, ident: str, section: str) -> bool:
        """Whether `ident` is declared in `section` (whatever else it may also name)."""
        return section in self.declared.get(ident, ())

    @cached_property
    def seats(self) -> dict[str, tuple[Role, Incumbent]]:
        """Each incumbent of a valid role by id, with its role (the first wins)."""
        out: dict[str, tuple[Role, Incumbent]] = {}
        for role in self.fw.roles:
            for seat in role.incumbents or []:
                out.setdefault(seat.id, (role, seat))
        return out

    def intact(self, obj: object, field: str | Path_, *more: str | Path_) -> bool:
        """Whether none of the fields given of an entity had a schema error: each a field,
        or a path below the entity in which EACH stands for every item of a list.

        A broken field leaves a hole in the entity (a default, an empty list, None). A
        rule leaves alone what it would read from one: the schema error says it all, and
        what the rule made of the hole would be a consequence of that error, not a
        mistake of its own. The entity's other fields are checked as any others.
        """
        holes = self.checked.salvaged.get(id(obj))
        if not holes:
            return True
        paths = [(f,) if isinstance(f, str) else f for f in (field, *more)]
        return not any(_overlap(path, hole) for path in paths for hole in holes)

    def suggest(self, value: str, sections: tuple[str, ...]) -> str | None:
        """The declared id of one of `sections` closest to `value`: the one that a
        reference naming no such entity most likely means."""
        index = self._suggesters.get(sections)
        if index is None:
            declared = self.declared.items()
            index = Suggester(i for i, ss in declared if any(s in sections for s in ss))
            self._suggesters[sections] = index
        return index.closest(value)

    def written(self, section: str, field: str) -> set[str] | None:
        """Every id or word that the entities of `section` write in `field`, valid or
        not (under the field's key, or a misspelling of it), and for an id that names
        no entity of the sections the field may name, the id it most likely means.
        A field written indented into a mapping nearby, as a slip of indentation, counts
        for the entity it belongs to (`Checked.slipped`).
        None when what some entity writes there cannot be known: the section is in a
        file that could not be read, or an entity writes a value that is no text,
        leaves out a required field, or is no mapping.

        Rules about coverage count these, so that a mistake in what covers an entity
        is reported once, not also as the entity being left uncovered.
        """
        if section in self.checked.unread:
            return None
        model = SECTION_MODELS[section]
        kept = next(f for f in field_types(model) if f.key == field)
        ref, required = kept.ref, model.model_fields[kept.name].is_required()
        out: set[str] = set()
        for home, path, raw in self.checked.entries():
            if home != section:
                continue
            found = _under(raw, field, model) if isinstance(raw, dict) else None
            slipped = self.checked.slipped.get((*path, field))
            if found is not None and slipped is not None:
                found.append(value_at(self.checked.source.data, slipped))  # indented astray
            if found is None or (required and not found):
                return None
            broken = self._broken(path, (field,))
            for value in found:
                for word in value if isinstance(value, list) else [value]:
                    if not isinstance(word, str):
                        return None
                    out.add(word)
                    if ref is None or any(s in ref.sections for s in self.declared.get(word, ())):
                        continue
                    meant = self.suggest(word, ref.sections)
                    if meant is None and broken:
                        return None  # a broken field that names nothing: it may mean anything
                    out.update([meant] if meant is not None else [])
        return out

    @cached_property
    def _holes_at(self) -> dict[Path_, frozenset[Path_]]:
        """The holes of each entity kept, by its path in the files; an empty set for one
        read whole."""
        found = {path: frozenset[Path_]() for path in self.checked.paths.values()}
        for key, holes in self.checked.salvaged.items():
            found[self.checked.paths[key]] = holes
        return found

    def _broken(self, entity: Path_, rel: Path_) -> bool:
        """Whether what is at `rel` below the entity at `entity` in the files (`("unit",)`
        below `("roles", 3)`) has a schema error, or belongs to an entity that could not
        be kept at all."""
        holes = self._holes_at.get(entity)
        return holes is None or any(_overlap(rel, hole) for hole in holes)

    def entities(self) -> Iterator[tuple[str, Entity]]:
        for section in SECTIONS:
            for entity in getattr(self.fw, section):
                yield section, entity

    def section(self, name: str) -> dict[str, Any]:
        """The entities of one section by id (first occurrence wins)."""
        out: dict[str, Any] = {}
        for entity in getattr(self.fw, name):
            out.setdefault(entity.id, entity)
        return out

    def path(self, obj: object, *rest: str | int) -> Path_:
        return (*self.checked.path(obj), *rest)

    def mark(self, obj: object, *rest: str | int, key: bool = False) -> Mark:
        return mark_of(self.checked.source.pos, self.path(obj, *rest), key=key)

    def mark_among(self, obj: object, field: str | None, *also: str) -> Mark:
        """Where a finding about fields that constrain each other stands: at `field` (the
        entity itself for None), unless the client's `override:` changed one of them and
        the base wrote `field` (the client cannot edit the base): then at the value the
        override wrote."""
        path = self.path(obj)
        changed = self.checked.source.overridden.get((str(path[0]), int(path[1])))
        if changed is not None and field not in changed.how:
            for other in also:
                if changed.how.get(other, REMOVED) != REMOVED:
                    return self.mark(obj, other)
        return self.mark(obj, field) if field is not None else self.mark(obj)

    def mark_at(self, path: Path_, *, key: bool = False) -> Mark:
        return mark_of(self.checked.source.pos, path, key=key)

    def finding(self, code: str, mark: Mark, message: str, target: str | None) -> Finding:
        return Finding.at(mark, code, message, self.severities[code], target)


def a(words: str) -> str:
    """`a role`, `an incumbent`: the words with their indefinite article."""
    vowel = words[:1] in ("a", "e", "i", "o") or (words[:1] == "u" and not words.startswith("uni"))
    return f"{'an' if vowel else 'a'} {words}"


def noun(section: str, ident: str) -> str:
    """`role \\`crm-lead\\``: how findings name an entity."""
    return f"{SINGULAR[section]} `{ident}`"
