"""Budgets: `anggaran` and `realisasi_anggaran` read as written, refused with a message at
their place, and carried through report, export, diff, the views, render and emit."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import CASES, run

from pohon_cli.load import load_path, load_text
from pohon_cli.model.budget import lines, rupiah, serapan, summed
from pohon_cli.yaml_writer import to_yaml

BUDGET = CASES / "budget" / "anggaran.yaml"

HEADER = """\
versi: 1
instansi: {nama: Dinas Contoh}
tahun: 2026
visi: Visi contoh
misi: [{kode: M1, uraian: Misi satu}]
jenjang: [program, kegiatan]
pohon:
  - kode: P1
    jenjang: program
    uraian: Program contoh
"""


def messages(text: str) -> list[str]:
    return [p.text() for p in load_text(text, "t.yaml").problems]


# -- reading -------------------------------------------------------------------------------


def test_amounts_keep_their_digits() -> None:
    tree = load_path(BUDGET).tree
    assert tree is not None
    assert tree.nodes["P2"].budget == {2026: Decimal("31704046735")}
    assert str(tree.nodes["P2"].spent[2026]) == "30118844398"
    indicator = tree.nodes["K1"].indicators[0]
    assert indicator.budget == {2026: Decimal(600000000)}


@pytest.mark.parametrize(
    ("written", "column", "message"),
    [
        (
            "anggaran: {2026: -5}",
            22,
            "`anggaran` for 2026: an amount in rupiah cannot be negative: -5",
        ),
        (
            "anggaran: {2026: banyak}",
            22,
            "`anggaran` for 2026: an amount in rupiah is a number, not the text `banyak`",
        ),
        (
            "anggaran: {2026: 31.704.046.735}",
            22,
            "`anggaran` for 2026: `31.704.046.735` is text (YAML reads no thousands dots, "
            "decimal commas or `Rp`): write the rupiah as digits, 31704046735",
        ),
        (
            'anggaran: {2026: "Rp 1.250.000,50"}',
            22,
            "`anggaran` for 2026: `Rp 1.250.000,50` is text (YAML reads no thousands dots, "
            "decimal commas or `Rp`): write the rupiah as digits, 1250000.50",
        ),
        (
            "realisasi_anggaran: {2026: [1, 2]}",
            32,
            "`realisasi_anggaran` for 2026: an amount is one number in rupiah, not a range "
            "or a list",
        ),
        (
            "realisasi_anggaran: {2026: {tw1: 5}}",
            32,
            "`realisasi_anggaran` for 2026: an amount is written once for the year, not per "
            "quarter",
        ),
        ("anggaran: {26: 1}", 16, "`26` is not a year (a year is four digits, e.g. 2024)"),
        (
            "anggaran: 1000",
            15,
            "`anggaran` must be a mapping (key: value lines), not the number 1000",
        ),
    ],
)
def test_a_bad_amount_is_one_message_at_its_place(written: str, column: int, message: str) -> None:
    text = HEADER + f"    {written}\n"
    assert messages(text) == [f"t.yaml:11:{column}: error [PK012] {message}"]


def test_a_bad_amount_of_an_indicator_is_at_its_place() -> None:
    text = HEADER + (
        "    indikator:\n"
        "      - kode: I1\n"
        "        uraian: Persentase contoh\n"
        "        anggaran:\n"
        "          2026: -1.50\n"
    )
    assert messages(text) == [
        "t.yaml:15:17: error [PK012] `anggaran` for 2026: an amount in rupiah cannot be "
        "negative: -1.50"
    ]


def test_a_budget_survives_emit_and_load() -> None:
    tree = load_path(BUDGET).tree
    assert tree is not None
    text = to_yaml(tree)
    assert (
        "        anggaran:\n          2026: 1000000000\n          2027: 1200000000\n"
        "        realisasi_anggaran:\n          2026: 850000000\n        indikator:\n"
    ) in text
    # after catatan, before indikator; on an indicator after catatan
    assert text.index("anggaran:") < text.index("realisasi_anggaran:")
    again = load_text(text, "again.yaml").tree
    assert again is not None and again.nodes == tree.nodes


# -- arithmetic ------------------------------------------------------------------------------


def test_serapan_and_rupiah() -> None:
    assert serapan(Decimal(1000), Decimal(850)) == Decimal("85.00")
    assert serapan(Decimal(3), Decimal(2)) == Decimal("66.67")
    assert serapan(Decimal(0), Decimal(1)) is None
    assert serapan(None, Decimal(1)) is None
    assert rupiah(Decimal("31704046735")) == "Rp 31.704.046.735"
    assert rupiah(Decimal("1500.50")) == "Rp 1.500,50"
    assert rupiah(Decimal(999)) == "Rp 999"


def test_the_office_sums_the_top_most_budgets_once(write: Callable[..., Path]) -> None:
    """P1 holds K1 and K2; K2 also serves P2 (rujuk), which has no pagu of its own: K2 is
    under the budgeted P1, so it is not added again; K3's indicator counts as its node
    has no pagu."""
    path = write(
        HEADER
        + """\
    anggaran: {2026: 1000}
    realisasi_anggaran: {2026: 900}
    anak:
      - {kode: K1, jenjang: kegiatan, uraian: Kegiatan satu, anggaran: {2026: 600}}
      - {kode: K2, jenjang: kegiatan, uraian: Kegiatan dua, anggaran: {2026: 400}}
  - kode: P2
    jenjang: program
    uraian: Program dua
    anak:
      - rujuk: K2
      - kode: K3
        jenjang: kegiatan
        uraian: Kegiatan tiga
        indikator:
          - {kode: I3, uraian: Jumlah contoh, anggaran: {2026: 50}}
