"""``pohon show``, and what the reading commands (show, indicators, units, stats) share:
the filter options, loading with validate's messages, the screen, writing to a pipe."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO, TypeVar

import typer

from pohon_cli.cli.app import EXIT_PROBLEMS, app, emit, fail
from pohon_cli.problem import InputError

if TYPE_CHECKING:
    from pohon_cli.filters import Filter
    from pohon_cli.model import Tree
    from pohon_cli.output.show_text import Screen

T = TypeVar("T")
R = TypeVar("R")

FileArg = Annotated[Path, typer.Argument(help="The pohon file.", show_default=False)]
MisiOpt = Annotated[
    str | None,
    typer.Option("--misi", help="Only what serves this misi (its poster).", show_default=False),
]
UnitOpt = Annotated[
    str | None,
    typer.Option(
        "--unit",
        help="Only what this unit kerja answers for, with the path above it.",
        show_default=False,
    ),
]
RootOpt = Annotated[
    str | None,
    typer.Option("--root", help="Only the subtree under this node.", show_default=False),
]
DepthOpt = Annotated[
    int | None,
    typer.Option("--depth", help="At most this many levels (the top is 1).", show_default=False),
]
LevelOpt = Annotated[
    str | None,
    typer.Option(
        "--level", help="Only nodes of this jenjang, with the path above them.", show_default=False
    ),
]
YearOpt = Annotated[
    int | None,
    typer.Option(
        "--year", help="Year of the targets shown (default: the file's tahun).", show_default=False
    ),
]
NoIndicatorsOpt = Annotated[
    bool, typer.Option("--no-indicators", help="Nodes only, without their indicators.")
]


def load_tree(path: Path) -> Tree:
    """The file's tree; a file with problems is reported as ``pohon validate`` reports it
    (on stderr, so that stdout stays clean for other programs) and exits 1."""
    from pohon_cli.load import load_path

    loaded = load_path(path)
    if loaded.tree is None or not loaded.ok:
        from pohon_cli.output.problems import report_broken

        report_broken([loaded])
        raise typer.Exit(EXIT_PROBLEMS)
    return loaded.tree


def choose_year(tree: Tree, year: int | None) -> int:
    """``--year``, checked against the years the file speaks of; the file's tahun by default."""
    if year is None:
        return tree.header.year
    from pohon_cli.stats import years

    header = tree.header
    known = set(years(tree)) | {header.year}
    if header.period is not None:
        known.update(header.period.years())
    if year not in known:
        listed = ", ".join(str(y) for y in sorted(known))
        raise InputError(f"no target or realisasi for {year} in this file; its years: {listed}")
    return year


def pick(formats: dict[str, T], name: str) -> T:
    """The writer for ``--format``; an unknown name is a usage error (exit 2)."""
    writer = formats.get(name)
    if writer is None:
        fail(f"unknown format `{name}`: use one of {', '.join(formats)}")
    return writer


def present(writer: Callable[[R, TextIO, Screen], None], request: R) -> None:
    """Hand the request to the writer of the chosen format, on stdout as it is."""
    from pohon_cli.output.show_text import detect

    screen = detect(sys.stdout)
    emit(lambda out: writer(request, out, screen))


def chosen(
    misi: str | None,
    unit: str | None,
    root: str | None,
    depth: int | None,
    level: str | None,
) -> Filter:
    from pohon_cli.filters import Filter

    return Filter(misi=misi, unit=unit, root=root, depth=depth, level=level)


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
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Output format: text or json.")
    ] = "text",
) -> None:
    """Print the tree as the posters read it: visi, misi, nodes and their indicators.

    A node serving several parents is shown in full once, then as a reference.
    """
    from pohon_cli.filters import select
    from pohon_cli.output import show as view

    writer = pick(view.FORMATS, output_format)
    tree = load_tree(path)
    the_filter = chosen(misi, unit, root, depth, level)
    selection = select(tree, the_filter)
    request = view.ShowRequest(
        file=str(path),
        tree=tree,
        filter=the_filter,
        selection=selection,
        year=choose_year(tree, year),
        indicators=not no_indicators,
    )
    present(writer, request)
    if tree.nodes and not selection.matched:
        # an empty view is still a view (and valid JSON), but never a silent one
        typer.echo("pohon: no node matches the filters", err=True)
