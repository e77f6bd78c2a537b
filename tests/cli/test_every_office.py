"""Every kind of office's tree fits (issue #12): a dinas's Renstra PD, a kecamatan, a
provincial biro's cascading matrix, a province's RPJMD table, and the real Renstra of
Dinas Perhubungan Situbondo rewritten with `hasil`, `anggaran` and `realisasi_anggaran`.

Each invented tree under ``tests/cases/offices/`` loads with no error and no false alarm
and runs through every command; the real one keeps only the problems its source really
has. The fixtures' own arithmetic (budgets adding up, targets covering the periode,
kodes that exist) is checked on the YAML itself, so that a wrong figure in a fixture is
not mistaken for a bug of pohon. The older fixtures are ``test_offices.py``'s.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CASES, ROOT, run

OFFICES = CASES / "offices"
DINAS = OFFICES / "renstra_dinas.yaml"
KECAMATAN = OFFICES / "kecamatan_renstra.yaml"
BIRO = OFFICES / "biro_cascading.yaml"
RPJMD = OFFICES / "rpjmd_provinsi.yaml"
DISHUB = OFFICES / "dishub_situbondo_hasil.yaml"
# The transcription this copy was made from lives beside the repository, not in it.
REAL_DISHUB = ROOT.parent / "shared" / "real" / "dishub_situbondo_renstra.yaml"
needs_real = pytest.mark.skipif(
    not REAL_DISHUB.is_file(), reason=f"no {REAL_DISHUB} beside this checkout"
)
INVENTED = [DINAS, KECAMATAN, BIRO, RPJMD]
ALL = [*INVENTED, DISHUB]
PLAIN = {"COLUMNS": "120", "NO_COLOR": "1", "FORCE_COLOR": "", "TERM": "xterm"}

LEVELS = {
    DINAS: ["tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"],
    KECAMATAN: ["tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"],
    BIRO: ["kinerja_utama", "kinerja_antara", "kinerja_operasional"],
    RPJMD: ["tujuan", "sasaran"],
    # the source stops at kegiatan: its declared sub_kegiatan level holds no node
    DISHUB: ["tujuan", "sasaran", "program", "kegiatan"],
}
# The plan year, and the year in progress (no realisasi yet, or the biro's 2026 with
# two quarters measured); the dishub copy has one year of plan and none measured.
REPORT_YEARS = {
    DINAS: ["2025", "2026"],
    KECAMATAN: ["2025", "2026"],
    BIRO: ["2025", "2026"],
    RPJMD: ["2025", "2026"],
    DISHUB: ["2026", "2027"],
}
# Pages of --split: misi where the file's nodes name misi (its own or the induk's),
# unit (and the units chart) where it declares unit_kerja.
SPLITS = {
    DINAS: ["misi", "unit"],
    KECAMATAN: ["misi", "unit"],
    BIRO: ["unit"],
    RPJMD: ["misi", "unit"],
    DISHUB: [],
}
# One change per file for diff: (text as written, text of the copy, the kode it changes)
ONE_CHANGE = {
    DINAS: ("{2025: 70, 2026: 75, 2027: 80,", "{2025: 70, 2026: 76, 2027: 80,", "IKK-PKM"),
    KECAMATAN: ("{2025: 64, 2026: 66,", "{2025: 64, 2026: 67,", "IKS-SAKIP"),
    BIRO: ("{2025: 73, 2026: 74.5,", "{2025: 73, 2026: 75,", "IKU-RB"),
    RPJMD: ("2026: [5.2, 5.6]", "2026: [5.3, 5.7]", "IKT-LPE"),
    DISHUB: ("{2026: 85.9, 2027: 86.21,", "{2026: 86, 2027: 86.21,", "IKS-101"),
}
# Info-level problems allowed on the invented trees: none (PK110 would mean a unit of the
# fixture answers for nothing, a mistake of the fixture).
ALLOWED_INFO: dict[Path, set[str]] = {path: set() for path in INVENTED}


def pohon(*args: str | Path, expect: int = 0) -> str:
    return run(*args, expect=expect, env=PLAIN).stdout


def _problems(path: Path) -> list[dict[str, Any]]:
    problems: list[dict[str, Any]] = json.loads(pohon("validate", "--format", "json", path))
    return problems


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _nodes(
    branches: list[dict[str, Any]], above: tuple[dict[str, Any], ...] = ()
) -> Iterator[tuple[dict[str, Any], tuple[dict[str, Any], ...]]]:
    """Each node written in full, with the nodes above it."""
    for branch in branches:
        if "kode" not in branch:
            continue  # `- rujuk: KODE` under anak: written in full elsewhere
        yield branch, above
        yield from _nodes(branch.get("anak", []), (*above, branch))


def _units(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _keys(data: Any) -> Iterator[str]:
    """Every key of a JSON document, at any depth."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _keys(value)
    elif isinstance(data, list):
        for item in data:
            yield from _keys(item)


