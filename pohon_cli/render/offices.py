"""The office map of a workspace as DOT source: each office a box (a cluster titled with
its name), inside it the nodes that take part in a link between files, an edge from each
node to each node of the parent file it serves (``mendukung``) and a dashed one for each
crosscutting partner (``kolaborasi``, labelled with its ``peran``).

Pure, like the rest of ``render``. The graph runs bottom to top (``rankdir=BT``) so that
an edge is written as it is meant, from the child's node to the parent's node it
serves, and still the parents stand above; a ``kolaborasi`` edge does not rank. Ids are
``o<office>n<node>``, never a kode or a path.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pohon_cli.i18n import _, n_
from pohon_cli.load.workspace import Workspace
from pohon_cli.model import Node, Tree
from pohon_cli.offices import Branch, Cascade, common_folder, counts, shown_path
from pohon_cli.render.labels import (
    FONT,
    INK,
    escape,
    level_style,
    level_title,
    small,
    table,
    tag,
    wrap,
    wrapped,
)
from pohon_cli.render.page import Page, graph_of

# Characters of a node's uraian per line in the map, and of a peran on an edge.
_MAP_LINE = 30
_ROLE_LINE = 30
# labelloc "b" with rankdir=BT puts an office's name at the top of its box
_CLUSTER = {
    "style": "rounded",
    "color": "#4d4d4d",
    "penwidth": "1.4",
    "margin": "12",
    "labelloc": "b",
}
_PARTNER = "#8a3b12"
# an office's own tree between its drawn nodes: lighter than a link between files
_OWN_EDGE = 'color="#b0b0b0" arrowhead=none penwidth=0.8'


@dataclass(slots=True)
class _Map:
    """What the map draws: per office, the kodes of its nodes that take part in a link,
    in file order; the mendukung edges and the kolaborasi edges between them."""

    linked: dict[str, set[str]] = field(default_factory=dict)
    supports: list[tuple[str, str, str, str]] = field(default_factory=list)
    partners: list[tuple[str, str, str, str, str]] = field(default_factory=list)

    def mark(self, office: str, kode: str) -> None:
        self.linked.setdefault(office, set()).add(kode)


def _links(tree: Cascade) -> _Map:
    """Every link between two drawn offices whose ends both exist (a broken link is
    ``pohon validate``'s to report, not the map's to draw)."""
    workspace, found = tree.workspace, _Map()
    drawn = {b.office.key for b in tree.walk()}
    for branch in tree.walk():
        office, own = branch.office, branch.tree
        if own is None:
            continue
        parent = workspace.parent(office)
        above = None if parent is None or parent.key not in drawn else parent.tree
        for node in own.nodes.values():
            if above is not None and parent is not None:
                for kode in node.supports:
                    if kode in above.nodes:
                        found.supports.append((office.key, node.code, parent.key, kode))
                        found.mark(office.key, node.code)
                        found.mark(parent.key, kode)
            for partner in node.partners:
                other = workspace.find(office, partner.file)
                if other is None or other.key not in drawn or other.tree is None:
                    continue
                if partner.code in other.tree.nodes:
                    link = (office.key, node.code, other.key, partner.code, partner.role or "")
                    found.partners.append(link)
                    found.mark(office.key, node.code)
                    found.mark(other.key, partner.code)
    return found


def draw_offices(tree: Cascade) -> Page:
    """The office map of the offices of ``tree``, top-down by the cascade."""
    found = _links(tree)
    branches = list(tree.walk())
    folder = common_folder([b.office.path for b in branches])
    ids: dict[tuple[str, str], str] = {}
    anchors: dict[str, str] = {}
    size = sum(len(kodes) for kodes in found.linked.values())
    graph = graph_of(_title(len(branches), folder), size, rankdir="BT", compound="true")
    for i, branch in enumerate(branches):
        key = branch.office.key
        with graph.subgraph(name=f"cluster_o{i}") as box:
            box.attr(label=_office_label(branch, folder), **_CLUSTER)
            own = branch.tree
            kodes = found.linked.get(key, set())
            order = [] if own is None else [k for k in own.nodes if k in kodes]
            for j, kode in enumerate(order):
                assert own is not None
                ids[key, kode] = f"o{i}n{j}"
                box.body.append(f"\to{i}n{j} [label={_node_label(own, own.nodes[kode])}]\n")
            if not order:
                box.body.append(f"\to{i} [label={_nothing(branch)}]\n")
            anchors[key] = ids[key, order[0]] if order else f"o{i}"
    for branch in branches:
        if branch.tree is not None:
            _inside(graph.body, branch, found.linked.get(branch.office.key, set()), ids)
    for child, kode, parent, served in found.supports:
        graph.body.append(f"\t{ids[child, kode]} -> {ids[parent, served]}\n")
    _keep_order(graph.body, branches, anchors, found)
    for one, kode, other, theirs, role in found.partners:
        label = "" if not role.strip() else f" label=<{small(_clip(role), 8)}>"
        graph.body.append(
            f"\t{ids[one, kode]} -> {ids[other, theirs]} [style=dashed constraint=false "
            f'color="{_PARTNER}" fontcolor="{_PARTNER}" fontname="{FONT}"{label}]\n'
        )
    return Page(None, graph.source, size)


def _inside(
    body: list[str], branch: Branch, kodes: set[str], ids: dict[tuple[str, str], str]
) -> None:
    """A thin line from each drawn node up to its nearest drawn ancestors in its own
    tree: an office's box reads top-down like its tree (a sasaran under its tujuan)."""
    tree, key = branch.tree, branch.office.key
    assert tree is not None
    for kode in (k for k in tree.nodes if k in kodes):  # file order: the same DOT each run
        stack, seen = list(tree.parents.get(kode, ())), {kode}
        while stack:
            above = stack.pop()
            if above in seen:
                continue
            seen.add(above)
            if above in kodes:
                body.append(f"\t{ids[key, kode]} -> {ids[key, above]} [{_OWN_EDGE}]\n")
            else:
                stack.extend(tree.parents.get(above, ()))


