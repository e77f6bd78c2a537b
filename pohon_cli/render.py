"""Drawing a pohon kinerja the way the published posters read: tree → DOT source text.

Pure: no files, no subprocess, no environment. ``dot`` runs at the edge (pohon_cli/dot.py).

Every text from the file goes into an HTML-like label through ``_text``, which escapes it
for both layers that would read it: the HTML parser (``& < > "``) and Graphviz's own
escape sequences (a ``\\N`` in an uraian must not become the node's name). Node ids are
``n0, n1, ...``, never a kode, so no kode can be read as DOT or HTML. The labels printed
in the picture are Indonesian, the language of the posters.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

import graphviz  # type: ignore[import-untyped]  # the package ships no type hints

from pohon_cli.filters import Filter, select
from pohon_cli.model import (
    Indicator,
    Node,
    Range,
    Step,
    Tree,
    Unit,
    Value,
    number_text,
    value_text,
)
from pohon_cli.stats import count

# Characters per line of wrapped text: a node's uraian, an indicator's uraian.
NODE_LINE = 34
INDICATOR_LINE = 44
# Above this many nodes a single page is hard to read and slow to lay out.
BIG_PAGE = 300

FONT = "Helvetica,Arial,sans-serif"
INK = "#222222"
CONTEXT_INK = "#6b6b6b"
EDGE = "#4d4d4d"

# Curved splines (orthogonal ones are many times slower), and newrank so that the
# rank=same bands work across subgraphs.
_GRAPH = {
    "rankdir": "TB",
    "newrank": "true",
    "nodesep": "0.25",
    "ranksep": "0.55",
    "pad": "0.3",
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
class LevelStyle:
    """How one level looks. Lightness falls one clear step per level, so the levels stay
    apart in grey print and for every kind of colour blindness; the border differs too.
    Fills are Okabe-Ito hues tinted to CIE L* 60, 68, 77, 86, 94, 97.5."""

    fill: str
    border: int
    line: str  # a Graphviz table STYLE: "" (square, solid), "rounded", "dashed", "dotted"


LEVEL_STYLES: tuple[LevelStyle, ...] = (
    LevelStyle("#4699C7", 3, ""),  # blue
    LevelStyle("#D592B7", 2, ""),  # reddish purple
    LevelStyle("#ECB63C", 2, "rounded"),  # orange
    LevelStyle("#B1E1D4", 1, "dashed"),  # bluish green
    LevelStyle("#F7F1A0", 1, "rounded"),  # yellow
    LevelStyle("#F2F9FD", 1, "dotted"),  # sky blue
)


def level_style(index: int) -> LevelStyle:
    return LEVEL_STYLES[index % len(LEVEL_STYLES)]


@dataclass(frozen=True, slots=True)
class Page:
    """One diagram: ``key`` is the misi or unit kode it is split by (None for one page)."""

    key: str | None
    source: str
    nodes: int


# -- text ---------------------------------------------------------------------------------


# The backslash (Graphviz's escape character: ``\\`` reads as one backslash) and what
# HTML-like labels and XML give a meaning to. A "]" is written as a reference too:
# Graphviz 2.43's label lexer fails on a text that is only "]". "&" goes first, as the
# others write "&"; no replacement writes a backslash or another escaped character.
_ESCAPES = (
    ("&", "&amp;"),
    ("\\", "\\\\"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("'", "&#39;"),
    ("]", "&#93;"),
)


def _text(value: str) -> str:
    """A value from the file as text inside an HTML-like label: backslashes doubled so
    Graphviz reads no escape sequence (``\\N``, ``\\G``, ``\\L``), then HTML-escaped.
    A chain of replace: each is a C scan, several times faster than str.translate."""
    for old, new in _ESCAPES:
        if old in value:
            value = value.replace(old, new)
    return value


def _wrap(value: str, width: int) -> list[str]:
    """Lines of about ``width`` characters, broken between words only (a long word is
    never cut), keeping the line breaks written in the file. Runs of spaces count as one,
    as in HTML. Greedy and simple: textwrap costs seconds on 100,000 nodes."""
    lines: list[str] = []
    for paragraph in value.splitlines() or [""]:
        rest = " ".join(paragraph.split())
        while len(rest) > width:
            # the longest run of whole words that fits, else the one long word alone
            cut = rest.rfind(" ", 0, width + 1)
            if cut < 0:
                cut = rest.find(" ")
                if cut < 0:
                    break
            lines.append(rest[:cut])
            rest = rest[cut + 1 :]
        lines.append(rest)
    return lines


def _lines(value: str, width: int) -> str:
    """The wrapped value escaped in one pass; a line break cannot be in a wrapped line."""
    return _text("\n".join(_wrap(value, width))).replace("\n", "<BR/>")


def _tag(name: str, inner: str, attributes: str = "") -> str:
    """``<B>``, ``<I>`` or ``<FONT>`` around ``inner``; Graphviz refuses an empty one as
    a syntax error, so an empty text (``uraian: ""``) gets no tag at all."""
    return f"<{name}{attributes}>{inner}</{name}>" if inner else ""


def _small(inner: str, size: int = 9) -> str:
    return _tag("FONT", inner, f' POINT-SIZE="{size}"')


def level_title(level: str) -> str:
    """``sasaran_strategis`` → ``SASARAN STRATEGIS``, as the posters' bands are named."""
    return level.replace("_", " ").upper()


