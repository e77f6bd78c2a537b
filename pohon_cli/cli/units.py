"""``pohon units``: who answers for what (the accountability cascade)."""

from __future__ import annotations

from typing import Annotated

import typer

from pohon_cli.cli.app import app
from pohon_cli.cli.options import (
    DepthOpt,
    FileArg,
    LevelOpt,
    MisiOpt,
    NoIndicatorsOpt,
    RootOpt,
    YearOpt,
    choose_year,
    filter_of,
    load_tree,
    pick,
    present,
)


@app.command()
def units(
    path: FileArg,
    *,
    misi: MisiOpt = None,
    unit: Annotated[
        str | None,
        typer.Option("--unit", help="Only this unit kerja and those under it.", show_default=False),
    ] = None,
    root: RootOpt = None,
    depth: DepthOpt = None,
    level: LevelOpt = None,
    year: YearOpt = None,
    no_indicators: NoIndicatorsOpt = False,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Output format: text or json.")
    ] = "text",
) -> None:
    """Show each unit kerja under its atasan: duties, nodes and indicators, counts.

    The other filters choose which nodes are accounted for.
    """
    from pohon_cli.filters import Filter, check_known, select
    from pohon_cli.output.views import units as view

    writer = pick(view.FORMATS, output_format)
    tree = load_tree(path)
    check_known(tree, Filter(unit=unit))  # the same answer as the other commands'
    selection = select(tree, filter_of(misi, None, root, depth, level))
    request = view.UnitsRequest(
        tree, selection.matched, unit, choose_year(tree, year), not no_indicators
    )
    present(writer, request)
