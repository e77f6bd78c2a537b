"""An indicator carried down (``- rujuk: KODE`` among a node's indikator): loaded as the
same indicator, checked against the node's ancestors, written back in place."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CASES

from pohon_cli.load import load_path, load_text
from pohon_cli.model import Carried
from pohon_cli.yaml_writer import to_yaml

KOMINFO = CASES / "carried" / "dinas_kominfo.yaml"

TREE = """\
versi: 1
instansi: {nama: Dinas Contoh}
tahun: 2026
visi: Maju
misi:
  - {kode: M1, uraian: Misi satu}
jenjang: [program, kegiatan, sub_kegiatan]
pohon:
  - kode: P1
    jenjang: program
    uraian: Meningkatnya layanan
    misi: [M1]
    indikator:
      - kode: IKP1
        uraian: Indeks layanan
        satuan: indeks
        target: {2026: 80}
    anak:
      - kode: K1
        jenjang: kegiatan
        uraian: Tersedianya data
        indikator:
          - kode: IKK1
            uraian: Persentase data tersedia
            satuan: persen
            target: {2026: 90}
        anak:
          - kode: SK1
            jenjang: sub_kegiatan
            uraian: Terkumpulnya data
            indikator:
              - CARRIED
      - kode: K2
        jenjang: kegiatan
        uraian: Terpublikasinya informasi
        indikator:
          - kode: IKK2
            uraian: Jumlah informasi
            satuan: berita
            target: {2026: 12}
"""


def carrying(item: str) -> str:
    """TREE with ``item`` (one or more lines) as SK1's indikator."""
    return TREE.replace("- CARRIED", item)


