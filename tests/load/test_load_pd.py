"""A perangkat daerah's tree: no visi or misi of its own (nodes name the induk's misi), a
`hasil` beside a nomenclature `uraian`, `jenis: intermediate_outcome`; and bad input for
each, with its message at file:line:col."""

from __future__ import annotations

import re

from conftest import CASES

from pohon_cli.load import load_path, load_text

RENSTRA = CASES / "pd" / "renstra_dinas.yaml"

# no visi, no misi: the misi are the induk's (the RPJMD's)
HEADER = """\
versi: 1
instansi: {nama: Dinas Contoh}
induk:
  nama: Pemerintah Kabupaten Contoh
  misi:
    - {kode: RPJMD-1, uraian: Misi satu}
    - {kode: RPJMD-2, uraian: Misi dua}
tahun: 2026
"""
# HEADER is 8 lines long: the first line after it is line 9.
NODE = """\
pohon:
  - kode: T1
    jenjang: tujuan
    uraian: Meningkatnya sesuatu
"""


def messages(text: str) -> list[str]:
    return [p.text() for p in load_text(text, "t.yaml").problems]


def test_a_renstra_without_visi_or_misi_loads() -> None:
    loaded = load_path(RENSTRA)
    assert loaded.ok and loaded.tree is not None, loaded.problems
    header = loaded.tree.header
    assert header.vision is None and header.missions == ()
    assert [m.code for m in header.declared_missions()] == ["RPJMD-1", "RPJMD-2"]
    program = loaded.tree.nodes["2.15.02"]
    assert program.description.startswith("PROGRAM PENYELENGGARAAN")
    assert program.result is not None and program.result.startswith("Meningkatnya kinerja")
    assert program.kind == "intermediate_outcome"
    assert loaded.tree.nodes["2.15.02.2.01.0001"].result is None


def test_an_empty_visi_still_loads() -> None:
    loaded = load_text(HEADER + 'visi: ""\nmisi: []\n' + NODE, "t.yaml")
    assert loaded.ok and loaded.tree is not None, loaded.problems
    assert loaded.tree.header.vision == ""


def test_a_node_may_name_the_induks_misi_besides_the_files_own() -> None:
    own = "misi:\n  - {kode: M1, uraian: Misi sendiri}\n"
    loaded = load_text(HEADER + own + NODE + "    misi: [M1, RPJMD-2]\n", "t.yaml")
    assert loaded.ok and loaded.tree is not None, loaded.problems
    assert [m.code for m in loaded.tree.mission_list()] == ["M1", "RPJMD-2"]


def test_a_kode_in_both_lists_is_the_files_own() -> None:
    own = "misi:\n  - {kode: RPJMD-1, uraian: Misi sendiri}\n"
    loaded = load_text(HEADER + own + NODE + "    misi: [RPJMD-1]\n", "t.yaml")
    assert loaded.ok and loaded.tree is not None, loaded.problems
    known = loaded.tree.header.known_missions()
    assert known["RPJMD-1"].description == "Misi sendiri"
    assert [m.description for m in loaded.tree.mission_list()] == ["Misi sendiri"]


def test_an_unknown_misi_lists_the_induks_in_the_hint() -> None:
    assert messages(HEADER + NODE + "    misi: [M9]\n") == [
        "t.yaml:13:12: error [PK021] `M9` is not a misi of this file or of its induk "
        "(use one of `RPJMD-1`, `RPJMD-2`)"
    ]
    assert messages(HEADER + NODE + "    misi: [RPJMD-3]\n") == [
        "t.yaml:13:12: error [PK021] `RPJMD-3` is not a misi of this file or of its induk "
        "(did you mean `RPJMD-2` or `RPJMD-1`?)"
    ]


def test_without_any_misi_an_unknown_one_says_where_to_declare_it() -> None:
    text = "versi: 1\ninstansi: {nama: Dinas Contoh}\ntahun: 2026\n" + NODE + "    misi: [M1]\n"
    assert messages(text) == [
        "t.yaml:8:12: error [PK021] `M1` is not a misi of this file (declare it under `misi`)"
    ]


def test_the_induks_misi_count_when_the_header_does_not_load() -> None:
    # `tahun` is wrong, so the header is not built: the misi are read as written
    text = HEADER.replace("tahun: 2026", "tahun: dua") + NODE + "    misi: [RPJMD-1, M9]\n"
    found = messages(text)
    assert any("[PK021] `M9` is not a misi of this file or of its induk" in m for m in found)
    assert not any("`RPJMD-1` is not a misi" in m for m in found)


def test_hasil_of_the_wrong_kind() -> None:
    assert messages(HEADER + NODE + "    hasil: [a, b]\n") == [
        "t.yaml:13:12: error [PK012] `hasil` must be text, not a list"
    ]
    assert messages(HEADER + NODE + "    hasil: {a: b}\n") == [
        "t.yaml:13:12: error [PK012] `hasil` must be text, not a mapping"
    ]


def test_hasil_written_as_a_number_is_the_text_as_written() -> None:
    loaded = load_text(HEADER + NODE + "    hasil: 1.10\n", "t.yaml")
    assert loaded.tree is not None and loaded.tree.nodes["T1"].result == "1.10"


def test_jenis_takes_intermediate_outcome_and_names_it_when_wrong() -> None:
    loaded = load_text(HEADER + NODE + "    jenis: intermediate_outcome\n", "t.yaml")
    assert loaded.ok, loaded.problems
    assert messages(HEADER + NODE + "    jenis: intermediate\n") == [
        "t.yaml:13:12: error [PK012] `jenis` must be dampak, outcome, intermediate_outcome "
        "or output, not the text `intermediate` (did you mean `intermediate_outcome`?)"
    ]


def test_the_writer_puts_hasil_after_uraian_and_writes_no_empty_visi_or_misi() -> None:
    from pohon_cli.yaml_writer import to_yaml

    loaded = load_path(RENSTRA)
    assert loaded.tree is not None
    written = to_yaml(loaded.tree)
    assert "\nvisi:" not in written and "\nmisi:" not in written
    assert re.search(
        r"\n( +)uraian: PROGRAM PENYELENGGARAAN LALU LINTAS DAN ANGKUTAN JALAN \(LLAJ\)\n"
        r"\1hasil: Meningkatnya kinerja pelayanan",
        written,
    )
    again = load_text(written, "again.yaml")
    assert again.ok and again.tree is not None
    assert again.tree.nodes == loaded.tree.nodes and again.tree.header == loaded.tree.header
