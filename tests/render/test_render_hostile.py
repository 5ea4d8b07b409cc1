"""Hostile text stays text: templates never evaluate it, HTML escapes it, tables hold."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from render_helpers import FIXTURES, render_text, split_row

from rmf.render.markup import block, inline, label, list_item

HOSTILE = FIXTURES / "hostile.yaml"
MD = render_text(HOSTILE)
HTML = render_text(HOSTILE, "html")


class Elements(HTMLParser):
    """Every element and attribute of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]


def elements(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    return parser


def test_template_syntax_in_data_is_never_evaluated() -> None:
    index = MD["index.md"]
    assert "Evil {{ 7*7 }} framework" in index
    assert "{% if true %}co{% endif %}" in index
    assert "{{ config }}" in index and "{{ range(10**9)|list }}" in index
    assert "49" not in index


@pytest.mark.parametrize("path", [p for p in HTML if p.endswith(".html")])
def test_html_pages_carry_no_script_style_image_or_javascript_link(path: str) -> None:
    page = elements(HTML[path])
    assert {"script", "img", "iframe", "object", "link"}.isdisjoint(page.tags)
    assert not [v for k, v in page.attrs if k in ("src", "srcset")]  # self-contained
    assert page.tags.count("style") == 1  # the page's own stylesheet, nothing from the data
    assert not [v for k, v in page.attrs if k.startswith("on")]
    assert not [v for k, v in page.attrs if "javascript:" in v.lower()]
    assert "&lt;script&gt;" in HTML[path] or "<script" not in HTML[path].lower()


def test_html_escapes_text_in_titles_headings_and_svg() -> None:
    brm = HTML["positions/brm.html"]
    assert "<title>Relationship &lt;/title&gt;&lt;script&gt;" in brm
    index = HTML["index.html"]
    assert "IT &lt;/text&gt;&lt;script&gt;" in index  # inside an SVG <text>
    assert "&lt;b&gt;bold&lt;/b&gt;" in index


@pytest.mark.parametrize("path", [p for p in MD if p.endswith(".md")])
def test_every_markdown_table_row_keeps_its_columns(path: str) -> None:
    lines = MD[path].splitlines()
    for i, line in enumerate(lines):
        if line.startswith("|") and (i == 0 or not lines[i - 1].startswith("|")):
            width = len(split_row(line))
            j = i
            while j < len(lines) and lines[j].startswith("|"):
                assert len(split_row(lines[j])) == width, (path, lines[j])
                j += 1


def test_markdown_keeps_the_outline_of_the_document() -> None:
    # a heading in user text is demoted below the document's own levels (1 to 3)
    for text in MD.values():
        ours = [line for line in text.splitlines() if re.match(r"#{1,3} ", line)]
        assert not [h for h in ours if "heading" in h.lower()]
    assert "#### Injected heading" in MD["index.md"]
    assert "\\```" in MD["index.md"]


def test_raw_html_is_escaped_in_markdown_too() -> None:
    # GitHub renders raw HTML in Markdown; escaped, it shows as the text it is
    for path, text in MD.items():
        assert not re.search(r"(?<!\\)<(?!br/>)", text), path  # <br/> only in Mermaid labels
    assert "\\<script>alert('name')\\</script>" in MD["index.md"]


# --- the escaping functions -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain *emphasis* and [a link](https://example.org)", None),
        ("a | b", "a \\| b"),
        ("already \\| escaped", None),
        ("two \\\\| backslashes", "two \\\\\\| backslashes"),
        ("line\nbreak\r\nand  spaces", "line break and spaces"),
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("12. item", "12\\. item"),
        ("> quote", "\\> quote"),
        ("```fence", "\\```fence"),
        ("<b>", "\\<b>"),
        ("#hashtag", None),
        ("[ref]: https://example.org", "\\[ref]: https://example.org"),
    ],
)
def test_inline_escapes_only_what_breaks_structure(text: str, expected: str | None) -> None:
    assert inline(text) == (text if expected is None else expected)


@pytest.mark.parametrize("text", ["a | b <c>\n# d", "- x | y", "`|`", "\\\\|"])
def test_escaping_is_idempotent(text: str) -> None:
    assert inline(inline(text)) == inline(text)
    assert block(block(text)) == block(text)
    assert label(label(text)) == label(text)


def test_block_keeps_lists_and_paragraphs_demotes_headings_and_escapes_fences() -> None:
    text = "Para *one*.\n\n- item\n- item\n\n# Heading\n```\ncode\n```\n---\nx\n==="
    assert block(text).splitlines() == [
        "Para *one*.",
        "",
        "- item",
        "- item",
        "",
        "#### Heading",
        "\\```",
        "code",
        "\\```",
        "\\---",
        "x",
        "\\===",
    ]


def test_label_escapes_brackets_so_a_link_stays_one_link() -> None:
    assert label("a ] b [c") == "a \\] b \\[c"
    assert re.fullmatch(r"[^\[\]]*(\\[\[\]][^\[\]]*)*", label("]]["))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_stays_in_its_table_cell(text: str) -> None:
    tokens = MarkdownIt("commonmark").enable("table").parse(f"| h |\n|---|\n| {inline(text)} |\n")
    kinds = [t.type for t in tokens]
    assert kinds.count("td_open") == 1 and kinds.count("tr_open") == 2


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_stays_in_its_list_item_and_adds_no_block(text: str) -> None:
    tokens = MarkdownIt("commonmark").parse(f"## Title\n\n- {inline(text)}\n\nAfter.\n")
    kinds = [t.type for t in tokens]
    assert kinds.count("heading_open") == 1 and kinds.count("list_item_open") == 1
    assert not {"fence", "code_block", "html_block", "hr", "blockquote_open"} & set(kinds)
    assert kinds[-3:] == ["paragraph_open", "inline", "paragraph_close"]
    if text.strip():  # nothing the text says may vanish (as a link definition would)
        item = kinds.index("list_item_open")
        assert tokens[item + 2].type == "inline" and tokens[item + 2].content.strip()


def test_a_list_in_a_list_item_stays_inside_the_item() -> None:
    text = "Lead the unit:\n\n- plan\n- budget\n\n## Notes\nMore."
    assert list_item(text, " — *50% of time*").splitlines() == [
        "Lead the unit: — *50% of time*",
        "",
        "    - plan",
        "    - budget",
        "",
        "    ##### Notes",
        "    More.",
    ]
    tokens = MarkdownIt("commonmark").parse("1. " + list_item(text) + "\n2. Next\n")
    assert [t.type for t in tokens].count("list_item_open") == 4  # two items, two inside
