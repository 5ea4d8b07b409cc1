"""Measurement columns of format revision 1.1: values by unit and corrective actions."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pytest

from conftest import ROOT
from rmf.model.framework import Framework
from rmf.scorecard.measures import load
from rmf.validate.run import validate

REVISION = ROOT / "tests" / "examples" / "valid" / "revision-1-1.yaml"
HEADER = "indicator,period,value,note,unit,action,action_owner,action_due\n"


@cache
def framework() -> Framework:
    found = validate(REVISION, date(2026, 11, 26)).framework
    assert found is not None
    return found


def found(tmp_path: Path, text: str, name: str = "m.csv") -> list[tuple[int, int, str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [(f.line, f.column, f.code) for f in load(path, framework()).findings]


def test_values_by_unit_and_actions_are_read(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text(
        HEADER
        + "satisfaction,2026,3.6,,,,,\n"
        + "satisfaction,2026,2.8,low in finance,finance,Meet the finance leads,"
        + "relationship-manager,2027-02-28\n"
        + "satisfaction,2026,3.9,,payroll,,,\n",
        encoding="utf-8",
    )
    measures = load(path, framework())
    assert measures.findings == []
    overall, finance, payroll = measures.items
    assert (overall.unit, finance.unit, payroll.unit) == (None, "finance", "payroll")
    assert finance.action == "Meet the finance leads"
    assert finance.action_owner == "relationship-manager"
    assert finance.action_due == date(2027, 2, 28)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("satisfaction,2026,3,,finanse,,,\n", [(2, 22, "unresolved-reference")]),
        ("complaints,2026-Q2,4,,finance,,,\n", [(2, 23, "invalid-value")]),
        ("satisfaction,2026,3,,,Fix it,nobody,\n", [(2, 30, "unresolved-reference")]),
        ("satisfaction,2026,3,,,Fix it,,31/12/2026\n", [(2, 31, "invalid-date")]),
        (
            "satisfaction,2026,3,,finance,,,\nsatisfaction,2026,3.1,,finance,,,\n",
            [(3, 1, "duplicate-measurement")],
        ),
    ],
)
def test_each_bad_cell_is_located(tmp_path: Path, rows: str, expected: list[object]) -> None:
    assert found(tmp_path, HEADER + rows) == expected


def test_a_value_by_unit_is_no_duplicate_of_the_overall_value(tmp_path: Path) -> None:
    rows = "satisfaction,2026,3.6,,,,,\nsatisfaction,2026,3.1,,finance,,,\n"
    assert found(tmp_path, HEADER + rows) == []


def test_yaml_measurements_take_the_same_keys(tmp_path: Path) -> None:
    text = (
        "- {indicator: satisfaction, period: '2026', value: 3.1, unit: finance,\n"
        "   action: Meet the finance leads, action_owner: relationship-manager,\n"
        "   action_due: 2027-02-28}\n"
        "- {indicator: satisfaction, period: '2026', value: 3.1, unit: payroll, owner: x}\n"
    )
    assert found(tmp_path, text, "m.yaml") == [(4, 72, "unknown-field")]


def test_the_scorecard_reports_the_overall_value(tmp_path: Path) -> None:
    from rmf.scorecard.pipeline import scorecard

    data = tmp_path / "m.csv"
    data.write_text(
        HEADER + "satisfaction,2026,2.5,,finance,,,\nsatisfaction,2026,3.8,,,,,\n",
        encoding="utf-8",
    )
    report = scorecard(REVISION, data, "md", today=date(2026, 11, 26))
    row = next(r for r in report.card.rows if r.id == "satisfaction")
    assert row.value == 3.8
