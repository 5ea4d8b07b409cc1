"""`rmf scorecard`: the board's report section in every format, pinned by golden files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FRAMEWORKS
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


def test_the_board_scorecard_in_markdown_goes_to_standard_output(update_golden: bool) -> None:
    code, out, _err = run(*BOARD)
    assert code == 0
    assert out.startswith("# Engagement scorecard: 2010-H1 — Board of Directors\n")
    assert "| IT projects delivered on time | 2010-Q2 | 56% | 80% | 🔴 Red |" in out
    check_golden("edmonton-board.md", out, update_golden)


def test_the_board_scorecard_in_html_has_charts(tmp_path: Path, update_golden: bool) -> None:
    target = tmp_path / "board.html"
    code, _out, err = run(*BOARD, "-o", str(target))
    assert code == 0 and "wrote" in err
    html = target.read_text(encoding="utf-8")
    assert html.count("<svg") == 4 and "<script" not in html
    # the charts' drawing is matplotlib's and may change with its version: the golden
    # file pins the page around them
    pinned = re.sub(r"<svg.*?</svg>", "<svg>chart</svg>", html, flags=re.S)
    check_golden("edmonton-board.html", pinned, update_golden)
    again = tmp_path / "again.html"
    run(*BOARD, "-o", str(again))
    assert again.read_bytes() == target.read_bytes()


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
    [["--period", "Q3"], ["--body", "nobody"], ["--format", "table", "-o", "x.md"]],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    code, _out, err = run(*args)
    assert code == 2 and "Traceback" not in err


def test_a_missing_data_file_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["scorecard", str(EDMONTON), "--data", str(tmp_path / "none.csv")])
    assert result.exit_code == 2


def test_the_board_scorecard_in_word_has_its_table_and_charts(tmp_path: Path) -> None:
    from docx import Document

    target = tmp_path / "board.docx"
    code, _out, err = run(*BOARD, "-o", str(target))
    assert code == 0, err
    document = Document(str(target))
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == "Engagement scorecard: 2010-H1 — Board of Directors"
    assert {"Needs attention", "Indicators", "Trends"} <= set(headings)
    [table] = document.tables
    assert [c.text for c in table.rows[0].cells][:5] == [
        "Indicator",
        "Period",
        "Value",
        "Target",
        "Status",
    ]
    assert any("IT projects delivered on time" in r.cells[0].text for r in table.rows)
    assert len(document.inline_shapes) == 4  # a trend chart per indicator with a history
    again = tmp_path / "again.docx"
    run(*BOARD, "-o", str(again))
    assert again.read_bytes() == target.read_bytes()


def test_word_output_needs_a_file() -> None:
    code, _out, err = run(*BOARD, "--format", "docx")
    assert code == 2 and "-o" in err
