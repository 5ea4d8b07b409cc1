"""Pages made when asked for: a build converts no page's Markdown, a page asked for is
made once, and every page is the one `rmf render -f html` writes, however late it is
asked for."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from serve_helpers import BRM, TODAY, built, edit, minimal_folder
from typer.testing import CliRunner

from conftest import ROOT
from rmf.cli.app import app
from rmf.serve.site import Site

ROLES = "roles/business-engagement.yaml"
DIRECTOR = "positions/director-business-engagement.html"
TITLE = "title: Director, Business Engagement"


def edmonton(tmp_path: Path) -> Path:
    """A copy of Edmonton and the base it extends."""
    for name in ("edmonton", "base"):
        shutil.copytree(ROOT / "frameworks" / name, tmp_path / name)
    return tmp_path / "edmonton"


def rendered(framework: Path, out: Path) -> dict[str, str]:
    """Every HTML page `rmf render -f html` writes, by its path."""
    result = CliRunner().invoke(
        app, ["render", str(framework), "-f", "html", "-o", str(out), "--today", TODAY]
    )
    assert result.exit_code == 0, result.output
    return {p.relative_to(out).as_posix(): p.read_text("utf-8") for p in out.rglob("*.html")}


def served(site: Site, names: list[str]) -> dict[str, str | None]:
    return {name: site.snapshot(name).page for name in names}


def test_a_build_converts_no_page_and_a_page_asked_for_once(tmp_path: Path) -> None:
    folder = edmonton(tmp_path)
    site = built(folder)
    memo = site._memo
    assert memo.converted == 0
    site.snapshot(DIRECTOR)
    site.snapshot(DIRECTOR)
    assert memo.converted == 1
    changed = edit(folder / ROLES, TITLE, "title: Director of Engagement")
    build = site.refresh([changed])
    assert build is not None and build.trouble is None and build.changed == 13
    assert memo.converted == 1  # the build published thirteen pages and made none
    page = site.snapshot(DIRECTOR).page
    assert page is not None and "Director of Engagement" in page
    assert memo.converted == 2  # the page asked for, and only it


def test_threads_asking_at_once_get_the_page_made_once(tmp_path: Path) -> None:
    site = built(minimal_folder(tmp_path))
    pages: list[str | None] = []
    threads = [
        threading.Thread(target=lambda: pages.append(site.snapshot(BRM).page)) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(pages) == 8 and len(set(pages)) == 1 and pages[0] is not None
    assert site._memo.converted == 1


def test_every_page_is_the_one_render_writes_even_when_asked_for_late(tmp_path: Path) -> None:
    folder = edmonton(tmp_path)
    site = built(folder)
    first = rendered(folder, tmp_path / "first")
    assert served(site, [DIRECTOR]) == {DIRECTOR: first[DIRECTOR]}
    # two edits while every other page waits unasked; the second undoes part of the first
    roles = folder / ROLES
    for old, new in ((TITLE, "title: Director of Engagement"), ("Engagement", "Partnering")):
        assert site.refresh([edit(roles, old, new)]) is not None
    now = rendered(folder, tmp_path / "now")
    assert now != first
    assert served(site, sorted(now)) == now
    assert site.snapshot("positions/nobody.html").page is None


def test_a_page_template_that_fails_on_request_shows_why_and_serves_on(tmp_path: Path) -> None:
    folder = minimal_folder(tmp_path)
    templates = folder / "templates"
    templates.mkdir()
    page = templates / "page.html.j2"
    page.write_text(
        "<!DOCTYPE html>\n<html><body>{% if kind == 'position' %}{{ nowhere.x }}"
        "{% endif %}{{ body }}</body></html>\n",
        encoding="utf-8",
    )
    site = built(folder)  # the page template runs only when a page is asked for
    broken = site.snapshot(BRM)
    assert broken.failed and broken.page is None and broken.trouble is not None
    problem = broken.trouble.problem or ""
    assert problem.startswith("template error: ") and "page.html.j2:2" in problem
    assert "nowhere" in problem
    index = site.snapshot("index.html")  # another kind of page is made
    assert not index.failed and index.page is not None and index.trouble is None
    page.write_text("<!DOCTYPE html>\n<html><body>{{ body }}</body></html>\n", encoding="utf-8")
    build = site.refresh([page])
    assert build is not None and build.trouble is None
    fixed = site.snapshot(BRM)
    assert fixed.token != broken.token  # an open page reloads and shows it
    assert not fixed.failed and fixed.page is not None and "Business Relationship" in fixed.page
