"""not-included: a YAML file in a framework folder that holds framework sections is named
by `include`; otherwise its entities are silently left out of the framework."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from rmf.core.files import YAML_SUFFIXES, FileProblem, read_regular
from rmf.core.findings import Finding, Mark, Severity
from rmf.model.types import SECTIONS
from rmf.validate.rules.base import Context, Rule

CODE = "not-included"
MAX_LOOKED_AT = 5_000  # files and folders; a framework folder is far smaller
SNIFF_BYTES = 64 * 1024
_SECTION = re.compile(rf"^({'|'.join(map(re.escape, SECTIONS))}):", re.MULTILINE)


def _candidates(folder: Path) -> Iterator[Path]:
    """The YAML files below `folder`, not hidden and not in hidden folders or in linked
    ones, looking at no more than MAX_LOOKED_AT entries."""
    budget = MAX_LOOKED_AT
    stack = [folder]
    while stack:
        here = stack.pop()
        try:
            with os.scandir(here) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        budget -= len(entries)
        if budget < 0:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
            elif entry.name.endswith(YAML_SUFFIXES) and entry.is_file(follow_symlinks=False):
                yield Path(entry.path)


def check(ctx: Context) -> Iterator[Finding]:
    source = ctx.checked.source
    root = Path(source.root)
    if root.name != "framework.yaml":
        return  # a single-file framework: its folder may hold anything
    read = {os.path.normcase(os.path.abspath(f)) for f in source.files}
    for path in _candidates(root.parent):
        if os.path.normcase(os.path.abspath(path)) in read:
            continue
        try:
            text = read_regular(path, SNIFF_BYTES * 512)[:SNIFF_BYTES].decode("utf-8", "replace")
        except FileProblem:
            continue
        found = _SECTION.search(text)
        if found is None:
            continue  # not a part of a framework (a CI file, measurements …)
        line = text.count("\n", 0, found.start()) + 1
        shown = (root.parent / path.relative_to(root.parent)).as_posix()
        yield ctx.finding(
            CODE,
            Mark(shown, line, 1),
            f"this file holds `{found.group(1)}:` but no `include` of "
            f"{root.as_posix()} names it, so none of it is part of the framework; add it to "
            "`include`, or move it out of the framework folder",
            ctx.fw.framework.id,  # a waiver names the framework: file names are not ids
        )


RULE = Rule(
    CODE,
    Severity.WARNING,
    "a YAML file of framework sections in the framework folder is included",
    check,
    whole=True,
)
