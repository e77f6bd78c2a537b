"""pohon diff: each kind of change found in a pair of small trees, no noise from style,
and the command's formats and exit codes."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CASES, DATA, ROOT, run

from pohon_cli.diff import Change, Shown, diff, difference, scope, within
from pohon_cli.filters import Filter
from pohon_cli.load import load_path
from pohon_cli.model import Tree
from pohon_cli.output.diff import Comparison, as_dict, details, write_markdown, write_text
from pohon_cli.problem import InputError

BASE_PATH = CASES / "diff" / "base.yaml"
BASE = BASE_PATH.read_text(encoding="utf-8")
DATA_2025 = ROOT / "data" / "pohon_kinerja_2025.yaml"
# Two blocks of BASE that tests move or delete: the kegiatan K2 (with I3), the indicator I2.
K2 = BASE[BASE.index("          - kode: K2\n") : BASE.index("      - kode: S2\n")]
I2 = BASE[BASE.index("              - kode: I2\n") : BASE.index("          - kode: K2\n")]

Brief = tuple[str, str, str | None, str | None, Shown, Shown]


def edit(text: str, *replacements: tuple[str, str]) -> str:
    """The text with each (old, new) replaced; each old must occur exactly once."""
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def line(text: str, needle: str) -> int:
    """The 1-based line of the first line holding ``needle``."""
    for number, content in enumerate(text.splitlines(), start=1):
        if needle in content:
            return number
    raise AssertionError(f"{needle!r} not in the text")


def brief(changes: list[Change]) -> list[Brief]:
    return [(c.kind, c.item, c.kode, c.field, c.old, c.new) for c in changes]


def tree(path: Path) -> Tree:
    loaded = load_path(path)
    assert loaded.tree is not None, loaded.problems
    return loaded.tree


@pytest.fixture
def pair(write: Callable[[str, str], Path]) -> Callable[..., list[Change]]:
    """diff(BASE, BASE with the replacements), both loaded from real files."""

    def _pair(*replacements: tuple[str, str], order: bool = False) -> list[Change]:
        old = tree(write(BASE, "old.yaml"))
        new = tree(write(edit(BASE, *replacements), "new.yaml"))
        return diff(old, new, order=order)

    return _pair


# -- each kind of change -------------------------------------------------------------------


def test_the_same_tree_has_no_changes(pair: Callable[..., list[Change]]) -> None:
    assert pair() == []
    assert pair(order=True) == []


def test_added_node_and_indicator(pair: Callable[..., list[Change]]) -> None:
    changes = pair(
        (
            "          - rujuk: K1\n",
            "          - rujuk: K1\n"
            "          - kode: K3\n"
            "            jenjang: kegiatan\n"
            "            uraian: Fasilitasi pendidikan pemilih\n"
            "            indikator:\n"
            "              - {kode: I4, uraian: Jumlah peserta, satuan: jumlah}\n",
        )
    )
    assert brief(changes) == [
        ("added", "node", "K3", None, None, "Fasilitasi pendidikan pemilih"),
        ("added", "indicator", "I4", None, None, "Jumlah peserta"),
    ]
    node, indicator = changes
    assert node.path == ("T1", "S2", "K3")
    assert indicator.path == ("T1", "S2", "K3", "I4")
    assert indicator.node == "K3"
    assert (node.old_line, node.new_line) == (None, line(BASE, "rujuk: K1") + 1)


def test_removed_node_takes_its_indicators_with_it(pair: Callable[..., list[Change]]) -> None:
    changes = pair((K2, ""))
    assert brief(changes) == [
        ("removed", "node", "K2", None, "Pengelolaan data pemilih berkelanjutan", None),
        ("removed", "indicator", "I3", None, "Persentase data pemilih yang mutakhir", None),
    ]
    assert changes[0].path == ("T1", "S1", "K2")
    assert (changes[0].old_line, changes[0].new_line) == (line(BASE, "kode: K2"), None)


def test_renamed_node_and_indicator(pair: Callable[..., list[Change]]) -> None:
    changes = pair(
        ("uraian: Meningkatnya kepuasan pemilih", "uraian: Meningkatnya kepuasan masyarakat"),
        ("uraian: Jumlah kegiatan sosialisasi", "uraian: Jumlah kegiatan sosialisasi tatap muka"),
    )
    assert changes == [
        Change(
            "renamed",
            "node",
            "S1",
            "uraian",
            "Meningkatnya kepuasan pemilih",
            "Meningkatnya kepuasan masyarakat",
            path=("T1", "S1"),
            node="S1",
            old_line=line(BASE, "kepuasan pemilih"),
            new_line=line(BASE, "kepuasan pemilih"),
        ),
        Change(
            "renamed",
            "indicator",
            "I2",
            "uraian",
            "Jumlah kegiatan sosialisasi",
            "Jumlah kegiatan sosialisasi tatap muka",
            path=("T1", "S1", "K1", "I2"),
            node="K1",
            old_line=line(BASE, "Jumlah kegiatan"),
            new_line=line(BASE, "Jumlah kegiatan"),
        ),
    ]


def test_moved_node_and_indicator(pair: Callable[..., list[Change]]) -> None:
    changes = pair(
        ("            indikator:\n" + I2, ""),
        (K2, ""),
        ("          - rujuk: K1\n", "          - rujuk: K1\n" + K2 + I2),
    )
    assert brief(changes) == [
        ("moved", "node", "K2", "anak", ("S1",), ("S2",)),
        ("moved", "indicator", "I2", "indikator", ("K1",), ("K2",)),
    ]
    assert changes[1].path == ("T1", "S2", "K2", "I2")


def test_a_new_reference_is_a_new_parent(pair: Callable[..., list[Change]]) -> None:
    changes = pair(("          - rujuk: K1\n", "          - rujuk: K1\n          - rujuk: K2\n"))
    assert brief(changes) == [("moved", "node", "K2", "anak", ("S1",), ("S1", "S2"))]


def test_jenjang_owner_satuan_polaritas(pair: Callable[..., list[Change]]) -> None:
    changes = pair(
        (
            "            jenjang: kegiatan\n            uraian: Pengelolaan",
            "            jenjang: program\n            uraian: Pengelolaan",
        ),
        ("            penanggung_jawab: C\n", "            penanggung_jawab: B\n"),
        ("satuan: indeks\n", "satuan: nilai\n            polaritas: stabil\n"),
        ("satuan: jumlah\n", "satuan: jumlah\n                penanggung_jawab: C\n"),
    )
    assert brief(changes) == [
        ("satuan", "indicator", "I1", "satuan", "indeks", "nilai"),
        ("polaritas", "indicator", "I1", "polaritas", "naik (assumed)", "stabil"),
        ("penanggung_jawab", "indicator", "I2", "penanggung_jawab", None, "C"),
        ("jenjang", "node", "K2", "jenjang", "kegiatan", "program"),
        ("penanggung_jawab", "node", "K2", "penanggung_jawab", "C", "B"),
    ]


def test_a_list_of_units_is_compared_as_written(
    pair: Callable[..., list[Change]], write: Callable[[str, str], Path]
) -> None:
    """A unit added as a partner, or the lead changed, is a change; the same unit written
    as a kode or as a list of one is not."""
    changes = pair(
        ("            penanggung_jawab: C\n", "            penanggung_jawab: [C, B]\n"),
        ("[M1, M2]\n    penanggung_jawab: A\n", "[M1, M2]\n    penanggung_jawab: [A]\n"),
        ("satuan: jumlah\n", "satuan: jumlah\n                penanggung_jawab: [B, C]\n"),
    )
    assert brief(changes) == [
        ("penanggung_jawab", "indicator", "I2", "penanggung_jawab", None, ("B", "C")),
        ("penanggung_jawab", "node", "K2", "penanggung_jawab", "C", ("C", "B")),
    ]
    new = write(
        edit(BASE, ("            penanggung_jawab: C\n", "            penanggung_jawab: [B, C]\n")),
        "n.yaml",
    )
    old = write(
        edit(BASE, ("            penanggung_jawab: C\n", "            penanggung_jawab: [C, B]\n")),
        "o.yaml",
    )
    out = run("diff", old, new).stdout
    assert "penanggung_jawab: C, B → B, C" in out, out
    rows = json.loads(run("diff", "-f", "json", old, new).stdout)
    assert [(r["kode"], r["old"], r["new"]) for r in rows] == [("K2", ["C", "B"], ["B", "C"])]


def test_an_added_indicator_names_its_lead_and_its_partners(
    pair: Callable[..., list[Change]],
) -> None:
    changes = pair(
        (
            "          - rujuk: K1\n",
            "          - rujuk: K1\n"
            "          - kode: K3\n"
            "            jenjang: kegiatan\n"
            "            uraian: Fasilitasi pendidikan pemilih\n"
            "            penanggung_jawab: [C, A]\n"
            "            indikator:\n"
            "              - {kode: I4, uraian: Jumlah peserta, satuan: jumlah}\n",
        )
    )
    added = changes[1].added
    assert added is not None and (added.owner, added.partners) == ("C", ("A",))
    assert details(added) == "satuan jumlah · no target · penanggung jawab C + A"
    assert as_dict(changes[1])["added"]["penanggung_jawab_lain"] == ["A"]


def test_polaritas_written_as_the_default_is_no_change(pair: Callable[..., list[Change]]) -> None:
    assert pair(("satuan: indeks\n", "satuan: indeks\n            polaritas: naik\n")) == []


def test_targets_per_year_with_the_exact_difference(pair: Callable[..., list[Change]]) -> None:
    changes = pair(
        ("target: {2024: 10, 2025: 12}", "target: {2024: 10, 2025: 15, 2026: [15, 20]}"),
        ("target: {2024: 1.10}", "target: {2024: 1.25}"),
        ("target: {2024: 80}", "target: {2024: B}"),
    )
    assert [(c.kode, c.year, c.old, c.new, c.delta) for c in changes] == [
        ("I1", 2024, Decimal("80"), "B", None),
        ("I2", 2025, Decimal("12"), Decimal("15"), Decimal("3")),
        ("I2", 2026, None, (Decimal("15"), Decimal("20")), None),
        ("I3", 2024, Decimal("1.10"), Decimal("1.25"), Decimal("0.15")),
    ]
    assert {c.kind for c in changes} == {"target"}
    assert str(changes[3].delta) == "0.15"
    i2_2025 = changes[1]
    assert (i2_2025.old_line, i2_2025.new_line) == (line(BASE, "2025: 12"),) * 2


def test_the_same_number_written_otherwise_is_no_change_but_text_is(
    pair: Callable[..., list[Change]],
) -> None:
    assert pair(("target: {2024: 1.10}", "target: {2024: 1.1}")) == []
    # quoted, "80" is a text, which the linter and capaian treat differently
    assert brief(pair(("target: {2024: 80}", 'target: {2024: "80"}'))) == [
        ("target", "indicator", "I1", "target", Decimal("80"), "80")
    ]


def test_a_new_plan_year_compares_the_plan_years_targets(
    pair: Callable[..., list[Change]],
) -> None:
    changes = pair(
        ("tahun: 2024", "tahun: 2025"),
        ("target: {2024: 80}", "target: {2025: 85}"),
        ("target: {2024: 1.10}", "target: {2025: 1.10}"),
    )
    assert brief(changes) == [
        ("changed", "file", None, "tahun", 2024, 2025),
        ("target", "indicator", "I1", "target", Decimal("80"), Decimal("85")),
    ]
    target = changes[1]
    assert (target.old_year, target.year, target.delta) == (2024, 2025, Decimal("5"))


def test_baseline_and_realisasi(pair: Callable[..., list[Change]]) -> None:
    changes = pair(
        ("realisasi: {2024: 9}", "realisasi: {2024: 9.5, 2025: 11}\n                baseline: 8"),
    )
    assert [(c.kind, c.kode, c.year, c.old, c.new, c.delta) for c in changes] == [
        ("baseline", "I2", None, None, Decimal("8"), None),
        ("realisasi", "I2", 2024, Decimal("9"), Decimal("9.5"), Decimal("0.5")),
        ("realisasi", "I2", 2025, None, Decimal("11"), None),
    ]


def test_the_induks_target_is_a_target_change_of_its_own_field(
    pair: Callable[..., list[Change]],
) -> None:
    changes = pair(
        ("realisasi: {2024: 9}", "realisasi: {2024: 9}\n                target_induk: {2024: 12}"),
    )
    assert [(c.kind, c.field, c.kode, c.year, c.old, c.new) for c in changes] == [
        ("target", "target_induk", "I2", 2024, None, Decimal("12")),
    ]
    assert changes[0].new_line == line(BASE, "realisasi: {2024: 9}") + 1
    out = io.StringIO()
    write_text(Comparison("a", "b", changes), out)
    assert "target_induk 2024:" in out.getvalue()


def test_top_level_changes(pair: Callable[..., list[Change]]) -> None:
    changes = pair(
        (
            "tahun: 2024\nperiode: {awal: 2020, akhir: 2024}",
            "tahun: 2025\nperiode: {awal: 2025, akhir: 2029}",
        ),
        ("visi: Menjadi kantor yang melayani", "visi: Menjadi kantor yang melayani semua"),
        (
            "  - {kode: M2, uraian: Meningkatkan partisipasi}\n",
            "  - {kode: M3, uraian: Misi baru}\n",
        ),
        ("uraian: Meningkatkan pelayanan}", "uraian: Meningkatkan kualitas pelayanan}"),
        (
            "nama: Bagian Data, atasan: A}",
            "nama: Bagian Data dan Informasi, atasan: B}\n  - {kode: D, nama: Staf}",
        ),
        ("misi: [M1, M2]", "misi: [M1, M3]"),
    )
    assert brief(changes) == [
        ("changed", "file", None, "tahun", 2024, 2025),
        ("changed", "file", None, "periode", "2020-2024", "2025-2029"),
        (
            "changed",
            "file",
            None,
            "visi",
            "Menjadi kantor yang melayani",
            "Menjadi kantor yang melayani semua",
        ),
        (
            "renamed",
            "misi",
            "M1",
            "uraian",
            "Meningkatkan pelayanan",
            "Meningkatkan kualitas pelayanan",
        ),
        ("removed", "misi", "M2", None, "Meningkatkan partisipasi", None),
        ("added", "misi", "M3", None, None, "Misi baru"),
        ("renamed", "unit", "C", "nama", "Bagian Data", "Bagian Data dan Informasi"),
        ("moved", "unit", "C", "atasan", ("A",), ("B",)),
        ("added", "unit", "D", None, None, "Staf"),
        ("changed", "node", "T1", "misi", ("M1", "M2"), ("M1", "M3")),
    ]
    tahun = changes[0]
    assert (tahun.old_line, tahun.new_line, tahun.path, tahun.node) == (4, 4, (), None)
    assert (changes[5].old_line, changes[5].new_line) == (None, line(BASE, "kode: M2"))


def test_a_recoded_node_is_one_change_not_two(pair: Callable[..., list[Change]]) -> None:
    changes = pair(
        ("- kode: K2\n", "- kode: K-DATA\n"),
        (
            "uraian: Pengelolaan data pemilih berkelanjutan",
            "uraian: Pengelolaan Data Pemilih Berkelanjutan.",
        ),
    )
    # I3 stays under the same node, re-coded: not moved
    assert brief(changes) == [
        ("recoded", "node", "K-DATA", "kode", "K2", "K-DATA"),
        (
            "renamed",
            "node",
            "K-DATA",
            "uraian",
            "Pengelolaan data pemilih berkelanjutan",
            "Pengelolaan Data Pemilih Berkelanjutan.",
        ),
    ]
    assert changes[0].path == ("T1", "S1", "K-DATA")


def test_a_recoded_indicator(pair: Callable[..., list[Change]]) -> None:
    changes = pair(("- kode: I3\n", "- kode: IK-DATA\n"))
    assert brief(changes) == [("recoded", "indicator", "IK-DATA", "kode", "I3", "IK-DATA")]


def test_elsewhere_or_reworded_it_is_not_a_recode(pair: Callable[..., list[Change]]) -> None:
    reworded = pair(
        ("- kode: K2\n", "- kode: K9\n"),
        ("uraian: Pengelolaan data pemilih berkelanjutan", "uraian: Penyusunan laporan keuangan"),
    )
    # I3 keeps its kode: it moved from the removed K2 to the new K9
    assert brief(reworded) == [
        ("removed", "node", "K2", None, "Pengelolaan data pemilih berkelanjutan", None),
        ("added", "node", "K9", None, None, "Penyusunan laporan keuangan"),
        ("moved", "indicator", "I3", "indikator", ("K2",), ("K9",)),
    ]


def test_recoded_under_another_parent_is_added_and_removed(
    write: Callable[[str, str], Path],
) -> None:
    old = tree(write(BASE, "old.yaml"))
    moved = edit(
        BASE,
        ("          - rujuk: K1\n", "          - rujuk: K1\n          - rujuk: K9\n"),
        ("- kode: K2\n", "- kode: K9\n"),
    )
    # K9 is written under S1 but also serves S2: still the same place as K2 (first parent)
    assert [c.kind for c in diff(old, tree(write(moved, "new.yaml")))] == ["recoded", "moved"]
    elsewhere = edit(BASE, (K2, ""), ("      - rujuk: K1\n", "      - rujuk: K1\n" + K2))
    elsewhere = edit(elsewhere, ("- kode: K2\n", "- kode: K9\n"))
    kinds = [(c.kind, c.kode) for c in diff(old, tree(write(elsewhere, "new.yaml")))]
    assert kinds == [("removed", "K2"), ("added", "K9"), ("moved", "I3")]


def test_sibling_order_only_with_order(pair: Callable[..., list[Change]]) -> None:
    m1 = "  - {kode: M1, uraian: Meningkatkan pelayanan}\n"
    m2 = "  - {kode: M2, uraian: Meningkatkan partisipasi}\n"
    swapped = ((m1 + m2, m2 + m1),)
    assert pair(*swapped) == []
    assert brief(pair(*swapped, order=True)) == [
        ("order", "file", None, "misi", ("M1", "M2"), ("M2", "M1"))
    ]


def test_changes_are_sorted_top_level_first_then_by_path(
    pair: Callable[..., list[Change]],
) -> None:
    changes = pair(
        ("target: {2024: 1.10}", "target: {2024: 2}"),
        ("tahun: 2024", "tahun: 2023"),
        ("uraian: Indeks kepuasan pemilih", "uraian: Indeks kepuasan"),
        ("uraian: Meningkatnya kualitas penyelenggaraan Pemilu", "uraian: Meningkatnya kualitas"),
    )
    assert [(c.kode, c.node) for c in changes] == [
        (None, None),
        ("T1", "T1"),
        ("I1", "S1"),
        ("I3", "K2"),
    ]


# -- no noise ------------------------------------------------------------------------------

_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_PLAIN_MEANING = {"", "~", "null", "Null", "NULL", "true", "false"}


def _restyle(node: yaml.Node, *, flow: bool) -> None:
    """Sort keys, force every collection to flow or block style, and swap the quoting of
    text: single for double quotes, plain text quoted, double-quoted text left plain when
    it can be. Numbers, nulls and booleans keep their plain form (it is their meaning)."""
    if isinstance(node, yaml.MappingNode):
        node.value.sort(key=lambda kv: str(kv[0].value))
        node.flow_style = flow
        for key, item in node.value:
            _restyle(key, flow=flow)
            _restyle(item, flow=flow)
    elif isinstance(node, yaml.SequenceNode):
        node.flow_style = flow
        for item in node.value:
            _restyle(item, flow=flow)
    elif isinstance(node, yaml.ScalarNode):
        if node.style is None:
            if not _NUMBER.fullmatch(node.value) and node.value not in _PLAIN_MEANING:
                node.style = '"'
                node.tag = "tag:yaml.org,2002:str"
        else:
            node.style = "'" if node.style != "'" else '"'


def restyled(text: str, *, flow: bool) -> str:
    document = yaml.compose(text, Loader=yaml.SafeLoader)
    assert document is not None
    _restyle(document, flow=flow)
    return yaml.serialize(document, Dumper=yaml.SafeDumper, allow_unicode=True, width=70)


@pytest.mark.parametrize("flow", [False, True], ids=["all-block", "all-flow"])
@pytest.mark.parametrize("source", [DATA, DATA_2025], ids=["2024", "2025"])
def test_re_emitted_with_sorted_keys_and_other_style_has_no_changes(
    write: Callable[[str, str], Path], source: Path, flow: bool
) -> None:
    text = source.read_text(encoding="utf-8")
    again = restyled(text, flow=flow)
    assert not any(line.lstrip().startswith("#") for line in again.splitlines())
    assert again != text
    old, new = tree(source), tree(write(again, "again.yaml"))
    assert diff(old, new) == []
    assert diff(old, new, order=True) == []


def _reverse_siblings(node: yaml.Node) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, item in node.value:
            if key.value in ("pohon", "anak", "indikator", "misi", "unit_kerja") and isinstance(
                item, yaml.SequenceNode
            ):
                item.value.reverse()
            _reverse_siblings(item)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _reverse_siblings(item)


def test_sibling_order_is_not_a_change_unless_asked(write: Callable[[str, str], Path]) -> None:
    document = yaml.compose(DATA.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    assert document is not None
    _reverse_siblings(document)
    text = yaml.serialize(document, Dumper=yaml.SafeDumper, allow_unicode=True)
    old, new = tree(DATA), tree(write(text, "reversed.yaml"))
    assert diff(old, new) == []
    ordered = diff(old, new, order=True)
    assert {c.kind for c in ordered} == {"order"}
    assert {c.field for c in ordered} == {"pohon", "anak", "indikator", "misi", "unit_kerja"}
    roots = next(c for c in ordered if c.field == "pohon")
    assert roots.old == old.roots == ("T3", "T2", "T1")
    assert roots.new == ("T1", "T2", "T3")


# -- the shipped 2025 revision -------------------------------------------------------------


def test_the_2025_revision_validates() -> None:
    run("validate", DATA_2025)
    first = DATA_2025.read_text(encoding="utf-8").splitlines()[:3]
    assert "ILLUSTRATIVE REVISION: NOT A PUBLISHED DOCUMENT" in "\n".join(first)


def test_the_2025_revision_against_2024() -> None:
    changes = diff(tree(DATA), tree(DATA_2025))
    assert {(c.kind, c.kode) for c in changes} >= {
        ("changed", None),
        ("renamed", "SUBBAG-TEKNIS"),
        ("renamed", "S-KEBIJAKAN"),
        ("moved", "IK-SARPRAS-TI"),
        ("penanggung_jawab", "IK-PUBLIKASI"),
        ("recoded", "K-DIKLIH"),
        ("added", "IK-EVALUASI-PEMILU"),
        ("removed", "IK-DAPIL"),
        ("renamed", "IK-EVALUASI-AKIP"),
        ("target", "IKU-RB"),
        ("baseline", "IKK-KIP"),
    }
    raised = next(c for c in changes if c.kind == "target" and c.kode == "IK-EVALUASI-AKIP")
    assert (raised.old, raised.new, str(raised.delta)) == (Decimal("70"), Decimal("72.50"), "2.50")
    # the re-coded kegiatan keeps its indicator: IK-DIKLIH is not reported as moved
    assert not any(c.kind == "moved" and c.kode == "IK-DIKLIH" for c in changes)


# -- filters -------------------------------------------------------------------------------


def test_filters_apply_to_both_sides() -> None:
    old, new = tree(DATA), tree(DATA_2025)
    changes = diff(old, new)
    kept = scope(old, new, Filter(root="K-PERENCANAAN"))
    assert kept is not None
    assert {c.kode for c in within(changes, kept)} == {
        "IK-EVALUASI-AKIP",
        "IK-EVALUASI-RB",
        "IK-REVISI",
        "IK-SARPRAS-TI",
    }
    # known only in NEW, or only in OLD: fine
    recoded = scope(old, new, Filter(root="K-DIKLIH"))
    assert recoded is not None
    assert {c.kode for c in within(changes, recoded)} == {"K-DIKLIH", "IK-DIKLIH"}
    gone = scope(old, new, Filter(root="K-FASILITASI-PEMILIH"))
    assert gone is not None and gone.nodes == frozenset({"K-FASILITASI-PEMILIH"})
    # the moved indicator counts for the node it left too
    humas = scope(old, new, Filter(root="K-HUMAS"))
    assert humas is not None
    assert "IK-SARPRAS-TI" in {c.kode for c in within(changes, humas)}
    assert scope(old, new, Filter()) is None


def test_a_filter_known_on_neither_side_is_an_input_error() -> None:
    with pytest.raises(InputError, match="did you mean `K-HUMAS`"):
        scope(tree(DATA), tree(DATA_2025), Filter(root="K-HUMS"))


def test_difference_is_exact_decimal_arithmetic() -> None:
    # 36 digits: beyond Decimal's default 28, where the subtraction would round
    big, bigger = (
        Decimal("12345678901234567890123456789012345.5"),
        Decimal("12345678901234567890123456789012345.75"),
    )
    assert str(difference(big, bigger)) == "0.25"
    assert str(difference(Decimal("0.1"), Decimal("0.3"))) == "0.2"
    assert difference(Decimal("1"), "WTP") is None
    assert difference(None, Decimal("1")) is None


# -- the command ---------------------------------------------------------------------------


def test_text_output_is_grouped_by_node_with_a_summary() -> None:
    result = run("diff", DATA, DATA_2025)
    out = result.stdout
    assert "\x1b[" not in out
    assert "T2 > SS-SDM > S-SDM > P-DUKMAN > K-PERENCANAAN\n" in out
    assert "  IK-REVISI         target 2024 → 2025: 2 → 1 (-1)  (line 490 → 495)\n" in out
    assert "  K-DIKLIH   looks like K-FASILITASI-PEMILIH re-coded as K-DIKLIH" in out
    assert out.rstrip().splitlines()[-1].startswith("25 changes: ")


def test_no_changes_and_exit_codes(tmp_path: Path) -> None:
    same = run("diff", DATA, DATA)
    assert same.stdout.rstrip().endswith("no changes")
    run("diff", DATA, DATA, "--exit-code", expect=0)
    run("diff", DATA, DATA_2025, expect=0)
    run("diff", DATA, DATA_2025, "--exit-code", expect=1)
    assert "unknown format" in run("diff", DATA, DATA, "--format", "yaml", expect=2).stderr
    assert "no such file" in run("diff", DATA, tmp_path / "nothing.yaml", expect=2).stderr
    assert "directory" in run("diff", tmp_path, DATA, expect=2).stderr
    run("diff", DATA, expect=2)


def test_broken_files_are_reported_as_validate_reports_them(
    write: Callable[[str, str], Path],
) -> None:
    broken = write(edit(BASE, ("penanggung_jawab: C\n", "penanggung_jawab: Z\n")), "broken.yaml")
    result = run("diff", BASE_PATH, broken, "--format", "json", expect=1)
    # nothing on stdout, where a script reads the diff; validate's lines on stderr
    assert result.stdout == ""
    problem, total = result.stderr.splitlines()
    assert problem.startswith(f"{broken}:{line(BASE, 'penanggung_jawab: C')}:31: error [PK021]")
    assert problem in run("validate", broken, expect=1).stdout.splitlines()
    assert total.startswith("1 error") and total.endswith("in 2 files")


def test_json_is_a_list_of_change_objects() -> None:
    rows: list[dict[str, Any]] = json.loads(run("diff", DATA, DATA_2025, "-f", "json").stdout)
    assert len(rows) == 25
    target = next(r for r in rows if r["kode"] == "IK-EVALUASI-AKIP" and r["kind"] == "target")
    assert target == {
        "kind": "target",
        "item": "indicator",
        "kode": "IK-EVALUASI-AKIP",
        "field": "target",
        "year": 2025,
        "old_year": 2024,
        "old": "70",
        "new": "72.50",
        "delta": "2.50",
        "path": ["T2", "SS-SDM", "S-SDM", "P-DUKMAN", "K-PERENCANAAN", "IK-EVALUASI-AKIP"],
        "node": "K-PERENCANAAN",
        "old_line": 478,
        "new_line": 483,
        "added": None,
        "refused": [],
    }
    moved = next(r for r in rows if r["kind"] == "moved")
    assert (moved["old"], moved["new"]) == (["K-HUMAS"], ["K-PERENCANAAN"])
    assert run("diff", DATA, DATA, "-f", "json").stdout == "[]\n"


def test_markdown_has_a_table_per_kind() -> None:
    out = run("diff", DATA, DATA_2025, "--format", "markdown").stdout
    headings = [h for h in out.splitlines() if h.startswith("#### ")]
    assert headings[0] == "#### Top of the file"
    assert "#### Targets changed (9)" in headings
    assert "#### Moved to another parent (1)" in headings
    rows = [r for r in out.splitlines() if r.startswith("| `IK-REVISI`")]
    assert rows == [
        "| `IK-REVISI` | `T2` › `SS-SDM` › `S-SDM` › `P-DUKMAN` › `K-PERENCANAAN` | 2024 → 2025 "
        "| 2 | 1 | -1 | 490 → 495 |"
    ]
    # every row of a table has the cells of its header: no stray pipe from the data
    for table in re.split(r"\n(?!\|)", out):
        pipes = {len(re.findall(r"(?<!\\)\|", r)) for r in table.splitlines() if r[:1] == "|"}
        assert len(pipes) <= 1, table


def test_markdown_escapes_pipes_and_html(pair: Callable[..., list[Change]]) -> None:
    changes = pair(
        (
            "uraian: Indeks kepuasan pemilih",
            'uraian: "Indeks <b>kepuasan</b> | **pemilih** `x` _y_ [z](http://w) &amp;"',
        )
    )
    out = io.StringIO()
    write_markdown(Comparison("a", "b", changes), out)
    row = next(r for r in out.getvalue().splitlines() if r.startswith("| `I1`"))
    # the same escaping as every other markdown table: each piece of markup as text
    assert (
        "Indeks \\<b\\>kepuasan\\</b\\> \\| \\*\\*pemilih\\*\\* \\`x\\` \\_y\\_ "
        "[z]\\(http://w) \\&amp;"
    ) in row


def test_filters_on_the_command_line() -> None:
    out = run("diff", DATA, DATA_2025, "--root", "K-PERENCANAAN", "-f", "json").stdout
    assert {r["kode"] for r in json.loads(out)} == {
        "IK-EVALUASI-AKIP",
        "IK-EVALUASI-RB",
        "IK-REVISI",
        "IK-SARPRAS-TI",
    }
    unit = json.loads(
        run("diff", DATA, DATA_2025, "--unit", "SUBBAG-RENDATIN", "-f", "json").stdout
    )
    assert {r["node"] for r in unit} == {"K-PERENCANAAN", "K-HUMAS"}
    misi = json.loads(run("diff", DATA, DATA_2025, "--misi", "M5", "-f", "json").stdout)
    assert all(r["item"] in ("node", "indicator") for r in misi)
    assert "K-DIKLIH" in {r["kode"] for r in misi}
    assert "did you mean" in run("diff", DATA, DATA_2025, "--unit", "SUBBAG-X", expect=2).stderr


def test_order_on_the_command_line(write: Callable[[str, str], Path]) -> None:
    swapped = write(
        edit(
            BASE,
            ("  - {kode: A, nama: Pimpinan}\n", ""),
            (
                "  - {kode: C, nama: Bagian Data, atasan: A}\n",
                "  - {kode: C, nama: Bagian Data, atasan: A}\n  - {kode: A, nama: Pimpinan}\n",
            ),
        ),
        "swapped.yaml",
    )
    run("diff", BASE_PATH, swapped, "--exit-code", expect=0)
    out = run("diff", BASE_PATH, swapped, "--order", "--exit-code", expect=1).stdout
    assert "order of unit_kerja: A, B, C → B, C, A" in out


def test_other_fields_are_changed_under_their_yaml_key(pair: Callable[..., list[Change]]) -> None:
    # every key of the format is compared, these without a kind of their own
    changes = pair(
        (
            "    penanggung_jawab: A\n    anak:",
            "    penanggung_jawab: A\n    jenis: dampak\n    anak:",
        ),
        ("satuan: indeks\n", "satuan: indeks\n            definisi: Survei kepuasan\n"),
        ("satuan: persen\n", "satuan: persen\n                nasional: true\n"),
    )
    assert brief(changes) == [
        ("changed", "node", "T1", "jenis", None, "dampak"),
        ("changed", "indicator", "I1", "definisi", None, "Survei kepuasan"),
        ("changed", "indicator", "I3", "nasional", False, True),
    ]


class _Terminal(io.StringIO):
    """A stream that says it is a terminal, as a console's would."""

    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report = Comparison("a", "b", diff(tree(DATA), tree(DATA_2025)))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    coloured = _Terminal()
    write_text(report, coloured)
    assert "\x1b[" in coloured.getvalue()
    assert "T3 › SS-PARTISIPASI" in coloured.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    plain = _Terminal()
    write_text(report, plain)
    assert "\x1b[" not in plain.getvalue()
    assert "T3 > SS-PARTISIPASI" in plain.getvalue()


