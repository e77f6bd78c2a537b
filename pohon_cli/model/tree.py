"""A loaded tree: the nodes by kode and the edges between them, and the walks over them."""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pohon_cli.model.document import Header, Indicator, Mission, Node

if TYPE_CHECKING:
    from pohon_cli.source import Source


@dataclass(frozen=True, slots=True)
class Step:
    """One stop of ``Tree.walk``: a node, the parent it is reached from, its depth (roots
    are 1), and whether this is its first appearance (later ones are references)."""

    node: Node
    parent: str | None
    depth: int
    first: bool


@dataclass(frozen=True, slots=True)
class Carried:
    """``- rujuk: KODE`` in a node's ``indikator``: an ancestor's indicator carried down
    unchanged (direct cascading). ``at`` is its place among the node's items as written,
    so that the list reads and writes back in the file's order."""

    code: str
    at: int


@dataclass(frozen=True, slots=True)
class Tree:
    """A loaded tree: nodes by kode, and the edges between them.

    A node may serve several parents: ``parents[kode]`` lists all of them, the one it is
    written under first. ``children[kode]`` keeps the order of the file.
    """

    header: Header
    nodes: Mapping[str, Node]
    roots: tuple[str, ...]
    children: Mapping[str, tuple[str, ...]]
    parents: Mapping[str, tuple[str, ...]]
    # indicator kode -> kode of the node it belongs to
    indicator_node: Mapping[str, str]
    # node kode -> the indicators it carries down from an ancestor (nodes carrying none
    # are absent); ``indicator_node`` stays the node each indicator is written on
    carried: Mapping[str, tuple[Carried, ...]] = field(default_factory=dict)
    source: Source | None = field(default=None, compare=False, repr=False)

    def indicators(self) -> Iterator[tuple[Node, Indicator]]:
        """Every indicator with its node, in file order."""
        for node in self.nodes.values():
            for indicator in node.indicators:
                yield node, indicator

    def listed(self, node: Node) -> tuple[Indicator, ...]:
        """The indicators listed under ``node`` in the file's order: its own and those it
        carries from an ancestor (``carried_from`` tells them apart)."""
        carried = self.carried.get(node.code)
        if not carried:
            return node.indicators
        items = list(node.indicators)
        for entry in carried:
            items.insert(entry.at, self.indicator(entry.code))
        return tuple(items)

    def carried_from(self, node: Node, indicator: Indicator) -> str | None:
        """The node ``indicator`` is written on, when ``node`` only carries it down."""
        home = self.indicator_node[indicator.code]
        return None if home == node.code else home

    def indicator(self, kode: str) -> Indicator:
        """The indicator written with ``kode``."""
        node = self.nodes[self.indicator_node[kode]]
        return next(i for i in node.indicators if i.code == kode)

    def owner_under(self, node: Node, indicator: Indicator) -> str | None:
        """The unit answering for ``indicator`` as listed under ``node``: its own, or the
        node's (a carried indicator is answered for by the unit of the node carrying it)."""
        owners = self.owners_under(node, indicator)
        return owners[0] if owners else None

    def owners_under(self, node: Node, indicator: Indicator) -> tuple[str, ...]:
        """Every unit answering for ``indicator`` as listed under ``node``, lead first: its
        own ``penanggung_jawab``, or else the node's (under a node carrying it down, the
        carrying node's)."""
        return indicator.owners or node.owners

    def level_index(self, node: Node) -> int:
        return self.header.levels.index(node.level)

    def mission_list(self) -> tuple[Mission, ...]:
        """The misi the views speak of, in file order: those the file declares (its own,
        or the induk's when it has none), then any other misi of the induk a node names."""
        declared = self.header.declared_missions()
        if self.header.parent_organisation is None or declared is not self.header.missions:
            return declared
        named = {misi for node in self.nodes.values() for misi in node.missions}
        own = {m.code for m in declared}
        extra = tuple(
            m
            for m in self.header.parent_organisation.missions
            if m.code in named and m.code not in own
        )
        return declared + extra

    def missions_of(self, kode: str) -> frozenset[str]:
        """The misi a node serves: its own ``misi``, or else those of all its parents."""
        memo: dict[str, frozenset[str]] = {}
        return self._missions(kode, memo)

    def all_missions(self) -> dict[str, frozenset[str]]:
        """``missions_of`` for every node, computed once."""
        memo: dict[str, frozenset[str]] = {}
        for kode in self.nodes:
            self._missions(kode, memo)
        return memo

    def _missions(self, kode: str, memo: dict[str, frozenset[str]]) -> frozenset[str]:
        # iterative: a tree may be deep, and parents are visited before their children
        stack = [kode]
        while stack:
            top = stack[-1]
            if top in memo:
                stack.pop()
                continue
            own = self.nodes[top].missions
            if own:
                memo[top] = frozenset(own)
                stack.pop()
                continue
            pending = [p for p in self.parents.get(top, ()) if p not in memo]
            if pending:
                stack.extend(pending)
                continue
            merged: frozenset[str] = frozenset()
            for parent in self.parents.get(top, ()):
                merged |= memo[parent]
            memo[top] = merged
            stack.pop()
        return memo[kode]

    def walk(
        self, roots: Iterable[str] | None = None, *, keep: Container[str] | None = None
    ) -> Iterator[Step]:
        """Depth-first, in file order. A node met again (it serves several parents) is
        yielded with ``first=False`` and not descended into again; nodes not in ``keep``
        are skipped with their subtrees. Iterative: a deep tree cannot overflow the stack."""
        starts = self.roots if roots is None else tuple(roots)
        seen: set[str] = set()
        stack: list[tuple[str, str | None, int]] = [(k, None, 1) for k in reversed(starts)]
        while stack:
            kode, parent, depth = stack.pop()
            if keep is not None and kode not in keep:
                continue
            first = kode not in seen
            seen.add(kode)
            yield Step(self.nodes[kode], parent, depth, first)
            if first:
                for kid in reversed(self.children.get(kode, ())):
                    stack.append((kid, kode, depth + 1))

    def owner_of(self, indicator: Indicator) -> str | None:
        """The lead unit answering for an indicator: its own, or its node's."""
        owners = self.owners_of(indicator)
        return owners[0] if owners else None

    def owners_of(self, indicator: Indicator) -> tuple[str, ...]:
        """Every unit answering for an indicator, lead first: its own ``penanggung_jawab``,
        or else its node's (a list written on the indicator replaces the node's): as
        ``owners_under`` the node it is written on."""
        return self.owners_under(self.nodes[self.indicator_node[indicator.code]], indicator)

    def line_of(self, kode: str) -> int | None:
        """The line where the node or indicator ``kode`` is written, for a program to point
        at it (None for a tree that was not read from a file)."""
        return None if self.source is None else self.source.at(kode)[0]
