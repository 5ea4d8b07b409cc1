"""Client templates override the built-ins; template mistakes name their file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from render_helpers import FIXTURES, render_text, render_tree

from rmf.render.engine import TemplateError, builtin_templates, template_dirs

KINDS = ("position.md.j2", "charter.md.j2", "communication-plan.md.j2", "index.md.j2")


@pytest.fixture
def client(tmp_path: Path) -> Path:
    """A client folder: the fixture framework with an empty templates/ beside it."""
    shutil.copy(FIXTURES / "derived.yaml", tmp_path / "framework.yaml")
    (tmp_path / "templates").mkdir()
    return tmp_path


def override(client: Path, name: str, text: str) -> Path:
    path = client / "templates" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_there_is_one_builtin_template_per_document_kind() -> None:
    assert {p.name for p in builtin_templates().glob("*.md.j2")} >= set(KINDS)
    assert (builtin_templates() / "page.html.j2").is_file()


def test_rendering_twice_gives_identical_bytes() -> None:
    for fmt in ("md", "html"):
        first = render_tree(FIXTURES / "derived.yaml", fmt)  # type: ignore[arg-type]
        assert render_tree(FIXTURES / "derived.yaml", fmt) == first  # type: ignore[arg-type]
        for data in first.values():
            assert b"\r" not in data and data.endswith(b"\n") and not data.endswith(b"\n\n")


def test_a_template_beside_the_framework_overrides_the_builtin(client: Path) -> None:
    override(client, "charter.md.j2", "# Charter of {{ name }}\n\nChair: {{ chair|link }}\n")
    assert template_dirs(client) == [client / "templates"]
    docs = render_text(client)
    assert docs["charters/it-steering.md"] == (
        "# Charter of IT Steering Committee\n\nChair: [Chief Information Officer]"
        "(../positions/cio.md)\n"
    )
    assert docs["positions/cio.md"].startswith("# Position description")  # others built in


def test_templates_option_names_the_folder_to_use(client: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "index.md.j2").write_text("Overview of {{ meta.client }}\n", encoding="utf-8")
    assert template_dirs(client, other) == [other]
    assert (
        render_text(client, templates=other)["index.md"]
        == "Overview of Northwind Water Authority\n"
    )


def test_an_override_can_extend_the_builtin_it_replaces(client: Path) -> None:
    override(
        client,
        "index.md.j2",
        '{% extends "builtin/index.md.j2" %}\n',
    )
    plain = render_text(FIXTURES / "derived.yaml")["index.md"]
    assert render_text(client)["index.md"] == plain


def test_an_override_can_replace_the_shared_header(client: Path) -> None:
    override(client, "_framework.md.j2", "Prepared for {{ meta.client }} by the consultant.\n")
    docs = render_text(client)
    assert all(
        "Prepared for Northwind Water Authority by the consultant." in text
        for path, text in docs.items()
        if path.endswith(".md")
    )


def test_an_undefined_variable_names_the_template_file_and_line(client: Path) -> None:
    path = override(client, "position.md.j2", "# {{ title }}\n\n{{ salary_band }}\n")
    with pytest.raises(TemplateError) as caught:
        render_text(client)
    assert caught.value.file is not None and Path(caught.value.file).samefile(path)
    assert caught.value.line == 3
    assert "salary_band" in str(caught.value) and f"{caught.value.file}:3:" in str(caught.value)


def test_an_undefined_attribute_in_an_include_names_the_included_file(client: Path) -> None:
    path = override(client, "_framework.md.j2", "line one\n{{ meta.nickname }}\n")
    with pytest.raises(TemplateError) as caught:
        render_text(client)
    assert caught.value.file is not None and Path(caught.value.file).samefile(path)
    assert caught.value.line == 2 and "nickname" in str(caught.value)


def test_a_syntax_error_names_the_template_file_and_line(client: Path) -> None:
    path = override(client, "charter.md.j2", "# {{ name }}\n\n{% for m in members %}\n{{ m }}\n")
    with pytest.raises(TemplateError) as caught:
        render_text(client)
    assert caught.value.file is not None and Path(caught.value.file).samefile(path)
    assert caught.value.line is not None and caught.value.line >= 3
    assert "syntax error" in str(caught.value)


def test_templates_run_sandboxed(client: Path) -> None:
    override(client, "index.md.j2", "{{ meta.__class__.__mro__ }}\n")
    with pytest.raises(TemplateError):
        render_text(client)
    override(client, "index.md.j2", "{{ positions.append(1) }}\n")
    with pytest.raises(TemplateError, match=r"index\.md\.j2:1"):
        render_text(client)


def test_template_output_is_markdown_escaped_by_default(client: Path) -> None:
    override(client, "index.md.j2", "| {{ 'a | b' }} | {{ positions|links }} |\n")
    text = render_text(client)["index.md"]
    assert text.startswith("| a \\| b | [Chief Executive](positions/ceo.md), ")


def test_progress_is_reported_once_per_document() -> None:
    from datetime import date

    from rmf.render.engine import render
    from rmf.validate.run import load_framework

    framework = load_framework(FIXTURES / "derived.yaml", date(2026, 11, 26)).framework
    assert framework is not None
    calls: list[tuple[int, int]] = []
    docs = render(framework, "md", progress=lambda done, total: calls.append((done, total)))
    assert calls == [(i, len(docs)) for i in range(1, len(docs) + 1)]
