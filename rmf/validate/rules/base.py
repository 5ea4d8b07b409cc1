"""What every rule shares: the rule record and the context it checks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from rmf.core.findings import Finding, Mark, Severity
from rmf.model.base import Entity
from rmf.model.framework import SINGULAR, Framework
from rmf.model.organisation import Incumbent, Role
from rmf.model.types import SECTIONS
from rmf.validate.schema import Checked, Path_, mark_of


@dataclass(frozen=True)
class Rule:
    """A rule beyond the schema: stable code, default severity, and its check."""

    code: str
    severity: Severity
    summary: str
    check: Callable[[Context], Iterable[Finding]]
    tunable: bool = True
    # needs the whole framework: not run while an included file could not be read, whose
    # entities it would miss (a unit's relationship, a referenced id)
    whole: bool = False


class Context:
    """The validated framework, with indexes and positions that rules need."""

    def __init__(
        self, checked: Checked, severities: dict[str, Severity], today: date | None = None
    ) -> None:
        assert checked.framework is not None
        self.fw: Framework = checked.framework
        self.checked = checked
        self.severities = severities
        self.today = today or date.today()

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
        data = self.checked.source.data
        for section in SECTIONS:
            items = data.get(section)
            for i, item in enumerate(items if isinstance(items, list) else []):
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    yield section, (section, i), item["id"]
                seats = (
                    item.get("incumbents")
                    if section == "roles" and isinstance(item, dict)
                    else None
                )
                for j, seat in enumerate(seats if isinstance(seats, list) else []):
                    if isinstance(seat, dict) and isinstance(seat.get("id"), str):
                        yield "incumbents", (section, i, "incumbents", j), seat["id"]

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

    def intact(self, obj: object) -> bool:
        """False for an entity kept without its invalid parts: rules that check an
        entity's own fields leave it alone, since its schema error says it all."""
        return id(obj) not in self.checked.salvaged

    @cached_property
    def broken(self) -> list[Path_]:
        """The path of every entity with a schema error: dropped, or kept without its
        broken parts."""
        kept = [self.checked.paths[i] for i in self.checked.salvaged if i in self.checked.paths]
        return sorted([*self.checked.dropped, *kept], key=str)

    def dropped_refs(self, section: str, field: str) -> set[str]:
        """Ids (or words) written in `field` by entities with a schema error.

        Rules about coverage count these, so that a broken entity is reported
        once, not also as the absence of what it covers.
        """
        out: set[str] = set()
        for path in self.broken:
            if self.checked.section_of(path) != section:
                continue
            raw: Any = self.checked.source.data
            for step in path:
                raw = raw[step]
            value = raw.get(field) if isinstance(raw, dict) else None
            values = value if isinstance(value, list) else [value]
            out.update(v for v in values if isinstance(v, str))
        return out

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
