"""`rmf scorecard`: the board's report section in every format, pinned by golden files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FORGED, FRAMEWORKS, assert_escaped
from rmf.cli.app import app

runner = CliRunner()
EDMONTON = FRAMEWORKS / "edmonton"
DATA = EDMONTON / "measurements.csv"
GOLDEN = Path(__file__).parent / "golden"
BOARD = ["--body", "board-of-directors"]


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["scorecard", str(EDMONTON), "--data", str(DATA), *args])
    return result.exit_code, result.stdout, result.stderr


def check_golden(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; --update-golden rewrites it"


CARDS = {
    "edmonton-full": [],
    "edmonton-board": BOARD,
    "edmonton-unit": ["--unit", "transportation-services"],
}


@pytest.mark.parametrize("name", list(CARDS))
def test_scorecards_in_markdown_go_to_standard_output(name: str, update_golden: bool) -> None:
    code, out, _err = run(*CARDS[name])
    assert code == 0
    check_golden(f"{name}.md", out, update_golden)


def test_the_board_scorecard_shows_status_and_target_both() -> None:
    _code, out, _err = run(*BOARD)
    assert out.startswith("# Engagement scorecard, 2010-H1 — Board of Directors\n")
    # green by its thresholds, yet short of its target: the page says both
    row = "| IT spend aligned to business goals | 2010-Q2 | 81% | 90% | No: 9 pts short | ● Green |"
    assert row in out
    assert "+7 pts (better)" in out and "+7%" not in out


@pytest.mark.parametrize("name", list(CARDS))
def test_scorecards_in_html_have_charts_and_shaded_status(
    name: str, tmp_path: Path, update_golden: bool
) -> None:
    target = tmp_path / "card.html"
    code, _out, err = run(*CARDS[name], "-o", str(target))
    assert code == 0 and "wrote" in err
    html = target.read_text(encoding="utf-8")
    assert "<script" not in html
    assert '<td class="status-green">● Green</td>' in html
    if name != "edmonton-unit":  # one unit has one value of its own: no trend yet
        assert "<svg" in html
    # the charts' drawing is matplotlib's and may change with its version: the golden
    # file pins the page around them
    pinned = re.sub(r"<svg.*?</svg>", "<svg>chart</svg>", html, flags=re.S)
    check_golden(f"{name}.html", pinned, update_golden)
    again = tmp_path / "again.html"
    run(*CARDS[name], "-o", str(again))
    assert again.read_bytes() == target.read_bytes()


@pytest.mark.parametrize("name", list(CARDS))
def test_scorecards_in_word_keep_their_text(name: str, tmp_path: Path, update_golden: bool) -> None:
    from docx import Document

    target = tmp_path / "card.docx"
    code, _out, err = run(*CARDS[name], "-o", str(target))
    assert code == 0, err
    document = Document(str(target))
    lines = [p.text for p in document.paragraphs if p.text]
    for table in document.tables:
        lines += [" | ".join(c.text for c in row.cells) for row in table.rows]
    check_golden(f"{name}.docx.txt", "\n".join(lines) + "\n", update_golden)


def test_the_whole_scorecard_lists_missing_data_as_needing_attention() -> None:
    code, out, err = run("--period", "2010-Q2")
    assert code == 0
    assert "Relationship review meetings held: no value for 2010-Q2" in out
    assert "missing-measurement" in err  # a warning, located at the indicator


def test_the_terminal_table(update_golden: bool) -> None:
    code, out, _err = run(*BOARD, "--format", "table")
    assert code == 0 and "IT projects" in out and "Needs attention" in out


def test_bad_measurements_are_refused_with_located_findings(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,period,value\ncomplaints-received,2010-13,x\n", encoding="utf-8")
    result = runner.invoke(app, ["scorecard", str(EDMONTON), "--data", str(bad)])
    assert result.exit_code == 1
    assert "invalid-period" in result.stderr and "invalid-value" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--period", "Q3"],
        ["--body", "nobody"],
        ["--unit", "nowhere"],
        ["--format", "table", "-o", "x.md"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    code, _out, err = run(*args)
    assert code == 2 and "Traceback" not in err


def test_a_missing_data_file_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["scorecard", str(EDMONTON), "--data", str(tmp_path / "none.csv")])
    assert result.exit_code == 2


def test_the_board_scorecard_in_word_has_its_table_charts_and_shading(tmp_path: Path) -> None:
    from docx import Document

    target = tmp_path / "board.docx"
    code, _out, err = run(*BOARD, "-o", str(target))
    assert code == 0, err
    document = Document(str(target))
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == "Engagement scorecard, 2010-H1 — Board of Directors"
    assert {"Executive summary", "Needs attention", "Indicators", "Trends"} <= set(headings)
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells][:6] == [
        "Indicator",
        "Period",
        "Value",
        "Target",
        "Target met",
        "Status",
    ]
    red = next(r for r in table.rows if "IT projects delivered on time" in r.cells[0].text)
    assert red.cells[5].text == "■ Red"
    assert red.cells[5]._tc.xpath("./w:tcPr/w:shd/@w:fill") == ["F6D5D3"]
    # a trend chart per indicator with a history, and the satisfaction index by unit
    assert len(document.inline_shapes) == 5
    xml = target.read_bytes()
    again = tmp_path / "again.docx"
    run(*BOARD, "-o", str(again))
    assert again.read_bytes() == xml


def test_word_has_no_emoji_for_a_font_to_miss(tmp_path: Path) -> None:
    import zipfile

    target = tmp_path / "full.docx"
    run("-o", str(target))
    body = zipfile.ZipFile(target).read("word/document.xml").decode("utf-8")
    assert not [c for c in body if ord(c) >= 0x1F000], "an emoji in the document"
    for word in ("Red", "Amber", "Green", "No data"):
        assert word in body


def test_a_board_paper_has_its_cover_block_from_a_file_and_options(tmp_path: Path) -> None:
    paper = tmp_path / "paper.yaml"
    paper.write_text(
        "meeting: Board of Directors, 21 July 2010\nnumber: BD-2010-07-04\n"
        "purpose: information\nprepared_by: Director, Business Engagement\n",
        encoding="utf-8",
    )
    code, out, err = run(*BOARD, "--paper", str(paper), "--purpose", "decision")
    assert code == 0, err
    assert out.startswith("# Board paper: Engagement scorecard, 2010-H1 — Board of Directors\n")
    assert "| **Paper number** | BD-2010-07-04 |" in out
    assert "| **Purpose** | Decision |" in out  # the option wins over the file
    code, out, _err = run(*BOARD, "--meeting", "Board, July", "--requested-action", "Note it.")
    assert "| **Meeting** | Board, July |" in out and "| **Action requested** | Note it. |" in out


def test_a_bad_board_paper_is_refused_with_a_located_finding(tmp_path: Path) -> None:
    paper = tmp_path / "paper.yaml"
    paper.write_text("meeting: Board\npurpose: approval\nagenda: 4\n", encoding="utf-8")
    code, _out, err = run("--paper", str(paper))
    assert code == 1 and "Traceback" not in err
    assert "paper.yaml" in err and "2 errors" in err
    assert "2:1  error  `purpose` is one of" in err
    assert "3:1  error  `agenda` is not a field" in err
    code, _out, err = run("--paper", str(tmp_path / "none.yaml"))
    assert code == 2


def test_word_output_needs_a_file() -> None:
    code, _out, err = run(*BOARD, "--format", "docx")
    assert code == 2 and "-o" in err


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_control_characters_and_markup_on_the_terminal_are_shown_as_written(
    fmt: str, tmp_path: Path
) -> None:
    framework = tmp_path / "edmonton"
    shutil.copytree(EDMONTON, framework)
    shutil.copytree(FRAMEWORKS / "base", tmp_path / "base")  # what it extends
    indicators = framework / "indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    indicators.write_text(
        text.replace("name: Complaints received", f"name: {FORGED}", 1), encoding="utf-8"
    )
    result = runner.invoke(
        app,
        ["scorecard", str(framework), "--data", str(DATA), "--format", fmt],
        env={"COLUMNS": "250"},
    )
    assert result.exit_code == 0
    assert_escaped(result.stdout)
    if fmt == "table":
        assert "[bold red]x[/]" in result.stdout
