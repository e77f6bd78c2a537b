"""The *Cascading Akuntabilitas Kinerja* chart as DOT source: each unit kerja under its
atasan, with its duties and what it answers for."""

from __future__ import annotations

from collections.abc import Sequence

from pohon_cli.i18n import _, n_
from pohon_cli.model import Tree, Unit
from pohon_cli.render.labels import (
    LevelStyle,
    escape,
    level_style,
    small,
    table,
    tag,
    title_label,
    wrapped,
)
from pohon_cli.render.page import BIG_PAGE, Page, graph_of
from pohon_cli.stats import count

# -- the units chart ----------------------------------------------------------------------


def draw_units(tree: Tree) -> Page:
    """The *Cascading Akuntabilitas Kinerja* chart: each unit kerja under its atasan, with
    its numbered duties and how many nodes and indicators it answers for."""
    units = tree.header.units
    ids = {u.code: f"u{i}" for i, u in enumerate(units)}
    answers = {c.kode: (c.nodes, c.indicators) for c in count(tree).units}
    depth = _unit_depths(units)
    title = title_label(tree, _("CASCADING AKUNTABILITAS KINERJA"), [])
    # an organisation chart: square lines read best (but orthogonal routing is slow, so
    # only on a chart of ordinary size)
    square = {"splines": "ortho"} if len(units) <= BIG_PAGE else {}
    graph = graph_of(title, len(units), nodesep="0.4", **square)
    for d in sorted(set(depth.values())):
        with graph.subgraph(name=f"depth_{d}") as band:
            band.attr(rank="same")
            for unit in units:
                if depth[unit.code] == d:
                    label = _unit_label(unit, answers[unit.code], level_style(d))
                    band.node(ids[unit.code], label=label)
    # each atasan's line runs down to one junction below it, which branches to every
    # unit under it, as organisation charts are drawn
    hubs: set[str] = set()
    for unit in units:
        if unit.parent is None or unit.parent not in ids:
            continue
        hub = "h" + ids[unit.parent]
        if hub not in hubs:
            hubs.add(hub)
            graph.node(hub, shape="point", width="0.01", label="")
            graph.edge(ids[unit.parent], hub, arrowhead="none")
        graph.edge(hub, ids[unit.code])
    return Page(None, graph.source, len(units))


def _unit_depths(units: Sequence[Unit]) -> dict[str, int]:
    """How far below the top each unit stands (0: no atasan), following atasan."""
    parent = {u.code: u.parent for u in units}
    depths: dict[str, int] = {}
    for unit in units:
        chain: list[str] = []
        here: str | None = unit.code
        while here is not None and here not in depths and here in parent and here not in chain:
            chain.append(here)
            here = parent[here]
        base = depths.get(here, -1) if here is not None else -1
        for offset, code in enumerate(reversed(chain), start=1):
            depths[code] = base + offset
    return depths


def _unit_label(unit: Unit, counts: tuple[int, int], style: LevelStyle) -> str:
    rows = [
        f'<TR><TD COLSPAN="2">{tag("B", wrapped(unit.name.upper(), 36))}</TD></TR>',
        f'<TR><TD COLSPAN="2">{small(escape(unit.code), 8)}</TD></TR>',
    ]
    if unit.duties:
        rows.append("<HR/>")
        for i, duty in enumerate(unit.duties, start=1):
            rows.append(
                f'<TR><TD ALIGN="RIGHT" VALIGN="TOP" BGCOLOR="white">{small(f"{i}.", 10)}</TD>'
                f'<TD ALIGN="LEFT" BALIGN="LEFT" BGCOLOR="white">'
                f"{small(wrapped(duty, 44), 10)}</TD></TR>"
            )
    nodes, indicators = counts
    answers = _(
        "responsible for: {nodes}, {indicators}",
        nodes=n_("{count} node", "{count} nodes", nodes),
        indicators=n_("{count} indicator", "{count} indicators", indicators),
    )
    rows.append("<HR/>")
    rows.append(f'<TR><TD COLSPAN="2">{small(escape(answers), 8)}</TD></TR>')
    return table(style, style.fill, rows)
