"""``pohon show``: the tree as the posters read it, or resolved as JSON."""

from __future__ import annotations

from typing import Annotated

import typer

from pohon_cli.cli.app import app
from pohon_cli.cli.options import (
    DepthOpt,
    DetailOpt,
    FileArg,
    LevelOpt,
    MisiOpt,
    NoIndicatorsOpt,
    RootOpt,
    UnitOpt,
    YearOpt,
    choose_year,
    filter_of,
    load_tree,
    pick,
    present,
)


@app.command()
def show(
    path: FileArg,
    *,
    misi: MisiOpt = None,
    unit: UnitOpt = None,
    root: RootOpt = None,
    depth: DepthOpt = None,
    level: LevelOpt = None,
    year: YearOpt = None,
    no_indicators: NoIndicatorsOpt = False,
    detail: DetailOpt = False,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Output format: text or json.")
    ] = "text",
) -> None:
    """Print the tree as the posters read it: visi, misi, nodes and their indicators.

    A node serving several parents is shown in full once, then as a reference.
    """
    from pohon_cli.filters import select
    from pohon_cli.output.views import show as view

    writer = pick(view.FORMATS, output_format)
    tree = load_tree(path)
    the_filter = filter_of(misi, unit, root, depth, level)
    selection = select(tree, the_filter)
    request = view.ShowRequest(
        file=str(path),
        tree=tree,
        filter=the_filter,
        selection=selection,
        year=choose_year(tree, year),
        indicators=not no_indicators,
        detail=detail,
    )
    present(writer, request)
    if tree.nodes and not selection.matched:
        # an empty view is still a view (and valid JSON), but never a silent one
        typer.echo("pohon: no node matches the filters", err=True)