def _keep_order(
    body: list[str], branches: list[Branch], anchors: dict[str, str], found: _Map
) -> None:
    """An invisible edge from each office to its parent when no node of it serves one of
    the parent's: the cascade still reads top-down."""
    joined = {(child, parent) for child, _k, parent, _s in found.supports}
    by_path = {b.office.path: b for b in branches}
    for branch in branches:
        parent = None if branch.parent is None else by_path.get(branch.parent)
        if parent is None:
            continue
        if (branch.office.key, parent.office.key) not in joined:
            body.append(
                f"\t{anchors[branch.office.key]} -> {anchors[parent.office.key]} [style=invis]\n"
            )


def _clip(text: str) -> str:
    """A peran on at most two short lines, escaped: an edge label must not outgrow the
    boxes (the whole peran is in the file and in ``show``)."""
    lines = wrap(" ".join(text.split()), _ROLE_LINE)
    if len(lines) > 2:
        lines = [lines[0], lines[1][: _ROLE_LINE - 1].rstrip() + "…"]
    return "<BR/>".join(escape(line) for line in lines)


def _title(offices: int, folder: str) -> str:
    title = escape(_("OFFICE CASCADING MAP"))
    count = escape(n_("{count} office", "{count} offices", offices))
    rows = [
        f'<TR><TD><FONT POINT-SIZE="20"><B>{title}</B></FONT></TD></TR>',
        f"<TR><TD>{small(count, 12)}</TD></TR>",
    ]
    if folder:
        rows.append(f"<TR><TD>{small(escape(folder + '/'), 11)}</TD></TR>")
    return '<<TABLE BORDER="0" CELLPADDING="2" CELLSPACING="0">' + "".join(rows) + "</TABLE>>"


def _office_label(branch: Branch, folder: str) -> str:
    """The office's name, its singkatan and file, and what the file holds."""
    where = shown_path(branch.office.path, folder)
    own = branch.tree
    lines: list[str] = []
    if own is not None:
        institution = own.header.institution
        lines.append(tag("B", wrapped(institution.name, 44)))
        if institution.short_name:
            lines.append(escape(institution.short_name))
    note = "" if branch.office.given else " · " + _("not given")
    lines.append(small(escape(where + note), 9))
    if own is not None:
        held = counts(own)
        held_text = _(
            "{nodes}, {indicators}",
            nodes=n_("{count} node", "{count} nodes", held.nodes),
            indicators=n_("{count} indicator", "{count} indicators", held.indicators),
        )
        lines.append(small(escape(held_text), 9))
    return f'<<FONT COLOR="{INK}">' + "<BR/>".join(lines) + "</FONT>>"


def _node_label(tree: Tree, node: Node) -> str:
    style = level_style(tree.level_index(node))
    rows = [
        f'<TR><TD ALIGN="LEFT"><B>{escape(node.code)}</B></TD>'
        f'<TD ALIGN="RIGHT">{small(escape(level_title(node.level)), 8)}</TD></TR>',
        f'<TR><TD COLSPAN="2">{small(wrapped(node.description, _MAP_LINE), 10)}</TD></TR>',
    ]
    return table(style, style.fill, rows)


def _nothing(branch: Branch) -> str:
    """The one box of an office none of whose nodes links to a drawn office."""
    said = _("file cannot be read") if branch.tree is None else _("no links")
    return f"<{small(tag('I', escape(said)), 10)}>"


def drawn_offices(workspace: Workspace) -> Page:
    """The office map of a workspace (the offices given and their parents)."""
    from pohon_cli.offices import cascade

    return draw_offices(cascade(workspace))
