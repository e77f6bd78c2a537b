"""The views, the report and the diff in Bahasa Indonesia (``--lang id``): labels, summary
lines and notes in the glossary's words; JSON keys and the report's Indonesian headings as
in English."""

from __future__ import annotations

import json

from conftest import CASES, DATA, ROOT, run

PLAIN = {"COLUMNS": "200", "NO_COLOR": "1"}
DATA_2025 = ROOT / "data" / "pohon_kinerja_2025.yaml"


def _id(*args: object, expect: int = 0) -> str:
    return run(*map(str, args), "--lang", "id", expect=expect, env=PLAIN).stdout


def test_show_speaks_indonesian() -> None:
    out = _id("show", DATA)
    assert "^ lihat di atas, pada" in out
    assert "tidak ada simpul yang melayani misi ini" in out
    assert "see above" not in out and "no node serves" not in out


def test_stats_speaks_indonesian() -> None:
    lines = _id("stats", DATA).splitlines()
    assert lines[1] == "24 simpul, 45 indikator, 7 unit kerja, 6 misi"
    assert "misi yang dilayani: 5 dari 6 (tidak ada simpul yang melayani M6)" in lines
    assert "per jenjang" in lines
    assert "simpul tanpa indikator" in _id("stats", DATA)


def test_stats_json_keeps_its_keys() -> None:
    english = json.loads(run("stats", DATA, "-f", "json").stdout)
    assert json.loads(_id("stats", DATA, "-f", "json")) == english


def test_units_speak_indonesian() -> None:
    out = _id("units", DATA)
    assert out.startswith("KETUA Ketua & Anggota KPU Kabupaten Bengkulu Tengah (11 simpul, 9 ")
    folder = _id("units", CASES / "workspace")
    assert "[unit kerja]" in folder
    assert folder.splitlines()[-1] == "7 instansi: 33 simpul, 36 indikator"


def test_show_of_a_folder_speaks_indonesian() -> None:
    last = _id("show", CASES / "workspace").splitlines()[-1]
    assert last == "7 instansi: 33 simpul, 36 indikator; 6 masalah (0 kesalahan, 6 peringatan)"


def test_report_speaks_indonesian() -> None:
    out = _id("report", CASES / "report" / "cases.yaml")
    assert out.startswith("Capaian kinerja 2024 — KC\n")
    assert "rata-rata capaian dibatasi paling tinggi 120 (dan paling rendah 0)" in out
    assert "tidak ada realisasi untuk 2024" in out
    assert "jumlah tw1–tw2, tahun berjalan" in out
    assert "triwulan yang kosong bukan 0" in out
    assert out.splitlines()[-1].startswith("keseluruhan: 91.91 (Sangat Baik) dari 17 indikator")
    data = json.loads(_id("report", CASES / "report" / "cases.yaml", "-f", "json"))
    notes = {row["kode"]: row["keterangan"] for row in data["indikator"]}
    assert notes["HILANG"] == "tidak ada realisasi untuk 2024"


def test_report_of_a_folder_speaks_indonesian() -> None:
    out = _id("report", CASES / "workspace_report")
    assert "berbeda dengan realisasi induk sendiri" in out
    assert "dari 3 mencapainya" in out


def test_diff_speaks_indonesian() -> None:
    out = _id("diff", DATA, DATA_2025)
    assert "bagian atas berkas" in out
    assert "dipindahkan dari K-HUMAS ke K-PERENCANAAN" in out
    assert out.splitlines()[-1].startswith("25 perubahan: 3 lainnya, 1 kode diganti,")
    markdown = _id("diff", DATA, DATA_2025, "-f", "markdown")
    assert "| Butir | Kode | Perubahan | Isian | Lama | Baru | Baris (lama → baru) |" in markdown
    assert "#### Ditambahkan (1)" in markdown


def test_validate_summary_speaks_indonesian() -> None:
    out = _id("validate", CASES / "units" / "bad.yaml", expect=1)
    assert out.splitlines()[-1].startswith("6 kesalahan (")
    assert out.splitlines()[-1].endswith("dan 1 baris lagi), 0 peringatan dalam 1 berkas")
