"""A real office suite opens the Word documents: LibreOffice converts them to PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx_helpers import house, render_docx
from docx_helpers import word as word_document
from pdf_helpers import PDFTOTEXT, blank_pages, broken_words, pages_of, record

from conftest import FRAMEWORKS

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
FC_MATCH = shutil.which("fc-match")
CAMBRIA_LIKE = (
    FC_MATCH is not None
    and "Caladea"
    in subprocess.run([FC_MATCH, "Cambria"], capture_output=True, text=True, check=False).stdout
)
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui",
)


def to_pdf(files: list[Path], tmp_path: Path) -> dict[str, bytes]:
    """Convert with a profile of this test's own, so that parallel runs never share one."""
    assert SOFFICE is not None
    out = tmp_path / "pdf"
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.pdf"))}


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.fixture(scope="module")
def edmonton(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, bytes]]:
    """Every Edmonton Word document and the PDF LibreOffice makes of it, by path."""
    tmp_path = tmp_path_factory.mktemp("office")
    files = {n: d for n, d in render_docx(FRAMEWORKS / "edmonton").items() if n.endswith(".docx")}
    written = []
    for name, data in files.items():
        target = tmp_path / "docx" / name.replace("/", "--")
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(data)
        written.append(target)
    pdfs = to_pdf(written, tmp_path)
    return {
        n: (d, pdfs[n.replace("/", "--").removesuffix(".docx") + ".pdf"]) for n, d in files.items()
    }


def cell_words(data: bytes) -> list[str]:
    return [
        word
        for table in word_document(data).tables
        for row in table.rows
        for cell in row.cells
        for word in cell.text.split()
    ]


needs_pdftotext = pytest.mark.skipif(
    PDFTOTEXT is None,
    reason="pdftotext is not installed (on Debian: apt-get install poppler-utils)",
)


@needs_pdftotext
def test_every_word_of_every_table_prints_whole(
    edmonton: dict[str, tuple[bytes, bytes]],
) -> None:
    broken = {}
    for name, (data, pdf) in edmonton.items():
        found = broken_words(cell_words(data), pages_of(pdf))
        if found:
            broken[name] = sorted(found)
    assert broken == {}


@needs_pdftotext
def test_every_page_has_its_footer_and_none_is_blank(
    edmonton: dict[str, tuple[bytes, bytes]],
) -> None:
    for name, (data, pdf) in sorted(edmonton.items()):
        sheets = pages_of(pdf)
        record(f"edmonton/{name} (LibreOffice)", len(sheets))
        assert len(sheets) == pages(pdf), name
        title = word_document(data).core_properties.title
        footer = (title, "Page ", "Business Engagement — ", "Edmonton Civic Services")
        assert blank_pages(sheets, footer) == [], name
        for number, sheet in enumerate(sheets, 1):
            assert f"Page {number} of {len(sheets)}" in sheet, (name, number)
            assert title in sheet.replace("\n", " "), (name, number)


def test_a_senior_position_description_fits_in_four_pages(
    edmonton: dict[str, tuple[bytes, bytes]],
) -> None:
    # HR classification expects about four pages for a senior position; Edmonton's
    # Director, Business Engagement is its longest, with every section filled in. Pages
    # break where Word breaks them only in fonts with the metrics of Word's own.
    if not CAMBRIA_LIKE:
        pytest.skip("no font with Cambria's metrics (on Debian: fonts-crosextra-caladea)")
    _, pdf = edmonton["positions/director-business-engagement.docx"]
    assert 3 <= pages(pdf) <= 4


def test_libreoffice_opens_a_document_in_house_style(tmp_path: Path) -> None:
    reference = house(tmp_path / "house.docx")
    files = render_docx(FRAMEWORKS / "starter.yaml", ["charter"], reference)
    name = next(n for n in files if n.endswith(".docx"))
    target = tmp_path / "charter.docx"
    target.write_bytes(files[name])
    pdf = to_pdf([target], tmp_path)["charter.pdf"]
    assert pdf.startswith(b"%PDF-") and pages(pdf) >= 1


def test_every_status_survives_an_office_suite(tmp_path: Path) -> None:
    # no emoji font is needed: each status is a shape and a word, in a shaded cell
    from rmf.scorecard.pipeline import scorecard

    data = FRAMEWORKS / "edmonton" / "measurements.csv"
    report = scorecard(FRAMEWORKS / "edmonton", data, "docx")
    assert report.content is not None
    target = tmp_path / "card.docx"
    target.write_bytes(report.content)
    pdf = to_pdf([target], tmp_path)["card.pdf"]
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = "\n".join(pages_of(pdf))
    for word in ("■ Red", "▲ Amber", "● Green", "○ No data"):
        assert word in text, word
