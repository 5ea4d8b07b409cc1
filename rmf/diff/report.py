"""Show a framework comparison: readable text, JSON, Markdown for pull requests, a changelog."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import IO, Any

from rmf import __version__
from rmf.core.printable import color_system, printable_all, trim_line_ends
from rmf.diff.compare import Change, Comparison, Kind
from rmf.diff.fields import FieldChange
from rmf.diff.grading import Grade
from rmf.diff.impact import DocumentChange
from rmf.render.kinds import subject

JSON_SCHEMA_VERSION = 1
GRADES = (Grade.MAJOR, Grade.MINOR, Grade.PATCH)


class Format(StrEnum):
    """Output formats of `rmf diff`."""

    text = "text"
    markdown = "markdown"
    json = "json"
    changelog = "changelog"


def short(text: str, width: int = 100) -> str:
    """A value on one line, cut to `width` characters."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def describe(
    f: FieldChange,
    quote: Callable[[str], str] = short,
    name: Callable[[str], str] = str,
) -> str:
    """A field change in the framework's terms: `chair: director-x → cio`."""
    field = name(f.field)
    if f.old is None and f.new is not None:
        body = f"{field}: + {quote(f.new)}"
    elif f.new is None and f.old is not None:
        body = f"{field}: − {quote(f.old)}"
    else:
        body = f"{field}: {quote(f.old or '')} → {quote(f.new or '')}"
    return f"{body} ({f.note})" if f.note and f.note not in ("added", "removed") else body


def headline(c: Change) -> str:
    """`governance body steering (IT Steering Committee) changed`."""
    name = f" ({c.name})" if c.name and c.name != c.id else ""
    if c.kind is Kind.RENAMED:
        return f"{c.noun} {c.old_id} renamed to {c.id}{name}"
    return f"{c.noun} {c.id}{name} {c.kind.value}"


def totals(cmp: Comparison) -> str:
    counts = ", ".join(f"{cmp.count(g)} {g.value}" for g in GRADES)
    if not cmp.changes:
        return "no changes"
    return f"{len(cmp.changes)} change(s): {counts}; suggested version {cmp.version.suggested}"


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
            for f in c.fields:
                row = Text(f"        {describe(f)}  ")
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
            "required": v.required.value if v.required else None,
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


# --- markdown -------------------------------------------------------------------------

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def md(text: str) -> str:
    """Text safe to put in Markdown: no emphasis, links or tables by accident."""
    return short(text).translate(_MD_SPECIAL)


def _md_code(text: str) -> str:
    return f"``{text}``" if "`" in text else f"`{text}`"


def _md_value(text: str) -> str:
    text = short(text)
    if "`" not in text and " " not in text:
        return f"`{text}`"
    return "“" + md(text) + "”"


def _md_entity(c: Change) -> str:
    name = f" — {md(c.name)}" if c.name and c.name != c.id else ""
    if c.kind is Kind.RENAMED:
        return f"{c.noun} `{c.old_id}` → `{c.id}`{name}"
    return f"{c.noun} `{c.id}`{name}"


def write_markdown(cmp: Comparison, out: IO[str]) -> None:
    cmp = printable_all(cmp)  # a pull request comment or a CI log: no control characters
    w = out.write
    w(f"### Framework changes: {md(cmp.new.name)}\n\n")
    w(f"`{cmp.old_label}` → `{cmp.new_label}` · version {cmp.old.version}")
    w(f" → {cmp.new.version}\n\n" if cmp.new.version != cmp.old.version else "\n\n")
    if not cmp.changes:
        w("No changes to the framework.\n")
        return
    counts = ", ".join(
        f"**{cmp.count(g)} {g.value}**" if g is Grade.MAJOR else f"{cmp.count(g)} {g.value}"
        for g in GRADES
    )
    w(f"{counts} · suggested version **{cmp.version.suggested}**\n\n")
    if not cmp.version.ok:
        w(f"> [!WARNING]\n> {md(cmp.version.message)}\n\n")
    for c in cmp.changes:
        w(f"- **{c.grade.value}** · {_md_entity(c)} · {c.kind.value}\n")
        for f in c.fields:
            w(f"  - {describe(f, _md_value, _md_code)} · {f.grade.value}\n")
    if cmp.documents:
        w(f"\n#### Documents to reissue ({len(cmp.documents)})\n\n")
        for d in cmp.documents:
            w(f"- {subject(d.kind)}: {md(d.title)} (`{d.path}`) · {d.status}\n")


# --- changelog ------------------------------------------------------------------------


def _entry(c: Change) -> str:
    name = f"**{md(c.name)}** (`{c.id}`)" if c.name and c.name != c.id else f"`{c.id}`"
    noun = c.noun[0].upper() + c.noun[1:]
    if c.kind is Kind.RENAMED:
        return f"{noun} `{c.old_id}` is now `{c.id}`."
    if not c.fields:
        return f"{noun} {name}."
    parts = "; ".join(describe(f, _md_value, _md_code) for f in c.fields)
    return f"{noun} {name}: {parts}."


def changelog(cmp: Comparison, today: date) -> str:
    """A Keep a Changelog section for the new version, for the client's release notes."""
    cmp = printable_all(cmp)
    v = cmp.version
    released = v.ok and cmp.new.version != cmp.old.version
    head = f"## [{cmp.new.version}] - {today.isoformat()}" if released else "## [Unreleased]"
    groups: dict[str, list[str]] = {"Added": [], "Changed": [], "Removed": []}
    for c in sorted(cmp.changes, key=lambda c: -c.grade.rank):
        section = {Kind.ADDED: "Added", Kind.REMOVED: "Removed"}.get(c.kind, "Changed")
        groups[section].append(_entry(c))
    lines = [head, ""]
    for title, entries in groups.items():
        if entries:
            lines += [f"### {title}", "", *(f"- {e}" for e in entries), ""]
    if not cmp.changes:
        lines += ["No changes.", ""]
    return "\n".join(lines)


def write_changelog(cmp: Comparison, out: IO[str], today: date | None = None) -> None:
    out.write(changelog(cmp, today or date.today()))


WRITERS: dict[Format, Callable[[Comparison, IO[str]], None]] = {
    Format.text: write_text,
    Format.json: write_json,
    Format.markdown: write_markdown,
    Format.changelog: write_changelog,
}
