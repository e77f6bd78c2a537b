"""What changed in a pohon kinerja between two versions: its meaning, not its lines.

Nodes and indicators are matched on ``kode`` (one namespace for both), so a moved
indicator is one "moved", not a deletion and an unrelated insertion. Key order,
quoting, flow or block style, comments and sibling order are not changes; sibling
order is reported only when asked. One pass over each tree, with dict lookups: the
comparison costs less than loading the two files.

The package follows the comparison: ``change`` (the Change value), ``comparison`` (the
state one diff shares), ``header``, ``nodes``, ``indicators``, ``recode`` (one re-code
detector for both), ``order`` (``--order``), ``scope`` (what a filter keeps) and
``refusals`` (the changes whose new value the lint rules refuse).
"""

from __future__ import annotations

from typing import Any

from pohon_cli.diff.change import (
    ITEM_RANK,
    KIND_RANK,
    KINDS,
    TOP_LEVEL,
    Added,
    Change,
    Item,
    Kind,
    Refusal,
    Shown,
    count_by_kind,
    difference,
)
from pohon_cli.diff.comparison import Comparison
from pohon_cli.diff.header import FIELD_RANK, compare_header
from pohon_cli.diff.indicators import compare_indicators
from pohon_cli.diff.nodes import compare_carried, compare_nodes
from pohon_cli.diff.order import compare_order
from pohon_cli.diff.recode import RECODE_PAIR_LIMIT, RECODE_SIMILARITY
from pohon_cli.diff.refusals import refusals
from pohon_cli.diff.scope import Scope, scope, within
from pohon_cli.model import Tree

__all__ = [
    "KINDS",
    "RECODE_PAIR_LIMIT",
    "RECODE_SIMILARITY",
    "TOP_LEVEL",
    "Added",
    "Change",
    "Item",
    "Kind",
    "Refusal",
    "Scope",
    "Shown",
    "count_by_kind",
    "diff",
    "difference",
    "refusals",
    "scope",
    "within",
]


def diff(old: Tree, new: Tree, *, order: bool = False) -> list[Change]:
    """Every change from ``old`` to ``new``, sorted by where it happened.

    With ``order`` the relative order of siblings present on both sides is compared too.
    """
    comparison = Comparison(old, new)
    compare_header(comparison)
    compare_nodes(comparison)  # first: the indicators and the order follow re-coded nodes
    indicators_recoded = compare_indicators(comparison)
    compare_carried(comparison, indicators_recoded)
    if order:
        compare_order(comparison, indicators_recoded)
    return sorted(comparison.changes, key=_report_order)


def _report_order(change: Change) -> tuple[Any, ...]:
    """The file's own fields, misi and unit kerja first, in the header's order; then by
    place in the tree, each node before its indicators."""
    rank = KIND_RANK[change.kind]
    if change.top_level:
        return (
            0,
            ITEM_RANK[change.item],
            FIELD_RANK.get(change.field or "", len(FIELD_RANK)),
            change.kode or "",
            rank,
            change.field or "",
        )
    group = change.path if change.item == "node" else change.path[:-1]
    return (
        1,
        group,
        ITEM_RANK[change.item],
        change.kode or "",
        rank,
        change.field or "",
        change.year or 0,
    )
