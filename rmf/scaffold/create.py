"""Scaffold a client framework repository that validates and renders as created: `rmf init`."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import textwrap
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from rmf import HOME, __version__
from rmf.core.atomic import Unwritable
from rmf.core.errors import UsageError
from rmf.model.types import ID_MAX
from rmf.reading.loader import ROOT_FILE, locate
from rmf.validate.jsonschema import FRAMEWORK_FILE, INCLUDE_FILE, schema_text

SCHEMA_DIR = "schema"
RENDERED = "rendered"
ID_SUFFIX = "-rmf"
MODELINE = "# yaml-language-server: $schema="
# skeleton file -> where it goes in the new repository
REPO_FILES = {
    "README.md": "README.md",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "rmf.yml": ".github/workflows/rmf.yml",
    "gitattributes": ".gitattributes",
}
LAYOUT = {
    "framework.yaml": "the root file: metadata, principles, and the files it includes",
    "units.yaml": "organisational structure",
    "roles/": "positions, one file per area",
    "relationships.yaml": "who manages the relationship with each business unit",
    "governance.yaml": "governance bodies and their terms of reference",
    "policies.yaml": "policies",
    "processes.yaml": "processes with their RACI",
    "communications.yaml": "the communication plan",
    "indicators.yaml": "engagement indicators",
}


@dataclass(frozen=True)
class Created:
    """What `rmf init` made: the folder, its files (the rendered documents aside), how
    many documents it rendered, and the warnings a base passed on."""

    path: Path
    client: str
    id: str
    files: tuple[str, ...]
    documents: int
    warnings: int


def framework_id(client: str) -> str:
    """`Acme Café (North)` → `acme-cafe-north-rmf`: a safe kebab-case id for the client."""
    ascii_text = unicodedata.normalize("NFKD", client).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    stem = "-".join(words) or "client"
    if not stem[0].isalpha():
        stem = f"client-{stem}"
    stem = stem[: ID_MAX - len(ID_SUFFIX)].rstrip("-")
    return stem + ID_SUFFIX


def client_name(given: str | None, dest: Path) -> str:
    """The client's name: as given, else the folder's name in words (`acme-corp` → Acme Corp)."""
    name = given if given is not None else re.sub(r"[-_]+", " ", dest.name).strip().title()
    name = name.strip()
    if not name:
        raise UsageError("--client needs a name, e.g. --client 'Acme Corporation'")
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in name):
        raise UsageError("--client must be a single line of text, without control characters")
    return name


def _skeleton(kind: str) -> dict[str, str]:
    root = resources.files("rmf.scaffold").joinpath("skeleton", kind)
    out: dict[str, str] = {}
    stack = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                stack.append((entry, f"{prefix}{entry.name}/"))
            elif entry.name.endswith(".tmpl"):
                out[prefix + entry.name.removesuffix(".tmpl")] = entry.read_text(encoding="utf-8")
    return dict(sorted(out.items()))


_PLACEHOLDER = re.compile(r"\{\{([a-z_]+)\}\}")


def _fill(text: str, values: dict[str, str]) -> str:
    """The skeleton with its `{{name}}` placeholders filled in one pass: a value is data,
    never read again for placeholders (a client named `{{id}}` stays so), and the
    skeleton's YAML braces and `$schema` pass through untouched."""
    return _PLACEHOLDER.sub(lambda found: values[found.group(1)], text)


def _modeline(path: str) -> str:
    depth = path.count("/")
    schema = FRAMEWORK_FILE if path == ROOT_FILE else INCLUDE_FILE
    return f"{MODELINE}{'../' * depth}{SCHEMA_DIR}/{schema}\n"


def _quoted(text: str) -> str:
    # a JSON string is a YAML double-quoted scalar: any name is safe inside it
    return json.dumps(text, ensure_ascii=False)


