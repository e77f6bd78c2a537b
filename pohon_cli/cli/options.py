"""What the commands share: the file argument and the filter options, loading a tree
with validate's messages, the year of the targets, the writer of ``--format`` and
handing a result to it on stdout.

Only typer is imported at the top: the core and the output layer are imported inside
the helpers, so ``pohon --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from pohon_cli.cli.app import EXIT_OK, EXIT_PROBLEMS, emit, fail
from pohon_cli.cli.language import LANG_HELP
from pohon_cli.gc_pause import keep_unscanned
from pohon_cli.i18n import N_, _
from pohon_cli.problem import InputError

if TYPE_CHECKING:
    from pohon_cli.filters import Filter
    from pohon_cli.model import Tree
    from pohon_cli.output.writer import Writer
    from pohon_cli.report import Settings

T = TypeVar("T")
R = TypeVar("R")

# Every command takes --lang; its value was read before the line was parsed (language.py)
LangOpt = Annotated[
    str | None, typer.Option("--lang", help=LANG_HELP, show_default=False, metavar="id|en")
]
FileArg = Annotated[Path, typer.Argument(help=N_("The pohon file."), show_default=False)]
# show, units and render: one file, or a directory (or several files) for the offices
FilesArg = Annotated[
    list[Path],
    typer.Argument(
        help=N_(
            "The pohon file; a directory (every *.yaml / *.yml under it) or several files "
            "for the offices under their parents."
        ),
        show_default=False,
    ),
]
# One declaration of each filter for every command that takes it (show, indicators,
# units, stats, report, render, diff): the same name, bounds and help everywhere, as the
# filter means the same everywhere (filters.py).
MisiOpt = Annotated[
    str | None,
    typer.Option("--misi", help=N_("Only what serves this misi (its poster)."), show_default=False),
]
UnitOpt = Annotated[
    str | None,
    typer.Option(
        "--unit",
        help=N_("Only the nodes and indicators this unit kerja answers for."),
        show_default=False,
    ),
]
RootOpt = Annotated[
    str | None,
    typer.Option("--root", help=N_("Only the subtree under this node."), show_default=False),
]
DepthOpt = Annotated[
    int | None,
    typer.Option(
        "--depth", help=N_("At most this many levels (the top is 1)."), show_default=False
    ),
]
LevelOpt = Annotated[
    str | None,
    typer.Option(
        "--level",
        help=N_("Only nodes of this jenjang, with the path above them."),
        show_default=False,
    ),
]
YearOpt = Annotated[
    int | None,
    typer.Option(
        "--year",
        help=N_("Year of the targets shown (default: the file's tahun)."),
        show_default=False,
    ),
]
NoIndicatorsOpt = Annotated[
    bool, typer.Option("--no-indicators", help=N_("Nodes only, without their indicators."))
]
DetailOpt = Annotated[
    bool,
    typer.Option(
        "--detail",
        help=N_(
            "The indicator manual (manual IKU) under each indicator: definisi, formula, "
            "sumber_data."
        ),
    ),
]


def load_tree(path: Path) -> Tree:
    """The file's tree; a file with problems is reported as ``pohon validate`` reports it
    (on stderr, so that stdout stays clean for other programs) and exits 1."""
    from pohon_cli.load import load_path

    loaded = load_path(path)
    if loaded.tree is None or not loaded.ok:
        from pohon_cli.output.problems import write_load_problems
        from pohon_cli.output.terminal import detect

        write_load_problems([loaded], sys.stderr, detect(sys.stderr))
        raise typer.Exit(EXIT_PROBLEMS)
    # the command works on this tree to its end: later collections need not walk it
    keep_unscanned()
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
        raise InputError(
            _(
                "no target or realisasi for {year} in this file; its years: {listed}",
                year=year,
                listed=listed,
            )
        )
    return year


def filter_of(
    misi: str | None,
    unit: str | None,
    root: str | None,
    depth: int | None,
    level: str | None,
) -> Filter:
    """The filter options as one ``Filter``, which means the same to every command."""
    from pohon_cli.filters import Filter

    return Filter(misi=misi, unit=unit, root=root, depth=depth, level=level)


def pick(formats: dict[str, T], name: str) -> T:
    """The writer for ``--format``; an unknown name is a usage error (exit 2)."""
    writer = formats.get(name)
    if writer is None:
        fail(
            _(
                "unknown format `{name}`: use one of {formats}",
                name=name,
                formats=", ".join(formats),
            )
        )
    return writer


def present(writer: Writer[R], result: R, stopped: int = EXIT_OK) -> None:
    """Hand the result to the writer of the chosen format, on stdout as it is (its
    screen found by ``terminal.detect``); ``stopped`` is the exit code when the reader
    stops early."""
    from pohon_cli.output.terminal import detect

    screen = detect(sys.stdout)
    emit(lambda out: writer(result, out, screen), stopped)


def report_settings(path: Path) -> Settings:
    """Bands, cap and scales from the nearest configuration (``[tool.pohon.report]``)."""
    from pohon_cli.config import read_config
    from pohon_cli.config_files import find_config
    from pohon_cli.report import settings_with

    found = find_config(Path(os.path.abspath(path)).parent)
    if found is None:
        return settings_with()
    said = read_config(found).report
    return settings_with(said.bands, said.cap, said.scales)
