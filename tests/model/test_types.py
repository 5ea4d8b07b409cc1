"""The constrained types of the model."""

from __future__ import annotations

import typing

from rmf.model.types import BY_FREQUENCY, Frequency


def test_the_frequency_order_holds_every_frequency_once() -> None:
    assert sorted(BY_FREQUENCY) == sorted(typing.get_args(Frequency))
