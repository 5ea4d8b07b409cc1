"""`override:` entries of a client framework: single fields of base entities changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rmf.core.findings import Finding, Mark
from rmf.core.suggest import Suggester, closest
from rmf.reading.positions import Pos

OVERRIDE_KEY = "override"
APPEND, REMOVE = "append", "remove"
MARKERS = (APPEND, REMOVE)
# What names an entry of a list for `remove:`: the entry itself (an id, a text), or
# the first of these fields it has (a member's role, a contact's `with` …).
ENTRY_KEYS = ("id", "role", "with", "text", "decision", "measure", "code")
# What the client did to a field of a base entity, by field, as `rmf show --origin` says.
SET, MERGED, EXTENDED, REMOVED = "set", "merged", "extended", "removed"


@dataclass(slots=True)
class Overridden:
    """The fields a client's `override:` entry changed in one base entity."""

    at: Mark  # the override entry
    how: dict[str, str] = field(default_factory=dict)  # field -> set | merged | …


def entry_key(entry: Any) -> str | None:
    """What names a list entry for `remove:`: itself, or its first identifying field."""
    if isinstance(entry, str | int) and not isinstance(entry, bool):
        return str(entry)
    if isinstance(entry, dict):
        for key in ENTRY_KEYS:
            if isinstance(entry.get(key), str):
                return str(entry[key])
    return None


def _is_marker(old: Any, new: Any) -> bool:
    """Whether a mapping written for a field is `{append: …, remove: …}`: always over a
    list, and over anything else when those are its only keys."""
    if not isinstance(new, dict) or not new:
        return False
    return isinstance(old, list) or all(k in MARKERS for k in new)


class Merger:
    """Lays override entries over base entities, keeping every value's position."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings

    def entity(
        self, entity: dict[str, Any], epos: Pos, change: dict[str, Any], cpos: Pos, noun: str
    ) -> tuple[dict[str, Any], Pos, dict[str, str]]:
        """The base entity with the override's fields laid over it, its positions, and
        what was done to each field the override names."""
        how: dict[str, str] = {}
        data, pos = self._mapping(entity, epos, change, cpos, noun, how, top=True)
        return data, pos, how

    def _mapping(
        self,
        old: dict[str, Any],
        opos: Pos,
        new: dict[str, Any],
        npos: Pos,
        where: str,
        how: dict[str, str],
        top: bool = False,
    ) -> tuple[dict[str, Any], Pos]:
        data = dict(old)
        keys = dict(opos.keys or {})
        values = dict(opos.values or {})
        assert npos.keys is not None and npos.values is not None
        for key, value in new.items():
            if top and key == "id":
                continue  # the id names the entity; the base's stays
            kmark, vpos = npos.keys[key], npos.values[key]
            before = data.get(key)
            if value is None:
                for held in (data, keys, values):
                    held.pop(key, None)
                how[key] = REMOVED
                continue
            if _is_marker(before, value):
                merged = self._list(before, values.get(key), value, vpos, f"{where}'s `{key}`")
                if merged is None:
                    continue
                data[key], values[key] = merged
                how[key] = EXTENDED
            elif isinstance(value, dict) and isinstance(before, dict) and key in values:
                data[key], values[key] = self._mapping(
                    before, values[key], value, vpos, f"{where}'s `{key}`", {}
                )
                how[key] = MERGED
            else:
                data[key], values[key] = value, vpos
                how[key] = SET
            keys[key] = kmark
        return data, Pos(opos.mark, keys=keys, values=values)

    def _list(
        self, old: Any, opos: Pos | None, marker: dict[str, Any], mpos: Pos, where: str
    ) -> tuple[list[Any], Pos] | None:
        """A base list with `remove:` taken out and `append:` added, in that order (so an
        entry can be replaced by removing it and appending the new one)."""
        assert mpos.keys is not None and mpos.values is not None
        if old is not None and not isinstance(old, list):
            self._add(
                mpos.mark,
                "invalid-value",
                f"{where} is not a list in the base: write the new value itself, without "
                "`append:` or `remove:`",
            )
            return None
        items = list(old or [])
        places = list(opos.items or []) if opos is not None else []
        for key in marker:
            if key not in MARKERS:
                meant = closest(str(key), MARKERS)
                tail = f"; did you mean `{meant}`?" if meant else ""
                self._add(
                    mpos.keys[key],
                    "unknown-field",
                    f"{where}: a list is changed with `append:` (entries to add) and "
                    f"`remove:` (entries to take out), not `{key}`{tail}",
                )
        for key in (REMOVE, APPEND):
            value, vpos = marker.get(key), mpos.values.get(key)
            if key not in marker or vpos is None:
                continue
            if not isinstance(value, list) or vpos.items is None:
                self._add(vpos.mark, "invalid-value", f"{where}: `{key}` takes a list")
                continue
            if key == APPEND:
                items += value
                places += vpos.items
                continue
            for gone, gpos in zip(value, vpos.items, strict=True):
                if isinstance(gone, dict | list) or gone is None:
                    self._add(
                        gpos.mark,
                        "invalid-value",
                        f"{where}: `remove` takes what names each entry (an id, a role, a "
                        "text), not a whole entry",
                    )
                    continue
                named = [i for i, entry in enumerate(items) if entry_key(entry) == str(gone)]
                if not named:
                    known = Suggester(k for k in map(entry_key, items) if k is not None)
                    self._add(
                        gpos.mark,
                        "override-unmatched",
                        f"{where} has no entry `{gone}` to remove{known.hint(str(gone))}",
                    )
                    continue
                items = [e for i, e in enumerate(items) if i not in named]
                places = [p for i, p in enumerate(places) if i not in named]
        return items, Pos(mpos.mark, items=places)

    def _add(self, mark: Mark, code: str, message: str) -> None:
        self.findings.append(Finding.at(mark, code, message))
