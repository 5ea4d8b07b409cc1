"""The constrained types of the model."""

from __future__ import annotations

import typing
from collections.abc import Callable
from pathlib import Path

import pytest

from rmf.model.types import BY_FREQUENCY, Frequency
from rmf.validate.run import validate


def test_the_frequency_order_holds_every_frequency_once() -> None:
    assert sorted(BY_FREQUENCY) == sorted(typing.get_args(Frequency))


@pytest.mark.parametrize(
    ("target", "said"),
    [
        ("1e308", "must lie between -1,000,000,000,000,000 and 1,000,000,000,000,000"),
        ("-1" + "0" * 400, "must lie between -1,000,000,000,000,000 and 1,000,000,000,000,000"),
        (".inf", "must be a finite number"),
        (".nan", "must be a finite number"),
    ],
)
def test_an_indicator_figure_beyond_what_can_be_charted_is_located(
    target: str, said: str, framework_file: Callable[..., Path]
) -> None:
    result = validate(framework_file(("target: 80", f"target: {target}")))
    assert [(f.line, f.code, f.message) for f in result.findings] == [
        (81, "invalid-value", f"indicator `satisfaction`: `target` {said}")
    ]


def test_an_indicator_figure_of_a_quadrillion_is_accepted(
    framework_file: Callable[..., Path],
) -> None:
    result = validate(framework_file(("target: 2\n", "target: -1e15\n"), ("red: 10", "red: 1e15")))
    assert result.findings == []
