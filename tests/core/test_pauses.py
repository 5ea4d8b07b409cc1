"""Holding the cycle collector: frozen afterwards in a one-shot process, collected in one
that lives on."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from rmf.core.pauses import no_collector_pauses, one_shot


@pytest.fixture(autouse=True)
def _restored() -> Iterator[None]:
    yield
    one_shot(False)
    gc.unfreeze()
    gc.enable()


def test_the_collector_is_held_in_the_block_and_back_after_it() -> None:
    with no_collector_pauses():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_one_shot_process_freezes_what_the_block_built() -> None:
    one_shot()
    gc.unfreeze()
    with no_collector_pauses():
        built = [[i] for i in range(1000)]
    assert gc.get_freeze_count() >= len(built)


def test_a_process_that_lives_on_leaves_its_objects_to_the_collector() -> None:
    one_shot()
    one_shot(False)  # what `rmf serve` says
    gc.unfreeze()
    with no_collector_pauses():
        built = [[i] for i in range(1000)]
    assert gc.get_freeze_count() == 0 and len(built) == 1000
