"""What every command shares: exit codes, common options, the error guard."""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

if TYPE_CHECKING:
    from rmf.validate.run import Result

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

T = TypeVar("T")

PathArg = Annotated[
    Path,
    typer.Argument(
        help="Framework file or folder (a folder holds framework.yaml).",
        metavar="PATH",
        show_default=False,
    ),
]
TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today", help="Date for waiver expiry, YYYY-MM-DD (default: today).", metavar="DATE"
    ),
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")]
ReferenceDocxOpt = Annotated[
    Path | None,
    typer.Option(
        "--reference-docx",
        help="Word document (.docx or .dotx) whose styles, headers and footers the "
        "docx output takes (default: reference.docx beside the framework or a base it "
        "extends, else python-docx's default template).",
        metavar="FILE",
        show_default=False,
    ),
]


def fail(message: str, code: int) -> NoReturn:
    """End the command with a message on standard error (on one line: it may quote a
    file's text or name, whose control characters are shown escaped)."""
    from rmf.core.printable import printable

    typer.echo(f"rmf: {printable(message)}", err=True)
    raise typer.Exit(code)


def to_stdout(write: Callable[[IO[str]], object]) -> None:
    """Write a command's output. A reader that stops early (`| head`, quitting `less`) has
    seen enough: the command goes on to its own exit code, never an internal error."""
    try:
        write(sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        # what is left to write, and Python's flush at exit, go nowhere
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def parse_today(value: str | None) -> date | None:
    """The `--today` option as a date; a malformed one is a usage error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--today must be a date written as YYYY-MM-DD, not {value!r}", EXIT_USAGE)


OptionalPathArg = Annotated[
    Path | None,
    typer.Argument(
        help="Framework file or folder (a folder holds framework.yaml); default: the "
        "framework of the current folder, or of the nearest folder above it.",
        metavar="PATH",
        show_default=False,
    ),
]


def default_framework(path: Path | None) -> Path:
    """`path`, else the framework found from the current folder upward (as git finds its
    repository); a usage error when there is none."""
    if path is not None:
        return path
    from rmf.reading.loader import find_framework

    found = find_framework(Path.cwd())
    if found is None:
        fail(
            "no framework.yaml in this folder or any folder above it (up to the top of "
            "the repository); give the framework's PATH",
            EXIT_USAGE,
        )
    return Path(os.path.relpath(found))


def require_path(path: Path) -> None:
    """A usage error unless `path` exists."""
    if not path.exists():
        fail(f"{path}: no such file or folder", EXIT_USAGE)


def refuse(label: str, findings: Sequence[object]) -> int:
    """Show why a framework cannot be used, as validate shows it, on standard error."""
    from rmf.core.findings import Finding
    from rmf.validate.report import write_text
    from rmf.validate.run import Result

    write_text([Result(label, [f for f in findings if isinstance(f, Finding)])], sys.stderr)
    return EXIT_FINDINGS


def usable(path: Path, day: date | None) -> Result:
    """The framework at `path` for a command that builds on it; when it has errors, its
    findings go to standard error as validate shows them and the command exits 1."""
    from rmf.core.errors import FrameworkError
    from rmf.validate.run import load_framework

    try:
        return load_framework(path, day)
    except FrameworkError as exc:
        raise typer.Exit(refuse(str(path), exc.findings)) from None


def guarded(debug: bool, work: Callable[[], T]) -> T:
    """Run a command body: a usage error exits 2; any other error a user can cause (an
    invalid framework, a template error) exits 1; anything else is a bug and exits 3."""
    from rmf.core.errors import FrameworkError, RmfError, UsageError

    try:
        return work()
    except UsageError as exc:
        fail(str(exc), EXIT_USAGE)
    except FrameworkError as exc:
        fail(str(exc), EXIT_FINDINGS)
    except RmfError as exc:
        fail(f"{exc.prefix}{exc}", EXIT_FINDINGS)
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as exc:
        if debug:
            traceback.print_exc()
        else:
            from rmf.core.printable import printable

            typer.echo(
                f"rmf: internal error: {type(exc).__name__}: {printable(str(exc))}\n"
                "This is a bug in rmf; run again with --debug to see the traceback.",
                err=True,
            )
        raise typer.Exit(EXIT_INTERNAL) from None