# -- the fixtures themselves (plain YAML: no pohon involved) -------------------------------


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_fixture_kodes_that_are_named_exist(path: Path) -> None:
    data = _load(path)
    units = {u["kode"] for u in data.get("unit_kerja", [])}
    misi = {m["kode"] for m in data.get("misi", [])}
    misi |= {m["kode"] for m in data.get("induk", {}).get("misi", [])}
    seen: set[str] = set()
    for node, above in _nodes(data["pohon"]):
        assert node["kode"] not in seen, node["kode"]
        seen.add(node["kode"])
        assert set(node.get("misi", [])) <= misi, node["kode"]
        assert set(_units(node.get("penanggung_jawab"))) <= units, node["kode"]
        ancestors = {i["kode"] for n in above for i in n.get("indikator", []) if "kode" in i}
        for item in node.get("indikator", []):
            if "rujuk" in item:
                assert item["rujuk"] in ancestors, (node["kode"], item["rujuk"])
                continue
            assert item["kode"] not in seen, item["kode"]
            seen.add(item["kode"])
            assert set(_units(item.get("penanggung_jawab"))) <= units, item["kode"]


@pytest.mark.parametrize("path", INVENTED, ids=lambda p: p.stem)
def test_fixture_targets_cover_the_periode_exactly(path: Path) -> None:
    data = _load(path)
    years = set(range(data["periode"]["awal"], data["periode"]["akhir"] + 1))
    assert data["tahun"] in years
    for node, _above in _nodes(data["pohon"]):
        for item in node.get("indikator", []):
            if "kode" in item:
                assert set(item["target"]) == years, item["kode"]
                assert set(item.get("realisasi", {})) <= years, item["kode"]
        for key in ("anggaran", "realisasi_anggaran"):
            assert set(node.get(key, {})) <= years, (node["kode"], key)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_fixture_budgets_add_up_and_are_not_overspent(path: Path) -> None:
    data = _load(path)
    budgeted = 0
    for node, _above in _nodes(data["pohon"]):
        pagu = node.get("anggaran", {})
        budgeted += bool(pagu)
        for year, spent in node.get("realisasi_anggaran", {}).items():
            assert 0 <= spent < pagu[year], (node["kode"], year)
        children = [c for c in node.get("anak", []) if "anggaran" in c]
        for year, value in pagu.items():
            assert value >= 0
            assert sum(c["anggaran"][year] for c in children) <= value, (node["kode"], year)
            parts = [i["anggaran"][year] for i in node.get("indikator", []) if "anggaran" in i]
            assert sum(parts) <= value, (node["kode"], year)
    assert budgeted or path in (BIRO, RPJMD)


def test_fixture_dishub_copy_moves_catatan_to_hasil_and_anggaran_as_written() -> None:
    text = DISHUB.read_text(encoding="utf-8")
    data = _load(DISHUB)
    assert "visi" not in data and "misi" not in data
    assert not re.search(r"catatan: .*(outcome|sasaran):", text)
    nodes = {n["kode"]: n for n, _ in _nodes(data["pohon"])}
    budgeted = [n for n in nodes.values() if n["jenjang"] in ("program", "kegiatan")]
    assert len(budgeted) == 22 and all(n.get("hasil") for n in budgeted)
    # the figures of the source, digit for digit
    assert "2026: 31704046735.00, 2027: 30890768616.00," in text
    assert "2026: 55000000.00, 2027: 337700000.00," in text
    assert sorted(k for k, n in nodes.items() if "realisasi_anggaran" in n) == [
        "2.15.01",
        "2.15.02",
    ]


@needs_real
def test_fixture_dishub_copy_keeps_the_transcriptions_names_and_indicators() -> None:
    nodes = {n["kode"]: n for n, _ in _nodes(_load(DISHUB)["pohon"])}
    real = {n["kode"]: n for n, _ in _nodes(_load(REAL_DISHUB)["pohon"])}
    assert {k: (n["uraian"], n.get("indikator")) for k, n in nodes.items()} == {
        k: (n["uraian"], n.get("indikator")) for k, n in real.items()
    }


