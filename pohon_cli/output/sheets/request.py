"""What every writer of ``pohon export`` is given, and a cell as CSV and Markdown write it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from pohon_cli.export import Cell, Sheet
from pohon_cli.model import number_text


@dataclass(frozen=True, slots=True)
class SheetsRequest:
    """The sheets, and ``-o`` as given: a file or a folder to write, or None (or ``-``)
    for the stream the writer is handed."""

    sheets: Sequence[Sheet]
    path: str | None


def cell_text(value: Cell) -> str:
    """A cell as CSV and Markdown write it: numbers with their digits, achievements in
    percent points (107.14), nothing as empty."""
    if isinstance(value, Decimal):
        return number_text(value)
    return "" if value is None else str(value)
