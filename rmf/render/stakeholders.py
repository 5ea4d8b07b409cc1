"""The stakeholder map of the communication plan: every unit, role and governance body
that states a `stakeholder`, placed on an influence × interest grid."""

from __future__ import annotations

import functools
import io
import re
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from rmf.model.base import Stakeholder
from rmf.render.derive import Lookup, human
from rmf.render.diagrams import CHART_SETTINGS, Diagram
from rmf.render.markup import Md
from rmf.render.views import Link

LEVELS = ("low", "medium", "high")
# How to engage each cell, by (influence, interest): the power/interest grid's four
# approaches, with the medium row and column taking the nearer corner's.
APPROACH: dict[tuple[str, str], str] = {
    ("high", "low"): "Keep satisfied",
    ("high", "medium"): "Keep satisfied",
    ("high", "high"): "Manage closely",
    ("medium", "low"): "Monitor",
    ("medium", "medium"): "Keep informed",
    ("medium", "high"): "Manage closely",
    ("low", "low"): "Monitor",
    ("low", "medium"): "Monitor",
    ("low", "high"): "Keep informed",
}
TINT = {
    "Manage closely": "#f6d5d3",
    "Keep satisfied": "#fbe8c8",
    "Keep informed": "#dce8f4",
    "Monitor": "#eef0f2",
}
CELL_LINES, WRAP = 7, 30  # lines and characters of one cell of the drawing


@dataclass(frozen=True)
class StakeholderRow:
    """An audience on the map: where it sits, how to engage it, and what it receives."""

    party: Link
    kind: str
    influence: str
    interest: str
    approach: str
    needs: str | None
    engagement: str | None  # "Neutral → Supportive"
    receives: tuple[Link, ...]


def _engagement(s: Stakeholder) -> str | None:
    if s.current and s.desired:
        same = s.current == s.desired
        return human(s.current) + ("" if same else f" → {human(s.desired)}")
    if s.desired:
        return f"→ {human(s.desired)}"
    return human(s.current) if s.current else None


def stakeholder_rows(
    look: Lookup, receives: Callable[[str], tuple[Link, ...]]
) -> tuple[StakeholderRow, ...]:
    """Every party that states a `stakeholder`, in the framework's order: units, bodies,
    roles; `receives` gives the communications that reach a party."""
    fw = look.fw
    parties: Iterable[tuple[str, Stakeholder | None]] = [
        *((u.id, u.stakeholder) for u in fw.units),
        *((b.id, b.stakeholder) for b in fw.governance),
        *((r.id, r.stakeholder) for r in fw.roles),
    ]
    return tuple(
        StakeholderRow(
            party=look.link(ident),
            kind=look.party_kind(ident),
            influence=human(s.influence),
            interest=human(s.interest),
            approach=APPROACH[(s.influence, s.interest)],
            needs=s.needs,
            engagement=_engagement(s),
            receives=receives(ident),
        )
        for ident, s in parties
        if s is not None
    )


def _cells(rows: Iterable[StakeholderRow]) -> dict[tuple[int, int], list[str]]:
    """Names by grid cell (interest column, influence row), 0 = low."""
    cells: dict[tuple[int, int], list[str]] = {}
    for row in rows:
        cell = (LEVELS.index(row.interest.lower()), LEVELS.index(row.influence.lower()))
        cells.setdefault(cell, []).append(row.party.name)
    return cells


def _point_name(name: str) -> str:
    # a quadrant chart's point name takes letters, digits, spaces and hyphens only
    return " ".join(re.sub(r"[^\w -]", " ", name).split()) or "Stakeholder"


def _mermaid(cells: dict[tuple[int, int], list[str]]) -> Md:
    out = [
        "quadrantChart",
        "  x-axis Low interest --> High interest",
        "  y-axis Low influence --> High influence",
        "  quadrant-1 Manage closely",
        "  quadrant-2 Keep satisfied",
        "  quadrant-3 Monitor",
        "  quadrant-4 Keep informed",
    ]
    for (x, y), names in sorted(cells.items(), key=lambda c: (-c[0][1], c[0][0])):
        for k, name in enumerate(names):
            # a column of points in the middle of the cell, top to bottom
            step = min(0.28 / len(names), 0.06)
            top = (2 * y + 1) / 6 + step * (len(names) - 1) / 2
            out.append(f"  {_point_name(name)}: [{(2 * x + 1) / 6:.2f}, {top - k * step:.2f}]")
    return Md("\n".join(out))


def _cell_lines(names: list[str]) -> list[str]:
    """The lines one cell of the drawing shows: each name wrapped to the cell's width,
    as many as fit, then how many more there are."""
    lines: list[str] = []
    for k, name in enumerate(names):
        wrapped = textwrap.wrap(name, WRAP, subsequent_indent="  ")
        if len(lines) + len(wrapped) > CELL_LINES:
            return [*lines[: CELL_LINES - 1], f"and {len(names) - k} more (see the table)"]
        lines += wrapped
    return lines


def _draw(cells: dict[tuple[int, int], list[str]], title: str) -> tuple[str, bytes | None]:
    """The grid drawn once with matplotlib: SVG for HTML, PNG for Word."""
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(CHART_SETTINGS):  # type: ignore[arg-type]
        figure = Figure(figsize=(6.4, 4.6), dpi=150, layout="constrained")
        axes: Any = figure.add_subplot()
        axes.set_xlim(0, 3)
        axes.set_ylim(0, 3)
        for x, interest in enumerate(LEVELS):
            for y, influence in enumerate(LEVELS):
                approach = APPROACH[(influence, interest)]
                axes.add_patch(
                    matplotlib.patches.Rectangle(
                        (x, y), 1, 1, facecolor=TINT[approach], edgecolor="white", linewidth=2
                    )
                )
                axes.text(x + 0.05, y + 0.93, approach, fontsize=6.5, color="#5b6775", va="top")
                for k, line in enumerate(_cell_lines(cells.get((x, y), []))):
                    axes.text(x + 0.05, y + 0.8 - k * 0.1, line, fontsize=6.5, va="top")
        axes.set_xticks([0.5, 1.5, 2.5], ["Low", "Medium", "High"])
        axes.set_yticks([0.5, 1.5, 2.5], ["Low", "Medium", "High"])
        axes.set_xlabel("Interest")
        axes.set_ylabel("Influence")
        axes.tick_params(length=0)
        axes.set_title(title, fontsize=9)
        svg, png = io.BytesIO(), io.BytesIO()
        figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        figure.savefig(png, format="png", metadata={"Software": None})
    text = svg.getvalue().decode("utf-8")
    return text[text.index("<svg") :], png.getvalue()


def stakeholder_map(rows: tuple[StakeholderRow, ...], title: str) -> Diagram | None:
    """The influence × interest grid: Mermaid for Markdown; the drawing, made only when
    HTML or Word asks for it, for the others. None when no party states a stakeholder."""
    if not rows:
        return None
    cells = _cells(rows)
    drawing = functools.cache(lambda: _draw(cells, title))
    facts = repr(sorted(cells.items()))
    return Diagram(title, _mermaid(cells), draw=drawing, chart=True, drawn_from=facts)
