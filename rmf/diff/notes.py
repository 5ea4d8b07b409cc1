"""rmf diff for people who read Markdown: a pull request comment and the client's release
notes, in sentences by names, with ids and field paths in a details block."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import IO

from rmf.core.printable import printable_all
from rmf.diff.compare import Change, Comparison, Kind
from rmf.diff.grading import Grade
from rmf.diff.prose import Line, finish
from rmf.diff.summary import GRADES, describe, following, short
from rmf.diff.words import Reword, context, word_diff
from rmf.render.kinds import subject

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#~"})


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


def md_text(text: str) -> str:
    """Text of any length safe in Markdown, on one line."""
    return re.sub(r"\s+", " ", text).translate(_MD_SPECIAL)


def md_reword(r: Reword) -> str:
    """A reworded text in Markdown: the words that went struck out, those that came in bold
    (`~~route~~ **agree every**`), which GitHub shows as such and plain text still reads."""
    parts = []
    runs = word_diff(r.old, r.new)
    for i, (op, words) in enumerate(runs):
        if op == "same":
            words = context(words, first=i == 0, last=i == len(runs) - 1)
        text = md_text(words)
        parts.append(text if op == "same" else f"~~{text}~~" if op == "gone" else f"**{text}**")
    return "“" + " ".join(parts) + "”"


def md_sentence(line: Line) -> str:
    """A sentence of a change in Markdown, ended by a full stop."""
    text = "".join(md_text(p) if isinstance(p, str) else md_reword(p) for p in line.pieces)
    return finish(text)


def _md_details(cmp: Comparison, w: Callable[[str], object]) -> None:
    """The changes by id and field path, folded away: for the framework's maintainers."""
    w("<details>\n<summary>Changes by id and field</summary>\n\n")
    for c in cmp.changes:
        rename = f" · {following(c)}" if c.kind is Kind.RENAMED else ""
        w(f"- **{c.grade.value}** · {_md_entity(c)} · {c.kind.value}{rename}\n")
        for f in c.fields:
            w(f"  - {describe(f, _md_value, _md_code)} · {f.grade.value}\n")
    if cmp.documents:
        w("\nDocuments to reissue:\n\n")
        for d in cmp.documents:
            w(f"- `{d.path}` · {d.status}\n")
    w("\n</details>\n")


def _md_version(cmp: Comparison) -> str:
    if not cmp.version.applies:
        return md_text(cmp.version.message)
    return f"suggested version **{cmp.version.suggested}**"


def write_markdown(cmp: Comparison, out: IO[str]) -> None:
    """A pull request comment: every change as sentences by names, the documents to reissue,
    and the ids and field paths in a details block."""
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
    w(f"{counts} · {_md_version(cmp)}\n\n")
    if not cmp.version.ok:
        w(f"> [!WARNING]\n> {md_text(cmp.version.message)}\n\n")
    for c in cmp.changes:
        for line in c.story:
            w(f"- **{line.grade.value}** · {md_sentence(line)}\n")
    if cmp.documents:
        w(f"\n#### Documents to reissue ({len(cmp.documents)})\n\n")
        for d in cmp.documents:
            w(f"- {subject(d.kind)}: {md(d.title)} · {d.status}\n")
    w("\n")
    _md_details(cmp, w)


# --- changelog ------------------------------------------------------------------------


def _entry(c: Change) -> str:
    """A change by id and field, for the changelog's details block."""
    name = f"**{md(c.name)}** (`{c.id}`)" if c.name and c.name != c.id else f"`{c.id}`"
    noun = c.noun[0].upper() + c.noun[1:]
    if c.kind is Kind.RENAMED:
        head = f"{noun} `{c.old_id}` is now `{c.id}` ({following(c)})"
        parts = "; ".join(describe(f, _md_value, _md_code) for f in c.fields)
        return f"{head}: {parts}." if parts else f"{head}."
    if not c.fields:
        return f"{noun} {name} {c.kind.value}."
    parts = "; ".join(describe(f, _md_value, _md_code) for f in c.fields)
    return f"{noun} {name}: {parts}."


def changelog(cmp: Comparison, today: date) -> str:
    """A Keep a Changelog section for the new version, for the client's release notes: the
    changes in sentences, by names; ids and field paths in a details block at its end."""
    cmp = printable_all(cmp)
    v = cmp.version
    released = v.applies and v.ok and cmp.new.version != cmp.old.version
    head = f"## [{cmp.new.version}] - {today.isoformat()}" if released else "## [Unreleased]"
    groups: dict[str, list[str]] = {"Added": [], "Changed": [], "Removed": []}
    ordered = sorted(cmp.changes, key=lambda c: -c.grade.rank)
    for c in ordered:
        section = {Kind.ADDED: "Added", Kind.REMOVED: "Removed"}.get(c.kind, "Changed")
        groups[section].extend(md_sentence(line) for line in c.story)
    lines = [head, ""]
    if not v.applies:
        lines += [f"Compared with {md(cmp.old.name)} ({md(cmp.old.version)}).", ""]
    for title, entries in groups.items():
        if entries:
            lines += [f"### {title}", "", *(f"- {e}" for e in entries), ""]
    if not cmp.changes:
        lines += ["No changes.", ""]
    else:
        lines += ["<details>", "<summary>Changes by id and field</summary>", ""]
        lines += [*(f"- {_entry(c)}" for c in ordered), "", "</details>", ""]
    return "\n".join(lines)


def write_changelog(cmp: Comparison, out: IO[str], today: date | None = None) -> None:
    out.write(changelog(cmp, today or date.today()))
