"""The transcribed seed tree has the structure of the published document (tests/seed_counts.md)."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import DATA

from pohon_cli.load import load_path
from pohon_cli.model import Tree


@pytest.fixture(scope="module")
def seed() -> Tree:
    loaded = load_path(DATA)
    assert loaded.ok and loaded.tree is not None, loaded.problems
    return loaded.tree


def test_counts_per_level(seed: Tree) -> None:
    levels = Counter(node.level for node in seed.nodes.values())
    assert levels == {
        "tujuan": 3,
        "sasaran_strategis": 6,
        "sasaran": 6,
        "program": 2,
        "kegiatan": 7,
    }


def test_misi_visi_and_units(seed: Tree) -> None:
    header = seed.header
    assert [m.code for m in header.missions] == ["M1", "M2", "M3", "M4", "M5", "M6"]
    assert header.parent_organisation is not None
    assert len(header.parent_organisation.missions) == 6
    assert header.vision is not None
    assert header.vision.startswith("Menjadi Penyelenggara Pemilu Serentak")
    # Ketua & Anggota > Sekretaris > four Kepala Sub Bagian > Staf Pelaksana
    units = {u.code: u for u in header.units}
    assert len(units) == 7
    top = [u for u in units.values() if u.parent is None]
    assert [u.name for u in top] == ["Ketua & Anggota KPU Kabupaten Bengkulu Tengah"]
    kasubbag = [u for u in units.values() if u.name.startswith("Kepala Sub Bagian")]
    assert len(kasubbag) == 4
    assert all(units[u.parent or ""].name.startswith("Sekretaris") for u in kasubbag)


def test_indicators_per_band(seed: Tree) -> None:
    by_level = Counter(seed.nodes[seed.indicator_node[i.code]].level for _, i in seed.indicators())
    assert by_level == {"sasaran_strategis": 9, "sasaran": 8, "kegiatan": 28}
    national = [i for _, i in seed.indicators() if i.national]
    assert len(national) == 9  # the IKU KPU of the sasaran strategis band


def test_shared_program_is_one_node_with_several_parents(seed: Tree) -> None:
    shared = {k: p for k, p in seed.parents.items() if len(p) > 1}
    assert list(shared) == ["P-PEMILU"]
    assert len(shared["P-PEMILU"]) == 5


def test_misi_posters(seed: Tree) -> None:
    served = Counter(m for missions in seed.all_missions().values() for m in missions)
    assert set(served) == {"M1", "M2", "M3", "M4", "M5"}  # misi 6 has no poster


def test_the_published_copy_paste_mistakes_are_kept(seed: Tree) -> None:
    texts = [i.description for _, i in seed.indicators()]
    assert any("KPU Kota Bengkulu" in t for t in texts)
    assert any("KPU Provinsi" in t for t in texts)