# -- validate: no error, no false alarm --------------------------------------------------


@pytest.mark.parametrize("path", INVENTED, ids=lambda p: p.stem)
def test_each_invented_office_validates_without_error_or_warning(path: Path) -> None:
    problems = _problems(path)
    assert [p for p in problems if p["severity"] != "info"] == []
    assert {p["code"] for p in problems} <= ALLOWED_INFO[path]
    out = pohon("validate", "--strict", path)
    assert out.strip().startswith("0 errors, 0 warnings")


def test_dishub_copy_keeps_only_the_problems_its_source_has() -> None:
    """No PK114 (the names are nomenclature, the statements are in `hasil`), no PK112.
    What remains is true of the source: the 2030 column outside the periode 2025-2029
    (one problem for the year), IKP-254's empty satuan, and four counts whose targets
    fall below their baseline (no polaritas: naik)."""
    problems = _problems(DISHUB)
    codes = [p["code"] for p in problems]
    assert "PK114" not in codes and "PK112" not in codes
    assert {p["severity"] for p in problems} <= {"warning"}
    assert set(codes) <= {"PK102", "PK115", "PK116"}
    outside = [p for p in problems if p["code"] == "PK116"]
    assert len(outside) == 1 and "2030" in outside[0]["message"]
    assert all("IKP-254" in p["message"] for p in problems if p["code"] == "PK102")
    flagged = {
        kode
        for p in problems
        if p["code"] == "PK115"
        for kode in re.findall(r"`(IK[A-Z]-\d+)`", p["message"])
    }
    assert flagged <= {"IKK-1424", "IKK-1444", "IKK-1449", "IKK-1455"}
    run("validate", DISHUB, env=PLAIN)  # exit 0: warnings only


@needs_real
def test_the_real_transcription_still_loads_unchanged() -> None:
    before = REAL_DISHUB.read_bytes()
    problems = _problems(REAL_DISHUB)
    assert [p for p in problems if p["severity"] == "error"] == []
    assert pohon("show", REAL_DISHUB)
    assert REAL_DISHUB.read_bytes() == before


# -- every command ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_every_read_command_answers_with_output(path: Path) -> None:
    for fmt in ("text", "json", "github", "sarif", "junit"):
        run("validate", "--format", fmt, path, env=PLAIN)
    for fmt in ("text", "json"):
        assert pohon("show", path, "--format", fmt).strip()
        assert pohon("units", path, "--format", fmt).strip()
    for fmt in ("text", "csv", "markdown", "json"):
        assert pohon("indicators", path, "--format", fmt).strip()
    for fmt in ("text", "markdown", "json"):
        assert pohon("stats", path, "--format", fmt).strip()
    for year in REPORT_YEARS[path]:
        for fmt in ("text", "markdown", "json", "csv"):
            assert pohon("report", path, "--year", year, "--format", fmt).strip()


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_diff_against_itself_and_a_copy_with_one_change(path: Path, tmp_path: Path) -> None:
    assert pohon("diff", path, path).strip()
    assert json.loads(pohon("diff", path, path, "--format", "json")) == []
    run("diff", path, path, "--exit-code", env=PLAIN)
    old, new, kode = ONE_CHANGE[path]
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    copy = tmp_path / path.name
    copy.write_text(text.replace(old, new), encoding="utf-8")
    changes = json.loads(pohon("diff", path, copy, "--format", "json"))
    assert [c["kode"] for c in changes] == [kode]
    assert kode in pohon("diff", path, copy, "--format", "markdown")
    run("diff", path, copy, "--exit-code", expect=1, env=PLAIN)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_render_draws_with_the_real_dot(path: Path, tmp_path: Path) -> None:
    svg = tmp_path / "pohon.svg"
    run("render", path, "-o", svg, env=PLAIN)
    assert svg.read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg"))
    if "unit" in SPLITS[path]:
        units = tmp_path / "units.svg"
        run("render", path, "--units", "-o", units, env=PLAIN)
        assert units.stat().st_size > 0
    for split in SPLITS[path]:
        out = tmp_path / split
        run("render", path, "--split", split, "-o", out, env=PLAIN)
        pages = list(out.iterdir())
        assert pages and all(p.stat().st_size > 0 for p in pages)
    dot = pohon("render", path, "--format", "dot", "-o", "-")
    bands = re.findall(r"<B>([A-Z ]+)</B></TD></TR></TABLE>>\]", dot)
    assert [b for b in bands if b != "MISI"] == [
        level.replace("_", " ").upper() for level in LEVELS[path]
    ]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_export_writes_every_format(path: Path, tmp_path: Path) -> None:
    run("export", path, "-o", tmp_path / "x.xlsx", env=PLAIN)
    run("export", path, "--format", "csv", "-o", tmp_path / "csv", env=PLAIN)
    run("export", path, "--format", "markdown", "-o", tmp_path / "x.md", env=PLAIN)
    assert (tmp_path / "x.xlsx").stat().st_size > 0
    assert (tmp_path / "x.md").read_text(encoding="utf-8").strip()
    sheets = {p.name: p.stat().st_size for p in (tmp_path / "csv").iterdir()}
    assert {"cascading.csv", "manual_ik.csv"} <= set(sheets) and all(sheets.values())
    assert pohon("export", path, "--format", "markdown", "-o", "-").strip()


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_stats_lists_the_office_levels_in_their_order(path: Path) -> None:
    data = json.loads(pohon("stats", path, "--format", "json"))
    levels = [row["level"] for row in data["levels"] if row["nodes"]]
    assert levels == LEVELS[path]


