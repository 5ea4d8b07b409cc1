"""Scaffold a client framework repository that validates and renders as created: `rmf init`."""

from __future__ import annotations

import json
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
from rmf.model.types import ID_MAX, kebab
from rmf.reading.loader import ROOT_FILE
from rmf.reading.lockfile import LOCK_FILE, lock_text
from rmf.reading.pinned import GIT_PREFIX, is_pinned
from rmf.scaffold.pin import Pin, pin
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
    # `rmf lsp` for VS Code, through the Generic LSP Client extension (zsol.vscode-glspc)
    "vscode-settings.json": ".vscode/settings.json",
    "vscode-extensions.json": ".vscode/extensions.json",
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
    extends: str | None = None
    # why the base is named by a path, or by a folder on this machine, when it is
    pin_warning: str | None = None


def framework_id(client: str) -> str:
    """`Acme Café (North)` → `acme-cafe-north-rmf`: a safe kebab-case id for the client."""
    return (kebab(client, "client", ID_MAX - len(ID_SUFFIX)) or "client") + ID_SUFFIX


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


_WHERE = {
    "path": "The base must be at that path wherever rmf runs, CI included (a submodule, or "
    "one repository for both).",
    "git": f"It is read at the commit {LOCK_FILE} records: rmf fetches it once into its "
    "cache (`rmf fetch`, the first step of the CI) and refuses a tag that has moved; "
    "`rmf lock --update` takes a new commit on purpose.",
    "pkg": "It comes from an installed Python package: install the package wherever rmf "
    "runs (the CI installs it with rmf).",
}
# the steps of the CI that fetch a pinned git base before the others run offline
FETCH_STEPS = """\
      - name: Cache of pinned bases
        uses: actions/cache@v4
        with:
          path: ~/.cache/rmf
          key: rmf-bases-${{ hashFiles('rmf.lock') }}
      - name: Fetch the base
        # the commit rmf.lock records, checked against its tag when it is fetched (a
        # private base over ssh needs a deploy key); the steps after this one read it offline
        run: rmf fetch .
        env:
          RMF_OFFLINE: "0"
"""
OFFLINE_ENV = """\
    env:
      RMF_OFFLINE: "1"  # bases from the cache only (see `rmf fetch`)
"""


def files(
    client: str,
    ident: str,
    base: str | None,
    base_name: str | None,
    requirement: str | None = None,
) -> dict[str, str]:
    """Every file of the new repository, by path relative to it; `requirement` is the
    package (`name==version`) that ships a `pkg:` base."""
    framework = _skeleton("extends" if base is not None else "standard")
    layout = dict(LAYOUT)
    note = ""
    kind = (
        "git"
        if base and base.startswith(GIT_PREFIX)
        else "pkg"
        if base and is_pinned(base)
        else "path"
    )
    if base is not None:
        layout = {p: w for p, w in LAYOUT.items() if p in framework}
        layout[ROOT_FILE] = "the root file: the base it extends and excludes from, metadata"
        if kind == "git":
            layout[LOCK_FILE] = "the commit the pinned base resolved to (`rmf lock` writes it)"
        note = (
            "\n"
            + textwrap.fill(
                f"It extends the base methodology{f' ({base_name})' if base_name else ''} at "
                f"`{base}` (`extends:` in framework.yaml): the base's entities come first, this "
                "framework adds the client's own, changes single fields of a base entity under "
                "`override:`, replaces one whole by declaring its id, and drops base entities "
                f"listed under `exclude:`. `rmf show . --origin` tells them apart. {_WHERE[kind]}",
                width=79,
                break_long_words=False,
                break_on_hyphens=False,
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
        "name_yaml": _quoted(f"Relationship Management Framework — {client}"),
        "repo": HOME,
        "version": __version__,
        "base_note": note,
        "layout": rows,
        "job_env": OFFLINE_ENV if kind == "git" else "",
        "fetch_steps": FETCH_STEPS if kind == "git" else "",
        "install_extra": f" {_quoted(requirement)}" if requirement else "",
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


def _base(base: str, dest: Path, today: date | None) -> tuple[Pin, str, int]:
    """How the new framework at `dest` names the base, the base's name and how many
    warnings it has; a base with errors is refused with its findings (FrameworkError)."""
    from rmf.validate.run import load_framework

    pinned = pin(base, dest)
    result = load_framework(pinned.folder, today)
    assert result.framework is not None
    return pinned, result.framework.framework.name, len(result.findings)


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
    dest: Path, client: str | None = None, base: str | None = None, today: date | None = None
) -> Created:
    """Make the repository in a temporary folder beside `dest`, then rename it into place,
    so that a failure leaves nothing half-made."""
    _check_destination(dest)
    name = client_name(client, dest.resolve())
    ident = framework_id(name)
    pinned, base_name, _ = _base(base, dest, today) if base else (None, None, 0)
    made = files(
        name,
        ident,
        pinned.extends if pinned else None,
        base_name,
        pinned.requirement if pinned else None,
    )
    if pinned is not None and pinned.locked is not None:
        made[LOCK_FILE] = lock_text([pinned.locked])
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
    return Created(
        dest,
        name,
        ident,
        tuple(sorted(made)),
        documents,
        found,
        pinned.extends if pinned else None,
        pinned.warning if pinned else None,
    )
