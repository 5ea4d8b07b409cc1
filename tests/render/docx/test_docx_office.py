"""A real office suite opens the Word documents: LibreOffice converts them to PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx_helpers import house, render_docx

from conftest import FRAMEWORKS

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
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


def test_libreoffice_converts_every_kind_of_document(tmp_path: Path) -> None:
    files = render_docx(FRAMEWORKS / "edmonton")
    chosen = [
        "index.docx",
        "communication-plan.docx",
        "charters/it-steering-committee.docx",
        "positions/business-relationship-manager.docx",
    ]
    written = []
    for name in chosen:
        target = tmp_path / "docx" / name.replace("/", "-")
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(files[name])
        written.append(target)
    pdfs = to_pdf(written, tmp_path)
    assert set(pdfs) == {p.with_suffix(".pdf").name for p in written}
    for name, pdf in pdfs.items():
        assert pdf.startswith(b"%PDF-"), name
        assert pages(pdf) >= 2, name


def test_libreoffice_opens_a_document_in_house_style(tmp_path: Path) -> None:
    reference = house(tmp_path / "house.docx")
    files = render_docx(FRAMEWORKS / "starter.yaml", ["charter"], reference)
    name = next(n for n in files if n.endswith(".docx"))
    target = tmp_path / "charter.docx"
    target.write_bytes(files[name])
    pdf = to_pdf([target], tmp_path)["charter.pdf"]
    assert pdf.startswith(b"%PDF-") and pages(pdf) >= 1


def test_a_senior_position_description_fits_in_four_pages(tmp_path: Path) -> None:
    # HR classification expects about four pages for a senior position; Edmonton's
    # Director, Business Engagement is its longest, with every section filled in
    files = render_docx(FRAMEWORKS / "edmonton", ["position"])
    target = tmp_path / "director.docx"
    target.write_bytes(files["positions/director-business-engagement.docx"])
    pdf = to_pdf([target], tmp_path)["director.pdf"]
    count = pages(pdf)
    assert 3 <= count <= 4
    # every page says which document it belongs to, and of how many pages
    pdftotext = shutil.which("pdftotext")
    if pdftotext is not None:
        done = subprocess.run([pdftotext, "-", "-"], input=pdf, capture_output=True, check=False)
        sheets = done.stdout.decode("utf-8", "replace").rstrip("\f").split("\f")
        assert len(sheets) == count
        for number, sheet in enumerate(sheets, 1):
            assert f"Page {number} of {count}" in sheet
            assert "Position description: Director, Business Engagement" in sheet


def test_every_status_survives_an_office_suite(tmp_path: Path) -> None:
    # no emoji font is needed: each status is a shape and a word, in a shaded cell
    from rmf.scorecard.pipeline import scorecard

    data = FRAMEWORKS / "edmonton" / "measurements.csv"
    report = scorecard(FRAMEWORKS / "edmonton", data, "docx")
    assert report.content is not None
    target = tmp_path / "card.docx"
    target.write_bytes(report.content)
    pdf = to_pdf([target], tmp_path)["card.pdf"]
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run([pdftotext, "-", "-"], input=pdf, capture_output=True, check=False)
    text = done.stdout.decode("utf-8", "replace")
    for word in ("■ Red", "▲ Amber", "● Green", "○ No data"):
        assert word in text, word
