"""Rewords are found among removed and added texts with bounded work, however long."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from diff_helpers import diff, fields, only

from rmf.diff import fields as fields_module
from rmf.diff.fields import MAX_CANDIDATES, MAX_WORK, pair_rewords

WORDS = [f"w{n}" for n in range(600)] + ["the", "and", "of", "service", "unit"]


def prose(seed: int, chars: int) -> str:
    """Text of `chars` characters from a few hundred words, different for each seed."""
    rng = random.Random(seed)
    out: list[str] = []
    length = 0
    while length < chars:
        out.append(rng.choice(WORDS))
        length += len(out[-1]) + 1
    return " ".join(out)[:chars].strip()


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The pairs of texts compared, as they are compared."""
    pairs: list[tuple[str, str]] = []
    similarity = fields_module.similarity

    def counting(a: str, b: str) -> tuple[float, int]:
        pairs.append((a, b))
        return similarity(a, b)

    monkeypatch.setattr(fields_module, "similarity", counting)
    return pairs


def test_a_20000_character_rewrite_is_a_removal_and_an_addition(
    tmp_path: Path, compared: list[tuple[str, str]]
) -> None:
    old, new = prose(1, 20_000), prose(2, 20_000)
    cmp = diff(
        tmp_path,
        (f"- text: {old}", f"- text: {new}"),
        old_edits=(("- text: Run the relationship.", f"- text: {old}"),),
    )
    assert [(f.field, f.note) for f in only(cmp).fields] == [
        ("responsibilities", "removed"),
        ("responsibilities", "added"),
    ]
    assert compared == [(old, new)]


def test_a_long_text_lightly_edited_is_still_a_reword(tmp_path: Path) -> None:
    old = prose(3, 60_000)
    new = old.replace(" the ", " a ", 50)
    cmp = diff(
        tmp_path,
        (f"- text: {old}", f"- text: {new}"),
        old_edits=(("- text: Run the relationship.", f"- text: {old}"),),
    )
    [(_, before, after, grade, _)] = fields(only(cmp))
    assert (before, after, grade) == (old, new, "patch")


def test_each_removed_text_is_compared_with_a_few_added_ones(
    compared: list[tuple[str, str]],
) -> None:
    removed = [prose(i, 60) + f" item {i}." for i in range(300)]
    added = [text.replace("item", "entry") for text in removed]
    pairs = pair_rewords(removed, added)
    assert len(compared) <= MAX_CANDIDATES * len(removed)
    assert len(pairs) == len(removed)
    assert all(a.replace("item", "entry") == b for a, b in pairs)


def test_comparing_stops_when_its_budget_is_spent(compared: list[tuple[str, str]]) -> None:
    removed = [prose(i, 250) for i in range(200)]
    added = [prose(1000 + i, 250) for i in range(200)]
    assert pair_rewords(removed, added) == []
    assert len(compared) <= MAX_WORK // (250 * 250) + 1
