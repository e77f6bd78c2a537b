"""Tables as import reads them: cells with their place (``Renstra!C14``), values as the
sheet holds them (text, or a number as Decimal, never a float), and the notes import
gives about a cell it could not take as it is."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from pohon_cli.i18n import _

Value = str | Decimal | None

# Characters a pohon file refuses (they hide text or break lines unseen); a line break
# and a tab are text.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]|\r(?!\n)")
# A number as Indonesian tables write it: thousands dots, a decimal comma (1.500, 80,5).
_ID_NUMBER = re.compile(r"-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")


@dataclass(frozen=True, slots=True)
class Note:
    """Something import could not place or took with a change, at its cell."""

    place: str
    message: str
    severity: str = "warning"  # or "error": the value was left out


@dataclass(slots=True)
class Table:
    """One sheet (or CSV file): rows of cells, the first row at ``top`` (0-based) of
    the sheet, so that every cell can be named as the spreadsheet shows it."""

    name: str
    rows: list[list[Value]]
    top: int = 0
    left: int = 0
    # the decimal comma convention, when the file says so (a CSV with `;`)
    commas: bool = False
    # a workbook tells numbers from texts; in a CSV every cell is text
    typed: bool = False
    notes: list[Note] = field(default_factory=list)

    def place(self, row: int, column: int) -> str:
        return f"{self.name}!{column_name(column + self.left)}{row + self.top + 1}"

    def cell(self, row: int, column: int) -> Value:
        cells = self.rows[row]
        return cells[column] if column < len(cells) else None


def column_name(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def from_float(value: float) -> Decimal:
    """A spreadsheet number as the digits it shows: the shortest text that reads back as
    the same float (0.1 stays 0.1, 100.0 is 100), never the float's binary expansion."""
    if value.is_integer() and abs(value) < 1e15:
        return Decimal(int(value))
    return Decimal(repr(value))


def number(text: str, commas: bool) -> Decimal | None:
    """A number written as text: ``80.5`` or, with ``commas`` (the table writes decimal
    commas), ``1.500`` (one thousand five hundred) and ``80,5``. None when not a number."""
    text = text.strip()
    if (commas or _DECIMAL_COMMA.fullmatch(text)) and _ID_NUMBER.fullmatch(text):
        return Decimal(text.replace(".", "").replace(",", "."))
    if _PLAIN_NUMBER.fullmatch(text):
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern is a Decimal
            return None
    return None


def thousands(text: str) -> bool:
    """True for a text with thousands dots (``1.500``): read as Indonesian tables mean it."""
    return "." in text and _ID_NUMBER.fullmatch(text.strip()) is not None


def uses_commas(texts: list[str]) -> bool:
    """True when some number of the table has a decimal comma (``80,5``) or thousands
    dots followed by a comma: then ``1.500`` in the same table is one thousand five hundred."""
    return any(_DECIMAL_COMMA.fullmatch(t) or ("," in t and _ID_NUMBER.fullmatch(t)) for t in texts)


def clean(text: str, place: str, notes: list[Note]) -> str:
    """The text without control characters a pohon file refuses, each removal noted."""
    if CONTROL.search(text) is None:
        return text
    found = sorted({f"U+{ord(c):04X}" for c in CONTROL.findall(text)})
    message = _("control character {characters} removed from the text", characters=", ".join(found))
    notes.append(Note(place, message))
    return CONTROL.sub("", text)
