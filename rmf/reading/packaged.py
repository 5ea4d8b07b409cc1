"""Bases that installed Python packages ship, found by their `rmf.frameworks` entry point."""

from __future__ import annotations

import importlib.util
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

from rmf.core.errors import FrameworkError
from rmf.core.findings import Finding, Mark
from rmf.core.suggest import Suggester
from rmf.reading.loader import ROOT_FILE
from rmf.reading.pinned import PackageBase

GROUP = "rmf.frameworks"


def _refuse(mark: Mark, message: str) -> FrameworkError:
    return FrameworkError([Finding.at(mark, "extends-not-found", message)])


def installed() -> list[EntryPoint]:
    """Every framework an installed package ships, by entry point."""
    return sorted(entry_points(group=GROUP), key=lambda e: e.name)


def _entry(base: PackageBase, mark: Mark) -> EntryPoint:
    """The one entry point of that name."""
    found = [e for e in installed() if e.name == base.name]
    if not found:
        names = Suggester(e.name for e in installed())
        hint = names.hint(base.name)
        raise _refuse(
            mark,
            f"no installed package ships a framework named `{base.name}` (entry point "
            f"group `{GROUP}`){hint}; install it with pip, in the version the framework "
            "was written for",
        )
    owners = {e.dist.name if e.dist is not None else e.value for e in found}
    if len(owners) > 1:
        raise _refuse(
            mark,
            f"several installed packages ship a framework named `{base.name}` "
            f"({', '.join(sorted(owners))}); uninstall all but one",
        )
    return found[0]


def requirement(base: PackageBase, mark: Mark) -> str | None:
    """`name==version` of the distribution that ships the base, as pip installs it."""
    dist = _entry(base, mark).dist
    return f"{dist.name}=={dist.version}" if dist is not None else None


def package_folder(base: PackageBase, mark: Mark) -> Path:
    """The folder of the framework that the entry point `base.name` names: its value is
    a package (`acme_method.base`) whose folder holds framework.yaml."""
    entry = _entry(base, mark)
    if entry.attr or not entry.module:
        raise _refuse(
            mark,
            f"`{entry.value}`: the entry point of `{base.name}` names a package (the folder "
            "that holds framework.yaml), not an object in it",
        )
    try:
        spec = importlib.util.find_spec(entry.module)
    except (ImportError, ValueError) as exc:
        raise _refuse(mark, f"`{entry.module}` cannot be found: {exc}") from None
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        if (Path(location) / ROOT_FILE).is_file():
            return Path(location)
    raise _refuse(
        mark,
        f"`{entry.module}` (the entry point `{base.name}`) is not a package folder with "
        f"{ROOT_FILE}",
    )
