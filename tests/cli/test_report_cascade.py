"""``pohon report DIR`` through the real CLI: the offices under their parent and the
roll-up in every format, and a clear message for what cannot be reported."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from conftest import CASES, run

FOLDER = CASES / "workspace_report"
PARENT = FOLDER / "provinsi" / "kpu_contoh.yaml"


def test_text_shows_the_offices_and_the_roll_up() -> None:
    out = run("report", FOLDER, env={"COLUMNS": "250"}).stdout
    assert out.startswith("Capaian kinerja bertingkat — 4 kantor\n")
    assert "\n  KPU Kabupaten A " in out
    line = next(x for x in out.splitlines() if x.startswith("IKU-JML    2026"))
    assert "970" in line and "97.00" in line
    assert "differs from the parent's own realisasi 950" in line
    sama = next(x for x in out.splitlines() if x.startswith("IKU-SAMA"))
    assert "2 of 3 reach it" in sama and "94.44–105.56" in sama
    tw = next(x for x in out.splitlines() if x.startswith("IKU-TW"))
    assert "year in progress" in tw


def test_json_keeps_the_numbers_as_written() -> None:
    data = json.loads(run("report", "-f", "json", FOLDER).stdout)
    assert set(data) == {"files", "tahun", "kantor", "gabungan"}
    assert data["tahun"] is None
    assert [k["tingkat"] for k in data["kantor"]] == [0, 1, 1, 1]
    jumlah = next(g for g in data["gabungan"] if g["kode"] == "IKU-JML" and g["tahun"] == 2026)
    assert jumlah["gabungan"] == 970
    assert jumlah["capaian"] == 97.0
    assert jumlah["berbeda"] is True and jumlah["realisasi_sendiri"] == 950
    assert [k["kode"] for k in jumlah["kantor"]] == ["KA-JML", "KB-JML", "KC-JML"]
    sama = next(g for g in data["gabungan"] if g["kode"] == "IKU-SAMA")
    assert (sama["mencapai"], sama["dibandingkan"]) == (2, 3)
    assert sama["kantor"][1]["capaian_terhadap_target_induk"] == 94.44
    tw = next(g for g in data["gabungan"] if g["kode"] == "IKU-TW")
    assert tw["kantor"][1]["realisasi_tertulis"] == {"tw1": 40, "tw2": 45, "tw3": 50}
    assert tw["sementara"] is True


def test_markdown_and_csv() -> None:
    md = run("report", "-f", "markdown", FOLDER).stdout
    assert md.startswith("## Capaian kinerja bertingkat — 4 kantor\n")
    assert "### Capaian gabungan ke induk" in md and "### Rincian per kantor" in md
    rows = list(csv.reader(io.StringIO(run("report", "-f", "csv", FOLDER).stdout)))
    assert rows[0][:3] == ["kode", "tahun", "induk"]
    assert len(rows) == 1 + 5


def test_a_year_given_is_the_year_of_every_office() -> None:
    data = json.loads(run("report", "--year", "2025", "-f", "json", FOLDER).stdout)
    assert data["tahun"] == 2025
    assert {k["tahun"] for k in data["kantor"]} == {2025}


def test_several_files_are_a_workspace_too() -> None:
    kid = FOLDER / "kabupaten" / "kpu_a.yaml"
    data = json.loads(run("report", "-f", "json", PARENT, kid).stdout)
    assert [k["instansi"] for k in data["kantor"]] == ["KPU Prov. Contoh", "KPU Kabupaten A"]


def test_one_file_is_the_report_of_that_file() -> None:
    out = run("report", "-f", "json", PARENT).stdout
    assert "indikator" in json.loads(out)


def test_a_broken_file_in_the_directory_is_reported_at_its_place(tmp_path: Path) -> None:
    shutil.copytree(FOLDER, tmp_path / "w")
    broken = tmp_path / "w" / "kabupaten" / "kpu_b.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("tahun: 2026", "tahun: dua"))
    result = run("report", tmp_path / "w", expect=1)
    assert result.stdout == ""
    assert f"{broken}:7:8" in result.stderr


def test_filters_need_one_file_and_an_empty_folder_is_refused(tmp_path: Path) -> None:
    result = run("report", "--misi", "M1", FOLDER, expect=2)
    assert "give one file" in result.stderr
    result = run("report", tmp_path, expect=2)
    assert "no *.yaml or *.yml file" in result.stderr
    result = run("report", "-f", "sarif", FOLDER, expect=2)
    assert "unknown format" in result.stderr
