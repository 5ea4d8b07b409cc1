"""`rmf import` as one call: spreadsheets read, understood and built into framework files
(a folder like frameworks/edmonton: framework.yaml and a file per section)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rmf.core.errors import UsageError
from rmf.core.findings import Finding, Severity, sort_findings
from rmf.core.printable import printable
from rmf.sheets import practice, structure
from rmf.sheets.build import Builder, Entry
from rmf.sheets.columns import Mapped, understand
from rmf.sheets.layout import norm
from rmf.sheets.reading import Grid, read
from rmf.sheets.values import STATUSES, choose, text

SUFFIXES = (".xlsx", ".xlsm", ".csv")
ROOT_FILE = "framework.yaml"
HEADER = (
    "# Imported from {sources} by rmf import: fill in what the sheets did not say\n"
    "# (`rmf validate` lists it), then keep this file as the source.\n"
)
# section → its file, in the order framework.yaml includes them
FILES = {
    "units": "units.yaml",
    "roles": "roles.yaml",
    "relationships": "relationships.yaml",
    "governance": "governance.yaml",
    "processes": "processes.yaml",
}
ORDER = ("units", "roles", "seats", "governance", "relationships", "raci")


@dataclass(frozen=True)
class Imported:
    """What import understood and made: each sheet's mapping, the findings, and the files
    (none when a finding is an error)."""

    sheets: tuple[Mapped, ...]
    findings: list[Finding]
    files: dict[str, str]
    counts: dict[str, int]

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)


def inputs(paths: list[Path]) -> list[Path]:
    """The spreadsheet files the paths name: files as given, a folder's CSV and workbook
    files (as `rmf export` writes them). UsageError for anything else."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES)
            if not found:
                raise UsageError(f"{path}: no .xlsx or .csv file in this folder")
            out += found
        elif not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        elif path.suffix.lower() not in SUFFIXES:
            raise UsageError(f"{path}: not a spreadsheet; give .xlsx or .csv files")
        else:
            out.append(path)
    return out


def import_sheets(paths: list[Path], client: str | None = None) -> Imported:
    """Framework files from spreadsheets: units, roles, seats, relationships, governance
    membership and RACI matrices, whatever the sheets hold of them."""
    findings: list[Finding] = []
    grids: list[Grid] = []
    for path in inputs(paths):
        read_grids, problems = read(path)
        grids += read_grids
        findings += problems
    mapped = [m for g in grids if (m := understand(g, findings)) is not None]
    kinds = {m.kind for m in mapped}
    if not findings and not {"units", "roles"} & kinds:
        from rmf.core.findings import Mark

        where = grids[0].file if grids else paths[0].as_posix()
        message = "no sheet of units or roles: import needs at least one of them"
        findings.append(Finding.at(Mark(where, 1, 1), "sheet-missing", message))
    b = Builder(findings)
    readers = {
        "units": structure.units,
        "roles": structure.roles,
        "seats": structure.seats,
        "governance": practice.governance,
        "relationships": practice.relationships,
        "raci": practice.raci,
    }
    for kind in ORDER:
        for sheet in (m for m in mapped if m.kind == kind):
            readers[kind](b, sheet)
        if kind == "seats":
            structure.seats_from_roles(b, "seats" in kinds)
    b.finish()
    sections: dict[str, list[Entry]] = {
        "units": b.units.entries,
        "roles": b.roles.entries,
        "relationships": b.relationships,
        "governance": b.bodies.entries,
        "processes": b.processes,
    }
    counts = {k: len(v) for k, v in sections.items()} | {"seats": len(b.seats.ids)}
    ordered = sort_findings(findings)
    if any(f.severity is Severity.ERROR for f in ordered):
        return Imported(tuple(mapped), ordered, {}, counts)
    meta = _metadata(grids, client, paths)
    sources = printable(", ".join(p.name for p in paths))
    return Imported(tuple(mapped), ordered, _files(meta, sections, sources), counts)


def _metadata(grids: list[Grid], client: str | None, paths: list[Path]) -> Entry:
    """The framework's metadata: from an exported workbook's About sheet, else made from
    the client's name (the option, else the file's name)."""
    facts: dict[str, Any] = {}
    for g in grids:
        if norm(g.name) == "about":
            facts |= {norm(str(r[0])): r[1] for _, r in g.rows if len(r) > 1 and r[0]}
    from rmf.scaffold.create import framework_id

    name = (
        client
        or text(facts.get("client"))
        or paths[0].stem.replace("-", " ").replace("_", " ").title()
    )
    ident = text(facts.get("framework id"))
    status = choose(facts.get("status"), STATUSES) if facts.get("status") else None
    return {
        "id": ident if ident and client is None else framework_id(name),
        "name": (text(facts.get("framework")) if client is None else None)
        or f"Business Engagement — Relationship Management Framework, {name}",
        "client": name,
        "version": text(facts.get("version")) or "0.1.0",
        "status": status or "draft",
    }


def _files(meta: Entry, sections: dict[str, list[Entry]], sources: str) -> dict[str, str]:
    from rmf.fmt.canonical import format_text

    header = HEADER.format(sources=sources)
    used = [k for k, v in sections.items() if v]
    out = {
        ROOT_FILE: header
        + _dump({"rmf": 1, "include": [FILES[k] for k in used], "framework": meta})
    }
    for key in used:
        out[FILES[key]] = header + _dump({key: sections[key]})
    return {name: format_text(content, name) for name, content in out.items()}


def _dump(data: dict[str, Any]) -> str:
    from rmf.fmt.roundtrip import new_yaml

    out = io.StringIO()
    new_yaml().dump(data, out)
    return out.getvalue()


def write(imported: Imported, dest: Path, force: bool = False) -> list[Path]:
    """Put the files in `dest`, each atomically and none unless all can be: a folder that
    holds anything is refused unless `force` (then files of the same name are replaced and
    the rest left alone). UsageError for a destination that cannot be used."""
    from rmf.core.atomic import Unwritable, write_all

    if dest.exists() and not dest.is_dir():
        raise UsageError(f"{dest}: is a file; give a folder for the framework")
    try:
        taken = dest.is_dir() and any(dest.iterdir())
    except OSError as exc:
        raise Unwritable(dest, exc) from exc
    if taken and not force:
        raise UsageError(
            f"{dest}: already exists and is not empty; import into a new folder, or add "
            "--force to replace the framework files in it"
        )
    targets = {dest / name: content.encode("utf-8") for name, content in imported.files.items()}
    write_all(targets)
    return list(targets)
