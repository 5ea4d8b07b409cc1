"""The language server: the editor's requests answered from the last look at each
framework, and the findings published again shortly after each edit."""

from __future__ import annotations

import asyncio
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from rmf import __version__
from rmf.core.errors import RmfError
from rmf.core.findings import Finding, Mark, Severity
from rmf.lsp.analysis import Analysis, analyse, analyse_alone
from rmf.lsp.complete import choices, field_of, slot_at
from rmf.lsp.index import Index, Occurrence
from rmf.lsp.renaming import renamable, rename_edits
from rmf.lsp.texts import Texts, buffers_read
from rmf.reading.loader import framework_root
from rmf.reading.reader import Reuse
from rmf.validate.explain import help_uri
from rmf.validate.places import token_end

DELAY = 0.08  # seconds of quiet after an edit before the framework is looked at again
YAML = (".yaml", ".yml")
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
T = TypeVar("T")


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
        if path is None or not path.lower().endswith(YAML):
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
                project.generation += 1
                self._spawn(self._later(project, project.generation))

    def _spawn(self, work: Any) -> None:
        task = asyncio.get_running_loop().create_task(work)
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
                try:
                    analysis = await asyncio.to_thread(self._analyse, project, buffers)
                except Exception:  # a bug: said to the editor, the server stays up
                    self.window_log_message(
                        lsp.LogMessageParams(lsp.MessageType.Error, traceback.format_exc())
                    )
                    return project.analysis
                project.analysis, project.seen = analysis, generation
                self.publish(project)
        return project.analysis

    def _analyse(self, project: Project, buffers: dict[str, str]) -> Analysis:
        if not project.alone:
            return analyse(Path(project.key), buffers, project.reuse, self.today)
        text = buffers.get(project.key)
        if text is None:
            text = Texts({}).text(project.key) or ""
        return analyse_alone(project.key, text)

    # --- diagnostics -----------------------------------------------------------------

    def publish(self, project: Project) -> None:
        """The findings of a project's last look, file by file; a file that had findings
        before and has none now gets an empty list."""
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
                lsp.PublishDiagnosticsParams(uri=uri, diagnostics=merged)
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

    async def looked(self, uri: str) -> tuple[Analysis, Index, Mark | None] | None:
        """A document's project, looked at up to its latest edit."""
        project = self.project_of(uri)
        if project is None:
            return None
        analysis = await self.up_to_date(project)
        if analysis is None or analysis.index is None:
            return None
        return analysis, analysis.index, None

    async def occurrence_at(
        self, uri: str, position: lsp.Position
    ) -> tuple[Analysis, Index, Occurrence] | None:
        found = await self.looked(uri)
        if found is None:
            return None
        analysis, index, _ = found
        mark = self.mark(analysis.texts, uri, position)
        occurrence = index.at(*mark) if mark is not None else None
        return (analysis, index, occurrence) if occurrence is not None else None


server = RmfServer()


def _refuse(exc: Exception) -> JsonRpcException:
    """An error the editor shows as the reason a request cannot be done."""
    message = str(exc)
    findings = getattr(exc, "findings", None)
    if findings:
        first = findings[0]
        message = f"{first.file}:{first.line}:{first.column}: {first.message}"
        message = f"the framework cannot be read as it is, so nothing is renamed: {message}"
    return JsonRpcException(message=message, code=lsp.LSPErrorCodes.RequestFailed)


async def _in_thread(work: Callable[[], T]) -> T:
    try:
        return await asyncio.to_thread(work)
    except RmfError as exc:
        raise _refuse(exc) from None


