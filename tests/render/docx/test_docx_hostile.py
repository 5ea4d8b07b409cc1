"""Hostile text stays text in Word: no live links to scripts or files, no unwritable characters."""

from __future__ import annotations

from pathlib import Path

from docx_helpers import FIXTURES, render_docx, word

HOSTILE = render_docx(FIXTURES / "hostile.yaml")


def test_links_lead_only_to_sibling_documents_or_the_web() -> None:
    for path, data in HOSTILE.items():
        if not path.endswith(".docx"):
            continue
        document = word(data)
        for rel in document.part.rels.values():
            if rel.reltype.endswith("/hyperlink"):
                target = rel.target_ref
                assert target.endswith(".docx") or target.startswith(("http", "mailto:")), target
                assert ":" not in target or target.startswith(("http", "mailto:")), target


def test_template_syntax_in_data_is_text() -> None:
    index = word(HOSTILE["index.docx"])
    assert index.paragraphs[0].text == "Evil {{ 7*7 }} framework <script>alert('name')</script>"


def test_control_characters_a_yaml_escape_makes_do_not_break_the_document(
    tmp_path: Path,
) -> None:
    text = (FIXTURES / "derived.yaml").read_text(encoding="utf-8")
    old = "purpose: Leads the authority."
    assert old in text
    path = tmp_path / "framework.yaml"
    path.write_text(text.replace(old, 'purpose: "Leads\\x01 the\\x0b authority."'), "utf-8")
    ceo = word(render_docx(path, ["position"])["positions/ceo.docx"])
    assert "Leads\ufffd the\ufffd authority." in [p.text for p in ceo.paragraphs]
