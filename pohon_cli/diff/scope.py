"""What a filter (--misi, --unit, --root) keeps of a diff: the nodes it matches on
either side, and with --unit the indicators that unit answers for, as ``show`` keeps."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pohon_cli.diff.change import Change
from pohon_cli.filters import Filter, select
from pohon_cli.model import Tree
from pohon_cli.problem import InputError


@dataclass(frozen=True, slots=True)
class Scope:
    """What a filter keeps of a diff: the node kodes it matches on either side and, with
    ``--unit``, the indicator kodes that unit answers for on either side (None: every
    indicator of those nodes), so that a unit's diff holds what its ``show`` holds."""

    nodes: frozenset[str]
    indicators: frozenset[str] | None = None
    # indicators carried down into a kept node: kept with it, wherever they are written
    carried: frozenset[str] = frozenset()


def scope(old: Tree, new: Tree, chosen: Filter) -> Scope | None:
    """What a filter keeps, on either side; None when there is no filter.

    A misi, unit kerja or root known on one side only is fine: that side contributes
    nothing. Known on neither side, it is an InputError with a suggestion.
    """
    if chosen.is_empty():
        return None
    kept: set[str] = set()
    answered: set[str] = set()
    carried: set[str] = set()
    errors: list[InputError] = []
    for tree in (new, old):
        try:
            selection = select(tree, chosen)
        except InputError as error:
            errors.append(error)
            continue
        kept |= selection.matched
        carried.update(c.code for k in selection.matched for c in tree.carried.get(k, ()))
        if chosen.unit is not None:
            answered.update(
                i.code for n in tree.nodes.values() for i in selection.indicators(tree, n)
            )
    if len(errors) == 2:
        raise errors[0]
    answers = None if chosen.unit is None else frozenset(answered)
    return Scope(frozenset(kept), answers, frozenset(carried))


def within(changes: Iterable[Change], kept: Scope) -> list[Change]:
    """The changes to nodes and indicators ``kept`` (a node moved in or out counts)."""
    chosen: list[Change] = []
    nodes, indicators = kept.nodes, kept.indicators
    for change in changes:
        if change.node is None:
            continue
        if change.item == "indicator" and indicators is not None and change.kode not in indicators:
            continue
        carried = change.item == "indicator" and change.kode in kept.carried
        if (
            change.node in nodes
            or carried
            or (
                change.kind == "moved"
                and isinstance(change.old, tuple)
                and any(k in nodes for k in change.old if isinstance(k, str))
            )
        ):
            chosen.append(change)
    return chosen
