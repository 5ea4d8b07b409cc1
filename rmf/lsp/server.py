"""The language server's state: the frameworks of the open files, the last look at each,
taken again shortly after each edit, and its findings published file by file."""

from __future__ import annotations

import asyncio
import traceback
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from rmf import __version__
from rmf.core.errors import RmfError
from rmf.core.files import YAML_SUFFIXES
from rmf.core.findings import Finding, Mark, Severity
from rmf.lsp.analysis import Analysis, analyse, analyse_alone
from rmf.lsp.index import Index, Occurrence
from rmf.lsp.texts import Texts, buffers_read
from rmf.reading.loader import framework_root
from rmf.reading.reader import Reuse
from rmf.validate.explain import help_uri
from rmf.validate.places import token_end

DELAY = 0.08  # seconds of quiet after an edit before the framework is looked at again
SOURCE = "rmf"
# an entity's kind of symbol in an outline, by section
SYMBOLS = {
    "principles": lsp.SymbolKind.Constant,
    "units": lsp.SymbolKind.Module,
    "roles": lsp.SymbolKind.Class,
    "incumbents": lsp.SymbolKind.Field,
    "relationships": lsp.SymbolKind.Interface,
    "governance": lsp.SymbolKind.Struct,
    "policies": lsp.SymbolKind.Property,
    "processes": lsp.SymbolKind.Function,
    "steps": lsp.SymbolKind.Method,
    "communications": lsp.SymbolKind.Event,
    "indicators": lsp.SymbolKind.Number,
}


@dataclass(eq=False)
class Project:
    """A framework (or a lone YAML file) the editor has a file of open: the last look at
    it, and which edit that look has seen."""

    key: str  # the root file, or the lone file
    alone: bool
    generation: int = 0
    seen: int = -1
    analysis: Analysis | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    reuse: Reuse = field(default_factory=Reuse)


