"""Show a framework's shape: rich tables and trees for people, JSON for programs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import IO

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from rmf.core.printable import color_system, printable_all, trim_line_ends
from rmf.render.derive import MATURITY, human, measure, number, often
from rmf.render.views import Link
from rmf.show.shape import BodyNode, Shape, UnitNode

ORIGIN_STYLE = {"base": "dim", "override": "yellow", "client": "green"}
TITLES = {
    "structure": "Structure — units and their roles",
    "relationships": "Relationships — who manages each business unit",
    "raci": "RACI — per process, steps × roles",
    "coverage": "Coverage — business units × communications reaching them",
    "governance": "Governance — bodies, chairs and meetings",
    "indicators": "Indicators — targets, thresholds, owners and audiences",
}
OVERRIDES = "Overrides — where each field of a changed base entity comes from"
HOW = {
    "set": "client",
    "merged": "client, merged into the base's",
    "extended": "client, the base's list changed",
    "removed": "client: dropped",
}
DIRECT, THROUGH = "●", "○"


def _plain(text: str | None, style: str = "") -> Text:
    return Text(text or "—", style=style if text else "dim")


def _name(link: Link | None) -> Text:
    return _plain(link.name if link else None)


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def _table(*headers: str, title: Text | None = None, leading: int = 0) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD, title=title, title_justify="left", pad_edge=False, leading=leading
    )
    for header in headers:
        table.add_column(header)
    return table


def _key(links: Sequence[Link], label: Callable[[Link], Text]) -> Text:
    """Numbered names, for columns headed by numbers."""
    key = Text()
    for n, link in enumerate(links, start=1):
        key.append(f"{n:>3} ", style="dim")
        key.append(label(link))
        key.append("\n")
    key.rstrip()
    return key


class _Writer:
    def __init__(self, shape: Shape, origin: bool, width: int) -> None:
        self.shape, self.origin, self.width = shape, origin, width

    def tagged(self, text: Text, ident: str) -> Text:
        """The entity's origin after its name, when asked for."""
        if self.origin:
            where = self.shape.origin.get(ident, "client")
            text.append(f" [{where}]", style=ORIGIN_STYLE.get(where, ""))
        return text

    def summary(self) -> Group:
        s, m = self.shape, self.shape.meta
        c = s.counts
        head = Text(m.name, style="bold")
        line = Text(f"{m.client} · version {m.version} · {m.status} · {s.path}", style="dim")
        parts = [
            f"{_n(c['units'], 'unit')} ({c['business_units']} business)",
            f"{_n(c['roles'], 'role')} ({_n(c['positions'], 'position')})",
            _n(c["relationships"], "relationship"),
            _n(c["governance"], "governance body", "governance bodies"),
            _n(c["policies"], "policy", "policies"),
            _n(c["processes"], "process", "processes"),
            _n(c["communications"], "communication"),
            _n(c["indicators"], "indicator"),
            _n(c["principles"], "principle"),
        ]
        rows: list[Text] = [head, line, Text(" · ".join(parts))]
        if s.overlay:
            t = s.tally()
            rows.append(
                Text(
                    f"extends {' → '.join(s.bases)}: {t['base']} from the base, "
                    f"{t['override']} overridden, {t['client']} the client's own"
                )
            )
        if s.errors:
            rows.append(
                Text(
                    f"{_n(s.errors, 'error')} and {_n(s.warnings, 'warning')}: shown as far as "
                    "the framework could be read; `rmf validate` lists them",
                    "bold red",
                )
            )
        elif s.warnings:
            rows.append(Text(f"{_n(s.warnings, 'warning')}: `rmf validate` lists them", "yellow"))
        else:
            rows.append(Text("valid, no findings", style="green"))
        return Group(*rows)

    def structure(self) -> Tree:
        tree = Tree(Text(self.shape.meta.client, style="bold"), guide_style="dim")

        def add(parent: Tree, unit: UnitNode) -> None:
            label = self.tagged(Text(unit.name, style="bold"), unit.id)
            label.append(f"  {human(unit.kind)}", style="cyan")
            if unit.head:
                label.append(f"  head: {unit.head.name}", style="dim")
            branch = parent.add(label)
            for role in unit.roles:
                text = Text(role.title)
                if role.positions > 1:
                    text.append(f" ×{role.positions}", style="dim")
                if role.incumbents:
                    who = ", ".join(s.name or f"{s.id} (vacant)" for s in role.incumbents)
                    text.append(f"  {who}", style="dim")
                branch.add(self.tagged(text, role.id))
            for child in unit.units:
                add(branch, child)

        for root in self.shape.structure:
            add(tree, root)
        return tree

    def relationships(self) -> Group:
        table = _table("Business unit", "Manager", "Tier", "FTE", "Maturity")
        for r in self.shape.relationships:
            maturity = f"{r.maturity[0]} → {r.maturity[1]}" if r.maturity else None
            manager = _name(r.manager)
            if r.assignee is not None:
                manager.append(f"\n{r.assignee.name or r.assignee.id + ' (vacant)'}", style="dim")
            table.add_row(
                self.tagged(Text(r.unit.name), r.id),
                manager,
                _plain(human(r.tier) if r.tier else None),
                _plain(number(r.allocation) if r.allocation is not None else None),
                _plain(maturity),
            )
        scale = " · ".join(f"{k} {v}" for k, v in MATURITY.items())
        return Group(table, Text(f"Maturity, now → target: {scale}", style="dim"))

    def raci(self) -> Group:
        parts: list[Table | Text] = []
        for matrix in self.shape.raci:
            title = self.tagged(Text(matrix.process.name, style="bold"), matrix.process.id)
            title.append(f" — owner: {matrix.owner.name}", style="dim")
            # Role titles as headers only when they fit; numbers and a key otherwise.
            named = sum(min(len(r.name), 24) + 3 for r in matrix.roles) + 30 <= self.width
            heads = [r.name if named else str(n) for n, r in enumerate(matrix.roles, 1)]
            table = _table("Step", *heads, title=title)
            for column in table.columns[1:]:
                column.justify = "center"
            for _, step, cells in matrix.steps:
                table.add_row(Text(step), *(Text(c, style="bold") for c in cells))
            parts.append(table)
            if not named:
                parts.append(_key(matrix.roles, lambda link: Text(link.name)))
        parts.append(Text("R responsible · A accountable · C consulted · I informed", "dim"))
        return Group(*parts)

    def coverage(self) -> Group:
        comms = self.shape.communications
        table = _table("Business unit", *(str(n) for n in range(1, len(comms) + 1)), "Reached")
        column = {c.id: i for i, c in enumerate(comms)}
        for row in self.shape.coverage:
            cells = [Text("")] * len(comms)
            for comm, via in row.reached_by:
                cells[column[comm.id]] = Text(THROUGH if via else DIRECT, style="cyan")
            reached = len(row.reached_by)
            table.add_row(
                self.tagged(Text(row.unit.name), row.unit.id),
                *cells,
                Text(str(reached)) if reached else Text("not reached", style="bold red"),
            )
        legend = Text(f"{DIRECT} in the audience  {THROUGH} through a parent unit", style="dim")
        return Group(table, _key(comms, lambda c: self.tagged(Text(c.name), c.id)), legend)

    def governance(self) -> Tree:
        tree = Tree(
            Text(f"Governance of {self.shape.meta.client}", style="bold"), guide_style="dim"
        )

        def add(parent: Tree, body: BodyNode) -> None:
            label = self.tagged(Text(body.name, style="bold"), body.id)
            label.append(f"  {human(body.type)}", style="cyan")
            label.append(f"  chair: {body.chair.name} · meets {often(body.meets).lower()}")
            label.append(f" · {_n(body.voting_seats, 'voting seat')}")
            branch = parent.add(label)
            for child in body.bodies:
                add(branch, child)

        for root in self.shape.governance:
            add(tree, root)
        return tree

    def indicators(self) -> Table:
        # an indicator takes two lines at least: a blank line keeps them apart
        table = _table("Indicator", "Target", "Red / amber", "Owner", "Reported to", leading=1)
        for i in self.shape.indicators:
            name = self.tagged(Text(i.name), i.id)
            name.append(f"\n{human(i.category)} · {human(i.unit).lower()}", style="dim")
            arrow = "↑" if i.direction == "higher-is-better" else "↓"
            red_amber = None
            if i.red is not None and i.amber is not None:
                red_amber = f"{measure(i.red, i.unit)} / {measure(i.amber, i.unit)}"
            table.add_row(
                name,
                Text(f"{measure(i.target, i.unit)} {arrow}"),
                _plain(red_amber),
                _name(i.owner),
                _plain(", ".join(b.name for b in i.reported_to) or None),
            )
        return table

    def overrides(self) -> Group:
        parts: list[Table | Text] = []
        for changed in self.shape.overrides:
            title = self.tagged(Text(changed.entity.name, style="bold"), changed.entity.id)
            title.append(f" — {changed.section} `{changed.entity.id}`, override at ", "dim")
            title.append(changed.at, style="dim")
            parts.append(title)
            table = _table("Field", "From", "Written at")
            for f in changed.fields:
                origin = HOW.get(f.how or "", f.how or "") if f.origin != "base" else "base"
                table.add_row(
                    Text(f.field),
                    Text(origin, style=ORIGIN_STYLE.get(f.origin, "")),
                    Text(f.at, style="dim"),
                )
            parts.append(table)
        return Group(*parts)


def write_text(shape: Shape, views: Sequence[str], out: IO[str], *, origin: bool = False) -> None:
    """The summary (when every view is shown) and each view under its own heading."""
    console = Console(
        file=out, highlight=False, markup=False, emoji=False, color_system=color_system()
    )
    writer = _Writer(printable_all(shape), origin, console.width)
    with console.capture() as captured:
        if len(views) > 1:
            console.print(writer.summary(), soft_wrap=True)  # summary lines are never wrapped
        for view in views:
            console.print()
            console.rule(Text(TITLES[view], style="bold"), align="left")
            console.print(getattr(writer, view)())
        if origin and shape.overrides:
            console.print()
            console.rule(Text(OVERRIDES, style="bold"), align="left")
            console.print(writer.overrides())
    # written whole, by the command: a reader that stops early (`| head`) is its to handle
    out.write(trim_line_ends(captured.get()))
