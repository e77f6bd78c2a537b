"""``pohon units``: who answers for what (the accountability cascade)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pohon_cli.cli.app import app
from pohon_cli.cli.options import (
    DepthOpt,
    FilesArg,
    LangOpt,
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
from pohon_cli.i18n import N_


@app.command()
def units(
    path: FilesArg,
    *,
    misi: MisiOpt = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit", help=N_("Only this unit kerja and those under it."), show_default=False
        ),
    ] = None,
    root: RootOpt = None,
    depth: DepthOpt = None,
    level: LevelOpt = None,
    year: YearOpt = None,
    no_indicators: NoIndicatorsOpt = False,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help=N_("Output format: text or json."))
    ] = "text",
    lang: LangOpt = None,
) -> None:
    """Show each unit kerja under its atasan: duties, nodes and indicators, counts.

    The other filters choose which nodes are accounted for.

    A directory (or several files): each office under its parent, with its units kerja.
    """
    from pohon_cli.cli.offices import office_files, options_given

    files = office_files(path)
    if files is not None:
        chosen = options_given(
            misi=misi, unit=unit, root=root, depth=depth, level=level, year=year,
            no_indicators=no_indicators,
        )  # fmt: skip
        _units_of_offices(files, chosen, output_format)
        return
    from pohon_cli.filters import Filter, check_known, select
    from pohon_cli.output.views import units as view

    one = path[0]
    writer = pick(view.FORMATS, output_format)
    tree = load_tree(one)
    check_known(tree, Filter(unit=unit))  # the same answer as the other commands'
    selection = select(tree, filter_of(misi, None, root, depth, level))
    request = view.UnitsRequest(
        tree, selection.matched, unit, choose_year(tree, year), not no_indicators
    )
    present(writer, request)


def _units_of_offices(files: list[Path], chosen: dict[str, bool], output_format: str) -> None:
    """``pohon units DIR``: each office's units kerja (output/views/offices.py)."""
    from pohon_cli.cli.offices import refuse_for_offices, workspace_of
    from pohon_cli.offices import cascade
    from pohon_cli.output.views import offices as view

    writer = pick(view.UNITS_FORMATS, output_format)
    refuse_for_offices("units", chosen)
    present(writer, view.OfficesRequest(cascade(workspace_of(files))))
