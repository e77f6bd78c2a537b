"""``pohon render``: the tree as a diagram (SVG, PNG, PDF or the DOT source)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pohon_cli.cli.app import EXIT_PROBLEMS, app, fail
from pohon_cli.cli.show import choose_year, load_tree
from pohon_cli.dot import DEFAULT_TIMEOUT, FORMATS, DotError, Drawn  # stdlib only: light

if TYPE_CHECKING:
    from collections.abc import Callable

    from pohon_cli.render import Page

# File extensions that name a format; the formats themselves are pohon_cli.dot.FORMATS.
_EXTENSIONS = {"svg": "svg", "png": "png", "pdf": "pdf", "dot": "dot", "gv": "dot"}
_STDOUT = "-"


@app.command()
def render(
    path: Annotated[Path, typer.Argument(help="The pohon file to draw.")],
    *,
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            help="The file to write (- for stdout); with --split, the folder for the pages.",
        ),
    ],
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="svg, png, pdf or dot. Default: from -o's extension, else svg."
        ),
    ] = None,
    split_by: Annotated[
        str | None,
        typer.Option("--split", help="One page per misi or per unit kerja, named after its kode."),
    ] = None,
    misi: Annotated[str | None, typer.Option(help="Only nodes serving this misi.")] = None,
    unit: Annotated[
        str | None, typer.Option(help="Only nodes (or indicators) this unit kerja answers for.")
    ] = None,
    root: Annotated[str | None, typer.Option(help="Only this node and what is below it.")] = None,
    depth: Annotated[
        int | None, typer.Option(min=1, help="Only this many levels from the top (1 = roots).")
    ] = None,
    level: Annotated[str | None, typer.Option(help="Only nodes of this jenjang.")] = None,
    year: Annotated[
        int | None,
        typer.Option(min=1000, max=9999, help="Show the targets of this year. Default: tahun."),
    ] = None,
    units: Annotated[
        bool,
        typer.Option(
            "--units", help="Draw the Cascading Akuntabilitas Kinerja chart of the unit kerja."
        ),
    ] = False,
    timeout: Annotated[
        float, typer.Option(min=0.01, help="Stop dot after this many seconds.")
    ] = DEFAULT_TIMEOUT,
) -> None:
    """Draw the tree as the posters do: SVG, PNG, PDF or the DOT source.

    One band per level; each box holds its indicators and their targets.
    """
    from pohon_cli import render as draw
    from pohon_cli.filters import Filter

    chosen = Filter(misi=misi, unit=unit, root=root, depth=depth, level=level)
    if split_by is not None and split_by not in draw.SPLITS:
        fail(f"unknown --split `{split_by}`: use one of {', '.join(draw.SPLITS)}")
    if units and (split_by is not None or not chosen.is_empty()):
        fail("--units draws every unit kerja: it takes no --split, --misi, --unit, --root, ...")
    if output_format is not None and output_format not in FORMATS:
        fail(f"unknown format `{output_format}`: use one of {', '.join(FORMATS)}")
    fmt = _format(output, output_format, folder=split_by is not None)

    tree = load_tree(path)
    # a year the file never names would draw every target as "—": refused, as show does
    chosen_year = choose_year(tree, year)
    if units:
        if not tree.header.units:
            fail("the file declares no unit_kerja: there is no chart to draw", EXIT_PROBLEMS)
        pages = [draw.draw_units(tree)]
    elif split_by is None:
        pages = [draw.draw(tree, chosen, year=chosen_year)]
        if pages[0].nodes == 0:
            fail("nothing to draw: no node matches the filters", EXIT_PROBLEMS)
    else:
        pages, empty = draw.split(tree, split_by, chosen, year=chosen_year)
        for key in empty:
            typer.echo(f"pohon: no page for {key}: no node of the selection serves it", err=True)
        if not pages and not empty:
            declared = "unit_kerja" if split_by == "unit" else split_by
            fail(f"the file declares no {declared}: there is no page to draw", EXIT_PROBLEMS)
        if not pages:
            fail("nothing to draw: no node matches the filters", EXIT_PROBLEMS)
    for page in pages:
        hint = draw.advice(tree, page, split_by)
        if hint is not None:
            typer.echo(f"pohon: warning: {hint}", err=True)

    targets = _targets(output, pages, fmt, path)
    drawn = [_drawn(FORMATS[fmt], page.source, timeout) for page in pages]
    _write(targets, drawn, pages)


def _format(output: str, chosen: str | None, *, folder: bool) -> str:
    """The format from --format, else from the output's extension, else svg; a clash
    between the two is a mistake worth stopping for."""
    suffix = "" if output == _STDOUT else Path(output).suffix.lower().lstrip(".")
    implied = _EXTENSIONS.get(suffix)
    if folder:
        if output == _STDOUT:
            fail("--split writes one file per page: -o must name a folder, not -")
        if implied is not None:
            fail(f"--split writes one file per page: -o must name a folder, not `{output}`")
        return chosen or "svg"
    if chosen is not None:
        if implied is not None and implied != chosen:
            fail(f"--format {chosen} does not match the extension of `{output}`")
        return chosen
    if implied is not None:
        return implied
    if suffix and output != _STDOUT:
        fail(
            f"cannot tell the format from `.{suffix}`: use --format "
            + " | ".join(sorted(set(_EXTENSIONS.values())))
        )
    return "svg"


def _targets(output: str, pages: list[Page], fmt: str, source: Path) -> list[Path | None]:
    """Where each page goes (None: stdout); never onto the input file."""
    from pohon_cli.output.files import refuse_input, safe_name

    if output == _STDOUT:
        return [None]
    if len(pages) == 1 and pages[0].key is None:
        if Path(output).is_dir():
            fail(f"{output}: is a folder; name the file to write, or use --split misi")
        targets = [Path(output)]
    else:
        folder = Path(output)
        if folder.exists() and not folder.is_dir():
            fail(f"{output}: exists and is not a folder (--split writes one file per page)")
        names: set[str] = set()
        targets = []
        for page in pages:
            stem = safe_name(page.key or "pohon")
            name, n = stem, 1
            while name.casefold() in names:  # two kodes that make the same file name
                n += 1
                name = f"{stem}-{n}"
            names.add(name.casefold())
            targets.append(folder / f"{name}.{fmt}")
    for target in targets:
        refuse_input(target, source)
    return list(targets)


def _drawn(make: Callable[[str, float], Drawn], source: str, timeout: float) -> bytes:
    try:
        drawn = make(source, timeout)
    except DotError as error:  # dot missing, failing or too slow: exit 2 with its message
        fail(str(error))
    for line in drawn.warnings:
        typer.echo(f"pohon: dot: {line}", err=True)
    return drawn.data


def _write(targets: list[Path | None], drawn: list[bytes], pages: list[Page]) -> None:
    """Every page is drawn before the first is written, and the pages are written all or
    none, so a failure leaves no new file."""
    from pohon_cli.output.files import write_all_atomic

    if targets == [None]:
        sys.stdout.buffer.write(drawn[0])
        sys.stdout.buffer.flush()
        return
    files = [(t, data) for t, data in zip(targets, drawn, strict=True) if t is not None]
    for target, _ in files:
        above = next((p for p in target.parents if p.exists()), None)
        if above is not None and not above.is_dir():
            fail(f"{target}: cannot write: {above} is a file, not a folder")
    try:
        for target, _ in files:
            target.parent.mkdir(parents=True, exist_ok=True)
        write_all_atomic(files)
    except OSError as error:
        where = error.filename or files[0][0]
        fail(f"{where}: cannot write: {error.strerror or error}")
    for (target, _), page in zip(files, pages, strict=True):
        typer.echo(f"wrote {target} ({page.nodes} box{'es' * (page.nodes != 1)})", err=True)
