"""Common mistakes in numbers and dates get the form to write, at the field's scale."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import MINIMAL
from rmf.validate.messages import value_advice
from rmf.validate.run import validate


@pytest.mark.parametrize(
    ("name", "given", "advice"),
    [
        ("allocation", "40%", "write `0.4` (a share of one position"),
        ("fte", "50 %", "write `0.5`"),
        ("target", "80%", "write `80` without the percent sign"),
        ("quorum", "three", "write it in digits: `3`"),
        ("quorum", "Seven", "`7`"),
        ("quorum", "3", "without quotes"),
        ("value", "2,500,000", "write `2500000`, without separators"),
        ("value", "2 500 000", "write `2500000`"),
        ("target", "12 days", "write the number alone, `12`"),
        ("target", "$2,500", "write the number alone, `2500`"),
        ("review_by", "31/12/2026", "write `2026-12-31`"),
        ("review_by", "12/31/2026", "write `2026-12-31`"),
        (
            "review_by",
            "05.06.2026",
            "`2026-06-05` if 5 is the day, `2026-05-06` if it is the month",
        ),
        ("review_by", "2026/12/31", "write `2026-12-31`"),
        ("target", "high", ""),
        ("target", 12, ""),
    ],
)
def test_the_advice_fits_the_value_and_the_field(name: str, given: object, advice: str) -> None:
    got = value_advice(name, given)
    assert (advice in got) if advice else got == ""


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("allocation: 0.5", "allocation: 40%", "`0.4`"),
        ("quorum: 2", "quorum: three", "`3`"),
        ("target: 80", "target: 80%", "`80` without the percent sign"),
    ],
)
def test_validate_gives_the_advice(tmp_path, old: str, new: str, words: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "f.yaml"
    assert old in MINIMAL
    path.write_text(MINIMAL.replace(old, new, 1), encoding="utf-8")
    messages = [f.message for f in validate(path, date(2026, 6, 1)).findings]
    assert any(words in m for m in messages), messages
    assert not any("remove the quotes" in m for m in messages)