def format_value(value: Value) -> str:
    """A target as written (1.10 stays 1.10), a range as low–high."""
    if isinstance(value, tuple):
        low, high = value
        return f"{number_text(low)}–{number_text(high)}"
    return value_text(value)


def _target(indicator: Indicator, year: int) -> str:
    """The target cell: value and satuan, and the polarity when it is not the default
    (a ``turun`` target of 1 reads "at most 1")."""
    value: Decimal | str | Range | None = indicator.targets.get(year)
    shown = "—" if value is None else format_value(value)
    if indicator.unit:
        shown += f" {indicator.unit}"
    cell = _small(_text(shown), 10)
    if indicator.polarity != "naik":
        cell += "<BR/>" + _small(_text(f"polaritas {indicator.polarity}"), 8)
    return cell


# -- node labels --------------------------------------------------------------------------


def _table(style: LevelStyle, fill: str, rows: Iterable[str], color: str = INK) -> str:
    line = f' STYLE="{style.line}"' if style.line else ""
    return (
        f'<<TABLE BORDER="{style.border}"{line} CELLBORDER="0" CELLSPACING="0" '
        f'CELLPADDING="3" BGCOLOR="{fill}" COLOR="{color}">' + "".join(rows) + "</TABLE>>"
    )


def _node_label(
    tree: Tree, node: Node, shown: Sequence[Indicator], year: int, units: dict[str, Unit]
) -> str:
    """A node's box with the indicators ``shown`` (with --unit, only that unit's)."""
    style = level_style(tree.level_index(node))
    tag = level_title(node.level) + (" · nasional" if node.national else "")
    rows = [
        f'<TR><TD ALIGN="LEFT"><B>{_text(node.code)}</B></TD>'
        f'<TD ALIGN="RIGHT">{_small(_text(tag), 8)}</TD></TR>',
        f'<TR><TD COLSPAN="2">{_lines(node.description, NODE_LINE)}</TD></TR>',
    ]
    if node.owner is not None:
        owner = units[node.owner].name if node.owner in units else node.owner
        rows.append(f'<TR><TD COLSPAN="2">{_small(_tag("I", _lines(owner, 44)))}</TD></TR>')
    if shown:
        rows.append("<HR/>")
        rows.append(
            f'<TR><TD ALIGN="LEFT" BGCOLOR="white">{_small("<B>INDIKATOR</B>", 8)}</TD>'
            f'<TD ALIGN="RIGHT" BGCOLOR="white">{_small(f"<B>TARGET {year}</B>", 8)}</TD></TR>'
        )
        for i, indicator in enumerate(shown):
            if i:
                rows.append("<HR/>")
            rows.append(_indicator_row(node, indicator, year, units))
    return _table(style, style.fill, rows)


