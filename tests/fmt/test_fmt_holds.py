"""What rmf reads, fmt holds (tabs, Unicode line breaks, dates, anchors, comments in flow
lists) or refuses with a located `fmt-unsafe` finding: never an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from rmf.cli.app import app
from rmf.core.errors import FrameworkError
from rmf.fmt.canonical import format_text
from rmf.reading.reader import read_text

runner = CliRunner()

HELD = {
    "tab before a comment": ("rmf: 1\t# the version\n", "rmf: 1 # the version\n"),
    "tab after a colon": ("rmf:\t1\n", "rmf: 1\n"),
    "tab inside a plain scalar": ("rmf: 1\nx-a: a\tb\n", "rmf: 1\nx-a: a\tb\n"),
    "tabs around a plain scalar's lines": ("rmf: 1\nx-a: a\t\n  \tb\n", "rmf: 1\nx-a: a b\n"),
    "tab after an anchor": ("rmf: 1\nx-a: &v\tb\nx-b: *v\n", "rmf: 1\nx-a: &v b\nx-b: *v\n"),
    "tab in a comment": ("rmf: 1\n# a\tb\n", "rmf: 1\n# a\tb\n"),
    "tab in a block scalar": ("rmf: 1\nx-a: |\n  a\tb\n", "rmf: 1\nx-a: |\n  a\tb\n"),
    "U+2028 in a plain scalar": ("rmf: 1\nx-a: a\u2028b\n", "rmf: 1\nx-a: a\u2028b\n"),
    "U+2028 in a quoted scalar": ('rmf: 1\nx-a: "a\u2028b"\n', 'rmf: 1\nx-a: "a\u2028b"\n'),
    "U+2028 in a comment": ("rmf: 1\n# a\u2028b\n", "rmf: 1\n# a\u2028b\n"),
    "NEL in a plain scalar": ("rmf: 1\nx-a: a\u0085b\n", "rmf: 1\nx-a: a\u0085b\n"),
    "NEL in an end-of-line comment": ("rmf: 1  # a\u0085b\n", "rmf: 1  # a\u0085b\n"),
    "U+2029 in a comment": ("rmf: 1\n# a\u2029b\n", "rmf: 1\n# a\u2029b\n"),
    "an impossible date": ("rmf: 1\nx-a: 2025-02-30\n", "rmf: 1\nx-a: 2025-02-30\n"),
    "text ruamel reads as numbers": ("rmf: 1\nx-a: 1_000\nx-b: _\n",) * 2,
    "a byte-order mark before a line": ("rmf: 1\nx-a:\n\ufeff b: 1\n", "rmf: 1\nx-a:\n  b: 1\n"),
    "a lone carriage return": ("rmf: 1\rx-a: b\r", "rmf: 1\nx-a: b\n"),
    "merge keys in one list": (
        "rmf: 1\nx-a: &a {p: 1}\nx-b: &b {q: 2}\nx-c:\n  <<: [*a, *b]\n",
        "rmf: 1\nx-a: &a {p: 1}\nx-b: &b {q: 2}\nx-c:\n  <<: [*a, *b]\n",
    ),
}


@pytest.mark.parametrize("case", sorted(HELD))
def test_fmt_holds_what_rmf_reads(case: str) -> None:
    text, expected = HELD[case]
    assert not read_text(text, "f").findings
    out = format_text(text)
    assert out == expected
    assert read_text(out, "f").data == read_text(text, "f").data
    assert format_text(out) == out


def test_unused_anchors_are_kept() -> None:
    text = (
        "rmf: 1\nx-defaults: &defaults {owner: brm}\nx-more: &more\n  a: 1\n"
        "x-list: &list [1, 2]\nx-word: &word hello\n"
    )
    assert format_text(text) == text


def test_a_comment_in_a_flow_list_stays_beside_its_item() -> None:
    text = "rmf: 1\nx-a: [a,  # why\n  b,\n  # before c\n  c]\nx-b: {p: 1, # one\n  q: 2}\n"
    assert format_text(text) == (
        "rmf: 1\nx-a:\n  - a  # why\n  - b\n  # before c\n  - c\nx-b:\n  p: 1 # one\n  q: 2\n"
    )


def test_a_flow_list_without_comments_stays_a_flow_list() -> None:
    text = "rmf: 1\nx-a: [a,\n  b]  # after\n"
    assert format_text(text) == "rmf: 1\nx-a: [a, b]  # after\n"


TWO_MERGES = "rmf: 1\nx-a: &a {p: 1}\nx-b: &b {q: 2}\nx-c:\n  <<: *a\n  <<: *b\n"


def test_two_merge_keys_are_refused_where_the_second_one_is() -> None:
    with pytest.raises(FrameworkError) as caught:
        format_text(TWO_MERGES, "f.yaml")
    assert [(f.line, f.column, f.code) for f in caught.value.findings] == [(6, 3, "fmt-unsafe")]
    assert "<<: [*a, *b]" in caught.value.findings[0].message


def test_the_cli_refuses_two_merge_keys_with_exit_1_and_leaves_the_file(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(TWO_MERGES, encoding="utf-8")
    assert runner.invoke(app, ["validate", str(path)]).exit_code != 3
    result = runner.invoke(app, ["fmt", str(path)])
    assert result.exit_code == 1
    assert "6:3" in result.stderr and "fmt-unsafe" in result.stderr
    assert path.read_text(encoding="utf-8") == TWO_MERGES
    assert [p.name for p in tmp_path.iterdir()] == ["f.yaml"]
