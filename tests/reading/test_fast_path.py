"""The libyaml fast path and the ruamel path read every framework identically."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FRAMEWORKS, ROOT
from generate import framework
from rmf.reading.reader import PARSERS, Pos, read_text

pytestmark = pytest.mark.skipif("libyaml" not in PARSERS, reason="PyYAML without libyaml")

EXAMPLES = sorted(
    p
    for p in [*FRAMEWORKS.rglob("*.yaml"), *(ROOT / "tests" / "examples" / "valid").rglob("*.yaml")]
)


def flatten(pos: Pos, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every position in a tree, with the path that leads to it."""
    out: list[tuple[object, ...]] = [(path, "value", tuple(pos.mark))]
    if pos.keys is not None and pos.values is not None:
        for key, mark in pos.keys.items():
            out.append(((*path, key), "key", tuple(mark)))
            out.extend(flatten(pos.values[key], (*path, key)))
    if pos.items is not None:
        for i, item in enumerate(pos.items):
            out.extend(flatten(item, (*path, i)))
    return out


def both(text: str) -> tuple[object, object]:
    fast = read_text(text, "f.yaml", parser="libyaml")
    slow = read_text(text, "f.yaml", parser="ruamel")
    return fast, slow


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_examples_give_identical_data_and_positions(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    fast = read_text(text, "f.yaml", parser="libyaml")
    slow = read_text(text, "f.yaml", parser="ruamel")
    assert fast.findings == slow.findings == []
    assert fast.data == slow.data
    assert fast.pos is not None and slow.pos is not None
    assert flatten(fast.pos) == flatten(slow.pos)


@pytest.mark.parametrize("units", [1, 7, 60])
def test_generated_frameworks_give_identical_data_and_positions(units: int) -> None:
    text = framework(units)
    fast = read_text(text, "f.yaml", parser="libyaml")
    slow = read_text(text, "f.yaml", parser="ruamel")
    assert fast.data == slow.data
    assert fast.pos is not None and slow.pos is not None
    assert flatten(fast.pos) == flatten(slow.pos)


def test_non_ascii_text_keeps_character_columns() -> None:
    text = "a: Montréal — Île\nb: [é, {c: ü}]\n'ключ': значение\n"
    fast = read_text(text, "f.yaml", parser="libyaml")
    slow = read_text(text, "f.yaml", parser="ruamel")
    assert fast.pos is not None and slow.pos is not None
    assert flatten(fast.pos) == flatten(slow.pos)
    assert fast.data == slow.data


@pytest.mark.parametrize(
    "text",
    ["a: 1\na: 2\n", "a: !!python/name:os.system x\n", "a: &a [*a]\n", "[" * 300, ""],
)
def test_both_refuse_hostile_input_the_same_way(text: str) -> None:
    fast = read_text(text, "f.yaml", parser="libyaml")
    slow = read_text(text, "f.yaml", parser="ruamel")
    assert [(f.code, f.line, f.column) for f in fast.findings] == [
        (f.code, f.line, f.column) for f in slow.findings
    ]


def test_help_and_version_import_no_yaml_models_or_templates() -> None:
    probe = (
        "import sys\n"
        "from rmf.cli.app import app\n"
        "helps = [['--help'], ['--version'], ['validate', '--help'], ['completion', '--help']]\n"
        "for args in helps:\n"
        "    try:\n"
        "        app(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "libs = ('yaml', 'ruamel.yaml', 'jinja2', 'rich.console', 'markdown_it',"
        " 'docx', 'matplotlib')\n"
        "core = [m for m in sys.modules if m.startswith('rmf.') and not m.startswith('rmf.cli')]\n"
        "heavy = core + [m for m in libs if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == "HEAVY:"
