"""Hostile text stays text in Word: no live links to scripts or files, no unwritable characters."""

from __future__ import annotations

import re
from pathlib import Path

from docx_helpers import FIXTURES, render_docx, word

from rmf.render.docx.package import fit_property

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


def test_core_properties_longer_than_word_allows_are_cut_at_a_word(tmp_path: Path) -> None:
    text = (FIXTURES / "derived.yaml").read_text(encoding="utf-8")
    name = " ".join(["Relationship management framework"] * 12)[:400]
    client = " ".join(["Municipal Authority of Greater Somewhere"] * 10)[:400]
    for field, value in (("name", name), ("client", client)):
        text, count = re.subn(rf"(?m)^  {field}: .*$", f"  {field}: {value}", text, count=1)
        assert count == 1
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    files = render_docx(path, ["position"])  # python-docx refused these with ValueError
    props = word(next(data for p, data in files.items() if p.endswith(".docx"))).core_properties
    for value in (props.author, props.last_modified_by, props.comments):
        assert 200 < len(value) <= 255 and value.endswith("…")
        assert value[:-1].rstrip() == value[:-1] and " " not in value[-2:]
    assert props.author[:-1] in client and f"{name} · {client}".startswith(props.comments[:-1])


def test_a_long_property_without_spaces_is_cut_inside_it() -> None:
    assert fit_property("x" * 400) == "x" * 254 + "…"
    assert fit_property("short") == "short"
    assert fit_property("word " * 60) == ("word " * 50).rstrip() + "…"
