"""Quarterly targets (target triwulan): a year's target written per quarter as realisasi
is, combined by ``konsolidasi``; every mistake at its place; report compares a year in
progress with the quarters planned so far; views, export, diff, emit and the rules."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import CASES, run

from pohon_cli.diff import diff
from pohon_cli.load import load_path, load_text
from pohon_cli.model import Tree
from pohon_cli.yaml_writer import to_yaml

FILE = CASES / "report" / "target_triwulan.yaml"
D = Decimal

HEADER = """\
versi: 1
instansi: {nama: K}
tahun: 2026
visi: V
misi: [{kode: M1, uraian: M}]
pohon:
  - kode: T1
    jenjang: tujuan
    uraian: Meningkatnya x
    indikator:
      - kode: I1
        uraian: Jumlah kegiatan
"""


def tree_of(path: Path) -> Tree:
    loaded = load_path(path)
    assert loaded.ok and loaded.tree is not None, loaded.problems
    return loaded.tree


def rows(*args: str | Path) -> dict[str, dict[str, Any]]:
    data = json.loads(run("report", FILE, "-f", "json", *args).stdout)
    return {r["kode"]: r for r in data["indikator"]}


# -- the format ------------------------------------------------------------------------------


def test_a_quarterly_target_is_one_value_per_year_for_its_readers() -> None:
    tree = tree_of(FILE)
    by_kode = {i.code: i for _, i in tree.indicators()}
    # terakhir: tw4; rata_rata: the average; jumlah: the sum; a year value as written
    assert by_kode["IK-ADUAN"].targets == {2026: D(100)}
    assert by_kode["IK-SURVEI"].targets == {2026: D(83)}
    assert by_kode["IK-SOSIALISASI"].targets == {2026: D(10)}
    assert by_kode["IK-DOKUMEN"].targets == {2025: D(4), 2026: D(5)}
    assert by_kode["IK-DOKUMEN"].parent_targets == {2026: D(4)}
    assert by_kode["IK-SEMESTER"].targets == {2026: D(100)}  # terakhir: tw2 and tw4 only
    written = by_kode["IK-SOSIALISASI"].written_targets[2026]
    assert written == {"tw1": D(2), "tw2": D(3), "tw3": D(3), "tw4": D(2)}


@pytest.mark.parametrize(
    ("konsolidasi", "target", "col", "words"),
    [
        ("jumlah", "{2026: {tw1: 1, tw5: 1}}", 24, "`tw5` is not a quarter (triwulan)"),
        ("jumlah", "{2026: {TW1: 1, tw2: 1}}", 24, "`TW1` is not a quarter (triwulan)"),
        ("jumlah", "{2026: {tw1: }}", 24, "tw1 is empty: write a number"),
        (
            "jumlah",
            "{2026: {tw1: banyak}}",
            24,
            "tw1: a quarter's target is a number, not the text `banyak`",
        ),
        ("jumlah", "{2026: {tw1: [1, 2]}}", 24, "tw1: a quarter's target is a number, not a list"),
        ("jumlah", "{2026: {}}", 24, "no quarter is written"),
        (
            "jumlah",
            "{2025: 4, 2026: {tw1: 1, tw2: 1}}",
            33,
            "a target written per quarter plans the whole year: tw3, tw4 are missing",
        ),
        (
            "terakhir",
            "{2026: {tw1: 1, tw2: 1}}",
            24,
            "a target written per quarter plans the whole year, and with `konsolidasi: "
            "terakhir` the year's target is tw4's: tw4 is missing; write tw4",
        ),
        (None, "{2026: {tw1: 1, tw2: 1, tw3: 1, tw4: 1}}", 24, "quarters (tw1..tw4) need"),
    ],
)
def test_bad_quarters_of_a_target_are_told_at_their_place(
    write: Callable[[str, str], Path],
    konsolidasi: str | None,
    target: str,
    col: int,
    words: str,
) -> None:
    how = f"        konsolidasi: {konsolidasi}\n" if konsolidasi else "        satuan: kali\n"
    path = write(HEADER + how + f"        target: {target}\n", "q.yaml")
    out = run("validate", path, expect=1).stdout
    assert f"q.yaml:14:{col}: error [PK012] `target` for 2026: {words}" in out, out


def test_bad_quarters_in_block_style_and_in_target_induk(write: Callable[[str, str], Path]) -> None:
    path = write(
        HEADER
        + "        nasional: true\n"
        + "        target_induk:\n"
        + "          2026: {tw1: 1, Tw2: 1}\n"
        + "        target:\n"
        + "          2026:\n"
        + "            tw1: 1\n"
        + "            tw2: 1\n",
        "b.yaml",
    )
    out = run("validate", path, expect=1).stdout
    assert "b.yaml:15:17: error [PK012] `target_induk` for 2026: `Tw2` is not a quarter" in out
    assert "b.yaml:18:13: error [PK012] `target` for 2026: quarters (tw1..tw4) need" in out


def test_konsolidasi_may_follow_the_target(write: Callable[[str, str], Path]) -> None:
    path = write(
        HEADER + "        target: {2026: {tw1: 1, tw2: 2, tw3: 3, tw4: 4}}\n"
        "        konsolidasi: jumlah\n",
        "after.yaml",
    )
    assert "0 errors" in run("validate", path).stdout


# -- report ------------------------------------------------------------------------------


def test_a_year_in_progress_is_compared_with_the_quarters_planned_so_far() -> None:
    found = rows()
    # terakhir: tw2 measured (45) against tw2's target (50)
    aduan = found["IK-ADUAN"]
    assert (aduan["target"], aduan["realisasi"], aduan["capaian"]) == (50, 45, 90.00)
    assert aduan["target_triwulan"] == ["tw2"]
    assert aduan["target_tertulis"] == {"tw1": 25, "tw2": 50, "tw3": 75, "tw4": 100}
    assert aduan["dasar"] == "terakhir tw2 against the target of tw2, year in progress"
    # jumlah: tw1 + tw2 measured (4) against tw1 + tw2 planned (5)
    sosialisasi = found["IK-SOSIALISASI"]
    assert (sosialisasi["target"], sosialisasi["realisasi"], sosialisasi["capaian"]) == (5, 4, 80)
    assert sosialisasi["target_triwulan"] == ["tw1", "tw2"]
    assert sosialisasi["dasar"] == "jumlah tw1–tw2 against the target up to tw2, year in progress"
    # rata_rata: tw1 (81) against tw1's target (80)
    assert (found["IK-SURVEI"]["target"], found["IK-SURVEI"]["capaian"]) == (80, 101.25)
    # one value for the year: compared as before, and said so
    konten = found["IK-KONTEN"]
    assert (konten["target"], konten["capaian"], konten["target_triwulan"]) == (12, 50.00, None)
    assert konten["target_tertulis"] == 12
    assert konten["dasar"] == "jumlah tw1–tw2, year in progress"
    # terakhir, tw1 measured but only tw2 and tw4 planned: the year's target
    semester = found["IK-SEMESTER"]
    assert (semester["target"], semester["target_triwulan"]) == (100, None)
    assert all(r["sementara"] for r in found.values())


def test_the_report_row_says_which_quarters_were_compared() -> None:
    text = run("report", FILE, env={"COLUMNS": "160"}).stdout
    assert "IK-SOSIALISASI  jumlah tw1–tw2 against the target up to tw2, year in progress" in text
    table = list(csv.DictReader(io.StringIO(run("report", FILE, "-f", "csv").stdout)))
    notes = {r["kode"]: r["keterangan"] for r in table}
    assert notes["IK-ADUAN"] == "terakhir tw2 against the target of tw2, year in progress"
    markdown = run("report", FILE, "-f", "markdown").stdout
    assert "against the target up to tw2" in markdown


def test_a_whole_year_compares_the_combined_target(write: Callable[[str, str], Path]) -> None:
    path = write(
        HEADER + "        konsolidasi: jumlah\n"
        "        target: {2026: {tw1: 1, tw2: 1, tw3: 1, tw4: 1}}\n"
        "        realisasi: {2026: {tw1: 1, tw2: 1, tw3: 1, tw4: 2}}\n",
        "whole.yaml",
    )
    data = json.loads(run("report", path, "-f", "json").stdout)["indikator"][0]
    assert (data["target"], data["realisasi"], data["capaian"]) == (4, 5, 125)
    assert (data["target_triwulan"], data["sementara"]) == (None, False)


# -- views, export ---------------------------------------------------------------------------


def test_show_and_indicators_show_the_quarters_compactly() -> None:
    show = run("show", FILE).stdout
    assert "target 2026: 10 kali (tw1 2, tw2 3, tw3 3, tw4 2)" in show
    assert "target 2026: 12 konten\n" in show
    data = json.loads(run("show", FILE, "-f", "json").stdout)
    found = _indicators_of(data)
    assert found["IK-ADUAN"]["target"] == {"2026": 100}
    assert found["IK-ADUAN"]["target_triwulan"] == {
        "2026": {"tw1": 25, "tw2": 50, "tw3": 75, "tw4": 100}
    }
    assert found["IK-DOKUMEN"]["target_induk_triwulan"] == {
        "2026": {"tw1": 1, "tw2": 1, "tw3": 1, "tw4": 1}
    }
    assert found["IK-KONTEN"]["target_triwulan"] == {}
    table = run("indicators", FILE, "-f", "markdown").stdout
    assert "| 10 (tw1 2, tw2 3, tw3 3, tw4 2) |" in table
    sheet = {
        r["kode"]: r
        for r in csv.DictReader(io.StringIO(run("indicators", FILE, "-f", "csv").stdout))
    }
    assert sheet["IK-SOSIALISASI"]["target 2026"] == "10"
    listed = {r["kode"]: r for r in json.loads(run("indicators", FILE, "-f", "json").stdout)}
    assert listed["IK-SURVEI"]["target"] == {"2025": None, "2026": 83}
    assert listed["IK-SURVEI"]["target_triwulan"] == {
        "2026": {"tw1": 80, "tw2": 82, "tw3": 84, "tw4": 86}
    }
    assert listed["IK-KONTEN"]["target_triwulan"] == {}


def _indicators_of(data: Any) -> dict[str, Any]:
    """Every indicator object anywhere in a JSON document, by kode."""
    found: dict[str, Any] = {}
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "target_triwulan" in item:
                found[item["kode"]] = item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def test_export_carries_the_target_of_each_quarter(tmp_path: Path) -> None:
    out = tmp_path / "csv"
    run("export", FILE, "--format", "csv", "-o", out)

    def sheet(name: str) -> dict[str, dict[str, str]]:
        text = (out / name).read_text("utf-8")
        key = "kode_indikator" if name == "cascading.csv" else "kode"
        return {r[key]: r for r in csv.DictReader(io.StringIO(text)) if r[key]}

    cascading = sheet("cascading.csv")
    dokumen = cascading["IK-DOKUMEN"]
    assert (dokumen["target_2025"], dokumen["target_2026"]) == ("4", "5")
    assert [dokumen[f"target_2026_tw{n}"] for n in range(1, 5)] == ["1", "1", "1", "2"]
    assert "target_2025_tw1" not in dokumen  # no quarters that year: no columns
    assert [cascading["IK-KONTEN"][f"target_2026_tw{n}"] for n in range(1, 5)] == [""] * 4
    capaian = sheet("capaian_2026.csv")
    aduan = capaian["IK-ADUAN"]
    assert (aduan["target_2026"], aduan["target_tw2"], aduan["tw2"]) == ("50", "50", "45")
    assert capaian["IK-KONTEN"]["target_tw1"] == ""


def test_the_workbook_labels_the_quarter_columns(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from pohon_cli.export import label

    assert label("target_2026_tw1") == "Target 2026 TW I"
    assert label("target_tw4") == "Target TW IV"
    path = tmp_path / "pk.xlsx"
    run("export", FILE, "-o", path)
    book = load_workbook(path)
    headers = [c.value for c in book["Cascading"][4]]
    assert headers[headers.index("Target 2026") + 1] == "Target 2026 TW I"


# -- diff, emit, rules -----------------------------------------------------------------------


def test_diff_reports_a_changed_quarter_of_a_target(write: Callable[[str, str], Path]) -> None:
    text = FILE.read_text("utf-8")
    old = tree_of(write(text, "old.yaml"))
    changed = text.replace("tw1: 2\n                tw2: 3", "tw1: 2\n                tw2: 4")
    assert changed != text
    new_path = write(changed, "new.yaml")
    changes = diff(old, tree_of(new_path))
    assert [(c.kind, c.kode, c.field, c.year) for c in changes] == [
        ("target", "IK-SOSIALISASI", "target", 2026)
    ]
    assert changes[0].old == ("tw1: 2", "tw2: 3", "tw3: 3", "tw4: 2")
    assert changes[0].new == ("tw1: 2", "tw2: 4", "tw3: 3", "tw4: 2")
    shown = run("diff", write(text, "old.yaml"), new_path).stdout
    assert "target 2026: [tw1: 2, tw2: 3, tw3: 3, tw4: 2] → [tw1: 2, tw2: 4" in shown


def test_quarterly_targets_round_trip_through_emit() -> None:
    tree = tree_of(FILE)
    text = to_yaml(tree)
    assert (
        "            target:\n              2025: 4\n              2026:\n                tw1: 1\n"
        in text
    )
    again = load_text(text, "again.yaml")
    assert again.problems == [] and again.tree == tree
    assert to_yaml(again.tree) == text


@pytest.mark.parametrize(
    ("lines", "code", "words"),
    [
        # jumlah of persen quarters above 100: judged on the year's combined value
        (
            "        satuan: persen\n        konsolidasi: jumlah\n"
            "        target: {2026: {tw1: 30, tw2: 30, tw3: 30, tw4: 30}}\n",
            "PK104",
            "the target for 2026 of `I1` is 120",
        ),
        # below last year's realisasi: the year's target (tw4 for terakhir)
        (
            "        satuan: persen\n        polaritas: naik\n        konsolidasi: terakhir\n"
            "        realisasi: {2025: 90}\n"
            "        target: {2025: 90, 2026: {tw1: 20, tw2: 40, tw3: 60, tw4: 80}}\n",
            "PK115",
            "for 2026 (80) is below",
        ),
        # a year outside the periode
        (
            "        satuan: kali\n        konsolidasi: jumlah\n"
            "        target: {2026: 4, 2031: {tw1: 1, tw2: 1, tw3: 1, tw4: 1}}\n",
            "PK116",
            "2031",
        ),
        # below the induk's target, both written per quarter
        (
            "        satuan: kali\n        polaritas: naik\n        nasional: true\n"
            "        konsolidasi: jumlah\n"
            "        target_induk: {2026: {tw1: 2, tw2: 2, tw3: 2, tw4: 2}}\n"
            "        target: {2026: {tw1: 1, tw2: 2, tw3: 2, tw4: 2}}\n",
            "PK120",
            "(7) is below the induk's target",
        ),
    ],
)
def test_rules_judge_the_year_a_quarterly_target_makes(
    write: Callable[[str, str], Path], lines: str, code: str, words: str
) -> None:
    header = HEADER.replace("tahun: 2026\n", "tahun: 2026\nperiode: {awal: 2025, akhir: 2029}\n")
    path = write(header + lines, "r.yaml")
    out = run("validate", path, "--select", code, expect=1 if code == "PK104" else 0).stdout
    assert f"[{code}]" in out and words in out, out
