"""Other offices' trees: pohon holds nothing specific to KPU Bengkulu Tengah but its data.

Three invented trees under ``tests/cases/offices/``, each unlike the seed: a provincial
Dinas Pendidikan in the Permendagri 90 style (five levels ending in ``sub_kegiatan``,
five years of targets, text targets on a ``skala``); a Kecamatan with three levels named
``sasaran_program`` / ``sasaran_kegiatan``, shared nodes, no ``singkatan``, plan year
2026, misi written on the second level; an Aceh office on the default levels with Jawi
script, symbols, a very long uraian and unit kodes that are not plain words. Every
command runs on each, and what it prints is checked against that office's own levels.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CASES, run

OFFICES = CASES / "offices"
DINAS = OFFICES / "dinas_pendidikan.yaml"
KECAMATAN = OFFICES / "kecamatan.yaml"
ACEH = OFFICES / "syariat_aceh.yaml"
ALL = [DINAS, KECAMATAN, ACEH]
PLAIN = {"COLUMNS": "120", "NO_COLOR": "1", "FORCE_COLOR": "", "TERM": "xterm"}

LEVELS = {
    DINAS: ["tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"],
    KECAMATAN: ["tujuan", "sasaran_program", "sasaran_kegiatan"],
    ACEH: ["tujuan", "sasaran_strategis", "sasaran", "program", "kegiatan"],
}
MISSIONS = {
    DINAS: ["M1", "M2", "M3"],
    KECAMATAN: ["1", "2", "3"],
    ACEH: ["Misi 1 (Dakwah)", "Misi 2/Ukhuwah"],
}


def pohon(*args: str | Path, expect: int = 0) -> str:
    return run(*args, expect=expect, env=PLAIN).stdout


def _nodes(branches: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for branch in branches:
        yield branch
        yield from _nodes(branch.get("anak", []))


# -- every office -------------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_each_office_is_a_valid_tree_without_a_single_warning(path: Path) -> None:
    out = pohon("validate", "--strict", path)
    assert out.strip() == "0 errors, 0 warnings in 1 file"
    assert json.loads(pohon("validate", "--format", "json", path)) == []


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_stats_lists_the_office_levels_in_their_order(path: Path) -> None:
    data = json.loads(pohon("stats", path, "--format", "json"))
    assert [row["level"] for row in data["levels"]] == LEVELS[path]
    assert all(row["nodes"] > 0 for row in data["levels"])
    text = pohon("stats", path)
    table = text.split("per level\n", 1)[1].split("\n\n", 1)[0]
    rows = [line.split()[0] for line in table.splitlines()[2:]]
    assert rows == LEVELS[path]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_show_json_names_only_the_office_levels(path: Path) -> None:
    data = json.loads(pohon("show", path, "--format", "json"))
    levels = {n["jenjang"] for n in _nodes(data["pohon"]) if "jenjang" in n}
    assert levels == set(LEVELS[path])
    # the order of the levels is the file's, given to programs (the default when omitted)
    assert data["jenjang"] == LEVELS[path]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_every_level_filter_keeps_only_that_level(path: Path) -> None:
    for level in LEVELS[path]:
        data = json.loads(pohon("show", path, "--level", level, "--format", "json"))
        nodes = [n for n in _nodes(data["pohon"]) if "jenjang" in n]
        assert {n["jenjang"] for n in nodes if not n["konteks"]} == {level}
        out = pohon("iku", path, "--level", level, "--format", "csv")
        rows = list(csv.DictReader(out.splitlines()))
        assert rows and {r["jenjang"] for r in rows} == {level}


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_render_split_misi_writes_one_page_per_misi(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "misi"
    run("render", path, "--split", "misi", "-o", out)
    names = sorted(p.name for p in out.iterdir())
    expected = sorted(re.sub(r"[^A-Za-z0-9._-]", "_", m) + ".svg" for m in MISSIONS[path])
    assert names == expected


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_render_dot_has_one_band_per_office_level(path: Path) -> None:
    dot = pohon("render", path, "--format", "dot", "-o", "-")
    bands = re.findall(r"<B>([A-Z ]+)</B></TD></TR></TABLE>>\]", dot)
    # the whole tree's misi band stands above the levels
    assert bands[0] == "MISI" if MISSIONS[path] else bands[0] != "MISI"
    assert bands[bool(MISSIONS[path]) :] == [
        level.replace("_", " ").upper() for level in LEVELS[path]
    ]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_every_command_and_format_answers_without_a_problem(path: Path, tmp_path: Path) -> None:
    for fmt in ("text", "json", "github", "sarif", "junit"):
        run("validate", "--format", fmt, path)
    for fmt in ("text", "csv", "markdown", "json"):
        assert pohon("iku", path, "--format", fmt)
        assert pohon("report", path, "--format", fmt)
    for fmt in ("text", "json"):
        assert pohon("units", path, "--format", fmt)
    for fmt in ("text", "markdown", "json"):
        assert pohon("stats", path, "--format", fmt)
    for args in (["--no-indicators"], ["--depth", "1"], ["--depth", "2", "--format", "json"]):
        assert pohon("show", path, *args)
    run("render", path, "--split", "unit", "-o", tmp_path / "unit")
    run("render", path, "--units", "-o", tmp_path / "units.svg")
    run("export", path, "-o", tmp_path / "x.xlsx")
    run("export", path, "--format", "csv", "-o", tmp_path / "csv")
    run("export", path, "--format", "markdown", "-o", tmp_path / "x.md")
    assert (tmp_path / "x.xlsx").stat().st_size > 0
    assert {p.name for p in (tmp_path / "csv").iterdir()} >= {"cascading.csv", "manual_ik.csv"}


# -- the Dinas Pendidikan: Permendagri 90 levels ------------------------------------------


def test_dinas_cascading_sheet_follows_its_five_levels(tmp_path: Path) -> None:
    run("export", DINAS, "--format", "csv", "-o", tmp_path / "csv")
    with (tmp_path / "csv" / "cascading.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    first_seen: list[str] = []
    for row in rows:
        if row["jenjang"] not in first_seen:
            first_seen.append(row["jenjang"])
    assert first_seen == LEVELS[DINAS]
    assert [c for c in rows[0] if c.startswith("target_")] == [
        f"target_{y}" for y in range(2025, 2030)
    ]


def test_dinas_nomenclature_names_are_not_judged_but_their_hasil_is(tmp_path: Path) -> None:
    # its sub_kegiatan ("Pembangunan ...", "Pengadaan ...") are activities, and pass; a
    # kegiatan's uraian is its name in the nomenclature (PK114's `nomenclature-levels`,
    # issue 12): worded as an activity it passes too, but its hasil so worded does not
    copy = tmp_path / "dinas.yaml"
    written = (
        "uraian: Meningkatnya layanan pendidikan khusus bagi peserta didik berkebutuhan khusus"
    )
    original = DINAS.read_text(encoding="utf-8")
    copy.write_text(original.replace(written, "uraian: Pengelolaan Pendidikan Khusus"), "utf-8")
    assert "[PK" not in pohon("validate", copy)
    with_hasil = written + "\n                hasil: Penyediaan layanan pendidikan khusus"
    copy.write_text(original.replace(written, with_hasil), encoding="utf-8")
    out = pohon("validate", copy)
    assert [line.split("[")[1][:5] for line in out.splitlines() if "[PK" in line] == ["PK114"]
    assert "the hasil of the kegiatan `K-PKLK` is written as an activity" in out


def test_dinas_report_rates_the_text_targets_on_its_skala_and_turun_indicators() -> None:
    data = json.loads(pohon("report", DINAS, "--format", "json"))
    rows = {r["kode"]: r for r in data["indikator"]}
    assert rows["IKT-SAKIP"]["capaian"] == 80  # B against BB on [D, C, CC, B, BB, A, AA]
    assert rows["IKU-OPINI"]["capaian"] == 100
    assert rows["IKU-TEMUAN"]["capaian"] == 112.5  # turun: 7 against 8


# -- the Kecamatan: three levels, misi on the second ---------------------------------------


def test_kecamatan_misi_written_below_the_tujuan_still_hold_their_tujuan() -> None:
    """Regression: the misi layer looked only at the top nodes' own `misi`, so a tujuan
    whose sasaran carry the misi hung from the visi and misi 3 read "no node serves"."""
    text = pohon("show", KECAMATAN, "--no-indicators")
    assert "no node serves" not in text
    misi_3 = text.split("-- 3 [misi]", 1)[1]
    assert "TJ-2 [tujuan]" in misi_3 and "see above" not in misi_3.split("\n")[1]
    # nothing is left hanging from the visi: every tujuan serves a misi through its sasaran
    assert not re.search(r"^`-- TJ", text, re.M)
    shallow = pohon("show", KECAMATAN, "--depth", "1")
    assert "no node serves" not in shallow
    # only the misi written below count, not those a shared node inherits elsewhere
    misi_2 = shallow.split("-- 2 [misi]", 1)[1].split("-- 3 [misi]", 1)[0]
    assert "TJ-1" in misi_2 and "TJ-2" not in misi_2 and "TJ-3" not in misi_2


def test_kecamatan_shared_nodes_are_one_node() -> None:
    data = json.loads(pohon("stats", KECAMATAN, "--format", "json"))
    shared = {s["kode"]: s["parents"] for s in data["shared"]}
    assert shared == {"SK-DATA": 3, "SK-MUSRENBANG": 2}
    assert data["instansi"] == "Kecamatan Sukamaju Kabupaten Lebak"
    assert data["year"] == 2026


def test_kecamatan_diff_against_its_next_year(tmp_path: Path) -> None:
    text = KECAMATAN.read_text(encoding="utf-8")
    new = tmp_path / "kecamatan_2027.yaml"
    new.write_text(
        text.replace("tahun: 2026", "tahun: 2027")
        .replace("kode: SK-PATEN\n", "kode: SK-PATEN-2\n")
        .replace("target: {2026: 82, 2027: 84}", "target: {2026: 82, 2027: 84.50}"),
        encoding="utf-8",
    )
    changes = [json.loads(line.rstrip(",")) for line in _json_lines(KECAMATAN, new)]
    kinds = {(c["kind"], c["kode"]) for c in changes}
    assert ("recoded", "SK-PATEN-2") in kinds
    assert ("target", "IT-IKM") in kinds
    assert ("changed", None) in kinds
    run("diff", KECAMATAN, new, "--exit-code", expect=1)


def _json_lines(old: Path, new: Path) -> list[str]:
    out = pohon("diff", old, new, "--format", "json")
    return [line for line in out.splitlines() if line.strip() not in ("[", "]")]


# -- the Aceh office: default levels, odd characters and kodes --------------------------


def test_aceh_texts_come_back_exactly(tmp_path: Path) -> None:
    data = json.loads(pohon("show", ACEH, "--format", "json"))
    nodes = {n["kode"]: n for n in _nodes(data["pohon"]) if "kode" in n}
    assert nodes["K.1.3"]["uraian"] == "Kajian Kitab Kuning & Manuskrip Jawi (خط جاوي)"
    assert len(nodes["S.1.1"]["uraian"]) > 500
    assert data["visi"] == "Aceh Besar yang Islami, Bermartabat & Sejahtera — «دار السلام»"


def test_aceh_odd_unit_kodes_work_as_filters_and_page_names(tmp_path: Path) -> None:
    out = pohon("show", ACEH, "--unit", "Seksi 1.1 <Dai>", "--no-indicators")
    assert "K.1.1 [kegiatan]" in out
    run("render", ACEH, "--split", "unit", "-o", tmp_path / "unit")
    names = sorted(p.name for p in (tmp_path / "unit").iterdir())
    assert names == [
        "Bid.I_Dakwah.svg",
        "KADIS.svg",
        "Sekretariat___Umum.svg",
        "Seksi_1.1__Dai_.svg",
        "UPTD_Ma_had.svg",
    ]


def test_aceh_relation_to_the_province_is_not_another_office() -> None:
    # "disampaikan ... ke Dinas Syariat Islam Aceh" reports to the province: no PK108
    assert "PK108" not in pohon("validate", ACEH)


def test_a_copy_with_crlf_reads_the_same(tmp_path: Path) -> None:
    copy = tmp_path / "aceh.yaml"
    shutil.copyfile(ACEH, copy)
    copy.write_bytes(copy.read_bytes().replace(b"\n", b"\r\n"))
    assert pohon("stats", copy).split("\n", 1)[1] == pohon("stats", ACEH).split("\n", 1)[1]