@pytest.mark.parametrize("path", [DINAS, KECAMATAN, BIRO, DISHUB], ids=lambda p: p.stem)
def test_an_office_without_visi_prints_no_empty_visi(path: Path) -> None:
    assert not re.search(r"^\[visi\]\s*$", pohon("show", path), re.M)
    assert "<B>Visi</B>" not in pohon("render", path, "--format", "dot", "-o", "-")


# -- what each office adds ---------------------------------------------------------------


@pytest.mark.parametrize("path", [DINAS, KECAMATAN, DISHUB], ids=lambda p: p.stem)
def test_report_shows_serapan_anggaran(path: Path) -> None:
    year = REPORT_YEARS[path][0]
    data = json.loads(pohon("report", path, "--year", year, "--format", "json"))
    assert "serapan_anggaran" in set(_keys(data))
    assert "serapan" in pohon("report", path, "--year", year).casefold()


def test_dinas_indicator_carried_to_its_sub_kegiatan_is_listed_twice_scored_once() -> None:
    data = json.loads(pohon("show", DINAS, "--format", "json"))
    shown = {n["kode"]: n for n, _ in _nodes(data["pohon"])}
    assert "IKK-BUMIL" in json.dumps(shown["1.02.02.2.02"]["indikator"])
    assert "IKK-BUMIL" in json.dumps(shown["1.02.02.2.02.0001"]["indikator"])
    report = json.loads(pohon("report", DINAS, "--format", "json"))
    assert [r["kode"] for r in report["indikator"]].count("IKK-BUMIL") == 1


def test_dinas_hasil_is_shown_beside_the_nomenclature_name() -> None:
    out = pohon("show", DINAS, "--no-indicators")
    assert "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN" in out
    assert "Meningkatnya cakupan pelayanan kesehatan" in " ".join(out.split())


def test_biro_result_of_two_units_is_each_units_work() -> None:
    for unit in ("KATIM-TATALAKSANA", "KATIM-ANJAB"):
        assert "IKO-PROBIS" in pohon("indicators", BIRO, "--unit", unit, "--format", "csv")
    data = json.loads(pohon("units", BIRO, "--format", "json"))
    units = {u["kode"]: json.dumps(u) for u in data["unit_kerja"]}
    assert "IKO-PROBIS" in units["KATIM-TATALAKSANA"] and "IKO-PROBIS" in units["KATIM-ANJAB"]


def test_biro_year_in_progress_compares_the_quarters_measured_with_those_planned() -> None:
    data = json.loads(pohon("report", BIRO, "--year", "2026", "--format", "json"))
    rows = {r["kode"]: r for r in data["indikator"]}
    # tw1 + tw2 measured (4 + 13) against tw1 + tw2 planned (5 + 12), not the year's 42
    assert rows["IKO-LHE"]["capaian"] == pytest.approx(100)


def test_rpjmd_ranges_without_polaritas_raise_nothing() -> None:
    codes = {p["code"] for p in _problems(RPJMD)}
    assert "PK119" not in codes and "PK115" not in codes
    assert "polaritas:" not in RPJMD.read_text(encoding="utf-8")
