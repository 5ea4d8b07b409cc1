"""One look at a framework as the editor has it: its findings, file by file, and the
index of its ids; for a file of no framework, what can be read of that file alone."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from rmf.core.errors import FrameworkError, RmfError
from rmf.core.findings import Finding, sort_findings
from rmf.core.pauses import no_collector_pauses
from rmf.lsp.index import Index
from rmf.lsp.texts import Texts, buffers_read
from rmf.reading.loader import load_source
from rmf.reading.overlay import Source
from rmf.reading.reader import Reuse, read_text, reusing
from rmf.validate.run import validate_source


@dataclass
class Analysis:
    """What a look found: the findings, the files they are published for (every file
    the framework was read from, so that one with no findings is cleared), and the
    framework as read, when it could be."""

    findings: list[Finding]
    files: frozenset[str]
    source: Source | None
    texts: Texts = field(repr=False, default_factory=lambda: Texts({}))

    @cached_property
    def index(self) -> Index | None:
        """The ids of the framework, worked out when first asked for: the findings of
        an edit are published without waiting for it."""
        return Index(self.source, self.texts) if self.source is not None else None

    def by_file(self) -> dict[str, list[Finding]]:
        """The findings of each file, every file of the framework listed."""
        out: dict[str, list[Finding]] = {f: [] for f in self.files}
        for finding in self.findings:
            out.setdefault(finding.file, []).append(finding)
        return out


def analyse(
    root: Path, buffers: Mapping[str, str], reuse: Reuse | None = None, today: date | None = None
) -> Analysis:
    """Validate the framework whose root file is `root` (an absolute path), each open
    buffer read in place of its file: schema and rules, every file that can be read
    checked, none of the problems raised. With `reuse`, a file read as it was at the
    last look is not parsed again."""
    texts = Texts(buffers)
    with ExitStack() as stack:
        stack.enter_context(buffers_read(buffers))
        stack.enter_context(no_collector_pauses())
        if reuse is not None:
            stack.enter_context(reusing(reuse))
        try:
            source = load_source(root, partial=True)
        except FrameworkError as exc:  # the root file itself cannot be read
            findings = sort_findings(exc.findings)
            return Analysis(findings, frozenset({str(root)}), None, texts)
        except RmfError:  # the root file is gone
            return Analysis([], frozenset(), None, texts)
        result = validate_source(source, str(root), today)
    return Analysis(result.findings, frozenset(source.files), source, texts)


def analyse_alone(file: str, text: str) -> Analysis:
    """A YAML file that belongs to no framework: its syntax findings, and the ids it
    declares and names (for its outline and for going from a reference to an id)."""
    texts = Texts({file: text})
    doc = read_text(text, file)
    # a YAML file of no framework may well be empty for now: only its syntax is judged
    doc.findings = [f for f in doc.findings if f.code != "empty-file"]
    if doc.findings or doc.pos is None or not isinstance(doc.data, dict):
        return Analysis(sort_findings(doc.findings), frozenset({file}), None, texts)
    source = Source(doc.data, doc.pos, file, [file])
    return Analysis([], frozenset({file}), source, texts)
