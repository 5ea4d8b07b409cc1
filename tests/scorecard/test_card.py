"""What each row of a scorecard says beyond its status: target met or missed and by how
much, percentage changes in points, staleness, corrective actions and values by unit."""

from __future__ import annotations

from typing import Any

import pytest

from rmf.model.practice import Indicator
from rmf.scorecard.card import Row, met, scale
from rmf.scorecard.view import MARKS, Shown


def indicator(direction: str, target: float, unit: str = "percent", **extra: Any) -> Indicator:
    data: dict[str, Any] = {
        "id": "x",
        "name": "X",
        "category": "value",
        "definition": "d",
        "unit": unit,
        "direction": direction,
        "target": target,
        "frequency": "quarterly",
        "owner": "o",
        **extra,
    }
    return Indicator.model_validate(data)


@pytest.mark.parametrize(
    ("direction", "value", "expected"),
    [
        ("higher-is-better", 90, True),
        ("higher-is-better", 89.9, False),
        ("higher-is-better", 95, True),
        ("lower-is-better", 10, True),
        ("lower-is-better", 10.1, False),
        ("lower-is-better", 3, True),
    ],
)
def test_target_met_at_the_boundary_in_both_directions(
    direction: str, value: float, expected: bool
) -> None:
    target = 90 if direction == "higher-is-better" else 10
    assert met(indicator(direction, target), value) is expected


def row(value: float | None, target: float, **extra: Any) -> Row:
    fields: dict[str, Any] = {
        "id": "x",
        "name": "X",
        "category": "value",
        "unit": "percent",
        "direction": "higher-is-better",
        "frequency": "quarterly",
        "target": target,
        "red": None,
        "amber": None,
        "owner": "O",
        "period": "2010-Q2",
        "value": value,
        "status": "green",
        "previous": None,
        "change": None,
        "trend": (),
        "note": None,
        "met": None if value is None else value >= target,
        "gap": None if value is None else value - target,
    }
    fields.update(extra)
    return Row(**fields)


def test_percent_changes_and_gaps_are_in_points() -> None:
    shown = Shown(row(81, 90, change=7.0), "$")
    assert shown.change() == "+7 pts (better)"
    assert shown.target_met() == "No: 9 pts short"
    assert Shown(row(91, 90, change=-1.0), "$").change() == "−1 pt (worse)"
    assert Shown(row(90, 90), "$").target_met() == "Yes"


def test_lower_is_better_misses_are_over_the_target() -> None:
    days = row(11, 10, unit="days", direction="lower-is-better", met=False, gap=1.0, change=-2.0)
    shown = Shown(days, "$")
    assert shown.target_met() == "No: 1 day over"
    assert shown.change() == "−2 days (better)"


def test_a_score_shows_its_scale_where_the_definition_states_one() -> None:
    on_five = indicator("higher-is-better", 4, "score", definition="Mean, on a 1 to 5 scale.")
    assert scale(on_five) == 5
    assert scale(indicator("higher-is-better", 4, "score", definition="Out of 10.")) == 10
    assert scale(indicator("higher-is-better", 4, "score", definition="A mean.")) is None
    assert scale(indicator("higher-is-better", 40, "percent", definition="1 to 5")) is None
    assert Shown(row(3.7, 4, unit="score", scale=5), "$").value(3.7) == "3.7 / 5"


def test_no_value_is_no_data_never_zero() -> None:
    shown = Shown(row(None, 36, unit="count"), "$")
    assert shown.value(None) == "—" and shown.target_met() == "—"


def test_status_marks_are_shapes_and_words_without_emoji() -> None:
    for mark in MARKS.values():
        shape, word = mark.split(" ", 1)
        assert shape in "■▲●○" and word[0].isupper()
        assert all(ord(c) < 0x1F000 for c in mark)


def test_edmonton_card_flags_stale_values_carries_actions_and_values_by_unit() -> None:
    from conftest import FRAMEWORKS
    from rmf.scorecard.card import build
    from rmf.scorecard.measures import load
    from rmf.validate.run import load_framework

    result = load_framework(FRAMEWORKS / "edmonton")
    assert result.framework is not None and result.checked is not None
    measures = load(FRAMEWORKS / "edmonton" / "measurements.csv", result.framework)
    card = build(result.checked, measures)
    rows = {r.id: r for r in card.rows}
    assert card.period == "2010-H1"
    assert rows["relationship-maturity-average"].stale  # an annual value from 2009
    assert not rows["complaints-received"].stale
    late = rows["it-projects-on-time"].action
    assert late is not None and late.owner == "Director, IT Solutions Delivery"
    assert late.due == "2010-09-30"
    missing = rows["engagement-sessions-held"]
    assert missing.value is None and missing.last is not None and missing.last.value == 33
    units = {u.unit_id: u.value for u in rows["business-satisfaction-index"].by_unit}
    assert units["transportation-services"] == 4.0 and len(units) == 5
    one = build(result.checked, measures, unit="transportation-services")
    assert [r.id for r in one.rows] == ["business-satisfaction-index"]
    assert one.rows[0].value == 4.0 and one.rows[0].met is True and one.unit is not None


def _history(*values: tuple[str, float]) -> dict[str, Any]:
    from rmf.core.findings import Mark
    from rmf.model import periods
    from rmf.scorecard.measures import Measurement

    found = {}
    for text, value in values:
        period = periods.parse(text)
        assert period is not None
        found[text] = Measurement("x", period, value, None, Mark("m.csv", 2, 1))
    return found


@pytest.mark.parametrize("frequency", ["weekly", "biweekly"])
def test_an_indicator_measured_more_often_than_monthly_may_be_reported_per_month(
    frequency: str,
) -> None:
    from rmf.model import periods
    from rmf.scorecard.card import _row

    ind = indicator("higher-is-better", 90, frequency=frequency)
    report = periods.parse("2026-Q3")
    assert report is not None
    monthly = _row(ind, report, _history(("2026-08", 80), ("2026-09", 92)), {})
    assert (monthly.period, monthly.value, monthly.previous) == ("2026-09", 92, 80)
    weekly = _row(ind, report, _history(("2026-W38", 91), ("2026-W39", 93)), {})
    assert (weekly.period, weekly.value) == ("2026-W39", 93)
    missing = _row(ind, report, _history(("2026-07", 85)), {})
    assert (missing.period, missing.status) == ("2026-09", "missing")  # due by month
