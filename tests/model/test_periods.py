"""Reporting periods: parsing, order, and which period is due."""

from __future__ import annotations

from datetime import date

import pytest

from rmf.model import periods


@pytest.mark.parametrize(
    ("text", "start", "end", "kind"),
    [
        ("2026", date(2026, 1, 1), date(2026, 12, 31), "year"),
        ("2026-H2", date(2026, 7, 1), date(2026, 12, 31), "half"),
        ("2026-T1", date(2026, 1, 1), date(2026, 4, 30), "term"),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30), "quarter"),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28), "month"),
        ("2026-W01", date(2025, 12, 29), date(2026, 1, 4), "week"),
    ],
)
def test_periods_parse_to_their_dates(text: str, start: date, end: date, kind: str) -> None:
    period = periods.parse(text)
    assert period is not None
    assert (period.start, period.end, period.kind, str(period)) == (start, end, kind, text)


@pytest.mark.parametrize("text", ["2026-Q5", "2026-13", "26-Q1", "2026-W54", "2025-W53", "Q3"])
def test_malformed_periods_are_refused(text: str) -> None:
    assert periods.parse(text) is None


def test_periods_order_by_end_then_length() -> None:
    texts = ["2026", "2026-Q4", "2026-12", "2026-Q3", "2026-H1"]
    ordered = sorted(p for t in texts if (p := periods.parse(t)))
    assert [str(p) for p in ordered] == ["2026-H1", "2026-Q3", "2026-12", "2026-Q4", "2026"]


def test_the_due_period_is_the_latest_that_has_ended() -> None:
    report = periods.parse("2026-Q3")
    assert report is not None
    assert str(periods.due("month", report)) == "2026-09"
    assert str(periods.due("quarter", report)) == "2026-Q3"
    assert str(periods.due("half", report)) == "2026-H1"
    assert str(periods.due("year", report)) == "2025"
    assert str(periods.previous(periods.due("quarter", report))) == "2026-Q2"
