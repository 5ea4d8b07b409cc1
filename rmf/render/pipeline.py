"""`rmf render` as one call: load and validate the framework, render its documents, and
plan the output folder; the command line, `rmf init` and the tests all go through it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rmf.render.engine import Format, Progress, Rendered, render, render_handbook, template_dirs
from rmf.render.kinds import HANDBOOK, KINDS
from rmf.render.output import Plan, plan
from rmf.validate.run import Result, load_framework


@dataclass(frozen=True)
class Prepared:
    """A framework rendered in memory: what validation found (warnings only: a framework
    with errors raises), the documents, and the files planned for the output folder."""

    result: Result
    documents: list[Rendered]
    plan: Plan

    @property
    def files(self) -> dict[str, bytes]:
        """Every file the output folder will hold, the manifest included."""
        return self.plan.files


def prepare(
    path: Path,
    out: Path,
    fmt: Format = "md",
    kinds: Iterable[str] = KINDS,
    *,
    templates: Path | None = None,
    reference_docx: Path | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    handbook: bool = False,
) -> Prepared:
    """Render the framework at `path` for the folder `out`: client templates from
    `templates` (else `templates/` beside the framework or a base), Word house style from
    `reference_docx` (else `reference.docx` beside them). With `handbook`, the documents
    of the chosen kinds make one handbook, the only document of the run: documents an
    earlier run left in the folder stay, as those of kinds left out by `--only` do.
    Raises FrameworkError when the framework has errors, TemplateError for a template
    that fails, UsageError for a missing template folder or reference document; writes
    nothing."""
    result = load_framework(path, today)
    framework, checked = result.framework, result.checked
    assert framework is not None and checked is not None
    bases = checked.source.bases
    reference = None
    if fmt == "docx":
        from rmf.render.docx.reference import reference_docx as house_style

        reference = house_style(path, reference_docx, bases)
    chosen = tuple(k for k in KINDS if k in set(kinds))
    folders = template_dirs(path, templates, bases)
    home = path if path.is_dir() else path.parent  # where pictures in the text come from
    if handbook:
        documents = [render_handbook(framework, fmt, chosen, folders, reference, home)]
        chosen = (HANDBOOK.name,)
    else:
        documents = render(framework, fmt, chosen, folders, progress, reference, home)
    meta = framework.framework
    return Prepared(result, documents, plan(out, documents, fmt, (meta.id, meta.version), chosen))
