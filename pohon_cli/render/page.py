"""One page of the tree as DOT source: the bands of levels top-down, each node's box in
file order, a line from each parent; and the pages of a split.

Pure: no files, no subprocess, no environment. Node ids are ``n0, n1, ...``, never a
kode, so no kode can be read as DOT or HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

import graphviz  # type: ignore[import-untyped]  # the package ships no type hints

from pohon_cli.filters import Filter, select
from pohon_cli.i18n import _
from pohon_cli.model import Step, Tree
from pohon_cli.render.labels import (
    EDGE,
    FONT,
    INK,
    MISI_STYLE,
    band_label,
    context_label,
    escape,
    level_style,
    level_title,
    misi_label,
    node_label,
    small,
    title_label,
    wrapped,
)
from pohon_cli.render.paper import PAD

# Above this many nodes a single page is hard to read and slow to lay out.
BIG_PAGE = 300


# Curved splines (orthogonal ones are many times slower), and newrank so that the
# rank=same bands work across subgraphs.
_GRAPH = {
    "rankdir": "TB",
    "newrank": "true",
    "nodesep": "0.25",
    "ranksep": "0.55",
    "pad": str(PAD),
    "bgcolor": "white",
    "fontname": FONT,
    "labelloc": "t",
}
# On a big page, bound the network simplex and the crossing minimisation: measured on
# 5,000 nodes, dot's time falls by a third; small pages keep dot's best layout.
_BIG_GRAPH = {"nslimit": "0.2", "nslimit1": "0.2", "mclimit": "0.1", "remincross": "false"}
_NODE = {"shape": "plain", "fontname": FONT, "fontsize": "11", "fontcolor": INK}
_EDGE = {"color": EDGE, "arrowsize": "0.6", "penwidth": "1.2"}


@dataclass(frozen=True, slots=True)
class Origin:
    """How a page was drawn, so that one too large for its paper can be cut (render/cut):
    the filter, the key of the misi or unit page it was cut from ("" for the whole tree,
    None for a page not cut), the nodes above its top (top first), and the nodes it is
    limited to (None: all the filter selects)."""

    chosen: Filter
    part_of: str | None = None
    trail: tuple[str, ...] = ()
    only: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """One diagram: ``key`` is the misi or unit kode it is split by (None for one page)."""

    key: str | None
    source: str
    nodes: int
    origin: Origin | None = None


# -- one page -----------------------------------------------------------------------------


def graph_of(title: str, size: int, **extra: str) -> graphviz.Digraph:
    attrs = {**_GRAPH, **(_BIG_GRAPH if size > BIG_PAGE else {}), **extra, "label": title}
    return graphviz.Digraph(name="pohon", graph_attr=attrs, node_attr=_NODE, edge_attr=_EDGE)


def _edges(steps: Iterable[Step], drawn: Container[str]) -> Iterator[tuple[str, str]]:
    """Parent → child for every drawn pair, once each, in file order: a node serving
    several parents gets an edge from each of them."""
    seen: set[tuple[str, str]] = set()
    for step in steps:
        parent, child = step.parent, step.node.code
        if parent is None or parent not in drawn or child not in drawn:
            continue
        if (parent, child) not in seen:
            seen.add((parent, child))
            yield parent, child


def draw(tree: Tree, chosen: Filter | None = None, *, year: int | None = None) -> Page:
    """One diagram of the nodes ``chosen`` selects (all of them by default)."""
    return draw_part(tree, Origin(chosen or Filter()), year, key=None)


def draw_part(tree: Tree, origin: Origin, year: int | None, key: str | None) -> Page:
    """A misi page holds exactly the nodes serving the misi, as the posters do; other
    filters also draw the ancestors of what they select, greyed, so the part reads in
    context. Without --misi the misi stand in a band of their own above the nodes."""
    chosen = origin.chosen
    selection = select(tree, chosen)
    drawn = selection.matched if chosen.misi is not None else selection.kept
    if origin.only is not None:
        drawn = drawn & origin.only
    year = tree.header.year if year is None else year
    heading = [
        *_heading(tree, chosen, origin.trail),
        small(escape(_("Targets for {year}", year=year)), 11),
    ]
    units = {u.code: u for u in tree.header.units}
    steps = list(tree.walk(selection.roots, keep=selection.kept))
    order = [s.node.code for s in steps if s.first and s.node.code in drawn]
    graph = graph_of(title_label(tree, _("POHON KINERJA"), heading), len(order))
    ids = {kode: f"n{i}" for i, kode in enumerate(order)}
    levels = tree.header.levels
    by_level: dict[int, list[str]] = {}
    for kode in order:
        by_level.setdefault(tree.level_index(tree.nodes[kode]), []).append(kode)
    above = _misi_band(graph, tree, ids) if chosen.misi is None else None
    for index in sorted(by_level):
        band_id = f"band{index}"
        with graph.subgraph(name=f"level_{index}") as band:
            band.attr(rank="same")
            band.node(band_id, label=band_label(levels[index], level_style(index)))
            for kode in by_level[index]:
                node = tree.nodes[kode]
                if selection.is_context(kode):
                    label = context_label(tree, node)
                else:
                    shown = selection.indicators(tree, node)
                    label = node_label(tree, node, shown, year, units)
                # the ids are ours and the label is an HTML-like string: nothing to quote,
                # and graphviz's quoting would cost a tenth of dot's own layout time
                band.body.append(f"\t{ids[kode]} [label={label}]\n")
            band.body.append(_in_order(band_id, [ids[k] for k in by_level[index]]))
        if above is not None:
            graph.edge(above, band_id, style="invis")
        above = band_id
    for parent, child in _edges(steps, ids):
        graph.body.append(f"\t{ids[parent]} -> {ids[child]} [headport=n tailport=s]\n")
    return Page(key, graph.source, len(order), origin)


def _in_order(band: str, ids: Sequence[str]) -> str:
    """Invisible edges from the band's legend through every box of the rank, in the order
    of the file: dot keeps a rank's flat edges pointing right, so the legend stands on the
    left and siblings stand as written (dot's crossing minimisation would reorder them)."""
    return f"\t{' -> '.join([band, *ids])} [style=invis]\n"


def _misi_band(graph: graphviz.Digraph, tree: Tree, ids: Mapping[str, str]) -> str | None:
    """The misi above the nodes, as the posters print them: one box per misi that a drawn
    node serves, and a line from it to the highest drawn nodes serving it (a node serving
    several misi gets a line from each). The band's legend id, None when no misi is served."""
    serves = tree.all_missions()
    lines: list[tuple[str, str]] = []
    for kode in ids:
        for misi in sorted(serves.get(kode, ())):
            if not any(misi in serves.get(p, ()) for p in tree.parents.get(kode, ()) if p in ids):
                lines.append((misi, kode))
    served = {misi for misi, _kode in lines}
    missions = [m for m in tree.mission_list() if m.code in served]
    if not missions:
        return None
    misi_ids = {m.code: f"m{i}" for i, m in enumerate(missions)}
    with graph.subgraph(name="misi") as band:
        band.attr(rank="same")
        band.node("bandmisi", label=band_label("misi", MISI_STYLE))
        for mission in missions:
            band.body.append(f"\t{misi_ids[mission.code]} [label={misi_label(mission)}]\n")
        band.body.append(_in_order("bandmisi", list(misi_ids.values())))
    rank = {m.code: i for i, m in enumerate(missions)}
    for misi, kode in sorted(lines, key=lambda line: rank[line[0]]):
        graph.body.append(f"\t{misi_ids[misi]} -> {ids[kode]} [headport=n tailport=s]\n")
    return "bandmisi"


def _heading(tree: Tree, chosen: Filter, trail: Sequence[str] = ()) -> list[str]:
    """Lines under the title that say which part of the tree the page shows (``trail``:
    the nodes above a page cut from a larger one, top first)."""
    vision = tree.header.vision
    # a perangkat daerah has no visi of its own: no empty "Visi:" line
    lines = []
    if vision and vision.strip():
        lines.append(small(_bold(_("Visi")) + ": " + wrapped(vision, 110), 11))
    missions = {m.code: m for m in tree.mission_list()}
    units = {u.code: u for u in tree.header.units}
    if chosen.misi is not None and chosen.misi in missions:
        misi = missions[chosen.misi]
        lines.append(
            _bold(_("Misi {kode}", kode=misi.code)) + ": " + wrapped(misi.description, 110)
        )
    if chosen.unit is not None and chosen.unit in units:
        lines.append(_bold(_("Unit kerja")) + ": " + escape(units[chosen.unit].name))
    if trail:
        lines.append(_bold(_("Part of")) + ": " + escape(" › ".join(trail)))
    if chosen.root is not None:
        lines.append(_bold(_("Under {kode}", kode=chosen.root)))
    if chosen.level is not None:
        lines.append(_bold(_("Level")) + ": " + escape(level_title(chosen.level)))
    return lines


def _bold(text: str) -> str:
    """A heading's word, bold: text (a kode in it too), escaped."""
    return f"<B>{escape(text)}</B>"


# -- several pages ------------------------------------------------------------------------


def _by_misi(tree: Tree, chosen: Filter) -> Iterator[tuple[str, Filter]]:
    for misi in tree.mission_list():
        if chosen.misi in (None, misi.code):
            yield misi.code, replace(chosen, misi=misi.code)


def _by_unit(tree: Tree, chosen: Filter) -> Iterator[tuple[str, Filter]]:
    for unit in tree.header.units:
        if chosen.unit in (None, unit.code):
            yield unit.code, replace(chosen, unit=unit.code)


def _by_paper(tree: Tree, chosen: Filter) -> Iterator[tuple[str, Filter]]:
    """The whole selection, cut later into as many pages as the paper needs (``cut``)."""
    yield WHOLE_TREE, chosen


# The key of the uncut page of --split paper: its file is pohon.svg, its cuts take their kodes.
WHOLE_TREE = "pohon"

SPLITS: dict[str, Callable[[Tree, Filter], Iterator[tuple[str, Filter]]]] = {
    "misi": _by_misi,
    "unit": _by_unit,
    "paper": _by_paper,
}


def split(
    tree: Tree, by: str, chosen: Filter | None = None, *, year: int | None = None
) -> tuple[list[Page], list[str]]:
    """One page per misi or unit (``by`` is a key of SPLITS), and the kodes that got no
    page because no node of the selection serves them."""
    chosen = chosen or Filter()
    select(tree, chosen)  # an unknown filter value is an error even when split
    pages: list[Page] = []
    empty: list[str] = []
    for key, part in SPLITS[by](tree, chosen):
        selection = select(tree, part)
        if not selection.matched:
            empty.append(key)
            continue
        pages.append(draw_part(tree, Origin(part), year, key=key))
    return pages, empty


def advice(tree: Tree, page: Page, split_by: str | None) -> str | None:
    """What to do when a page is too big to read or lay out quickly: which split to use."""
    if page.nodes <= BIG_PAGE:
        return None
    roots = ", ".join(tree.roots[:3]) + (", ..." if len(tree.roots) > 3 else "")
    values = {"count": f"{page.nodes:,}", "most": BIG_PAGE}
    if page.key is None:
        why = _(
            "this page has {count} nodes: above {most} a single page is hard to read and slow "
            "to lay out",
            **values,
        )
    else:
        why = _(
            "the page for {key} has {count} nodes: above {most} a single page is hard to read "
            "and slow to lay out",
            key=page.key,
            **values,
        )
    if split_by is None and len(tree.mission_list()) > 1:
        how = _(
            "use --split misi (one page per misi), or --root KODE (e.g. one of {roots})",
            roots=roots,
        )
    else:
        how = _("use --root KODE (e.g. one of {roots}), --depth N or --split unit", roots=roots)
    return f"{why}; {how}"
