"""Markdown safety for user text, and Markdown turned into HTML with diagrams inlined."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # markdown-it loads only when HTML or Word is made
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


class Md(str):
    """Text already safe to place in a Markdown document as it is."""

    __slots__ = ()


# A `|` or `<` preceded by an even number of backslashes is live syntax; escaping only
# those keeps every escape idempotent, so text escaped twice reads the same.
_SPACE = re.compile(r"\s+")
_LIVE_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")
_LIVE_ANGLE = re.compile(r"(?<!\\)((?:\\\\)*)<")
# What turns the start of a line into a block: heading, quote, list item, fence, rule.
_BLOCK_START = re.compile(
    r"^(?:#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|\d{1,9}[.)](?=\s|$)|`{3,}|~{3,}|"
    r"(?:[-*_=]\s*){3,}$|=+\s*$|\[[^\]]*\]:)"
)
# Text that cannot start a block and holds no `|`, `<`, line break, tab or run of
# spaces: inline() would return it unchanged (and nothing at all is plain too).
_PLAIN = re.compile(r"(?:[^\s|<#>+*\-\d`~=_\[\\](?:[^|<\s]| (?=\S))*)?\Z")
_BLOCK_LINE = re.compile(r"^( {0,3})(`{3,}|~{3,}|[=-]+\s*$|(?:[-*_]\s*){3,}$)")
_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=\s|$)")
# A heading in user text sits below the document's own (title, sections, subsections).
DEMOTE = 3


def _escape_start(text: str) -> str:
    match = _BLOCK_START.match(text)
    if match is None:
        return text
    start = match.group(0)
    if start[0].isdigit():
        digits = len(start.rstrip(".)"))
        return text[:digits] + "\\" + text[digits:]
    return "\\" + text


def inline(value: object) -> Md:
    """One line of user text: markdown kept, but nothing that could end a table cell, a
    list item or a heading, or open a block of its own."""
    if isinstance(value, Md):
        return value
    text = str(value)
    if _PLAIN.match(text):
        return Md(text)  # most text: words and single spaces, nothing to escape
    text = _SPACE.sub(" ", text)
    text = _LIVE_PIPE.sub(r"\1\\|", text)
    text = _LIVE_ANGLE.sub(r"\1\\<", text)
    # surrounding spaces stay, so `{{ "; " }}` in a template keeps its space
    body = text.lstrip(" ")
    return Md(text[: len(text) - len(body)] + _escape_start(body))


def label(value: object) -> Md:
    """User text as the label of a link: brackets escaped so the link stays a link."""
    text = inline(value)
    if "[" not in text and "]" not in text:
        return text
    return Md(re.sub(r"(?<!\\)((?:\\\\)*)([\[\]])", r"\1\\\2", text))


def block(value: object) -> Md:
    """Paragraphs of user text: lists, emphasis and links kept; headings demoted below
    the document's own; fences, rules and raw HTML escaped, so the text cannot change
    the outline of the document."""
    if isinstance(value, Md):
        return value
    lines = str(value).replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")
    out = []
    for line in lines:
        line = _LIVE_ANGLE.sub(r"\1\\<", line.rstrip())
        line = _BLOCK_LINE.sub(r"\1\\\2", line)
        out.append(_HEADING.sub(_demoted, line))
    return Md("\n".join(out))


def _demoted(match: re.Match[str]) -> str:
    return match.group(1) + "#" * min(len(match.group(2)) + DEMOTE, 6)


def list_item(value: object, suffix: str = "", indent: int = 4) -> Md:
    """User text as the body of a list item: its first line on the item's line (with the
    template's `suffix`, Markdown it wrote itself), and what follows (a list, more
    paragraphs) indented beneath it, so that it stays inside the item."""
    first, *rest = block(value).split("\n")
    pad = " " * indent
    return Md("\n".join([first + suffix, *(pad + line if line else "" for line in rest)]))


def finalize(value: Any) -> Md:
    """What every `{{ … }}` of a Markdown template outputs: inline-escaped unless safe."""
    return inline(value)


def normalize(text: str) -> str:
    """LF line endings, no trailing spaces, no runs of blank lines, one final newline."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


# --- Markdown → HTML ---------------------------------------------------------------


def slug(text: str) -> str:
    """The anchor GitHub gives a heading, so in-page links work in both formats."""
    text = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return text.replace(" ", "-")


@cache
def parser() -> MarkdownIt:
    """The Markdown parser of rmf's HTML and Word output."""
    from markdown_it import MarkdownIt

    # html=False: raw HTML in user text shows as text; commonmark has no linkify and
    # validateLink refuses javascript: and data: links.
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable("table")
    md.add_render_rule("fence", _fence)
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("heading_open", _heading_open)
    md.add_render_rule("td_open", _td_open)
    return md


def _fence(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    diagrams: Mapping[str, Callable[[], str]] = env["diagrams"]
    if token.info.strip() == "mermaid" and token.content.strip() in diagrams:
        return f'<figure class="diagram">{diagrams[token.content.strip()]()}</figure>\n'
    return f"<pre><code>{escape(token.content)}</code></pre>\n"


def _link_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    path, _, fragment = href.partition("#")
    if path.endswith(".md") and ":" not in path and not path.startswith("/"):
        target = posixpath.normpath(posixpath.join(env["folder"], path))
        if target in env["documents"]:
            href = path[: -len(".md")] + ".html" + (f"#{fragment}" if fragment else "")
            token.attrSet("href", href)
    return str(self.renderToken(tokens, idx, options, env))


# A table cell that opens with one of these shapes and a space holds a status (a
# scorecard's "■ Red", "▲ 3.5"): HTML and Word shade it, and the shape and word stay
# readable in black and white.
STATUS_SHAPES = {"red": "■", "amber": "▲", "green": "●", "none": "○"}
STATUS_SHADES = {"red": "F6D5D3", "amber": "FBE8C8", "green": "D9EFD9", "none": "ECEFF2"}
_STATUS_CELL = re.compile("^([" + "".join(STATUS_SHAPES.values()) + "]) ")
_SHADE_OF = {shape: state for state, shape in STATUS_SHAPES.items()}


def status_of(cell: str) -> str | None:
    """The status a table cell shows (`red`, `amber`, `green`, `none`), if any."""
    found = _STATUS_CELL.match(cell)
    return _SHADE_OF[found.group(1)] if found else None


def _td_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    inline_token = tokens[idx + 1] if idx + 1 < len(tokens) else None
    if inline_token is not None and inline_token.type == "inline":
        state = status_of(inline_token.content)
        if state is not None:
            tokens[idx].attrSet("class", f"status-{state}")
    return str(self.renderToken(tokens, idx, options, env))


def _heading_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    inline_token = tokens[idx + 1]
    anchor = slug("".join(c.content for c in inline_token.children or [] if c.type == "text"))
    seen: dict[str, int] = env.setdefault("anchors", {})
    count = seen.get(anchor, 0)
    seen[anchor] = count + 1
    tokens[idx].attrSet("id", anchor if count == 0 else f"{anchor}-{count}")
    return str(self.renderToken(tokens, idx, options, env))


def to_html(
    markdown: str, path: str, documents: frozenset[str], diagrams: Mapping[str, Callable[[], str]]
) -> str:
    """HTML of one Markdown document at `path` (links to other .md documents become .html;
    a mermaid block whose diagram is known becomes its inline SVG)."""
    env = {"folder": posixpath.dirname(path), "documents": documents, "diagrams": diagrams}
    return str(parser().render(markdown, env))
