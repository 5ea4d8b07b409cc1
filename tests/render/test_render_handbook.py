"""`rmf render --handbook`: one document with a cover, contents and every document as a
chapter, its links within it, in every format.

The anchors are worked out here as GitHub works them out (github-slugger), not with rmf's
own code, so that a link the tests call resolved resolves where people read it.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
import zlib
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from render_helpers import DAY, FIXTURES, GOLDEN
from typer.testing import CliRunner

from conftest import FRAMEWORKS, TODAY, shipped_frameworks
from rmf.cli.app import app
from rmf.render.engine import Format
from rmf.render.handbook import demote
from rmf.render.kinds import KINDS
from rmf.render.pipeline import prepare

EDMONTON = FRAMEWORKS / "edmonton"
CHAPTERS = 45  # Edmonton's documents: overview, plan, 12 profiles, 6 charters, 25 positions
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
runner = CliRunner()


def handbook(path: Path, fmt: Format, kinds: Iterable[str] = KINDS) -> bytes:
    files = prepare(path, FIXTURES / "no-such-folder", fmt, kinds, today=DAY, handbook=True).files
    assert set(files) == {f"handbook.{fmt}", "manifest.json"}
    return files[f"handbook.{fmt}"]


@pytest.fixture(scope="module")
def md() -> str:
    return handbook(EDMONTON, "md").decode("utf-8")


@pytest.fixture(scope="module")
def html() -> str:
    return handbook(EDMONTON, "html").decode("utf-8")


@pytest.fixture(scope="module")
def docx() -> bytes:
    return handbook(EDMONTON, "docx")


# --- Markdown, read as GitHub reads it ------------------------------------------------


def _parse(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(text)


def github_anchors(tokens: list[Token]) -> list[str]:
    """The anchor GitHub gives each heading: lower case, punctuation dropped, spaces as
    hyphens, `-1`, `-2`… for one already taken."""
    taken: dict[str, int] = {}
    out = []
    for i, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        text = "".join(c.content for c in tokens[i + 1].children or () if c.type == "text")
        base = re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")
        anchor = base
        while anchor in taken:
            taken[base] += 1
            anchor = f"{base}-{taken[base]}"
        taken[anchor] = 0
        out.append(anchor)
    return out


def md_links(tokens: list[Token]) -> list[str]:
    return [
        str(child.attrGet("href"))
        for token in tokens
        for child in token.children or ()
        if child.type == "link_open"
    ]


def contents(text: str) -> list[tuple[str, str]]:
    """(title, anchor) of every entry of the handbook's table of contents."""
    block = text.split("\n## Contents\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"\[([^\]]+)\]\(#([^)]+)\)", block)


def headings_by_anchor(text: str) -> dict[str, tuple[int, str]]:
    tokens = _parse(text)
    heads = [
        (int(t.tag[1:]), tokens[i + 1].content)
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]
    return dict(zip(github_anchors(tokens), heads, strict=True))


def test_the_markdown_handbook_matches_its_golden_file(md: str, update_golden: bool) -> None:
    golden = GOLDEN / "edmonton" / "handbook" / "handbook.md"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(md, encoding="utf-8")
        return
    assert golden.read_text(encoding="utf-8") == md


def test_the_cover_states_client_framework_version_status_date_and_who_prepared_it(
    md: str,
) -> None:
    cover = md.split("\n## Contents\n", 1)[0]
    assert cover.startswith("# Business Engagement — Relationship Management Framework\n")
    for line in (
        "| **Client** | Edmonton Civic Services Corporation |",
        "| **Framework** | Business Engagement — Relationship Management Framework |",
        "| **Version** | 1.0.0 |",
        "| **Status** | Approved |",
        "| **Date** | 2009-06-01 |",
        "| **Prepared by** | Business Engagement Office, with the consulting team |",
    ):
        assert line in cover


def test_every_document_is_a_chapter_and_every_contents_entry_finds_it(md: str) -> None:
    heads = headings_by_anchor(md)
    entries = contents(md)
    assert len(entries) == CHAPTERS
    chapters = [text for level, text in heads.values() if level == 2 and text != "Contents"]
    assert len(chapters) == CHAPTERS
    assert [heads[anchor] for _, anchor in entries] == [(2, c) for c in chapters]
    by_title = dict(entries)
    assert heads[by_title["Framework overview"]] == (2, "Framework overview")
    assert heads[by_title["Board of Directors"]] == (2, "Terms of reference: Board of Directors")
    assert heads[by_title["Chief Information Officer"]] == (
        2,
        "Position description: Chief Information Officer",
    )
    # one title; each document's own headings a level down, none left at the top
    assert [level for level, _ in heads.values()].count(1) == 1


def test_every_link_between_documents_points_inside_the_handbook(md: str) -> None:
    tokens = _parse(md)
    anchors = set(github_anchors(tokens))
    links = md_links(tokens)
    assert len(links) > 500
    outside = [h for h in links if not h.startswith("#") and not h.startswith("http")]
    assert outside == []
    assert sorted({h for h in links if h.startswith("#") and h[1:] not in anchors}) == []
    assert "> **[" not in md  # no chapter repeats the framework line the cover states


def test_a_link_to_a_heading_of_another_document_finds_that_heading(md: str) -> None:
    heads = headings_by_anchor(md)
    # the plan's communications are linked from the profiles, by their own heading
    targets = {heads[h[1:]] for h in md_links(_parse(md)) if h.startswith("#")}
    assert (4, "Relationship review meetings") in targets
    # the overview's own contents go to the overview's sections, not the handbook's
    overview = md.split("\n## Framework overview\n", 1)[1]
    assert "- [Documents](#documents)" in overview
    assert heads["documents"] == (3, "Documents")


def test_every_handbook_of_the_examples_links_within_itself() -> None:
    for framework in [*shipped_frameworks(), FIXTURES / "derived.yaml"]:
        text = handbook(framework, "md").decode("utf-8")
        tokens = _parse(text)
        anchors = set(github_anchors(tokens))
        assert len(anchors) == len(github_anchors(tokens))
        broken = [h for h in md_links(tokens) if h.startswith("#") and h[1:] not in anchors]
        assert broken == [], framework
        assert not [h for h in md_links(tokens) if h.endswith(".md") or ".md#" in h]


def test_a_handbook_of_some_kinds_links_to_the_others_own_files() -> None:
    text = handbook(EDMONTON, "md", ["position"]).decode("utf-8")
    entries = contents(text)
    assert len(entries) == 25
    tokens = _parse(text)
    anchors = set(github_anchors(tokens))
    links = md_links(tokens)
    assert "charters/board-of-directors.md" in links  # left out: its own file, beside it
    assert all(h[1:] in anchors for h in links if h.startswith("#"))


def test_the_handbook_is_the_same_bytes_on_every_run(md: str, html: str, docx: bytes) -> None:
    assert handbook(EDMONTON, "md").decode("utf-8") == md
    assert handbook(EDMONTON, "html").decode("utf-8") == html
    assert handbook(EDMONTON, "docx") == docx


# --- HTML -----------------------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.contents: list[str] = []
        self._in_contents = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))
            self._in_contents = found["id"] == "contents"
        if tag == "a" and found.get("href"):
            self.hrefs.append(str(found["href"]))
            if self._in_contents:
                self.contents.append(str(found["href"]))


