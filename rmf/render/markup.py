"""Markdown safety for user text, and Markdown turned into HTML with diagrams inlined."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache, lru_cache
from html import escape
from typing import TYPE_CHECKING, Any

from rmf.render.images import Pictures, remote

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
    return _inline(str(value))


@lru_cache(maxsize=1 << 16)  # names and values recur in document after document
def _inline(text: str) -> Md:
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


# What every `{{ … }}` of a Markdown template outputs: inline-escaped unless safe.
finalize: Callable[[Any], Md] = inline


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


def heading_text(inline: Token) -> str:
    """The text of a heading that its anchor is made from."""
    return "".join(c.content for c in inline.children or [] if c.type == "text")


class Anchors:
    """The anchors of a document's headings, in order, each unique as GitHub makes them:
    a heading whose anchor is taken gets `-1`, `-2`… (the first number not taken), so
    in-page links work alike in Markdown, HTML, Word and PDF."""

    def __init__(self) -> None:
        self._taken: dict[str, int] = {}

    def add(self, text: str) -> str:
        """The anchor of the next heading, whose text is `text`."""
        base = anchor = slug(text)
        while anchor in self._taken:
            self._taken[base] += 1
            anchor = f"{base}-{self._taken[base]}"
        self._taken[anchor] = 0
        return anchor


def heading_anchors(tokens: Sequence[Token], anchors: Anchors | None = None) -> list[str]:
    """The anchor of every heading among parsed Markdown tokens, in order; continuing
    `anchors` when given (the headings of the document before these)."""
    anchors = anchors if anchors is not None else Anchors()
    return [
        anchors.add(heading_text(tokens[i + 1]))
        for i, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


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
    md.add_render_rule("image", _image)
    md.add_render_rule("heading_open", _heading_open)
    md.add_render_rule("td_open", _td_open)
    md.core.ruler.push("headless_tables", _headless_tables)
    md.core.ruler.push("wide_tables", _wide_tables)
    md.add_render_rule("table_open", _table_open)
    md.add_render_rule("table_close", _table_close)
    return md


@cache
def _plain_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


def markdown_tokens(markdown: str) -> list[Token]:
    """The block tokens of a Markdown document as rmf's HTML and Word output read it,
    without the rules that only lay it out."""
    return list(_plain_parser().parse(markdown))


# Inches across an A4 page between 14 mm margins, and the type size of printed tables:
# a table whose words need more goes on a landscape page when printed.
PRINT_WIDTH, PRINT_POINTS = 7.17, 9.0
# Inches across a landscape A4 page, and the type size of tables printed on it.
LANDSCAPE_WIDTH, LANDSCAPE_POINTS = 10.59, 8.0


def column_needs(rows: Sequence[Sequence[str]], points: float) -> list[float]:
    """The inches each column of a table (rows of cell text, the first its heading)
    needs in print at `points` to break no word."""
    from rmf.render.textwidth import CELL_PAD, longest_word

    count = max((len(r) for r in rows), default=0)
    need = []
    for c in range(count):
        cells = [(r[c], n == 0) for n, r in enumerate(rows) if c < len(r)]
        words = max((longest_word(text, bold) for text, bold in cells), default=0.0)
        need.append(words * points / 72 + CELL_PAD)
    return need


def wide(rows: Sequence[Sequence[str]]) -> bool:
    """Whether a table is too wide for a portrait page in print without breaking a word."""
    return sum(column_needs(rows, PRINT_POINTS)) > PRINT_WIDTH


def _cells(tokens: Sequence[Token], start: int) -> tuple[list[list[str]], int]:
    """The text of each cell of the table opening at `start`, and where it closes."""
    rows: list[list[str]] = []
    end = start + 1
    while tokens[end].type != "table_close":
        token = tokens[end]
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            rows[-1].append("".join(c.content for c in token.children or () if c.content))
        end += 1
    return rows, end


def _columns(tokens: Sequence[Token], keep: Sequence[int]) -> list[Token]:
    """Copies of a table's tokens with only the cells of the columns in `keep`."""
    out, column, inside = [], -1, True
    for token in tokens:
        if token.type == "tr_open":
            column = -1
        if token.type in ("th_open", "td_open"):
            column += 1
            inside = column in keep
        if inside:
            out.append(token.copy())
        if token.type in ("th_close", "td_close"):
            inside = True
    return out