def at(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def test_a_carried_indicator_is_the_ancestors_indicator_written_once() -> None:
    loaded = load_path(KOMINFO)
    assert loaded.ok and loaded.problems == [], loaded.problems
    tree = loaded.tree
    assert tree is not None
    assert tree.carried == {"SK1": (Carried("IKK1", 0),), "SK2": (Carried("IKP1", 0),)}
    # still the node it is written on
    assert tree.indicator_node["IKK1"] == "K1"
    assert [i.code for i in tree.listed(tree.nodes["SK1"])] == ["IKK1", "IKS1"]
    assert tree.listed(tree.nodes["SK1"])[0] is tree.nodes["K1"].indicators[0]
    assert tree.carried_from(tree.nodes["SK1"], tree.indicator("IKK1")) == "K1"
    assert tree.carried_from(tree.nodes["K1"], tree.indicator("IKK1")) is None
    # the node's own indicators are only those written on it
    assert [i.code for i in tree.nodes["SK1"].indicators] == ["IKS1"]
    assert [i.code for _, i in tree.indicators()] == ["IKP1", "IKK1", "IKS1", "IKK2"]


def test_an_indicator_of_any_ancestor_through_any_parent_may_be_carried() -> None:
    text = carrying("- rujuk: IKP1\n              - rujuk: IKK1")
    loaded = load_text(text, "t.yaml")
    assert loaded.ok and loaded.problems == [], loaded.problems
    assert loaded.tree is not None
    assert [c.code for c in loaded.tree.carried["SK1"]] == ["IKP1", "IKK1"]
    # SK1 also serves K2 (a `rujuk` in anak): K2's indicator is above it too
    shared = text.rstrip("\n") + "\n        anak:\n          - rujuk: SK1\n"
    shared = shared.replace("- rujuk: IKP1", "- rujuk: IKK2")
    loaded = load_text(shared, "t.yaml")
    assert loaded.ok and loaded.problems == [], loaded.problems


@pytest.mark.parametrize(
    ("item", "place", "code", "message", "hint"),
    [
        (
            "- rujuk: IKK9",
            (32, 24),
            "PK021",
            "`rujuk: IKK9` names no indicator in this file",
            "did you mean `IKK2` or `IKK1`?",
        ),
        (
            "- rujuk: K2",
            (32, 24),
            "PK021",
            "`rujuk: K2` among the indicators of `SK1` names a node, not an indicator",
            "to put the node `K2` under `SK1`, write `- rujuk: K2` in its `anak`",
        ),
        (
            "- rujuk: IKK2",
            (32, 24),
            "PK021",
            "`IKK2` is an indicator of `K2`, which is not above `SK1`: only an indicator "
            "of a node above can be carried down",
            "write a new indicator with its own `kode` (with `target_induk` when it takes "
            "over a target from above), or carry it under a node below `K2`",
        ),
        (
            "- rujuk: IKK1\n              - rujuk: IKK1",
            (33, 24),
            "PK020",
            "`IKK1` is carried into `SK1` twice",
            "remove one of the two",
        ),
        (
            "- rujuk: IKK1\n                satuan: persen",
            (33, 17),
            "PK010",
            "a carried indicator takes only `rujuk`, not `satuan`",
            "it is the indicator as written above: change it there, or write a new "
            "indicator with its own `kode` (and `target_induk` for the target above)",
        ),
        (
            "- rujuk: IKK1\n                kode: IKS1",
            (33, 17),
            "PK010",
            "a carried indicator takes only `rujuk`, not `kode`",
            None,
        ),
        (
            "- rujuk: [IKK1]",
            (32, 24),
            "PK012",
            None,
            None,
        ),
    ],
    ids=["unknown", "a-node", "not-above", "twice", "other-key", "with-kode", "a-list"],
)
def test_a_wrong_carried_indicator_is_said_at_its_place(
    item: str, place: tuple[int, int], code: str, message: str | None, hint: str | None
) -> None:
    text = carrying(item)
    loaded = load_text(text, "t.yaml")
    assert len(loaded.problems) == 1, loaded.problems
    problem = loaded.problems[0]
    assert (problem.line, problem.column) == place
    assert problem.code == code
    assert problem.file == "t.yaml"
    if message is not None:
        assert problem.message == message
    if hint is not None:
        assert problem.hint == hint
    assert not loaded.ok


def test_an_indicator_of_the_node_itself_is_not_carried() -> None:
    text = carrying(
        "- kode: IKS1\n                uraian: Jumlah data\n                satuan: data\n"
        "                target: {2026: 4}\n              - rujuk: IKS1"
    )
    loaded = load_text(text, "t.yaml")
    assert [(p.line, p.column, p.code) for p in loaded.problems] == [
        (*at(text, "IKS1", 2), "PK021")
    ]
    assert loaded.problems[0].message == (
        "`IKS1` is an indicator of `SK1` itself: it is already listed there"
    )


def test_the_message_is_one_line_with_the_file_and_place(tmp_path: Path) -> None:
    path = tmp_path / "salah.yaml"
    path.write_text(carrying("- rujuk: IKK9"), encoding="utf-8")
    (problem,) = load_path(path).problems
    assert problem.text() == (
        f"{path}:32:24: error [PK021] `rujuk: IKK9` names no indicator in this file "
        "(did you mean `IKK2` or `IKK1`?)"
    )


def test_a_tree_with_carried_indicators_is_written_back_in_place() -> None:
    text = carrying(
        "- rujuk: IKP1\n"
        "              - kode: IKS1\n"
        "                uraian: Jumlah data\n"
        "                satuan: data\n"
        "                target: {2026: 4}\n"
        "              - rujuk: IKK1"
    )
    tree = load_text(text, "t.yaml").tree
    assert tree is not None
    written = to_yaml(tree)
    assert (
        "            indikator:\n"
        "              - rujuk: IKP1\n"
        "              - kode: IKS1\n" in written
    )
    assert "                  2026: 4\n              - rujuk: IKK1\n" in written
    again = load_text(written, "again.yaml")
    assert again.ok and again.problems == [], again.problems
    assert again.tree == tree
    assert to_yaml(again.tree) == written


def test_a_node_whose_only_indicators_are_carried_writes_them_back() -> None:
    loaded = load_path(KOMINFO)
    assert loaded.tree is not None
    written = to_yaml(loaded.tree)
    again = load_text(written, "again.yaml")
    assert again.tree == loaded.tree
    assert "            indikator:\n              - rujuk: IKP1\n" in written
