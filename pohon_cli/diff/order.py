"""Sibling order compared, when asked (``--order``): misi, unit kerja, the roots, each
node's children and indicators. Only the relative order of the kodes on both sides
counts, so an added or removed sibling is not also an order change."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pohon_cli.diff.comparison import Comparison
from pohon_cli.diff.header import file_change


def compare_order(comparison: Comparison, indicators_recoded: Mapping[str, str]) -> None:
    """Every order change, once nodes and indicators are matched (re-coded ones included:
    ``comparison.recoded_to`` for nodes, ``indicators_recoded`` OLD kode -> NEW kode)."""
    old, new = comparison.old, comparison.new
    old_misi = [m.code for m in old.header.missions]
    _siblings(comparison, None, "misi", old_misi, [m.code for m in new.header.missions])
    # by kode once each, as the unit kerja themselves are compared
    old_units = list(dict.fromkeys(u.code for u in old.header.units))
    new_units = list(dict.fromkeys(u.code for u in new.header.units))
    _siblings(comparison, None, "unit_kerja", old_units, new_units)
    _siblings(comparison, None, "pohon", [comparison.to_new(k) for k in old.roots], new.roots)
    for kode, node in new.nodes.items():
        was = comparison.to_old(kode)
        if was is None:
            continue
        children = [comparison.to_new(k) for k in old.children.get(was, ())]
        _siblings(comparison, kode, "anak", children, new.children.get(kode, ()))
        indicators = [indicators_recoded.get(i.code, i.code) for i in old.nodes[was].indicators]
        _siblings(comparison, kode, "indikator", indicators, [i.code for i in node.indicators])


def _siblings(
    comparison: Comparison,
    parent: str | None,
    key: str,
    before: Sequence[str],
    after: Sequence[str],
) -> None:
    """The relative order of the siblings present on both sides, when it differs; under
    ``parent`` (a node of NEW), or at the top of the file when None."""
    on_both = set(before) & set(after)
    a = tuple(k for k in before if k in on_both)
    b = tuple(k for k in after if k in on_both)
    if a == b:
        return
    if parent is None:
        file_change(comparison, "order", "file", None, field=key, old=a, new=b, at=(key,))
    else:
        was = comparison.to_old(parent)
        comparison.add("order", "node", was=was, now=parent, field=key, old=a, new=b, at=(key,))
