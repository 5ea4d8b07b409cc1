"""`rmf schema`: the format as JSON Schema, for editors and other tools."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from rmf.cli.common import EXIT_OK, DebugOpt, guarded


def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the schema to FILE instead of standard output.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    include_file: Annotated[
        bool,
        typer.Option(
            "--include-file",
            help="The schema of an included file (list sections only), not of a root file.",
        ),
    ] = False,
    debug: DebugOpt = False,
) -> None:
    """Print the JSON Schema (draft 2020-12) of the RMF format, generated from rmf's own
    models, for editors and other tools: `# yaml-language-server: $schema=PATH` at the top
    of a framework file gives completion, hover help and checks as you type.

    The schema says what a well-formed file is; the rules beyond it (references, coverage,
    cycles, …) are `rmf validate`'s. This repository commits both schemas in schema/;
    regenerate them with `rmf schema -o schema/rmf-1.json` and `rmf schema --include-file
    -o schema/rmf-1-include.json`. Exit codes: 0 written; 2 usage error (FILE cannot be
    written: a folder, a read-only place); 3 internal error.
    """

    def work() -> int:
        from rmf.validate.jsonschema import schema_text, write_schema

        if output is None:
            sys.stdout.write(schema_text(include_file))
        else:
            write_schema(output, include_file)
            typer.echo(f"rmf: wrote {output}", err=True)
        return EXIT_OK

    raise typer.Exit(guarded(debug, work))
