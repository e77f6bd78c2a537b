"""``pohon export``: the tree as the spreadsheets planners exchange (xlsx, CSV, Markdown)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pohon_cli.cli.app import app, fail
from pohon_cli.cli.options import (
    FileArg,
    choose_year,
    load_tree,
    pick,
    present,
    report_settings,
)


@app.command()
def export(
    path: FileArg,
    *,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="The workbook (.xlsx), the folder of CSV files, or the Markdown file "
            "(default for markdown: stdout).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="xlsx, csv or markdown (default: from the extension of -o).",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help="The year of the achievement sheets (default: the file's tahun).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write the tree as the tables planners exchange: xlsx, CSV files or Markdown.

    Cascading matrix, indicator manual, units and the achievement of --year.
    """
    from pohon_cli import export as sheets_of
    from pohon_cli.output import sheets as view
    from pohon_cli.output.files import refuse_input, refuse_input_inside
    from pohon_cli.report import build

    name = output_format
    if name is None:
        name = view.BY_EXTENSION.get(Path(output).suffix.lower()) if output else None
        if name is None:
            fail("say --format xlsx, csv or markdown (or give -o a .xlsx or .md name)")
    writer = pick(view.FORMATS, name)
    if output is not None and output != "-":
        # a workbook or Markdown file replaces its target, a CSV folder the whole folder
        refuse = refuse_input_inside if name == "csv" else refuse_input
        refuse(output, path)
    tree = load_tree(path)
    report = build(tree, choose_year(tree, year), report_settings(path))
    present(writer, view.SheetsRequest(sheets_of.sheets(tree, report), output))
