"""`rmf fmt`: framework files in one canonical layout, every comment kept."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rmf.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    DebugOpt,
    guarded,
    refuse,
    require_path,
)


def fmt(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Framework files, or folders (the root file and every included file).",
            metavar="PATH",
            show_default=False,
        ),
    ],
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; list files that would change and exit 1."),
    ] = False,
    debug: DebugOpt = False,
) -> None:
    """Format framework files: keys in the format's order, 2-space indentation, sequences
    indented under their key; every comment, anchor and blank-line group kept.

    A file is rewritten (atomically) only once it reads back as the same data with the
    same comments, and only if it did not change while fmt ran; a file that rmf cannot
    read, or whose meaning or comments fmt cannot keep (`fmt-unsafe`), is refused with its
    findings. Exit codes: 0 formatted (or, with --check, nothing to change); 1 --check
    found files to change, or a file cannot be read or formatted safely; 2 usage error, a
    file that changed while fmt ran (left with that change) or cannot be written;
    3 internal error.
    """
    for target in paths:
        require_path(target)

    def work() -> int:
        from rmf.core.atomic import Changed
        from rmf.core.errors import FrameworkError
        from rmf.core.printable import printable  # included files may have any name
        from rmf.fmt.files import format_paths, replace

        try:
            results = format_paths(paths)
        except FrameworkError as exc:
            return refuse(", ".join(str(p) for p in paths), list(exc.findings))
        changed = [r for r in results if r.changed]
        status = EXIT_FINDINGS if check and changed else EXIT_OK
        written = 0
        for r in results:
            if check:
                if r.changed:
                    typer.echo(f"would reformat {printable(r.display)}")
                continue
            try:
                if replace(r):
                    written += 1
                    typer.echo(f"reformatted {printable(r.display)}")
            except Changed as exc:
                typer.echo(f"rmf: {printable(str(exc))}", err=True)
                status = EXIT_USAGE
        verb = "would be reformatted" if check else "reformatted"
        typer.echo(
            f"rmf: {len(changed) if check else written} file(s) {verb}, "
            f"{len(results) - len(changed)} unchanged",
            err=True,
        )
        return status

    raise typer.Exit(guarded(debug, work))
