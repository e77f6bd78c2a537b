"""``pohon indicators`` / ``pohon iku``: the table in every format, and its filters."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import CASES, DATA, run

SMALL = CASES / "show" / "small.yaml"
PLAIN = {"COLUMNS": "200", "NO_COLOR": "", "FORCE_COLOR": "", "TERM": "xterm"}


def iku(*args: str | Path, expect: int = 0, **env: str) -> str:
    return run("indicators", *args, expect=expect, env={**PLAIN, **env}).stdout


def rows(*args: str | Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(iku(*args, "--format", "csv"))))


def test_small_table_as_text() -> None:
    # a polaritas the file does not write is marked: naik (assumed)
    assert iku(SMALL, COLUMNS="130") == (
        "                                                                   target   "
        " target  realisasi  capaian\n"
        "kode  uraian             simpul  jenjang   satuan  polaritas         2023   "
        "   2024       2024     2024  penanggung_jawab\n"
        "----  -----------------  ------  --------  ------  --------------  ------  -"
        "-------  ---------  -------  ----------------\n"
        "I-T1  Indeks satu        T1      tujuan    indeks  naik (assumed)    1.10   "
        "   1.20       1.32    110.0  A\n"
        "I-S1  Jumlah sengketa    S1      sasaran   jumlah  turun                    "
        "      7        6.5    107.1  B\n"
        "I-K1  Opini BPK          K1      kegiatan  opini   naik (assumed)           "
        "    WTP        WTP           B\n"
        "I-S2  Persentase stabil  S2      sasaran   persen  stabil                  ["
        "80, 90]         95     94.4  B\n"
        "I-K2  Persentase dua     K2      kegiatan  persen  naik (assumed)\n"
    )


def test_narrow_screen_gets_one_card_per_indicator() -> None:
    text = iku(SMALL, "--root", "S1", "--depth", "1", COLUMNS="60")
    assert text == (
        "I-S1 Jumlah sengketa\n"
        "  simpul: S1; jenjang: sasaran; satuan: jumlah; polaritas:\n"
        "  turun; target 2024: 7; realisasi 2024: 6.5; capaian 2024:\n"
        "  107.1; penanggung_jawab: B\n"
    )


def test_csv_keeps_every_column_and_the_values_as_written() -> None:
    table = rows(SMALL)
    assert list(table[0]) == [
        "kode",
        "uraian",
        "simpul",
        "jenjang",
        "satuan",
        "polaritas",
        "baseline",
        "target 2023",
        "target 2024",
        "realisasi 2024",
        "capaian 2024",
        "penanggung_jawab",
    ]
    assert [r["kode"] for r in table] == ["I-T1", "I-S1", "I-K1", "I-S2", "I-K2"]
    assert table[0]["target 2023"] == "1.10"
    assert table[3]["target 2024"] == "[80, 90]"
    assert table[4]["penanggung_jawab"] == ""  # K2 has no unit


def test_markdown() -> None:
    text = iku(SMALL, "--unit", "B", "--format", "markdown")
    lines = text.splitlines()
    assert lines[0].startswith("| kode | uraian | simpul |")
    assert lines[1].startswith("| --- | --- | --- |") and "---:" in lines[1]
    assert [line.split(" | ")[0] for line in lines[2:]] == ["| I-S1", "| I-K1", "| I-S2"]


def test_json_keeps_types() -> None:
    data: list[dict[str, Any]] = json.loads(iku(SMALL, "--format", "json"), parse_float=Decimal)
    first = data[0]
    assert first["target"] == {"2023": Decimal("1.10"), "2024": Decimal("1.20")}
    assert first["capaian"] == {"2024": Decimal("110.0")}
    assert data[3]["target"]["2024"] == [80, 90]
    assert data[2]["realisasi"] == {"2024": "WTP"} and data[2]["capaian"] == {"2024": None}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], 45),
        (["--misi", "M1"], 12),
        (["--unit", "SUBBAG-RENDATIN"], 8),  # two of them on SUBBAG-TEKNIS's K-HUMAS
        (["--root", "K-HUMAS"], 4),
        (["--level", "kegiatan"], 28),
        (["--level", "sasaran_strategis"], 9),
        (["--depth", "1"], 0),
        (["--misi", "M6"], 0),
    ],
)
def test_seed_filters(args: list[str], expected: int) -> None:
    assert len(rows(DATA, *args)) == expected


def test_unit_lists_only_what_the_unit_answers_for() -> None:
    table = rows(DATA, "--unit", "SUBBAG-RENDATIN")
    assert {r["penanggung_jawab"] for r in table} == {"SUBBAG-RENDATIN"}
    assert [r["kode"] for r in table[:2]] == ["IK-SARPRAS-TI", "IK-APLIKASI"]


def test_year_keeps_one_year() -> None:
    table = rows(SMALL, "--year", "2023")
    assert [k for k in table[0] if k.startswith(("target", "realisasi", "capaian"))] == [
        "target 2023"
    ]
    assert [r["target 2023"] for r in table] == ["1.10", "", "", "", ""]


def test_iku_is_indicators() -> None:
    assert run("iku", DATA, "--misi", "M1", env=PLAIN).stdout == iku(DATA, "--misi", "M1")


def test_piped_output_has_no_escape_codes() -> None:
    for fmt in ("text", "csv", "markdown", "json"):
        assert "\x1b" not in iku(DATA, "--format", fmt)


def test_bad_input() -> None:
    assert "unknown format `xlsx`" in run("iku", SMALL, "-f", "xlsx", expect=2).stderr
    assert "did you mean `SUBBAG-KUL`" in run("iku", DATA, "--unit", "SUBBAG-KU", expect=2).stderr


def test_seed_table_matches_the_reviewed_golden_file() -> None:
    golden = CASES / "show" / "seed_iku_K-HUMAS.txt"
    assert iku(DATA, "--root", "K-HUMAS", COLUMNS="140") == golden.read_text(encoding="utf-8"), (
        "regenerate after reviewing the change: COLUMNS=140 pohon iku "
        "data/pohon_kinerja.yaml --root K-HUMAS > tests/cases/show/seed_iku_K-HUMAS.txt"
    )
