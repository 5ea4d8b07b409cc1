"""A key unknown where it stands but a field of the mapping around it or of the one
just above it: a slip of indentation, said as such, with the column to indent it to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rmf.core.findings import Mark
from rmf.model.framework import SECTION_MODELS, SINGULAR, Framework, Waiver
from rmf.model.refs import field_types
from rmf.model.types import SECTIONS
from rmf.reading.positions import Path_, Pos, find_pos
from rmf.validate.messages import field_names, model_at


@dataclass(frozen=True, slots=True)
class Misplaced:
    """Where an unknown key belongs (the path of the mapping that has it as a field),
    and the message that says so."""

    home: Path_
    message: str


def misplaced(data: Any, root: Pos, path: Path_) -> Misplaced | None:
    """The mapping that `path`'s unknown key belongs to, when it is a field of an
    enclosing entity (indented too far) or of the nested entity just above it (not
    indented far enough); None when it is neither, or nothing says it slipped."""
    name, here = path[-1], path[:-1]
    mapping = value_at(data, here)
    node = find_pos(root, here)[1]
    if not isinstance(name, str) or node is None or not isinstance(mapping, dict):
        return None
    key = node.key_mark(name)
    if key is None:
        return None
    home = _up(data, root, here, name, key, mapping[name] is None)
    too_far = home is not None
    if home is None:
        home = _down(mapping, node, here, name, key)
    if home is None:
        return None
    home_node = find_pos(root, home)[1]
    message = f"`{name}` is {_belongs(home, here)}"
    column = _key_column(home_node, key.file) if home_node is not None else None
    if column is not None and _block(node, key) and _block(home_node, None):
        question = "is it indented too far?" if too_far else "is it not indented far enough?"
        message += (
            f": {question} (it is at column {key.column}; {_fields_of(home)} are at "
            f"column {column})"
        )
    return Misplaced(home, message)


def _up(data: Any, root: Pos, here: Path_, name: str, key: Mark, empty: bool) -> Path_ | None:
    """The nearest enclosing mapping with `name` as a field, if the key comes after
    everything of its own between there and here, as a key indented too far does
    (the name of a list, `empty`, may come before items of the list it stands in: they
    are what it should hold, as when a section's name alone is indented too far)."""
    outer = here
    while outer:
        outer = _enclosing(outer)
        model = model_at(Framework, outer)
        mapping = value_at(data, outer)
        if model is None or not isinstance(mapping, dict):
            return None
        field = next((f for f in field_types(model) if f.key == name), None)
        if field is not None:
            heading = empty and field.many  # a list's name, its items below it
            if name in mapping or not _last_below(root, outer, here, key, heading):
                return None
            return outer
    return None


def rehomed(data: dict[str, Any], root: Pos) -> dict[Path_, str]:
    """Entities that stand where another section's should, because that section's name
    is indented into the entity above them: the items after it, when it is left alone
    on its line (`policies:` under the last governance body), or the items under it,
    when the whole section is indented. The section each belongs to, by its path."""
    moved: dict[Path_, str] = {}
    names = (*SECTIONS, "waivers")
    fields = {name: set(field_names(SECTION_MODELS.get(name, Waiver))) for name in names}
    for section in names:
        items = data.get(section)
        if not isinstance(items, list):
            continue
        home: str | None = None
        for i, item in enumerate(items):
            if home is not None:
                moved[(section, i)] = home
            own = fields[home or section]
            if not isinstance(item, dict) or all(k in own or k not in fields for k in item):
                continue  # no section's name among its keys: nothing indented into it
            node = find_pos(root, (section, i))[1]
            keys = node.keys if node is not None and isinstance(item, dict) else None
            if not keys:
                continue
            last = max(keys, key=lambda k: _at(keys[k]))
            if last in own or last not in (*SECTIONS, "waivers"):
                continue
            if item[last] is None:
                home = last
            elif isinstance(item[last], list):
                moved.update({(section, i, last, j): last for j in range(len(item[last]))})
    return moved


def _down(mapping: dict[str, Any], node: Pos, here: Path_, name: str, key: Mark) -> Path_ | None:
    """The nested entity just above the key with `name` as a field: the last item of the
    list (or the mapping) of the nearest own field before it, as a key not indented
    far enough follows it."""
    model = model_at(Framework, here)
    if model is None or node.keys is None:
        return None
    own = set(field_names(model))
    before = [
        (mark, k)
        for k, mark in node.keys.items()
        if k in own and mark.file == key.file and _at(mark) < _at(key)
    ]
    if not before:
        return None
    above = max(before)[1]
    nested = next((f.nested for f in field_types(model) if f.key == above), None)
    if nested is None or name not in field_names(nested):
        return None
    value = mapping[above]
    home: Path_ = (*here, above)
    if isinstance(value, list):
        if not value:
            return None
        value, home = value[-1], (*home, len(value) - 1)
    if not isinstance(value, dict) or name in value:
        return None
    return home


def _enclosing(path: Path_) -> Path_:
    """The mapping that holds the one at `path`: up past its list, then past its key."""
    while path and isinstance(path[-1], int):
        path = path[:-1]
    return path[:-1]


def _last_below(root: Pos, outer: Path_, here: Path_, key: Mark, heading: bool) -> bool:
    """Nothing of its own follows `key` in the containers from `outer` down to `here`:
    no later field in a mapping (other unknown keys may), and unless the key heads the
    items after it, no later item in a list."""
    for depth in range(len(outer) + 1, len(here) + 1):
        step, node = here[depth - 1], find_pos(root, here[:depth])[1]
        parent = find_pos(root, here[: depth - 1])[1]
        if isinstance(step, int) and not heading and parent is not None and parent.items:
            later = parent.items[step + 1 :]
            if any(p.mark.file == key.file and _at(p.mark) > _at(key) for p in later):
                return False
        model = model_at(Framework, here[:depth])
        if node is None or node.keys is None or model is None:
            continue
        own = set(field_names(model))
        marks = [m for k, m in node.keys.items() if k in own and m.file == key.file]
        if any(_at(m) > _at(key) for m in marks):
            return False
    return True


def _at(mark: Mark) -> tuple[int, int]:
    return mark.line, mark.column


def _block(node: Pos | None, key: Mark | None) -> bool:
    """A mapping written in block style: no two keys on one line (as `{a: 1, b: 2}`)."""
    if node is None or node.keys is None:
        return False
    lines = [m.line for m in node.keys.values() if key is None or m.file == key.file]
    if key is not None:
        return lines.count(key.line) == 1
    return len(lines) == len(set(lines))


def _key_column(node: Pos, file: str) -> int | None:
    marks = [m for m in (node.keys or {}).values() if m.file == file]
    return min(marks, key=_at).column if marks else None


def value_at(data: Any, path: Path_) -> Any:
    """What the raw data holds at `path`; None where nothing is."""
    for step in path:
        if isinstance(step, int):
            found = isinstance(data, list) and 0 <= step < len(data)
        else:
            found = isinstance(data, dict) and step in data
        if not found:
            return None
        data = data[step]
    return data


def _noun(path: Path_) -> str:
    """The entity at `path` in words: `the governance body`, `the member`, `` `scope` ``."""
    last = path[-1]
    if not isinstance(last, int):
        return f"`{last}`"
    if len(path) == 2 and str(path[0]) in SINGULAR:
        return f"the {SINGULAR[str(path[0])]}"
    model = model_at(Framework, path)
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", model.__name__).lower() if model else "entry"
    return f"the {words}"


def _belongs(home: Path_, here: Path_) -> str:
    """`a field of the governance body, not of the member`, or with the top level."""
    if not here:
        return f"a field of {_noun(home)}, not a top-level key"
    if not home:
        return f"a top-level key, not a field of {_noun(here)}"
    return f"a field of {_noun(home)}, not of {_noun(here)}"


def _fields_of(home: Path_) -> str:
    if not home:
        return "top-level keys"
    noun = _noun(home)
    return f"{noun}'s fields" if noun.startswith("the ") else f"the fields of {noun}"
