"""A page as served: the rendered document with its policy opened to one script, the
banner of findings, HTML-escaped, and nothing of either in the document itself."""

from __future__ import annotations

from pathlib import Path

from serve_helpers import BRM, built, minimal_folder

from rmf.core.findings import Finding, Mark
from rmf.render.engine import POLICY_META
from rmf.serve.page import SHOWN, banner, dressed, policy, script
from rmf.serve.site import Snapshot, Trouble

HOSTILE = Finding.at(Mark("roles/<b>.yaml", 3, 5), "invalid-value", "`<script>alert(1)</script>`")


def test_a_served_page_lets_its_one_script_run_and_nothing_else(tmp_path: Path) -> None:
    site = built(minimal_folder(tmp_path))
    snapshot = site.snapshot(BRM)
    assert snapshot.page is not None and POLICY_META in snapshot.page
    served = dressed(BRM, snapshot, "n0nce")
    assert POLICY_META not in served
    assert f'<meta http-equiv="Content-Security-Policy" content="{policy("n0nce")}">' in served
    assert "default-src 'none'; img-src data:;" in policy("n0nce")
    assert served.count("<script") == 1 and '<script nonce="n0nce">' in served
    assert served.index("<script") < served.index("</body>")
    assert f'"{snapshot.token}"' in served and "/_rmf/events" in served
    assert "rmf-findings" not in served


def test_the_rendered_document_holds_no_script(tmp_path: Path) -> None:
    site = built(minimal_folder(tmp_path))
    for name in (BRM, "index.html"):
        page = site.snapshot(name).page
        assert page is not None and "<script" not in page and "rmf-findings" not in page


def test_the_banner_shows_each_finding_located_and_escaped() -> None:
    shown = banner(Trouble((HOSTILE,)), rendered=True)
    assert "<script>" not in shown and "<b>" not in shown
    assert (
        "<li><code>roles/&lt;b&gt;.yaml:3:5</code>  "
        "`&lt;script&gt;alert(1)&lt;/script&gt;` (invalid-value)</li>"
    ) in shown
    assert "The framework has 1 error; this page is the last version without errors" in shown


def test_a_long_list_of_findings_is_cut_short() -> None:
    many = tuple(Finding.at(Mark("f.yaml", n, 1), "missing-field", "x") for n in range(1, 30))
    shown = banner(Trouble(many), rendered=False)
    assert shown.count("<li>") == SHOWN + 1 and "and 9 more" in shown
    assert "The framework has 29 errors; the documents show once it has none." in shown


def test_the_banner_comes_first_in_the_body(tmp_path: Path) -> None:
    site = built(minimal_folder(tmp_path))
    snapshot = site.snapshot(BRM)
    trouble = Trouble(problem="template error: templates/x.md.j2:3: <oops>")
    served = dressed(BRM, Snapshot(snapshot.page, trouble, "t-2", True), "n")
    body = served.index("<body>") + len("<body>")
    assert served[body:].lstrip().startswith('<aside id="rmf-findings"')
    assert "template error: templates/x.md.j2:3: &lt;oops&gt;" in served
    assert "The documents could not be rendered; this page is the last version" in served


def test_an_address_without_a_document_says_so_and_waits_for_one() -> None:
    served = dressed("positions/<new>.html", Snapshot(None, None, "t-0", True), "n")
    assert "No document at /positions/&lt;new&gt;.html" in served
    assert '<script nonce="n">' in served
    waiting = dressed("index.html", Snapshot(None, Trouble((HOSTILE,)), "t-1", False), "n")
    assert "No document has rendered yet." in waiting and "rmf-findings" in waiting


def test_the_script_cannot_be_ended_by_a_page_name() -> None:
    shown = script("</script><script>alert(1)</script>.html", "t-1", "n")
    assert shown.count("</script>") == 1
    assert "\\u003c/script\\u003e" in shown
