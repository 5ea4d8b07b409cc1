"""Document kinds: the one table of what `rmf render` makes, from which template, where."""

from __future__ import annotations

from dataclasses import dataclass

EXT = ".md"  # documents link to each other as Markdown; HTML and Word rewrite the suffix


@dataclass(frozen=True)
class Kind:
    """One kind of document: its name (for `--only`, the manifest and the diff's impact),
    its template, its folder in the output ("" for the top), what a reader calls one,
    what there is one of (None: one per framework), and what a reader calls them all
    (a part of the handbook)."""

    name: str
    template: str
    folder: str
    subject: str
    per: str | None
    plural: str = ""

    @property
    def many(self) -> str:
        return self.plural or self.subject


TABLE: tuple[Kind, ...] = (
    Kind(
        "position",
        "position.md.j2",
        "positions",
        "Position description",
        "role",
        "Position descriptions",
    ),
    Kind("charter", "charter.md.j2", "charters", "Terms of reference", "governance body"),
    Kind(
        "relationship",
        "relationship.md.j2",
        "relationships",
        "Relationship profile",
        "relationship",
        "Relationship profiles",
    ),
    Kind("communication-plan", "communication-plan.md.j2", "", "Communication plan", None),
    Kind("index", "index.md.j2", "", "Framework overview", None),
)
BY_NAME: dict[str, Kind] = {k.name: k for k in TABLE}
KINDS: tuple[str, ...] = tuple(k.name for k in TABLE)


def doc_path(kind: str, ident: str = "") -> str:
    """Where a document lives in the output, as a Markdown path: `positions/<id>.md` for
    one of many, `<kind>.md` for one per framework."""
    found = BY_NAME[kind]
    stem = ident if found.per else found.name
    return f"{found.folder}/{stem}{EXT}" if found.folder else f"{stem}{EXT}"


# The one document `rmf render --handbook` makes of the others: its kind in the manifest,
# its template (the cover and the contents; the chapters are the documents themselves),
# and its path.
HANDBOOK = Kind("handbook", "handbook.md.j2", "", "Handbook", None)


def subject(kind: str) -> str:
    """What a reader calls a document of this kind; the kind itself when unknown."""
    found = HANDBOOK if kind == HANDBOOK.name else BY_NAME.get(kind)
    return found.subject if found else kind