def test_the_diff_page_shows_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # docs/diff.md names the files from the top of the repository
    page = (ROOT / "docs" / "diff.md").read_text(encoding="utf-8")
    command = "$ pohon diff data/pohon_kinerja.yaml data/pohon_kinerja_2025.yaml\n"
    shown = page.split(command, 1)[1].split("```", 1)[0]
    actual = run("diff", "data/pohon_kinerja.yaml", "data/pohon_kinerja_2025.yaml")
    lines = actual.stdout.splitlines()
    assert [line for line in shown.splitlines() if line != "…" and line not in lines] == []


def test_a_tiny_difference_is_written_in_digits_in_every_format(
    write: Callable[[str, str], Path],
) -> None:
    old = write(edit(BASE, ("target: {2024: 1.10}", "target: {2024: 0.0000001}")), "old.yaml")
    new = write(edit(BASE, ("target: {2024: 1.10}", "target: {2024: 0.0000002}")), "new.yaml")
    (row,) = json.loads(run("diff", old, new, "-f", "json").stdout)
    assert row["delta"] == "0.0000001"
    assert "0.0000001 → 0.0000002 (+0.0000001)" in run("diff", old, new).stdout
    table = run("diff", old, new, "-f", "markdown").stdout
    assert "| 0.0000001 | 0.0000002 | +0.0000001 |" in table and "E-" not in table
