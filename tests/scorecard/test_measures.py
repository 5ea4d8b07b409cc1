"""Measurement files: every problem located, like the framework's own findings."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from conftest import FRAMEWORKS
from rmf.model.framework import Framework
from rmf.scorecard.measures import load
from rmf.validate.run import validate

HEADER = "indicator,period,value,note\n"


@cache
def edmonton() -> Framework:
    framework = validate(FRAMEWORKS / "edmonton").framework
    assert framework is not None
    return framework


def found(tmp_path: Path, text: str, name: str = "m.csv") -> list[tuple[int, int, str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [(f.line, f.column, f.code) for f in load(path, edmonton()).findings]


def test_the_shipped_measurements_are_clean() -> None:
    measures = load(FRAMEWORKS / "edmonton" / "measurements.csv", edmonton())
    assert measures.findings == []
    assert len(measures.items) >= 30


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("complaints-recieved,2010-Q2,33,\n", [(2, 1, "unresolved-reference")]),
        ("complaints-received,2010-06,33,\n", [(2, 21, "period-frequency")]),
        ("complaints-received,Q2 2010,33,\n", [(2, 21, "invalid-period")]),
        ("complaints-received,2010-Q2,thirty,\n", [(2, 29, "invalid-value")]),
        ("it-projects-on-time,2010-Q2,120,\n", [(2, 29, "invalid-value")]),
        (
            "complaints-received,2010-Q2,33,\ncomplaints-received,2010-Q2,34,\n",
            [(3, 1, "duplicate-measurement")],
        ),
    ],
)
def test_each_bad_row_is_located(tmp_path: Path, rows: str, expected: list[object]) -> None:
    assert found(tmp_path, HEADER + rows) == expected


def test_a_bad_header_is_located(tmp_path: Path) -> None:
    assert found(tmp_path, "indicator,when,value\n") == [
        (1, 11, "unknown-field"),
        (1, 1, "missing-field"),
    ]


def test_yaml_measurements_are_read_with_positions(tmp_path: Path) -> None:
    text = (
        "measurements:\n"
        "  - {indicator: complaints-received, period: 2010-Q2, value: 33}\n"
        "  - indicator: survey-response-rate\n"
        "    period: 2010-H1\n"
        "    value: high\n"
    )
    assert found(tmp_path, text, "m.yaml") == [(5, 12, "invalid-value")]


def test_a_year_may_be_written_as_a_bare_number_in_yaml(tmp_path: Path) -> None:
    text = "- {indicator: relationship-maturity-average, period: 2009, value: 2.5}\n"
    assert found(tmp_path, text, "m.yaml") == []


def test_bytes_that_are_not_utf8_are_located(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_bytes(HEADER.encode() + b"complaints-received,2010-Q2,3\xff3,\n")
    assert [(f.line, f.code) for f in load(path, edmonton()).findings] == [(2, "encoding")]
