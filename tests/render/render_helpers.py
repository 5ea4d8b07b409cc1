"""Helpers the render tests share: render a framework to a {path: bytes} tree, read trees."""

from __future__ import annotations

import difflib
import struct
import zlib
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from conftest import TODAY
from rmf.render.engine import Format
from rmf.render.kinds import KINDS
from rmf.render.pipeline import prepare

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"
DAY = date.fromisoformat(TODAY)


def render_tree(
    path: Path,
    fmt: Format = "md",
    kinds: Iterable[str] = KINDS,
    templates: Path | None = None,
) -> dict[str, bytes]:
    """Every file `rmf render` would write into an empty folder, manifest included."""
    return prepare(path, HERE / "no-such-folder", fmt, kinds, templates=templates, today=DAY).files


def render_text(path: Path, fmt: Format = "md", templates: Path | None = None) -> dict[str, str]:
    return {p: b.decode("utf-8") for p, b in render_tree(path, fmt, templates=templates).items()}


def read_tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder by its POSIX path relative to it."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def write_tree(folder: Path, files: dict[str, bytes]) -> None:
    for path, data in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def tree_diff(expected: dict[str, bytes], actual: dict[str, bytes], limit: int = 60) -> str:
    """A readable account of how two trees differ: missing, extra, first changed lines."""
    lines = [f"missing: {p}" for p in sorted(set(expected) - set(actual))]
    lines += [f"extra: {p}" for p in sorted(set(actual) - set(expected))]
    for path in sorted(set(expected) & set(actual)):
        if expected[path] != actual[path]:
            lines.append(f"changed: {path}")
            lines += list(
                difflib.unified_diff(
                    expected[path].decode("utf-8", "replace").splitlines(),
                    actual[path].decode("utf-8", "replace").splitlines(),
                    "golden",
                    "rendered",
                    lineterm="",
                    n=1,
                )
            )[:limit]
    return "\n".join(lines)


def sections(markdown: str) -> dict[str, str]:
    """Each heading's text (without the #s) and the lines up to the next heading."""
    out: dict[str, str] = {}
    current = ""
    for line in markdown.splitlines():
        if line.startswith("#"):
            current = line.lstrip("#").strip()
            out[current] = ""
        else:
            out[current] = out.get(current, "") + line + "\n"
    return out


def table(text: str) -> list[list[str]]:
    """The body rows of the first Markdown table in `text`, as lists of cell text."""
    rows = [line for line in text.splitlines() if line.startswith("|")]
    cells = [[c.strip() for c in split_row(r)] for r in rows]
    return cells[2:]


def split_row(row: str) -> list[str]:
    """A table row's cells, split at the pipes that are not escaped."""
    cells, current, escaped = [], "", False
    for char in row.strip()[1:-1]:
        if char == "|" and not escaped:
            cells.append(current)
            current = ""
        else:
            current += char
        escaped = char == "\\" and not escaped
    return [*cells, current]


def png(width: int = 2, height: int = 2) -> bytes:
    """A real PNG of red pixels."""
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def render_cli(*args: str) -> tuple[int, str, str]:
    """`rmf render --today TODAY ARGS…` in process: exit code, standard output and error."""
    from typer.testing import CliRunner

    from rmf.cli.app import app

    result = CliRunner().invoke(app, ["render", "--today", TODAY, *args])
    return result.exit_code, result.stdout, result.stderr


def client_framework(tmp_path: Path) -> Path:
    """A copy of the derived fixture as `client/framework.yaml` under `tmp_path`."""
    import shutil

    path = tmp_path / "client" / "framework.yaml"
    path.parent.mkdir()
    shutil.copy(FIXTURES / "derived.yaml", path)
    return path