# --- documents ------------------------------------------------------------------------


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: RmfServer, params: lsp.DidOpenTextDocumentParams) -> None:
    ls.touched(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: RmfServer, params: lsp.DidChangeTextDocumentParams) -> None:
    ls.touched(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: RmfServer, params: lsp.DidSaveTextDocumentParams) -> None:
    ls.touched(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: RmfServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    project = ls.project_of(uri)
    if project is not None and project.alone:  # nothing to say of a file no longer open
        ls.projects.pop(project.key, None)
        ls.diagnostics.pop(uri, None)
        ls.sent.pop(uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        return
    ls.touched(uri)  # the file reads from the disk again


# --- navigation -----------------------------------------------------------------------


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
async def definition(ls: RmfServer, params: lsp.DefinitionParams) -> list[lsp.Location] | None:
    found = await ls.occurrence_at(params.text_document.uri, params.position)
    if found is None:
        return None
    analysis, index, occurrence = found
    return [ls.location(analysis.texts, o) for o in index.declared(occurrence)] or None


@server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
async def references(ls: RmfServer, params: lsp.ReferenceParams) -> list[lsp.Location] | None:
    found = await ls.occurrence_at(params.text_document.uri, params.position)
    if found is None:
        return None
    analysis, index, occurrence = found
    wanted = params.context.include_declaration
    uses = [o for o in index.uses(occurrence) if wanted or not o.declaration]
    return [ls.location(analysis.texts, o) for o in uses]


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
async def hover(ls: RmfServer, params: lsp.HoverParams) -> lsp.Hover | None:
    found = await ls.occurrence_at(params.text_document.uri, params.position)
    if found is None:
        return None
    analysis, index, occurrence = found
    declared = index.declared(occurrence)
    if not declared:
        return None
    entity = declared[0]
    name, summary = index.name(entity), index.summary(entity)
    head = f"**{name}** — {index.kind(entity)} `{entity.old}`" if name else f"`{entity.old}`"
    text = f"{head}\n\n{summary}" if summary else head
    return lsp.Hover(
        contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text),
        range=ls.range(analysis.texts, occurrence.mark, occurrence.end),
    )


@server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
async def document_symbols(
    ls: RmfServer, params: lsp.DocumentSymbolParams
) -> list[lsp.DocumentSymbol] | None:
    found = await ls.looked(params.text_document.uri)
    file = to_fs_path(params.text_document.uri)
    if found is None or file is None:
        return None
    analysis, index, _ = found
    mine = [o for o in index.occurrences if o.declaration and o.mark.file == file]
    symbols: list[lsp.DocumentSymbol] = []
    parents: dict[tuple[Any, ...], lsp.DocumentSymbol] = {}
    for o in mine:  # entities come before the incumbents and steps they hold
        symbol = _symbol(ls, analysis.texts, index, o)
        parent = parents.get(o.loc[:2]) if o.section in ("incumbents", "steps") else None
        if parent is None:
            parents.setdefault(o.loc[:2], symbol)
            symbols.append(symbol)
        else:
            parent.children = [*(parent.children or []), symbol]
    return symbols


def _symbol(ls: RmfServer, texts: Texts, index: Index, o: Occurrence) -> lsp.DocumentSymbol:
    start, last = index.extent(o)
    if start.line > o.mark.line:  # the mapping's mark follows its id: keep the id inside
        start = o.mark
    end_column = len(texts.line(start.file, last)) + 1
    return lsp.DocumentSymbol(
        name=o.ident,
        detail=index.name(o) or None,
        kind=SYMBOLS.get(o.section, lsp.SymbolKind.Object),
        range=lsp.Range(
            start=ls.position(texts, start.file, start.line, start.column),
            end=ls.position(texts, start.file, last, end_column),
        ),
        selection_range=ls.range(texts, o.mark, o.end),
    )


# --- rename ---------------------------------------------------------------------------


@server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)
async def prepare_rename(
    ls: RmfServer, params: lsp.PrepareRenameParams
) -> lsp.PrepareRenamePlaceholder | None:
    found = await ls.occurrence_at(params.text_document.uri, params.position)
    project = ls.project_of(params.text_document.uri)
    if found is None or project is None:
        return None
    analysis, _, occurrence = found
    if project.alone:
        raise _refuse(RmfError("this file is part of no framework: rmf renames ids in one"))
    buffers = ls.buffers()
    await _in_thread(lambda: renamable(Path(project.key), buffers, occurrence.old))
    return lsp.PrepareRenamePlaceholder(
        range=ls.range(analysis.texts, occurrence.mark, occurrence.end),
        placeholder=occurrence.ident,
    )


@server.feature(lsp.TEXT_DOCUMENT_RENAME)
async def rename(ls: RmfServer, params: lsp.RenameParams) -> lsp.WorkspaceEdit | None:
    found = await ls.occurrence_at(params.text_document.uri, params.position)
    project = ls.project_of(params.text_document.uri)
    if found is None or project is None:
        return None
    _, _, occurrence = found
    if project.alone:
        raise _refuse(RmfError("this file is part of no framework: rmf renames ids in one"))
    buffers = ls.buffers()
    edits = await _in_thread(
        lambda: rename_edits(Path(project.key), buffers, occurrence.old, params.new_name)
    )
    texts = Texts(buffers)
    changes: dict[str, list[lsp.TextEdit]] = {}
    for edit in edits:
        uri = from_fs_path(edit.file) or edit.file
        where = ls.range(texts, edit.mark, edit.column + len(edit.old))
        changes.setdefault(uri, []).append(lsp.TextEdit(range=where, new_text=edit.new))
    return lsp.WorkspaceEdit(changes=changes)


# --- completion -----------------------------------------------------------------------


@server.feature(
    lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=[" ", "[", ","])
)
async def completion(ls: RmfServer, params: lsp.CompletionParams) -> lsp.CompletionList | None:
    uri = params.text_document.uri
    file = to_fs_path(uri) if uri.startswith("file:") else None
    project = ls.project_of(uri)
    if file is None or project is None:
        return None
    texts = Texts(ls.buffers())
    mark = ls.mark(texts, uri, params.position)
    slot = slot_at(texts.lines(file), mark.line, mark.column) if mark is not None else None
    target = field_of(slot.path) if slot is not None else None
    if slot is None or target is None or mark is None:
        return None
    replace = ls.range(texts, Mark(file, mark.line, slot.start), mark.column)
    items: list[lsp.CompletionItem] = []
    if target.ref is not None:
        analysis = await ls.up_to_date(project)
        index = analysis.index if analysis is not None else None
        for o in index.ids(target.ref.sections) if index is not None else ():
            name = index.name(o) if index is not None else ""
            items.append(_item(o.ident, f"{index.kind(o) if index else ''} — {name}", replace))
    else:
        items = [
            _item(value, target.key, replace, lsp.CompletionItemKind.EnumMember)
            for value in choices(target)
        ]
    return lsp.CompletionList(is_incomplete=False, items=items) if items else None


def _item(
    label: str,
    detail: str,
    replace: lsp.Range,
    kind: lsp.CompletionItemKind = lsp.CompletionItemKind.Reference,
) -> lsp.CompletionItem:
    return lsp.CompletionItem(
        label=label,
        detail=detail.strip(" —") or None,
        kind=kind,
        text_edit=lsp.TextEdit(range=replace, new_text=label),
    )


def serve_stdio(today: date | None = None) -> None:
    """Answer an editor on standard input and output until it says exit; `today` is the
    date waivers expire against (the real one when None)."""
    server.today = today
    server.start_io()
