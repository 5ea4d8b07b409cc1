"""`rmf serve` in a real browser (headless Chromium): a page loads, an edit appears in it
without anyone reloading it, a broken edit shows the findings over the last good page,
and fixing it takes them away."""

from __future__ import annotations

from pathlib import Path

import pytest
from devtools import BROWSER, Browser
from serve_helpers import BRM, Served, edit, minimal_folder

pytestmark = pytest.mark.skipif(
    BROWSER is None,
    reason="no Chromium or Chrome binary on PATH (on Debian: apt-get install chromium)",
)

H1 = "(document.querySelector('h1') || {}).textContent"
BANNER = "(document.getElementById('rmf-findings') || {}).textContent"


def test_a_page_follows_the_edits_of_its_framework(tmp_path: Path) -> None:
    folder = minimal_folder(tmp_path)
    root = folder / "framework.yaml"
    served = Served(folder)
    browser = Browser(tmp_path / "profile")
    try:
        page = browser.open(served.url + BRM)
        assert page.wait_for(f"{H1} === 'Position description: Business Relationship Manager'")
        # the page's own script connected; nothing below navigates or reloads it
        page.evaluate("window.loadedBefore = true")

        edit(root, "title: Business Relationship Manager", "title: Relationship Lead")
        assert page.wait_for(f"{H1} === 'Position description: Relationship Lead'")
        assert page.evaluate("window.loadedBefore === undefined")  # a new load of the page

        edit(root, "    unit: it\n", "    unit: nowhere\n")
        shown = page.wait_for(BANNER)
        assert "The framework has 1 error; this page is the last version without errors" in shown
        assert f"{root}:22:11" in shown and "(unresolved-reference)" in shown
        assert page.evaluate(H1) == "Position description: Relationship Lead"

        edit(root, "    unit: nowhere\n", "    unit: it\n")
        assert page.wait_for(f"{BANNER} === undefined && {H1} !== undefined")
        assert page.evaluate(H1) == "Position description: Relationship Lead"
    finally:
        browser.close()
        code, rest = served.interrupt()
        served.kill()
    assert code == 0 and "Traceback" not in rest and "Interrupt" not in rest
