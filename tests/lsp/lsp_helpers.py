"""Helpers the language-server tests share: a copy of Edmonton, a document opened and
edited in the client, and the diagnostics the server publishes for it."""

from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path

from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import FRAMEWORKS, TODAY

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "rmf", "lsp", "--today", TODAY])
WAIT = 20.0  # seconds: a bound for a hung server, not a measure of speed


def examples(folder: Path) -> Path:
    """A copy of Edmonton beside the base it extends; the path of Edmonton's copy."""
    shutil.copytree(FRAMEWORKS / "edmonton", folder / "edmonton")
    shutil.copytree(FRAMEWORKS / "base", folder / "base")
    return folder / "edmonton"


def uri(path: Path) -> str:
    return path.resolve().as_uri()


def open_file(client: LanguageClient, path: Path, text: str | None = None) -> str:
    """Open a file in the client, with its text on disk or `text`; its URI."""
    address = uri(path)
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(
                uri=address,
                language_id="yaml",
                version=1,
                text=path.read_text(encoding="utf-8") if text is None else text,
            )
        )
    )
    return address


def change(client: LanguageClient, address: str, text: str, version: int) -> None:
    """The whole text of an open document replaced, as an editor sends a keystroke."""
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=address, version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def published(
    client: LanguageClient, address: str, want: object = None
) -> list[lsp.Diagnostic]:
    """The diagnostics published for a document once they satisfy `want` (a function
    of the list; by default, any publication at all)."""

    async def wait() -> list[lsp.Diagnostic]:
        while True:
            found = client.diagnostics.get(address)
            if found is not None and (want is None or want(list(found))):  # type: ignore[operator]
                return list(found)
            await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    return await asyncio.wait_for(wait(), WAIT)


def at(text: str, needle: str, nth: int = 0, offset: int = 0) -> lsp.Position:
    """The position of the `nth` occurrence of `needle` in `text`, `offset` characters in."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    start += offset
    line = text.count("\n", 0, start)
    return lsp.Position(line=line, character=start - (text.rfind("\n", 0, start) + 1))


def lines_of(text: str, where: lsp.Range) -> str:
    """The text a one-line range covers."""
    assert where.start.line == where.end.line
    return text.split("\n")[where.start.line][where.start.character : where.end.character]
