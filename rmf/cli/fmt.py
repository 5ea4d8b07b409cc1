"""`rmf fmt`: framework files in one canonical layout, every comment kept."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rmf.cli.common import EXIT_FINDINGS, EXIT_OK, DebugOpt, guarded, refuse, require_path


def fmt(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Framework files, or folders (the root file and every included file).",
            show_default=False,
        ),
    ],
    check: Annotated[
        bool, typer.Option(help="Write nothing; list files that would change and exit 1.")
    ] = False,
    debug: DebugOpt = False,
) -> None:
    """Format framework files: keys in the format's order, 2-space indentation, sequences
    indented under their key; every comment, anchor and blank-line group kept.

    A file is rewritten (atomically) only once it reads back as the same data with the
    same comments; a file that rmf cannot read is refused with its findings. Exit codes:
    0 formatted (or, with --check, nothing to change); 1 --check found files to change, or
    a file cannot be read; 2 usage error; 3 internal error.
    """
    for target in paths:
        require_path(target)

    def work() -> int:
        from rmf.core.atomic import write_atomic
        from rmf.core.errors import FrameworkError
        from rmf.core.printable import printable  # included files may have any name
        from rmf.fmt.canonical import format_paths

        try:
            results = format_paths(paths)
        except FrameworkError as exc:
            return refuse(", ".join(str(p) for p in paths), list(exc.findings))
        changed = [r for r in results if r.changed]
        for r in changed:
            if check:
                typer.echo(f"would reformat {printable(r.display)}")
            else:
                write_atomic(r.path, r.text.encode("utf-8"))
                typer.echo(f"reformatted {printable(r.display)}")
        verb = "would be reformatted" if check else "reformatted"
        typer.echo(
            f"rmf: {len(changed)} file(s) {verb}, {len(results) - len(changed)} unchanged",
            err=True,
        )
        return EXIT_FINDINGS if check and changed else EXIT_OK

    raise typer.Exit(guarded(debug, work))
