"""``pohon report``: achievement worked out by hand for every polarity, range, quarter and
text case; missing realisasi never counted as 0; bands, cap and scales from the config;
every format; the seed with the illustrative realisasi of tests/cases/report."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import CASES, DATA, run

from pohon_cli.capaian import NoCapaian, capaian, capped, explain, on_scale
from pohon_cli.filters import Filter, select
from pohon_cli.load import load_path
from pohon_cli.model import combine
from pohon_cli.report import DEFAULT_BANDS, Settings, build, settings_with

D = Decimal
CASES_FILE = CASES / "report" / "cases.yaml"
SEED = CASES / "report" / "pohon_realisasi.yaml"
PLAIN = {"COLUMNS": "200", "NO_COLOR": "", "FORCE_COLOR": "", "TERM": "xterm"}
OPINI = ("TMP", "TW", "WDP", "WTP")


def report(*args: str | Path, expect: int = 0, **env: str) -> str:
    return run("report", *args, expect=expect, env={**PLAIN, **env}).stdout


def as_json(*args: str | Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(report(*args, "--format", "json"), parse_float=Decimal)
    return data


def by_kode(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["kode"]: row for row in data["indikator"]}


# -- the arithmetic, by hand


@pytest.mark.parametrize(
    ("kode", "raw", "kept", "band"),
    [
        ("NAIK", "98.00", "98.00", "Sangat Baik"),  # 98 / 100
        ("NAIK-LEBIH", "125.00", "120.00", "Sangat Baik"),  # 5 / 4, capped at 120
        ("TURUN", "107.14", "107.14", "Sangat Baik"),  # (1 + (1 - 6.5 / 7)) = 1.071428...
        ("TURUN-BURUK", "-50.00", "0.00", "Sangat Kurang"),  # (1 + (1 - 5 / 2)), never below 0
        ("DESIMAL", "110.00", "110.00", "Sangat Baik"),  # 1.32 / 1.20
        ("STABIL-DALAM", "100.00", "100.00", "Sangat Baik"),  # 85 inside [80, 90]
        ("STABIL-BAWAH", "90.00", "90.00", "Baik"),  # 72 / 80
        ("STABIL-ATAS", "90.00", "90.00", "Baik"),  # (1 + (1 - 99 / 90))
        ("RENTANG-NAIK", "102.22", "102.22", "Sangat Baik"),  # naik above: 92 / 90
        ("RENTANG-TURUN", "107.14", "107.14", "Sangat Baik"),  # turun below: against 7
        ("OPINI-SAMA", "100.00", "100.00", "Sangat Baik"),  # reached on the scale
        ("OPINI-BAWAH", "75.00", "75.00", "Cukup"),  # WDP is 3rd of 4, WTP 4th: 3 / 4
        ("TW-JUMLAH", "120.00", "120.00", "Sangat Baik"),  # (2 + 3 + 4 + 3) / 10
        ("TW-RATA", "98.00", "98.00", "Sangat Baik"),  # (100 + 95 + 100 + 97) / 4 = 98
        ("TW-AKHIR", "95.00", "95.00", "Sangat Baik"),  # tw4: 95 / 100
        ("TW-BERJALAN", "50.00", "50.00", "Sangat Kurang"),  # tw1 + tw2 so far: 6 / 12
        ("NOL-TEPAT", "100.00", "100.00", "Sangat Baik"),  # 0 against 0 is met
    ],
)
def test_each_case_by_hand(kode: str, raw: str, kept: str, band: str) -> None:
    row = by_kode(as_json(CASES_FILE))[kode]
    assert (str(row["capaian"]), str(row["capaian_dibatasi"]), row["predikat"]) == (
        raw,
        kept,
        band,
    )
    assert row["status"] == "dinilai"


def test_the_domains_turun_example() -> None:
    result = capaian(D(7), D("6.5"), "turun")
    assert result is not None
    assert str(build_rows()["TURUN"].raw) == "107.14"


def build_rows() -> dict[str, Any]:
    tree = load_path(CASES_FILE).tree
    assert tree is not None
    return {row.indicator.code: row for row in build(tree, 2024).rows}


@pytest.mark.parametrize(
    ("target", "realisasi", "polaritas", "expected"),
    [
        # PermenPAN-RB 6/2022's range examples: against the nearer bound, by the polaritas
        ((D(80), D(90)), D(92), "naik", D(92) / D(90) * 100),
        ((D(80), D(90)), D(70), "naik", D("87.5")),
        ((D(7), D(8)), D("6.5"), "turun", (2 - D("6.5") / D(7)) * 100),
        ((D(7), D(8)), D(9), "turun", D("87.5")),
        ((D(80), D(90)), D(85), "turun", D(100)),
    ],
)
def test_ranges_follow_the_polaritas(
    target: tuple[Decimal, Decimal], realisasi: Decimal, polaritas: Any, expected: Decimal
) -> None:
    result = capaian(target, realisasi, polaritas)
    assert result is not None
    assert abs(result - expected) < D("1e-20")


def test_text_scale_rule() -> None:
    assert on_scale("WTP", "WTP", OPINI) == D(100)
    assert on_scale("WDP", "WTP", OPINI) == D(100)  # above the target: met, no more
    assert on_scale("WTP", "TW", OPINI) == D(50)  # 2 / 4
    assert on_scale("WTP", "TMP", OPINI) == D(25)  # 1 / 4
    assert on_scale("WTP", "wtp", OPINI) == NoCapaian(
        "`wtp` is not on the scale (TMP, TW, WDP, WTP)"
    )


@pytest.mark.parametrize(
    ("target", "realisasi", "polaritas", "scale", "words"),
    [
        (D(0), D(1), "turun", None, "the target is 0: realisasi / target divides by zero"),
        (D(0), D(3), "naik", None, "divides by zero"),
        (D(-5), D(1), "naik", None, "below zero"),
        ((D(0), D(10)), D(-1), "stabil", None, "divide by a positive bound"),
        ("WTP", "WTP", "naik", None, "declare the order"),
        ("WTP", D(1), "naik", OPINI, "the target `WTP` is text but the realisasi is a number"),
        (D(100), "WTP", "naik", None, "the realisasi `WTP` is text"),
        (D(100), (D(1), D(2)), "naik", None, "not a range"),
    ],
)
def test_no_number_says_why(
    target: Any, realisasi: Any, polaritas: Any, scale: Any, words: str
) -> None:
    result = explain(target, realisasi, polaritas, scale)
    assert isinstance(result, NoCapaian)
    assert words in result.reason


def test_capped_is_between_zero_and_the_cap() -> None:
    assert capped(D(130), D(120)) == D(120)
    assert capped(D(-3), D(120)) == D(0)
    assert capped(D(130), None) == D(130)
    assert capped(D("99.5"), D(120)) == D("99.5")


@pytest.mark.parametrize(
    ("how", "quarters", "complete", "expected"),
    [
        ("jumlah", {"tw1": D(2), "tw2": D(3), "tw3": D(4), "tw4": D(3)}, True, D(12)),
        ("rata_rata", {"tw1": D(100), "tw2": D(95), "tw3": D(100), "tw4": D(97)}, True, D(98)),
        (
            "rata_rata",
            {"tw1": D("1.10"), "tw2": D("1.10"), "tw3": D("1.10"), "tw4": D("1.10")},
            True,
            "1.10",
        ),
        ("terakhir", {"tw1": D(60), "tw4": D(95)}, True, D(95)),
        ("jumlah", {"tw1": D(3), "tw2": D(3)}, True, None),  # not complete
        ("jumlah", {"tw1": D(3), "tw2": D(3)}, False, D(6)),  # so far
        ("rata_rata", {"tw1": D(1), "tw2": D(2)}, False, D("1.5")),
        ("terakhir", {"tw1": D(60), "tw3": D(85)}, False, D(85)),
        ("terakhir", {"tw1": D(60), "tw3": D(85)}, True, None),  # tw4 not in yet
        ("jumlah", {"tw1": D(3), "tw3": D(3)}, False, None),  # tw2 missing is not 0
        ("rata_rata", {"tw2": D(3)}, False, None),  # nor is tw1
        (None, {"tw1": D(3)}, False, None),  # no konsolidasi: no guess
    ],
)
def test_quarters_combined_each_way(
    how: Any, quarters: Any, complete: bool, expected: Decimal | str | None
) -> None:
    result = combine(quarters, how, complete=complete)
    if isinstance(expected, str):
        assert str(result) == expected  # the digits as written survive an average
    else:
        assert result == expected


# -- what is missing is missing


def test_missing_realisasi_is_listed_not_counted_as_zero() -> None:
    data = as_json(CASES_FILE)
    rows = by_kode(data)
    assert rows["HILANG"]["status"] == "tanpa_realisasi"
    assert rows["HILANG"]["capaian"] is None
    assert rows["TW-BOLONG"]["status"] == "tanpa_realisasi"
    assert "tw2 missing before tw3" in rows["TW-BOLONG"]["keterangan"]
    assert rows["TANPA-TARGET"]["status"] == "tanpa_target"
    assert data["tanpa_realisasi"] == ["TW-BOLONG", "HILANG"]
    # S2's average is over what was rated only: TW-JUMLAH 120, TW-RATA 98, TW-AKHIR 95,
    # TW-BERJALAN 50, NOL-TEPAT 100 -> 463 / 5 = 92.60
    s2 = {s["kode"]: s for s in data["ringkasan"]["simpul"]}["S2"]
    assert (s2["dinilai"], s2["tanpa_realisasi"], s2["tidak_dinilai"], s2["tanpa_target"]) == (
        5,
        2,
        1,
        1,
    )
    assert str(s2["rata_rata"]) == "92.60"
    assert s2["sementara"] == 1


def test_target_zero_is_a_message_not_a_crash() -> None:
    row = by_kode(as_json(CASES_FILE))["NOL"]
    assert row["status"] == "tidak_dinilai"
    assert "divides by zero" in row["keterangan"]


def test_summaries_average_the_capped_values() -> None:
    data = as_json(CASES_FILE)
    t1 = {s["kode"]: s for s in data["ringkasan"]["simpul"]}["T1"]
    # 98 + 120 (125 capped) + 107.14 + 0 (-50 floored) + 110 = 435.14 / 5 = 87.028
    assert str(t1["rata_rata"]) == "87.03"
    assert t1["predikat"] == "Baik"
    units = {s["kode"]: s["rata_rata"] for s in data["ringkasan"]["unit"]}
    assert str(units["A"]) == "87.03"
    missions = {s["kode"]: s for s in data["ringkasan"]["misi"]}
    # S2 serves M1 through T1; S1 says M2, which replaces what it would inherit
    assert missions["M1"]["dinilai"] == 5 + 5
    assert missions["M2"]["dinilai"] == 7


# -- settings


def test_default_bands_boundaries() -> None:
    settings = Settings()
    assert [settings.band(D(v)) for v in ("91", "90.99", "76", "75.99", "66", "51", "50.99")] == [
        "Sangat Baik",
        "Baik",
        "Baik",
        "Cukup",
        "Cukup",
        "Kurang",
        "Sangat Kurang",
    ]
    assert settings.band(D(-10)) == "Sangat Kurang"
    assert DEFAULT_BANDS[0].name == "Sangat Baik"


def test_bands_cap_and_scales_from_the_config(tmp_path: Path) -> None:
    (tmp_path / "pohon.toml").write_text(
        "[report]\n"
        "cap = 110\n"
        'bands = { "Memuaskan" = 100, "Belum" = 0 }\n'
        '[report.scales]\npredikat = ["C", "B", "BB", "A", "AA"]\n',
        encoding="utf-8",
    )
    copy = tmp_path / "cases.yaml"
    copy.write_text(CASES_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    rows = by_kode(as_json(copy))
    assert (str(rows["NAIK-LEBIH"]["capaian_dibatasi"]), rows["NAIK-LEBIH"]["predikat"]) == (
        "110.00",
        "Memuaskan",
    )
    assert rows["NAIK"]["predikat"] == "Belum"
    # B is 2nd of 5, BB 3rd: 2 / 3
    assert str(rows["TEKS-TANPA-SKALA"]["capaian"]) == "66.67"
    assert as_json(copy)["pengaturan"]["batas_atas"] == 110


def test_no_cap(tmp_path: Path) -> None:
    (tmp_path / "pohon.toml").write_text("[report]\ncap = false\n", encoding="utf-8")
    copy = tmp_path / "cases.yaml"
    copy.write_text(CASES_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    assert str(by_kode(as_json(copy))["NAIK-LEBIH"]["capaian_dibatasi"]) == "125.00"


def test_settings_from_the_config_are_written_in_digits(tmp_path: Path) -> None:
    """TOML floats (``1e20``, ``0.5e2``) come through as the digits, never as ``1E+20``."""
    (tmp_path / "pohon.toml").write_text(
        "[report]\ncap = 1e20\nbands = { Baik = 0.5e2, Buruk = 0 }\n", encoding="utf-8"
    )
    copy = tmp_path / "cases.yaml"
    copy.write_text(CASES_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    for fmt in ("text", "markdown"):
        out = run("report", copy, "--format", fmt).stdout
        assert "capped at 100000000000000000000 (and at 0)" in out and "E+" not in out, out


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        ("[report]\ncap = 90\n", "pohon.toml:2: `report.cap` must be a number of 100 or more"),
        ("[report]\nbands = []\n", "must be a table of band = lowest capaian"),
        ('[report]\nbands = { A = "x" }\n', "`report.bands.A` must be a number"),
        ("[report]\nbands = { A = 1, B = 1 }\n", "two bands start at 1"),
        ('[report]\nscales = { opini = ["WTP"] }\n', "must list at least two values"),
        ("[report]\ncaps = 1\n", "`report.caps`: unknown key (did you mean `cap`"),
    ],
)
def test_bad_report_config_exits_2(tmp_path: Path, toml: str, words: str) -> None:
    (tmp_path / "pohon.toml").write_text(toml, encoding="utf-8")
    copy = tmp_path / "cases.yaml"
    copy.write_text(CASES_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    assert words in run("report", copy, expect=2).stderr


def test_the_files_scale_wins_over_the_configs() -> None:
    tree = load_path(CASES_FILE).tree
    assert tree is not None
    settings = settings_with(scales={"opini": ("WTP", "WDP", "TW", "TMP")})
    rows = {r.indicator.code: r for r in build(tree, 2024, settings).rows}
    assert rows["OPINI-BAWAH"].raw == D("75.00")


# -- formats


def test_text_has_a_bar_per_indicator_and_no_escape_codes_when_piped() -> None:
    out = report(CASES_FILE)
    assert "\x1b[" not in out
    assert "Capaian kinerja 2024 — KC" in out
    line = next(x for x in out.splitlines() if x.startswith("NAIK "))
    assert "98.00" in line and "########.." in line  # 98 of 120 in ten cells
    assert re.search(r"TW-BERJALAN\s+jumlah tw1–tw2, year in progress", out)
    assert "overall:" in out.splitlines()[-1]


def test_text_on_a_terminal_uses_colour_and_blocks() -> None:
    out = report(CASES_FILE, FORCE_COLOR="1")
    assert "\x1b[" in out and "█" in out


def test_csv_parses_with_one_row_per_indicator() -> None:
    rows = list(csv.DictReader(io.StringIO(report(CASES_FILE, "--format", "csv"))))
    assert len(rows) == 23
    assert rows[0]["kode"] == "NAIK" and rows[0]["capaian"] == "98.00"
    turun = next(r for r in rows if r["kode"] == "TURUN")
    assert (turun["target"], turun["realisasi"], turun["capaian"]) == ("7", "6.5", "107.14")


def test_markdown_is_tables() -> None:
    out = report(CASES_FILE, "--format", "markdown")
    assert out.startswith("## Capaian kinerja 2024")
    header = next(x for x in out.splitlines() if x.startswith("| kode"))
    assert [c.strip() for c in header.strip("|").split("|")][:3] == ["kode", "indikator", "simpul"]
    assert "### Rata-rata per misi" in out
    assert "| TURUN | Lama bulan | T1 |" in out


def test_json_numbers_keep_their_digits() -> None:
    text = report(CASES_FILE, "--format", "json")
    assert '"target": 1.20' in text and '"capaian": 110.00' in text
    rows = by_kode(json.loads(text, parse_float=Decimal))
    assert rows["TW-JUMLAH"]["realisasi_tertulis"] == {"tw1": 2, "tw2": 3, "tw3": 4, "tw4": 3}
    assert rows["TW-JUMLAH"]["realisasi"] == 12


# -- filters, years, bad input


def test_filters_select_the_indicators() -> None:
    assert [r["kode"] for r in as_json(CASES_FILE, "--root", "S1")["indikator"]][:2] == [
        "STABIL-DALAM",
        "STABIL-BAWAH",
    ]
    assert {r["penanggung_jawab"] for r in as_json(CASES_FILE, "--unit", "C")["indikator"]} == {"C"}
    misi = as_json(CASES_FILE, "--misi", "M2")
    assert {r["simpul"] for r in misi["indikator"]} == {"S1"}
    assert [s["kode"] for s in misi["ringkasan"]["misi"]] == ["M2"]


def test_selection_in_the_core() -> None:
    tree = load_path(CASES_FILE).tree
    assert tree is not None
    built = build(tree, 2024, selection=select(tree, Filter(unit="B")))
    assert {r.node for r in built.rows} == {"S1"}


def test_year_is_checked() -> None:
    assert (
        "no target or realisasi for 2019"
        in run("report", CASES_FILE, "--year", "2019", expect=2).stderr
    )
    assert as_json(CASES_FILE, "--year", "2025")["tahun"] == 2025


def test_unknown_misi_and_format_exit_2() -> None:
    assert "no misi `M9`" in run("report", CASES_FILE, "--misi", "M9", expect=2).stderr
    assert "unknown format" in run("report", CASES_FILE, "-f", "xlsx", expect=2).stderr


def test_a_broken_file_is_reported_as_validate_does(
    write: Callable[[str, str], Path],
) -> None:
    text = re.sub(
        r"\n *konsolidasi: jumlah\n", "\n", CASES_FILE.read_text(encoding="utf-8"), count=1
    )
    broken = write(text, "b.yaml")
    err = run("report", broken, expect=1).stderr
    assert re.search(r"b\.yaml:\d+:\d+: error \[PK012\] `realisasi`: quarters", err)


@pytest.mark.parametrize(
    ("realisasi", "words"),
    [
        ("{2024: {tw5: 1}}", "`tw5` is not a quarter (triwulan)"),
        ("{2024: {tw1: banyak}}", "tw1: a quarter's realisasi is a number, not the text `banyak`"),
        ("{2024: {tw1: }}", "tw1 is empty"),
        ("{2024: {tw1: [1, 2]}}", "tw1: a quarter's realisasi is a number, not a list"),
        ("{2024: {tw1: 1, TW2: 2, q3: 3}}", "`TW2`, `q3` are not quarters (triwulan)"),
        ("{2024: {}}", "no quarter is written"),
    ],
)
def test_quarters_are_checked_with_clear_messages(
    write: Callable[[str, str], Path], realisasi: str, words: str
) -> None:
    path = write(
        f"""
        versi: 1
        instansi: {{nama: K}}
        tahun: 2024
        visi: V
        misi: [{{kode: M1, uraian: M}}]
        pohon:
          - kode: T1
            jenjang: tujuan
            uraian: Meningkatnya x
            indikator:
              - kode: I1
                uraian: Jumlah
                konsolidasi: jumlah
                realisasi: {realisasi}
        """,
        "q.yaml",
    )
    err = run("validate", path, expect=1).stdout
    assert f"q.yaml:14:27: error [PK012] `realisasi` for 2024: {words}" in err


def test_a_file_without_realisasi_reports_every_indicator_missing() -> None:
    data = as_json(DATA)
    assert data["ringkasan"]["keseluruhan"]["dinilai"] == 0
    assert len(data["tanpa_realisasi"]) == 45


# -- the seed with illustrative realisasi (the example in docs/report.md)


def test_seed_with_realisasi() -> None:
    data = as_json(SEED)
    overall = data["ringkasan"]["keseluruhan"]
    assert (overall["dinilai"], overall["tanpa_realisasi"], overall["sementara"]) == (42, 3, 1)
    assert str(overall["rata_rata"]) == "97.31"
    assert data["tanpa_realisasi"] == [
        "IK-SENGKETA-DIMENANGKAN",
        "IK-RANCANGAN-PKPU-PROV",
        "IKK-NASKAH",
    ]
    rows = by_kode(data)
    assert str(rows["IKK-OPINI-BPK"]["capaian"]) == "75.00"  # WDP against WTP
    assert str(rows["IK-SENGKETA-DIHADAPI"]["capaian"]) == "200.00"  # 0 disputes, turun
    assert str(rows["IK-SENGKETA-DIHADAPI"]["capaian_dibatasi"]) == "120.00"


def test_the_report_page_shows_the_report_of_the_seed() -> None:
    docs = Path(__file__).resolve().parent.parent / "docs"
    page = (docs / "report.md").read_text(encoding="utf-8")
    assert "pohon report tests/cases/report/pohon_realisasi.yaml" in page
    assert "overall: 97.31 (Sangat Baik) over 42 rated indicators" in page
