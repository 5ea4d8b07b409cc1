"""One look at a framework as the editor has it: buffers over the disk, files read again
only when their bytes changed, and the same findings either way."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from lsp_helpers import examples

from conftest import FRAMEWORKS, TODAY
from rmf.lsp.analysis import analyse
from rmf.reading.reader import Reuse
from rmf.validate.run import validate

DAY = date.fromisoformat(TODAY)
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _root(path: Path) -> Path:
    return (path / "framework.yaml" if path.is_dir() else path).resolve()


@pytest.mark.parametrize(
    "example",
    [
        *sorted(p for p in (EXAMPLES / "invalid").iterdir() if not p.name.startswith("_")),
        *sorted((EXAMPLES / "valid").iterdir()),
        FRAMEWORKS / "starter.yaml",
    ],
    ids=lambda p: p.name,
)
def test_a_second_look_reusing_documents_finds_what_validate_finds(example: Path) -> None:
    if example.is_dir() and not (example / "framework.yaml").is_file():
        pytest.skip("not a framework folder")
    expected = sorted(f.sort_key() for f in validate(_root(example), DAY).findings)
    reuse = Reuse()
    for _ in range(2):  # the second reuses every document of the first
        found = analyse(_root(example), {}, reuse, DAY)
        assert sorted(f.sort_key() for f in found.findings) == expected


def test_an_open_buffer_is_read_in_place_of_the_file(tmp_path: Path) -> None:
    edmonton = examples(tmp_path)
    governance = edmonton / "governance.yaml"
    text = governance.read_text(encoding="utf-8")
    root = _root(edmonton)
    reuse = Reuse()
    assert analyse(root, {}, reuse, DAY).findings == []
    edited = text.replace("    chair: board-chair\n", "    chair: nobody\n", 1)
    found = analyse(root, {str(governance.resolve()): edited}, reuse, DAY)
    assert [(f.file, f.code) for f in found.findings] == [
        (str(governance.resolve()), "unresolved-reference")
    ]
    assert str((edmonton / "units.yaml").resolve()) in found.files
    assert found.by_file()[str((edmonton / "units.yaml").resolve())] == []
    assert analyse(root, {}, reuse, DAY).findings == []  # the buffer closed: the disk again


def test_a_root_file_that_cannot_be_read_is_reported_not_raised(tmp_path: Path) -> None:
    edmonton = examples(tmp_path)
    root = _root(edmonton)
    found = analyse(root, {str(root): "rmf: [1\n"}, None, DAY)
    assert [f.code for f in found.findings] == ["yaml-syntax"]
    assert found.index is None
    gone = analyse(tmp_path / "nowhere" / "framework.yaml", {}, None, DAY)
    assert (gone.findings, gone.index) == ([], None)