def test_the_html_handbook_has_one_contents_whose_entries_all_resolve(html: str) -> None:
    page = _Page()
    page.feed(html)
    assert len(page.ids) == len(set(page.ids))
    assert len(page.contents) == CHAPTERS
    assert all(h.startswith("#") and h[1:] in page.ids for h in page.contents)
    outside = [h for h in page.hrefs if not h.startswith(("#", "http"))]
    assert outside == []
    assert [h for h in page.hrefs if h.startswith("#") and h[1:] not in page.ids] == []
    # chapters start on a page of their own when printed; no link back to an index file
    assert "break-before: page" in html and "index.html" not in html


# --- Word -----------------------------------------------------------------------------


def test_the_word_handbook_has_one_contents_whose_entries_all_resolve(docx: bytes) -> None:
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        rels = package.read("word/_rels/document.xml.rels").decode("utf-8")
    marks = [m.get(f"{W}name") for m in body.iter(f"{W}bookmarkStart")]
    assert len(marks) == len(set(marks))
    links = list(body.iter(f"{W}hyperlink"))
    anchors = [link.get(f"{W}anchor") for link in links]
    assert len(links) > 500
    assert None not in anchors  # no link leads to another file
    assert "TargetMode" not in rels or ".docx" not in rels
    assert set(anchors) <= set(marks)
    paragraphs = list(body.iter(f"{W}p"))
    contents_at = next(
        i for i, p in enumerate(paragraphs) if "".join(p.itertext()).strip() == "Contents"
    )
    entries = [
        link
        for p in paragraphs[contents_at + 1 : contents_at + 1 + CHAPTERS + 3]
        for link in p.iter(f"{W}hyperlink")
    ]
    assert len(entries) == CHAPTERS
    # each entry's bookmark is on a chapter heading, which starts a new page
    by_mark = {m.get(f"{W}name"): m.getparent() for m in body.iter(f"{W}bookmarkStart")}
    for entry in entries:
        heading = by_mark[entry.get(f"{W}anchor")]
        assert heading.find(f"{W}pPr/{W}pageBreakBefore") is not None
        assert heading.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "Heading1"
        # and its page, after a dot leader, which the office suite works out
        field = "".join(t.text or "" for t in entry.getparent().iter(f"{W}instrText"))
        assert field.split() == ["PAGEREF", entry.get(f"{W}anchor"), "\\h"]
    # no other list of links gets page numbers
    assert len(list(body.iter(f"{W}instrText"))) == CHAPTERS


