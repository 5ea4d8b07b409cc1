"""The trees rmf draws (org chart, governance structure) read back from their Mermaid text."""

from __future__ import annotations

import re

_NODE = re.compile(r'^\s*(n\d+)\["(.*)"\]\s*$')
_EDGE = re.compile(r"^\s*(n\d+) --> (n\d+)\s*$")
_ENTITY = re.compile(r"#(35|amp|quot|lt|gt|96);")
_CHARS = {"35": "#", "amp": "&", "quot": '"', "lt": "<", "gt": ">", "96": "`"}


def _text(source: str) -> str:
    return _ENTITY.sub(lambda m: _CHARS[m.group(1)], source)


def diagram_items(mermaid: str) -> list[tuple[int, str, str | None]]:
    """Each box of a tree rmf.render.diagrams drew, in outline order: (depth, title, subtitle).
    Only rmf's own flowcharts are read (positional node names, one edge per line)."""
    labels: dict[str, tuple[str, str | None]] = {}
    children: dict[str, list[str]] = {}
    has_parent: set[str] = set()
    for line in mermaid.splitlines():
        node, edge = _NODE.match(line), _EDGE.match(line)
        if node:
            title, _, subtitle = node.group(2).partition("<br/>")
            labels[node.group(1)] = (_text(title), _text(subtitle) or None)
            children.setdefault(node.group(1), [])
        elif edge and edge.group(1) in labels and edge.group(2) in labels:
            children[edge.group(1)].append(edge.group(2))
            has_parent.add(edge.group(2))
    out: list[tuple[int, str, str | None]] = []
    stack = [(name, 0) for name in reversed(labels) if name not in has_parent]
    seen: set[str] = set()
    while stack:
        name, depth = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        out.append((depth, *labels[name]))
        stack.extend((kid, depth + 1) for kid in reversed(children[name]))
    return out
