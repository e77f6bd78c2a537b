"""``pohon render``: the tree as a diagram (SVG, PNG, PDF or the DOT source), or as one
offline web page (HTML). The pages are drawn by ``pohon_cli.render``, run through ``dot``
here (the edge that runs it) and named and written by ``pohon_cli.output.pages``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pohon_cli.cli.app import EXIT_PROBLEMS, app, fail
from pohon_cli.cli.options import (
    DepthOpt,
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
)
from pohon_cli.dot import DEFAULT_TIMEOUT, FORMATS, DotError, Drawn  # stdlib only: light
from pohon_cli.i18n import N_, _, n_

# pohon_cli.render.paper's, not imported to keep --help light
_PAPERS = ("A4", "A3", "A2", "A1", "A0", "F4")
_DEFAULT_DPI = 200

if TYPE_CHECKING:
    from collections.abc import Callable

    from pohon_cli.filters import Filter
    from pohon_cli.model import Tree
    from pohon_cli.render import Page
    from pohon_cli.render.paper import Sheet

# File extensions that name a format; the formats themselves are pohon_cli.dot.FORMATS.
_EXTENSIONS = {"svg": "svg", "png": "png", "pdf": "pdf", "dot": "dot", "gv": "dot"}
# the web page is not dot's: written by pohon_cli.render.html around dot's SVG posters
_HTML = "html"
_HTML_EXTENSIONS = {"html": _HTML, "htm": _HTML}
# -o's name for stdout (pohon_cli.output.pages.STDOUT, not imported to keep --help light)
_STDOUT = "-"

PathArg = Annotated[
    list[Path],
    typer.Argument(
        help=N_(
            "The pohon file to draw; a directory (every *.yaml / *.yml under it) or "
            "several files: the office map (with --format html, the offices' page)."
        ),
    ),
]
OutputOpt = Annotated[
    str,
    typer.Option(
        "--output",
        "-o",
        help=N_("The file to write (- for stdout); with --split, the folder for the pages."),
    ),
]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help=N_(
            "svg, png, pdf, dot, or html (one offline page to search and click through). "
            "Default: from -o's extension, else svg."
        ),
    ),
]
SplitOpt = Annotated[
    str | None,
    typer.Option(
        "--split",
        help=N_(
            "One page per misi or per unit kerja, named after its kode; paper: as many "
            "pages as --paper needs. With --paper, a page too large is cut into its subtrees."
        ),
    ),
]
UnitsOpt = Annotated[
    bool,
    typer.Option(
        "--units", help=N_("Draw the Cascading Akuntabilitas Kinerja chart of the unit kerja.")
    ),
]
PaperOpt = Annotated[
    str | None,
    typer.Option(
        "--paper",
        help=N_(
            "Fit each page to a sheet: A4, A3, A2, A1, A0 or F4 (215 × 330 mm); refused "
            "when its text would print below 5 pt."
        ),
    ),
]
LandscapeOpt = Annotated[bool, typer.Option("--landscape", help=N_("Turn the --paper sheet."))]
DpiOpt = Annotated[
    int, typer.Option("--dpi", min=36, max=1200, help=N_("Pixels per inch of a PNG."))
]
TimeoutOpt = Annotated[float, typer.Option(min=0.01, help=N_("Stop dot after this many seconds."))]


@app.command()
def render(
    path: PathArg,
    *,
    output: OutputOpt,
    output_format: FormatOpt = None,
    split_by: SplitOpt = None,
    misi: MisiOpt = None,
    unit: UnitOpt = None,
    root: RootOpt = None,
    depth: DepthOpt = None,
    level: LevelOpt = None,
    year: YearOpt = None,
    units: UnitsOpt = False,
    paper: PaperOpt = None,
    landscape: LandscapeOpt = False,
    dpi: DpiOpt = _DEFAULT_DPI,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    lang: LangOpt = None,
) -> None:
    """Draw the tree as the posters do: SVG, PNG, PDF or the DOT source.

    One band per level; each box holds its indicators and their targets.

    A directory (or several files): the office map, each office a box of its linked nodes.
    """
    chosen = filter_of(misi, unit, root, depth, level)
    if _is_html(output, output_format):
        from pohon_cli.cli.render_html import page_command

        used = (split_by, root, depth, level, paper) != (None,) * 5 or units or landscape
        page_command(path, output, used=used, chosen=chosen, year=year, timeout=timeout)
        return
    from pohon_cli.cli.offices import office_files, options_given

    files = office_files(path)
    if files is not None:
        _office_map(files, options_given(
            split=split_by, units=units, misi=misi, unit=unit, root=root, depth=depth,
            level=level, year=year, paper=paper, landscape=landscape,
        ), output, output_format, dpi=dpi, timeout=timeout)  # fmt: skip
        return
    from pohon_cli import render as draw
    from pohon_cli.output.pages import page_targets, write_pages
    from pohon_cli.render.paper import Sheet

    fmt = _checked(
        output, output_format, split_by=split_by, chosen=chosen, units=units, paper=paper,
        landscape=landscape,
    )  # fmt: skip

    tree = load_tree(path[0])
    # a year the file never names would draw every target as "—": refused, as show does
    the_year = choose_year(tree, year)
    pages = _pages(tree, chosen, the_year, split_by, units)
    for page in pages:
        hint = draw.advice(tree, page, split_by)
        if hint is not None:
            typer.echo(_("pohon: warning: {hint}", hint=hint), err=True)

    sheet = None if paper is None else Sheet(paper.upper(), landscape)
    pages, sources = _on_paper(
        tree, pages, sheet, fmt=fmt, dpi=dpi, timeout=timeout, split_by=split_by, year=the_year
    )
    targets = page_targets(output, pages, fmt, path[0])
    drawn = [_drawn(FORMATS[fmt], source, timeout) for source in sources]
    written = write_pages(targets, drawn, sys.stdout.buffer)
    # nothing written when the one page went to stdout
    for target, page in zip(written, pages, strict=False):
        said = n_("wrote {target} ({count} box)", "wrote {target} ({count} boxes)", page.nodes,
                  target=target)  # fmt: skip
        typer.echo(said, err=True)


def _checked(
    output: str,
    output_format: str | None,
    *,
    split_by: str | None,
    chosen: Filter,
    units: bool,
    paper: str | None,
    landscape: bool,
) -> str:
    """The format of the posters, after refusing (exit 2) options that do not go together."""
    from pohon_cli import render as draw

    if split_by is not None and split_by not in draw.SPLITS:
        fail(
            _(
                "unknown --split `{split}`: use one of {splits}",
                split=split_by,
                splits=", ".join(draw.SPLITS),
            )
        )
    if units and (split_by is not None or not chosen.is_empty()):
        fail(_("--units draws every unit kerja: it takes no --split, --misi, --unit, --root, ..."))
    if output_format is not None and output_format not in FORMATS:
        fail(
            _(
                "unknown format `{name}`: use one of {formats}",
                name=output_format,
                formats=", ".join([*FORMATS, _HTML]),
            )
        )
    fmt = _format(output, output_format, folder=split_by is not None)
    if paper is not None and paper.upper() not in _PAPERS:
        fail(
            _(
                "unknown --paper `{paper}`: use one of {papers}",
                paper=paper,
                papers=", ".join(_PAPERS),
            )
        )
    if landscape and paper is None:
        fail(_("--landscape turns the sheet of --paper: name one (e.g. --paper A3)"))
    if split_by == "paper" and (paper is None or fmt == "dot"):
        fail(
            _(
                "--split paper cuts the tree into pages that fit --paper: name a sheet, and a "
                "drawing format (svg, png or pdf; the DOT source has no size yet)"
            )
        )

    return fmt


def _office_map(
    files: list[Path],
    chosen: dict[str, bool],
    output: str,
    output_format: str | None,
    *,
    dpi: int,
    timeout: float,
) -> None:
    """``pohon render DIR``: the office map (pohon_cli/render/offices.py), one page."""
    from pohon_cli.cli.offices import refuse_for_offices, workspace_of
    from pohon_cli.output.files import refuse_input
    from pohon_cli.output.pages import page_targets, write_pages
    from pohon_cli.render import paper
    from pohon_cli.render.offices import drawn_offices

    refuse_for_offices("render", chosen)
    if output_format is not None:
        pick(FORMATS, output_format)
    fmt = _format(output, output_format, folder=False)
    page = drawn_offices(workspace_of(files))
    targets = page_targets(output, [page], fmt, files[0])
    for target in targets:
        for file in files[1:]:
            if target is not None:
                refuse_input(target, file)
    source = paper.fitted(page.source, paper.attributes(None, fmt, dpi, (0.0, 0.0)))
    written = write_pages(targets, [_drawn(FORMATS[fmt], source, timeout)], sys.stdout.buffer)
    offices = page.source.count("subgraph cluster_")
    for target in written:
        # two counts in one sentence: each its own plural, the sentence whole
        said = n_(
            "wrote {target} ({count} office, {nodes})",
            "wrote {target} ({count} offices, {nodes})",
            offices,
            target=target,
            nodes=n_("{count} linked node", "{count} linked nodes", page.nodes),
        )
        typer.echo(said, err=True)


def _pages(tree: Tree, chosen: Filter, year: int, split_by: str | None, units: bool) -> list[Page]:
    """The pages to draw; none to draw is a failure (exit 1), said in the planner's terms."""
    from pohon_cli import render as draw

    if units:
        if not tree.header.units:
            fail(_("the file declares no unit_kerja: there is no chart to draw"), EXIT_PROBLEMS)
        return [draw.draw_units(tree)]
    if split_by is None:
        pages = [draw.draw(tree, chosen, year=year)]
        if pages[0].nodes == 0:
            fail(_("nothing to draw: no node matches the filters"), EXIT_PROBLEMS)
        return pages
    pages, empty = draw.split(tree, split_by, chosen, year=year)
    for key in empty:
        typer.echo(
            _("pohon: no page for {key}: no node of the selection serves it", key=key), err=True
        )
    if not pages and not empty:
        declared = "unit_kerja" if split_by == "unit" else split_by
        fail(
            _("the file declares no {declared}: there is no page to draw", declared=declared),
            EXIT_PROBLEMS,
        )
    if not pages:
        fail(_("nothing to draw: no node matches the filters"), EXIT_PROBLEMS)
    return pages


