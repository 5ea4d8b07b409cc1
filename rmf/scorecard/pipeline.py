"""`rmf scorecard` as one call: the framework, its measurements, the card for a period, and
the document in the chosen format."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from rmf.core.errors import FrameworkError
from rmf.core.findings import Finding
from rmf.scorecard.card import Scorecard, build
from rmf.scorecard.measures import load
from rmf.scorecard.paper import Paper
from rmf.scorecard.view import ScorecardView, view
from rmf.validate.run import load_framework

Format = Literal["md", "html", "docx", "pdf", "table"]


@dataclass(frozen=True)
class Report:
    """A scorecard ready to show: the card, its view, the rendered document (None for the
    terminal table, which the caller draws from the view), and warnings to show first."""

    card: Scorecard
    view: ScorecardView
    content: bytes | None
    text: str
    warnings: tuple[Finding, ...]


def scorecard(
    path: Path,
    data: Path,
    fmt: Format = "md",
    *,
    period: str | None = None,
    body: str | None = None,
    unit: str | None = None,
    paper: Paper | None = None,
    reference_docx: Path | None = None,
    today: date | None = None,
) -> Report:
    """The scorecard of the framework at `path` from the measurements in `data`. Raises
    FrameworkError for an invalid framework, or for measurements with errors (`source`
    names the file), UsageError for a period, body or unit that does not exist, TemplateError
    for a client template that fails."""
    from rmf.render.views import Meta

    result = load_framework(path, today)
    checked, framework = result.checked, result.framework
    assert checked is not None and framework is not None
    measures = load(data, framework)
    if measures.errors:
        raise FrameworkError(measures.findings, source=measures.path)
    card = build(checked, measures, period, body, unit)
    meta = framework.framework
    shown = view(card, Meta(meta.id, meta.name, meta.client, meta.version, meta.status), paper)
    if fmt == "table":
        return Report(card, shown, None, "", card.findings)
    from rmf.render.engine import render_view, template_dirs

    bases = checked.source.bases
    reference = None
    if fmt == "docx":
        from rmf.render.docx.reference import reference_docx as house_style

        reference = house_style(path, reference_docx, bases)
    rendered = render_view(
        shown,
        "scorecard.md.j2",
        kind="scorecard",
        title=f"Engagement scorecard {card.period}" + (f", {card.unit}" if card.unit else ""),
        path="scorecard.md",
        fmt=fmt,
        template_folders=template_dirs(path, None, bases),
        reference=reference,
        folder=path if path.is_dir() else path.parent,
    )
    return Report(card, shown, rendered.content, rendered.text, card.findings)
