"""What every writer of ``pohon export`` is given, and a cell as CSV and Markdown write it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from pohon_cli.export import Cell, Cover, Sheet
from pohon_cli.model import number_text

# The paper a workbook is set up to print on: A4, or F4 (folio, 215 x 330 mm), which
# Indonesian offices print on as often.
Paper = Literal["A4", "F4"]
PAPERS: tuple[Paper, ...] = ("A4", "F4")


@dataclass(frozen=True, slots=True)
class SheetsRequest:
    """The sheets, and ``-o`` as given: a file or a folder to write, or None (or ``-``)
    for the stream the writer is handed; the title block and the paper of a workbook."""

    sheets: Sequence[Sheet]
    path: str | None
    cover: Cover | None = None
    paper: Paper = "A4"


def cell_text(value: Cell) -> str:
    """A cell as CSV and Markdown write it: numbers with their digits, achievements in
    percent points (107.14), nothing as empty."""
    if isinstance(value, Decimal):
        return number_text(value)
    return "" if value is None else str(value)
