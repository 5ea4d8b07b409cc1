"""One handbook of a framework's documents: a cover, a table of contents, and each
document as a chapter, its headings one level down and its links to the other documents
made links within the handbook."""

from __future__ import annotations

import itertools
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rmf.core.errors import TemplateError
from rmf.model.framework import Framework
from rmf.render.derive import meta, when
from rmf.render.kinds import EXT, HANDBOOK, Kind
from rmf.render.markup import Anchors, heading_anchors, heading_text, markdown_tokens
from rmf.render.views import Fact, Meta

if TYPE_CHECKING:
    from markdown_it.token import Token

PATH = f"{HANDBOOK.name}{EXT}"  # where the handbook goes, as a Markdown path


@dataclass(frozen=True)
class Chapter:
    """A document in the handbook: its title in the contents and the anchor of its
    heading."""

    title: str
    anchor: str


@dataclass(frozen=True)
class Part:
    """The chapters of one kind of document, as the contents group them: `single` for a
    kind there is one of (the overview, the plan), listed as the chapter itself."""

    title: str
    single: bool
    chapters: tuple[Chapter, ...]


@dataclass(frozen=True)
class HandbookView:
    """What the handbook's own template shows: the cover's facts and the contents."""

    meta: Meta
    cover: tuple[Fact, ...]
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Source:
    """A document rendered as Markdown, to become a chapter."""

    kind: Kind
    path: str
    title: str
    markdown: str


def cover(fw: Framework) -> tuple[Fact, ...]:
    """The facts the cover states: client, framework, version, status, date (the
    framework's effective date, else its approval; never the clock, so the handbook is
    the same on every run), who approved this version and when, and who prepared it; a
    fact the framework leaves out is left off."""
    m, shown = fw.framework, meta(fw)
    names = {b.id: b.name for b in fw.governance}
    approval = ", ".join(
        part for part in (names.get(m.approved_by or "", m.approved_by), when(m.approved)) if part
    )
    facts = [
        ("Client", shown.client),
        ("Framework", shown.name),
        ("Version", shown.version),
        ("Status", shown.status),
        ("Date", when(m.effective or m.approved)),
        ("Approved", approval),
        ("Prepared by", m.prepared_by),
    ]
    return tuple(Fact(label, value) for label, value in facts if value)


def demote(markdown: str) -> str:
    """The document with every heading one level lower (a level-6 heading stays at 6),
    and as a heading in the `#` form, so that its title is a chapter's."""
    lines = markdown.split("\n")
    tokens = markdown_tokens(markdown)
    for token, inline in reversed(list(itertools.pairwise(tokens))):
        if token.type != "heading_open" or token.map is None:
            continue
        level = min(int(token.tag[1:]) + 1, 6)
        start, end = token.map
        if token.markup.startswith("#"):
            line = lines[start]
            at = line.index("#")
            if level > int(token.tag[1:]):
                lines[start] = line[:at] + "#" + line[at:]
        else:  # underlined: written again on one line, where it started
            indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
            text = " ".join(part.strip() for part in inline.content.split("\n"))
            lines[start:end] = [f"{indent}{'#' * level} {text}"]
    return "\n".join(lines)


# A link's destination as rmf's templates write it: `](path.md#anchor)`, `](#anchor)`.
_DESTINATION = re.compile(r"\]\(([^()\s<>]*)\)")
Placed = dict[str, tuple[list[str], dict[str, str]]]  # by path: anchors, and by local anchor


def _relink(
    text: str, tokens: Sequence[Token], path: str, placed: Placed, docs: frozenset[str]
) -> str:
    """The chapter with each link to a document going where it goes in the handbook;
    only what the parser takes for a link is touched."""
    linked = {
        str(child.attrGet("href") or "")
        for token in tokens
        for child in token.children or ()
        if child.type == "link_open"
    }
    folder = posixpath.dirname(path)

    def moved(match: re.Match[str]) -> str:
        if match.group(1) not in linked:
            return match.group(0)
        return f"]({_target(match.group(1), folder, path, placed, docs)})"

    return _DESTINATION.sub(moved, text)


def handbook(
    front: Callable[[HandbookView], str],
    fw: Framework,
    sources: Sequence[Source],
    documents: frozenset[str],
) -> tuple[HandbookView, str]:
    """The handbook's view and Markdown: the cover and contents that `front` renders
    from the view, then each document as a chapter. A link to another document goes to
    its chapter (to the heading it names, when it names one); a link to a document of
    the framework the handbook leaves out (`--only`) goes to that document's own file;
    every heading's anchor is unique across the handbook, as Markdown renderers, HTML,
    Word and PDF make them."""
    chapters = []
    for source in sources:
        text = demote(source.markdown)
        tokens = markdown_tokens(text)
        if not tokens or tokens[0].type != "heading_open":  # a chapter starts at its title
            text = f"## {source.title}\n\n{text}"
            tokens = markdown_tokens(text)
        chapters.append((source, text, tokens))
    blank = _view(fw, [(s, "") for s in sources])
    headings = [heading_text(t) for t in _headings(markdown_tokens(front(blank)))]
    anchors = Anchors()
    for text in headings:
        anchors.add(text)
    placed: Placed = {}
    for source, _, tokens in chapters:
        local = heading_anchors(tokens)
        global_ = heading_anchors(tokens, anchors)
        placed[source.path] = (global_, dict(zip(local, global_, strict=True)))
    view = _view(fw, [(s, placed[s.path][0][0]) for s in sources])
    opening = front(view)
    again = [heading_text(t) for t in _headings(markdown_tokens(opening))]
    if again != headings:  # the anchors are counted from the headings before the chapters
        raise TemplateError(
            "the cover and contents must have the same headings whatever the chapters' anchors are",
            HANDBOOK.template,
        )
    parts = [opening.rstrip("\n")]
    parts += [_relink(t, k, s.path, placed, documents).strip("\n") for s, t, k in chapters]
    return view, "\n\n".join(parts) + "\n"


def _headings(tokens: Sequence[Token]) -> list[Token]:
    """The inline token of each heading."""
    return [tokens[i + 1] for i, token in enumerate(tokens) if token.type == "heading_open"]


def _target(
    href: str,
    folder: str,
    path: str,
    placed: Placed,
    documents: frozenset[str],
) -> str:
    """Where a chapter's link goes in the handbook."""
    file, hash_, fragment = href.partition("#")
    if not file:
        found = placed[path][1].get(fragment) if hash_ else None
        return f"#{found}" if found else href
    if not file.endswith(EXT) or ":" in file or file.startswith("/"):
        return href  # a web address, a picture: as written
    target = posixpath.normpath(posixpath.join(folder, file))
    if target in placed:
        heads, by_local = placed[target]
        return f"#{by_local.get(fragment) or heads[0]}"
    if target in documents:  # left out of this handbook: its own file, beside it
        return target + (f"#{fragment}" if hash_ else "")
    return href


def _view(fw: Framework, chapters: Sequence[tuple[Source, str]]) -> HandbookView:
    """The handbook's view: its chapters grouped by kind, in the order given."""
    parts = []
    for many, run in itertools.groupby(chapters, key=lambda chapter: chapter[0].kind.many):
        group = list(run)
        kind = group[0][0].kind
        shown = tuple(Chapter(s.title if kind.per else kind.subject, a) for s, a in group)
        parts.append(Part(many, kind.per is None, shown))
    return HandbookView(meta(fw), cover(fw), tuple(parts))
