"""The YAML reader: YAML 1.2 data, positions of our own, and bad input as findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from rmf.reading.reader import MAX_DEPTH, Document, read_file, read_text


def codes(doc: Document) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.code) for f in doc.findings]


def test_scalars_follow_yaml_1_2_and_dates_stay_text() -> None:
    doc = read_text(
        "a: no\nb: on\nc: 2009-03-01\nd: 1.10\ne: 0x1F\nf: ~\ng: true\nh: '3'\n", "f.yaml"
    )
    assert doc.data == {
        "a": "no",
        "b": "on",
        "c": "2009-03-01",
        "d": 1.1,
        "e": 31,
        "f": None,
        "g": True,
        "h": "3",
    }


def test_every_key_value_and_item_keeps_its_position() -> None:
    doc = read_text("top:\n  key: value\n  list:\n    - one\n    - {x: 1}\n", "f.yaml")
    assert doc.pos is not None
    top = doc.pos.child("top")
    assert top is not None
    assert top.key_mark("key") == doc.pos.child("top").key_mark("key")  # type: ignore[union-attr]
    key = top.key_mark("key")
    assert key is not None and (key.line, key.column) == (2, 3)
    value = top.child("key")
    assert value is not None and (value.mark.line, value.mark.column) == (2, 8)
    items = top.child("list")
    assert items is not None
    second = items.child(1)
    assert second is not None and (second.mark.line, second.mark.column) == (5, 7)
    inner = second.child("x")
    assert inner is not None and inner.mark.file == "f.yaml"


def test_anchors_aliases_and_merge_keys_expand() -> None:
    doc = read_text("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\nl: &l [1, 2]\nk: *l\n", "f.yaml")
    assert doc.data["m"] == {"x": 1, "y": 3}
    assert doc.data["k"] == [1, 2]
    assert doc.pos is not None
    merged_x = doc.pos.child("m").child("x")  # type: ignore[union-attr]
    assert merged_x is not None and merged_x.mark.line == 1  # where the value really is


def test_merge_of_a_list_of_mappings_keeps_the_first_definition() -> None:
    doc = read_text("a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n", "f.yaml")
    assert doc.data["c"] == {"x": 1, "y": 2}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\na: 2\n", [(2, 1, "duplicate-key")]),
        ("a: !!python/object/apply:os.system ['echo hi']\n", [(1, 4, "forbidden-tag")]),
        ("a: !custom x\n", [(1, 4, "forbidden-tag")]),
        ("a: !!timestamp 2009-01-01\n", [(1, 4, "forbidden-tag")]),
        ("a:\n\t- b\n", [(2, 1, "yaml-syntax")]),
        ("a: [1\n", [(2, 1, "yaml-syntax")]),
        ("a: &a [*a]\n", [(1, 8, "alias")]),
        ("a: *nowhere\n", [(1, 4, "alias")]),
        ("", [(1, 1, "empty-file")]),
        ("# only a comment\n", [(1, 1, "empty-file")]),
        ("a: 1\n---\nb: 2\n", [(2, 1, "yaml-syntax")]),
        ("a: \x07\n", [(1, 4, "yaml-syntax")]),
        ("a: !!int x\n", [(1, 4, "yaml-syntax")]),
    ],
)
def test_bad_input_becomes_one_located_finding(text: str, expected: list[object]) -> None:
    assert codes(read_text(text, "f.yaml")) == expected


def test_core_tags_are_allowed() -> None:
    doc = read_text("a: !!str 3\nb: !!int '4'\nc: !!float 1\nd: !!bool true\n", "f.yaml")
    assert doc.data == {"a": "3", "b": 4, "c": 1.0, "d": True}


def test_alias_bomb_is_stopped() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    doc = read_text("\n".join(lines) + "\n", "f.yaml")
    assert [f.code for f in doc.findings] == ["too-large"]


def test_deep_nesting_is_refused_before_any_recursion() -> None:
    doc = read_text("[" * 5000, "f.yaml")
    assert codes(doc) == [(1, MAX_DEPTH + 1, "too-deep")]


def test_invalid_utf8_is_reported_by_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: 1\nb: 2\nc: caf\xe9\n")
    assert codes(read_file(str(path), "f.yaml")) == [(3, 7, "encoding")]


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    doc = read_file(str(path), "f.yaml")
    assert doc.ok and doc.data == {"a": 1}


def test_a_file_far_larger_than_a_framework_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("rmf.reading.reader.MAX_FILE_BYTES", 100)
    path = tmp_path / "f.yaml"
    path.write_text("a: " + "x" * 200 + "\n")
    assert codes(read_file(str(path), "f.yaml")) == [(1, 1, "too-large")]


def test_an_unreadable_file_is_a_finding(tmp_path: Path) -> None:
    assert [f.code for f in read_file(str(tmp_path), "dir").findings] == ["unreadable"]


@pytest.mark.parametrize("parser", ["libyaml", "ruamel"])
def test_unicode_line_separators_are_text_and_move_no_line(parser: str) -> None:
    # YAML 1.2 reads U+2028, U+2029 and NEL as text; text pasted from Word carries them
    text = 'a: "x\u2028y"\nb: |\n  one\u2029two\nc: x\u0085y\nd: [1\n'
    doc = read_text(text, "f.yaml", parser=parser)
    assert codes(doc) == [(6, 1, "yaml-syntax")]  # the end of the file: no line moved
    ok = read_text(text.replace("d: [1\n", "d: 1\n"), "f.yaml", parser=parser)
    assert ok.data == {"a": "x\u2028y", "b": "one\u2029two\n", "c": "x\u0085y", "d": 1}


def test_a_key_may_carry_a_core_tag() -> None:
    assert read_text("!!int 1: x\n", "f.yaml").data == {"1": "x"}


def test_a_key_with_a_nul_character_is_refused() -> None:
    assert codes(read_text('a:\n  "\\0merge": {x: 1}\n', "f.yaml")) == [(2, 3, "yaml-syntax")]


@pytest.mark.parametrize(
    "value",
    ["1" + "0" * 5000, "!!int 1" + "0" * 5000, "!!float 1" + "0" * 400, "0x" + "f" * 5000],
)
def test_a_number_too_large_to_print_is_located_not_raised(value: str) -> None:
    assert codes(read_text(f"a: 1\nb: {value}\n", "f.yaml")) == [(2, 4, "too-large")]


def test_large_numbers_a_framework_could_hold_are_read() -> None:
    doc = read_text("a: 1" + "0" * 400 + "\nb: 1e308\nc: 0x" + "f" * 64 + "\n", "f.yaml")
    assert doc.ok and doc.data == {"a": 10**400, "b": 1e308, "c": 16**64 - 1}
