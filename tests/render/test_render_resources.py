"""Rendered documents load nothing from elsewhere: pictures come from the framework folder,
embedded, or show as their description; every page carries a content security policy."""

from __future__ import annotations

import base64
import io
import os
import re
import struct
import zipfile
from pathlib import Path

import pytest
from render_helpers import DAY, FIXTURES, png

from conftest import FRAMEWORKS
from rmf.render.engine import POLICY, POLICY_META, policed
from rmf.render.images import PICTURE_LIMIT, SIDE_LIMIT, Pictures, dimensions, sniff
from rmf.render.pipeline import prepare
from rmf.scorecard.pipeline import scorecard

DESCRIPTION = "description: How IT and the **business** work together at Northwind."


def framework_with(tmp_path: Path, text: str) -> Path:
    """The derived fixture in a folder of its own, its description replaced by `text`."""
    folder = tmp_path / "fw"
    folder.mkdir()
    source = (FIXTURES / "derived.yaml").read_text(encoding="utf-8")
    assert DESCRIPTION in source
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    (folder / "framework.yaml").write_text(
        source.replace(DESCRIPTION, f'description: "{quoted}"'), encoding="utf-8"
    )
    return folder


def index_of(folder: Path, fmt: str = "html") -> bytes:
    return prepare(folder, folder.parent / "out", fmt, ("index",), today=DAY).files[f"index.{fmt}"]


def test_a_remote_picture_is_a_link_and_never_an_image(tmp_path: Path) -> None:
    folder = framework_with(tmp_path, "See ![tracker](http://attacker.invalid/t.png) here.")
    page = index_of(folder).decode("utf-8")
    assert "<img" not in page
    assert '<a class="picture-link" href="http://attacker.invalid/t.png">tracker</a>' in page


def test_a_picture_in_the_framework_folder_is_embedded(tmp_path: Path) -> None:
    folder = framework_with(tmp_path, "Logo: ![our logo](pictures/logo%20small.png)")
    (folder / "pictures").mkdir()
    (folder / "pictures" / "logo small.png").write_bytes(png())
    page = index_of(folder).decode("utf-8")
    uri = "data:image/png;base64," + base64.b64encode(png()).decode("ascii")
    assert f'<img src="{uri}" alt="our logo">' in page


