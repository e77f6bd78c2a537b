"""``pohon units``: the accountability cascade of the seed and of a small fixture."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from conftest import CASES, DATA, run

SMALL = CASES / "show" / "small.yaml"
PLAIN = {"COLUMNS": "80", "NO_COLOR": "", "FORCE_COLOR": "", "TERM": "xterm"}


def units(*args: str | Path, expect: int = 0, width: int = 80) -> str:
    return run("units", *args, expect=expect, env={**PLAIN, "COLUMNS": str(width)}).stdout


def test_small_cascade() -> None:
    assert units(SMALL) == (
        "A Pimpinan (1 node, 1 indicator)\n"
        "|-- tugas: Memimpin kantor\n"
        "|-- T1 [tujuan] Meningkatnya satu\n"
        "|   `-- * I-T1 Indeks satu\n"
        "|         target 2024: 1.20 indeks; realisasi 1.32; capaian 110.0%\n"
        "|-- B Bagian B (2 nodes, 3 indicators)\n"
        "|   |-- S1 [sasaran] Meningkatnya dua\n"
        "|   |   `-- * I-S1 Jumlah sengketa\n"
        "|   |         target 2024: 7 jumlah, turun; realisasi 6.5; capaian 107.1%\n"
        "|   |-- K1 [kegiatan] Kegiatan satu\n"
        "|   |   `-- * I-K1 Opini BPK\n"
        "|   |         target 2024: WTP (opini); realisasi WTP\n"
        "|   `-- S2 [sasaran] Meningkatnya tiga (C)\n"
        "|       `-- * I-S2 Persentase stabil (B)\n"
        "|             target 2024: [80, 90] persen, stabil; realisasi 95; capaian 94.4%\n"
        "`-- C Bagian C (1 node, 0 indicators)\n"
        "    `-- S2 [sasaran] Meningkatnya tiga\n"
        "no unit kerja (2 nodes, 1 indicator)\n"
        "|-- K2 [kegiatan] Kegiatan dua\n"
        "|   `-- * I-K2 Persentase dua\n"
        "|         no target for 2024\n"
        "`-- T2 [tujuan] Tujuan tanpa misi\n"
    )


def test_seed_counts_per_unit() -> None:
    heads = [
        re.sub(r"^[|` -]*", "", line)
        for line in units(DATA, "--no-indicators", width=200).splitlines()
        if "indicator" in line
    ]
    assert [re.sub(r" .*\(", " (", h) for h in heads] == [
        "KETUA (11 nodes, 9 indicators)",
        "SEKRETARIS (6 nodes, 8 indicators)",
        "SUBBAG-KUL (1 node, 5 indicators)",
        "SUBBAG-TEKNIS (3 nodes, 7 indicators)",
        "SUBBAG-RENDATIN (1 node, 8 indicators)",
        "SUBBAG-HUKUM (2 nodes, 8 indicators)",
        "STAF (0 nodes, 0 indicators)",
    ]


def test_one_unit_and_those_under_it() -> None:
    text = units(DATA, "--unit", "SEKRETARIS", "--no-indicators")
    assert text.startswith("SEKRETARIS Sekretaris KPU Kabupaten Bengkulu Tengah")
    assert "KETUA" not in text and "SUBBAG-HUKUM" in text
    assert "`-- STAF Staf Pelaksana (0 nodes, 0 indicators)\n" in text
    only = units(DATA, "--unit", "SUBBAG-RENDATIN", "--no-indicators")
    # it answers for two indicators of K-HUMAS, which SUBBAG-TEKNIS owns
    assert "K-HUMAS [kegiatan] Hubungan Masyarakat (SUBBAG-TEKNIS)" in only


def test_filters_choose_the_nodes_accounted_for() -> None:
    text = units(DATA, "--level", "kegiatan", "--no-indicators")
    assert "KETUA Ketua & Anggota KPU Kabupaten Bengkulu Tengah (0 nodes, 0 indicators)" in text
    assert "[tujuan]" not in text and text.count("[kegiatan]") == 8  # K-HUMAS twice


def test_json_is_flat_and_linked_by_atasan() -> None:
    data: dict[str, Any] = json.loads(units(SMALL, "--format", "json"))
    assert [(u["kode"], u["atasan"]) for u in data["unit_kerja"]] == [
        ("A", None),
        ("B", "A"),
        ("C", "A"),
    ]
    b = data["unit_kerja"][1]
    assert (b["jumlah_simpul"], b["jumlah_indikator"]) == (2, 3)
    assert b["simpul"][-1] == {
        "kode": "S2",
        "jenjang": "sasaran",
        "penanggung_jawab": "C",  # B answers for one indicator of C's node
        "penanggung_jawab_lain": [],
        "indikator": ["I-S2"],
    }
    assert [n["kode"] for n in data["tanpa_unit"]] == ["K2", "T2"]
    assert {n["penanggung_jawab"] for n in data["tanpa_unit"]} == {None}


def test_bad_input() -> None:
    result = run("units", DATA, "--unit", "SUBBAG-HUKM", expect=2)
    assert "no unit kerja `SUBBAG-HUKM` in this file; did you mean `SUBBAG-HUKUM`" in (
        result.stderr
    )
    result = run("units", DATA, "--unit", "XQXQXQ", expect=2)
    assert "no unit kerja `XQXQXQ` in this file; the unit kerja are KETUA, SEKRETARIS," in (
        result.stderr
    )
    assert "\x1b" not in units(DATA)
