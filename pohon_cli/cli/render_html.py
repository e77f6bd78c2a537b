"""``pohon render --format html``: the tree as one offline web page. What the page shows
is computed where the other commands compute it: the report of each year
(``pohon_cli.report``), the problems ``pohon validate`` finds (``check_files``), the
misi posters (``pohon_cli.render`` through ``dot``, run here at the edge); the page
itself is written by ``pohon_cli.render.html``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from pohon_cli.cli.app import fail
from pohon_cli.cli.options import choose_year, load_tree, report_settings

if TYPE_CHECKING:
    from pohon_cli.filters import Filter
    from pohon_cli.model import Tree
    from pohon_cli.problem import Problem
    from pohon_cli.render.html import Poster

_STDOUT = "-"


def write_html(path: Path, output: str, chosen: Filter, year: int | None, timeout: float) -> None:
    """The page of ``path`` to ``output`` (- for stdout), written whole or not at all;
    ``chosen`` (--misi, --unit) and ``year`` are the view it opens with."""
    from pohon_cli.filters import check_known
    from pohon_cli.output.pages import write_pages
    from pohon_cli.render import html
    from pohon_cli.report import build
    from pohon_cli.stats import years

    suffix = "" if output == _STDOUT else Path(output).suffix.lower()
    if suffix not in ("", ".html", ".htm"):
        fail(f"--format html does not match the extension of `{output}`")
    tree = load_tree(path)
    check_known(tree, chosen)
    the_year = choose_year(tree, year)
    settings = report_settings(path)
    offered = [the_year, *sorted(set(years(tree)) - {the_year})]
    reports = [build(tree, y, settings) for y in offered]
    page = html.build(
        tree,
        reports,
        _problems(path),
        _posters(tree, the_year, timeout),
        name=str(path),
        start={"misi": chosen.misi or "", "unit": chosen.unit or ""},
    )
    target = None if output == _STDOUT else Path(output)
    if target is not None:
        from pohon_cli.output.files import refuse_input

        refuse_input(target, path)
    write_pages([target], [page.encode("utf-8")], sys.stdout.buffer)
    if target is not None:
        typer.echo(f"wrote {target} ({len(tree.nodes)} simpul)", err=True)


def _problems(path: Path) -> list[Problem]:
    """What ``pohon validate FILE`` reports for the file, under its configuration."""
    from pohon_cli.config import Finder, Overrides
    from pohon_cli.rules.lint import check_files

    given = str(path)
    checked = check_files([(given, Finder(Overrides()).settings_for(path))], 1)
    return [p for report in checked for p in report.problems if p.file == given]


def _posters(tree: Tree, year: int, timeout: float) -> list[Poster]:
    """One SVG poster per misi, as ``render --split misi`` draws them; a page above
    ``BIG_PAGE`` boxes is left out (said on stderr): unreadable, and slow to lay out."""
    from pohon_cli import render as draw
    from pohon_cli.dot import DotError, run_dot
    from pohon_cli.render.html import Poster, poster_ids

    pages, _empty = draw.split(tree, "misi", year=year)
    posters: list[Poster] = []
    for page in pages:
        if page.key is None:
            continue
        if page.nodes > draw.BIG_PAGE:
            typer.echo(
                f"pohon: no poster for {page.key} in the page: {page.nodes:,} boxes "
                f"(above {draw.BIG_PAGE}); search and fold the tree instead",
                err=True,
            )
            continue
        try:
            drawn = run_dot(page.source, "svg", timeout)
        except DotError as error:
            fail(str(error))
        posters.append(Poster(page.key, drawn.data.decode("utf-8"), poster_ids(tree, page.key)))
    return posters