def test_pictures_that_may_not_be_shown_show_their_description(tmp_path: Path) -> None:
    outside = tmp_path / "secret.png"
    outside.write_bytes(png())
    folder = framework_with(
        tmp_path,
        "![svg](p/x.svg) ![named png](p/text.png) ![up](../secret.png) ![link](p/out.png) "
        "![absolute](/etc/hostname) ![folder](p) ![huge](p/huge.png) ![pipe](p/fifo.png) "
        "![file](file:///etc/hostname) ![none](p/missing.png) "
        "![no scheme](//attacker.invalid/p.png)",
    )
    pictures = folder / "p"
    pictures.mkdir()
    (pictures / "x.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>')
    (pictures / "text.png").write_text("not a picture")
    (pictures / "out.png").symlink_to(outside)
    (pictures / "huge.png").write_bytes(png() + b"\0" * PICTURE_LIMIT)
    os.mkfifo(pictures / "fifo.png")
    page = index_of(folder).decode("utf-8")
    assert "<img" not in page and "base64" not in page
    missing = ("svg", "named png", "up", "link", "absolute", "folder", "huge", "pipe", "none")
    for alt in (*missing, "no scheme"):
        assert f'<span class="picture-missing">{alt}</span>' in page
    assert '="file:' not in page  # not even as a link (markdown-it leaves it as text)


def test_a_data_picture_is_kept_only_when_it_is_a_raster_picture() -> None:
    pictures = Pictures(None)
    good = "data:image/png;base64," + base64.b64encode(png()).decode("ascii")
    svg = "data:image/png;base64," + base64.b64encode(b"<svg onload='x()'/>").decode("ascii")
    found = pictures.get(good)
    assert found is not None and found.kind == "image/png"
    assert pictures.get(svg) is None
    assert pictures.get("data:image/png;base64,not base64!") is None
    assert pictures.get("pictures/logo.png") is None  # no folder: no local pictures


def test_formats_are_known_by_their_bytes() -> None:
    assert sniff(png()) == "image/png"
    assert sniff(b"\xff\xd8\xff\xe0rest") == "image/jpeg"
    assert sniff(b"GIF89a...") == "image/gif"
    assert sniff(b"RIFF\0\0\0\0WEBPVP8 ") == "image/webp"
    assert sniff(b"<svg/>") is None and sniff(b"") is None


@pytest.mark.parametrize(
    ("save", "kind"),
    [
        ({"format": "PNG"}, "image/png"),
        ({"format": "GIF"}, "image/gif"),
        ({"format": "JPEG"}, "image/jpeg"),
        ({"format": "JPEG", "progressive": True}, "image/jpeg"),
        ({"format": "WEBP"}, "image/webp"),
        ({"format": "WEBP", "lossless": True}, "image/webp"),
    ],
    ids=["png", "gif", "jpeg", "progressive-jpeg", "webp", "lossless-webp"],
)
def test_the_size_a_picture_states_is_read(save: dict[str, object], kind: str) -> None:
    image = pytest.importorskip("PIL.Image")
    buffer = io.BytesIO()
    image.new("RGB", (37, 23), "red").save(buffer, **save)
    data = buffer.getvalue()
    assert sniff(data) == kind
    assert dimensions(data, kind) == (37, 23)


def test_a_small_file_stating_a_huge_picture_is_not_shown(tmp_path: Path) -> None:
    huge = bytearray(png())
    huge[16:24] = struct.pack(">II", 20_000, 20_000)  # a decompression bomb's header
    (tmp_path / "huge.png").write_bytes(bytes(huge))
    (tmp_path / "wide.png").write_bytes(png(SIDE_LIMIT + 1, 1))
    (tmp_path / "fine.png").write_bytes(png(300, 200))
    pictures = Pictures(tmp_path)
    assert pictures.get("huge.png") is None and pictures.get("wide.png") is None
    assert pictures.get("fine.png") is not None


def test_pictures_are_read_within_a_total_for_the_run(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"{n}.png").write_bytes(png(n + 1))
    pictures = Pictures(tmp_path, total=len(png(1)) + len(png(2)))
    assert pictures.get("0.png") is not None and pictures.get("1.png") is not None
    assert pictures.get("2.png") is None
    assert pictures.get("0.png") is not None  # read once, kept


def test_word_links_a_remote_picture_and_embeds_a_local_one(tmp_path: Path) -> None:
    folder = framework_with(tmp_path, "![tracker](http://attacker.invalid/t.png) ![logo](logo.png)")
    (folder / "logo.png").write_bytes(png())
    with zipfile.ZipFile(io.BytesIO(index_of(folder, "docx"))) as docx:
        names = docx.namelist()
        body = docx.read("word/document.xml").decode("utf-8")
        rels = docx.read("word/_rels/document.xml.rels").decode("utf-8")
        pictures = [docx.read(n) for n in names if n.startswith("word/media/")]
    assert pictures == [png()]
    assert 'descr="logo"' in body
    assert ">tracker</w:t></w:r></w:hyperlink>" in body
    # a hyperlink Word opens only when clicked; nothing linked to be fetched on opening
    assert re.findall(r'Target="http://attacker[^"]*"', rels) == [
        'Target="http://attacker.invalid/t.png"'
    ]
    assert "relationships/image" not in rels.replace('relationships/image" Target="media/', "")


# --- the content security policy ---------------------------------------------------


def head_of(page: str) -> str:
    return page[: page.index("</head>")]


def test_every_page_carries_the_policy_first_in_its_head() -> None:
    files = prepare(FIXTURES / "derived.yaml", FIXTURES / "out", "html", today=DAY).files
    pages = [p for p in files if p.endswith(".html")]
    assert pages
    for path in pages:
        head = head_of(files[path].decode("utf-8"))
        assert head.count("Content-Security-Policy") == 1, path
        assert head.index(POLICY_META) < head.index("<title>"), path


def test_the_policy_allows_no_script_and_no_remote_load() -> None:
    rules = dict(rule.strip().split(" ", 1) for rule in POLICY.split(";"))
    assert rules["default-src"] == "'none'"
    assert rules["img-src"] == "data:"
    assert rules["style-src"] == "'unsafe-inline'"
    assert "script-src" not in rules and "http" not in POLICY


def test_the_scorecard_page_carries_the_policy(tmp_path: Path) -> None:
    edmonton = FRAMEWORKS / "edmonton"
    report = scorecard(edmonton, edmonton / "measurements.csv", "html", today=DAY)
    assert report.content is not None
    assert POLICY_META in head_of(report.content.decode("utf-8"))


def test_a_measurement_note_shows_a_remote_picture_as_a_link(tmp_path: Path) -> None:
    edmonton = FRAMEWORKS / "edmonton"
    rows = (edmonton / "measurements.csv").read_text(encoding="utf-8")
    shown = "Improvement strongest in Transportation Services."
    assert shown in rows
    data = tmp_path / "measurements.csv"
    data.write_text(rows.replace(shown, "See ![chart](http://attacker.invalid/c.png)."))
    report = scorecard(edmonton, data, "html", today=DAY)
    assert report.content is not None
    page = report.content.decode("utf-8")
    assert "<img" not in page
    assert '<a class="picture-link" href="http://attacker.invalid/c.png">chart</a>' in page


def test_a_client_page_template_gets_the_policy_before_anything_it_loads(
    tmp_path: Path,
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html.j2").write_text(
        '<!DOCTYPE html>\n<html><head><img src="http://attacker.invalid/h.png">'
        "<title>{{ title }}</title></head><body>{{ body }}</body></html>\n",
        encoding="utf-8",
    )
    files = prepare(
        FIXTURES / "derived.yaml", tmp_path / "out", "html", ("index",), templates=templates
    ).files
    page = files["index.html"].decode("utf-8")
    assert page.startswith(f"<!DOCTYPE html>\n{POLICY_META}\n<html>")


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("<p>x</p>", f"\n{POLICY_META}\n<p>x</p>"),
        ("<!doctype html>\n<p>x</p>", f"<!doctype html>\n{POLICY_META}\n<p>x</p>"),
        (f"<!DOCTYPE html>\n<html>\n<head>\n{POLICY_META}", None),  # unchanged
        (f'<html lang="fr"><head><meta charset="utf-8">{POLICY_META}', None),
        (f"<html><head><title>t</title>{POLICY_META}", f"\n{POLICY_META}\n<html><head>"),
    ],
)
def test_policed_puts_the_policy_first(page: str, expected: str | None) -> None:
    result = policed(page)
    if expected is None:
        assert result == page
    else:
        assert result.startswith(expected)