def _indicator_row(node: Node, indicator: Indicator, year: int, units: dict[str, Unit]) -> str:
    head = f"<B>{_text(indicator.code)}</B>"
    if indicator.national:
        head += _small(" · nasional", 8)
    body = _lines(indicator.description, INDICATOR_LINE)
    if indicator.owner is not None and indicator.owner != node.owner:
        unit = units.get(indicator.owner)
        owner = unit.name if unit is not None else indicator.owner
        body += "<BR/>" + _small(_tag("I", _lines(owner, INDICATOR_LINE + 8)), 8)
    return (
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP" BGCOLOR="white">'
        f"{_small(head + '<BR/>' + body, 10)}</TD>"
        f'<TD ALIGN="RIGHT" VALIGN="TOP" BGCOLOR="white">{_target(indicator, year)}</TD></TR>'
    )


def _context_label(tree: Tree, node: Node) -> str:
    """A node drawn only so the selection reads in context: grey, without indicators."""
    style = LevelStyle("white", 1, "dashed")
    rows = [
        f'<TR><TD ALIGN="LEFT"><B>{_text(node.code)}</B></TD>'
        f'<TD ALIGN="RIGHT">{_small(_text(level_title(node.level) + " · konteks"), 8)}</TD></TR>',
        f'<TR><TD COLSPAN="2">{_lines(node.description, NODE_LINE)}</TD></TR>',
    ]
    return _table(style, "white", rows, CONTEXT_INK)


def _band_label(level: str, style: LevelStyle) -> str:
    """A band of the legend, on the left of each rank, as the posters name their rows."""
    return _table(
        style,
        style.fill,
        [f'<TR><TD CELLPADDING="6"><B>{_text(level_title(level))}</B></TD></TR>'],
    )


def _title(tree: Tree, main: str, lines: Sequence[str]) -> str:
    header = tree.header
    rows = [
        f'<TR><TD><FONT POINT-SIZE="20"><B>{_text(main)}</B></FONT></TD></TR>',
        f"<TR><TD>{_small(_text(header.institution.name), 14)}</TD></TR>",
    ]
    rows.extend(f'<TR><TD><FONT POINT-SIZE="12">{line}</FONT></TD></TR>' for line in lines)
    return '<<TABLE BORDER="0" CELLPADDING="2" CELLSPACING="0">' + "".join(rows) + "</TABLE>>"


# -- one page -----------------------------------------------------------------------------


def _graph(title: str, size: int, **extra: str) -> graphviz.Digraph:
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
    return _draw(tree, chosen or Filter(), year, key=None)


def _draw(tree: Tree, chosen: Filter, year: int | None, key: str | None) -> Page:
    """A misi page holds exactly the nodes serving the misi, as the posters do; other
    filters also draw the ancestors of what they select, greyed, so the part reads in
    context."""
    selection = select(tree, chosen)
    drawn = selection.matched if chosen.misi is not None else selection.kept
    year = tree.header.year if year is None else year
    heading = [*_heading(tree, chosen), _small(_text(f"Target tahun {year}"), 11)]
    units = {u.code: u for u in tree.header.units}
    steps = list(tree.walk(selection.roots, keep=selection.kept))
    order = [s.node.code for s in steps if s.first and s.node.code in drawn]
    graph = _graph(_title(tree, "POHON KINERJA", heading), len(order))
    ids = {kode: f"n{i}" for i, kode in enumerate(order)}
    levels = tree.header.levels
    by_level: dict[int, list[str]] = {}
    for kode in order:
        by_level.setdefault(tree.level_index(tree.nodes[kode]), []).append(kode)
    present = sorted(by_level)
    for rank, index in enumerate(present):
        with graph.subgraph(name=f"level_{index}") as band:
            band.attr(rank="same")
            band.node(f"band{index}", label=_band_label(levels[index], level_style(index)))
            for kode in by_level[index]:
                node = tree.nodes[kode]
                if selection.is_context(kode):
                    label = _context_label(tree, node)
                else:
                    shown = selection.indicators(tree, node)
                    label = _node_label(tree, node, shown, year, units)
                # the ids are ours and the label is an HTML-like string: nothing to quote,
                # and graphviz's quoting would cost a tenth of dot's own layout time
                band.body.append(f"\t{ids[kode]} [label={label}]\n")
        if rank:
            graph.edge(f"band{present[rank - 1]}", f"band{index}", style="invis")
    for parent, child in _edges(steps, ids):
        graph.body.append(f"\t{ids[parent]} -> {ids[child]} [headport=n tailport=s]\n")
    return Page(key, graph.source, len(order))


