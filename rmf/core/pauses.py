"""Holding Python's cycle collector through work that builds many objects and no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_one_shot = False


def one_shot(ending: bool = True) -> None:
    """Say that this process runs one command and ends: what a held block built is then
    kept out of later collections (frozen), instead of being walked by the first one.
    A command that lives on (`rmf serve`) says it does not (`ending=False`), so that
    what each of its runs leaves behind is collected."""
    global _one_shot
    _one_shot = ending


def ending() -> bool:
    """Whether this process runs one command and ends (`one_shot`)."""
    return _one_shot


@contextmanager
def no_collector_pauses() -> Iterator[None]:
    """Hold Python's cycle collector for the duration of a block.

    Reading a framework, or rendering its documents, builds hundreds of
    thousands of containers, each allocation a step towards a collection that
    walks them all and finds next to nothing (the data holds no cycles:
    recursive aliases are refused). Holding it cuts the time by a third to a
    half; what cycles there are go at the next collection after the block. In
    a one-shot process (`one_shot`) the block's objects are frozen instead: they
    live to the end of the command anyway, and the first collection after the
    block would walk every one of them to find next to nothing.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if _one_shot:
                gc.freeze()
            gc.enable()
