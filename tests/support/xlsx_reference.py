"""``pohon export --format xlsx`` as it was written before its rows were written as XML
(output/sheets/xlsx_rows.py): every cell an openpyxl cell. Kept as the reference the
workbook's parts are compared with, byte for byte (tests/output/test_xlsx_rows.py)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from copy import copy
from decimal import Decimal
from typing import Any

from pohon_cli.export import Cell, Column, Cover, Sheet
from pohon_cli.model import number_text
from pohon_cli.output.sheets.request import Paper

# Excel's limit; openpyxl would cut silently, so pohon marks the cut
MAX_TEXT = 32_767
# Excel keeps 15 significant digits: a number with more is written as text, exactly
MAX_DIGITS = 15
PERCENT_FORMAT = "0.00%"
# openpyxl's paperSize codes (those of Excel): 9 is A4, 14 is folio (8.5 x 13 in), F4
PAPER_SIZE: dict[Paper, int] = {"A4": 9, "F4": 14}
# The rows above the header: the office, what the sheet is and its year, a blank line.
TITLE_ROWS = 3
# The height of one line of 11-point text in a row, in points (Excel's default row).
LINE_POINTS = 15


def number_format(value: Decimal) -> str:
    """The format that shows a number with the decimals it is written with: 1.10 -> 0.00."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "0." + "0" * places if places else "0"


def xlsx_bytes(sheets: Sequence[Sheet], cover: Cover | None = None, paper: Paper = "A4") -> bytes:
    """The workbook as the bytes of an .xlsx file."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(book.create_sheet(sheet.name), sheet, cover, paper)
    book.properties.title = sheets[0].name if sheets else None
    book.properties.creator = "pohon"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_sheet(ws: Any, sheet: Sheet, cover: Cover | None, paper: Paper) -> None:
    """One sheet, row by row (write-only): settings first, then the title block, the
    header and the rows."""
    from openpyxl.utils import get_column_letter

    cells = _Cells(ws)
    header = TITLE_ROWS + 1
    last = get_column_letter(max(1, len(sheet.columns)))
    for i, column in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column.width
    ws.freeze_panes = f"B{header + 1}"
    ws.auto_filter.ref = f"A{header}:{last}{header + len(sheet.rows)}"
    ws.print_title_rows = f"{header}:{header}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_SIZE[paper]
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    what = sheet.title or sheet.name
    if cover is not None:
        year = "" if str(cover.tahun) in what else f" · Tahun {cover.tahun}"
        ws.append([cells.title(cover.instansi, 14)])
        ws.append([cells.title(what + year, 12)])
    else:
        ws.append([cells.title(what, 14)])
        ws.append([])
    ws.append([])
    labels = [column.label for column in sheet.columns]
    _fit_height(ws, header, labels, sheet.columns, wrap_all=True)
    ws.append([cells.header(label) for label in labels])
    for number, row in enumerate(sheet.rows, start=header + 1):
        _fit_height(ws, number, row, sheet.columns)
        ws.append(
            [cells.cell(value, column) for value, column in zip(row, sheet.columns, strict=True)]
        )


def _fit_height(
    ws: Any, number: int, row: Sequence[Cell], columns: Sequence[Column], wrap_all: bool = False
) -> None:
    """A row as tall as its longest wrapped text. Neither openpyxl nor LibreOffice fits a
    row to wrapped text when the file is opened, so the lines would print over the next
    row; the count of lines is estimated from the column's width in characters."""
    lines = 1
    for value, column in zip(row, columns, strict=True):
        if isinstance(value, str) and (wrap_all or column.kind == "long"):
            per_line = max(1, column.width - 1)
            lines = max(lines, sum(-(-len(part) // per_line) or 1 for part in value.split("\n")))
    if lines > 1:
        ws.row_dimensions[number].height = min(409, LINE_POINTS * lines + 2)


class _Cells:
    """Cells of one sheet, styled by copying the style of a prototype cell per kind of
    cell: assigning fonts and formats cell by cell hashes them every time (a fifth of
    the time of a 10,000-node workbook)."""

    def __init__(self, ws: Any) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font

        self.ws = ws
        self.make = WriteOnlyCell
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.top = Alignment(vertical="top")
        self.bold = Font(bold=True)
        self.styles: dict[tuple[bool, str | None, bool], Any] = {}

    def styled(
        self, value: Any, *, wrap: bool, number: str | None = None, bold: bool = False
    ) -> Any:
        cell = self.make(self.ws, value)
        key = (wrap, number, bold)
        style = self.styles.get(key)
        if style is None:
            cell.alignment = self.wrap if wrap else self.top
            if number is not None:
                cell.number_format = number
            if bold:
                cell.font = self.bold
            self.styles[key] = copy(cell._style)  # type: ignore[attr-defined]
        else:
            cell._style = copy(style)  # type: ignore[attr-defined]
        return cell

    def title(self, text: str, size: int) -> Any:
        """A line of the title block: bold, not wrapped (it runs over the empty cells
        beside it), always text."""
        from openpyxl.styles import Font

        cell = self.make(self.ws, text[:MAX_TEXT])
        cell.font = Font(bold=True, size=size)
        cell.data_type = "s"
        return cell

    def header(self, text: str) -> Any:
        cell = self.styled(text, wrap=True, bold=True)
        cell.data_type = "s"
        return cell

    def cell(self, value: Cell, column: Column) -> Any:
        if value is None:
            return None
        wrap = column.kind == "long"
        if isinstance(value, str):
            text = value if len(value) <= MAX_TEXT else value[: MAX_TEXT - 1] + "…"
            cell = self.styled(text, wrap=wrap)
            # text is text: "=SUM(A1)" or "#N/A" in an uraian must not become a formula
            cell.data_type = "s"
            return cell
        if isinstance(value, int):
            return self.styled(value, wrap=wrap)
        if len(value.as_tuple().digits) > MAX_DIGITS:
            return self.cell(number_text(value), column)  # exactly, as text
        if column.kind == "percent":
            return self.styled(float(value.scaleb(-2)), wrap=wrap, number=PERCENT_FORMAT)
        return self.styled(float(value), wrap=wrap, number=number_format(value))
