"""``pohon export``: the sheets of ``pohon_cli.export`` written as an xlsx workbook, a
folder of CSV files (one per sheet) or one Markdown document, each a writer of the one
shape (``pohon_cli.output.writer``) given a ``SheetsRequest``. Every file is written
atomically; ``-o`` names the file or folder, and only Markdown may go to the stream."""

from __future__ import annotations

from pohon_cli.output.sheets import csv_folder, markdown, xlsx
from pohon_cli.output.sheets.request import SheetsRequest
from pohon_cli.output.writer import Writer

__all__ = ["BY_EXTENSION", "FORMATS", "SheetsRequest"]

FORMATS: dict[str, Writer[SheetsRequest]] = {
    "xlsx": xlsx.write,
    "csv": csv_folder.write,
    "markdown": markdown.write,
}
# the format an output file's extension implies when --format is not given
BY_EXTENSION = {".xlsx": "xlsx", ".md": "markdown", ".markdown": "markdown"}
