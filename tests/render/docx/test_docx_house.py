"""House style: a client's reference document gives styles, headers, footers and logo."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.shared import RGBColor
from docx_helpers import BODY, FIXTURES, house, png, render_docx, style, word
from typer.testing import CliRunner

from conftest import TODAY
from rmf.cli.app import app


def all_text(document: Document) -> str:
    return "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for r in t.rows for c in r.cells
    )


@pytest.fixture
def client(tmp_path: Path) -> Path:
    folder = tmp_path / "client"
    folder.mkdir()
    shutil.copy(FIXTURES / "derived.yaml", folder / "framework.yaml")
    return folder


def test_the_reference_gives_styles_header_footer_and_logo(tmp_path: Path) -> None:
    files = render_docx(FIXTURES / "derived.yaml", reference=house(tmp_path / "house.docx"))
    document = word(files["positions/lead-brm.docx"])
    header = document.sections[-1].header
    assert "ACME WATER — house header" in header.paragraphs[0].text
    images = [r for r in header.part.rels.values() if r.reltype.endswith("/image")]
    assert len(images) == 1 and images[0].target_part.blob == png()
    assert document.sections[-1].footer.paragraphs[0].text == "ACME confidential"
    heading = document.styles["Heading 1"]
    assert heading.font.name == "Arial Black"
    assert heading.font.color.rgb == RGBColor(0x80, 0x00, 0x20)
    assert ("Heading 1", "Identification") in [(style(p), p.text) for p in document.paragraphs]
    assert BODY not in all_text(document)
    assert document.core_properties.author == "Northwind Water Authority"


def test_without_a_footer_of_its_own_the_reference_gets_rmfs(tmp_path: Path) -> None:
    reference = house(tmp_path / "house.docx", footer=False)
    document = word(render_docx(FIXTURES / "derived.yaml", ["index"], reference)["index.docx"])
    footer = "\n".join(p.text for p in document.sections[-1].footer.paragraphs)
    assert "Northwind Relationship Management Framework" in footer
    assert "Version 2.1.0" in footer


def test_styles_the_reference_lacks_come_from_the_default_template(tmp_path: Path) -> None:
    """A letterhead saved from Word often has no list or table styles and no numbering."""
    document = docx.Document()
    styles = document.styles.element
    for style_id in ("ListNumber", "ListNumber2", "ListBullet", "ListBullet2", "TableGrid"):
        styles.remove(styles.xpath(f'w:style[@w:styleId="{style_id}"]')[0])
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/numbering"):
            del document.part.rels[rid]
    document.save(str(tmp_path / "bare.docx"))
    files = render_docx(FIXTURES / "derived.yaml", ["position"], tmp_path / "bare.docx")
    lead = word(files["positions/lead-brm.docx"])
    numbered = [p for p in lead.paragraphs if style(p) == "List Number"]
    assert numbered and style(next(p for p in lead.paragraphs if "monthly" in p.text)) == (
        "List Bullet 2"
    )
    num_id = numbered[0]._p.pPr.numPr.numId.val
    numbering = lead.part.numbering_part.element
    (num,) = numbering.xpath(f'w:num[@w:numId="{num_id}"]')
    abstract = num.abstractNumId.val
    assert numbering.xpath(f'w:abstractNum[@w:abstractNumId="{abstract}"]/w:lvl')
    assert lead.tables[0].style is not None and lead.tables[0].style.name == "Table Grid"


def test_the_same_reference_gives_the_same_bytes(tmp_path: Path) -> None:
    reference = house(tmp_path / "house.docx")
    first = render_docx(FIXTURES / "derived.yaml", ["charter"], reference)
    assert render_docx(FIXTURES / "derived.yaml", ["charter"], reference) == first


# --- where the reference comes from ---------------------------------------------------


runner = CliRunner()


def rmf(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["render", "--today", TODAY, "-f", "docx", *args])
    return result.exit_code, result.stderr


def header_of(out: Path) -> str:
    return word((out / "index.docx").read_bytes()).sections[-1].header.paragraphs[0].text


def test_reference_docx_beside_the_framework_is_used(client: Path, tmp_path: Path) -> None:
    house(client / "reference.docx")
    code, err = rmf(str(client), "-o", str(tmp_path / "out"), "--only", "index")
    assert code == 0, err
    assert "ACME WATER" in header_of(tmp_path / "out")


def test_a_reference_in_the_base_serves_its_clients(client: Path, tmp_path: Path) -> None:
    base = client.rename(tmp_path / "base")
    house(base / "reference.docx")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "framework.yaml").write_text(
        "rmf: 1\nextends: ../base\nframework:\n  id: mine\n  name: Mine\n  client: Mine Co\n"
        "  version: 1.0.0\n  status: draft\n",
        encoding="utf-8",
    )
    code, err = rmf(str(mine), "-o", str(tmp_path / "out"), "--only", "index")
    assert code == 0, err
    assert "ACME WATER" in header_of(tmp_path / "out")


def test_the_option_wins_over_the_folder(client: Path, tmp_path: Path) -> None:
    house(client / "reference.docx")
    other = docx.Document()
    other.sections[0].header.paragraphs[0].text = "OTHER HOUSE"
    other.save(str(tmp_path / "other.docx"))
    out = tmp_path / "out"
    code, err = rmf(
        str(client),
        "-o",
        str(out),
        "--only",
        "index",
        "--reference-docx",
        str(tmp_path / "other.docx"),
    )
    assert code == 0, err
    assert header_of(out) == "OTHER HOUSE"


def test_a_word_template_is_accepted_as_reference(client: Path, tmp_path: Path) -> None:
    reference = house(tmp_path / "house.docx")
    template = tmp_path / "house.dotx"
    with zipfile.ZipFile(reference) as source, zipfile.ZipFile(template, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(info, data)
    code, err = rmf(str(client), "-o", str(tmp_path / "out"), "--reference-docx", str(template))
    assert code == 0, err
    assert "ACME WATER" in header_of(tmp_path / "out")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--reference-docx", "no-such.docx"], "no-such.docx: no such reference document"),
        (["--reference-docx", "{bad}"], "not a Word document (.docx or .dotx)"),
        (["-f", "md", "--reference-docx", "{bad}"], "--reference-docx applies to --format docx"),
    ],
)
def test_a_bad_reference_is_a_usage_error(
    client: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_text("not a zip", encoding="utf-8")
    out = tmp_path / "out"
    code, err = rmf(str(client), "-o", str(out), *[a.replace("{bad}", str(bad)) for a in args])
    assert code == 2 and message in err
    assert not out.exists()