# --- PDF ------------------------------------------------------------------------------

PDFINFO = shutil.which("pdfinfo")


def _link_destinations(pdf: bytes) -> list[str]:
    """The named destination of every link annotation, from the PDF's (compressed)
    object streams."""
    found = []
    for start in re.finditer(rb"stream\r?\n", pdf):
        try:
            text = zlib.decompressobj().decompress(pdf[start.end() :])
        except zlib.error:
            continue
        for annotation in re.findall(rb"/Subtype /Link(?:(?!/Subtype ).)*", text, re.DOTALL):
            named = re.search(rb"/Dest \(([^)]*)\)", annotation)
            found.append(named.group(1) if named else b"/URI" * (b"/URI" in annotation))
    return [f.decode("latin-1") for f in found]


@pytest.mark.slow
@pytest.mark.skipif(PDFINFO is None, reason="needs poppler's pdfinfo")
def test_the_pdf_handbook_has_one_contents_whose_entries_all_resolve(md: str) -> None:
    pdf = handbook(EDMONTON, "pdf")
    assert PDFINFO is not None
    listed = subprocess.run(
        [PDFINFO, "-dests", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    names = set(re.findall(r'"([^"]*)"\s*$', listed, re.MULTILINE))
    dests = _link_destinations(pdf)
    assert len(dests) > 500
    assert [d for d in dests if "/URI" in d] == []  # no link leads out of the handbook
    assert set(dests) <= names
    assert {anchor for _, anchor in contents(md)} <= set(dests)
    # the contents give each chapter's page, as the printed handbook numbers them
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", "2", "-l", "2", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    assert re.search(r"Framework overview\s*\.[ .]*\d+", text)
    assert handbook(EDMONTON, "pdf") == pdf


# --- the parts ------------------------------------------------------------------------


def test_demoting_moves_every_heading_a_level_down_and_leaves_code_alone() -> None:
    code = "```\n# not a heading\n```\n\n"
    text = "# Title\n\nSetext\n======\n\n" + code + "###### Deepest\n\n- ## In a list\n"
    assert demote(text) == (
        "## Title\n\n## Setext\n\n" + code + "###### Deepest\n\n- ### In a list\n"
    )


def test_an_empty_heading_row_is_left_out_of_html_and_word(md: str, html: str, docx: bytes) -> None:
    assert "| | |\n|---|---|" in md  # the cover's facts
    cover = html.split('id="contents"', 1)[0]
    assert "<table>" in cover and "<thead>" not in cover
    from docx import Document

    first = Document(io.BytesIO(docx)).tables[0]
    assert first.rows[0].cells[0].text == "Client"


# --- the command line -----------------------------------------------------------------


def rmf(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--today", TODAY])
    return result.exit_code, result.stderr


def test_render_handbook_writes_one_file_beside_the_documents_and_checks_it(
    tmp_path: Path,
) -> None:
    framework = tmp_path / "framework.yaml"
    shutil.copy(FIXTURES / "derived.yaml", framework)
    out = tmp_path / "out"
    code, err = rmf("render", str(framework), "-o", str(out), "--handbook")
    assert code == 0, err
    assert "rendered the handbook into" in err and "handbook.md" in err
    assert sorted(p.name for p in out.iterdir()) == ["handbook.md", "manifest.json"]
    assert rmf("render", str(framework), "-o", str(out), "--handbook", "--check")[0] == 0
    # the separate documents join it; each run leaves the other's files as they are
    assert rmf("render", str(framework), "-o", str(out))[0] == 0
    assert (out / "handbook.md").is_file() and (out / "index.md").is_file()
    assert rmf("render", str(framework), "-o", str(out), "--handbook", "--check")[0] == 0
    assert rmf("render", str(framework), "-o", str(out), "--check")[0] == 0
    code, err = rmf("render", str(framework), "-o", str(out), "--handbook")
    assert code == 0 and "0 written" in err
    # a change to the framework makes the handbook out of date
    framework.write_text(
        framework.read_text(encoding="utf-8").replace("version: ", "version: 9", 1),
        encoding="utf-8",
    )
    assert rmf("render", str(framework), "-o", str(out), "--handbook", "--check")[0] == 1


def test_a_client_template_shapes_the_cover(tmp_path: Path) -> None:
    framework = tmp_path / "framework.yaml"
    shutil.copy(FIXTURES / "derived.yaml", framework)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "handbook.md.j2").write_text(
        '{% extends "builtin/handbook.md.j2" %}\n', encoding="utf-8"
    )
    plain = handbook(framework, "md")
    (tmp_path / "templates" / "handbook.md.j2").write_text(
        "# Our handbook for {{ meta.client }}\n\n"
        "{% for part in parts %}{% for c in part.chapters %}"
        "- [{{ c.title }}](#{{ c.anchor }})\n{% endfor %}{% endfor %}\n",
        encoding="utf-8",
    )
    text = handbook(framework, "md").decode("utf-8")
    assert text.startswith("# Our handbook for ") and plain != text.encode("utf-8")
    tokens = _parse(text)
    anchors = set(github_anchors(tokens))
    assert all(h[1:] in anchors for h in md_links(tokens) if h.startswith("#"))


def test_a_taken_anchor_gets_the_first_free_number_in_every_format() -> None:
    from rmf.render.markup import Anchors, to_html

    anchors = Anchors()
    assert [anchors.add(t) for t in ("Step", "Step 1", "Step", "Step")] == [
        "step",
        "step-1",
        "step-2",
        "step-3",
    ]
    page = to_html("# Step\n\n## Step 1\n\n## Step\n", "a.md", frozenset(), {})
    assert re.findall(r'id="([^"]+)"', page) == ["step", "step-1", "step-2"]


def test_a_handbook_with_no_chapters_says_so() -> None:
    text = handbook(FRAMEWORKS / "base", "md", ["relationship"]).decode("utf-8")
    assert text.endswith("## Contents\n\nThe framework has no documents of the kinds chosen.\n")


def test_a_broken_cover_template_is_a_located_error(tmp_path: Path) -> None:
    framework = tmp_path / "framework.yaml"
    shutil.copy(FIXTURES / "derived.yaml", framework)
    (tmp_path / "templates").mkdir()
    cover = tmp_path / "templates" / "handbook.md.j2"
    cover.write_text("# Cover\n{{ nope }}\n", encoding="utf-8")
    out = tmp_path / "out"
    code, err = rmf("render", str(framework), "-o", str(out), "--handbook")
    assert code == 1 and "handbook.md.j2:2: 'nope' is undefined" in err
    assert "Traceback" not in err and not out.exists()
    # headings made of the anchors would move the anchors they are made of
    cover.write_text(
        "# Cover\n{% for p in parts %}{% for c in p.chapters %}## {{ c.anchor }}\n"
        "{% endfor %}{% endfor %}\n",
        encoding="utf-8",
    )
    code, err = rmf("render", str(framework), "-o", str(out), "--handbook")
    assert code == 1 and "the same headings whatever the chapters' anchors are" in err