def _heading(tree: Tree, chosen: Filter) -> list[str]:
    """Lines under the title that say which part of the tree the page shows."""
    lines = [_small("<B>Visi</B>: " + _lines(tree.header.vision, 110), 11)]
    missions = {m.code: m for m in tree.header.missions}
    units = {u.code: u for u in tree.header.units}
    if chosen.misi is not None and chosen.misi in missions:
        misi = missions[chosen.misi]
        lines.append(f"<B>Misi {_text(misi.code)}</B>: " + _lines(misi.description, 110))
    if chosen.unit is not None and chosen.unit in units:
        lines.append("<B>Unit kerja</B>: " + _text(units[chosen.unit].name))
    if chosen.root is not None:
        lines.append(f"<B>Di bawah {_text(chosen.root)}</B>")
    if chosen.level is not None:
        lines.append(f"<B>Jenjang</B>: {_text(level_title(chosen.level))}")
    return lines


# -- several pages ------------------------------------------------------------------------


def _by_misi(tree: Tree, chosen: Filter) -> Iterator[tuple[str, Filter]]:
    for misi in tree.header.missions:
        if chosen.misi in (None, misi.code):
            yield misi.code, replace(chosen, misi=misi.code)


def _by_unit(tree: Tree, chosen: Filter) -> Iterator[tuple[str, Filter]]:
    for unit in tree.header.units:
        if chosen.unit in (None, unit.code):
            yield unit.code, replace(chosen, unit=unit.code)


SPLITS: dict[str, Callable[[Tree, Filter], Iterator[tuple[str, Filter]]]] = {
    "misi": _by_misi,
    "unit": _by_unit,
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
        pages.append(_draw(tree, part, year, key=key))
    return pages, empty


def advice(tree: Tree, page: Page, split_by: str | None) -> str | None:
    """What to do when a page is too big to read or lay out quickly: which split to use."""
    if page.nodes <= BIG_PAGE:
        return None
    where = f"the page for {page.key}" if page.key is not None else "this page"
    roots = ", ".join(tree.roots[:3]) + (", ..." if len(tree.roots) > 3 else "")
    if split_by is None and len(tree.header.missions) > 1:
        how = f"use --split misi (one page per misi), or --root KODE (e.g. one of {roots})"
    else:
        how = f"use --root KODE (e.g. one of {roots}), --depth N or --split unit"
    return (
        f"{where} has {page.nodes:,} nodes: above {BIG_PAGE} a single page is hard to read "
        f"and slow to lay out; {how}"
    )


# -- the units chart ----------------------------------------------------------------------


def draw_units(tree: Tree) -> Page:
    """The *Cascading Akuntabilitas Kinerja* chart: each unit kerja under its atasan, with
    its numbered duties and how many nodes and indicators it answers for."""
    units = tree.header.units
    ids = {u.code: f"u{i}" for i, u in enumerate(units)}
    answers = {c.kode: (c.nodes, c.indicators) for c in count(tree).units}
    depth = _unit_depths(units)
    title = _title(tree, "CASCADING AKUNTABILITAS KINERJA", [])
    # an organisation chart: square lines read best (but orthogonal routing is slow, so
    # only on a chart of ordinary size)
    square = {"splines": "ortho"} if len(units) <= BIG_PAGE else {}
    graph = _graph(title, len(units), nodesep="0.4", **square)
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
        f'<TR><TD COLSPAN="2">{_tag("B", _lines(unit.name.upper(), 36))}</TD></TR>',
        f'<TR><TD COLSPAN="2">{_small(_text(unit.code), 8)}</TD></TR>',
    ]
    if unit.duties:
        rows.append("<HR/>")
        for i, duty in enumerate(unit.duties, start=1):
            rows.append(
                f'<TR><TD ALIGN="RIGHT" VALIGN="TOP" BGCOLOR="white">{_small(f"{i}.", 10)}</TD>'
                f'<TD ALIGN="LEFT" BALIGN="LEFT" BGCOLOR="white">'
                f"{_small(_lines(duty, 44), 10)}</TD></TR>"
            )
    nodes, indicators = counts
    rows.append("<HR/>")
    rows.append(
        f'<TR><TD COLSPAN="2">'
        f"{_small(f'penanggung jawab: {nodes} simpul, {indicators} indikator', 8)}</TD></TR>"
    )
    return _table(style, style.fill, rows)
