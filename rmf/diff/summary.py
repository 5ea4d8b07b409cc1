"""Changes in the framework's terms, one line each: what every writer of rmf diff shares."""

from __future__ import annotations

from collections.abc import Callable

from rmf.diff.compare import Change, Comparison, Kind
from rmf.diff.fields import FieldChange
from rmf.diff.grading import Grade
from rmf.diff.words import around

GRADES = (Grade.MAJOR, Grade.MINOR, Grade.PATCH)


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
        old, new = around(f.old or "", f.new or "")
        body = f"{field}: {quote(old)} → {quote(new)}"
    return f"{body} ({f.note})" if f.note and f.note not in ("added", "removed") else body


def headline(c: Change) -> str:
    """`governance body steering (IT Steering Committee) changed`."""
    name = f" ({c.name})" if c.name and c.name != c.id else ""
    if c.kind is Kind.RENAMED:
        return f"{c.noun} {c.old_id} renamed to {c.id}{name}"
    return f"{c.noun} {c.id}{name} {c.kind.value}"


def following(c: Change) -> str:
    """`7 references follow the rename`, or "" for a change that is not a rename."""
    if c.kind is not Kind.RENAMED:
        return ""
    n = c.follows
    return f"{n} reference{'s' if n != 1 else ''} follow{'' if n != 1 else 's'} the rename"


def totals(cmp: Comparison) -> str:
    counts = ", ".join(f"{cmp.count(g)} {g.value}" for g in GRADES)
    if not cmp.changes:
        return "no changes"
    if not cmp.version.applies:
        return f"{len(cmp.changes)} change(s): {counts}; {cmp.version.message}"
    return f"{len(cmp.changes)} change(s): {counts}; suggested version {cmp.version.suggested}"
