"""Status of a measured value at every boundary, for both directions (format §4)."""

from __future__ import annotations

from typing import Any

import pytest

from rmf.model.practice import Indicator
from rmf.scorecard.card import AMBER, GREEN, OFF_TARGET, ON_TARGET, RED, status


def indicator(direction: str, thresholds: dict[str, float] | None, target: float) -> Indicator:
    data: dict[str, Any] = {
        "id": "x",
        "name": "X",
        "category": "value",
        "definition": "d",
        "unit": "count",
        "direction": direction,
        "target": target,
        "frequency": "quarterly",
        "owner": "o",
    }
    if thresholds is not None:
        data["thresholds"] = thresholds
    return Indicator.model_validate(data)


HIGHER = indicator("higher-is-better", {"red": 60, "amber": 70}, 80)
LOWER = indicator("lower-is-better", {"red": 20, "amber": 10}, 5)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(59.9, RED), (60, AMBER), (69.99, AMBER), (70, GREEN), (80, GREEN), (100, GREEN)],
)
def test_higher_is_better_boundaries(value: float, expected: str) -> None:
    # below red is red; from red up to (not including) amber is amber; amber and above green
    assert status(HIGHER, value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(20.1, RED), (20, AMBER), (10.01, AMBER), (10, GREEN), (5, GREEN), (0, GREEN)],
)
def test_lower_is_better_boundaries(value: float, expected: str) -> None:
    # above red is red; above amber up to red is amber; amber and below is green
    assert status(LOWER, value) == expected


@pytest.mark.parametrize(
    ("direction", "value", "expected"),
    [
        ("higher-is-better", 80, ON_TARGET),
        ("higher-is-better", 79.9, OFF_TARGET),
        ("higher-is-better", 95, ON_TARGET),
        ("lower-is-better", 80, ON_TARGET),
        ("lower-is-better", 80.1, OFF_TARGET),
        ("lower-is-better", 3, ON_TARGET),
    ],
)
def test_without_thresholds_a_value_is_on_or_off_target(
    direction: str, value: float, expected: str
) -> None:
    assert status(indicator(direction, None, 80), value) == expected
