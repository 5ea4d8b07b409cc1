"""Reworded text, word by word: what stayed, what went and what came, for highlighting."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

Op = Literal["same", "gone", "came"]
MAX_WORDS = 400  # past this, a text is shown as gone and came whole
LIKE = 0.4  # less alike than this, a text is shown as gone and came whole


@dataclass(frozen=True)
class Reword:
    """A text reworded: its old and new wording, shown word by word where they differ."""

    old: str
    new: str


def word_diff(old: str, new: str) -> list[tuple[Op, str]]:
    """Runs of words (joined by single spaces) that stayed, went or came, in reading order:
    where words were replaced, the old run comes before the new."""
    a, b = old.split(), new.split()
    whole: list[tuple[Op, str]] = [("gone", " ".join(a)), ("came", " ".join(b))]
    if len(a) > MAX_WORDS or len(b) > MAX_WORDS:
        return [run for run in whole if run[1]]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < LIKE:
        return [run for run in whole if run[1]]
    runs: list[tuple[Op, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("gone", " ".join(a[i1:i2])))
        if j2 > j1:
            runs.append(("came", " ".join(b[j1:j2])))
    return runs


CONTEXT = 6  # words kept on each side of a change in a reworded text


def context(words: str, first: bool, last: bool) -> str:
    """Words that stayed, cut to the few next to a change: a long text reworded in one
    place reads as that place."""
    w = words.split()
    if first and not last and len(w) > CONTEXT:
        return "… " + " ".join(w[-CONTEXT:])
    if last and not first and len(w) > CONTEXT:
        return " ".join(w[:CONTEXT]) + " …"
    if not first and not last and len(w) > 2 * CONTEXT + 1:
        return " ".join(w[:CONTEXT]) + " … " + " ".join(w[-CONTEXT:])
    return words


def around(old: str, new: str, width: int = 100) -> tuple[str, str]:
    """Two wordings of a text as a line shows them: whole when short, else cut to the
    words around what changed (`… IT staff route new commitments …`), so that a change
    far into a long text is still seen."""
    if max(len(old), len(new)) <= width:
        return old, new
    runs = word_diff(old, new)
    if not any(op == "same" for op, _ in runs):
        return old, new
    sides = []
    for mark in ("gone", "came"):
        words = []
        for i, (op, text) in enumerate(runs):
            if op == "same":
                words.append(context(text, first=i == 0, last=i == len(runs) - 1))
            elif op == mark:
                words.append(text)
        sides.append(" ".join(words))
    return sides[0], sides[1]
