"""``pohon show``: the tree as the posters read it, or resolved as JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pohon_cli.cli.app import app
from pohon_cli.cli.options import (
    DepthOpt,
    DetailOpt,
    FilesArg,
    LangOpt,
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
from pohon_cli.i18n import N_, _


@app.command()
def show(
    path: FilesArg,
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
        str, typer.Option("--format", "-f", help=N_("Output format: text or json."))
    ] = "text",
    lang: LangOpt = None,
) -> None:
    """Print the tree as the posters read it: visi, misi, nodes and their indicators.

    A node serving several parents is shown in full once, then as a reference.

    A directory (or several files): each office under its parent, its counts and problems.
    """
    from pohon_cli.cli.offices import office_files, options_given

    files = office_files(path)
    if files is not None:
        chosen = options_given(
            misi=misi, unit=unit, root=root, depth=depth, level=level, year=year,
            no_indicators=no_indicators, detail=detail,
        )  # fmt: skip
        _show_offices(files, chosen, output_format)
        return
    from pohon_cli.filters import select
    from pohon_cli.output.views import show as view

    one = path[0]
    writer = pick(view.FORMATS, output_format)
    tree = load_tree(one)
    the_filter = filter_of(misi, unit, root, depth, level)
    selection = select(tree, the_filter)
    request = view.ShowRequest(
        file=str(one),
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
        typer.echo(_("pohon: no node matches the filters"), err=True)


def _show_offices(files: list[Path], chosen: dict[str, bool], output_format: str) -> None:
    """``pohon show DIR``: the offices under their parents (output/views/offices.py)."""
    from pohon_cli.cli.offices import checked_cascade, refuse_for_offices
    from pohon_cli.output.views import offices as view

    writer = pick(view.FORMATS, output_format)
    refuse_for_offices("show", chosen)
    present(writer, view.OfficesRequest(checked_cascade(files)))
