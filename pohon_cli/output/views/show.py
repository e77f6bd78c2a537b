"""``pohon show``: the tree read top-down as the planners read their posters, and the
same tree resolved for other programs.

A node that serves several parents is shown in full once, at its first place in the
view, and as a reference everywhere else (never as a silent copy). The text view hangs
the top nodes under the misi they (or the nodes below them) serve, below the visi, like
the posters; JSON keeps the file's order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, TextIO

from pohon_cli.capaian import capaian, rounded
from pohon_cli.filters import Filter, Selection, select
from pohon_cli.i18n import _
from pohon_cli.model import Indicator, Mission, Node, Tree, polarity_label
from pohon_cli.model.budget import budget_text
from pohon_cli.output import tables
from pohon_cli.output.report_budget import amounts_json
from pohon_cli.output.tables import value_json, value_text
from pohon_cli.output.terminal import (
    Glyphs,
    Item,
    Printer,
    Screen,
    Segment,
    detect,
    flat,
    level_colour,
)
from pohon_cli.output.writer import Writer


@dataclass(frozen=True, slots=True)
class ShowRequest:
    """What to show: the tree, the filter and what it selected, the year of the targets."""

    file: str
    tree: Tree
    filter: Filter
    selection: Selection
    year: int
    indicators: bool = True
    # the indicator manual (definisi, formula, sumber_data) under each indicator
    detail: bool = False


@dataclass(slots=True)
class Branch:
    """A node as it appears at one place in the view. ``first`` is False for a reference
    to a node shown in full elsewhere (``under`` says where); ``context`` marks a node kept
    only to lead to what the filter selected."""

    node: Node
    first: bool
    context: bool
    indicators: tuple[Indicator, ...] = ()
    children: list[Branch] = field(default_factory=list)
    under: str | None = None


@dataclass(slots=True)
class Group:
    """A misi and the top nodes that serve it (``mission`` None: nodes serving no misi)."""

    mission: Mission | None
    branches: list[Branch]


class _Grower:
    """Builds branches in display order, remembering where each node was first shown.

    A node kept only as context (an ancestor of what the filter selected) leads only to
    selected nodes that have no selected parent: a node reached through several parents
    reads in its truest context (for ``--misi M2``, a kegiatan under an M1 sasaran and an
    M2 sasaran appears under the M2 one). A context node under which nothing is shown for
    the first time is left out: a path that leads only to references would repeat what
    is already on the screen (for ``--misi M1``, the other sasaran that also use the
    program M1 shows in full)."""

    def __init__(self, request: ShowRequest) -> None:
        self.request = request
        self.seen: dict[str, str] = {}
        # context nodes left out once: they lead to nothing new later either
        self.empty: set[str] = set()

    def grow(self, kode: str, under: str, depth: int = 1) -> Branch | None:
        request = self.request
        tree, selection = request.tree, request.selection
        node = tree.nodes[kode]
        context = kode not in selection.matched
        if kode in self.empty:
            return None
        if kode in self.seen:
            if context:
                return None
            return Branch(node, first=False, context=False, under=self.seen[kode])
        self.seen[kode] = under
        shown: tuple[Indicator, ...] = ()
        if request.indicators and not context:
            shown = selection.indicators(tree, node)
        branch = Branch(node, first=True, context=context, indicators=shown)
        limit = request.filter.depth
        if limit is None or depth < limit:
            kept, matched = selection.kept, selection.matched
            for kid in tree.children.get(kode, ()):
                if kid not in kept:
                    continue
                if context and kid in matched and any(p in matched for p in tree.parents[kid]):
                    # the path through a selected parent shows it in a truer context
                    continue
                grown = self.grow(kid, kode, depth + 1)
                if grown is not None:
                    branch.children.append(grown)
        if context and not any(b.first for b in branch.children):
            del self.seen[kode]
            self.empty.add(kode)
            return None
        return branch

    def grow_all(self, kodes: Iterable[str], under: str) -> list[Branch]:
        grown = (self.grow(k, under) for k in kodes)
        return [b for b in grown if b is not None]


def _tops(request: ShowRequest) -> list[str]:
    kept = request.selection.kept
    return [k for k in request.selection.roots if k in kept]


def resolved(request: ShowRequest) -> list[Branch]:
    """The selected tree in file order, from the roots (or from ``--root``)."""
    return _Grower(request).grow_all(_tops(request), "")


def posters(request: ShowRequest) -> list[Group]:
    """The top nodes under each misi they serve (the first time in full), then the top
    nodes that serve none. With ``--misi``, every kept top node leads to that misi."""
    request_filter = request.filter
    missions = request.tree.mission_list()
    grower = _Grower(request)
    tops = _tops(request)
    groups: list[Group] = []
    if request_filter.misi is not None:
        mission = next(m for m in missions if m.code == request_filter.misi)
        return [Group(mission, grower.grow_all(tops, mission.code))]
    served = _served_below(request, tops)
    for mission in missions:
        serving = [k for k in tops if mission.code in served[k]]
        groups.append(Group(mission, grower.grow_all(serving, mission.code)))
    orphans = [k for k in tops if not served[k]]
    groups.append(Group(None, grower.grow_all(orphans, "visi")))
    return groups


def _served_below(request: ShowRequest, tops: Iterable[str]) -> dict[str, frozenset[str]]:
    """The misi each top node leads to: its own `misi`, or else the `misi` written on the
    first nodes below it that write one.

    An office may list `misi` on its sasaran rather than on its tujuan (any level can): a
    tujuan then hangs under the misi its sasaran serve, rather than every misi reading "no
    node serves this misi". Only `misi` written below count, not those a shared node
    inherits through its other parents; ``--depth`` only shortens the view, so nodes
    below it still count."""
    tree, chosen = request.tree, request.filter
    kept = request.selection.kept
    if chosen.depth is not None:
        kept = select(tree, replace(chosen, depth=None)).kept
    served: dict[str, frozenset[str]] = {}
    for top in tops:
        found: set[str] = set()
        stack, seen = [top], set()
        while stack:
            kode = stack.pop()
            if kode in seen or kode not in kept:
                continue
            seen.add(kode)
            own = tree.nodes[kode].missions
            if own:
                found.update(own)
            else:
                stack.extend(tree.children.get(kode, ()))
        served[top] = frozenset(found)
    return served


# -- text ------------------------------------------------------------------------------


def figures(indicator: Indicator, year: int) -> str:
    """The numbers of one indicator for one year: target with satuan, polaritas when it
    is not the default, realisasi and capaian when there is a realisasi."""
    target = indicator.targets.get(year)
    satuan = indicator.unit
    if target is None:
        text = _("no target for {year}", year=year)
    elif isinstance(target, str):
        shown = target + (f" ({satuan})" if satuan else "")
        text = _("target {year}: {value}", year=year, value=shown)
    else:
        shown = value_text(target) + (f" {satuan}" if satuan else "")
        text = _("target {year}: {value}", year=year, value=shown)
    planned = indicator.written_targets.get(year)
    if isinstance(planned, dict):
        text += f" ({tables.quarters_text(planned)})"
    polarity = indicator.polarity_for(target)
    if polarity != "naik":
        text += f", {polarity_label(polarity, indicator.polarity_written)}"
    actual = indicator.actuals.get(year)
    if actual is not None:
        text += "; " + _("realisasi {value}", value=value_text(actual))
        if target is not None:
            achieved = capaian(target, actual, polarity)
            if achieved is not None:
                text += "; " + _("capaian {value}%", value=rounded(achieved))
    money = budget_text(indicator, year)
    return text if money is None else f"{text}; {money}"


def node_parts(node: Node, levels: dict[str, int], owner: bool = True) -> list[Segment]:
    """``KODE [jenjang] uraian (UNIT)``; ``levels`` gives each level its colour."""
    parts: list[Segment] = [
        (node.code, "kode"),
        (" ", ""),
        (f"[{node.level}]", level_colour(levels[node.level])),
        (" ", ""),
        (flat(node.description), ""),
    ]
    if owner and node.owners:
        parts.append((f" ({owners_text(node.owners)})", "unit"))
    return parts


def owners_text(owners: tuple[str, ...]) -> str:
    """The units answering for something, lead first: ``A`` or ``A + B``."""
    return " + ".join(owners)


def result_line(node: Node) -> list[list[Segment]]:
    """The node's ``hasil`` on a line of its own under its uraian (a nomenclature name),
    marked, or nothing when it has none."""
    if node.result is None or not node.result.strip():
        return []
    return [[("hasil:", "label"), (" ", ""), (flat(node.result), "")]]


def manual_lines(indicator: Indicator) -> list[list[Segment]]:
    """The indicator manual (manual IKU) as labelled lines: definisi, formula, sumber
    data, each when written."""
    written = (
        ("definisi", indicator.definition),
        ("formula", indicator.formula),
        ("sumber data", indicator.data_source),
    )
    return [
        [(f"{label}:", "label"), (" ", ""), (flat(text), "")]
        for label, text in written
        if text is not None and text.strip()
    ]


def indicator_item(
    tree: Tree, node: Node, indicator: Indicator, year: int, g: Glyphs, *, detail: bool = False
) -> Item:
    """``• KODE uraian`` (with its unit when not the node's), its figures beneath, and
    with ``detail`` its manual."""
    parts: list[Segment] = [
        (g.bullet, "guide"),
        (indicator.code, "indicator"),
        (" ", ""),
        (flat(indicator.description), ""),
    ]
    owners = tree.owners_under(node, indicator)
    if owners != node.owners and owners:
        parts.append((f" ({owners_text(owners)})", "unit"))
    home = tree.carried_from(node, indicator)
    if home is not None:
        parts.append((" " + _("{arrow} carried from {kode}", arrow=g.up, kode=home), "ref"))
    more = [[(figures(indicator, year), "figures")]]
    if detail:
        more += manual_lines(indicator)
    return Item(parts, more)


class _TextView:
    def __init__(self, request: ShowRequest, glyphs: Glyphs) -> None:
        self.request = request
        self.tree = request.tree
        self.g = glyphs
        self.levels = {name: i for i, name in enumerate(request.tree.header.levels)}

    def node_parts(self, node: Node) -> list[Segment]:
        return node_parts(node, self.levels)

    def indicator(self, node: Node, indicator: Indicator) -> Item:
        request = self.request
        return indicator_item(
            self.tree, node, indicator, request.year, self.g, detail=request.detail
        )

    def branch(self, branch: Branch) -> Item:
        parts = self.node_parts(branch.node)
        if not branch.first:
            see = _("{arrow} see above, under {kode}", arrow=self.g.up, kode=branch.under)
            parts.append((" " + see, "ref"))
            return Item(parts, dim=True)
        children = [self.indicator(branch.node, i) for i in branch.indicators]
        children.extend(self.branch(b) for b in branch.children)
        more = result_line(branch.node)
        money = budget_text(branch.node, self.request.year)
        if money is not None:
            more.append([(money, "figures")])
        return Item(parts, more, children=children, dim=branch.context)

    def mission(self, group: Group, show_empty: bool) -> Item | None:
        assert group.mission is not None
        mission = group.mission
        item = Item(
            [
                (mission.code, "misi"),
                (" ", ""),
                ("[misi]", "misi"),
                (" ", ""),
                (flat(mission.description), ""),
            ],
            children=[self.branch(b) for b in group.branches],
        )
        if not group.branches:
            if not show_empty:
                return None
            item.children.append(Item([(_("no node serves this misi"), "note")]))
        return item

    def items(self) -> list[Item]:
        request = self.request
        if request.filter.root is not None:
            return [self.branch(b) for b in resolved(request)]
        chosen = request.filter
        # an unfiltered view lists every misi, so that a misi nobody serves shows
        everything = chosen.misi is None and chosen.unit is None and chosen.level is None
        vision = self.tree.header.vision
        visi = Item([("[visi]", "visi"), (" ", ""), (flat(vision or ""), "")])
        for group in posters(request):
            if group.mission is None:
                visi.children.extend(self.branch(b) for b in group.branches)
                continue
            asked = group.mission.code == request.filter.misi
            item = self.mission(group, show_empty=everything or asked)
            if item is not None:
                visi.children.append(item)
        if not request.selection.kept and not visi.children:
            visi.children.append(Item([(_("nothing matches these filters"), "note")]))
        # a perangkat daerah has no visi of its own: its misi (or nodes) are the tops
        return [visi] if vision and vision.strip() else visi.children


def write_text(request: ShowRequest, out: TextIO, screen: Screen | None = None) -> None:
    screen = screen or detect(out)
    Printer(out, screen).tree(_TextView(request, screen.glyphs).items())


# -- json ------------------------------------------------------------------------------


class _JsonView:
    def __init__(self, request: ShowRequest) -> None:
        self.tree = request.tree
        self.missions = request.tree.all_missions()
        self.order = {m.code: i for i, m in enumerate(request.tree.mission_list())}

    def indicator(self, node: Node, indicator: Indicator) -> dict[str, Any]:
        targets = indicator.targets
        actuals = indicator.actuals
        achieved: dict[str, Any] = {}
        if actuals:
            for year, target in targets.items():
                actual = actuals.get(year)
                if actual is None:
                    continue
                value = capaian(target, actual, indicator.polarity_for(target))
                if value is not None:
                    achieved[str(year)] = rounded(value)
        shown: dict[str, Any] = {
            "kode": indicator.code,
            "uraian": indicator.description,
            "satuan": indicator.unit,
            "polaritas": indicator.overall_polarity,
            "polaritas_tertulis": indicator.polarity_written,
            "baseline": value_json(indicator.baseline),
            "target": {str(y): value_json(v) for y, v in targets.items()},
            "target_induk": {str(y): value_json(v) for y, v in indicator.parent_targets.items()},
            "target_triwulan": tables.quarterly(indicator.written_targets),
            "target_induk_triwulan": tables.quarterly(indicator.written_parent_targets),
            "realisasi": {str(y): value_json(v) for y, v in actuals.items()},
            "capaian": achieved,
            "penanggung_jawab": self.tree.owner_under(node, indicator),
            "penanggung_jawab_lain": list(self.tree.owners_under(node, indicator)[1:]),
            "nasional": indicator.national,
            "definisi": indicator.definition,
            "formula": indicator.formula,
            "sumber_data": indicator.data_source,
            "catatan": indicator.note,
            "baris": self.tree.line_of(indicator.code),
            **amounts_json(indicator),
        }
        home = self.tree.carried_from(node, indicator)
        if home is not None:
            shown["dibawa_dari"] = home  # only on an indicator carried down from `home`
        return shown

    def branch(self, branch: Branch) -> dict[str, Any]:
        node = branch.node
        if not branch.first:
            return {"rujuk": node.code}
        return {
            "kode": node.code,
            "jenjang": node.level,
            "uraian": node.description,
            "hasil": node.result,
            "misi": sorted(self.missions[node.code], key=lambda m: self.order.get(m, -1)),
            "penanggung_jawab": node.owner,
            "penanggung_jawab_lain": list(node.owners[1:]),
            "jenis": node.kind,
            "nasional": node.national,
            "catatan": node.note,
            "konteks": branch.context,
            "baris": self.tree.line_of(node.code),
            "indikator": [self.indicator(node, i) for i in branch.indicators],
            "anak": [self.branch(b) for b in branch.children],
            **amounts_json(node),
        }


def write_json(request: ShowRequest, out: TextIO, screen: Screen | None = None) -> None:
    """The selected tree, resolved: misi inherited from parents are filled in, units of
    indicators resolved, and a node met again is ``{"rujuk": KODE}``."""
    header = request.tree.header
    chosen = request.filter
    view = _JsonView(request)
    data = {
        "file": request.file,
        "instansi": {"nama": header.institution.name, "singkatan": header.institution.short_name},
        "tahun": header.year,
        "visi": header.vision,
        "misi": [
            {"kode": m.code, "uraian": m.description}
            for m in request.tree.mission_list()
            if chosen.misi is None or m.code == chosen.misi
        ],
        # each office names its own levels: a reader needs their order, top first
        "jenjang": list(header.levels),
        "filter": {
            "misi": chosen.misi,
            "unit": chosen.unit,
            "root": chosen.root,
            "depth": chosen.depth,
            "level": chosen.level,
        },
        "pohon": [view.branch(b) for b in resolved(request)],
    }
    tables.write_json(data, out)


FORMATS: dict[str, Writer[ShowRequest]] = {
    "text": write_text,
    "json": write_json,
}
