"""The filters shared by every command select exactly what they should, and the same
nodes and indicators in every command."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import CASES, DATA, run

from pohon_cli.filters import Filter, select
from pohon_cli.load import load_path
from pohon_cli.model import Tree
from pohon_cli.problem import InputError

SMALL = """
versi: 1
instansi: {nama: Kantor Contoh}
tahun: 2024
visi: Visi
misi:
  - {kode: M1, uraian: Misi satu}
  - {kode: M2, uraian: Misi dua}
unit_kerja:
  - {kode: A, nama: Pimpinan}
  - {kode: B, nama: Bagian B, atasan: A}
pohon:
  - kode: T1
    jenjang: tujuan
    uraian: Meningkatnya satu
    misi: [M1, M2]
    penanggung_jawab: A
    anak:
      - kode: S1
        jenjang: sasaran
        uraian: Meningkatnya dua
        misi: [M1]
        anak:
          - kode: K1
            jenjang: kegiatan
            uraian: Kegiatan satu
            penanggung_jawab: B
      - kode: S2
        jenjang: sasaran
        uraian: Meningkatnya tiga
        misi: [M2]
        anak:
          - rujuk: K1
          - kode: K2
            jenjang: kegiatan
            uraian: Kegiatan dua
            indikator:
              - {kode: I1, uraian: Jumlah, satuan: jumlah, penanggung_jawab: B}
"""


@pytest.fixture
def tree(write: Callable[[str], Path]) -> Tree:
    loaded = load_path(write(SMALL))
    assert loaded.tree is not None, loaded.problems
    return loaded.tree


def test_no_filter_keeps_everything(tree: Tree) -> None:
    chosen = select(tree, Filter())
    assert chosen.kept == set(tree.nodes) == chosen.matched


def test_misi_keeps_nodes_serving_it_and_inherited_children(tree: Tree) -> None:
    chosen = select(tree, Filter(misi="M2"))
    # K1 serves M1 through S1 and M2 through S2; K2 inherits M2 from S2
    assert chosen.matched == {"T1", "S2", "K1", "K2"}
    assert select(tree, Filter(misi="M1")).matched == {"T1", "S1", "K1"}


def test_unit_keeps_its_nodes_and_the_path_above_them(tree: Tree) -> None:
    chosen = select(tree, Filter(unit="B"))
    # K1 is B's; K2 is kept for its indicator I1, which B answers for
    assert chosen.matched == {"K1", "K2"}
    assert chosen.kept == {"K1", "K2", "S1", "S2", "T1"}
    assert chosen.is_context("T1") and not chosen.is_context("K2")


def test_root_depth_and_level(tree: Tree) -> None:
    assert select(tree, Filter(root="S2")).kept == {"S2", "K1", "K2"}
    assert select(tree, Filter(depth=2)).kept == {"T1", "S1", "S2"}
    assert select(tree, Filter(root="S2", depth=1)).kept == {"S2"}
    chosen = select(tree, Filter(level="kegiatan"))
    assert chosen.matched == {"K1", "K2"}
    assert chosen.kept == {"K1", "K2", "S1", "S2", "T1"}


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (Filter(misi="M3"), "no misi `M3` in this file"),
        (Filter(unit="b"), "did you mean `B`?"),
        (Filter(root="S3"), "no node `S3`"),
        (Filter(level="sasaran_strategs"), "did you mean `sasaran_strategis`"),
        (Filter(depth=0), "--depth must be 1 or more"),
    ],
)
def test_unknown_values_are_usage_errors(tree: Tree, chosen: Filter, expected: str) -> None:
    with pytest.raises(InputError, match=expected.replace("?", r"\?")):
        select(tree, chosen)


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (Filter(misi="M7"), "no misi `M7` in this file; the misi are M1, M2"),
        (Filter(unit="QQQ"), "no unit kerja `QQQ` in this file; the unit kerja are A, B"),
        (Filter(root="ZZZZ"), "no node `ZZZZ` in this file; the nodes are T1, S1, K1, S2, K2"),
        (
            Filter(level="outcome"),
            "no level `outcome` in this file; the levels are tujuan, sasaran_strategis, "
            "sasaran, program, kegiatan",
        ),
    ],
)
def test_a_value_close_to_nothing_is_told_what_the_file_has(
    tree: Tree, chosen: Filter, expected: str
) -> None:
    with pytest.raises(InputError) as raised:
        select(tree, chosen)
    assert str(raised.value) == expected


MANY_MISI = (
    """
