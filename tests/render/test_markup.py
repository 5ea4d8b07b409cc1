"""The Markdown helpers every document goes through."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rmf.render.markup import normalize

SPACES = [*" \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000", "a", "#", "-"]


@given(st.text(alphabet=st.sampled_from(SPACES)) | st.text())
def test_normalize_leaves_no_trailing_space_no_blank_runs_and_one_final_newline(
    text: str,
) -> None:
    out = normalize(text)
    lines = out.split("\n")
    assert (out.endswith("\n") and not out.endswith("\n\n")) or out == "\n"
    assert "\r" not in out and "\n\n\n" not in out
    assert all(line == line.rstrip() for line in lines)
    assert not out.startswith("\n") or out == "\n"
    assert normalize(out) == out
    # the words stay, in their order
    assert out.split() == text.replace("\r", "\n").split()


def test_normalize_keeps_single_blank_lines_and_leading_indentation() -> None:
    text = "\n\n# Title  \r\n\r\n\r\n  - item\t\n    more \n\n\n"
    assert normalize(text) == "# Title\n\n  - item\n    more\n"
