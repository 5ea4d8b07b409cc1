"""`rmf serve`: the documents as HTML on this machine, updated as the framework is edited."""

from __future__ import annotations

import errno
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rmf.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    DebugOpt,
    OptionalPathArg,
    TodayOpt,
    default_framework,
    fail,
    guarded,
    parse_today,
    require_path,
)

if TYPE_CHECKING:
    from rmf.serve.site import Build


def serve(
    path: OptionalPathArg = None,
    port: Annotated[
        int,
        typer.Option(help="Port to serve on; 0 picks a free one.", min=0, max=65535),
    ] = 8000,
    host: Annotated[
        str,
        typer.Option(
            help="Address to serve on. Anything but this machine's own (127.0.0.1, ::1, "
            "localhost) lets others on the network read the documents.",
            metavar="ADDRESS",
        ),
    ] = "127.0.0.1",
    templates: Annotated[
        Path | None,
        typer.Option(
            help="Folder of templates that replace the built-in ones of the same name "
            "(default: templates/ beside the framework, when there is one).",
            metavar="DIR",
            show_default=False,
        ),
    ] = None,
    today: TodayOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Serve the framework's documents as HTML pages on this machine, and keep them up to
    date: every change to its files, templates and pictures is validated and rendered,
    and the pages open in a browser reload by themselves.

    While the framework has errors, every page shows them at the top, over the last
    version of the documents that had none. Nothing is written to disk. Ctrl-C stops the
    server. Exit codes: 0 stopped; 2 usage error (missing path, the port in use); 3
    internal error.
    """
    day = parse_today(today)
    path = default_framework(path)
    require_path(path)
    if templates is not None and not templates.is_dir():
        fail(f"{templates}: no such template folder", EXIT_USAGE)

    def work() -> int:
        from rmf.core.pauses import one_shot
        from rmf.serve.server import is_loopback
        from rmf.serve.serving import Serving
        from rmf.serve.site import Site

        one_shot(False)  # a server lives on: what each build leaves behind is collected
        if not is_loopback(host):
            typer.echo(
                f"rmf: warning: serving on {host}: anyone who can reach this machine can "
                "read the documents",
                err=True,
            )
        report = _Reporter(str(path), debug)
        running: Serving | None = None
        try:
            site = Site(path, templates=templates, today=day)
            report(site.build())
            try:
                running = Serving(site, host, port, report)
            except OSError as exc:
                fail(_bind_problem(exc, host, port), EXIT_USAGE)
            running.start()
            typer.echo(f"rmf: serving {path} at {running.url} (Ctrl-C to stop)", err=True)
            threading.Event().wait()
        except KeyboardInterrupt:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C while closing
        finally:
            if running is not None:
                running.close()
        return EXIT_OK

    raise typer.Exit(guarded(debug, work))


def _bind_problem(exc: OSError, host: str, port: int) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (
            f"port {port} of {host} is in use (another rmf serve?); choose another with "
            "--port, or --port 0 for any free one"
        )
    if exc.errno == errno.EACCES:
        return f"not allowed to serve on port {port} of {host}; choose a port above 1023"
    reason = exc.strerror or str(exc)
    return f"cannot serve on {host} port {port}: {reason}"


class _Reporter:
    """Says what each build did, on standard error: the findings when the framework has
    errors, which pages changed when it has none."""

    def __init__(self, label: str, debug: bool) -> None:
        self.label, self.debug = label, debug
        self.troubled, self.first = False, True

    def __call__(self, build: Build) -> None:
        from rmf.cli.common import refuse
        from rmf.core.printable import printable

        if build.bug is not None and self.debug:
            sys.stderr.write(build.bug)
        trouble = build.trouble
        if trouble is not None:
            if trouble.problem is not None:
                typer.echo(f"rmf: {printable(trouble.problem)}", err=True)
            else:
                refuse(self.label, list(trouble.findings))
            typer.echo("rmf: the pages show this until it is fixed", err=True)
        elif self.first or self.troubled or build.changed:
            ms = round(build.seconds * 1000)
            done = "rendered" if self.first else f"{build.changed} of"
            if self.troubled:
                done = f"no errors now; {done}"
            warned = f"; {build.warnings} warning(s), `rmf validate` lists them"
            typer.echo(
                f"rmf: {done} {build.pages} page(s) {'' if self.first else 'updated '}in "
                f"{ms} ms{warned if build.warnings else ''}",
                err=True,
            )
        self.troubled, self.first = trouble is not None, False
