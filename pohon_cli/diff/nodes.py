"""The nodes compared by kode: added, removed, re-coded, moved to other parents, and each
field of a node on both sides."""

from __future__ import annotations

from collections.abc import Mapping
from operator import attrgetter

from pohon_cli.diff.budget import BUDGET_KEYS, compare_budget
from pohon_cli.diff.comparison import Comparison, yaml_keys
from pohon_cli.diff.recode import Candidate, recodes
from pohon_cli.model import Node, Tree

_KEYS = yaml_keys(Node)
# Compared apart: the kode is what matches nodes; the indicators are compared on their own.
_APART = frozenset(("kode", "indikator"))
# Every other field at once: a fast way past the many nodes that did not change.
_node_fields = attrgetter(*(a for k, a in _KEYS.items() if k not in _APART))
# The budget is compared year by year, on its own.
_FIELDS_APART = _APART | frozenset(BUDGET_KEYS)


def compare_nodes(comparison: Comparison) -> None:
    """Every change to a node; settles ``comparison.recoded_to`` for the indicators and order."""
    old, new = comparison.old, comparison.new
    gone = [k for k in old.nodes if k not in new.nodes]
    come = {k for k in new.nodes if k not in old.nodes}
    comparison.recoded_to = recodes(
        (_candidate(old, kode) for kode in gone),
        (_candidate(new, kode) for kode in new.nodes if kode in come),
    )
    comparison.recoded_from = {b: a for a, b in comparison.recoded_to.items()}
    for kode, node in new.nodes.items():
        was = comparison.to_old(kode)
        if was is None:
            comparison.add("added", "node", now=kode, new=node.description)
            continue
        if was != kode:
            at = ("kode",)
            comparison.add(
                "recoded", "node", was=was, now=kode, field="kode", old=was, new=kode, at=at
            )
        _node(comparison, old.nodes[was], node)
    for kode in gone:
        if kode not in comparison.recoded_to:
            comparison.add("removed", "node", was=kode, old=old.nodes[kode].description)


def _candidate(tree: Tree, kode: str) -> Candidate:
    """A node on one side only: one level under the same parent is where its twin would be."""
    node = tree.nodes[kode]
    above = tree.parents.get(kode, ())
    return Candidate(kode, above[0] if above else None, node.level, node.description)


def _node(comparison: Comparison, before: Node, after: Node) -> None:
    was, kode = before.code, after.code
    old_parents = comparison.old.parents.get(was, ())
    new_parents = comparison.new.parents.get(kode, ())
    if {comparison.to_new(p) for p in old_parents} != set(new_parents):
        comparison.add(
            "moved", "node", was=was, now=kode, field="anak", old=old_parents, new=new_parents
        )
    if _node_fields(before) == _node_fields(after):  # most nodes stop here
        return
    comparison.fields("node", before, after, _KEYS, _FIELDS_APART)
    compare_budget(comparison, "node", before, after)


def compare_carried(comparison: Comparison, indicators_recoded: Mapping[str, str]) -> None:
    """An indicator carried down into a node (``- rujuk: KODE`` in its ``indikator``)
    added or removed is a change of that node; a re-coded indicator is the same one."""
    old, new = comparison.old, comparison.new
    for kode in new.nodes:
        was = comparison.to_old(kode)
        if was is None:
            continue
        before = [indicators_recoded.get(c.code, c.code) for c in old.carried.get(was, ())]
        after = [c.code for c in new.carried.get(kode, ())]
        if set(before) == set(after):
            continue
        comparison.add(
            "changed",
            "node",
            was=was,
            now=kode,
            field="indikator",
            old=tuple(f"rujuk: {k}" for k in before),
            new=tuple(f"rujuk: {k}" for k in after),
            at=("indikator",),
        )
