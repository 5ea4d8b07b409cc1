"""Helpers every document's view uses."""

from __future__ import annotations

import posixpath

import pytest

from rmf.render.derive import _relative


@pytest.mark.parametrize("folder", ["", ".", "positions", "charters", "a/b"])
@pytest.mark.parametrize(
    "path",
    ["index.md", "positions/cio.md", "charters/board.md", "relationships/x.md", "a/b/c.md"],
)
def test_relative_paths_agree_with_posixpath(path: str, folder: str) -> None:
    assert _relative(path, folder) == posixpath.relpath(path, folder or ".")
