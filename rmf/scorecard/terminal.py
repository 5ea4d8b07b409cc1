"""The scorecard on a terminal: a rich table with status colours."""

from __future__ import annotations

from typing import IO

from rmf.core.printable import color_system, printable_all, trim_line_ends
from rmf.scorecard.card import AMBER, GREEN, MISSING, OFF_TARGET, ON_TARGET, RED
from rmf.scorecard.view import ScorecardView

STYLES = {
    RED: "bold red",
    AMBER: "bold yellow",
    GREEN: "green",
    ON_TARGET: "green",
    OFF_TARGET: "bold red",
    MISSING: "dim",
}


def write_table(view: ScorecardView, out: IO[str]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    view = printable_all(view)
    # markup off: names and notes may hold `[...]`, which rich would read as markup
    console = Console(
        file=out, highlight=False, markup=False, emoji=False, color_system=color_system()
    )
    title = f"Engagement scorecard {view.period}" + (f" — {view.body}" if view.body else "")
    table = Table(
        title=title, caption=f"{view.meta.name} · {view.meta.client} · {view.meta.version}"
    )
    table.add_column("Indicator", min_width=14, ratio=3)
    for column in ("Period", "Value", "Target", "Status"):
        table.add_column(column, no_wrap=True)
    table.add_column("Change", ratio=1)
    table.add_column("Trend", ratio=2)
    table.add_column("Owner", min_width=10, ratio=2)
    for row in view.rows:
        status = Text(row.status.split(" ", 1)[1], style=STYLES[row.state])
        table.add_row(
            row.name, row.period, row.value, row.target, status, row.change, row.trend, row.owner
        )
    with console.capture() as captured:
        console.print(table)
        if view.attention:
            console.print(Text("Needs attention:", style="bold"))
            for item in view.attention:
                console.print(f"  • {item}")
    out.write(trim_line_ends(captured.get()))
