"""Reworded text word by word: the runs that stayed, went and came, and the words around them."""

from __future__ import annotations

from pathlib import Path

from diff_helpers import write_pair
from typer.testing import CliRunner

from rmf.cli.app import app
from rmf.diff.notes import md_reword
from rmf.diff.words import Reword, around, word_diff

LONG = "Every business unit has one relationship manager and one backup, " * 3


def test_replaced_words_are_a_run_gone_then_a_run_came() -> None:
    assert word_diff("IT staff route new commitments", "IT staff agree every new commitment") == [
        ("same", "IT staff"),
        ("gone", "route"),
        ("came", "agree every"),
        ("same", "new"),
        ("gone", "commitments"),
        ("came", "commitment"),
    ]


def test_a_text_rewritten_whole_is_gone_and_came_whole() -> None:
    assert word_diff("Lead IT.", "Chair the forum every quarter.") == [
        ("gone", "Lead IT."),
        ("came", "Chair the forum every quarter."),
    ]


def test_a_long_text_shows_the_words_around_the_change() -> None:
    old, new = around(LONG + "Staff route requests.", LONG + "Staff send requests.")
    assert old == "… relationship manager and one backup, Staff route requests."
    assert new == "… relationship manager and one backup, Staff send requests."
    assert around("short", "texts") == ("short", "texts")


def test_markdown_strikes_out_what_went_and_bolds_what_came() -> None:
    assert md_reword(Reword("Sets IT priorities.", "Sets the *IT* priorities.")) == (
        "“Sets ~~IT~~ **the \\*IT\\*** priorities.”"
    )


def test_the_terminal_styles_the_words_that_changed(tmp_path: Path) -> None:
    old, new = write_pair(
        tmp_path, ("purpose: Sets IT priorities.", "purpose: Sets the IT priorities.")
    )
    result = CliRunner().invoke(app, ["diff", str(old), str(new)], env={"FORCE_COLOR": "1"})
    assert (
        "purpose: Sets IT priorities. → Sets \x1b[1;32mthe\x1b[0m IT priorities." in result.stdout
    )
    plain = CliRunner().invoke(app, ["diff", str(old), str(new)], env={"NO_COLOR": "1"})
    assert "purpose: Sets IT priorities. → Sets the IT priorities.  patch" in plain.stdout
