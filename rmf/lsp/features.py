"""What the language server answers: the documents it is told of, navigation, rename,
completion, hover and outline, each handler one request of the protocol."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.uris import from_fs_path, to_fs_path

from rmf.core.errors import RmfError
from rmf.core.files import YAML_SUFFIXES
from rmf.core.findings import Mark
from rmf.lsp.analysis import Analysis
from rmf.lsp.complete import choices, field_of, slot_at
from rmf.lsp.index import Index, Occurrence
from rmf.lsp.renaming import renamable, rename_edits
from rmf.lsp.server import SYMBOLS, Project, RmfServer
from rmf.lsp.texts import Texts

T = TypeVar("T")

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


@server.feature(lsp.INITIALIZED)
async def initialized(ls: RmfServer, params: lsp.InitializedParams) -> None:
    """Ask to hear of YAML files changed on disk by other programs (a `git checkout`, a
    formatter), when the editor can tell."""
    workspace = ls.client_capabilities.workspace
    watched = workspace.did_change_watched_files if workspace is not None else None
    if watched is None or not watched.dynamic_registration:
        return
    watchers = [lsp.FileSystemWatcher(glob_pattern=f"**/*{suffix}") for suffix in YAML_SUFFIXES]
    registration = lsp.Registration(
        id="rmf-yaml-files",
        method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
    )
    try:
        await ls.client_register_capability_async(lsp.RegistrationParams([registration]))
    except Exception:  # an editor that cannot: edits made in it are still seen
        return


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def files_changed(ls: RmfServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    for change in params.changes:
        ls.changed_on_disk(change.uri)


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
    analysis, index = found
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


async def _renaming(
    ls: RmfServer, uri: str, position: lsp.Position
) -> tuple[Analysis, Occurrence, Project] | None:
    """The id under the cursor and the framework it is renamed in; None where no id is,
    an LSP error for a file that belongs to no framework."""
    found = await ls.occurrence_at(uri, position)
    project = ls.project_of(uri)
    if found is None or project is None:
        return None
    if project.alone:
        raise _refuse(RmfError("this file is part of no framework: rmf renames ids in one"))
    return found[0], found[2], project


@server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)
async def prepare_rename(
    ls: RmfServer, params: lsp.PrepareRenameParams
) -> lsp.PrepareRenamePlaceholder | None:
    found = await _renaming(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    analysis, occurrence, project = found
    buffers = ls.buffers()
    await _in_thread(lambda: renamable(Path(project.key), buffers, occurrence.old))
    return lsp.PrepareRenamePlaceholder(
        range=ls.range(analysis.texts, occurrence.mark, occurrence.end),
        placeholder=occurrence.ident,
    )


@server.feature(lsp.TEXT_DOCUMENT_RENAME)
async def rename(ls: RmfServer, params: lsp.RenameParams) -> lsp.WorkspaceEdit | None:
    found = await _renaming(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    _, occurrence, project = found
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
        if index is not None:  # else the framework cannot be read now: no ids to offer
            items = [
                _item(o.ident, f"{index.kind(o)} — {index.name(o)}", replace)
                for o in index.ids(target.ref.sections)
            ]
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
