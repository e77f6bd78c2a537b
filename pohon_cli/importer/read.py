"""Files to tables: a workbook (.xlsx, .xlsm, .xls, .ods) read with python-calamine, a
CSV file, or a folder of CSV files as ``pohon export`` writes it.

calamine reads the values a spreadsheet program saved (a formula's cached result) and
never runs a formula; a formula saved without a result is refused at its cell, never
guessed. Numbers come as floats from the file format and are turned into the digits
they show (``from_float``); texts stay texts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from decimal import Decimal
from pathlib import Path
from typing import Any

from pohon_cli.i18n import _
from pohon_cli.importer.cells import Note, Table, Value, clean, from_float, uses_commas
from pohon_cli.problem import InputError

WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".ods")
# Bounds that keep an import within seconds: a real pohon kinerja is hundreds of rows.
MAX_BYTES = 64 * 1024 * 1024
MAX_ROWS = 50_000
# The start of a cell a spreadsheet would run, as `pohon export` marks it in CSV with '
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def read(path: str) -> list[Table]:
    """Every table in ``path``; InputError (exit 2) when it cannot be read at all."""
    source = Path(path)
    if source.is_dir():
        files = sorted(p for p in source.iterdir() if p.suffix.lower() == ".csv")
        if not files:
            raise InputError(_("{path}: a folder with no CSV file in it", path=path))
        return [_csv(p) for p in files]
    if not source.is_file():
        raise InputError(_("{path}: no such file", path=path))
    size = source.stat().st_size
    if size > MAX_BYTES:
        raise InputError(
            _(
                "{path}: {size} MB is more than import reads ({limit} MB): save the sheets "
                "you need in a smaller file",
                path=path,
                size=size // (1024 * 1024),
                limit=MAX_BYTES // (1024 * 1024),
            )
        )
    suffix = source.suffix.lower()
    if suffix == ".csv":
        return [_csv(source)]
    if suffix in WORKBOOKS:
        return _workbook(source)
    raise InputError(
        _("{path}: import reads .xlsx, .xls, .ods and .csv files, or a folder of CSV", path=path)
    )


def _workbook(source: Path) -> list[Table]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(source))
        unsaved = _unsaved_formulas(source) if source.suffix.lower() in (".xlsx", ".xlsm") else {}
        tables = []
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            if sheet.total_height > MAX_ROWS + 100:
                raise InputError(_too_many(f"{source}!{name}", sheet.total_height))
            rows = sheet.to_python(skip_empty_area=False)
            merged = sheet.merged_cell_ranges or []
            tables.append(_table(name, rows, merged, unsaved.get(name, ())))
        return tables
    except InputError:
        raise
    except (
        CalamineError,
        OSError,
        ValueError,
        KeyError,
        EOFError,
        zipfile.BadZipFile,
        zlib.error,
    ) as error:
        # a damaged file: whatever the layer that noticed, one message
        message = _("{path}: cannot read the workbook: {error}", path=source, error=error)
        raise InputError(message) from None


def _too_many(where: str, rows: int) -> str:
    return _(
        "{where}: {rows:,} rows; import reads at most {limit:,} rows a sheet "
        "(a pohon kinerja is hundreds): remove the rows that are not the tree",
        where=where,
        rows=rows,
        limit=MAX_ROWS,
    )


def _table(
    name: str, rows: list[list[Any]], merged: list[Any], unsaved: tuple[tuple[int, int], ...]
) -> Table:
    table = Table(name, [])
    table.rows = [[_value(v, table, r, c) for c, v in enumerate(row)] for r, row in enumerate(rows)]
    # a merged range shows its first cell's value in all of its cells (a level spanning rows)
    for (r0, c0), (r1, c1) in merged:
        value = table.cell(r0, c0) if r0 < len(table.rows) else None
        for r in range(r0, min(r1 + 1, len(table.rows))):
            cells = table.rows[r]
            cells.extend([None] * (c1 + 1 - len(cells)))
            for c in range(c0, c1 + 1):
                cells[c] = value
    for r, c in unsaved:
        if r < len(table.rows) and c < len(table.rows[r]):
            table.rows[r][c] = None
        table.notes.append(
            Note(
                table.place(r, c),
                _(
                    "a formula saved without its value: pohon does not compute formulas; open "
                    "the workbook in a spreadsheet program and save it, or type the value"
                ),
                "error",
            )
        )
    # a spreadsheet keeps numbers as numbers: one typed as text comes from an Indonesian
    # document, where 1.500 is one thousand five hundred
    table.commas = True
    table.typed = True
    return table


def _value(value: Any, table: Table, row: int, column: int) -> Value:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return from_float(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return clean(str(value), table.place(row, column), table.notes)


_SHEET = re.compile(r"<sheet\b[^>]*>")
_REL = re.compile(r"<Relationship\b[^>]*>")
_ATTRIBUTE = re.compile(r'([\w:]+)="([^"]*)"')
_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]+)([0-9]+)"[^>]*?(?<!/)>(.*?)</c>', re.S)


def _unsaved_formulas(source: Path) -> dict[str, tuple[tuple[int, int], ...]]:
    """The cells of each sheet holding a formula without a saved value (a file written
    by a program, never opened in a spreadsheet): calamine shows them empty."""
    import html

    found: dict[str, tuple[tuple[int, int], ...]] = {}
    with zipfile.ZipFile(source) as archive:
        names = set(archive.namelist())
        book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        rels_name = "xl/_rels/workbook.xml.rels"
        rels = archive.read(rels_name).decode("utf-8", "replace") if rels_name in names else ""
        targets = {}
        for tag in _REL.findall(rels):
            attributes = dict(_ATTRIBUTE.findall(tag))
            targets[attributes.get("Id", "")] = attributes.get("Target", "")
        for tag in _SHEET.findall(book):
            attributes = dict(_ATTRIBUTE.findall(tag))
            name, rid = attributes.get("name", ""), attributes.get("r:id", "")
            target = targets.get(rid, "").lstrip("/")
            member = target if target.startswith("xl/") else f"xl/{target}"
            if member not in names:
                continue
            cells = []
            for letters, number, body in _CELL.findall(archive.read(member)):
                if b"<f" in body and not re.search(rb"<v>[^<]", body):
                    cells.append((int(number) - 1, _column_index(letters.decode())))
            if cells:
                found[html.unescape(name)] = tuple(cells)
    return found


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - ord("A") + 1
    return index - 1


def _csv(source: Path) -> Table:
    data = source.read_bytes()
    if len(data) > MAX_BYTES:
        limit = MAX_BYTES // (1024 * 1024)
        raise InputError(_("{path}: more than {limit} MB", path=source, limit=limit))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            _(
                "{path}: not UTF-8 text; save it as \u201cCSV UTF-8\u201d in the spreadsheet "
                "program",
                path=source,
            )
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    table = Table(source.name, [])
    rows: list[list[Value]] = []
    for r, cells in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)):
        if r > MAX_ROWS + 100:
            raise InputError(_too_many(str(source), text.count("\n")))
        rows.append([_csv_value(v, table, r, c) for c, v in enumerate(cells)])
    table.rows = rows
    texts = [v for row in rows for v in row if isinstance(v, str)]
    table.commas = delimiter == ";" or uses_commas(texts)
    return table


def _csv_value(text: str, table: Table, row: int, column: int) -> Value:
    if not text:
        return None
    # `pohon export` writes ' before a cell a spreadsheet would run: the text is after it
    if text.startswith("'") and text[1:].startswith(_FORMULA_START):
        text = text[1:]
    return clean(text, table.place(row, column), table.notes)
