"""Counts over a tree, or over the part a filter selects: how many nodes per level, how
indicators are spread over nodes, who answers for what, which misi are served.

Pure: the numbers only; ``pohon stats`` and the other views print them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pohon_cli.filters import Selection, counted_once
from pohon_cli.model import Indicator, Tree


@dataclass(frozen=True, slots=True)
class LevelCount:
    level: str
    nodes: int
    indicators: int
    without_indicators: int


@dataclass(frozen=True, slots=True)
class UnitCount:
    """A unit kerja and what it answers for: nodes it owns, indicators it answers for,
    as the lead or as a partner (a node of two units counts for each of them)."""

    kode: str
    nodes: int
    indicators: int


@dataclass(frozen=True, slots=True)
class MissionCount:
    """A misi and the nodes (and their indicators) that serve it."""

    kode: str
    nodes: int
    indicators: int


@dataclass(frozen=True, slots=True)
class Stats:
    year: int
    nodes: int
    indicators: int
    levels: tuple[LevelCount, ...]
    # (number of indicators, number of nodes with that many), fewest first
    indicators_per_node: tuple[tuple[int, int], ...]
    # nodes serving more than one parent, with their number of parents, in file order
    shared: tuple[tuple[str, int], ...]
    units: tuple[UnitCount, ...]
    nodes_without_unit: int
    indicators_without_unit: int
    missions: tuple[MissionCount, ...]
    nodes_without_mission: int
    # indicators with no target for ``year``; with a realisasi for ``year``
    without_target: int
    with_realisasi: int


def years(tree: Tree) -> tuple[int, ...]:
    """Every year that has a target or a realisasi somewhere in the file, in order."""
    found: set[int] = set()
    for _, indicator in tree.indicators():
        found.update(indicator.targets)
        found.update(indicator.actuals)
    return tuple(sorted(found))


def count(tree: Tree, selection: Selection | None = None, *, year: int | None = None) -> Stats:
    """Count the nodes ``selection`` matched (every node by default), in file order, and
    the indicators it shows on them. ``year`` defaults to the file's ``tahun``."""
    if selection is None:
        chosen = list(tree.nodes.values())
        listed = {n.code: tree.listed(n) for n in chosen}
    else:
        matched = selection.matched
        chosen = [n for k, n in tree.nodes.items() if k in matched]
        listed = {n.code: selection.indicators(tree, n) for n in chosen}
    the_year = tree.header.year if year is None else year
    # an indicator carried down counts once, where it is written (``report`` scores it so)
    shown: dict[str, list[Indicator]] = {n.code: [] for n in chosen}
    for node, indicator in counted_once(tree, ((n, i) for n in chosen for i in listed[n.code])):
        shown[node.code].append(indicator)
    indicators = [i for n in chosen for i in shown[n.code]]

    per_level: dict[str, list[int]] = {level: [0, 0, 0] for level in tree.header.levels}
    for node in chosen:
        row = per_level[node.level]
        row[0] += 1
        row[1] += len(shown[node.code])
        row[2] += not listed[node.code]
    levels = tuple(LevelCount(level, *row) for level, row in per_level.items())

    owners = Counter(unit for n in chosen for unit in n.owners or (None,))
    answering = Counter(
        unit for n in chosen for i in shown[n.code] for unit in tree.owners_under(n, i) or (None,)
    )
    units = tuple(UnitCount(u.code, owners[u.code], answering[u.code]) for u in tree.header.units)

    missions = tree.all_missions()
    serving: dict[str, list[int]] = {m.code: [0, 0] for m in tree.mission_list()}
    without_mission = 0
    for node in chosen:
        served = missions[node.code]
        without_mission += not served
        for kode in served:
            if kode in serving:
                serving[kode][0] += 1
                serving[kode][1] += len(shown[node.code])

    return Stats(
        year=the_year,
        nodes=len(chosen),
        indicators=len(indicators),
        levels=levels,
        indicators_per_node=tuple(sorted(Counter(len(listed[n.code]) for n in chosen).items())),
        shared=_shared(tree, (n.code for n in chosen)),
        units=units,
        nodes_without_unit=owners[None],
        indicators_without_unit=answering[None],
        missions=tuple(MissionCount(k, *v) for k, v in serving.items()),
        nodes_without_mission=without_mission,
        without_target=sum(the_year not in i.targets for i in indicators),
        with_realisasi=sum(the_year in i.actuals for i in indicators),
    )


def _shared(tree: Tree, kodes: Iterable[str]) -> tuple[tuple[str, int], ...]:
    return tuple((k, len(tree.parents[k])) for k in kodes if len(tree.parents.get(k, ())) > 1)
