"""YAML that does not parse for its indentation: the line to fix, in plain words."""

from __future__ import annotations

import pytest

from rmf.reading.reader import PARSERS, read_text

# (text, line, column, message): the same from either parser
CASES = {
    "a key indented less than the keys beside it": (
        "framework:\n    id: x\n    name: y\n   client: z\n",
        (4, 4, "line 4 is indented 3 spaces; the keys of `framework` are indented 4"),
    ),
    "a key indented more than the keys beside it": (
        "framework:\n  id: x\n    name: y\n  client: z\n",
        (3, 5, "line 3 is indented 4 spaces; the keys of `framework` are indented 2"),
    ),
    "a list item indented less than the items before it": (
        "members:\n  - role: a\n - role: b\n",
        (3, 2, "line 3 is indented 1 space; the items of `members` are indented 2"),
    ),
    "a list item indented more than the items before it": (
        "members:\n  - role: a\n   - role: b\n",
        (3, 4, "line 3 is indented 3 spaces; the items of `members` are indented 2"),
    ),
    "a key of a list item out of line": (
        "members:\n  - role: a\n   voting: false\n",
        (3, 4, "line 3 is indented 3 spaces; the keys of each `members` item are indented 4"),
    ),
    "a top-level key indented": (
        "rmf: 1\n framework:\n  id: x\n",
        (2, 2, "line 2 is indented 1 space; top-level keys are not indented"),
    ),
    "a top-level key indented first": (
        "  rmf: 1\nframework:\n  id: x\n",
        (1, 3, "line 1 is indented 2 spaces; top-level keys are not indented"),
    ),
    "a tab in the indentation": (
        "framework:\n  id: x\n\tname: y\n",
        (3, 1, "a tab indents this line; YAML indents with spaces"),
    ),
    "a tab after spaces": (
        "framework:\n  id: x\n \tname: y\n",
        (3, 2, "a tab indents this line; YAML indents with spaces"),
    ),
    # the parser trips on the line after the one that is out of line: that one is named
    "the first item alone out of line": (
        "units:\n    - id: a\n  - id: b\n  - id: c\n",
        (2, 5, "line 2 is indented 4 spaces; to line up with the lines below it, indent it 2"),
    ),
    "the first key after a dash alone out of line": (
        "units:\n  -   id: a\n    name: A\n    kind: it\n",
        (2, 7, "line 2 has 3 spaces after its `-`; to line up with the lines below it, leave 1"),
    ),
    "the first key after a dash alone out of line, deeper in": (
        "units:\n  -     id: a\n    name: A\n    kind: it\n",
        (2, 9, "line 2 has 5 spaces after its `-`; to line up with the lines below it, leave 1"),
    ),
    "the first key alone out of line": (
        "framework:\n   id: x\n  name: y\n  client: z\n",
        (2, 4, "line 2 is indented 3 spaces; to line up with the lines below it, indent it 2"),
    ),
    "a key dedented out of its mapping": (
        "framework:\n  id: x\nname: y\n  client: z\n  status: draft\n",
        (3, 1, "line 3 is not indented; the keys of `framework` are indented 2"),
    ),
    "the first key under a section not indented": (
        "rmf: 1\nframework:\nid: x\n  name: y\n  client: z\n",
        (3, 1, "line 3 is not indented; the keys of `framework` are indented 2"),
    ),
    "a line that is not key: value": (
        "framework:\n  id: x\n  name y\n  client: z\n",
        (
            3,
            3,
            "line 3 is not `key: value`: add the missing `:`, or, if it continues the text "
            "of `id`, indent it more than `id`",
        ),
    ),
    "text continued no further in than its key": (
        "framework:\n  id: x\n  description: a long text\n  that goes on\n  client: z\n",
        (
            4,
            3,
            "line 4 is not `key: value`: add the missing `:`, or, if it continues the text "
            "of `description`, indent it more than `description`",
        ),
    ),
    "text of a block scalar indented less": (
        "framework:\n  description: |\n    one\n    two\n   three\n  client: z\n",
        (5, 4, "line 5 is indented 3 spaces; the text of `description` is indented 4"),
    ),
    "the items of a key indented no more than it": (
        "plan:\n  purpose: x\n  objectives:\n - one\n - two\n",
        (4, 2, "line 4 is indented 1 space; the items of `objectives` are indented 4"),
    ),
    "a line as near to two mappings": (
        "governance:\n  - id: a\n    name: b\n  policies:\n  - id: c\n",
        (
            4,
            3,
            "line 4 is indented 2 spaces; the keys of each `governance` item are indented 4, "
            "top-level keys are not indented",
        ),
    ),
    "the keys of a mapping with an anchor": (
        "q: &q\n  experience: x\n   knowledge: y\n",
        (3, 4, "line 3 is indented 3 spaces; the keys of `q` are indented 2"),
    ),
    "a colon inside a value": (
        "framework:\n  name: Meeting: Finance and IT\n",
        (2, 16, "a `: ` inside a value reads as a new key; put the value in quotes"),
    ),
}


@pytest.mark.parametrize("parser", sorted(PARSERS))
@pytest.mark.parametrize(("text", "expected"), list(CASES.values()), ids=list(CASES))
def test_an_indentation_mistake_names_the_line_and_both_indentations(
    parser: str, text: str, expected: tuple[int, int, str]
) -> None:
    doc = read_text(text, "f.yaml", parser)
    assert [(f.line, f.column, f.message) for f in doc.findings] == [expected]
    assert doc.findings[0].code == "yaml-syntax"


@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_a_mistake_that_is_not_of_indentation_keeps_the_parsers_place(parser: str) -> None:
    [finding] = read_text("a: [1, 2\nb: 3\n", "f.yaml", parser).findings
    assert (finding.line, finding.column, finding.code) == (2, 2, "yaml-syntax")
    assert finding.message.startswith("YAML syntax error: ")


@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_windows_line_ends_count_lines_as_the_parser_does(parser: str) -> None:
    text = "framework:\r\n    id: x\r\n    name: y\r\n   client: z\r\n"
    [finding] = read_text(text, "f.yaml", parser).findings
    assert (finding.line, finding.column) == (4, 4)
    assert finding.message.startswith("line 4 is indented 3 spaces")
