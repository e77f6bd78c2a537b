"""Counts over the seed tree (checked against tests/seed_counts.md) and a small fixture."""

from __future__ import annotations

import pytest
from conftest import CASES, DATA

from pohon_cli.filters import Filter, indicators_of, select
from pohon_cli.load import load_path
from pohon_cli.model import Tree
from pohon_cli.stats import LevelCount, MissionCount, UnitCount, count, years

SMALL = CASES / "show" / "small.yaml"


def _tree(path: object) -> Tree:
    loaded = load_path(str(path))
    assert loaded.tree is not None and loaded.ok, loaded.problems
    return loaded.tree


@pytest.fixture(scope="module")
def seed() -> Tree:
    return _tree(DATA)


@pytest.fixture(scope="module")
def small() -> Tree:
    return _tree(SMALL)


def test_seed_counts_match_the_transcription(seed: Tree) -> None:
    stats = count(seed)
    assert (stats.nodes, stats.indicators, stats.year) == (24, 45, 2024)
    assert stats.levels == (
        LevelCount("tujuan", 3, 0, 3),
        LevelCount("sasaran_strategis", 6, 9, 1),
        LevelCount("sasaran", 6, 8, 2),
        LevelCount("program", 2, 0, 2),
        LevelCount("kegiatan", 7, 28, 0),
    )
    # P-PEMILU: written under S-AMAN, referenced by four other sasaran
    assert stats.shared == (("P-PEMILU", 5),)
    assert [u.kode for u in stats.units] == [u.code for u in seed.header.units]
    assert sum(u.nodes for u in stats.units) == 24
    assert sum(u.indicators for u in stats.units) == 45
    assert stats.units[-1] == UnitCount("STAF", 0, 0)
    assert stats.nodes_without_unit == stats.indicators_without_unit == 0
    assert [m.kode for m in stats.missions if m.nodes == 0] == ["M6"]
    assert stats.nodes_without_mission == 0
    assert (stats.without_target, stats.with_realisasi) == (0, 0)
    assert sum(nodes for _, nodes in stats.indicators_per_node) == 24


def test_small_counts(small: Tree) -> None:
    stats = count(small)
    assert (stats.nodes, stats.indicators) == (6, 5)
    assert stats.indicators_per_node == ((0, 1), (1, 5))
    assert stats.shared == (("K1", 2),)
    assert stats.units == (UnitCount("A", 1, 1), UnitCount("B", 2, 3), UnitCount("C", 1, 0))
    assert (stats.nodes_without_unit, stats.indicators_without_unit) == (2, 1)
    # K1 serves M1 through S1 and M2 through S2
    assert stats.missions == (
        MissionCount("M1", 3, 3),
        MissionCount("M2", 4, 4),
        MissionCount("M3", 0, 0),
    )
    assert stats.nodes_without_mission == 1  # T2
    assert (stats.without_target, stats.with_realisasi) == (1, 4)


def test_another_year(small: Tree) -> None:
    stats = count(small, year=2023)
    assert (stats.year, stats.without_target, stats.with_realisasi) == (2023, 4, 0)


def test_counts_over_a_selection_and_a_unit(small: Tree) -> None:
    chosen = select(small, Filter(unit="B"))
    stats = count(small, chosen)
    # S1, K1 are B's; S2 is C's but B answers for its indicator I-S2
    assert stats.nodes == 3
    assert stats.indicators == 3
    assert stats.units == (UnitCount("A", 0, 0), UnitCount("B", 2, 3), UnitCount("C", 1, 0))


def test_indicators_of_a_unit(small: Tree) -> None:
    s2 = small.nodes["S2"]
    assert [i.code for i in indicators_of(small, s2)] == ["I-S2"]
    assert [i.code for i in indicators_of(small, s2, "B")] == ["I-S2"]
    assert indicators_of(small, s2, "C") == ()


def test_years(small: Tree, seed: Tree) -> None:
    assert years(small) == (2023, 2024)
    assert years(seed) == (2024,)
