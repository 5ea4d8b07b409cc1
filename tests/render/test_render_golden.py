"""Golden files pin the rendered output of every shipped example and of the fixture.

Regenerate them only on purpose: `pytest tests/render --update-golden`, then review the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from render_helpers import FIXTURES, GOLDEN, read_tree, render_tree, tree_diff, write_tree

from conftest import shipped_frameworks

CASES = [*shipped_frameworks(), FIXTURES / "derived.yaml"]


def golden_dir(framework: Path, fmt: str) -> Path:
    return GOLDEN / framework.name.removesuffix(".yaml") / fmt


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("framework", CASES, ids=lambda p: p.name)
def test_rendered_output_matches_the_golden_files(
    framework: Path, fmt: str, update_golden: bool
) -> None:
    rendered = render_tree(framework, "html" if fmt == "html" else "md")
    folder = golden_dir(framework, fmt)
    if update_golden:
        shutil.rmtree(folder, ignore_errors=True)
        write_tree(folder, rendered)
        return
    assert folder.is_dir(), f"no golden files yet; run pytest --update-golden for {folder}"
    golden = read_tree(folder)
    assert golden == rendered, tree_diff(golden, rendered)


def test_every_golden_tree_belongs_to_an_example() -> None:
    # a renamed or removed example must not leave its golden files behind
    known = {f.name.removesuffix(".yaml") for f in CASES}
    assert {p.name for p in GOLDEN.iterdir() if p.is_dir()} <= known
