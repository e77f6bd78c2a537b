"""Make the hand-made tables of tests/cases/import/ (run from the repository root):
``python tests/support/import_tables.py``. The workbook is written with openpyxl; the
.ods is the same kind of table converted by LibreOffice (``soffice --headless
--convert-to ods``), the one writer of .ods at hand; the files are kept in git, so the
tests need neither."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from openpyxl import Workbook

HERE = Path("tests/cases/import")


def renstra_merged() -> None:
    """A Renstra table as a dinas prints it: a title block, a header over two rows
    (Target above its years), levels merged down the rows they span."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Renstra"
    ws["A1"] = "RENCANA STRATEGIS DINAS PERHUBUNGAN 2025-2029"
    ws["A2"] = "Tabel 5.1 Rencana Program dan Kegiatan"
    head = ["No", "TUJUAN", "Sasaran Strategis", "PROGRAM", "Kegiatan", "Indikator Kinerja",
            "Satuan", "Kondisi Awal", "Target", None, "Pagu 2025", "PJ"]  # fmt: skip
    for c, word in enumerate(head, 1):
        ws.cell(4, c, word)
    ws.cell(5, 9, "2025")
    ws.cell(5, 10, 2026)
    for c in (1, 2, 3, 4, 5, 6, 7, 8, 11, 12):
        ws.merge_cells(start_row=4, start_column=c, end_row=5, end_column=c)
    ws.merge_cells("I4:J4")
    rows: list[tuple[int | float | str | None, ...]] = [
        (1, "Meningkatnya keselamatan transportasi", None, None, None,
         "Angka kecelakaan lalu lintas", "kejadian", 120, 110, 100, None, "Sekretariat"),
        (2, None, "Meningkatnya kinerja lalu lintas", None, None,
         "Indeks kinerja lalu lintas", "indeks", 2.5, 2.75, 3, None, "Bidang LLAJ"),
        (3, None, None, "PROGRAM PENYELENGGARAAN LALU LINTAS DAN ANGKUTAN JALAN", None,
         "Persentase fasilitas perlengkapan jalan", "persen", 60.5, 70, 80, 1500000000,
         "Bidang LLAJ"),
        (4, None, None, None, "Penyediaan Perlengkapan Jalan",
         "Jumlah rambu terpasang", "unit", 40, "1.500", 1750, 950000000, "Bidang LLAJ"),
        (5, None, None, None, None,
         "Jumlah marka jalan", "meter", 100, 200, 300, None, "Bidang LLAJ"),
    ]  # fmt: skip
    for r, row in enumerate(rows, 6):
        for c, value in enumerate(row, 1):
            if value is not None:
                ws.cell(r, c, value)
    # the tujuan spans every row, the sasaran the last four, the program the last three
    ws.merge_cells("B6:B10")
    ws.merge_cells("C7:C10")
    ws.merge_cells("D8:D10")
    ws.merge_cells("E9:E10")
    book.save(HERE / "renstra_merged.xlsx")


def cascading_ods() -> None:
    """A cascading matrix as an e-SAKIP application exports it, saved as .ods."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Cascading"
    ws.append(["Matriks Cascading Kecamatan"])
    ws.append(["Sasaran", "Program", "Sub Kegiatan", "IKU", "Satuan", "Target 2025",
               "Target 2026", "Penanggung Jawab"])  # fmt: skip
    ws.append(["Meningkatnya kualitas pelayanan publik", None, None,
               "Indeks kepuasan masyarakat", "indeks", 80.5, 82, "Camat"])  # fmt: skip
    ws.append([None, "PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK", None,
               "Persentase layanan selesai tepat waktu", "persen", 90, 95, "Sekcam"])  # fmt: skip
    ws.append([None, None, "Pelayanan administrasi terpadu kecamatan",
               "Jumlah dokumen layanan", "dokumen", 1200, 1300, "Seksi Pelayanan"])  # fmt: skip
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "cascading.xlsx"
        book.save(source)
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "ods", "--outdir", work, str(source)],
            check=True,
            capture_output=True,
        )
        shutil.copy(Path(work) / "cascading.ods", HERE / "cascading.ods")


if __name__ == "__main__":
    HERE.mkdir(parents=True, exist_ok=True)
    renstra_merged()
    cascading_ods()