def files(client: str, ident: str, base: str | None, base_name: str | None) -> dict[str, str]:
    """Every file of the new repository, by path relative to it."""
    framework = _skeleton("extends" if base is not None else "standard")
    layout = dict(LAYOUT)
    note = ""
    if base is not None:
        layout = {p: w for p, w in LAYOUT.items() if p in framework}
        layout[ROOT_FILE] = "the root file: the base it extends and excludes from, metadata"
        note = (
            "\n"
            + textwrap.fill(
                f"It extends the base methodology at `{base}` (`extends:` in framework.yaml): "
                "the base's entities come first, this framework adds the client's own, replaces "
                "a base entity by declaring its id, and drops base entities listed under "
                "`exclude:`. `rmf show . --origin` tells them apart. The base must be at that "
                "path wherever rmf runs, CI included (a submodule, or one repository for both).",
                width=79,
            )
            + "\n"
        )
    rows = "\n".join(f"| `{path}` | {what} |" for path, what in layout.items())
    values = {
        "client": client,
        "client_yaml": _quoted(client),
        "client_text": client.replace("\n", " "),
        "id": ident,
        "base_yaml": _quoted(base or ""),
        "name_yaml": _quoted(base_name or ""),
        "repo": HOME,
        "version": __version__,
        "base_note": note,
        "layout": rows,
    }
    out = {path: _modeline(path) + _fill(text, values) for path, text in framework.items()}
    repo = _skeleton("repo")
    for source, target in REPO_FILES.items():
        out[target] = _fill(repo[source], values)
    out[f"{SCHEMA_DIR}/{FRAMEWORK_FILE}"] = schema_text()
    out[f"{SCHEMA_DIR}/{INCLUDE_FILE}"] = schema_text(include_file=True)
    return out


def _check_destination(dest: Path) -> None:
    with _writing(dest):
        taken = dest.exists() and (not dest.is_dir() or any(dest.iterdir()))
    if taken:
        raise UsageError(
            f"{dest}: already exists and is not empty; rmf init makes a new framework in a "
            "new (or empty) folder"
        )


def _base(base: Path, dest: Path, today: date | None) -> tuple[str, str]:
    """The `extends:` path from the new folder to the base, and the base's name; a base
    with errors is refused with its findings (FrameworkError)."""
    from rmf.validate.run import load_framework

    locate(base)  # a UsageError when it is no framework
    result = load_framework(base, today)
    assert result.framework is not None
    try:
        rel = os.path.relpath(base.resolve(), dest.resolve())
    except ValueError:  # another drive: only an absolute path reaches it
        rel = str(base.resolve())
    return Path(rel).as_posix(), result.framework.framework.name


def _render(folder: Path, today: date | None) -> tuple[int, int, dict[str, bytes]]:
    """Validate the new framework and render its documents: (findings, documents, files)."""
    from rmf.render.pipeline import prepare

    prepared = prepare(folder, folder / RENDERED, today=today)
    return len(prepared.result.findings), len(prepared.documents), prepared.files


@contextmanager
def _writing(dest: Path) -> Iterator[None]:
    """A folder that cannot be written is the user's to fix: a usage error naming it."""
    try:
        yield
    except OSError as exc:
        raise Unwritable(dest, exc) from exc


def _write(folder: Path, contents: Mapping[str, str | bytes]) -> None:
    for path, content in contents.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8", newline="\n")
        else:
            target.write_bytes(content)


def create(
    dest: Path, client: str | None = None, base: Path | None = None, today: date | None = None
) -> Created:
    """Make the repository in a temporary folder beside `dest`, then rename it into place,
    so that a failure leaves nothing half-made."""
    _check_destination(dest)
    name = client_name(client, dest.resolve())
    ident = framework_id(name)
    extends, base_name = _base(base, dest, today) if base else (None, None)
    made = files(name, ident, extends, base_name)
    # beside dest, so that `extends:` is the same relative path from both
    work = dest.parent / f".{dest.name}.rmf-init-{secrets.token_hex(4)}"
    with _writing(dest):
        dest.parent.mkdir(parents=True, exist_ok=True)
        work.mkdir()
    try:
        with _writing(dest):
            _write(work, made)
        found, documents, rendered = _render(work, today)
        if found and base is None:
            raise AssertionError(f"rmf init made a framework with {found} finding(s)")
        with _writing(dest):
            _write(work / RENDERED, rendered)
            _check_destination(dest)  # again: another process may have been quicker
            if dest.exists():
                dest.rmdir()
            work.rename(dest)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return Created(dest, name, ident, tuple(sorted(made)), documents, found)
