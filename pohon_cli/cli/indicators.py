"""``pohon indicators`` (alias ``pohon iku``): every indicator as a table."""

from __future__ import annotations

from typing import Annotated

import typer

from pohon_cli.cli.app import app
from pohon_cli.cli.options import (
    DepthOpt,
    DetailOpt,
    FileArg,
    LangOpt,
    LevelOpt,
    MisiOpt,
    RootOpt,
    UnitOpt,
    YearOpt,
    choose_year,
    filter_of,
    load_tree,
    pick,
    present,
)
from pohon_cli.i18n import N_


def indicators(
    path: FileArg,
    *,
    misi: MisiOpt = None,
    unit: UnitOpt = None,
    root: RootOpt = None,
    depth: DepthOpt = None,
    level: LevelOpt = None,
    year: YearOpt = None,
    detail: DetailOpt = False,
    output_format: Annotated[
        str,
        typer.Option("--format", "-f", help=N_("Output format: text, csv, markdown or json.")),
    ] = "text",
    lang: LangOpt = None,
) -> None:
    """List every indicator as a table, for documents and spreadsheets.

    Targets of every year (or of --year); realisasi and capaian where present.

    With --detail, the indicator manual: definisi, formula, sumber_data.
    """
    from pohon_cli.filters import select
    from pohon_cli.output.views import indicators as view

    writer = pick(view.FORMATS, output_format)
    tree = load_tree(path)
    selection = select(tree, filter_of(misi, unit, root, depth, level))
    years, actual_years = view.columns(tree, None if year is None else choose_year(tree, year))
    request = view.IndicatorsRequest(tree, selection, years, actual_years, detail)
    present(writer, request)


app.command("indicators")(indicators)
app.command("iku", help=N_("The same as `pohon indicators` (IKU: indikator kinerja utama)."))(
    indicators
)