def _on_paper(
    tree: Tree,
    pages: list[Page],
    sheet: Sheet | None,
    *,
    fmt: str,
    dpi: int,
    timeout: float,
    split_by: str | None,
    year: int,
) -> tuple[list[Page], list[str]]:
    """The pages and their DOT sources scaled to ``sheet`` (each laid out once to measure
    it) and with a PNG's dpi. A page whose text would not read on the sheet is cut into
    its subtrees when the pages go to a folder (``--split``), until each one reads; one
    that cannot be cut, or a single page, is refused (exit 1) with what would fit."""
    from pohon_cli.dot import natural_size
    from pohon_cli.render import WHOLE_TREE, cut, paper
    from pohon_cli.render.cut import group_of

    if sheet is None or fmt == "dot":  # the DOT source has no size before dot lays it out
        unsized = paper.attributes(None, fmt, dpi, (0.0, 0.0))
        return pages, [paper.fitted(page.source, unsized) for page in pages]
    fitted: list[Page] = []
    sources: list[str] = []
    # the tops of the pages cut so far, per page they were cut from: a node shared by
    # several parents gets one page, not one per path
    tops: set[tuple[str, str]] = set()
    sizes: dict[str, tuple[float, float]] = {}

    def size_of(page: Page) -> tuple[float, float]:
        """The page's size, laid out once whoever asks (the cutter tries pages too)."""
        if page.source not in sizes:
            try:
                sizes[page.source] = paper.drawn_size(*natural_size(page.source, timeout))
            except DotError as error:
                fail(str(error))
        return sizes[page.source]

    def fits(page: Page) -> bool:
        return sheet.reads(*size_of(page))

    waiting = list(reversed(pages))
    while waiting:
        page = waiting.pop()
        size = size_of(page)
        if not sheet.reads(*size):
            base = group_of(page)
            done = {kode for group, kode in tops if group == base}
            parts = cut(tree, page, year=year, drawn=done, fits=fits) if split_by else []
            if parts:
                tops.update((base, p.origin.chosen.root or "") for p in parts if p.origin)
                waiting.extend(reversed(parts))
                continue
            named = page.key not in (None, WHOLE_TREE)
            key = page.key if named else None
            fail(paper.refusal(sheet, *size, key, split_by is not None), EXIT_PROBLEMS)
        fitted.append(page)
        sources.append(paper.fitted(page.source, paper.attributes(sheet, fmt, dpi, size)))
    return fitted, sources


