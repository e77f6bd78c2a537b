"""The rows of a sheet's table as the XML of an .xlsx worksheet, written straight to a
file, then put in place in the workbook openpyxl wrote around them.

openpyxl's write-only mode still makes a cell object, a style array and an XML element
for every cell, and serialises each through ElementTree: four fifths of the time of a
10,000-node workbook. The cells of the table are few kinds (text, wrapped text, a number
with its decimals, a percentage), so each kind's style is made once, by openpyxl, and
each cell is one formatted string. The XML is the one openpyxl writes, byte for byte
(``tests/output/test_xlsx_rows.py`` compares them): inline strings, ``xml:space`` on
text with spaces at its ends, numbers as ``%.16g``, row heights as row attributes.

openpyxl writes the workbook with the title block and the header of each sheet; the
rows are then spliced into each sheet's ``<sheetData>`` as the workbook's zip is copied.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Mapping, Sequence
from copy import copy
from decimal import Decimal
from typing import IO, Any

from pohon_cli.export import Cell, Column
from pohon_cli.model import number_text

# Excel's limit; openpyxl would cut silently, so pohon marks the cut
MAX_TEXT = 32_767
# Excel keeps 15 significant digits: a number with more is written as text, exactly
MAX_DIGITS = 15
PERCENT_FORMAT = "0.00%"
# The height of one line of 11-point text in a row, in points (Excel's default row).
LINE_POINTS = 15
# what openpyxl refuses in a cell (the loader refuses them in any text: PK002)
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
_END = b"</sheetData>"
# rows gathered before they are written out
_BATCH = 512

# (wrap, number format, bold): the style of a kind of cell
StyleKey = tuple[bool, str | None, bool]


def number_format(value: Decimal) -> str:
    """The format that shows a number with the decimals it is written with: 1.10 -> 0.00."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "0." + "0" * places if places else "0"