"""
    )
    tree = load_path(path).tree
    assert tree is not None
    found = lines(tree, 2026)
    assert [(line.kode, line.counted) for line in found] == [
        ("P1", True),
        ("K1", False),
        ("K2", False),
        ("I3", True),
    ]
    office = summed("", "", found)
    assert (office.pagu, office.spent, office.without) == (Decimal(1050), Decimal(900), 1)
    # serapan is over the budgets whose realisasi is written, not a missing one as 0
    assert (office.pagu_measured, office.serapan) == (Decimal(1000), Decimal("90.00"))


# -- commands --------------------------------------------------------------------------------


def test_report_shows_serapan_per_node_misi_office_and_efficiency() -> None:
    text = run("report", BUDGET, "--format", "markdown").stdout
    assert "### Serapan anggaran per simpul dan indikator" in text
    assert "| P2 | Program Penunjang Urusan Pemerintahan Daerah | simpul | Rp 31.704.046.735 |" in (
        text
    )
    assert "### Serapan anggaran per misi" in text
    assert "### Efisiensi: capaian kinerja dan serapan anggaran" in text
    assert (
        "| P1 | Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan | 95.00 | 85.00 | 10.00 |"
        in (text)
    )
    assert (
        "anggaran 2026: pagu Rp 32.704.046.735; realisasi Rp 30.968.844.398, serapan 94.69%" in text
    )
    plain = run("report", BUDGET, env={"COLUMNS": "200"}).stdout
    assert "Serapan anggaran per misi" in plain and "serapan 94.69%" in plain
    # at 80 columns the office's line wraps, under its first word
    narrow = run("report", BUDGET, env={"COLUMNS": "80"}).stdout.splitlines()
    office = next(i for i, line in enumerate(narrow) if line.startswith("anggaran 2026:"))
    assert all(len(line) <= 80 for line in narrow[office : office + 3])
    assert narrow[office + 1].startswith("  ")


def test_report_json_adds_the_budget_keys() -> None:
    data = json.loads(run("report", BUDGET, "--format", "json").stdout)
    budget = data["serapan_anggaran"]
    assert budget["keseluruhan"] == {
        "pagu": 32704046735,
        "realisasi": 30968844398,
        "pagu_terukur": 32704046735,
        "serapan": 94.69,
        "dihitung": 2,
        "tanpa_realisasi": 0,
    }
    assert [m["kode"] for m in budget["misi"]] == ["M1", "M2"]
    assert budget["misi"][0]["serapan"] == 85.0
    assert [e["kode"] for e in budget["efisiensi"]] == ["P1", "K1", "K1.1", "P2"]
    k1 = next(r for r in data["indikator"] if r["kode"] == "K1.1")
    assert (k1["anggaran"], k1["realisasi_anggaran"], k1["serapan_anggaran"]) == (
        600000000,
        540000000,
        90.0,
    )


def test_report_without_budgets_has_empty_budget_keys_and_no_section() -> None:
    seed = CASES / "report" / "pohon_realisasi.yaml"
    data = json.loads(run("report", seed, "--format", "json").stdout)
    assert data["serapan_anggaran"] == {
        "simpul_dan_indikator": [],
        "misi": [],
        "keseluruhan": None,
        "efisiensi": [],
    }
    assert "Serapan" not in run("report", seed).stdout


def test_report_csv_appends_the_indicator_budget_columns() -> None:
    rows = list(csv.reader(io.StringIO(run("report", BUDGET, "--format", "csv").stdout)))
    assert rows[0][-4:] == ["keterangan", "anggaran", "realisasi_anggaran", "serapan_anggaran"]
    k1 = next(r for r in rows if r[0] == "K1.1")
    assert k1[-3:] == ["600000000", "540000000", "90.00"]


def test_report_of_a_filtered_tree_sums_what_is_shown() -> None:
    data = json.loads(run("report", BUDGET, "--level", "kegiatan", "--format", "json").stdout)
    office = data["serapan_anggaran"]["keseluruhan"]
    assert (office["pagu"], office["dihitung"], office["tanpa_realisasi"]) == (1000000000, 2, 1)


def test_export_appends_an_anggaran_sheet(tmp_path: Path) -> None:
    run("export", BUDGET, "--format", "csv", "-o", f"{tmp_path}/out/")
    sheet = (tmp_path / "out" / "anggaran.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(sheet)))
    assert rows[0] == [
        "jenis",
        "kode",
        "uraian",
        "simpul",
        "jenjang",
        "anggaran_2026",
        "realisasi_anggaran_2026",
        "serapan_2026",
        "anggaran_2027",
        "realisasi_anggaran_2027",
    ]
    assert rows[1][:2] == ["simpul", "P1"] and rows[1][5:] == [
        "1000000000",
        "850000000",
        "85.00",
        "1200000000",
        "",
    ]
    assert rows[3][:4] == ["indikator", "K1.1", "Jumlah rambu yang terpasang", "K1"]
    seed = CASES / "report" / "pohon_realisasi.yaml"
    run("export", seed, "--format", "csv", "-o", f"{tmp_path}/seed/")
    assert not (tmp_path / "seed" / "anggaran.csv").exists()


def _revised(tmp_path: Path) -> Path:
    text = BUDGET.read_text(encoding="utf-8")
    text = text.replace("{2026: 1000000000, 2027: 1200000000}", "{2026: 1200000000}")
    text = text.replace(
        "realisasi_anggaran: {2026: 540000000}\n            indikator",
        ("realisasi_anggaran: {2026: 540000000.50}\n            indikator"),
    )
    text = text.replace("                realisasi_anggaran: {2026: 540000000}\n", "")
    path = tmp_path / "new.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_diff_reports_budget_changes_with_the_difference(tmp_path: Path) -> None:
    new = _revised(tmp_path)
    text = run("diff", BUDGET, new).stdout
    assert "P1  anggaran 2026: 1000000000 → 1200000000 (+200000000)" in text
    assert "P1  anggaran 2027: 1200000000 → –" in text
    assert "K1    realisasi_anggaran 2026: 540000000 → 540000000.50 (+0.50)" in text
    assert "K1.1  realisasi_anggaran 2026: 540000000 → –" in text
    assert "4 changes: 4 anggaran" in text
    changes = json.loads(run("diff", BUDGET, new, "--format", "json").stdout)
    first = changes[0]
    assert (first["kind"], first["field"], first["year"], first["delta"]) == (
        "anggaran",
        "anggaran",
        2026,
        "200000000",
    )
    assert {c["item"] for c in changes} == {"node", "indicator"}
    markdown = run("diff", BUDGET, new, "--format", "markdown").stdout
    assert "#### Anggaran (pagu, realisasi anggaran) changed (4)" in markdown
    assert "| `P1` | `S1` | `anggaran` | 2026 | 1000000000 | 1200000000 | +200000000 |" in markdown


def test_show_and_indicators_carry_the_pagu_of_the_plan_year() -> None:
    text = run("show", BUDGET).stdout
    assert "pagu 2026 Rp 31.704.046.735; realisasi Rp 30.118.844.398;" in text
    assert "pagu 2026 Rp 400.000.000\n" in text
    data = json.loads(run("show", BUDGET, "--format", "json").stdout)
    p1 = data["pohon"][0]["anak"][0]
    assert p1["anggaran"] == {"2026": 1000000000, "2027": 1200000000}
    assert p1["serapan_anggaran"] == {"2026": 85.0}
    rows = list(csv.reader(io.StringIO(run("indicators", BUDGET, "-f", "csv").stdout)))
    assert rows[0][-3:] == ["anggaran 2026", "realisasi anggaran 2026", "serapan 2026"]
    assert next(r for r in rows if r[0] == "K1.1")[-3:] == ["600000000", "540000000", "90.00"]
    listed = json.loads(run("indicators", BUDGET, "-f", "json").stdout)
    k1 = next(i for i in listed if i["kode"] == "K1.1")
    assert k1["serapan_anggaran"] == {"2026": 90.0}
    seed = CASES / "report" / "pohon_realisasi.yaml"
    assert "anggaran 2024" not in run("indicators", seed, "-f", "csv").stdout


def test_render_writes_the_pagu_on_the_box(tmp_path: Path) -> None:
    out = tmp_path / "t.dot"
    run("render", BUDGET, "--format", "dot", "-o", out, "--lang", "id")
    dot = out.read_text(encoding="utf-8")
    assert "Pagu 2026: Rp 1.000.000.000 · serapan 85.00%" in dot
    assert "Pagu 2026: Rp 400.000.000<" in dot
    dot = run("render", BUDGET, "--format", "dot", "-o", "-", "--lang", "en").stdout
    assert "Pagu 2026: Rp 1.000.000.000 · 85.00% spent" in dot
    assert "Pagu 2026: Rp 400.000.000<" in dot
