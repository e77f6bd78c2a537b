"""``pohon diff``: what changed in the tree between two files or two git revisions."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from pohon_cli.cli.app import EXIT_OK, EXIT_PROBLEMS, app
from pohon_cli.cli.options import MisiOpt, RootOpt, UnitOpt, pick, present


@app.command()
def diff(
    old: Annotated[
        str,
        typer.Argument(
            help="The earlier tree: a file, or REV:PATH as in git show "
            "(e.g. v2024:data/pohon_kinerja.yaml).",
            metavar="OLD",
            show_default=False,
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(
            help="The later tree: a file, or REV:PATH.", metavar="NEW", show_default=False
        ),
    ],
    *,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Output format: text, markdown or json.")
    ] = "text",
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code", help="Exit 1 when there are changes, 0 when none (as git diff)."
        ),
    ] = False,
    order: Annotated[
        bool, typer.Option("--order", help="Also report siblings whose order changed.")
    ] = False,
    misi: MisiOpt = None,
    unit: UnitOpt = None,
    root: RootOpt = None,
) -> None:
    """Show what changed between two versions of a pohon kinerja, matched on kode.

    Nodes and indicators added, removed, renamed, moved or re-coded; changed owners and satuan.

    Changed targets, with the difference. Ignored: key order, quoting, style and comments.

    Both files are validated first (exit 1 when broken).
    """
    from pohon_cli.diff import diff as compare
    from pohon_cli.diff import scope, within
    from pohon_cli.filters import Filter
    from pohon_cli.gc_pause import gc_paused
    from pohon_cli.load import gitfile, load_bytes
    from pohon_cli.output import diff as view
    from pohon_cli.output.problems import write_load_problems
    from pohon_cli.output.terminal import detect

    writer = pick(view.FORMATS, output_format)
    # both sides read before either is parsed: an unknown revision stops at once (exit 2)
    data = [gitfile.read(spec) for spec in (old, new)]
    loaded = [load_bytes(data.pop(0), spec) for spec in (old, new)]
    before, after = loaded[0].tree, loaded[1].tree
    if before is None or after is None or not all(side.ok for side in loaded):
        write_load_problems(loaded, sys.stderr, detect(sys.stderr))
        raise typer.Exit(EXIT_PROBLEMS)
    # The diff makes many small objects and no cycles: without the cyclic GC walking the
    # two big trees again and again it is a third faster on large trees (as in load).
    with gc_paused():
        kept = scope(before, after, Filter(misi=misi, unit=unit, root=root))
        changes = compare(before, after, order=order)
        if kept is not None:
            changes = within(changes, kept)
        verdict = EXIT_PROBLEMS if exit_code and changes else EXIT_OK
        present(writer, view.Comparison(old, new, changes), verdict)
    raise typer.Exit(verdict)
