"""A perangkat daerah's tree in the picture, the sheets, the diff and the counts: the
`hasil` under the nomenclature name, no empty visi, the induk's misi where the file has
none."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from conftest import CASES, DATA, run

RENSTRA = CASES / "pd" / "renstra_dinas.yaml"
SVG = "{http://www.w3.org/2000/svg}"


def _texts(svg: Path) -> list[str]:
    return [t.text or "" for t in ET.parse(svg).getroot().iter(f"{SVG}text")]


def test_render_draws_the_hasil_under_the_name_and_no_empty_visi(tmp_path: Path) -> None:
    out = tmp_path / "pohon.svg"
    run("render", RENSTRA, "-o", out, "--lang", "id")
    found = _texts(out)
    assert "Hasil:" in found
    joined = " ".join(found)
    assert "Meningkatnya kinerja pelayanan lalu" in joined
    assert "Visi" not in found
    # the name stays the box's title, the hasil is smaller
    dot = run("render", RENSTRA, "--format", "dot", "-o", "-", "--lang", "id").stdout
    assert '<FONT POINT-SIZE="9"><I>Hasil:</I> Meningkatnya kinerja pelayanan' in dot
    dot = run("render", RENSTRA, "--format", "dot", "-o", "-", "--lang", "en").stdout
    assert '<FONT POINT-SIZE="9"><I>Result:</I> Meningkatnya kinerja pelayanan' in dot
    seed = run("render", DATA, "--format", "dot", "--misi", "M1", "-o", "-").stdout
    assert "<B>Visi</B>: Menjadi Penyelenggara" in seed


def test_an_empty_visi_is_not_drawn(tmp_path: Path) -> None:
    text = RENSTRA.read_text(encoding="utf-8").replace("tahun: 2026", 'tahun: 2026\nvisi: " "')
    path = tmp_path / "pohon.yaml"
    path.write_text(text, encoding="utf-8")
    assert "Visi" not in run("render", path, "--format", "dot", "-o", "-").stdout


def test_split_by_misi_takes_the_induks_misi(tmp_path: Path) -> None:
    run("render", RENSTRA, "--split", "misi", "-o", tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["RPJMD-1.svg", "RPJMD-2.svg"]
    page = " ".join(_texts(tmp_path / "RPJMD-2.svg"))
    assert "Misi RPJMD-2" in page and "T2" in page and "T1" not in page


def test_export_adds_a_hasil_column_only_for_trees_that_write_one(tmp_path: Path) -> None:
    run("export", RENSTRA, "--format", "csv", "-o", tmp_path / "pd")
    with (tmp_path / "pd" / "cascading.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0])[-2:] == ["penanggung_jawab_indikator", "hasil"]
    by_kode = {r["kode"]: r for r in rows}
    assert by_kode["2.15.02"]["hasil"].startswith("Meningkatnya kinerja pelayanan")
    assert by_kode["T1"]["hasil"] == ""
    assert by_kode["2.15.02"]["misi"] == "RPJMD-1"
    run("export", DATA, "--format", "csv", "-o", tmp_path / "seed")
    header = (tmp_path / "seed" / "cascading.csv").read_text(encoding="utf-8").split("\n")[0]
    assert header.endswith(",penanggung_jawab_indikator")


def test_export_xlsx_carries_the_hasil(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "pd.xlsx"
    run("export", RENSTRA, "-o", out)
    sheet = load_workbook(out)["Cascading"]
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "Hasil" in values
    assert any(str(v).startswith("Tersedianya rencana induk") for v in values)


def test_diff_reports_a_hasil_added_changed_and_removed(
    write: Callable[[str, str], Path],
) -> None:
    text = RENSTRA.read_text(encoding="utf-8")
    new = (
        text.replace("hasil: Tersedianya rencana induk", "hasil: Tersusunnya rencana induk")
        .replace(
            "        hasil: Meningkatnya kinerja pelayanan lalu lintas dan angkutan jalan"
            " yang berkeselamatan\n",
            "",
        )
        .replace(
            "                uraian: Penyusunan Rencana Induk Jaringan LLAJ Kabupaten/Kota\n",
            "                uraian: Penyusunan Rencana Induk Jaringan LLAJ Kabupaten/Kota\n"
            "                hasil: Tersedianya dokumen rencana induk\n",
        )
    )
    assert new.count("hasil:") == text.count("hasil:")
    old_path, new_path = write(text, "old.yaml"), write(new, "new.yaml")
    changes = json.loads(run("diff", old_path, new_path, "--format", "json").stdout)
    found = {(c["kode"], c["field"], c["old"], c["new"]) for c in changes}
    assert found == {
        (
            "2.15.02",
            "hasil",
            "Meningkatnya kinerja pelayanan lalu lintas dan angkutan jalan yang berkeselamatan",
            None,
        ),
        (
            "2.15.02.2.01",
            "hasil",
            "Tersedianya rencana induk jaringan lalu lintas dan angkutan jalan",
            "Tersusunnya rencana induk jaringan lalu lintas dan angkutan jalan",
        ),
        ("2.15.02.2.01.0001", "hasil", None, "Tersedianya dokumen rencana induk"),
    }
    text_out = run("diff", old_path, new_path, env={"NO_COLOR": "1", "COLUMNS": "200"}).stdout
    assert (
        "2.15.02.2.01  hasil: “Tersedianya rencana induk jaringan lalu lintas dan angkutan "
        "jalan” → “Tersusunnya rencana induk jaringan lalu lintas dan angkutan jalan”"
    ) in text_out
    assert "2.15.02.2.01.0001  hasil: – → “Tersedianya dokumen rencana induk”" in text_out


def test_stats_and_report_count_per_misi_of_the_induk() -> None:
    stats = json.loads(run("stats", RENSTRA, "--format", "json").stdout)
    assert [(m["kode"], m["nodes"]) for m in stats["missions"]] == [("RPJMD-1", 4), ("RPJMD-2", 1)]
    report = run("report", RENSTRA, env={"NO_COLOR": "1", "COLUMNS": "120"}).stdout
    assert "\nRPJMD-1  Mewujudkan infrastruktur" in report
    assert "\nRPJMD-2  Mewujudkan tata kelola" in report
