"""The workbook's rows written as XML are the rows openpyxl wrote cell by cell: every
part of the .xlsx byte for byte (but the time it was made), on the seed, every fixture
and cells made to be awkward."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
import xlsx_reference
from conftest import CASES, DATA

from pohon_cli import export as sheets_of
from pohon_cli.export import Column, Cover, Sheet
from pohon_cli.importer.record import record
from pohon_cli.load import load_path
from pohon_cli.output.sheets.xlsx import xlsx_bytes
from pohon_cli.report import build, settings_with

# made at the second it is saved, by either writer
MADE = "docProps/core.xml"


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return {name: book.read(name) for name in book.namelist() if name != MADE}


def assert_same(sheets: list[Sheet], cover: Cover | None, paper: str = "A4") -> None:
    new = xlsx_bytes(sheets, cover, paper)  # type: ignore[arg-type]
    old = xlsx_reference.xlsx_bytes(sheets, cover, paper)  # type: ignore[arg-type]
    with zipfile.ZipFile(io.BytesIO(new)) as a, zipfile.ZipFile(io.BytesIO(old)) as b:
        assert a.namelist() == b.namelist()
        for x, y in zip(a.infolist(), b.infolist(), strict=True):
            assert (x.compress_type, x.external_attr) == (y.compress_type, y.external_attr)
    assert parts(new) == parts(old)


def _fixtures() -> list[Path]:
    return [DATA, *sorted(p for p in CASES.rglob("*.yaml") if "import" not in p.parts)]


@pytest.mark.parametrize("path", _fixtures(), ids=lambda p: str(p.relative_to(DATA.parent.parent)))
def test_every_fixture(path: Path) -> None:
    loaded = load_path(path)
    if loaded.tree is None or not loaded.ok:
        pytest.skip("not a tree export writes")
    tree = loaded.tree
    sheets = sheets_of.sheets(tree, build(tree, tree.header.year, settings_with()))
    sheets.append(record(tree))
    assert_same(sheets, sheets_of.cover(tree))


def test_awkward_cells() -> None:
    columns = (
        Column("kode"),
        Column("uraian", "long", 20),
        Column("target_2025", "value", 11),
        Column("capaian", "percent", 11),
        Column("jumlah", "number", 8),
    )
    rows: list[tuple[str | Decimal | int | None, ...]] = [
        ("A & B <c>", " spaced ", Decimal("1.10"), Decimal("107.145"), 3),
        ("", "\tline\nbreak\r\n" * 5, Decimal("0.0000001"), Decimal("-0"), 0),
        ("é漢😀", "x" * 40_000, Decimal("1234567890123456789"), Decimal("1E+3"), -(10**17)),
        (None, None, "WTP", None, None),
        ("]]>\udcff", "\u2028 \u00a0", Decimal("1E-30"), Decimal("99.995"), True),
        ("=SUM(A1)", "#N/A", "[80, 90]", Decimal("12345678901234567"), 2**60),
        ("far", None, Decimal("1E+40000"), Decimal("NaN"), None),
    ]
    sheet = Sheet("Aneh", "aneh", columns, rows, title="Sel yang aneh 2025")
    empty = Sheet("Kosong", "kosong", columns)
    assert_same([sheet, empty], Cover("Kantor <&>", 2025), "F4")
    assert_same([sheet], None)