class RmfServer(LanguageServer):
    """`rmf lsp`: diagnostics, navigation, rename, completion, hover and outline."""

    def __init__(self) -> None:
        super().__init__("rmf", __version__)
        self.projects: dict[str, Project] = {}
        # uri -> project key -> diagnostics: a file read by two frameworks (a base's)
        # shows what each finds in it
        self.diagnostics: dict[str, dict[str, list[lsp.Diagnostic]]] = {}
        self.sent: dict[str, list[lsp.Diagnostic]] = {}  # the last published, by uri
        self._tasks: set[asyncio.Task[None]] = set()
        self.today: date | None = None

    # --- the editor's buffers and the frameworks they belong to ---------------------

    def buffers(self) -> dict[str, str]:
        """The text of every open document that is a file, by its path."""
        out: dict[str, str] = {}
        for uri, doc in self.workspace.text_documents.items():
            path = to_fs_path(uri) if uri.startswith("file:") else None
            if path is not None:
                out[path] = doc.source
        return out

    def project_of(self, uri: str) -> Project | None:
        """The project of a YAML file: its framework, else the file alone."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path is None or not path.lower().endswith(YAML_SUFFIXES):
            return None
        buffers = self.buffers()
        try:
            with buffers_read({k: v for k, v in buffers.items() if k == path}):
                root = framework_root(Path(path))
        except (OSError, RmfError):
            root = None
        key, alone = (str(root), False) if root is not None else (path, True)
        if key not in self.projects:
            self.projects[key] = Project(key, alone)
        return self.projects[key]

    def touched(self, uri: str) -> None:
        """A document changed: look again, after a short quiet, at every framework that
        reads it."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        own = self.project_of(uri)
        for project in list(self.projects.values()):
            reads = project.analysis is not None and path in project.analysis.files
            if project is own or reads:
                self.again(project)

    def changed_on_disk(self, uri: str) -> None:
        """A file changed, appeared or went away on disk: look again at every framework
        that reads it or whose folder holds it (an `include` glob may take a new file).
        An open file is the editor's: its buffer already counts."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path is None or path in self.buffers():
            return
        for project in list(self.projects.values()):
            analysis = project.analysis
            reads = analysis is not None and path in analysis.files
            beside = not project.alone and Path(path).is_relative_to(Path(project.key).parent)
            if reads or beside:
                self.again(project)

    def again(self, project: Project) -> None:
        """Look at a project again after a short quiet, unless another change comes."""
        project.generation += 1
        task = asyncio.get_running_loop().create_task(self._later(project, project.generation))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _later(self, project: Project, generation: int) -> None:
        await asyncio.sleep(DELAY)
        if generation == project.generation:  # else a later edit has its own turn
            await self.up_to_date(project)

    async def up_to_date(self, project: Project) -> Analysis | None:
        """The look at a project that has seen its latest edit, taken now if need be."""
        async with project.lock:
            if project.seen != project.generation or project.analysis is None:
                generation = project.generation
                buffers = self.buffers()
                # the versions the look sees, so an editor can drop what is out of date
                versions = {u: d.version for u, d in self.workspace.text_documents.items()}
                try:
                    analysis = await asyncio.to_thread(self._analyse, project, buffers)
                except Exception:  # a bug: said to the editor, the server stays up
                    self.window_log_message(
                        lsp.LogMessageParams(lsp.MessageType.Error, traceback.format_exc())
                    )
                    return project.analysis
                project.analysis, project.seen = analysis, generation
                self.publish(project, versions)
        return project.analysis

    def _analyse(self, project: Project, buffers: dict[str, str]) -> Analysis:
        if not project.alone:
            return analyse(Path(project.key), buffers, project.reuse, self.today)
        text = buffers.get(project.key)
        if text is None:
            text = Texts({}).text(project.key) or ""
        return analyse_alone(project.key, text)

    # --- diagnostics -----------------------------------------------------------------

    def publish(self, project: Project, versions: dict[str, int | None]) -> None:
        """The findings of a project's last look, file by file, each open one with the
        version of its text that was looked at; a file that had findings before and has
        none now gets an empty list."""
        assert project.analysis is not None
        analysis = project.analysis
        fresh = {
            from_fs_path(file) or file: [self.diagnostic(f, analysis.texts) for f in found]
            for file, found in analysis.by_file().items()
        }
        stale = [u for u, by in self.diagnostics.items() if project.key in by and u not in fresh]
        for uri in stale:
            del self.diagnostics[uri][project.key]
        for uri, diagnostics in fresh.items():
            self.diagnostics.setdefault(uri, {})[project.key] = diagnostics
        for uri in [*fresh, *stale]:
            merged = [d for by in self.diagnostics.get(uri, {}).values() for d in by]
            if self.sent.get(uri) == merged:
                continue  # what the editor shows already: a keystroke sends one file's
            self.sent[uri] = merged
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=uri, diagnostics=merged, version=versions.get(uri))
            )

    def diagnostic(self, finding: Finding, texts: Texts) -> lsp.Diagnostic:
        line = texts.line(finding.file, finding.line)
        end = max(token_end(line, max(finding.column, 1)), finding.column)
        return lsp.Diagnostic(
            range=self.range(texts, finding.mark, end),
            message=finding.message,
            severity=(
                lsp.DiagnosticSeverity.Error
                if finding.severity is Severity.ERROR
                else lsp.DiagnosticSeverity.Warning
            ),
            code=finding.code,
            code_description=lsp.CodeDescription(href=help_uri(finding.code)),
            source=SOURCE,
        )

    # --- places: marks (1-based, in characters) and the editor's positions -------------

    def position(self, texts: Texts, file: str, line: int, column: int) -> lsp.Position:
        lines = texts.lines(file)
        at = lsp.Position(line=max(line - 1, 0), character=max(column - 1, 0))
        if at.line >= len(lines):
            return at
        at.character = min(at.character, len(lines[at.line]))
        return self.workspace.position_codec.position_to_client_units(lines, at)

    def range(self, texts: Texts, mark: Mark, end: int) -> lsp.Range:
        return lsp.Range(
            start=self.position(texts, mark.file, mark.line, mark.column),
            end=self.position(texts, mark.file, mark.line, end),
        )

    def location(self, texts: Texts, occurrence: Occurrence) -> lsp.Location:
        return lsp.Location(
            uri=from_fs_path(occurrence.mark.file) or occurrence.mark.file,
            range=self.range(texts, occurrence.mark, occurrence.end),
        )

    def mark(self, texts: Texts, uri: str, position: lsp.Position) -> Mark | None:
        """The editor's position as a mark (1-based, in characters)."""
        file = to_fs_path(uri) if uri.startswith("file:") else None
        if file is None:
            return None
        lines = texts.lines(file)
        if position.line >= len(lines):
            return Mark(file, position.line + 1, position.character + 1)
        at = self.workspace.position_codec.position_from_client_units(lines, position)
        return Mark(file, at.line + 1, at.character + 1)

    async def looked(self, uri: str) -> tuple[Analysis, Index] | None:
        """The look at a document's framework that has seen its latest edit, and the
        index of its ids; None when the framework could not be read."""
        project = self.project_of(uri)
        if project is None:
            return None
        analysis = await self.up_to_date(project)
        if analysis is None or analysis.index is None:
            return None
        return analysis, analysis.index

    async def occurrence_at(
        self, uri: str, position: lsp.Position
    ) -> tuple[Analysis, Index, Occurrence] | None:
        """The id at the editor's position, with the look that found it."""
        found = await self.looked(uri)
        if found is None:
            return None
        analysis, index = found
        mark = self.mark(analysis.texts, uri, position)
        occurrence = index.at(*mark) if mark is not None else None
        return (analysis, index, occurrence) if occurrence is not None else None
