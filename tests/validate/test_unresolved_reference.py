"""unresolved-reference: a "did you mean" hint for each, found with bounded work."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from rmf.core import suggest
from rmf.validate.run import validate

UNITS = 1500
HEAD = "rmf: 1\nframework:\n  id: synthetic\n  name: Synthetic\n  client: Synthetic Co\n"
HEAD += "  version: 1.0.0\n  status: draft\nunits:\n  - id: executive\n    name: Executive\n"
HEAD += "    kind: executive\n"


def units(parent: str) -> str:
    """Units each naming the one before as parent, written as `parent` spells it."""
    rows = [
        f"  - id: it-unit-{i}\n    name: Unit {i}\n    kind: it\n"
        f"    parent: {parent.format(i - 1) if i else 'executive'}\n"
        for i in range(UNITS)
    ]
    return HEAD + "".join(rows)


class Counting(difflib.SequenceMatcher):  # type: ignore[type-arg]
    """A SequenceMatcher that counts the names compared with a word."""

    compared = 0

    def set_seq1(self, a: str) -> None:  # type: ignore[override]
        Counting.compared += 1
        super().set_seq1(a)


def test_thousands_of_typos_each_get_a_hint_from_bounded_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "framework.yaml"
    path.write_text(units("it-unti-{}"), encoding="utf-8")
    monkeypatch.setattr(suggest.difflib, "SequenceMatcher", Counting)
    findings = [f for f in validate(path).findings if f.code == "unresolved-reference"]
    assert len(findings) == UNITS - 1
    assert findings[0].message == (
        "unit `it-unit-1`: `parent` names `it-unti-0`, but there is no unit with that id; "
        "did you mean `it-unit-0`?"
    )
    hinted = {
        f.target: f.message.rsplit("; did you mean ", 1)[1] for f in findings if ";" in f.message
    }
    # the first thousand typos get their hint; past that, the findings are left plain
    cap = suggest.MAX_LOOKUPS
    assert hinted == {f"it-unit-{i}": f"`it-unit-{i - 1}`?" for i in range(1, cap + 1)}
    assert findings[-1].message.endswith("but there is no unit with that id")
    assert Counting.compared <= (suggest.MAX_SCORED + 1) * cap


def test_swapped_words_are_hinted(tmp_path: Path) -> None:
    path = tmp_path / "framework.yaml"
    path.write_text(units("unit-it-{}"), encoding="utf-8")
    findings = [f for f in validate(path).findings if f.code == "unresolved-reference"]
    assert "did you mean `it-unit-0`?" in findings[0].message