def _headless_tables(state: Any) -> None:
    """A table whose heading row is empty (`| | |`, a cover's facts) shows without it."""
    tokens = state.tokens
    at = 0
    while at < len(tokens):
        if tokens[at].type == "thead_open":
            end = at
            while tokens[end].type != "thead_close":
                end += 1
            cells = [t for t in tokens[at:end] if t.type == "inline"]
            if all(not t.content.strip() for t in cells):
                del tokens[at : end + 1]
                continue
        at += 1


def _wide_tables(state: Any) -> None:
    """Mark each table too wide for a portrait page, and the heading and the few
    paragraphs that lead into it, so that they print on landscape pages together. A
    table too wide even for those is followed by its columns in parts that fit, each
    beginning with the first column, for print only: no column is lost on paper."""
    from rmf.render.textwidth import split_columns

    tokens = state.tokens
    parts_after: list[tuple[int, list[Token]]] = []
    for idx, token in enumerate(tokens):
        if token.type != "table_open":
            continue
        rows, end = _cells(tokens, idx)
        token.meta["wide"] = wide(rows)
        if not token.meta["wide"]:
            continue
        parts = split_columns(column_needs(rows, LANDSCAPE_POINTS), LANDSCAPE_WIDTH)
        if len(parts) > 1:
            token.meta["screen"] = True
            copies = []
            for keep in parts:
                part = _columns(tokens[idx : end + 1], keep)
                part[0].meta = {"wide": True, "print": True}
                copies.extend(part)
            parts_after.append((end + 1, copies))
        lead: list[Token] = []
        back = idx - 1
        while back >= 0 and len(lead) <= LEAD_BLOCKS:
            before = tokens[back]
            if before.type in ("paragraph_open", "heading_open") and before.level == 0:
                lead.append(before)
                if before.type == "heading_open":
                    for opening in lead:
                        opening.attrJoin("class", "leads-wide")
                    break
            elif before.level == 0 and before.type not in ("paragraph_close", "heading_close"):
                break
            back -= 1
    for at, copies in reversed(parts_after):
        tokens[at:at] = copies


LEAD_BLOCKS = 3  # paragraphs between a heading and its wide table that go with the table


def _table_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    """A table in a box of its own, which scrolls sideways on a narrow screen rather than
    running off it; marked `wide` for landscape pages when printed."""
    meta = tokens[idx].meta
    kind = "table-wrap wide" if meta.get("wide") else "table-wrap"
    if meta.get("screen"):  # its parts follow, for print
        kind += " screen-only"
    elif meta.get("print"):
        kind += " print-only"
    return f'<div class="{kind}" tabindex="0">' + str(self.renderToken(tokens, idx, options, env))


def _table_close(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return str(self.renderToken(tokens, idx, options, env)) + "</div>\n"


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
            href = path[: -len(".md")] + env["suffix"] + (f"#{fragment}" if fragment else "")
            token.attrSet("href", href)
    return str(self.renderToken(tokens, idx, options, env))


def _image(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    """A picture from the framework folder, embedded; any other picture is shown as its
    description, a link for a web address: opening the page fetches nothing."""
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = self.renderInlineAsText(token.children or [], options, env)
    pictures: Pictures | None = env.get("pictures")
    picture = pictures.get(src) if pictures is not None else None
    if picture is not None:
        return f'<img src="{picture.uri}" alt="{escape(alt)}">'
    if remote(src):
        return f'<a class="picture-link" href="{escape(src)}">{escape(alt or src)}</a>'
    return f'<span class="picture-missing">{escape(alt or src)}</span>'


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
    anchors: Anchors = env.setdefault("anchors", Anchors())
    tokens[idx].attrSet("id", anchors.add(heading_text(tokens[idx + 1])))
    return str(self.renderToken(tokens, idx, options, env))


def to_html(
    markdown: str,
    path: str,
    documents: frozenset[str],
    diagrams: Mapping[str, Callable[[], str]],
    suffix: str = ".html",
    pictures: Pictures | None = None,
) -> str:
    """HTML of one Markdown document at `path` (links to other .md documents go to their
    file with `suffix`; a mermaid block whose diagram is known becomes its inline SVG; a
    picture is embedded when `pictures` holds it, else shown as its description)."""
    env = {
        "folder": posixpath.dirname(path),
        "documents": documents,
        "diagrams": diagrams,
        "suffix": suffix,
        "pictures": pictures,
    }
    return str(parser().render(markdown, env))
