"""``pohon export``: the tree as the spreadsheets planners exchange (xlsx, CSV, Markdown)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from pohon_cli.cli.app import app, fail
from pohon_cli.cli.options import (
    FileArg,
    LangOpt,
    choose_year,
    load_tree,
    pick,
    present,
    report_settings,
)
from pohon_cli.i18n import N_, _, n_

OutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        help=N_(
            "The workbook (.xlsx), the folder of CSV files (a name ending in /), or "
            "the Markdown file (default for markdown: stdout)."
        ),
        show_default=False,
    ),
]

FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help=N_("xlsx, csv or markdown (default: from the extension of -o; csv for a folder)."),
        show_default=False,
    ),
]


@app.command()
def export(
    path: FileArg,
    *,
    output: OutputOpt = None,
    output_format: FormatOpt = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help=N_("The year of the achievement sheets (default: the file's tahun)."),
            show_default=False,
        ),
    ] = None,
    paper: Annotated[
        str,
        typer.Option(
            "--paper",
            help=N_("The paper the workbook prints on, landscape: A4 or F4 (215 x 330 mm)."),
        ),
    ] = "A4",
    lang: LangOpt = None,
) -> None:
    """Write the tree as the tables planners exchange: xlsx, CSV files or Markdown.

    Cascading matrix, indicator manual, units and the achievement of --year.
    """
    from pohon_cli import export as sheets_of
    from pohon_cli.output import sheets as view
    from pohon_cli.output.files import refuse_input, refuse_input_inside
    from pohon_cli.output.sheets.request import PAPERS
    from pohon_cli.report import build

    name = output_format or _format_of(output, view.BY_EXTENSION)
    writer = pick(view.FORMATS, name)
    chosen = next((p for p in PAPERS if p == paper.upper()), None)
    if chosen is None:
        fail(
            _("unknown paper `{paper}`: use one of {papers}", paper=paper, papers=", ".join(PAPERS))
        )
    if output is not None and output != "-":
        # a workbook or Markdown file replaces its target, a CSV folder the whole folder
        refuse = refuse_input_inside if name == "csv" else refuse_input
        refuse(output, path)
    tree = load_tree(path)
    report = build(tree, choose_year(tree, year), report_settings(path))
    sheets = sheets_of.sheets(tree, report)
    if name != "markdown":  # what import reads back; a printed document has no use for it
        from pohon_cli.importer.record import record

        sheets.append(record(tree))
    request = view.SheetsRequest(sheets, output, sheets_of.cover(tree), chosen)
    present(writer, request)
    if output is not None and output != "-":
        count = len(sheets)
        said = {
            "xlsx": n_("wrote {output} ({count} sheet)", "wrote {output} ({count} sheets)",
                       count, output=output),
            "csv": n_("wrote {output} ({count} file)", "wrote {output} ({count} files)",
                      count, output=output),
            "markdown": n_("wrote {output} ({count} table)", "wrote {output} ({count} tables)",
                           count, output=output),
        }  # fmt: skip
        typer.echo(said[name], err=True)


def _format_of(output: str | None, by_extension: dict[str, str]) -> str:
    """The format -o implies: a folder (a name ending in /, or one that is there) is
    CSV, the extension says the rest."""
    if output is not None and output != "-":
        if output.endswith(("/", os.sep)) or Path(output).is_dir():
            return "csv"
        found = by_extension.get(Path(output).suffix.lower())
        if found is not None:
            return found
    fail(_("say --format xlsx, csv or markdown (or give -o a .xlsx or .md name, or a folder/)"))
