"""Changes told as a person tells them, by names and in sentences: "The Clinical Relationship
Manager now manages the relationship with the Nursing Branch (was the Business Relationship
Manager)". Ids and field paths stay out; a reworded text is kept as old and new wording."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rmf.diff.fields import FieldChange, shapes
from rmf.diff.grading import Grade
from rmf.diff.phrases import (
    FLAGS,
    ITEM_REFS,
    ITEMS,
    LABELS,
    LISTS,
    ORG_NOUNS,
    REFS,
    SECTION_NOUNS,
    TEXT_FIELDS,
    VALUE_NOTES,
)
from rmf.diff.words import Reword
from rmf.model.base import Entity
from rmf.model.framework import ROOT_MODELS, SECTION_MODELS, Framework, Metadata
from rmf.model.types import SECTIONS

Piece = str | Reword


@dataclass(frozen=True)
class Line:
    """One sentence of a change, with the grade of what it tells."""

    grade: Grade
    pieces: tuple[Piece, ...]

    @property
    def plain(self) -> str:
        """The sentence with a reworded text as its new wording."""
        return finish("".join(p if isinstance(p, str) else f"“{p.new}”" for p in self.pieces))


def finish(text: str) -> str:
    """A sentence ended by one full stop, also when it ends in a quoted sentence."""
    text = text.rstrip()
    if text.endswith(".."):
        return text[:-1]
    bare = re.sub(r"[*~]+(?=”$)", "", text)  # a quote that ends in Markdown's emphasis
    return text if bare.endswith((".", ".”", "?”", "!”", "…”")) else f"{text}."


_STEP = re.compile(r"([A-Za-z_]+)(?:\[(.*?)\])?(?:\.|$)")


def parse_path(path: str) -> list[tuple[str, str]]:
    """A field path as (key, item) steps: `steps[log].responsible` → [(steps, log),
    (responsible, "")]."""
    return [(m.group(1), m.group(2) or "") for m in _STEP.finditer(path)]


def kind_at(section: str, path: str) -> str:
    """What the field at `path` holds (fields.Shape.kind), "" when unknown."""
    model: Any = SECTION_MODELS.get(section) or ROOT_MODELS.get(section)
    if section == "framework":
        model = Metadata
    kind = ""
    for key, _ in parse_path(path):
        match = [s for (_, k, s) in shapes(model) if k == key] if model is not None else []
        if not match:
            return ""
        kind, model = match[0].kind, match[0].model
    return kind


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _quoted(text: str) -> str:
    return f"“{' '.join(text.split())}”"


class Names:
    """What one version of a framework calls its entities and seats."""

    def __init__(self, fw: Framework) -> None:
        # an id taken twice (the rules, not run here, would say so): the first one counts
        self.entities: dict[str, tuple[str, Entity]] = {}
        for section in SECTIONS:
            for e in getattr(fw, section):
                self.entities.setdefault(e.id, (section, e))
        self.units = {u.id: u.name for u in fw.units}
        self.seats = {s.id: (s.name, r.title) for r in fw.roles for s in r.incumbents or []}
        self.steps = {(p.id, s.id): s.name for p in fw.processes for s in p.steps}

    def name(self, ident: str) -> str | None:
        found = self.entities.get(ident)
        if found is None:
            return None
        entity = found[1]
        for attr in ("title", "name"):
            value = getattr(entity, attr, None)
            if isinstance(value, str):
                return value
        return None

    def phrase(self, ident: str, name: str | None = None) -> str:
        """`the Business Relationship Manager`, `the indicator “Complaints received”`."""
        if ident in self.seats:
            person, title = self.seats[ident]
            return f"{person} ({title})" if person else f"a vacant seat of the {title}"
        found = self.entities.get(ident)
        if found is None:
            return _quoted(ident)
        section, entity = found
        if section == "relationships":
            unit = getattr(entity, "unit", "")
            return f"the relationship with {refer('units', self.units.get(unit, unit))}"
        return refer(section, name if name is not None else (self.name(ident) or ident))


def refer(section: str, name: str) -> str:
    """How a sentence names an entity of a section, from its title or name."""
    name = " ".join(name.split())
    if name.lower().startswith("the "):
        return name
    if section == "units":  # "the Finance Branch", "the Office of the CIO"; but "Nursing"
        words = name.split()
        org = words[-1].lower() in ORG_NOUNS or " of " in name
        return f"the {name}" if org else name
    if section in ("roles", "governance"):
        return f"the {name}"
    noun = SECTION_NOUNS.get(section, section)
    if name.lower().endswith(noun):
        return f"the {name}"
    return f"the {noun} {_quoted(name)}"


@dataclass(frozen=True)
class Teller:
    """Tells the changes of one comparison: the names of both versions, and the renames."""

    old: Names
    new: Names
    renames: Mapping[str, str]

    def was(self, ident: str) -> str:
        """An old value's name: by its old id in the old version, else as the new calls it."""
        back = {v: k for k, v in self.renames.items()}
        previous = back.get(ident, ident)
        if previous in self.old.entities or previous in self.old.seats:
            return self.old.phrase(previous)
        return self.new.phrase(ident)

    def added(self, section: str, entity: Entity) -> tuple[Piece, ...]:
        noun = SECTION_NOUNS.get(section, section)
        name = " ".join((self.new.name(entity.id) or "").split())
        phrase = name if section in ("roles", "governance", "units") else _quoted(name)
        if section == "relationships":
            noun, phrase = "relationship", f"with {self.new.phrase(getattr(entity, 'unit', ''))}"
        extra = ""
        for attr, words in (
            ("reports_to", "reporting to"),
            ("manager", "managed by"),
            ("chair", "chaired by"),
            ("owner", "owned by"),
        ):
            value = getattr(entity, attr, None)
            if isinstance(value, str):
                extra = f", {words} {self.new.phrase(value)}"
                break
        joint = " " if section == "relationships" else ": "
        return (f"New {noun}{joint}{phrase}{extra}.",)

    def field(self, section: str, ident: str, f: FieldChange) -> tuple[Piece, ...]:
        """A field change as a sentence about the entity `ident` of `section`."""
        if section == "rules":
            return _rule(f)
        if section == "waivers":
            return _waiver(f)
        e = self.new.phrase(ident) if section in SECTIONS else SECTION_NOUNS[section]
        path = re.sub(r"^(communication_plan|documents)\.", "", f.field)
        steps = parse_path(path) or [(path, "")]
        (top, item), leaf = steps[0], steps[-1][0]
        if item and len(steps) > 1 and not (leaf == "text" and top in LISTS):
            e = self._item(ident, top, item, e)
        said = self._special(section, ident, f, path, leaf, item, e)
        if said:
            return said
        kind = kind_at(section, f.field)
        if f.note == "reordered":
            return (f"The steps of {e} are in a new order.",)
        refs = REFS.get(leaf) if kind in ("ref", "refs") or leaf in ITEM_REFS else None
        if refs is not None:
            o = self._value(ident, top, f.old, old=True) if f.old is not None else ""
            n = self._value(ident, top, f.new, old=False) if f.new is not None else ""
            template = refs[0 if f.old and f.new else 1 if f.new else 2]
            return (cap(template.format(e=e, o=o, n=n)),)
        label = LABELS.get(leaf, leaf.replace("_", " "))
        if top in LISTS and (path == top or leaf == "text"):
            return _listed(LISTS[top], e, f)
        if kind in ("models", "refs", "texts"):
            return _listed(_list_phrases(label), e, f)
        if f.old and f.new and (leaf in TEXT_FIELDS or " " in f.old or " " in f.new):
            return (f"The {label} of {e} is reworded: ", Reword(f.old, f.new))
        if f.old is None:
            return (f"{cap(e)} now states its {label}: {f.new}.",)
        if f.new is None:
            return (f"{cap(e)} no longer states its {label} (was {f.old}).",)
        how = VALUE_NOTES.get(f.note, "changes")
        note = f" ({f.note})" if f.note and f.note not in VALUE_NOTES else ""
        return (f"The {label} of {e} {how} from {f.old} to {f.new}{note}.",)

    def _step(self, ident: str, step: str) -> str:
        return self.new.steps.get((ident, step)) or self.old.steps.get((ident, step), step)

    def _item(self, ident: str, top: str, item: str, e: str) -> str:
        """An item of a list of the entity, as a sentence names it: `the step “Log the
        request” of the process “Complaint handling”`."""
        if top == "steps":
            x = _quoted(self._step(ident, item))
        elif top in ("members", "contacts", "incumbents"):
            x = self.new.phrase(item) if top != "contacts" or item in self.new.entities else item
        else:
            x = _quoted(item)
        return ITEMS.get(top, "the item {x} of {e}").format(x=x, e=e)

    def _value(self, ident: str, top: str, value: str, old: bool) -> str:
        """A value that names something: an entity or seat by its name, a step by its."""
        if top == "steps" and value not in self.new.entities and value not in self.old.entities:
            return _quoted(self._step(ident, value))
        if top == "incumbents":  # the seat's holder, in a sentence about the role
            seats = self.old.seats if old else self.new.seats
            return (seats.get(value) or ("", ""))[0] or "nobody yet"
        return self.was(value) if old else self.new.phrase(value)

    def _special(
        self, section: str, ident: str, f: FieldChange, path: str, leaf: str, item: str, e: str
    ) -> tuple[Piece, ...]:
        """The changes that read best in a sentence of their own; () for the others."""
        if section == "framework" and path == "id":
            return ("The framework has a new identifier.",)
        if leaf in FLAGS and {f.old, f.new} <= {"true", "false", None}:
            now = "now" if f.new == "true" else "no longer"
            return (f"{cap(e)} is {now} {FLAGS[leaf]}.",)
        if leaf == "meets" and f.old and f.new:
            return (f"{cap(e)} now meets {f.new} (was {f.old}).",)
        if f.note in ("now votes", "no longer votes"):
            return (f"{cap(self.new.phrase(item))} {f.note} on {self.new.phrase(ident)}.",)
        if path.startswith("incumbents[") and leaf == "name" and f.old and f.new:
            return (f"{f.new} now holds {e} (was {f.old}).",)
        if leaf in ("title", "name") and path == leaf and f.old and f.new and section in SECTIONS:
            verb = "retitled" if section == "roles" else "renamed"
            back = {v: k for k, v in self.renames.items()}
            named = f.new if section == "roles" else refer(section, f.new)
            if section not in ("roles", "governance", "units"):
                named = _quoted(f.new)
            return (f"{cap(self.old.phrase(back.get(ident, ident), f.old))} is {verb} {named}.",)
        return ()


