"""Show a framework comparison: readable text, JSON, Markdown for pull requests, a changelog."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import IO, Any

from rmf import __version__
from rmf.core.printable import color_system, printable_all, trim_line_ends
from rmf.diff.compare import Change, Comparison, Kind
from rmf.diff.fields import FieldChange
from rmf.diff.grading import Grade
from rmf.diff.impact import DocumentChange
from rmf.diff.notes import changelog, write_changelog, write_markdown
from rmf.diff.summary import GRADES, describe, following, headline, short, totals
from rmf.diff.words import around, word_diff
from rmf.render.kinds import subject

__all__ = ["WRITERS", "Format", "as_json", "changelog", "write_changelog", "write_markdown"]

JSON_SCHEMA_VERSION = 1


class Format(StrEnum):
    """Output formats of `rmf diff`."""

    text = "text"
    markdown = "markdown"
    json = "json"
    changelog = "changelog"


# --- text -----------------------------------------------------------------------------


def write_text(cmp: Comparison, out: IO[str]) -> None:
    from rich.console import Console
    from rich.text import Text

    cmp = printable_all(cmp)
    console = Console(
        file=out,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=True,
        color_system=color_system(),
    )
    style = {Grade.MAJOR: "bold red", Grade.MINOR: "yellow", Grade.PATCH: "green"}
    with console.capture() as captured:
        console.print(Text(f"{cmp.old_label} → {cmp.new_label}", style="bold"))
        version = cmp.old.version
        if cmp.new.version != version:
            version = f"{version} → {cmp.new.version}"
        console.print(Text(f"{cmp.new.name} · {cmp.new.client} · version {version}", style="dim"))
        for i, c in enumerate(cmp.changes):
            if i == 0:
                console.print()
            line = Text(f"{c.grade.value:<5} ", style=style[c.grade])
            line.append(headline(c), style="bold")
            console.print(line)
            if c.kind is Kind.RENAMED:
                console.print(Text(f"        {following(c)}", style="dim"))
            for f in c.fields:
                row = _highlighted(f)
                row.append(f.grade.value, style=style[f.grade])
                console.print(row)
        if cmp.documents:
            console.print()
            console.print(Text(f"Documents to reissue ({len(cmp.documents)})", style="bold"))
            for d in cmp.documents:
                console.print(f"  {d.status:<8} {subject(d.kind)}: {d.title}  ({d.path})")
        console.print()
        console.print(Text(totals(cmp), style="bold" if cmp.changes else "bold green"))
        if not cmp.version.ok:
            console.print(Text(f"warning: {cmp.version.message}", style="bold yellow"))
    out.write(trim_line_ends(captured.get()))


GONE, CAME = "red strike", "green bold"


def _words(runs: Sequence[tuple[str, str]], mark: str, style: str) -> Any:
    """One side of a reworded text: its words, those that went (or came) styled."""
    from rich.text import Text

    out = Text()
    for op, words in runs:
        if op in ("same", mark):
            if out:
                out.append(" ")
            out.append(words, style=style if op == mark else "")
    return out


def _highlighted(f: FieldChange) -> Any:
    """A field row as `describe` writes it, the words that went and came in a reworded text
    styled (struck out, in bold), so that the change stands out in a long sentence."""
    from rich.text import Text

    row = Text(f"        {describe(f)}  ")
    if f.old is None or f.new is None or " " not in f.old + f.new:
        return row
    old, new = around(f.old, f.new)
    runs = word_diff(short(old), short(new))
    if not any(op == "same" for op, _ in runs):
        return row  # a new text altogether: nothing to point at
    row = Text(f"        {f.field}: ")
    row.append_text(_words(runs, "gone", GONE))
    row.append(" → ")
    row.append_text(_words(runs, "came", CAME))
    if f.note and f.note not in ("added", "removed"):
        row.append(f" ({f.note})")
    row.append("  ")
    return row


# --- json -----------------------------------------------------------------------------


def _field(f: FieldChange) -> dict[str, Any]:
    return {"field": f.field, "old": f.old, "new": f.new, "grade": f.grade.value, "note": f.note}


def _change(c: Change) -> dict[str, Any]:
    return {
        "section": c.section,
        "id": c.id,
        "name": c.name,
        "kind": c.kind.value,
        "grade": c.grade.value,
        "renamed_from": c.old_id,
        "follows": c.follows,
        "fields": [_field(f) for f in c.fields],
    }


def _document(d: DocumentChange) -> dict[str, Any]:
    return {"kind": d.kind, "path": d.path, "title": d.title, "status": d.status}


def as_json(cmp: Comparison) -> dict[str, Any]:
    v = cmp.version
    return {
        "version": JSON_SCHEMA_VERSION,
        "tool": {"name": "rmf", "version": __version__},
        "old": {"label": cmp.old_label, "id": cmp.old.id, "version": cmp.old.version},
        "new": {"label": cmp.new_label, "id": cmp.new.id, "version": cmp.new.version},
        "differs": cmp.differs,
        "grade": cmp.grade.value if cmp.grade else None,
        "counts": {g.value: cmp.count(g) for g in GRADES},
        "version_check": {
            # whether the two sides are versions of one framework (else no advice)
            "applies": v.applies,
            "required": v.required.value if v.required else None,
            # the bump that grade calls for: one step less below 1.0.0
            "bump": v.bump.value if v.bump and v.applies else None,
            "made": v.made.value if v.made else None,
            "suggested": v.suggested,
            "ok": v.ok,
            "message": v.message,
        },
        "changes": [_change(c) for c in cmp.changes],
        "documents": [_document(d) for d in cmp.documents],
    }


def write_json(cmp: Comparison, out: IO[str]) -> None:
    json.dump(as_json(cmp), out, indent=2, ensure_ascii=False)
    out.write("\n")


WRITERS: dict[Format, Callable[[Comparison, IO[str]], None]] = {
    Format.text: write_text,
    Format.json: write_json,
    Format.markdown: write_markdown,
    Format.changelog: write_changelog,
}
