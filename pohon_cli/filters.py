"""Choosing part of a tree: the filters ``--misi``, ``--unit``, ``--root``, ``--depth`` and
``--level`` that every command shares, so that they select exactly the same nodes and,
with ``--unit``, exactly the same indicators on them."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from itertools import islice

from pohon_cli.i18n import _
from pohon_cli.model import Indicator, Node, Tree
from pohon_cli.problem import InputError
from pohon_cli.suggest import did_you_mean

# How many of a file's kodes an unknown --misi, --unit, --root or --level lists.
LISTED = 10


@dataclass(frozen=True, slots=True)
class Filter:
    misi: str | None = None
    unit: str | None = None
    root: str | None = None
    depth: int | None = None
    level: str | None = None

    def is_empty(self) -> bool:
        return all(v is None for v in (self.misi, self.unit, self.root, self.depth, self.level))


@dataclass(frozen=True, slots=True)
class Selection:
    """The nodes to show: ``matched`` meet every criterion; the rest of ``kept`` are their
    ancestors, kept so that a part reads in context (up to ``--root`` when one is given)."""

    kept: frozenset[str]
    matched: frozenset[str]
    roots: tuple[str, ...]
    unit: str | None = None

    def is_context(self, kode: str) -> bool:
        return kode in self.kept and kode not in self.matched

    def indicators(self, tree: Tree, node: Node) -> tuple[Indicator, ...]:
        """The indicators of ``node`` that this selection shows. Every command asks here,
        so that an indicator of one unit never appears in another unit's view."""
        return indicators_of(tree, node, self.unit)


def indicators_of(tree: Tree, node: Node, unit: str | None = None) -> tuple[Indicator, ...]:
    """A node's indicators, those it carries down from above among them, or only those
    ``unit`` answers for (its own or through the node), as the lead or as a partner."""
    listed = tree.listed(node)
    if unit is None:
        return listed
    return tuple(i for i in listed if unit in tree.owners_under(node, i))


def counted_once(
    tree: Tree, shown: Iterable[tuple[Node, Indicator]]
) -> list[tuple[Node, Indicator]]:
    """The pairs of node and indicator that count: an indicator carried down counts once,
    under the node it is written on when that node is shown with it, else under the first
    node shown carrying it (what ``report`` scores and ``stats`` counts)."""
    pairs = list(shown)
    at_home = {i.code for n, i in pairs if tree.carried_from(n, i) is None}
    counted: list[tuple[Node, Indicator]] = []
    for node, indicator in pairs:
        if tree.carried_from(node, indicator) is not None:
            if indicator.code in at_home:
                continue
            at_home.add(indicator.code)
        counted.append((node, indicator))
    return counted


def select(tree: Tree, chosen: Filter) -> Selection:
    """Apply a filter; an unknown kode or level is an InputError (exit 2) with a suggestion."""
    check_known(tree, chosen)
    roots = (chosen.root,) if chosen.root is not None else tree.roots
    within = _descendants(tree, roots)
    matched = set(within)
    if chosen.misi is not None:
        missions = tree.all_missions()
        matched = {k for k in matched if chosen.misi in missions[k]}
    if chosen.unit is not None:
        unit = chosen.unit
        matched = {
            k
            for k in matched
            if unit in tree.nodes[k].owners or bool(indicators_of(tree, tree.nodes[k], unit))
        }
    if chosen.level is not None:
        matched = {k for k in matched if tree.nodes[k].level == chosen.level}
    kept = matched | _ancestors(tree, matched, within)
    if chosen.depth is not None:
        depths = _depths(tree, roots)
        kept = {k for k in kept if depths[k] <= chosen.depth}
        matched &= kept
    return Selection(frozenset(kept), frozenset(matched), tuple(roots), chosen.unit)


def check_known(tree: Tree, chosen: Filter) -> None:
    """An InputError for a kode or level the file lacks, with what is close or what exists."""
    header = tree.header
    # (what, the value asked for, the values the file has, in file order); the nodes are
    # the tree's own dict: select runs once per page of a split, and a copy of 100,000
    # kodes each time would be wasted whenever no --root is asked for
    checks: list[tuple[str, str | None, Collection[str]]] = [
        ("misi", chosen.misi, [m.code for m in tree.mission_list()]),
        ("unit", chosen.unit, [u.code for u in header.units]),
        ("node", chosen.root, tree.nodes.keys()),
        ("level", chosen.level, header.levels),
    ]
    for what, value, known in checks:
        if value is not None and value not in known:
            hint = did_you_mean(value, known) or _listing(what, known)
            raise InputError(_not_found(what, value, hint))
    if chosen.depth is not None and chosen.depth < 1:
        raise InputError(_("--depth must be 1 or more"))


def _not_found(what: str, value: str, hint: str) -> str:
    if what == "misi":
        return _("no misi `{value}` in this file; {hint}", value=value, hint=hint)
    if what == "unit":
        return _("no unit kerja `{value}` in this file; {hint}", value=value, hint=hint)
    if what == "node":
        return _("no node `{value}` in this file; {hint}", value=value, hint=hint)
    return _("no level `{value}` in this file; {hint}", value=value, hint=hint)


def _listing(what: str, known: Collection[str]) -> str:
    """What the file has, when nothing is close to what was asked: the first few, in file
    order, so that the user sees how its kodes are written."""
    if not known:
        return {
            "misi": lambda: _("the file has no misi"),
            "unit": lambda: _("the file has no unit kerja"),
            "node": lambda: _("the file has no nodes"),
            "level": lambda: _("the file has no levels"),
        }[what]()
    shown = ", ".join(islice(known, LISTED)) + (", …" if len(known) > LISTED else "")
    return {
        "misi": lambda: _("the misi are {kodes}", kodes=shown),
        "unit": lambda: _("the unit kerja are {kodes}", kodes=shown),
        "node": lambda: _("the nodes are {kodes}", kodes=shown),
        "level": lambda: _("the levels are {kodes}", kodes=shown),
    }[what]()


def _descendants(tree: Tree, roots: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        kode = stack.pop()
        if kode in seen:
            continue
        seen.add(kode)
        stack.extend(tree.children.get(kode, ()))
    return seen


def _ancestors(tree: Tree, kodes: Iterable[str], within: set[str]) -> set[str]:
    found: set[str] = set()
    stack = [p for k in kodes for p in tree.parents.get(k, ())]
    while stack:
        kode = stack.pop()
        if kode in found or kode not in within:
            continue
        found.add(kode)
        stack.extend(tree.parents.get(kode, ()))
    return found


def _depths(tree: Tree, roots: Iterable[str]) -> dict[str, int]:
    """The shortest depth of each node below ``roots`` (roots are 1)."""
    depths: dict[str, int] = {}
    frontier = list(roots)
    level = 1
    while frontier:
        following: list[str] = []
        for kode in frontier:
            if kode in depths:
                continue
            depths[kode] = level
            following.extend(tree.children.get(kode, ()))
        frontier = following
        level += 1
    return depths