def _waiver(f: FieldChange) -> tuple[Piece, ...]:
    rule = (f.new or f.old or "").split(" ")[0]
    if f.old and f.new:
        return (f"A waiver of the check {_quoted(rule)} changes.",)
    now = "now" if f.new else "no longer"
    return (f"A finding of the check {_quoted(rule)} is {now} waived.",)


def _rule(f: FieldChange) -> tuple[Piece, ...]:
    if f.new is None:
        return (f"The check {_quoted(f.field)} is back to its default (was {f.old}).",)
    was = f" (was {f.old})" if f.old is not None else ""
    return (f"The check {_quoted(f.field)} is now reported as {f.new}{was}.",)


def _list_phrases(label: str) -> tuple[str, str, str]:
    """How an item of a list without phrases of its own reads."""
    return (
        f"{{n}} is added to the {label} of {{e}}",
        f"{{o}} is removed from the {label} of {{e}}",
        f"An item of the {label} of {{e}} is reworded",
    )


def _listed(phrases: tuple[str, str, str], e: str, f: FieldChange) -> tuple[Piece, ...]:
    """An item of a list of texts (or of items known by their text) added, dropped or
    reworded."""
    gained, lost, changed = phrases
    if f.old and f.new:
        return (cap(changed.format(e=e)) + ": ", Reword(f.old, f.new))
    if f.new is not None:
        return (cap(gained.format(e=e, n=_quoted(f.new))),)
    return (cap(lost.format(e=e, o=_quoted(f.old or ""))),)


def teller(old: Framework, new: Framework, renames: Mapping[str, str]) -> Teller:
    return Teller(Names(old), Names(new), renames)


def narrate(
    teller: Teller,
    section: str,
    ident: str,
    kind: str,
    grade: Grade,
    fields: tuple[FieldChange, ...],
) -> tuple[Line, ...]:
    """The sentences that tell one change."""
    renames = teller.renames
    if kind == "added":
        entity = teller.new.entities[ident][1]
        return (Line(grade, teller.added(section, entity)),)
    if kind == "removed":
        return (Line(grade, (f"{cap(teller.old.phrase(ident))} is removed.",)),)
    lines = []
    if kind == "renamed" and not any(f.field in ("title", "name") for f in fields):
        back = {v: k for k, v in renames.items()}
        phrase = cap(teller.old.phrase(back.get(ident, ident)))
        lines.append(Line(grade, (f"{phrase} keeps its name under a new identifier.",)))
    for f in fields:
        # a new title under a new id: the sentence tells the rename, and takes its grade
        retitled = kind == "renamed" and f.field in ("title", "name")
        lines.append(Line(grade if retitled else f.grade, teller.field(section, ident, f)))
    return tuple(lines)
