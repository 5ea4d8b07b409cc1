"""Entities whose id changed between two versions: found by equal content, or by fields that
mostly match (a role renamed and retitled), and the references that follow them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from rmf.diff.fields import best_pairs, similarity
from rmf.model.base import Entity
from rmf.model.framework import Framework
from rmf.model.refs import iter_refs
from rmf.model.types import SECTIONS

MAX_RENAME_ROUNDS = 4
# Two entities are one renamed when their fields, weighed, match at least this much; what
# people call an entity (its title or name) weighs as two fields, a choice from a short
# list (a kind, a frequency) or a yes/no as a quarter of one, as many entities share those.
RENAMED = 0.65
NAME_WEIGHT = 2.0
CHOICE_WEIGHT = 0.25
# Fields that say which entity it is, where there is no name: a relationship is the one
# with its unit, so one with another unit is never the same relationship renamed.
IDENTITY = {"relationships": "unit"}
# Pairs of one section compared for a rename with edits, and text compared in all, at most:
# past these, fields only count when equal, so that a large rewrite stays quick.
MAX_PAIRS = 4096
MAX_WORK = 2_000_000
# Past this many pairs in a section (a file replaced whole), no rename with edits is looked
# for there: only equal content is a rename.
MAX_FUZZY = 40_000


def _unordered(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _unordered(v) for k, v in data.items()}
    if isinstance(data, list):
        return sorted((_unordered(v) for v in data), key=lambda v: json.dumps(v, sort_keys=True))
    return data


def _content(entity: Entity, renames: Mapping[str, str]) -> dict[str, Any]:
    """An entity's fields without its id, references renamed, list order ignored."""
    data: Any = entity.model_dump(mode="json", by_alias=True, exclude={"id"})
    for loc, ident, _ in iter_refs(entity):
        node = data
        for step in loc[:-1]:
            node = node[step]
        node[loc[-1]] = renames.get(ident, ident)
    out: dict[str, Any] = _unordered(data)
    return out


def _canon(entity: Entity, renames: Mapping[str, str]) -> str:
    return json.dumps(_content(entity, renames), sort_keys=True)


def _items(value: Any) -> set[str]:
    return {json.dumps(v, sort_keys=True) for v in value}


class _Scorer:
    """How alike two entities of one section are, 0 to 1, within a budget of text work."""

    def __init__(self, texts: bool) -> None:
        self.work = 0
        self.texts = texts

    def field(self, a: Any, b: Any) -> float:
        if a == b:
            return 1.0
        if isinstance(a, list) and isinstance(b, list):
            left, right = _items(a), _items(b)
            return len(left & right) / len(left | right)
        if isinstance(a, str) and isinstance(b, str) and self.texts and self.work < MAX_WORK:
            score, cost = similarity(a, b)
            self.work += cost
            return score
        return 0.0

    def score(self, a: dict[str, Any], b: dict[str, Any]) -> float:
        total = weight_sum = 0.0
        for key in dict.fromkeys([*a, *b]):
            x, y = a.get(key), b.get(key)
            if x in (None, [], False) and y in (None, [], False):
                continue
            weight = _weight(key, x, y)
            total += weight * self.field(x, y)
            weight_sum += weight
        return total / weight_sum if weight_sum else 0.0


def _weight(key: str, a: Any, b: Any) -> float:
    if key in ("title", "name"):
        return NAME_WEIGHT
    if isinstance(a, bool) or isinstance(b, bool):
        return CHOICE_WEIGHT
    short = all(isinstance(v, str) and " " not in v and len(v) <= 24 for v in (a, b))
    return CHOICE_WEIGHT if short and key in _CHOICES else 1.0


# fields whose value is one of a few words: equal ones say little about being the same entity
_CHOICES = {
    "kind",
    "type",
    "category",
    "channel",
    "frequency",
    "meets",
    "review",
    "direction",
    "tier",
    "employment",
    "voting_rule",
}


def _pair(
    section: str, old: Framework, new: Framework, renames: dict[str, str], fuzzy: bool
) -> bool:
    """Pair removed and added entities of one section: with equal content, or (`fuzzy`)
    the best pairs above RENAMED, best first; True when a pair was found."""
    before: list[Entity] = getattr(old, section)
    after: list[Entity] = getattr(new, section)
    old_ids, new_ids = {e.id for e in before}, {e.id for e in after}
    taken = set(renames.values())
    removed = [e for e in before if e.id not in new_ids and e.id not in renames]
    added = [e for e in after if e.id not in old_ids and e.id not in taken]
    if not removed or not added:
        return False
    if not fuzzy:
        index: dict[str, list[str]] = {}
        for e in added:
            index.setdefault(_canon(e, {}), []).append(e.id)
        found = False
        for e in removed:
            hits = index.get(_canon(e, renames))
            if hits:
                renames[e.id] = hits.pop(0)
                found = True
        return found
    if len(removed) * len(added) > MAX_FUZZY:
        return False
    scorer = _Scorer(texts=len(removed) * len(added) <= MAX_PAIRS)
    olds = [_content(e, renames) for e in removed]
    news = [_content(e, {}) for e in added]
    key = IDENTITY.get(section)
    scored = [
        (-scorer.score(a, b), i, j)
        for i, a in enumerate(olds)
        for j, b in enumerate(news)
        if key is None or a.get(key) == b.get(key)
    ]
    pairs = best_pairs(scored, RENAMED)
    for i, j in pairs:
        renames[removed[i].id] = added[j].id
    return bool(pairs)


def find_renames(old: Framework, new: Framework) -> dict[str, str]:
    """old id → new id for entities removed and added in one section that are one entity
    renamed: equal content first (references to renamed ids followed), then, when no more
    are found so, fields that mostly match; deterministic, each id paired at most once."""
    renames: dict[str, str] = {}
    for _ in range(MAX_RENAME_ROUNDS):
        found = any([_pair(s, old, new, renames, fuzzy=False) for s in SECTIONS])
        if not found:
            found = any([_pair(s, old, new, renames, fuzzy=True) for s in SECTIONS])
        if not found:
            break
    return renames


def following(old: Framework, new: Framework, renames: Mapping[str, str]) -> dict[str, int]:
    """new id → how many references elsewhere in the framework follow its rename: a place
    that named the old id and names the new one."""
    counts: dict[str, int] = {}
    if not renames:
        return counts
    targets = set(renames.values())
    before = {e.id: e for s in SECTIONS for e in getattr(old, s)}
    back = {v: k for k, v in renames.items()}
    for section in SECTIONS:
        for entity in getattr(new, section):
            previous = before.get(back.get(entity.id, entity.id))
            if previous is None:
                continue
            was: dict[str, int] = {}
            for _, ident, _ in iter_refs(previous):
                if ident in renames:
                    was[renames[ident]] = was.get(renames[ident], 0) + 1
            now: dict[str, int] = {}
            for _, ident, _ in iter_refs(entity):
                if ident in targets:
                    now[ident] = now.get(ident, 0) + 1
            for ident, n in now.items():
                if ident != entity.id:
                    counts[ident] = counts.get(ident, 0) + min(n, was.get(ident, 0))
    return counts
