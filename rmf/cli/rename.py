"""`rmf rename`: an id and every reference to it, across the framework's files."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rmf.cli.common import (
    EXIT_OK,
    DebugOpt,
    OptionalPathArg,
    default_framework,
    guarded,
    refuse,
    require_path,
    to_stdout,
)

if TYPE_CHECKING:
    from rmf.core.findings import Mark
    from rmf.rename.plan import Renaming

MAX_SHOWN = 5  # places listed in a note; the rest are counted


def rename(
    old: Annotated[
        str,
        typer.Argument(
            help="The id to rename: an entity or incumbent, or a step as PROCESS.STEP.",
            metavar="OLD",
            show_default=False,
        ),
    ],
    new: Annotated[str, typer.Argument(help="Its new id.", metavar="NEW", show_default=False)],
    path: OptionalPathArg = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Write nothing; print the diff of every file instead."),
    ] = False,
    data: Annotated[
        list[Path] | None,
        typer.Option(
            "--data",
            help="A measurement file (CSV or YAML, as `rmf scorecard --data` reads) to rename "
            "the id in as well; repeat for several.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """Rename an id and every reference to it in the framework's files, changing nothing
    else: layout, quotes and comments stay as written.

    OLD is an entity's id, an incumbent's, or a process step's as PROCESS.STEP (a step id
    alone will do when one process has it). The rename is refused when NEW is taken,
    when OLD is unknown (with a suggestion), or when a base framework the framework
    extends declares OLD: the base owns it. Every file of the framework must read as
    YAML; schema errors elsewhere do not matter. Files are written atomically, all or
    none, and not over an edit made meanwhile. The next `rmf render` writes the
    documents named by the id under the new name and removes the old ones.

    Exit codes: 0 renamed (or, with --dry-run, would rename); 1 refused (NEW taken, OLD
    unknown or the base's, a file that is not readable YAML); 2 usage error (NEW not a
    valid id), or a file changed while rename ran or cannot be written; 3 internal error.
    """
    framework = default_framework(path)
    require_path(framework)
    for file in data or []:
        require_path(file)
    out = Path("rendered") if path is not None else framework / "rendered"

    def work() -> int:
        from rmf.core.errors import FrameworkError
        from rmf.core.printable import printable
        from rmf.reading.loader import including_framework
        from rmf.rename.plan import apply, diff, plan

        target = framework
        whole = including_framework(framework)
        if whole is not None:  # a file the framework includes: its ids are named elsewhere too
            target = Path(os.path.relpath(whole))
            typer.echo(
                printable(f"rmf: {framework} is part of {target}; renaming in {target}"), err=True
            )
        try:
            renaming = plan(target, old, new, data or [])
        except FrameworkError as exc:
            status = refuse(exc.source or str(target), exc.findings)
            typer.echo("rmf: rename reads every file it renames in: fix these first", err=True)
            return status
        files, references = len(renaming.changes), renaming.references
        counted = f"{references} reference(s) in {files} file(s)"
        shown = f"{renaming.target.shown} to `{renaming.new}`"
        if dry_run:
            text = printable(diff(renaming), newlines=True)
            to_stdout(lambda stream: stream.write(text))
            typer.echo(
                printable(f"rmf: would rename {shown}: {counted}; nothing written"), err=True
            )
        else:
            apply(renaming)
            typer.echo(printable(f"renamed {shown}: {counted}"))
        _notes(renaming, out, bool(data))
        return EXIT_OK

    raise typer.Exit(guarded(debug, work))


def _places(marks: tuple[Mark, ...]) -> str:
    shown = [f"{m.file}:{m.line}" for m in marks[:MAX_SHOWN]]
    more = len(marks) - MAX_SHOWN
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _notes(renaming: Renaming, out: Path, measured: bool) -> None:
    """What the rename leaves for a person: mentions in comments and text, references it
    captured, rendered documents, measurement files."""
    from rmf.core.printable import printable
    from rmf.rename.documents import rendered
    from rmf.rename.target import STEPS

    target, new = renaming.target, renaming.new

    def note(message: str) -> None:
        typer.echo(f"rmf: {printable(message)}", err=True)

    if renaming.mentions:
        note(
            f"`{target.ident}` is also written in {len(renaming.mentions)} place(s) that are "
            f"no reference (comments, text), left as written: {_places(renaming.mentions)}"
        )
    if renaming.captured:
        note(
            f"`{new}` was already named at {_places(renaming.captured)}, where it named no "
            f"entity; it now names the renamed {target.kind}"
        )
    if target.section != STEPS:
        for doc in rendered(out, target.section, target.ident, new):
            if doc.edited:
                note(
                    f"{out / doc.old} was edited since rmf rendered it: the next `rmf render` "
                    f"writes {out / doc.new} and keeps it; move your edits across, then "
                    "remove it"
                )
            else:
                note(f"the next `rmf render` replaces {out / doc.old} with {out / doc.new}")
    if not measured and target.section in ("indicators", "units", "roles"):
        note(
            "measurement files are not part of the framework: name them with --data to "
            f"rename `{target.ident}` in them too"
        )
