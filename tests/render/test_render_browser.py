"""The HTML opens in a real browser (headless Chromium) and shows what it should."""

from __future__ import annotations

import http.server
import struct
import subprocess
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pytest
from pdf_helpers import PDFTOTEXT, broken_words, pages_of, record
from render_helpers import FIXTURES, render_tree, write_tree

from conftest import BROWSER, FRAMEWORKS, HEADLESS, shipped_frameworks
from rmf.render.engine import POLICY_META, builtin_templates

pytestmark = pytest.mark.skipif(
    BROWSER is None,
    reason="no Chromium or Chrome binary on PATH (on Debian: apt-get install chromium)",
)


def chromium(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium once, isolated: its own profile, no network chatter."""
    assert BROWSER is not None
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = [
        BROWSER,
        *HEADLESS,
        f"--user-data-dir={profile}",
        *args,
        page.as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


class Dom(HTMLParser):
    """The parts of a dumped DOM the tests look at."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.h1 = ""
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if tag in ("h2", "h3") and found.get("id"):
            self.ids.append(str(found["id"]))
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))
        self._in_h1 = tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1 += data


def dump(tmp_path: Path, page: Path, *args: str) -> Dom:
    dom = Dom()
    dom.feed(chromium(tmp_path, page, *args, "--dump-dom").stdout)
    return dom


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("html")
    write_tree(folder, render_tree(FIXTURES / "derived.yaml", "html"))
    return folder


def test_the_index_loads_and_shows_every_section(site: Path, tmp_path: Path) -> None:
    # --dump-dom reads the DOM through script, so scripts stay on; the page has none
    dom = dump(tmp_path, site / "index.html")
    assert dom.h1 == "Northwind Relationship Management Framework"
    for section in (
        "documents",
        "principles",
        "structure",
        "governance-structure",
        "relationship-map",
        "policies",
        "processes-and-responsibilities-raci",
        "indicator-catalogue",
    ):
        assert section in dom.ids
    # the units, the positions and governance
    assert dom.tags.count("svg") == 3 and "rect" in dom.tags
    assert "script" not in dom.tags
    for page in [*site.glob("positions/*.html"), *site.glob("charters/*.html")]:
        assert page.relative_to(site).as_posix() in dom.links
    assert "communication-plan.html" in dom.links


def test_a_position_description_shows_its_sections(site: Path, tmp_path: Path) -> None:
    dom = dump(tmp_path, site / "positions" / "lead-brm.html")
    assert dom.h1 == "Position description: Lead Relationship Manager"
    for section in (
        "identification",
        "purpose",
        "key-responsibilities",
        "supervision-exercised",
        "working-relationships",
        "governance-bodies",
        "process-accountabilities",
        "communications-owned",
        "indicators-owned",
        "qualifications",
        "competencies",
        "working-conditions",
    ):
        assert section in dom.ids, section
    assert "../charters/it-steering.html" in dom.links and "../index.html" in dom.links


def test_hostile_text_does_not_run_in_the_browser(tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    write_tree(folder, render_tree(FIXTURES / "hostile.yaml", "html"))
    dom = dump(tmp_path, folder / "positions" / "brm.html")
    assert "script" not in dom.tags and "img" not in dom.tags
    assert "alert('title')" in dom.h1  # shown as text


def test_pages_print_and_screenshot(site: Path, tmp_path: Path) -> None:
    pdf, png = tmp_path / "charter.pdf", tmp_path / "index.png"
    chromium(
        tmp_path,
        site / "charters" / "it-steering.html",
        f"--print-to-pdf={pdf}",
        "--no-pdf-header-footer",
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    chromium(tmp_path, site / "index.html", f"--screenshot={png}", "--window-size=1000,1400")
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG")
    width, height = struct.unpack(">II", data[16:24])  # from the IHDR chunk
    assert (width, height) == (1000, 1400)


@pytest.mark.parametrize("framework", shipped_frameworks()[:1], ids=lambda p: p.name)
def test_a_shipped_example_opens_in_the_browser(framework: Path, tmp_path: Path) -> None:
    folder = tmp_path / "site"
    write_tree(folder, render_tree(framework, "html"))
    dom = dump(tmp_path, folder / "communication-plan.html")
    assert dom.h1 == "Communication plan"
    assert {"purpose", "calendar", "feedback-and-evaluation"} <= set(dom.ids)


class Headers(HTMLParser):
    """The column headings of every table of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self._in: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "th":
            self._in = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "th" and self._in is not None:
            self.headers.append(" ".join("".join(self._in).split()))
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self._in.append(data)


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext is not installed (poppler-utils)")
def test_every_edmonton_page_prints_with_every_column(tmp_path: Path) -> None:
    """Printed to A4 by the browser, no table loses a column: every heading is in the
    text of the pages, each page has the footer, and no word of a heading is broken."""
    folder = tmp_path / "site"
    files = render_tree(FRAMEWORKS / "edmonton", "html")
    write_tree(folder, files)
    pages = sorted(p for p in files if p.endswith(".html"))
    for name in pages:
        pdf = tmp_path / (name.replace("/", "--") + ".pdf")
        chromium(tmp_path, folder / name, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
        sheets = pages_of(pdf.read_bytes())
        record(f"edmonton/{name} (Chromium)", len(sheets))
        parser = Headers()
        parser.feed(files[name].decode("utf-8"))
        words = [w for header in parser.headers for w in header.split()]
        assert broken_words(words, sheets) == set(), name
        for number, sheet in enumerate(sheets, 1):
            assert f"Page {number} of {len(sheets)}" in sheet, (name, number)


class Hits(http.server.BaseHTTPRequestHandler):
    """A local server that counts the requests it gets and answers each with nothing."""

    paths: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Hits.paths.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def listener() -> Iterator[str]:
    """The address of a server on this machine that records what is asked of it."""
    Hits.paths = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hits)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_policy_stops_the_browser_loading_a_remote_picture(
    tmp_path: Path, listener: str
) -> None:
    """A client page template with a picture from elsewhere: the page rmf writes loads
    nothing; the same page without the policy does (so the server was reachable)."""
    templates = tmp_path / "templates"
    templates.mkdir()
    builtin = (builtin_templates() / "page.html.j2").read_text(encoding="utf-8")
    tracked = builtin.replace("<main>", f'<main><img src="{listener}/pixel.png">')
    (templates / "page.html.j2").write_text(tracked, encoding="utf-8")
    page = render_tree(FIXTURES / "derived.yaml", "html", ("index",), templates)["index.html"]
    shown = tmp_path / "index.html"
    shown.write_bytes(page)
    assert f'<img src="{listener}/pixel.png">' in page.decode("utf-8")
    chromium(tmp_path, shown, "--dump-dom")
    assert Hits.paths == []
    bare = tmp_path / "bare.html"
    bare.write_bytes(page.replace(POLICY_META.encode("utf-8"), b""))
    chromium(tmp_path, bare, "--dump-dom")
    assert Hits.paths == ["/pixel.png"]
