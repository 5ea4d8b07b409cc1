"""Tree diagrams (org chart, governance structure) as Mermaid text and as laid-out SVG."""

from __future__ import annotations

import functools
import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

from rmf.render.markup import Md

BOX_W, LINE_H, PAD, GAP_X, GAP_Y = 190, 16, 8, 24, 36
WRAP = 26  # characters of a line in a box; a longer word has a line of its own
CHAR_W = 6.6  # average width of a 12px sans-serif glyph, for sizing boxes without a font


@dataclass(frozen=True)
class Node:
    """A box in a tree: its id, the lines it shows, and its parent (None for a root)."""

    id: str
    title: str
    subtitle: str | None
    parent: str | None


# Fixed settings of charts drawn with matplotlib: the files are the same, byte for byte,
# on every run.
CHART_SETTINGS: dict[str, Any] = {
    "svg.hashsalt": "rmf",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.edgecolor": "#5b6775",
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@dataclass(frozen=True)
class Diagram:
    """One diagram in every form: Mermaid for Markdown, SVG for HTML, and a picture for
    Word where a list cannot show it (None: Word lists the diagram's nodes). A chart
    drawn only on demand gives `draw` instead, returning (SVG, PNG)."""

    title: str
    mermaid: Md
    svg: str = ""
    png: bytes | None = None
    draw: Callable[[], tuple[str, bytes | None]] | None = field(
        default=None, compare=False, repr=False
    )
    chart: bool = False  # drawn on demand as a picture for Word too (a tree is a list there)
    # what a diagram drawn on demand is drawn from, where the Mermaid text cannot say it
    # all (names it must simplify, a title it does not show)
    drawn_from: str = ""

    @property
    def identity(self) -> tuple[str, str, str, str]:
        """Equal for two diagrams only when they show the same picture."""
        return (self.title, str(self.mermaid), self.svg, self.drawn_from)

    def image(self) -> str:
        """The SVG, drawn now if it is drawn on demand."""
        return self.draw()[0] if self.draw is not None else self.svg

    def picture(self) -> bytes | None:
        """The PNG for Word, drawn now if it is a chart drawn on demand."""
        if self.draw is not None and self.chart:
            return self.draw()[1]
        return self.png


def forest(nodes: Sequence[tuple[str, str | None]]) -> tuple[list[str], dict[str, list[str]]]:
    """Roots and children of (id, parent) pairs, in the given order. A parent that is
    missing, or that would close a cycle (possible with the cycle rule off), makes the
    node a root, so every node appears exactly once and any input lays out."""
    known = {ident for ident, _ in nodes}
    parent = {ident: up if up in known else None for ident, up in nodes}
    for ident, _ in nodes:
        seen, current = {ident}, parent[ident]
        while current is not None:
            if current in seen:
                parent[ident] = None
                break
            seen.add(current)
            current = parent[current]
    children: dict[str, list[str]] = {ident: [] for ident, _ in nodes}
    roots = []
    for ident, _ in nodes:
        up = parent[ident]
        if up is None:
            roots.append(ident)
        else:
            children[up].append(ident)
    return roots, children


def _forest(nodes: Sequence[Node]) -> tuple[list[str], dict[str, list[str]]]:
    return forest([(n.id, n.parent) for n in nodes])


def _depths(roots: list[str], children: dict[str, list[str]]) -> dict[str, int]:
    depth: dict[str, int] = {}
    stack = [(r, 0) for r in reversed(roots)]
    while stack:
        node, d = stack.pop()
        depth[node] = d
        stack.extend((c, d + 1) for c in reversed(children[node]))
    return depth


def _slots(roots: list[str], children: dict[str, list[str]]) -> dict[str, float]:
    """Tidy placement across the tree: leaves take consecutive slots, each parent is
    centred over its children, so subtrees never overlap."""
    slot: dict[str, float] = {}
    next_leaf = 0

    def place(node: str) -> None:
        nonlocal next_leaf
        kids = children[node]
        if not kids:
            slot[node] = next_leaf
            next_leaf += 1
            return
        for kid in kids:
            place(kid)
        slot[node] = (slot[kids[0]] + slot[kids[-1]]) / 2

    for root in roots:
        place(root)
    return slot


def _wrap(text: str) -> list[str]:
    """A label's lines: every word whole, none cut short; boxes grow to hold them."""
    return textwrap.wrap(text, WRAP, break_long_words=False, break_on_hyphens=True)


def _lines(node: Node) -> list[str]:
    lines = _wrap(node.title) or [""]
    if node.subtitle:
        lines += _wrap(node.subtitle)
    return lines


def _mermaid_text(text: str) -> str:
    # Mermaid entity codes keep quotes, markup and fence backticks out of the source.
    out = text.replace("#", "#35;").replace("&", "#amp;").replace('"', "#quot;")
    out = out.replace("<", "#lt;").replace(">", "#gt;").replace("`", "#96;")
    return " ".join(out.split())


def mermaid(nodes: Sequence[Node], across: bool) -> Md:
    """A Mermaid flowchart; node names are positional so no id can clash with a keyword."""
    children = _forest(nodes)[1]
    name = {n.id: f"n{i + 1}" for i, n in enumerate(nodes)}
    out = [f"flowchart {'LR' if across else 'TB'}"]
    for n in nodes:
        text = _mermaid_text(n.title)
        if n.subtitle:
            text += "<br/>" + _mermaid_text(n.subtitle)
        out.append(f'  {name[n.id]}["{text}"]')
    for n in nodes:
        out.extend(f"  {name[n.id]} --> {name[c]}" for c in children[n.id])
    return Md("\n".join(out))


def svg(nodes: Sequence[Node], title: str, across: bool) -> str:
    """An SVG tree: top-down, or left-to-right when `across` (wide, shallow trees)."""
    roots, children = _forest(nodes)
    depth, slot = _depths(roots, children), _slots(roots, children)
    lines = {n.id: _lines(n) for n in nodes}
    box_h = max((len(v) for v in lines.values()), default=1) * LINE_H + 2 * PAD
    # wider for a word longer than a line, which has a line of its own (7.3 px a letter)
    longest = max((len(line) for v in lines.values() for line in v), default=0)
    box_w = BOX_W if longest <= WRAP else math.ceil(longest * 7.3) + 2 * PAD
    step_depth = (box_w + GAP_X * 2) if across else (box_h + GAP_Y)
    step_slot = (box_h + GAP_Y // 2) if across else (box_w + GAP_X)

    def corner(node: str) -> tuple[float, float]:
        a, b = depth[node] * step_depth, slot[node] * step_slot
        return (a, b) if across else (b, a)

    width = max((corner(n.id)[0] for n in nodes), default=0) + box_w
    height = max((corner(n.id)[1] for n in nodes), default=0) + box_h
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
        f'width="{width:g}" height="{height:g}" role="img" aria-label="{escape(title)}" '
        'font-family="sans-serif" font-size="12">',
        f"<title>{escape(title, quote=False)}</title>",
    ]
    for n in nodes:
        for kid in children[n.id]:
            (px, py), (cx, cy) = corner(n.id), corner(kid)
            if across:
                x1, y1, x2, y2 = px + box_w, py + box_h / 2, cx, cy + box_h / 2
                mid = (x1 + x2) / 2
                path = f"M{x1:g} {y1:g}H{mid:g}V{y2:g}H{x2:g}"
            else:
                x1, y1, x2, y2 = px + box_w / 2, py + box_h, cx + box_w / 2, cy
                mid = (y1 + y2) / 2
                path = f"M{x1:g} {y1:g}V{mid:g}H{x2:g}V{y2:g}"
            parts.append(f'<path d="{path}" fill="none" stroke="#888" stroke-width="1.2"/>')
    for n in nodes:
        x, y = corner(n.id)
        parts.append(
            f'<g><rect x="{x:g}" y="{y:g}" width="{box_w}" height="{box_h}" rx="4" '
            'fill="#f4f7fb" stroke="#36546f" stroke-width="1.2"/>'
        )
        title_lines = len(_wrap(n.title)) or 1
        top = y + (box_h - len(lines[n.id]) * LINE_H) / 2 + LINE_H - 4
        for i, line in enumerate(lines[n.id]):
            style = ' font-weight="bold"' if i < title_lines else ' fill="#444"'
            parts.append(
                f'<text x="{x + box_w / 2:g}" y="{top + i * LINE_H:g}" text-anchor="middle"'
                f"{style}>{escape(line, quote=False)}</text>"
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)


def tree(title: str, nodes: Sequence[Node], across: bool | None = None) -> Diagram:
    """A tree in both forms; laid out across the page when it is wider than deep, unless
    `across` says which way (a hierarchy read from the top: `across=False`)."""
    roots, children = _forest(nodes)
    if across is None:
        leaves = sum(1 for n in nodes if not children[n.id])
        levels = max(_depths(roots, children).values(), default=0) + 1
        across = leaves > 4 and leaves > levels
    # drawn only when a page shows it: Markdown never does
    drawing = functools.cache(lambda: (svg(nodes, title, across), None))
    facts = repr((tuple(nodes), across))
    return Diagram(title, mermaid(nodes, across), draw=drawing, drawn_from=facts)
