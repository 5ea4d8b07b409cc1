"""Control characters shown as escapes, in a string and through a writer's view model."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pytest

from rmf.core.printable import printable, printable_all


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b]0;pwned\x07", r"\x1b]0;pwned\x07"),
        ("a\tb\r\nc", r"a\tb\r\nc"),
        ("\x00\x7f\x85\x9b", r"\x00\x7f\x85\x9b"),
        ("\u2028\u2029", r"\u2028\u2029"),
        ("\u202a\u202e\u2066\u2069", r"\u202a\u202e\u2066\u2069"),
        ("Café — “quoted” ✔ 日本 \\x1b", "Café — “quoted” ✔ 日本 \\x1b"),
    ],
)
def test_control_characters_are_written_as_escapes(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_line_feeds_stay_when_the_output_shows_a_block() -> None:
    assert printable("one\x1b\ntwo\r\n", newlines=True) == "one\\x1b\ntwo\\r\n"


class Colour(StrEnum):
    RED = "red\x1b"


@dataclass(frozen=True)
class Leaf:
    name: str
    colour: Colour


@dataclass(frozen=True)
class Tree:
    title: str
    leaves: tuple[Leaf, ...]
    index: dict[str, list[str]]
    count: int = 0


def test_every_string_in_a_view_model_is_made_printable_and_nothing_else() -> None:
    tree = Tree("t\x1b", (Leaf("l\x07", Colour.RED),), {"k\x85": ["v\u2028"]}, 3)
    shown = printable_all(tree)
    assert shown == Tree(r"t\x1b", (Leaf(r"l\x07", Colour.RED),), {r"k\x85": [r"v\u2028"]}, 3)
    assert shown.leaves[0].colour is Colour.RED  # an enum member stays itself
    assert tree.title == "t\x1b"  # a copy: the original is untouched


@dataclass(frozen=True)
class Node:
    name: str
    children: tuple[Node, ...] = ()


def test_a_tree_deeper_than_the_recursion_limit_is_walked() -> None:
    import sys

    tree = Node("leaf\x1b")
    for _ in range(sys.getrecursionlimit() * 2):
        tree = Node("n", (tree,))
    shown = printable_all(tree)
    while shown.children:
        shown = shown.children[0]
    assert shown.name == r"leaf\x1b"


def test_a_named_tuple_and_a_pydantic_model_keep_their_kind() -> None:
    from typing import NamedTuple

    from rmf.model.framework import Metadata
    from rmf.render.views import Meta

    class Pair(NamedTuple):
        left: str
        right: int

    assert printable_all(Pair("\x07", 1)) == Pair(r"\x07", 1)
    meta = Metadata.model_validate(
        {"id": "acme", "name": "A\x1b", "client": "C", "version": "1.0.0", "status": "draft"}
    )
    shown = printable_all(meta)
    assert isinstance(shown, Metadata) and shown.name == r"A\x1b" and shown.id == "acme"
    assert printable_all(Meta("m", "n\x85", "c", "1", "s")).name == r"n\x85"


def test_what_holds_no_control_character_is_shared_not_copied() -> None:
    clean = Tree("t", (Leaf("l", Colour.RED),), {"k": ["v"]})
    assert printable_all(clean) is clean
    mixed = Tree("t", (Leaf("l", Colour.RED), Leaf("\x1b", Colour.RED)), {})
    assert printable_all(mixed).leaves[0] is mixed.leaves[0]


def test_no_line_ends_in_spaces_and_styles_still_end() -> None:
    from rmf.core.printable import trim_line_ends

    assert trim_line_ends("a  b   \nc\t\n\n  d ") == "a  b\nc\n\n  d"
    styled = "\x1b[1mname   \x1b[0m  \x1b[2m \x1b[0m\nnext \x1b[0m\n"
    assert trim_line_ends(styled) == "\x1b[1mname\x1b[0m\x1b[2m\x1b[0m\nnext\x1b[0m\n"


def test_no_color_sends_no_style_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    from rmf.core.printable import color_system

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert color_system() == "auto"
    monkeypatch.setenv("NO_COLOR", "")  # set but empty: no-color.org says colour stays
    assert color_system() == "auto"
    monkeypatch.setenv("NO_COLOR", "1")
    assert color_system() is None
