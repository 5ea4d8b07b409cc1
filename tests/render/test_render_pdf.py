"""PDF output: printed from the HTML pages by WeasyPrint, the same bytes every run, with
bookmarks, the document's footer on every page, links between the PDFs, and a clear
message where WeasyPrint's system libraries are missing."""

from __future__ import annotations

import builtins
import re
import zlib
from pathlib import Path
from typing import Any

import pytest
from pdf_helpers import PDFTOTEXT, pages_of
from render_helpers import FIXTURES, png, render_tree
from typer.testing import CliRunner

from conftest import FRAMEWORKS
from rmf.cli.app import app
from rmf.core.errors import UsageError
from rmf.render import pdf as pdf_module
from rmf.render.images import Picture

try:
    pdf_module._weasyprint()
    WEASYPRINT = None
except UsageError as exc:
    WEASYPRINT = str(exc)

needs_weasyprint = pytest.mark.skipif(WEASYPRINT is not None, reason=str(WEASYPRINT))


def outline_titles(pdf: bytes) -> list[str]:
    """The titles of the PDF's bookmarks, from its compressed object streams."""
    titles: list[str] = []
    for found in re.finditer(rb"stream\r?\n", pdf):
        end = pdf.find(b"endstream", found.end())
        try:
            data = zlib.decompress(pdf[found.end() : end])
        except zlib.error:
            continue
        if b"/Outlines" in data or b"/Parent" in data:
            titles += [t.decode("latin-1") for t in re.findall(rb"/Title \(([^)]*)\)", data)]
    return titles


@pytest.fixture(scope="module")
def charters() -> dict[str, bytes]:
    return render_tree(FIXTURES / "derived.yaml", "pdf", ["charter"])


@needs_weasyprint
def test_pdf_output_is_a_pdf_per_document_the_same_every_run(charters: dict[str, bytes]) -> None:
    pdfs = sorted(p for p in charters if p.endswith(".pdf"))
    assert pdfs == [
        "charters/executive-team.pdf",
        "charters/it-steering.pdf",
        "charters/relationship-forum.pdf",
    ]
    assert all(charters[p].startswith(b"%PDF-") for p in pdfs)
    again = render_tree(FIXTURES / "derived.yaml", "pdf", ["charter"])
    assert again == charters


@needs_weasyprint
def test_headings_become_bookmarks(charters: dict[str, bytes]) -> None:
    titles = outline_titles(charters["charters/it-steering.pdf"])
    assert "Membership" in titles and "Decision rights" in titles


@needs_weasyprint
@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext is not installed (poppler-utils)")
def test_every_page_has_the_title_and_page_n_of_m(charters: dict[str, bytes]) -> None:
    sheets = pages_of(charters["charters/it-steering.pdf"])
    for number, sheet in enumerate(sheets, 1):
        assert f"Page {number} of {len(sheets)}" in sheet
        assert "IT Steering Committee · Version" in sheet


@needs_weasyprint
def test_nothing_is_fetched_for_a_pdf() -> None:
    fetcher = pdf_module._fetcher(pdf_module._weasyprint())
    fetch = getattr(fetcher, "fetch", fetcher)
    for url in ("file:///etc/hostname", "https://example.com/x.png", "http://127.0.0.1/"):
        with pytest.raises(ValueError):
            fetch(url)
    # an image in a framework's text is not read from the disk
    html = '<html><body><p>x</p><img src="file:///etc/hostname"></body></html>'
    assert pdf_module.to_pdf(html).startswith(b"%PDF-")


@needs_weasyprint
def test_an_embedded_picture_is_printed() -> None:
    """A picture from the framework folder is a data: URI in the page: it holds what it
    shows, so the PDF has it without fetching anything."""
    picture = Picture(png(), "image/png")
    fetcher = pdf_module._fetcher(pdf_module._weasyprint())
    fetched = getattr(fetcher, "fetch", fetcher)(picture.uri)
    body = fetched["string"] if isinstance(fetched, dict) else fetched.read()
    assert body == png()
    plain = pdf_module.to_pdf("<html><body><p>x</p></body></html>")
    shown = pdf_module.to_pdf(f'<html><body><p>x</p><img src="{picture.uri}"></body></html>')
    assert b"/Image" in shown and b"/Image" not in plain


def test_missing_system_libraries_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    real = builtins.__import__

    def without_pango(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': no such file")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_pango)
    with pytest.raises(UsageError, match=re.escape("apt-get install libpango-1.0-0")):
        pdf_module.to_pdf("<p>x</p>")
    result = CliRunner().invoke(
        app, ["render", str(FIXTURES / "derived.yaml"), "-f", "pdf", "-o", "unused"]
    )
    assert result.exit_code == 2
    assert "libpango" in result.output and "Traceback" not in result.output


@needs_weasyprint
def test_scorecard_writes_a_pdf(tmp_path: Path) -> None:
    out = tmp_path / "card.pdf"
    edmonton = FRAMEWORKS / "edmonton"
    args = ["scorecard", str(edmonton), "--data", str(edmonton / "measurements.csv")]
    result = CliRunner().invoke(app, [*args, "-o", str(out), "--today", "2026-11-26"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    refused = CliRunner().invoke(app, [*args, "-f", "pdf"])
    assert refused.exit_code == 2 and "name it with -o" in refused.output
