"""Sheets as an Excel workbook (.xlsx) that LibreOffice and Excel open alike: a bold,
frozen header row with filters, column widths, long texts wrapped, numbers as numbers
with the decimals the file writes (``1.10`` shows as 1.10), achievements as percentages.

openpyxl is imported inside ``xlsx_bytes`` so that no other command pays for it. The
workbook is written in openpyxl's write-only mode, row by row, so that a tree of 100,000
nodes fits in memory.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pohon_cli.export import Cell, Column, Sheet

if TYPE_CHECKING:
    from openpyxl.styles import Alignment, Font

# Excel's limit; openpyxl would cut silently, so pohon marks the cut
MAX_TEXT = 32_767
# Excel keeps 15 significant digits: a number with more is written as text, exactly
MAX_DIGITS = 15
PERCENT_FORMAT = "0.00%"


def number_format(value: Decimal) -> str:
    """The format that shows a number with the decimals it is written with: 1.10 -> 0.00."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "0." + "0" * places if places else "0"


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The workbook as the bytes of an .xlsx file."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for sheet in sheets:
        ws = book.create_sheet(sheet.name)
        last = get_column_letter(max(1, len(sheet.columns)))
        for i, column in enumerate(sheet.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = column.width
        ws.freeze_panes = "B2"
        ws.auto_filter.ref = f"A1:{last}{len(sheet.rows) + 1}"
        ws.append([_header(ws, column.header, bold, wrap) for column in sheet.columns])
        styles = [wrap if c.kind == "long" else top for c in sheet.columns]
        for row in sheet.rows:
            ws.append(
                [
                    _cell(ws, value, column, style)
                    for value, column, style in zip(row, sheet.columns, styles, strict=True)
                ]
            )
    book.properties.title = sheets[0].name if sheets else None
    book.properties.creator = "pohon"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _header(ws: Any, text: str, bold: Font, wrap: Alignment) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, text)
    cell.data_type = "s"
    cell.font = bold
    cell.alignment = wrap
    return cell


def _cell(ws: Any, value: Cell, column: Column, alignment: Alignment) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if value is None:
        return None
    if isinstance(value, str):
        text = value if len(value) <= MAX_TEXT else value[: MAX_TEXT - 1] + "…"
        cell = WriteOnlyCell(ws, text)
        # text is text: "=SUM(A1)" or "#N/A" in an uraian must not become a formula or error
        cell.data_type = "s"
        cell.alignment = alignment
        return cell
    if isinstance(value, int):
        cell = WriteOnlyCell(ws, value)
        cell.alignment = alignment
        return cell
    if len(value.as_tuple().digits) > MAX_DIGITS:
        return _cell(ws, str(value), column, alignment)
    if column.kind == "percent":
        cell = WriteOnlyCell(ws, float(value.scaleb(-2)))
        cell.number_format = PERCENT_FORMAT
    else:
        cell = WriteOnlyCell(ws, float(value))
        cell.number_format = number_format(value)
    cell.alignment = alignment
    return cell