def _is_html(output: str, chosen: str | None) -> bool:
    """Whether the web page is asked for, by --format or by -o's extension."""
    if chosen is not None:
        return chosen == _HTML
    return Path(output).suffix.lower().lstrip(".") in _HTML_EXTENSIONS


def _format(output: str, chosen: str | None, *, folder: bool) -> str:
    """The format from --format, else from the output's extension, else svg; a clash
    between the two is a mistake worth stopping for."""
    suffix = "" if output == _STDOUT else Path(output).suffix.lower().lstrip(".")
    implied = _EXTENSIONS.get(suffix)
    if folder:
        if output == _STDOUT:
            fail(_("--split writes one file per page: -o must name a folder, not -"))
        if implied is not None:
            fail(
                _(
                    "--split writes one file per page: -o must name a folder, not `{output}`",
                    output=output,
                )
            )
        return chosen or "svg"
    if chosen is not None:
        if implied is not None and implied != chosen:
            fail(
                _(
                    "--format {name} does not match the extension of `{output}`",
                    name=chosen,
                    output=output,
                )
            )
        return chosen
    if implied is not None:
        return implied
    if suffix and output != _STDOUT:
        fail(
            _(
                "cannot tell the format from `.{suffix}`: use --format {formats}",
                suffix=suffix,
                formats=" | ".join(sorted({*_EXTENSIONS.values(), _HTML})),
            )
        )
    return "svg"


def _drawn(make: Callable[[str, float], Drawn], source: str, timeout: float) -> bytes:
    """The page through ``dot``; its warnings on stderr, its failure exit 2."""
    try:
        drawn = make(source, timeout)
    except DotError as error:  # dot missing, failing or too slow: exit 2 with its message
        fail(str(error))
    for line in drawn.warnings:
        typer.echo(f"pohon: dot: {line}", err=True)
    return drawn.data
