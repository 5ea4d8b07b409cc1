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


def test_a_period_that_does_not_fit_says_which_do(tmp_path: Path) -> None:
    from rmf.scorecard.measures import load

    weekly = edmonton().model_copy(
        update={
            "indicators": [
                i.model_copy(update={"frequency": "weekly"}) if i.id == "complaints-received" else i
                for i in edmonton().indicators
            ]
        }
    )
    path = tmp_path / "m.csv"
    path.write_text(HEADER + "complaints-received,2010-Q2,3,\ncomplaints-received,2010-06,3,\n")
    findings = load(path, weekly).findings
    assert [(f.line, f.code) for f in findings] == [(2, "period-frequency")]
    assert "look like `2026-09` or `2026-W07`, not `2010-Q2`" in findings[0].message


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


def messages(tmp_path: Path, text: str, name: str = "m.csv") -> list[tuple[int, int, str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [(f.line, f.column, f.message) for f in load(path, edmonton()).findings]


ROW = "complaints-received,2010-Q2,"
OUT_OF_RANGE = "is out of range: a measured value lies between -1,000,000,000,000,000 and"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e308", f"the value `1e308` {OUT_OF_RANGE}"),
        ("-1e308", f"the value `-1e308` {OUT_OF_RANGE}"),
        ("1e400", f"the value `1e400` {OUT_OF_RANGE}"),
        ("1000000000000001", f"the value `1000000000000001` {OUT_OF_RANGE}"),
        ("inf", "the value `inf` is not a finite number"),
        ("-Infinity", "the value `-Infinity` is not a finite number"),
        ("nan", "the value `nan` is not a finite number"),
    ],
)
def test_a_value_too_large_or_not_finite_is_located_in_csv(
    tmp_path: Path, value: str, message: str
) -> None:
    [(line, column, said)] = messages(tmp_path, f"{HEADER}{ROW}{value},\n")
    assert (line, column) == (2, 29) and said.startswith(message)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1" + "0" * 400, f"the value of 401 digits {OUT_OF_RANGE}"),
        ("-1e308", f"the value `-1e+308` {OUT_OF_RANGE}"),
        (".inf", "the value `inf` is not a finite number"),
        ("-.inf", "the value `-inf` is not a finite number"),
        (".nan", "the value `nan` is not a finite number"),
    ],
)
def test_a_value_too_large_or_not_finite_is_located_in_yaml(
    tmp_path: Path, value: str, message: str
) -> None:
    text = f"- {{indicator: complaints-received, period: 2010-Q2, value: {value}}}\n"
    [(line, column, said)] = messages(tmp_path, text, "m.yaml")
    assert (line, column) == (1, 60) and said.startswith(message)


def test_the_largest_values_are_accepted_and_negative_zero_is_zero(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text(f"{HEADER}{ROW}1e15,\ncomplaints-received,2010-Q1,-0,\n", encoding="utf-8")
    measures = load(path, edmonton())
    assert measures.findings == []
    values = [m.value for m in measures.items]
    assert values == [1e15, 0.0] and str(values[1]) == "0.0"


@pytest.mark.parametrize("name", ["m.csv", "m.yaml"])
def test_a_note_or_action_over_2000_characters_is_located(tmp_path: Path, name: str) -> None:
    note, action = "n" * 131_073, "a" * 2001
    if name == "m.csv":
        text = f"indicator,period,value,note,action\n{ROW}33,{note},{action}\n"
        where = [(2, 32), (2, 32 + len(note) + 1)]
    else:
        text = (
            "- indicator: complaints-received\n  period: 2010-Q2\n  value: 33\n"
            f"  note: {note}\n  action: {action}\n"
        )
        where = [(4, 9), (5, 11)]
    found = messages(tmp_path, text, name)
    assert [(line, column) for line, column, _ in found] == where
    assert found[0][2] == "`note` is 131,073 characters long; keep it to 2,000 (a few sentences)"
    assert found[1][2].startswith("`action` is 2,001 characters long")


def test_a_note_of_2000_characters_is_accepted(tmp_path: Path) -> None:
    assert messages(tmp_path, f"{HEADER}{ROW}33,{'n' * 2000}\n") == []


def test_a_long_value_is_quoted_briefly(tmp_path: Path) -> None:
    [(_, _, said)] = messages(tmp_path, f"{HEADER}{ROW}{'x' * 100_000},\n")
    assert said == f"the value `{'x' * 39}…` is not a number"


def test_a_weekly_indicator_is_measured_per_month_or_per_week_not_both(tmp_path: Path) -> None:
    from rmf.scorecard.measures import load

    weekly = edmonton().model_copy(
        update={
            "indicators": [
                i.model_copy(update={"frequency": "weekly"}) if i.id == "complaints-received" else i
                for i in edmonton().indicators
            ]
        }
    )
    path = tmp_path / "m.csv"
    rows = "complaints-received,2010-01,40,\ncomplaints-received,2010-W09,11,\n"
    path.write_text(HEADER + rows)
    findings = load(path, weekly).findings
    assert [(f.line, f.code) for f in findings] == [(3, "period-frequency")]
    assert "measured per month in this file (line 2: 2010-01)" in findings[0].message
