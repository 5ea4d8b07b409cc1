"""The served site: built on a change, the findings shown when the framework has errors,
the last good pages kept until they are fixed."""

from __future__ import annotations

from pathlib import Path

from serve_helpers import BRM, DAY, built, edit, folder_example, minimal_folder

from rmf.serve.site import Site


def test_a_build_renders_every_document_as_html(tmp_path: Path) -> None:
    site = built(minimal_folder(tmp_path))
    page = site.snapshot(BRM).page
    assert page is not None and ">Position description: Business Relationship Manager</h1>" in page
    assert site.snapshot("index.html").page is not None
    assert site.snapshot("positions/nobody.html").page is None


def test_an_edit_changes_its_pages_and_their_versions_only(tmp_path: Path) -> None:
    folder = minimal_folder(tmp_path)
    site = built(folder)
    before = {name: site.snapshot(name) for name in (BRM, "positions/sales-head.html")}
    changed = edit(folder / "framework.yaml", "Manages the relationship", "Leads the relationship")
    build = site.refresh([changed])
    assert build is not None and build.trouble is None and 0 < build.changed < build.pages
    brm = site.snapshot(BRM)
    assert brm.page is not None and "Leads the relationship with Sales" in brm.page
    assert brm.token != before[BRM].token
    assert site.snapshot("positions/sales-head.html") == before["positions/sales-head.html"]


def test_a_file_saved_unchanged_builds_nothing(tmp_path: Path) -> None:
    folder = minimal_folder(tmp_path)
    site = built(folder)
    root = folder / "framework.yaml"
    token = site.snapshot(BRM).token
    root.write_bytes(root.read_bytes())
    assert site.refresh([root]) is None
    assert site.refresh([folder / "notes.txt", folder / "rendered" / "index.html"]) is None
    assert site.snapshot(BRM).token == token


def test_a_broken_edit_keeps_the_last_good_pages_under_its_findings(tmp_path: Path) -> None:
    folder = minimal_folder(tmp_path)
    site = built(folder)
    good = site.snapshot(BRM)
    root = edit(folder / "framework.yaml", "    unit: it\n", "    unit: nowhere\n")
    build = site.refresh([root])
    assert build is not None and build.trouble is not None
    found = [(f.file, f.line, f.column, f.code) for f in build.trouble.findings]
    assert found == [(str(root), 22, 11, "unresolved-reference")]
    now = site.snapshot(BRM)
    assert now.page == good.page and now.trouble == build.trouble and now.rendered
    assert now.token != good.token  # open pages reload to show the banner
    edit(root, "    unit: nowhere\n", "    unit: it\n")
    fixed = site.refresh([root])
    assert fixed is not None and fixed.trouble is None
    assert site.snapshot(BRM).trouble is None


def test_a_framework_broken_from_the_start_has_no_pages_but_its_findings(
    tmp_path: Path,
) -> None:
    folder = minimal_folder(tmp_path)
    edit(folder / "framework.yaml", "rmf: 1", "rmf: [1")
    site = Site(folder, today=DAY)
    build = site.build()
    assert build.trouble is not None and build.pages == 0
    first = site.snapshot("index.html")
    assert first.page is None and not first.rendered and first.trouble is not None


def test_a_missing_root_file_is_shown_as_the_problem(tmp_path: Path) -> None:
    folder = minimal_folder(tmp_path)
    site = built(folder)
    (folder / "framework.yaml").unlink()
    build = site.refresh([folder / "framework.yaml"])
    assert build is not None and build.trouble is not None
    assert build.trouble.problem is not None and "framework.yaml" in build.trouble.problem
    assert site.snapshot(BRM).page is not None


def test_a_new_file_an_include_matches_is_built(tmp_path: Path) -> None:
    folder = folder_example(tmp_path)
    site = built(folder)
    added = folder / "sections" / "more.yaml"
    assert site.counts(added)
    added.write_text(
        "roles:\n  - id: analyst\n    title: Business Analyst\n    unit: finance\n"
        "    purpose: Analyses demand.\n    responsibilities:\n      - text: Analyse.\n",
        encoding="utf-8",
    )
    build = site.refresh([added])
    assert build is not None and build.trouble is None, build
    page = site.snapshot("positions/analyst.html").page
    assert page is not None and "Business Analyst" in page


def test_what_counts_as_a_change(tmp_path: Path) -> None:
    folder = minimal_folder(tmp_path)
    site = built(folder)
    assert site.counts(folder / "framework.yaml")
    assert site.counts(folder / "parts" / "new.yml")
    assert site.counts(folder / "templates" / "position.md.j2")
    assert site.counts(folder / "logo.png")
    assert not site.counts(folder / "notes.txt")
    assert not site.counts(folder / "rendered" / "index.html")
    assert site.roots() == [folder]


def test_a_template_edit_is_rendered_and_a_broken_template_shown(tmp_path: Path) -> None:
    folder = minimal_folder(tmp_path)
    templates = folder / "templates"
    templates.mkdir()
    page = templates / "position.md.j2"
    page.write_text("# {{ title }}: first wording\n", encoding="utf-8")
    site = built(folder)
    assert "first wording" in (site.snapshot(BRM).page or "")
    page.write_text("# {{ title }}: second wording\n", encoding="utf-8")
    assert site.refresh([page]) is not None
    assert "second wording" in (site.snapshot(BRM).page or "")
    page.write_text("# {{ title }\n", encoding="utf-8")
    build = site.refresh([page])
    assert build is not None and build.trouble is not None
    problem = build.trouble.problem or ""
    assert problem.startswith("template error: ") and "position.md.j2:1" in problem
    assert "second wording" in (site.snapshot(BRM).page or "")


def test_waiting_ends_when_the_page_changes_or_the_site_closes(tmp_path: Path) -> None:
    folder = minimal_folder(tmp_path)
    site = built(folder)
    token = site.snapshot(BRM).token
    assert site.wait(BRM, token, 0.01) == token  # nothing changed: back after the timeout
    assert site.wait(BRM, None, 5) == token  # a page that knows no version: at once
    site.close()
    assert site.closed and site.wait(BRM, token, 5) == token
