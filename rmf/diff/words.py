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
