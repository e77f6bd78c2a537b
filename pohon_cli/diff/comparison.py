"""One comparison under way: the two trees, the nodes re-coded between them, where each
node sits, and the changes to nodes and indicators found so far, with their lines.

The header, node and indicator comparisons each add to one ``Comparison``; fields are
compared by YAML key, so that a field added to the format is compared (as ``changed``)
without a change here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from pydantic import BaseModel

from pohon_cli.diff.change import Added, Change, Item, Kind, Shown, owners_shown, same, shown
from pohon_cli.model import Indicator, Node, Tree, polarity_label

# The YAML keys with a kind of their own; every other field that changes is "changed".
_OWN_KIND: dict[str, Kind] = {
    "uraian": "renamed",
    "jenjang": "jenjang",
    "penanggung_jawab": "penanggung_jawab",
    "satuan": "satuan",
    "polaritas": "polaritas",
    "baseline": "baseline",
}


def yaml_keys(model: type[BaseModel]) -> dict[str, str]:
    """YAML key -> attribute, for every field of a model."""
    return {info.alias or name: name for name, info in model.model_fields.items()}


class Comparison:
    """The state of one diff of ``old`` and ``new``; ``changes`` in the order found."""

    def __init__(self, old: Tree, new: Tree) -> None:
        self.old = old
        self.new = new
        self.changes: list[Change] = []
        # Nodes that look re-coded, OLD kode -> NEW kode and back; set by the node comparison.
        self.recoded_to: dict[str, str] = {}
        self.recoded_from: dict[str, str] = {}
        # Root-to-node chains of kodes, each node's computed once per side.
        self._old_paths: dict[str, tuple[str, ...]] = {}
        self._new_paths: dict[str, tuple[str, ...]] = {}

    def to_new(self, kode: str) -> str:
        """The NEW kode of a node of OLD (its own when it was not re-coded)."""
        return self.recoded_to.get(kode, kode)

    def to_old(self, kode: str) -> str | None:
        """The OLD kode of a node of NEW, or None when it is new."""
        if kode in self.old.nodes:
            return kode
        return self.recoded_from.get(kode)

    def path(self, tree: Tree, kode: str) -> tuple[str, ...]:
        """Root-to-node chain of kodes through each node's first parent (where it is written)."""
        memo = self._old_paths if tree is self.old else self._new_paths
        found = memo.get(kode)
        if found is not None:
            return found
        chain = [kode]
        above = tree.parents.get(kode, ())
        while above and above[0] not in memo and len(chain) <= len(tree.nodes):
            chain.append(above[0])
            above = tree.parents.get(above[0], ())
        base = memo[above[0]] if above and above[0] in memo else ()
        for step in reversed(chain):
            base = (*base, step)
            memo[step] = base
        return memo[kode]

    def node_path(self, kode: str) -> tuple[str, ...]:
        """Where a node is: in NEW when it is there, else in OLD."""
        if kode in self.new.nodes:
            return self.path(self.new, kode)
        return self.path(self.old, kode)

    def add(
        self,
        kind: Kind,
        item: Item,
        *,
        was: str | None = None,
        now: str | None = None,
        field: str | None = None,
        old: Shown = None,
        new: Shown = None,
        node: str | None = None,
        at: tuple[str | int, ...] = (),
        old_at: tuple[str | int, ...] | None = None,
        year: int | None = None,
        old_year: int | None = None,
        delta: Decimal | None = None,
        added: Added | None = None,
    ) -> None:
        """A change to a node, or (``node`` given) to an indicator of that node. ``was`` and
        ``now`` are its kode in OLD and NEW (None on the side it is missing from); ``at`` is
        the key of the field within it, for the line numbers."""
        kode = now if now is not None else was
        assert kode is not None
        if node is None:
            where, path = kode, self.node_path(kode)
        else:
            where, path = node, (*self.node_path(node), kode)
        self.changes.append(
            Change(
                kind,
                item,
                kode,
                field,
                old,
                new,
                path=path,
                node=where,
                old_line=None if was is None else _line(self.old, was, old_at or at),
                new_line=None if now is None else _line(self.new, now, at),
                year=year,
                old_year=old_year,
                delta=delta,
                added=added,
            )
        )

    def fields(
        self,
        item: Item,
        before: Node | Indicator,
        after: Node | Indicator,
        keys: Mapping[str, str],
        apart: frozenset[str],
        *,
        node: str | None = None,
    ) -> None:
        """Each field compared under its YAML key (those in ``apart`` are compared elsewhere)."""
        for key, attr in keys.items():
            a, b = getattr(before, attr), getattr(after, attr)
            if key == "polaritas" and isinstance(before, Indicator):
                assert isinstance(after, Indicator)
                a, b = _polarities(before, after)
            if key in apart or same(a, b):
                continue
            if key == "misi" and set(a) == set(b):
                continue  # the same misi in another order
            as_shown = owners_shown if key == "penanggung_jawab" else shown
            self.add(
                _OWN_KIND.get(key, "changed"),
                item,
                was=before.code,
                now=after.code,
                field=key,
                old=as_shown(a),
                new=as_shown(b),
                node=node,
                at=(key,),
            )


def _polarities(before: Indicator, after: Indicator) -> tuple[str | None, str | None]:
    """The polaritas of each side as compared: by meaning, so writing out the polaritas a
    file left to pohon (``naik`` for a single target) is no change; a side that leaves it
    unwritten shows what pohon assumes there."""
    if before.polarity_written == after.polarity_written:
        return before.polarity, after.polarity
    if before.overall_polarity == after.overall_polarity:
        return None, None
    return (
        polarity_label(before.overall_polarity, before.polarity_written),
        polarity_label(after.overall_polarity, after.polarity_written),
    )


def _line(tree: Tree, kode: str, at: Sequence[str | int]) -> int | None:
    """The line of a field of a node or indicator (of the item itself when ``at`` is empty)."""
    if tree.source is None:
        return None
    return tree.source.at(kode, *at)[0]
