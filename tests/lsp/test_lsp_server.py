"""`rmf lsp` end to end: a real LSP client talks to the server over stdio, on a copy of
Edmonton (a multi-file framework that extends the base)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsp_helpers import SERVER, at, change, examples, lines_of, open_file, published, uri
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient, client_capabilities

from rmf import HOME, __version__
from rmf.validate.run import validate

# one server for the module (starting one takes seconds), a fresh copy of Edmonton for
# each test: every test opens the files it works on
pytestmark = pytest.mark.asyncio(loop_scope="module")
REGISTERED: list[lsp.Registration] = []  # what the server asked the client to tell it
DOCS = f"{HOME}/blob/v{__version__}/docs/format.md"


@pytest_lsp.fixture(config=SERVER, scope="module")
async def client(lsp_client: LanguageClient) -> AsyncIterator[LanguageClient]:
    @lsp_client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def register(params: lsp.RegistrationParams) -> None:
        REGISTERED.extend(params.registrations)

    await lsp_client.initialize_session(
        lsp.InitializeParams(capabilities=client_capabilities("visual-studio-code"))
    )
    yield lsp_client
    await lsp_client.shutdown_session()


@pytest.fixture
def edmonton(tmp_path: Path) -> Path:
    return examples(tmp_path)


def codes(diagnostics: list[lsp.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


async def test_findings_of_an_unsaved_buffer_are_published_per_file_and_clear_when_fixed(
    client: LanguageClient, edmonton: Path
) -> None:
    governance = edmonton / "governance.yaml"
    text = governance.read_text(encoding="utf-8")
    address = open_file(client, governance)
    assert await published(client, address) == []
    # every file of the framework gets a list, so an editor clears what it showed
    assert await published(client, uri(edmonton / "units.yaml")) == []
    assert await published(client, uri(edmonton / "roles" / "executive.yaml")) == []

    broken = text.replace("    chair: board-chair\n", "    chair: board-chiar\n", 1)
    change(client, address, broken, 2)
    found = await published(client, address, bool)
    assert codes(found) == ["unresolved-reference"]
    (diagnostic,) = found
    assert diagnostic.severity == lsp.DiagnosticSeverity.Error
    assert diagnostic.source == "rmf"
    assert lines_of(broken, diagnostic.range) == "board-chiar"
    assert "board-chair" in diagnostic.message  # the did-you-mean
    assert diagnostic.code_description is not None
    assert diagnostic.code_description.href == f"{DOCS}#rules"
    assert governance.read_text(encoding="utf-8") == text  # the disk is not touched

    change(client, address, text, 3)
    assert await published(client, address, lambda d: d == []) == []


async def test_the_latest_of_quick_edits_wins(client: LanguageClient, edmonton: Path) -> None:
    governance = edmonton / "governance.yaml"
    text = governance.read_text(encoding="utf-8")
    address = open_file(client, governance)
    await published(client, address)
    for version, typed in enumerate(["b", "bo", "boa", "boar", "board-chairx"], start=2):
        change(client, address, text.replace("chair: board-chair", f"chair: {typed}", 1), version)
    found = await published(client, address, lambda d: any("board-chairx" in x.message for x in d))
    assert len(found) == 1


async def test_schema_findings_and_broken_yaml_while_typing(
    client: LanguageClient, edmonton: Path
) -> None:
    units = edmonton / "units.yaml"
    text = units.read_text(encoding="utf-8")
    address = open_file(client, units)
    await published(client, address)
    change(client, address, text.replace("    kind: business", "    kind: busness", 1), 2)
    found = await published(client, address, bool)
    schema = [d for d in found if "busness" in d.message]
    assert len(schema) == 1, [(d.code, d.message) for d in found]
    assert schema[0].code_description is not None
    assert schema[0].code == "invalid-value"
    assert schema[0].code_description.href == f"{DOCS}#rules"  # where SARIF's helpUri points
    assert (
        lines_of(text.replace("    kind: business", "    kind: busness", 1), schema[0].range)
        == "busness"
    )

    change(client, address, text + "  - id: [unclosed\n", 3)
    found = await published(client, address, lambda d: "yaml-syntax" in codes(d))
    assert found[0].range.start.line == text.count("\n") + 1  # the end, where it is noticed
    assert found[0].code_description is not None
    assert found[0].code_description.href == f"{DOCS}#other-findings"
    # the other files are still checked, and the server still answers
    governance = edmonton / "governance.yaml"
    other = open_file(client, governance)
    assert await published(client, other) == []
    gtext = governance.read_text(encoding="utf-8")
    where = await client.text_document_definition_async(
        lsp.DefinitionParams(
            lsp.TextDocumentIdentifier(other), at(gtext, "chair: board-chair", 0, 7)
        )
    )
    assert where


async def test_go_to_definition_across_files(client: LanguageClient, edmonton: Path) -> None:
    governance = edmonton / "governance.yaml"
    text = governance.read_text(encoding="utf-8")
    address = open_file(client, governance)
    position = at(text, "chair: board-chair", 0, len("chair: board-"))
    found = await client.text_document_definition_async(
        lsp.DefinitionParams(lsp.TextDocumentIdentifier(address), position)
    )
    assert isinstance(found, list) and len(found) == 1
    target = found[0]
    executive = edmonton / "roles" / "executive.yaml"
    assert target.uri == uri(executive)
    assert lines_of(executive.read_text(encoding="utf-8"), target.range) == "board-chair"
    line = executive.read_text(encoding="utf-8").split("\n")[target.range.start.line]
    assert line.strip() == "- id: board-chair"


async def test_find_references_across_files(client: LanguageClient, edmonton: Path) -> None:
    executive = edmonton / "roles" / "executive.yaml"
    text = executive.read_text(encoding="utf-8")
    address = open_file(client, executive)
    position = at(text, "id: board-chair", 0, len("id: "))
    found = await client.text_document_references_async(
        lsp.ReferenceParams(
            context=lsp.ReferenceContext(True),
            text_document=lsp.TextDocumentIdentifier(address),
            position=position,
        )
    )
    assert found is not None
    files = {Path(lsp_uri_path(o.uri)).name for o in found}
    assert files == {"executive.yaml", "governance.yaml", "units.yaml", "processes.yaml"}
    for location in found:
        written = Path(lsp_uri_path(location.uri)).read_text(encoding="utf-8")
        assert lines_of(written, location.range) == "board-chair"
    # every place the id is written outside a comment: one declaration, the references
    written = [
        line
        for p in [*edmonton.glob("*.yaml"), *edmonton.glob("roles/*.yaml")]
        for line in p.read_text(encoding="utf-8").split("\n")
        if re.search(r"(?<![\w-])board-chair(?![\w-])", line.split(" #")[0].split("# ")[0])
    ]
    assert len(found) == len(written) == 8
    without = await client.text_document_references_async(
        lsp.ReferenceParams(
            context=lsp.ReferenceContext(False),
            text_document=lsp.TextDocumentIdentifier(address),
            position=position,
        )
    )
    assert without is not None and len(without) == len(found) - 1


def lsp_uri_path(address: str) -> str:
    from urllib.parse import unquote, urlparse

    return unquote(urlparse(address).path)


async def test_rename_edits_every_file_and_the_result_validates(
    client: LanguageClient, edmonton: Path
) -> None:
    governance = edmonton / "governance.yaml"
    text = governance.read_text(encoding="utf-8")
    address = open_file(client, governance)
    position = at(text, "chair: board-chair", 0, len("chair: "))
    prepared = await client.text_document_prepare_rename_async(
        lsp.PrepareRenameParams(lsp.TextDocumentIdentifier(address), position)
    )
    assert isinstance(prepared, lsp.PrepareRenamePlaceholder)
    assert prepared.placeholder == "board-chair"
    assert lines_of(text, prepared.range) == "board-chair"

    edit = await client.text_document_rename_async(
        lsp.RenameParams(lsp.TextDocumentIdentifier(address), position, "chair-of-the-board")
    )
    assert edit is not None and edit.changes is not None
    assert {Path(lsp_uri_path(u)).name for u in edit.changes} == {
        "executive.yaml",
        "governance.yaml",
        "units.yaml",
        "processes.yaml",
    }
    for address_, edits in edit.changes.items():
        path = Path(lsp_uri_path(address_))
        before = path.read_text(encoding="utf-8")
        lines = before.split("\n")
        for e in sorted(
            edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
        ):
            assert lines_of(before, e.range) == "board-chair"
            line = lines[e.range.start.line]
            lines[e.range.start.line] = (
                line[: e.range.start.character] + e.new_text + line[e.range.end.character :]
            )
        after = "\n".join(lines)
        assert after.replace("chair-of-the-board", "board-chair") == before
        path.write_text(after, encoding="utf-8")
    result = validate(edmonton)
    assert result.errors == 0, result.findings


async def test_rename_is_refused_when_the_new_id_is_taken_or_invalid(
    client: LanguageClient, edmonton: Path
) -> None:
    governance = edmonton / "governance.yaml"
    text = governance.read_text(encoding="utf-8")
    address = open_file(client, governance)
    position = at(text, "chair: board-chair", 0, len("chair: "))
    for new, words in [("corporate-secretary", "already taken"), ("Board Chair", "not a valid id")]:
        with pytest.raises(Exception, match=words):
            await client.text_document_rename_async(
                lsp.RenameParams(lsp.TextDocumentIdentifier(address), position, new)
            )


async def test_completion_of_ids_filtered_to_the_field_and_of_enumerations(
    client: LanguageClient, edmonton: Path
) -> None:
    governance = edmonton / "governance.yaml"
    text = governance.read_text(encoding="utf-8")
    typing_ = text.replace("    chair: board-chair\n", "    chair: bo\n", 1)
    address = open_file(client, governance, typing_)
    position = at(typing_, "chair: bo\n", 0, len("chair: bo"))
    found = await client.text_document_completion_async(
        lsp.CompletionParams(lsp.TextDocumentIdentifier(address), position)
    )
    assert isinstance(found, lsp.CompletionList)
    labels = {item.label for item in found.items}
    assert {"board-chair", "board-director", "corporate-secretary"} <= labels
    # a chair is a role: no unit, body or process is offered
    assert "executive-committee" not in labels and "finance" not in labels
    item = next(i for i in found.items if i.label == "board-chair")
    assert isinstance(item.text_edit, lsp.TextEdit)
    assert lines_of(typing_, item.text_edit.range) == "bo"

    typing_ = text.replace("    type: board\n", "    type: \n", 1)
    change(client, address, typing_, 2)
    position = at(typing_, "type: \n", 0, len("type: "))
    found = await client.text_document_completion_async(
        lsp.CompletionParams(lsp.TextDocumentIdentifier(address), position)
    )
    assert isinstance(found, lsp.CompletionList)
    assert [i.label for i in found.items] == [
        "board",
        "steering-committee",
        "committee",
        "advisory",
        "forum",
        "working-group",
    ]


async def test_hover_shows_the_name_and_summary(client: LanguageClient, edmonton: Path) -> None:
    governance = edmonton / "governance.yaml"
    text = governance.read_text(encoding="utf-8")
    address = open_file(client, governance)
    found = await client.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(address), at(text, "chair: board-chair", 0, 9))
    )
    assert found is not None and isinstance(found.contents, lsp.MarkupContent)
    value = found.contents.value
    assert value.startswith("**Chair of the Board of Directors** — role `board-chair`"), value
    assert "\n\n" in value and len(value.split("\n\n")[1]) > 20


async def test_document_symbols_list_the_entities(client: LanguageClient, edmonton: Path) -> None:
    processes = edmonton / "processes.yaml"
    text = processes.read_text(encoding="utf-8")
    address = open_file(client, processes)
    found = await client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(lsp.TextDocumentIdentifier(address))
    )
    assert found
    names = [s.name for s in found if isinstance(s, lsp.DocumentSymbol)]
    ids = [line.split("id: ", 1)[1] for line in text.split("\n") if line.startswith("  - id: ")]
    assert names == ids
    first = found[0]
    assert isinstance(first, lsp.DocumentSymbol) and first.children
    assert first.kind == lsp.SymbolKind.Function
    assert lines_of(text, first.selection_range) == first.name
    assert first.range.end.line > first.children[-1].range.start.line


async def test_files_of_no_framework_do_not_crash_the_server(
    client: LanguageClient, tmp_path: Path
) -> None:
    lone = tmp_path / "notes.yaml"
    lone.write_text("a: [1, 2\n", encoding="utf-8")
    address = open_file(client, lone)
    assert codes(await published(client, address, bool)) == ["yaml-syntax"]
    folder = tmp_path / "no-root"
    folder.mkdir()
    orphan = folder / "units.yaml"
    orphan.write_text("units:\n  - id: sales\n    name: Sales\n    kind: business\n", "utf-8")
    other = open_file(client, orphan)
    assert await published(client, other) == []
    symbols = await client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(lsp.TextDocumentIdentifier(other))
    )
    assert symbols and symbols[0].name == "sales"
    outside = open_file(client, tmp_path / "empty.yaml", "")
    assert await published(client, outside) == []


async def test_a_step_is_renamed_within_its_process(client: LanguageClient, edmonton: Path) -> None:
    processes = edmonton / "processes.yaml"
    text = processes.read_text(encoding="utf-8")
    address = open_file(client, processes)
    position = at(text, "- id: gather-priorities", 0, len("- id: "))
    hovered = await client.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(address), position)
    )
    assert hovered is not None and isinstance(hovered.contents, lsp.MarkupContent)
    assert "step `" in hovered.contents.value and ".gather-priorities`" in hovered.contents.value
    edit = await client.text_document_rename_async(
        lsp.RenameParams(lsp.TextDocumentIdentifier(address), position, "collect-priorities")
    )
    assert edit is not None and edit.changes is not None
    assert list(edit.changes) == [address]
    (only,) = edit.changes[address]
    assert lines_of(text, only.range) == "gather-priorities"
    assert only.new_text == "collect-priorities"


async def test_an_id_the_base_owns_is_refused_before_a_new_name_is_asked(
    client: LanguageClient, edmonton: Path
) -> None:
    roles = edmonton / "roles" / "business-engagement.yaml"
    text = roles.read_text(encoding="utf-8")
    address = open_file(client, roles)
    position = at(text, "id: director-business-engagement", 0, len("id: "))
    with pytest.raises(Exception, match="the base owns the id"):
        await client.text_document_prepare_rename_async(
            lsp.PrepareRenameParams(lsp.TextDocumentIdentifier(address), position)
        )
    # on no id at all, nothing to rename
    nothing = await client.text_document_prepare_rename_async(
        lsp.PrepareRenameParams(lsp.TextDocumentIdentifier(address), lsp.Position(0, 0))
    )
    assert nothing is None


async def test_columns_are_counted_as_the_editor_counts_them(
    client: LanguageClient, edmonton: Path
) -> None:
    governance = edmonton / "governance.yaml"
    text = governance.read_text(encoding="utf-8")
    member = "      - role: board-director\n        term: *director-term\n        seats: 8\n"
    assert member in text
    wide = text.replace(member, '      - {term: "😀 two years", role: nobody, seats: 8}\n', 1)
    address = open_file(client, governance, wide)
    found = await published(client, address, bool)
    (diagnostic,) = [d for d in found if "`nobody`" in d.message]
    line = wide.split("\n")[diagnostic.range.start.line]
    # the emoji is two UTF-16 code units: the column after it is one more than in Python
    start = line.index("nobody")
    assert diagnostic.range.start.character == start + 1
    assert diagnostic.range.end.character == start + 1 + len("nobody")


async def test_a_lone_file_closed_is_cleared(client: LanguageClient, tmp_path: Path) -> None:
    lone = tmp_path / "scratch.yaml"
    lone.write_text("key: [unclosed\n", encoding="utf-8")
    address = open_file(client, lone)
    assert codes(await published(client, address, bool)) == ["yaml-syntax"]
    client.text_document_did_close(
        lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(address))
    )
    assert await published(client, address, lambda d: d == []) == []


async def test_a_file_changed_on_disk_by_another_program_is_checked_again(
    client: LanguageClient, edmonton: Path
) -> None:
    assert [r.method for r in REGISTERED] == [lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    governance = edmonton / "governance.yaml"
    address = open_file(client, governance)
    units = edmonton / "units.yaml"
    assert await published(client, uri(units)) == []
    text = units.read_text(encoding="utf-8")
    units.write_text(text.replace("    kind: business", "    kind: busness", 1), "utf-8")
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            [lsp.FileEvent(uri=uri(units), type=lsp.FileChangeType.Changed)]
        )
    )
    found = await published(client, uri(units), bool)
    assert codes(found) == ["invalid-value"]
    assert await published(client, address) == []  # the open file keeps its own state
