"""``pohon export``: the workbook opened with openpyxl (sheets, title block, headers in
the planner's words, cells, number formats, print setup), the folder of CSV files and
the Markdown document parsed back, and files written whole or not at all."""

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

from pohon_cli.export import label, sheets, value_cell
from pohon_cli.load import load_path
from pohon_cli.output.sheets.xlsx import number_format
from pohon_cli.report import build

SEED = CASES / "report" / "pohon_realisasi.yaml"
CASES_FILE = CASES / "report" / "cases.yaml"
SHEETS = ["Cascading", "Manual IK", "Akuntabilitas", "Capaian 2024", "Ringkasan 2024"]
# the periode is 2020-2024, but only 2024 has targets: no empty columns for the others
YEARS = ["target_2024"]
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
# the workbook's header row is below the title block (the office, the sheet, a blank line)
HEADER_ROW = 4


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("xlsx") / "pohon.xlsx"
    run("export", SEED, "--format", "xlsx", "-o", out)
    return load_workbook(out)


def rows_of(sheet: Any) -> list[list[Any]]:
    """The header row and the rows below it, as values."""
    return [list(r) for r in sheet.iter_rows(min_row=HEADER_ROW, values_only=True)]


def find(sheet: Any, column: str, value: str) -> Any:
    """The cells of the first row whose ``column`` (a CSV key) holds ``value``, by key."""
    labels = [c.value for c in sheet[HEADER_ROW]]
    keys = {label(k): k for k in (*CASCADING, *HEADERS_BY_LABEL_SOURCE)}
    headers = [keys.get(x, x) for x in labels]
    index = headers.index(column)
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
        if row[index].value == value:
            return dict(zip(headers, row, strict=True))
    raise AssertionError(f"no row with {column} = {value}")


# keys looked up by find() in the other sheets
HEADERS_BY_LABEL_SOURCE = (
    *("realisasi_2024", "capaian", "predikat", "tw1", "tw2", "tw3", "tw4", "dasar"),
    *("status", "per", "rata_rata", "dinilai"),
)


def test_sheets_and_headers_in_the_words_a_planner_prints(workbook: Any) -> None:
    assert workbook.sheetnames == [*SHEETS, "Berkas"]  # Berkas: what import reads back
    assert rows_of(workbook["Cascading"])[0] == [
        "Jenjang",
        "Kode",
        "Uraian",
        "Induk",
        "Misi",
        "Penanggung Jawab",
        "Kode Indikator",
        "Indikator Kinerja",
        "Satuan",
        "Polaritas",
        "Baseline",
        "Target 2024",
        "Penanggung Jawab Indikator",
    ]
    assert rows_of(workbook["Manual IK"])[0] == [
        "Kode",
        "Indikator Kinerja",
        "Kode Kinerja",
        "Satuan",
        "Polaritas",
        "Konsolidasi",
        "Definisi",
        "Formula",
        "Sumber Data",
        "Penanggung Jawab",
        "Unit Kerja",
        "Nasional",
    ]
    assert rows_of(workbook["Akuntabilitas"])[0][:6] == [
        "Kode Unit",
        "Unit Kerja",
        "Atasan",
        "Jenis",
        "Kode",
        "Uraian",
    ]
    capaian = rows_of(workbook["Capaian 2024"])[0]
    assert capaian[6:12] == ["Target 2024", "TW I", "TW II", "TW III", "TW IV", "Realisasi 2024"]
    assert rows_of(workbook["Ringkasan 2024"])[0][-2:] == ["Rata-rata Capaian", "Predikat"]


def test_each_sheet_has_a_title_block(workbook: Any) -> None:
    titles = {
        "Cascading": "Matriks Cascading Kinerja · Tahun 2024",
        "Manual IK": "Manual Indikator Kinerja · Tahun 2024",
        "Akuntabilitas": "Cascading Akuntabilitas Kinerja per Unit Kerja · Tahun 2024",
        "Capaian 2024": "Capaian Kinerja Tahun 2024",
        "Ringkasan 2024": "Ringkasan Capaian Kinerja Tahun 2024",
    }
    for name, title in titles.items():
        sheet = workbook[name]
        assert sheet["A1"].value == "Komisi Pemilihan Umum Kabupaten Bengkulu Tengah"
        assert sheet["A2"].value == title
        assert sheet["A1"].font.b and sheet["A2"].font.b
        assert sheet["A3"].value is None


