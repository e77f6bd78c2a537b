"""``pohon export --format xlsx``: the sheets as an Excel workbook (.xlsx) that
LibreOffice and Excel open alike and a planner prints as it is: a title block (the
office, what the sheet is, the year), a bold, frozen header row in the planner's words
with filters, repeated on every printed page; landscape on A4 or F4, fitted to the
width of the page; column widths, long texts wrapped, numbers as numbers with the
decimals the file writes (``1.10`` shows as 1.10), achievements as percentages.

openpyxl is imported inside ``xlsx_bytes`` so that no other command pays for it. It
writes the workbook in write-only mode: the settings, styles, title block and header of
each sheet; the table's rows are written as XML by ``xlsx_rows`` (the bytes openpyxl
would write, a cell at a time, five times faster) into temporary files, so that a tree
of 100,000 nodes fits in memory.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Sequence
from contextlib import ExitStack
from typing import IO, Any, TextIO

from pohon_cli.export import Cover, Sheet
from pohon_cli.i18n import _
from pohon_cli.output.files import save
from pohon_cli.output.sheets.request import Paper, SheetsRequest
from pohon_cli.output.sheets.xlsx_rows import (
    MAX_TEXT,
    Rows,
    Styles,
    number_format,
    row_height,
    row_lines,
    splice,
)
from pohon_cli.output.terminal import Screen
from pohon_cli.problem import InputError

__all__ = ["number_format", "write", "xlsx_bytes"]

# openpyxl's paperSize codes (those of Excel): 9 is A4, 14 is folio (8.5 x 13 in), F4
PAPER_SIZE: dict[Paper, int] = {"A4": 9, "F4": 14}
# The rows above the header: the office, what the sheet is and its year, a blank line.
TITLE_ROWS = 3


def write(request: SheetsRequest, out: TextIO, screen: Screen | None = None) -> None:
    if request.path is None or request.path == "-":
        raise InputError(_("an xlsx workbook is a file: give -o OUT.xlsx"))
    save(request.path, xlsx_bytes(request.sheets, request.cover, request.paper))


def xlsx_bytes(sheets: Sequence[Sheet], cover: Cover | None = None, paper: Paper = "A4") -> bytes:
    """The workbook as the bytes of an .xlsx file."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    with ExitStack() as files:
        bodies: list[tuple[Any, IO[bytes]]] = []
        for sheet in sheets:
            # the rows wait in a file: a 100,000-node table is hundreds of MB of XML
            rows = files.enter_context(tempfile.TemporaryFile())
            ws = book.create_sheet(sheet.name)
            _write_sheet(ws, sheet, cover, paper, rows)
            bodies.append((ws, rows))
        book.properties.title = sheets[0].name if sheets else None
        book.properties.creator = "pohon"
        written = io.BytesIO()
        book.save(written)
        # a worksheet's part is known once saved (openpyxl numbers them as it saves)
        parts = {ws.path[1:]: rows for ws, rows in bodies}
        buffer = io.BytesIO()
        splice(written, buffer, parts)
    return buffer.getvalue()


def _write_sheet(ws: Any, sheet: Sheet, cover: Cover | None, paper: Paper, rows: IO[bytes]) -> None:
    """One sheet: settings first, then the title block and the header through openpyxl,
    and the table's rows as XML into ``rows`` (``xlsx_rows``)."""
    from openpyxl.utils import get_column_letter

    styles = Styles(ws)
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
        ws.append([_title(ws, cover.instansi, 14)])
        ws.append([_title(ws, what + year, 12)])
    else:
        ws.append([_title(ws, what, 14)])
        ws.append([])
    ws.append([])
    labels = [column.label for column in sheet.columns]
    lines = row_lines(labels, sheet.columns, wrap_all=True)
    if lines > 1:
        ws.row_dimensions[header].height = row_height(lines)
    ws.append([_header(styles, label) for label in labels])
    Rows(styles, sheet.columns, header + 1).write(sheet.rows, rows)


def _title(ws: Any, text: str, size: int) -> Any:
    """A line of the title block: bold, not wrapped (it runs over the empty cells beside
    it), always text."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(ws, text[:MAX_TEXT])
    cell.font = Font(bold=True, size=size)
    cell.data_type = "s"
    return cell


def _header(styles: Styles, text: str) -> Any:
    cell = styles.styled(text, (True, None, True))
    cell.data_type = "s"
    return cell
