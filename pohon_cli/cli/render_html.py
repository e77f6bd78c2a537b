"""``pohon render --format html``: the tree as one offline web page. What the page shows
is computed where the other commands compute it: the report of each year
(``pohon_cli.report``), the problems ``pohon validate`` finds (``check_files``), the
misi posters (``pohon_cli.render`` through ``dot``, run here at the edge); the page
itself is written by ``pohon_cli.render.html``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from pohon_cli.cli.app import fail
from pohon_cli.cli.options import choose_year, load_tree, report_settings
from pohon_cli.i18n import _, n_

if TYPE_CHECKING:
    from pohon_cli.filters import Filter
    from pohon_cli.model import Tree
    from pohon_cli.problem import Problem
    from pohon_cli.render.html import Poster

_STDOUT = "-"


def page_command(
    paths: list[Path],
    output: str,
    *,
    used: bool,
    chosen: Filter,
    year: int | None,
    timeout: float,
) -> None:
    """``render --format html``: refuses what a page cannot take (``used``: an option of
    the posters), then writes the page of one file or of one folder of offices."""
    if used:
        fail(
            _(
                "--format html writes one page of the whole tree, to search and fold: it "
                "takes --misi, --unit and --year as its first view, not --split, --units, "
                "--root, --depth, --level or --paper"
            )
        )
    if len(paths) != 1:
        fail(_("--format html writes the page of one file, or of one folder of offices"))
    write_html(paths[0], output, chosen, year, timeout)


def write_html(path: Path, output: str, chosen: Filter, year: int | None, timeout: float) -> None:
    """The page of ``path`` to ``output`` (- for stdout), written whole or not at all;
    ``chosen`` (--misi, --unit) and ``year`` are the view it opens with."""
    from pohon_cli.filters import check_known
    from pohon_cli.render import html
    from pohon_cli.report import build
    from pohon_cli.stats import years

    suffix = "" if output == _STDOUT else Path(output).suffix.lower()
    if suffix not in ("", ".html", ".htm"):
        fail(_("--format html does not match the extension of `{output}`", output=output))
    if path.is_dir():
        if not chosen.is_empty() or year is not None:
            fail(
                _(
                    "a folder's page opens each office in its own tahun, unfiltered: it takes "
                    "no --misi, --unit or --year (choose them on the page)"
                )
            )
        _write(path, output, _offices(path, timeout))
        return
    tree = load_tree(path)
    check_known(tree, chosen)
    the_year = choose_year(tree, year)
    settings = report_settings(path)
    offered = [the_year, *sorted(set(years(tree)) - {the_year})]
    reports = [build(tree, y, settings) for y in offered]
    page = html.build(
        tree,
        reports,
        _problems([path])[str(path)],
        _posters(tree, the_year, timeout),
        name=str(path),
        start={"misi": chosen.misi or "", "unit": chosen.unit or ""},
    )
    _write(path, output, (page, n_("{count} node", "{count} nodes", len(tree.nodes))))


def _write(source: Path, output: str, page: tuple[str, str]) -> None:
    """The page to ``output``, whole or not at all, never onto ``source`` (a file of a
    folder's is refused by its extension: no page is .yaml)."""
    from pohon_cli.output.files import refuse_input
    from pohon_cli.output.pages import write_pages

    target = None if output == _STDOUT else Path(output)
    if target is not None and source.is_file():
        refuse_input(target, source)
    write_pages([target], [page[0].encode("utf-8")], sys.stdout.buffer)
    if target is not None:
        typer.echo(_("wrote {target} ({what})", target=target, what=page[1]), err=True)


def _offices(folder: Path, timeout: float) -> tuple[str, str]:
    """The page of every pohon file under ``folder`` (as ``validate`` finds them), each in
    its own tahun, with the problems ``validate FOLDER`` reports; a file that does not
    load stops the page as it stops ``render`` (exit 1)."""
    from pohon_cli.cli.validate import once, yaml_files
    from pohon_cli.load.workspace import build as workspace
    from pohon_cli.render import html, web_links
    from pohon_cli.report import build
    from pohon_cli.stats import years

    files = once(yaml_files([folder]))
    if not files:
        fail(_("no *.yaml or *.yml files found in {paths}", paths=folder))
    trees = [load_tree(path) for path in files]
    problems = _problems(files)
    linked = web_links.links(workspace((str(p), t) for p, t in zip(files, trees, strict=True)),
                           [str(p) for p in files])  # fmt: skip
    pages = []
    for path, tree, named in zip(files, trees, linked, strict=True):
        settings = report_settings(path)
        offered = [tree.header.year, *sorted(set(years(tree)) - {tree.header.year})]
        reports = [build(tree, y, settings) for y in offered]
        posters = _posters(tree, tree.header.year, timeout)
        pages.append(
            html.Office(tree, reports, problems[str(path)], posters, str(path), files=named)
        )
    nodes = sum(len(t.nodes) for t in trees)
    said = n_(
        "{count} office, {nodes}",
        "{count} offices, {nodes}",
        len(files),
        nodes=n_("{count} node", "{count} nodes", nodes),
    )
    return html.build_offices(pages), said


def _problems(paths: list[Path]) -> dict[str, list[Problem]]:
    """What ``pohon validate FILES`` reports for each file (as given), under its
    configuration: alone, then across the links between them."""
    from pohon_cli.config import Finder, Overrides
    from pohon_cli.rules.lint import check_files

    finder = Finder(Overrides())
    jobs = [(str(path), finder.settings_for(path)) for path in paths]
    checked = check_files(jobs, min(len(jobs), os.cpu_count() or 1))
    found: dict[str, list[Problem]] = {str(path): [] for path in paths}
    for report in checked:
        found.setdefault(report.path, []).extend(
            p for p in report.problems if p.file == report.path
        )
    return found


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
            said = _(
                "pohon: no poster for {key} in the page: {count} boxes (above {most}); "
                "search and fold the tree instead",
                key=page.key,
                count=format(page.nodes, ","),
                most=draw.BIG_PAGE,
            )
            typer.echo(said, err=True)
            continue
        try:
            drawn = run_dot(page.source, "svg", timeout)
        except DotError as error:
            fail(str(error))
        posters.append(Poster(page.key, drawn.data.decode("utf-8"), poster_ids(tree, page.key)))
    return posters