def test_each_sheet_prints_landscape_fitted_to_width_with_its_header_repeated(
    workbook: Any, tmp_path: Path
) -> None:
    for name in SHEETS:
        sheet = workbook[name]
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.paperSize == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    out = tmp_path / "f4.xlsx"
    run("export", SEED, "-o", out, "--paper", "F4")
    assert {s.page_setup.paperSize for s in load_workbook(out).worksheets} == {14}  # folio
    assert "unknown paper `B5`" in run("export", SEED, "-o", out, "--paper", "B5", expect=2).stderr


def test_a_year_without_any_target_has_no_column() -> None:
    tree = load_path(SEED).tree
    assert tree is not None and tree.header.period is not None
    assert list(tree.header.period.years()) == [2020, 2021, 2022, 2023, 2024]
    cascading, _, accountability = sheets(tree)
    for sheet in (cascading, accountability):
        assert [h for h in sheet.headers if h.startswith("target_")] == ["target_2024"]


def test_a_file_written_says_so_on_stderr(tmp_path: Path) -> None:
    book = run("export", SEED, "-o", tmp_path / "lkj.xlsx")
    assert (book.stdout, book.stderr) == ("", f"wrote {tmp_path / 'lkj.xlsx'} (6 sheets)\n")
    folder = run("export", SEED, "-f", "csv", "-o", tmp_path / "csv")
    assert folder.stderr == f"wrote {tmp_path / 'csv'} (6 files)\n"
    document = run("export", SEED, "-o", tmp_path / "lkj.md")
    assert document.stderr == f"wrote {tmp_path / 'lkj.md'} (5 tables)\n"
    assert run("export", SEED, "-f", "markdown").stderr == ""  # the document went to stdout


def test_a_folder_given_to_o_is_the_csv_folder(tmp_path: Path) -> None:
    run("export", SEED, "-o", f"{tmp_path / 'sheets'}/")
    assert (tmp_path / "sheets" / "cascading.csv").is_file()
    (tmp_path / "there").mkdir()
    run("export", SEED, "-o", tmp_path / "there")  # a folder that is there: no / needed
    assert (tmp_path / "there" / "manual_ik.csv").is_file()


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
    assert "target_2023" not in iku  # no target for 2023 anywhere: no column
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
        assert sheet.freeze_panes == f"B{HEADER_ROW + 1}"
        assert sheet.auto_filter.ref.startswith(f"A{HEADER_ROW}:")
        assert sheet[f"A{HEADER_ROW}"].font.b
    cascading = workbook["Cascading"]
    assert cascading.column_dimensions["C"].width == 48
    assert cascading[f"C{HEADER_ROW + 1}"].alignment.wrap_text
    assert not cascading[f"B{HEADER_ROW + 1}"].alignment.wrap_text


def test_a_row_is_as_tall_as_its_wrapped_text(workbook: Any) -> None:
    """Spreadsheets do not fit rows to wrapped text on opening: without a height, the
    lines of a long uraian print over the next row."""
    cascading = workbook["Cascading"]
    width = cascading.column_dimensions["C"].width
    tall = 0
    for row in cascading.iter_rows(min_row=HEADER_ROW + 1):
        number = row[0].row
        longest = max(
            len(str(c.value)) for c in row if c.value is not None and c.alignment.wrap_text
        )
        height = cascading.row_dimensions[number].height
        if longest > 2 * width:
            assert height is not None and height >= 3 * 15, (number, longest, height)
            tall += 1
    assert tall


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
        "berkas.csv",
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
    header = next(x for x in text.splitlines() if x.startswith("| Jenjang"))
    assert [c.strip() for c in header.strip("|").split("|")] == [label(k) for k in CASCADING]
    out = tmp_path / "pohon.md"
    run("export", SEED, "-o", out)
    assert out.read_text(encoding="utf-8") == text


def test_no_achievement_sheets_without_realisasi(tmp_path: Path) -> None:
    out = tmp_path / "seed.xlsx"
    run("export", DATA, "-o", out)
    assert load_workbook(out).sheetnames == [*SHEETS[:3], "Berkas"]


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
