"""The YAML writer: a Tree written back as YAML, read back as the same tree by any YAML."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import DATA
from generate import generate
from trees import loadable, snapshot

from pohon_cli.load import load_path, load_text
from pohon_cli.model import Tree
from pohon_cli.yaml_writer import document, dump, to_yaml

HEADER = """\
versi: 1
instansi: {nama: Kantor Contoh}
tahun: 2024
visi: Visi
misi: [{kode: M1, uraian: Misi satu}]
"""


def loaded(text: str) -> Tree:
    result = load_text(text, "t.yaml")
    assert result.problems == [], result.problems
    assert result.tree is not None
    return result.tree


def round_trip(tree: Tree) -> str:
    """Emit, load, compare everything; emitting again gives the same text."""
    text = to_yaml(tree)
    again = loaded(text)
    assert again == tree
    assert snapshot(again) == snapshot(tree)
    assert to_yaml(again) == text
    return text


@pytest.fixture(scope="module")
def seed() -> Tree:
    result = load_path(DATA)
    assert result.tree is not None
    return result.tree


def test_the_seed_round_trips(seed: Tree) -> None:
    round_trip(seed)


def test_keys_follow_the_order_of_the_format(seed: Tree) -> None:
    text = to_yaml(seed)
    top = [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()]
    assert top == [
        "versi",
        "instansi",
        "induk",
        "tahun",
        "periode",
        "visi",
        "misi",
        "unit_kerja",
        "jenjang",
        "pohon",
    ]
    node = text[text.index("  - kode: T3\n") :].split("\n")[:8]
    assert [line.strip().lstrip("- ").split(":")[0] for line in node] == [
        "kode",
        "jenjang",
        "uraian",
        "misi",
        "penanggung_jawab",
        "nasional",
        "anak",
        "kode",
    ]


def test_a_shared_node_is_written_once_and_referred_to_elsewhere(seed: Tree) -> None:
    text = to_yaml(seed)
    assert text.count("kode: P-PEMILU\n") == 1
    assert text.count("rujuk: P-PEMILU\n") == len(seed.parents["P-PEMILU"]) - 1 == 4


def test_a_forward_reference_stays_forward() -> None:
    text = HEADER + (
        "pohon:\n"
        "  - kode: T1\n"
        "    jenjang: tujuan\n"
        "    uraian: u\n"
        "    anak:\n"
        "      - {kode: S1, jenjang: sasaran, uraian: u, anak: [{rujuk: K1}]}\n"
        "      - {kode: S2, jenjang: sasaran, uraian: u, anak: [{kode: K1, jenjang: kegiatan,"
        " uraian: k}]}\n"
    )
    tree = loaded(text)
    written = round_trip(tree)
    assert written.index("rujuk: K1") < written.index("kode: K1")
    assert loaded(written).parents["K1"] == ("S2", "S1")


def test_a_root_may_also_be_referred_to() -> None:
    text = HEADER + (
        "pohon:\n"
        "  - {kode: T1, jenjang: tujuan, uraian: u, anak: [{rujuk: P1}]}\n"
        "  - {kode: P1, jenjang: program, uraian: p}\n"
    )
    tree = loaded(text)
    assert tree.roots == ("T1", "P1")
    written = round_trip(tree)
    assert "  - kode: P1\n" in written  # at the top, where it was written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Meningkatnya kualitas layanan", "Meningkatnya kualitas layanan"),
        ("Persentase (%) capaian, per tahun", "Persentase (%) capaian, per tahun"),
        ("100%", "100%"),
        ("café 😀 한국어", "café 😀 한국어"),
        ("no", '"no"'),
        ("on", '"on"'),
        ("Yes", '"Yes"'),
        ("y", '"y"'),
        ("true", '"true"'),
        ("null", '"null"'),
        ("~", '"~"'),
        ("", '""'),
        ("1.10", '"1.10"'),
        ("100", '"100"'),
        ("010", '"010"'),
        ("1e3", '"1e3"'),
        ("0x1F", '"0x1F"'),
        ("1_000", '"1_000"'),
        ("1:20", '"1:20"'),
        (".inf", '".inf"'),
        ("2024-01-01", '"2024-01-01"'),
        ("<<", '"<<"'),
        ("- item", '"- item"'),
        ("a: b", '"a: b"'),
        ("a:", '"a:"'),
        ("a #b", '"a #b"'),
        ("#c", '"#c"'),
        ("*x", '"*x"'),
        ("&x", '"&x"'),
        ("!x", '"!x"'),
        ("'q'", "\"'q'\""),
        ('say "hi"', 'say "hi"'),
        ('"q"', '"\\"q\\""'),
        ("...", '"..."'),
        (" lead", '" lead"'),
        ("trail ", '"trail "'),
        ("tab\there", '"tab\\there"'),
        ("nul\x00", '"nul\\0"'),
        ("esc\x1b", '"esc\\e"'),
        ("del\x7f", '"del\\x7F"'),
        ("line\u2028sep", '"line\\Lsep"'),
        ("bom\ufeff", '"bom\\uFEFF"'),
        ("back\\slash", "back\\slash"),
        ("back\\slash: x", '"back\\\\slash: x"'),
        ("cr\r\nlf", '"cr\\r\\nlf"'),
    ],
)
def test_texts_are_quoted_exactly_when_a_reader_would_change_them(text: str, written: str) -> None:
    assert dump({"visi": text}) == f"visi: {written}\n"
    assert yaml.safe_load(dump({"visi": text})) == {"visi": text}  # YAML 1.1 reads it too
    file = HEADER.replace("visi: Visi\n", "") + dump({"visi": text}) + "pohon: []\n"
    if loadable(text):
        assert loaded(file).header.vision == text
    else:  # control characters are written faithfully, and pohon refuses them
        assert [p.code for p in load_text(file, "t.yaml").problems] == ["PK002"]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("a\nb", "|-\n  a\n  b"),
        ("a\nb\n", "|\n  a\n  b"),
        ("a\n\nb\n\n", "|+\n  a\n\n  b\n"),
        ("  indented\nfirst", '"  indented\\nfirst"'),
        ("\nleading break", '"\\nleading break"'),
        ("trailing space \nhere", '"trailing space \\nhere"'),
        ("tab\tinside\nhere", '"tab\\tinside\\nhere"'),
    ],
)
def test_multi_line_text_is_a_literal_block_when_that_keeps_every_character(
    text: str, written: str
) -> None:
    out = dump({"visi": text, "tahun": 2024})
    assert out == f"visi: {written}\ntahun: 2024\n"
    tree = loaded(
        out.replace("tahun: 2024\n", "") + HEADER.replace("visi: Visi\n", "") + "pohon: []\n"
    )
    assert tree.header.vision == text


def test_numbers_are_written_as_their_digits() -> None:
    assert dump({"target": {2024: Decimal("1.10"), 2025: Decimal("-0.50")}}) == (
        "target:\n  2024: 1.10\n  2025: -0.50\n"
    )
    assert dump({"baseline": Decimal("1E+3")}) == "baseline: 1000\n"
    # str() would write 1.0E-7, which pohon reads back as text
    assert dump({"baseline": Decimal("0.00000010")}) == "baseline: 0.00000010\n"
    assert dump({"baseline": "100"}) == 'baseline: "100"\n'
    with pytest.raises(ValueError, match="not a number"):
        dump({"baseline": Decimal("NaN")})


def test_values_numbers_texts_and_ranges_keep_their_kind() -> None:
    text = HEADER + (
        "pohon:\n"
        "  - kode: 1.10\n"
        "    jenjang: tujuan\n"
        "    uraian: no\n"
        "    indikator:\n"
        "      - kode: '010'\n"
        "        uraian: on\n"
        "        polaritas: naik\n"
        "        nasional: false\n"
        "        target: {'2026': '100', 2024: 1.10, 2025: 1e3, 2027: [80, 90.5], 2028: WTP}\n"
        "        baseline: 007\n"
    )
    written = round_trip(loaded(text))
    assert "  - kode: 1.10\n" not in written and '  - kode: "1.10"\n' in written
    assert (
        "        target:\n"
        "          2024: 1.10\n"
        '          2025: "1e3"\n'
        '          2026: "100"\n'
        "          2027: [80, 90.5]\n"
        "          2028: WTP\n"
    ) in written
    # written in the file at their default: kept; never written: left out
    assert "polaritas: naik" in written and "nasional: false" in written
    assert "satuan" not in written and "realisasi" not in written


def test_defaults_not_written_stay_unwritten(seed: Tree) -> None:
    text = to_yaml(seed)
    assert "polaritas: naik" in text  # the seed writes it out
    bare = loaded(HEADER + "pohon: [{kode: T1, jenjang: tujuan, uraian: u}]\n")
    assert to_yaml(bare).endswith("pohon:\n  - kode: T1\n    jenjang: tujuan\n    uraian: u\n")


def test_a_node_no_root_reaches_is_refused_not_dropped(seed: Tree) -> None:
    orphaned = replace(seed, roots=seed.roots[1:])
    with pytest.raises(ValueError, match="would be lost"):
        to_yaml(orphaned)


def test_document_is_plain_data(seed: Tree) -> None:
    data = document(seed)
    assert list(data)[-1] == "pohon"
    assert data["pohon"][0]["kode"] == seed.roots[0]


def test_a_generated_tree_of_thousands_of_nodes_round_trips() -> None:
    round_trip(loaded("".join(generate(2000))))


def test_dump_writes_any_plain_data() -> None:
    data = {
        "a": [[1, 2], {"b": None}, [], {}],
        "c": {"d": True, "e": [{"f": "g", "h": ["i"]}]},
        "j": "k\nl",
    }
    assert yaml.safe_load(dump(data)) == data
    assert dump([1, "x"]) == "- 1\n- x\n"
    assert dump("x") == "x\n"
    with pytest.raises(ValueError, match="mapping key"):
        dump({(1, 2): "x"})


def test_one_unit_is_a_kode_and_several_a_list_on_one_line() -> None:
    text = HEADER + (
        "unit_kerja: [{kode: A, nama: Unit A}, {kode: B, nama: Unit B}, {kode: '7', nama: U}]\n"
        "pohon:\n"
        "  - kode: T1\n"
        "    jenjang: tujuan\n"
        "    uraian: u\n"
        "    penanggung_jawab: [A, B]\n"
        "    indikator:\n"
        "      - {kode: I1, uraian: i, penanggung_jawab: [B]}\n"
        "      - {kode: I2, uraian: i, penanggung_jawab: [B, '7', A]}\n"
        "      - {kode: I3, uraian: i, penanggung_jawab: A}\n"
    )
    tree = loaded(text)
    assert tree.nodes["T1"].owners == ("A", "B") and tree.nodes["T1"].owner == "A"
    written = round_trip(tree)
    assert "    penanggung_jawab: [A, B]\n" in written
    assert '        penanggung_jawab: [B, "7", A]\n' in written
    # a list of one is the same as the kode alone, and is written as the kode
    assert written.count("        penanggung_jawab: B\n") == 1
    assert written.count("        penanggung_jawab: A\n") == 1


@pytest.mark.parametrize(
    "path", ["kabupaten/kaur.yaml", "provinsi/bengkulu.yaml"], ids=["child", "parent"]
)
def test_the_links_between_files_round_trip(path: str) -> None:
    """induk.berkas, mendukung, kolaborasi and pembagian are written back, in their place."""
    result = load_path(Path(__file__).parent / "cases" / "cascade" / path)
    assert result.tree is not None
    text = round_trip(result.tree)
    if path.startswith("kabupaten"):
        assert "  berkas: ../provinsi/bengkulu.yaml\n" in text
        assert (
            "    mendukung: [SS-2]\n    kolaborasi:\n      - berkas: ../dinas/kominfo.yaml\n"
            in text
        )
        assert "        mendukung: IKU-2\n" in text
    else:
        assert "        pembagian: jumlah\n" in text
