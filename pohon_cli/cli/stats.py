"""``pohon stats``: counts per level, per unit and per misi, for a PR comment."""

from __future__ import annotations

from typing import Annotated

import typer

from pohon_cli.cli.app import app
from pohon_cli.cli.options import (
    DepthOpt,
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


@app.command()
def stats(
    path: FileArg,
    *,
    misi: MisiOpt = None,
    unit: UnitOpt = None,
    root: RootOpt = None,
    depth: DepthOpt = None,
    level: LevelOpt = None,
    year: YearOpt = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help=N_("Output format: text, markdown or json."))
    ] = "text",
    lang: LangOpt = None,
) -> None:
    """Count nodes per level, indicators per node, units and misi served.

    The filters count only what they select.
    """
    from pohon_cli import stats as counts
    from pohon_cli.filters import select
    from pohon_cli.output.views import stats as view

    writer = pick(view.FORMATS, output_format)
    tree = load_tree(path)
    the_filter = filter_of(misi, unit, root, depth, level)
    selection = select(tree, the_filter)
    numbers = counts.count(
        tree, None if the_filter.is_empty() else selection, year=choose_year(tree, year)
    )
    office = tree.header.institution
    request = view.StatsRequest(str(path), office.short_name or office.name, numbers)
    present(writer, request)