def row_lines(row: Sequence[Cell], columns: Sequence[Column], wrap_all: bool = False) -> int:
    """How many lines the row's longest wrapped text takes. Neither openpyxl nor
    LibreOffice fits a row to wrapped text when the file is opened, so the lines would
    print over the next row; the count is estimated from the column's width."""
    lines = 1
    for value, column in zip(row, columns, strict=True):
        if isinstance(value, str) and (wrap_all or column.kind == "long"):
            per_line = max(1, column.width - 1)
            lines = max(lines, sum(-(-len(part) // per_line) or 1 for part in value.split("\n")))
    return lines


def row_height(lines: int) -> int:
    return min(409, LINE_POINTS * lines + 2)


# Short texts written again (units, satuan, levels, polaritas): made once each, for the
# first _SHORT_TEXTS of them.
_SHORT = 64
_SHORT_TEXTS = 1 << 16
# The numbers of a table whose cells are kept to be written again (the loader shares
# 65,536 of them).
_SHARED_NUMBERS = 1 << 16
_MADE: dict[str, str] = {}


def _text(text: str) -> str:
    """The ``<is>`` of a non-empty inline string as ElementTree writes it."""
    made = _MADE.get(text)
    if made is None:
        made = _inline(text)
        if len(text) <= _SHORT and len(_MADE) < _SHORT_TEXTS:
            _MADE[text] = made
    return made


def _inline(text: str) -> str:
    if not text.isprintable() and _ILLEGAL.search(text):
        from openpyxl.utils.exceptions import IllegalCharacterError

        raise IllegalCharacterError(f"{text} cannot be used in worksheets.")  # as openpyxl
    escaped = text
    if "&" in escaped:
        escaped = escaped.replace("&", "&amp;")
    if "<" in escaped:
        escaped = escaped.replace("<", "&lt;")
    if ">" in escaped:
        escaped = escaped.replace(">", "&gt;")
    stripped = text.strip()
    if stripped and stripped != text:
        return f'<is><t xml:space="preserve">{escaped}</t></is>'
    return f"<is><t>{escaped}</t></is>"


class Styles:
    """The style of each kind of cell, made once through openpyxl (which registers its
    font, alignment and number format in the workbook, in the order cells first use
    them), then copied, as a prototype, to every cell of its kind."""

    def __init__(self, ws: Any) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font

        self.ws = ws
        self.make = WriteOnlyCell
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.top = Alignment(vertical="top")
        self.bold = Font(bold=True)
        self.arrays: dict[StyleKey, Any] = {}
        self.ids: dict[StyleKey, str] = {}

    def styled(self, value: Any, key: StyleKey) -> Any:
        """An openpyxl cell of this kind, for the rows openpyxl writes itself."""
        cell = self.make(self.ws, value)
        cell._style = copy(self._array(key, cell))  # type: ignore[attr-defined]
        return cell

    def _array(self, key: StyleKey, cell: Any) -> Any:
        array = self.arrays.get(key)
        if array is None:
            wrap, number, bold = key
            cell.alignment = self.wrap if wrap else self.top
            if number is not None:
                cell.number_format = number
            if bold:
                cell.font = self.bold
            array = self.arrays[key] = copy(cell._style)
        return array

    def id_of(self, key: StyleKey) -> str:
        """The workbook's index of the style, registered when a cell first uses it."""
        found = self.ids.get(key)
        if found is None:
            found = self.ids[key] = str(self.styled(None, key).style_id)
        return found


class Rows:
    """The XML of the rows of one table, ``first`` the number of its first row."""

    def __init__(self, styles: Styles, columns: Sequence[Column], first: int) -> None:
        from openpyxl.utils import get_column_letter

        self.styles = styles
        self.columns = columns
        self.number = first
        # each column's letter and the style of its text and integers (numbers with
        # decimals have a style per count of decimals); a style's id is given when a
        # cell first uses it, as openpyxl gives it
        self.cells = [
            (get_column_letter(i), (c.kind == "long", None, False), c)
            for i, c in enumerate(columns, start=1)
        ]
        # each number's cell after its place, by the number object (``decimal``)
        self.decimals: dict[tuple[int, StyleKey, str], tuple[Decimal, str]] = {}
        # the wrapped columns, with the characters a line of each holds (``row_lines``)
        self.wrapped = [(i, max(1, c.width - 1)) for i, c in enumerate(columns) if c.kind == "long"]

    def write(self, rows: Sequence[tuple[Cell, ...]], out: IO[bytes]) -> None:
        batch: list[str] = []
        for row in rows:
            batch.append(self.row(row))
            if len(batch) >= _BATCH:
                out.write("".join(batch).encode("utf-8", "xmlcharrefreplace"))
                batch.clear()
        out.write("".join(batch).encode("utf-8", "xmlcharrefreplace"))

    def row(self, values: Sequence[Cell]) -> str:
        """One row: ``row_lines`` and the cells, inline (a million cells at 10,000 nodes)."""
        if len(values) != len(self.cells):
            raise ValueError("a row has as many cells as the sheet has columns")
        number = str(self.number)
        self.number += 1
        lines = 1
        for index, per_line in self.wrapped:
            value = values[index]
            if isinstance(value, str):
                if "\n" in value:
                    lines = max(lines, sum(-(-len(p) // per_line) or 1 for p in value.split("\n")))
                else:
                    lines = max(lines, -(-len(value) // per_line) or 1)
        if lines > 1:
            parts = [f'<row r="{number}" ht="{row_height(lines)}" customHeight="1">']
        else:
            parts = [f'<row r="{number}">']
        append = parts.append
        ids = self.styles.ids
        for value, (letter, key, column) in zip(values, self.cells, strict=True):
            if value is None:
                continue
            if isinstance(value, Decimal):
                append(self.decimal(f"{letter}{number}", key, column, value))
                continue
            plain = ids.get(key) or self.styles.id_of(key)
            if isinstance(value, str):
                text = value if len(value) <= MAX_TEXT else value[: MAX_TEXT - 1] + "…"
                if not text:
                    append(f'<c r="{letter}{number}" s="{plain}" t="inlineStr" />')
                else:
                    append(f'<c r="{letter}{number}" s="{plain}" t="inlineStr">{_text(text)}</c>')
            else:
                kind = "b" if isinstance(value, bool) else "n"
                append(f'<c r="{letter}{number}" s="{plain}" t="{kind}"><v>{value:.16g}</v></c>')
        append("</row>")
        return "".join(parts)

    def decimal(self, at: str, plain: StyleKey, column: Column, value: Decimal) -> str:
        # the loader makes a number written again one object: its cell is made once (by
        # the object, which the entry keeps alive, not by value: 1.10 == 1.1)
        key = (id(value), plain, column.kind)
        made = self.decimals.get(key)
        if made is None or made[0] is not value:
            made = (value, self._decimal(plain, column, value))
            if len(self.decimals) < _SHARED_NUMBERS:
                self.decimals[key] = made
        return f'<c r="{at}"{made[1]}'

    def _decimal(self, plain: StyleKey, column: Column, value: Decimal) -> str:
        """A number's cell after its place: its style, type and value."""
        _, digits, exponent = value.as_tuple()
        if len(digits) > MAX_DIGITS:  # exactly, as text
            text = number_text(value)
            if len(text) > MAX_TEXT:
                text = text[: MAX_TEXT - 1] + "…"
            text = _text(text)
            return f' s="{self.styles.id_of(plain)}" t="inlineStr">{text}</c>'
        wrap = column.kind == "long"
        if column.kind == "percent":
            shown, key = float(value.scaleb(-2)), (wrap, PERCENT_FORMAT, False)
        else:
            places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
            shown, key = float(value), (wrap, "0." + "0" * places if places else "0", False)
        style = self.styles.id_of(key)
        if shown - shown != 0:  # infinite or not a number: openpyxl writes no digits
            return f' s="{style}" t="n"><v /></c>'
        return f' s="{style}" t="n"><v>{shown:.16g}</v></c>'


def splice(book: IO[bytes], out: IO[bytes], rows: Mapping[str, IO[bytes]]) -> None:
    """Copy the workbook ``book`` to ``out``, each worksheet named in ``rows`` with the
    rows read from its file put at the end of its ``<sheetData>``; every other part, and
    every part's name, date, attributes and compression, as openpyxl wrote them."""
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(out, "w", allowZip64=True) as target:
        for info in source.infolist():
            data = source.read(info)
            body = rows.get(info.filename)
            if body is None:
                target.writestr(info, data)
                continue
            at = data.rindex(_END)
            part = copy(info)
            part.file_size = len(data) + body.seek(0, 2)
            body.seek(0)
            with target.open(part, "w") as stream:
                stream.write(data[:at])
                shutil.copyfileobj(body, stream, 1 << 20)
                stream.write(data[at:])
