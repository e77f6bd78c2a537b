"""``pohon report``: the achievement (*capaian*) of a year, per indicator and summarised per
node, unit kerja and misi, as the Laporan Kinerja reports it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pohon_cli.cli.app import app
from pohon_cli.cli.options import (
    DepthOpt,
    LangOpt,
    LevelOpt,
    MisiOpt,
    RootOpt,
    UnitOpt,
    choose_year,
    filter_of,
    load_tree,
    pick,
    present,
    report_settings,
)
from pohon_cli.i18n import N_


@app.command()
def report(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help=N_(
                "The pohon file; several files or a directory (every *.yaml / *.yml "
                "under it) roll capaian up from the offices to their parents."
            ),
            show_default=False,
        ),
    ],
    *,
    year: Annotated[
        int | None,
        typer.Option(
            "--year", help=N_("The year to report (default: the file's tahun)."), show_default=False
        ),
    ] = None,
    misi: MisiOpt = None,
    unit: UnitOpt = None,
    root: RootOpt = None,
    depth: DepthOpt = None,
    level: LevelOpt = None,
    output_format: Annotated[
        str,
        typer.Option("--format", "-f", help=N_("Output format: text, markdown, json or csv.")),
    ] = "text",
    lang: LangOpt = None,
) -> None:
    """Achievement of a year: realisasi against target, rated in bands.

    Averaged per node, unit kerja and misi; a missing realisasi is listed, never 0.

    Given a directory: each office under its parent, and carried indicators rolled up to it.
    """
    if len(paths) != 1 or paths[0].is_dir():
        from pohon_cli.cli.report_cascade import report_cascade

        filtered = any(v is not None for v in (misi, unit, root, depth, level))
        report_cascade(paths, year, filtered, output_format)
        return
    from pohon_cli.filters import select
    from pohon_cli.output import report as view
    from pohon_cli.report import build

    path = paths[0]

    writer = pick(view.FORMATS, output_format)
    tree = load_tree(path)
    settings = report_settings(path)
    selection = select(tree, filter_of(misi, unit, root, depth, level))
    built = build(tree, choose_year(tree, year), settings, selection)
    header = tree.header
    institution = header.institution.short_name or header.institution.name
    present(writer, view.ReportRequest(str(path), institution, built))
