"""HTML that prints whole: wide tables scroll on screen and go on landscape pages in
print, tables too wide even for those print in parts of their columns, tree labels wrap."""

from __future__ import annotations

import re

from rmf.render.diagrams import Node, svg
from rmf.render.engine import css_string
from rmf.render.markup import to_html


def table(columns: int, word: str) -> str:
    head = "| " + " | ".join(f"Heading {i}" for i in range(columns)) + " |\n"
    rule = "|---" * columns + "|\n"
    row = "| " + " | ".join(f"{word}{i}" for i in range(columns)) + " |\n"
    return head + rule + row


def html(markdown: str) -> str:
    return to_html(markdown, "index.md", frozenset(), {})


def test_every_table_scrolls_in_a_box_of_its_own() -> None:
    out = html(table(2, "x"))
    assert out.startswith('<div class="table-wrap" tabindex="0"><table>')
    assert out.rstrip().endswith("</table>\n</div>")


def test_a_wide_table_and_its_heading_print_on_landscape_pages() -> None:
    out = html("## Catalogue\n\nEvery indicator.\n\n" + table(9, "Relationship"))
    assert '<h2 class="leads-wide"' in out and '<p class="leads-wide">' in out
    assert out.count('class="table-wrap wide"') == 1 and "print-only" not in out


def test_a_table_too_wide_for_landscape_prints_in_parts_that_keep_every_column() -> None:
    out = html(table(16, "Relationship"))
    assert out.count("table-wrap wide screen-only") == 1
    parts = re.findall(r'<div class="table-wrap wide print-only".*?</div>', out, re.S)
    assert len(parts) >= 2
    shown = [re.findall(r"<th>(.*?)</th>", p) for p in parts]
    assert all(heads[0] == "Heading 0" for heads in shown)  # each part names its rows
    assert sorted({h for heads in shown for h in heads}) == sorted(
        f"Heading {i}" for i in range(16)
    )


def test_tree_labels_wrap_and_are_never_cut_short() -> None:
    name = "Office of the President and Chief Executive Officer of the Corporation and its Board"
    picture = svg(
        [Node("a", name, "Head: President and Chief Executive Officer", None)], "t", False
    )
    words = re.findall(r">([^<>]+)</text>", picture)
    assert " ".join(words).split() == [
        *name.split(),
        *["Head:", "President", "and", "Chief", "Executive", "Officer"],
    ]
    assert "…" not in picture


def test_footer_text_is_a_safe_css_string() -> None:
    assert css_string('A "b"\nC</style>') == '"A \\22 b\\22 \\a C\\3c /style\\3e "'
