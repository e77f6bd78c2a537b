"""``pohon export --format markdown``: one document, a heading and a table per sheet, on
the stream or written atomically to ``-o``; the headers in the words a planner prints,
as in the workbook (a program reads the CSV folder, by its keys)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TextIO

from pohon_cli.export import Sheet
from pohon_cli.output import tables
from pohon_cli.output.files import save
from pohon_cli.output.sheets.request import SheetsRequest, cell_text
from pohon_cli.output.terminal import Screen


def markdown_text(sheets: Sequence[Sheet]) -> str:
    """One document: a heading and a table per sheet."""
    out = io.StringIO()
    for i, sheet in enumerate(sheets):
        if i:
            out.write("\n")
        out.write(f"## {tables.markdown_cell(sheet.name)}\n\n")
        numeric = frozenset(
            n for n, c in enumerate(sheet.columns) if c.kind in ("number", "percent")
        )
        rows = [tuple(cell_text(v) for v in row) for row in sheet.rows]
        tables.write_markdown(tables.Table(sheet.labels, rows, numeric), out)
    return out.getvalue()


def write(request: SheetsRequest, out: TextIO, screen: Screen | None = None) -> None:
    text = markdown_text(request.sheets)
    if request.path is None or request.path == "-":
        out.write(text)
    else:
        save(request.path, text)
