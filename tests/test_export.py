"""``pohon export``: the workbook opened with openpyxl (sheets, headers, cells, number
formats), the folder of CSV files and the Markdown document parsed back, and files
written whole or not at all."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import CASES, DATA, run
from openpyxl import load_workbook

from pohon_cli.export import sheets, value_cell
from pohon_cli.load import load_path
from pohon_cli.output.sheets.xlsx import number_format
from pohon_cli.report import build

SEED = CASES / "report" / "pohon_realisasi.yaml"
CASES_FILE = CASES / "report" / "cases.yaml"
SHEETS = ["Cascading", "Manual IK", "Akuntabilitas", "Capaian 2024", "Ringkasan 2024"]
YEARS = [f"target_{y}" for y in range(2020, 2025)]
CASCADING = [
    "jenjang",
    "kode",
    "uraian",
    "induk",
    "misi",
    "penanggung_jawab",
    "kode_indikator",
    "indikator",
    "satuan",
    "polaritas",
    "baseline",
    *YEARS,
    "penanggung_jawab_indikator",
]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("xlsx") / "pohon.xlsx"
    run("export", SEED, "--format", "xlsx", "-o", out)
    return load_workbook(out)


def rows_of(sheet: Any) -> list[list[Any]]:
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def find(sheet: Any, column: str, value: str) -> Any:
    """The cells of the first row whose ``column`` holds ``value``."""
    headers = [c.value for c in sheet[1]]
    index = headers.index(column)
    for row in sheet.iter_rows(min_row=2):
        if row[index].value == value:
            return dict(zip(headers, row, strict=True))
    raise AssertionError(f"no row with {column} = {value}")


def test_sheets_and_headers(workbook: Any) -> None:
    assert workbook.sheetnames == SHEETS
    assert rows_of(workbook["Cascading"])[0] == CASCADING
    assert rows_of(workbook["Manual IK"])[0] == [
        "kode",
        "indikator",
        "simpul",
        "satuan",
        "polaritas",
        "konsolidasi",
        "definisi",
        "formula",
        "sumber_data",
        "penanggung_jawab",
        "unit_kerja",
        "nasional",
    ]
    assert rows_of(workbook["Akuntabilitas"])[0][:6] == [
        "unit",
        "nama_unit",
        "atasan",
        "jenis",
        "kode",
        "uraian",
    ]
    capaian = rows_of(workbook["Capaian 2024"])[0]
    assert capaian[6:12] == ["target_2024", "tw1", "tw2", "tw3", "tw4", "realisasi_2024"]


def test_cascading_is_one_row_per_indicator_top_down(workbook: Any) -> None:
    rows = rows_of(workbook["Cascading"])[1:]
    assert rows[0][:3] == [
        "tujuan",
        "T3",
        "Mewujudkan Pemilu Serentak yang Langsung, Umum, Bebas, Rahasia, Jujur dan Adil",
    ]
    assert rows[0][6] is None  # a tujuan without indicators still has its row
    # the shared program has one row, its five parents listed
    program = [r for r in rows if r[1] == "P-PEMILU"]
    assert len(program) == 1
    assert program[0][3] == "S-AMAN, S-KESADARAN, S-PARPOL, S-KEBIJAKAN, S-TI"
    # every indicator of the seed appears once
    assert len([r for r in rows if r[6]]) == 45
    assert len({r[1] for r in rows}) == 24


def test_cells_and_number_formats(workbook: Any) -> None:
    iku = find(workbook["Cascading"], "kode_indikator", "IKU-KIP")
    assert iku["target_2024"].value == 90
    assert iku["target_2024"].data_type == "n"
    assert iku["target_2024"].number_format == "0"
    assert iku["target_2023"].value is None
    opini = find(workbook["Cascading"], "kode_indikator", "IKU-OPINI-BPK")
    assert opini["target_2024"].value == "WTP"
    assert opini["target_2024"].data_type == "s"
    achieved = find(workbook["Capaian 2024"], "kode", "IKU-KIP")
    assert achieved["realisasi_2024"].value == pytest.approx(88.62)
    assert achieved["realisasi_2024"].number_format == "0.00"
    assert achieved["capaian"].value == pytest.approx(0.9847)
    assert achieved["capaian"].number_format == "0.00%"
    assert achieved["predikat"].value == "Sangat Baik"
    quarters = find(workbook["Capaian 2024"], "kode", "IK-DIKLIH-PROV")
    assert [quarters[q].value for q in ("tw1", "tw2", "tw3", "tw4")] == [2, 3, 4, 3]
    assert quarters["realisasi_2024"].value == 12
    assert quarters["dasar"].value == "jumlah tw1–tw4"
    missing = find(workbook["Capaian 2024"], "kode", "IKK-NASKAH")
    assert missing["capaian"].value is None
    assert missing["status"].value == "tanpa_realisasi"
    overall = find(workbook["Ringkasan 2024"], "per", "semua")
    assert overall["rata_rata"].value == pytest.approx(0.9731)
    assert overall["dinilai"].value == 42


def test_layout_frozen_header_widths_wrap(workbook: Any) -> None:
    for name in SHEETS:
        sheet = workbook[name]
        assert sheet.freeze_panes == "B2"
        assert sheet.auto_filter.ref.startswith("A1:")
        assert sheet["A1"].font.b
    cascading = workbook["Cascading"]
    assert cascading.column_dimensions["C"].width == 48
    assert cascading["C2"].alignment.wrap_text
    assert not cascading["B2"].alignment.wrap_text


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1.10", "0.00"), ("100", "0"), ("6.5", "0.0"), ("0.125", "0.000"), ("1E+3", "0")],
)
def test_number_format_keeps_the_decimals_as_written(value: str, expected: str) -> None:
    assert number_format(Decimal(value)) == expected


def test_text_that_looks_like_a_formula_stays_text(
    write: Callable[[str, str], Path], tmp_path: Path
) -> None:
    path = write(
        """
        versi: 1
        instansi: {nama: K}
        tahun: 2024
        visi: V
        misi: [{kode: M1, uraian: M}]
        pohon:
          - kode: T1
            jenjang: tujuan
            uraian: "=HYPERLINK(\\"http://x\\")"
            indikator:
              - kode: I1
                uraian: "#N/A"
                target: {2024: 1.10}
                realisasi: {2024: 12345678901234567.5}
        """,
        "f.yaml",
    )
    out = tmp_path / "f.xlsx"
    run("export", path, "-o", out)
    book = load_workbook(out)
    node = find(book["Cascading"], "kode", "T1")
    assert node["uraian"].value == '=HYPERLINK("http://x")'
    assert node["uraian"].data_type == "s"
    assert node["indikator"].value == "#N/A"
    assert node["indikator"].data_type == "s"
    assert node["target_2024"].number_format == "0.00"
    row = find(book["Capaian 2024"], "kode", "I1")
    # more digits than a spreadsheet keeps: written as text, exactly
    assert row["realisasi_2024"].value == "12345678901234567.5"


def test_csv_folder_one_file_per_sheet(tmp_path: Path) -> None:
    out = tmp_path / "csv"
    run("export", SEED, "--format", "csv", "-o", out)
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "akuntabilitas.csv",
        "capaian_2024.csv",
        "cascading.csv",
        "manual_ik.csv",
        "ringkasan_2024.csv",
    ]
    cascading = list(csv.DictReader(io.StringIO((out / "cascading.csv").read_text("utf-8"))))
    assert list(cascading[0]) == CASCADING
    capaian = {
        r["kode"]: r
        for r in csv.DictReader(io.StringIO((out / "capaian_2024.csv").read_text("utf-8")))
    }
    assert (capaian["IKK-OPINI-BPK"]["capaian"], capaian["IKK-OPINI-BPK"]["predikat"]) == (
        "75.00",
        "Cukup",
    )
    assert capaian["IK-LPJ-APLIKASI"]["dasar"] == "jumlah tw1–tw3, year in progress"
    units = list(csv.DictReader(io.StringIO((out / "akuntabilitas.csv").read_text("utf-8"))))
    assert units[0]["unit"] == "KETUA" and units[0]["jenis"] == "tugas"
    assert any(r["unit"] == "STAF" and r["jenis"] == "" for r in units)  # a unit with nothing


def test_export_is_stable(tmp_path: Path) -> None:
    run("export", SEED, "-f", "csv", "-o", tmp_path / "a")
    run("export", SEED, "-f", "csv", "-o", tmp_path / "b")
    for name in (tmp_path / "a").iterdir():
        assert name.read_bytes() == (tmp_path / "b" / name.name).read_bytes()


def test_csv_folder_is_replaced_whole_or_refused(tmp_path: Path) -> None:
    out = tmp_path / "csv"
    out.mkdir()
    (out / "old.csv").write_text("x\n", encoding="utf-8")
    run("export", SEED, "-f", "csv", "-o", out)
    assert not (out / "old.csv").exists()  # an earlier export is replaced whole
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    err = run("export", SEED, "-f", "csv", "-o", out, expect=2).stderr
    assert "holds more than CSV files (notes.txt)" in err
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert [p.name for p in tmp_path.iterdir()] == ["csv"]  # no temporary folder left


def test_markdown_has_a_table_per_sheet(tmp_path: Path) -> None:
    text = run("export", SEED, "-f", "markdown").stdout
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings == SHEETS
    header = next(x for x in text.splitlines() if x.startswith("| jenjang"))
    assert [c.strip() for c in header.strip("|").split("|")] == CASCADING
    out = tmp_path / "pohon.md"
    run("export", SEED, "-o", out)
    assert out.read_text(encoding="utf-8") == text


def test_no_achievement_sheets_without_realisasi(tmp_path: Path) -> None:
    out = tmp_path / "seed.xlsx"
    run("export", DATA, "-o", out)
    assert load_workbook(out).sheetnames == SHEETS[:3]


def test_year_chooses_the_achievement_sheets() -> None:
    tree = load_path(CASES_FILE).tree
    assert tree is not None
    names = [s.name for s in sheets(tree, build(tree, 2025))]
    assert names == SHEETS[:3]  # nothing realised in 2025


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("-f", "xlsx"), "an xlsx workbook is a file: give -o OUT.xlsx"),
        (("-f", "csv"), "give -o FOLDER"),
        (("-o", "out.txt"), "say --format xlsx, csv or markdown"),
        (("-f", "ods", "-o", "x.ods"), "unknown format `ods`"),
        (("-o", "/no/such/folder/x.xlsx"), "no such"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...], words: str) -> None:
    assert words in run("export", SEED, *args, expect=2).stderr


def test_a_broken_file_exits_1_and_writes_nothing(
    write: Callable[[str, str], Path], tmp_path: Path
) -> None:
    broken = write("versi: 1\npohon: [\n", "broken.yaml")
    out = tmp_path / "never.xlsx"
    assert "broken.yaml:" in run("export", broken, "-o", out, expect=1).stderr
    assert not out.exists()


def test_a_range_cell_keeps_the_digits_of_both_bounds() -> None:
    assert value_cell((Decimal("0.0000001"), Decimal("1.10"))) == "[0.0000001, 1.10]"
    assert value_cell(Decimal("1.10")) == Decimal("1.10") and value_cell("WTP") == "WTP"