versi: 1
instansi: {nama: Kantor Contoh}
tahun: 2024
visi: Visi
misi:
"""
    + "".join(f"  - {{kode: M{i}, uraian: Misi {i}}}\n" for i in range(1, 13))
    + """
pohon:
  - {kode: T1, jenjang: tujuan, uraian: Meningkatnya satu, misi: [M1]}
"""
)


def test_a_long_list_stops_at_ten_and_an_empty_one_says_so(
    write: Callable[[str], Path],
) -> None:
    loaded = load_path(write(MANY_MISI))
    assert loaded.tree is not None and loaded.problems == [], loaded.problems
    with pytest.raises(InputError) as raised:
        select(loaded.tree, Filter(misi="X"))
    assert str(raised.value) == (
        "no misi `X` in this file; the misi are M1, M2, M3, M4, M5, M6, M7, M8, M9, M10, …"
    )
    with pytest.raises(InputError) as raised:
        select(loaded.tree, Filter(unit="A"))
    assert str(raised.value) == "no unit kerja `A` in this file; the file has no unit kerja"


def test_walk_marks_second_appearances_as_references(tree: Tree) -> None:
    steps = [(s.node.code, s.parent, s.depth, s.first) for s in tree.walk()]
    assert steps == [
        ("T1", None, 1, True),
        ("S1", "T1", 2, True),
        ("K1", "S1", 3, True),
        ("S2", "T1", 2, True),
        ("K1", "S2", 3, False),
        ("K2", "S2", 3, True),
    ]


def test_seed_misi_posters_cover_the_seed() -> None:
    loaded = load_path(DATA)
    assert loaded.tree is not None
    seed = loaded.tree
    # the posters of the seed: misi 1, 2, 3, 4 and 5; misi 6 has none
    for misi in ("M1", "M2", "M3", "M4", "M5"):
        assert select(seed, Filter(misi=misi)).matched, misi
    assert not select(seed, Filter(misi="M6")).matched


# -- one meaning for every command --------------------------------------------------------
# For each filter, every command that takes it must hold the nodes and indicators that
# `show` holds: the same nodes matched (context aside), and on them the same indicators.

# several.yaml: nodes and indicators of several units (--unit selects each for any of
# them); dinas_kominfo indicators down (`- rujuk: KODE` in indikator): listed under both nodes
FILES = [
    DATA,
    *sorted((CASES / "offices").glob("*.yaml")),
    CASES / "carried" / "dinas_kominfo.yaml",
    CASES / "units" / "several.yaml",
]


def _reworded(text: str) -> str:
    """The file with every node's and indicator's uraian changed, so that a diff against
    it names each of them once."""
    head, tree = text.split("\npohon:", 1)
    tree = re.sub(r"uraian: ([|>][^\n]*\n\s*)", r"uraian: \1Diubah ", tree)
    tree = re.sub(r"uraian: ([\"'])", r"uraian: \1Diubah ", tree)
    tree = re.sub(r"uraian: (?![\"'|>])", "uraian: Diubah ", tree)
    return head + "\npohon:" + tree


def _filters(path: Path) -> list[list[str]]:
    loaded = load_path(path)
    assert loaded.tree is not None, loaded.problems
    tree = loaded.tree
    top = tree.header.levels[:2]
    return [
        *(["--unit", u.code] for u in tree.header.units),
        *(["--misi", m.code] for m in tree.header.missions),
        *(["--root", k] for k, n in tree.nodes.items() if n.level in top),
    ]


CASES_OF_FILTERS = [(path, f) for path in FILES for f in _filters(path)]


def _shown(path: Path, extra: list[str]) -> tuple[set[str], set[str]]:
    """What `show --format json` holds: the matched nodes and their indicators."""
    nodes: set[str] = set()
    indicators: set[str] = set()

    def walk(entry: dict[str, Any]) -> None:
        if "rujuk" in entry:
            return
        if not entry["konteks"]:
            nodes.add(entry["kode"])
            indicators.update(i["kode"] for i in entry["indikator"])
        for child in entry["anak"]:
            walk(child)

    for entry in json.loads(run("show", "-f", "json", path, *extra).stdout)["pohon"]:
        walk(entry)
    return nodes, indicators


def _drawn(path: Path, extra: list[str], known: set[str], empty: bool) -> tuple[set[str], set[str]]:
    """What `render --format dot` draws: the nodes not drawn as context, their indicators
    (a filter that selects nothing has nothing to draw, exit 1)."""
    nodes: set[str] = set()
    indicators: set[str] = set()
    dot = run("render", "-f", "dot", path, "-o", "-", *extra, expect=int(empty)).stdout
    for label in re.findall(r"^\t+n\d+ \[label=(.*)\]$", dot, flags=re.M):
        if "· context" in label:  # the English of the poster (--lang en, the tests' language)
            continue
        bold = [html.unescape(b) for b in re.findall(r"<B>([^<]*)</B>", label)]
        nodes.add(bold[0])
        indicators.update(b for b in bold[1:] if b in known)
    return nodes, indicators


@pytest.mark.parametrize(
    ("path", "extra"), CASES_OF_FILTERS, ids=[f"{p.stem}{''.join(f)}" for p, f in CASES_OF_FILTERS]
)
def test_every_command_selects_what_show_selects(
    path: Path, extra: list[str], tmp_path: Path
) -> None:
    nodes, indicators = _shown(path, extra)
    loaded = load_path(path)
    assert loaded.tree is not None
    every_indicator = {i.code for _, i in loaded.tree.indicators()}

    drawn = _drawn(path, extra, every_indicator, empty=not nodes)
    assert drawn == (nodes, indicators), "render"

    listed = json.loads(run("indicators", "-f", "json", path, *extra).stdout)
    assert {row["kode"] for row in listed} == indicators, "indicators"
    assert {row["simpul"] for row in listed} <= nodes, "indicators"

    reported = json.loads(run("report", "-f", "json", path, *extra).stdout)
    assert {row["kode"] for row in reported["indikator"]} == indicators, "report"

    counted = json.loads(run("stats", "-f", "json", path, *extra).stdout)
    assert (counted["nodes"], counted["indicators"]) == (len(nodes), len(indicators)), "stats"

    if extra[0] != "--unit":  # units --unit means that unit and those under it
        units = json.loads(run("units", "-f", "json", path, *extra).stdout)
        listed_nodes = {n["kode"] for a in units["unit_kerja"] for n in a["simpul"]}
        listed_nodes |= {n["kode"] for n in units["tanpa_unit"]}  # a node of no unit
        assert listed_nodes == nodes, "units"

    changed = tmp_path / "diubah.yaml"
    changed.write_text(_reworded(path.read_text(encoding="utf-8")), encoding="utf-8")
    changes = json.loads(run("diff", "-f", "json", path, changed, *extra).stdout)
    renamed = {(c["item"], c["kode"]) for c in changes if c["kind"] == "renamed"}
    assert {k for i, k in renamed if i == "node"} == nodes, "diff"
    assert {k for i, k in renamed if i == "indicator"} == indicators, "diff"
