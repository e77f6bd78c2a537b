"""``show``, ``indicators`` and ``units`` on a perangkat daerah's tree: the `hasil` under
the nomenclature name, no empty visi, the induk's misi as the posters' misi, and the
indicator manual with ``--detail``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import CASES, DATA, run

RENSTRA = CASES / "pd" / "renstra_dinas.yaml"
PLAIN = {"COLUMNS": "80", "NO_COLOR": "", "FORCE_COLOR": "", "TERM": "xterm"}


def out(*args: str | Path, expect: int = 0, **env: str) -> str:
    return run(*args, expect=expect, env={**PLAIN, **env}).stdout


def test_show_prints_the_hasil_under_the_name_and_no_empty_visi() -> None:
    text = out("show", RENSTRA, "--root", "2.15.02", "--no-indicators")
    assert text == (
        "2.15.02 [program] PROGRAM PENYELENGGARAAN LALU LINTAS DAN ANGKUTAN JALAN (LLAJ)\n"
        "| (BID-LLAJ)\n"
        "| hasil: Meningkatnya kinerja pelayanan lalu lintas dan angkutan jalan yang\n"
        "| berkeselamatan\n"
        "`-- 2.15.02.2.01 [kegiatan] Penetapan Rencana Induk Jaringan LLAJ Kabupaten/Kota\n"
        "    | (BID-LLAJ)\n"
        "    | hasil: Tersedianya rencana induk jaringan lalu lintas dan angkutan jalan\n"
        "    `-- 2.15.02.2.01.0001 [sub_kegiatan] Penyusunan Rencana Induk Jaringan LLAJ\n"
        "          Kabupaten/Kota (BID-LLAJ)\n"
    )
    whole = out("show", RENSTRA, "--no-indicators")
    assert "visi" not in whole
    # the induk's misi head the posters, as the file's own would
    assert whole.startswith("RPJMD-1 [misi] Mewujudkan infrastruktur yang merata")
    assert "\nRPJMD-2 [misi] Mewujudkan tata kelola pemerintahan yang baik\n" in whole


def test_an_empty_visi_is_not_printed(tmp_path: Path) -> None:
    text = RENSTRA.read_text(encoding="utf-8").replace("tahun: 2026", 'tahun: 2026\nvisi: ""')
    path = tmp_path / "pohon.yaml"
    path.write_text(text, encoding="utf-8")
    assert out("show", path) == out("show", RENSTRA)
    data = json.loads(out("show", path, "--format", "json"))
    assert data["visi"] == ""


def test_the_seed_still_hangs_under_its_visi() -> None:
    assert out("show", DATA, "--depth", "1").startswith("[visi] Menjadi Penyelenggara Pemilu")


def test_show_json_has_hasil_and_the_misi_the_nodes_serve() -> None:
    data = json.loads(out("show", RENSTRA, "--format", "json"))
    assert data["visi"] is None
    assert [m["kode"] for m in data["misi"]] == ["RPJMD-1", "RPJMD-2"]
    [t1, _t2] = data["pohon"]
    assert t1["hasil"] is None
    program = t1["anak"][0]
    assert list(program)[:4] == ["kode", "jenjang", "uraian", "hasil"]
    assert program["hasil"].startswith("Meningkatnya kinerja pelayanan")
    assert program["jenis"] == "intermediate_outcome"
    assert program["misi"] == ["RPJMD-1"]


def test_the_misi_filter_takes_the_induks_misi() -> None:
    text = out("show", RENSTRA, "--misi", "RPJMD-2")
    assert text.startswith("RPJMD-2 [misi] Mewujudkan tata kelola")
    assert "T1" not in text
    wrong = run("show", RENSTRA, "--misi", "M1", expect=2)
    assert "no misi `M1` in this file; the misi are RPJMD-1, RPJMD-2" in wrong.stderr


def test_show_detail_prints_the_manual_under_each_indicator() -> None:
    text = out("show", RENSTRA, "--root", "2.15.02", "--depth", "1", "--detail")
    assert text == (
        "2.15.02 [program] PROGRAM PENYELENGGARAAN LALU LINTAS DAN ANGKUTAN JALAN (LLAJ)\n"
        "| (BID-LLAJ)\n"
        "| hasil: Meningkatnya kinerja pelayanan lalu lintas dan angkutan jalan yang\n"
        "| berkeselamatan\n"
        "`-- * IK-P1 Persentase layanan lalu lintas yang memenuhi standar pelayanan\n"
        "      minimal\n"
        "      target 2026: 80 persen\n"
        "      definisi: Perbandingan antara jumlah layanan lalu lintas yang memenuhi\n"
        "      standar pelayanan minimal dengan seluruh layanan lalu lintas yang\n"
        "      diselenggarakan dalam satu tahun anggaran\n"
        "      formula: (jumlah layanan yang memenuhi SPM / jumlah seluruh layanan) x\n"
        "      100%\n"
        "      sumber data: Laporan tahunan Bidang Lalu Lintas dan Angkutan Jalan\n"
    )
    assert all(len(line) <= 80 for line in text.splitlines())
    # without --detail, nothing of the manual
    assert "definisi" not in out("show", RENSTRA)


def test_show_detail_changes_no_json_key() -> None:
    plain = out("show", RENSTRA, "--format", "json")
    assert out("show", RENSTRA, "--format", "json", "--detail") == plain


def test_indicators_detail_prints_a_card_per_indicator() -> None:
    text = out("indicators", RENSTRA, "--root", "2.15.02", "--depth", "1", "--detail")
    assert text == (
        "IK-P1 Persentase layanan lalu lintas yang memenuhi standar pelayanan minimal\n"
        "  simpul: 2.15.02; jenjang: program; satuan: persen; polaritas: naik (assumed);\n"
        "  target 2026: 80; penanggung_jawab: BID-LLAJ\n"
        "  definisi: Perbandingan antara jumlah layanan lalu lintas yang memenuhi standar\n"
        "  pelayanan minimal dengan seluruh layanan lalu lintas yang diselenggarakan\n"
        "  dalam satu tahun anggaran\n"
        "  formula: (jumlah layanan yang memenuhi SPM / jumlah seluruh layanan) x 100%\n"
        "  sumber data: Laporan tahunan Bidang Lalu Lintas dan Angkutan Jalan\n"
    )
    # an indicator without a manual: only its figures
    bare = out("indicators", RENSTRA, "--root", "T2", "--detail")
    assert bare == (
        "IK-T2 Nilai SAKIP perangkat daerah\n"
        "  simpul: T2; jenjang: tujuan; satuan: nilai; polaritas: naik (assumed); target\n"
        "  2026: 70; penanggung_jawab: KADIS\n"
    )


def test_indicators_detail_adds_the_manual_to_csv_and_json() -> None:
    plain = list(csv.DictReader(io.StringIO(out("indicators", RENSTRA, "-f", "csv"))))
    assert "definisi" not in plain[0]
    rows = list(csv.DictReader(io.StringIO(out("indicators", RENSTRA, "-f", "csv", "--detail"))))
    assert list(rows[0])[-4:] == ["penanggung_jawab", "definisi", "formula", "sumber_data"]
    p1 = next(r for r in rows if r["kode"] == "IK-P1")
    assert p1["sumber_data"] == "Laporan tahunan Bidang Lalu Lintas dan Angkutan Jalan"
    data = json.loads(out("indicators", RENSTRA, "-f", "json", "--detail"))
    assert data[0]["definisi"] is None and data[0]["formula"] is None
    assert data[1]["formula"].startswith("(jumlah layanan")
    before = json.loads(out("indicators", RENSTRA, "-f", "json"))
    assert "definisi" not in before[0]
    assert [k for k in data[0] if k not in before[0]] == ["definisi", "formula", "sumber_data"]
    markdown = out("indicators", RENSTRA, "-f", "markdown", "--detail")
    assert "| penanggung_jawab | definisi | formula | sumber_data |" in markdown


def test_units_prints_the_hasil_under_the_name() -> None:
    text = out("units", RENSTRA, "--no-indicators")
    assert (
        "    |     hasil: Meningkatnya kinerja pelayanan lalu lintas dan angkutan jalan\n" in text
    )
