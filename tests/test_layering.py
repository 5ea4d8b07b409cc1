"""Imports flow one way, and each heavy library stays in its family (an AST walk of rmf/)."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "rmf"
# what `rmf.X` can name as a module; anything else is an attribute of rmf (its version)
TOP = {f"rmf.{p.stem}" for p in PACKAGE.iterdir() if p.suffix == ".py" or p.is_dir()}
WRITERS = {  # what turns results into output for a person or a program
    "rmf.validate.report",
    "rmf.validate.sarif",
    "rmf.validate.ci",
    "rmf.diff.report",
    "rmf.show.report",
    "rmf.show.jsonreport",
    "rmf.scorecard.terminal",
}
TERMINAL = WRITERS - {"rmf.show.jsonreport", "rmf.validate.sarif", "rmf.validate.ci"}
# third-party library -> the families (module prefixes) that may import it
LIBRARIES = {
    "typer": ("rmf.cli",),
    "rich": ("rmf.cli", *TERMINAL),
    "jinja2": ("rmf.render.engine",),
    "markupsafe": ("rmf.render",),
    "docx": ("rmf.render.docx",),
    "matplotlib": ("rmf.scorecard.charts", "rmf.render.stakeholders"),
    "yaml": ("rmf.reading",),
    "ruamel": ("rmf.reading", "rmf.fmt"),
    "markdown_it": ("rmf.render",),
    "watchfiles": ("rmf.serve.watch",),
    "pygls": ("rmf.lsp.server", "rmf.lsp.features"),
    "lsprotocol": ("rmf.lsp.server", "rmf.lsp.features"),
    "openpyxl": ("rmf.sheets",),
}
BASE = ("rmf.core", "rmf.model", "rmf.reading")
# family -> the families of rmf it may import (besides `rmf` itself, for the version)
ALLOWED = {
    "rmf.core": ("rmf.core",),
    "rmf.model": ("rmf.model",),
    "rmf.reading": BASE,
    "rmf.validate": (*BASE, "rmf.validate"),
    "rmf.render": (*BASE, "rmf.validate", "rmf.render"),
    "rmf.diff": (*BASE, "rmf.validate", "rmf.render", "rmf.diff"),
    "rmf.scorecard": (*BASE, "rmf.validate", "rmf.render", "rmf.scorecard"),
    "rmf.show": (*BASE, "rmf.validate", "rmf.render", "rmf.show"),
    "rmf.fmt": (*BASE, "rmf.fmt"),
    "rmf.rename": (*BASE, "rmf.render", "rmf.scorecard", "rmf.rename"),
    "rmf.scaffold": (*BASE, "rmf.validate", "rmf.render", "rmf.scaffold"),
    "rmf.serve": (*BASE, "rmf.validate", "rmf.render", "rmf.serve"),
    "rmf.lsp": (*BASE, "rmf.validate", "rmf.rename", "rmf.lsp"),
    "rmf.sheets": (
        *BASE,
        "rmf.validate",
        "rmf.render",
        "rmf.scorecard",
        "rmf.fmt",
        "rmf.scaffold",
        "rmf.sheets",
    ),
}
MODEL_MAY_IMPORT = ("rmf.model", "pydantic", "pydantic_core", "__future__")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(source: str, name: str) -> Iterator[str]:
    """Every module a source imports, at the top or inside a function."""
    package = name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            yield base
            # `from rmf.render.docx import writer` imports rmf.render.docx.writer
            yield from (f"{base}.{alias.name}" for alias in node.names)


def within(module: str, families: tuple[str, ...] | set[str]) -> bool:
    return any(module == f or module.startswith(f + ".") for f in families)


def violations(sources: dict[str, str]) -> list[str]:
    """Every import that breaks the layering, as 'importer -> imported: why'."""
    found = []
    for name, source in sorted(sources.items()):
        for imported in set(imports(source, name)):
            top = imported.split(".")[0]
            if top in LIBRARIES and not within(name, LIBRARIES[top]):
                found.append(f"{name} -> {imported}: {top} belongs to {LIBRARIES[top]}")
            if imported.startswith("rmf.") and ".".join(imported.split(".")[:2]) not in TOP:
                continue  # `from rmf import __version__`
            if not imported.startswith("rmf."):
                third_party = top not in sys.stdlib_module_names
                in_model = within(name, ("rmf.model",))
                if third_party and in_model and not within(imported, MODEL_MAY_IMPORT):
                    found.append(f"{name} -> {imported}: model uses only pydantic")
                continue
            if within(imported, ("rmf.cli",)) and not within(name, ("rmf.cli", "rmf.__main__")):
                found.append(f"{name} -> {imported}: nothing imports the command line")
            if within(imported, WRITERS) and not within(name, ("rmf.cli",)):
                family = ".".join(imported.split(".")[:2])
                if not within(name, (family,)):
                    found.append(f"{name} -> {imported}: another capability's writer")
            for family, allowed in ALLOWED.items():
                if within(name, (family,)) and not within(imported, allowed):
                    found.append(f"{name} -> {imported}: {family} imports only {allowed}")
    return found


def package_sources() -> dict[str, str]:
    return {module_name(p): p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")}


def test_imports_flow_one_way_and_libraries_stay_in_their_family() -> None:
    assert violations(package_sources()) == []


@pytest.mark.parametrize(
    ("module", "source", "why"),
    [
        ("rmf.validate.run", "from rmf.render.engine import render\n", "imports only"),
        ("rmf.model.framework", "import yaml\n", "model uses only pydantic"),
        ("rmf.reading.loader", "def f():\n    import jinja2\n", "jinja2 belongs"),
        ("rmf.render.engine", "from rmf.cli.common import fail\n", "command line"),
        ("rmf.scaffold.create", "from rmf.validate.report import write_text\n", "writer"),
        ("rmf.diff.report", "from docx import Document\n", "docx belongs"),
        ("rmf.core.errors", "from rmf.model.types import ID\n", "imports only"),
        ("rmf.fmt.canonical", "from rmf.validate.run import validate\n", "imports only"),
    ],
)
def test_a_deliberate_violation_is_caught(module: str, source: str, why: str) -> None:
    found = violations({module: source})
    assert any(why in f for f in found), found
