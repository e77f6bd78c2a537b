"""``pohon diff``: what changed in the tree between two files or two git revisions."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pohon_cli.cli.app import EXIT_OK, EXIT_PROBLEMS, app, fail
from pohon_cli.cli.options import LangOpt, MisiOpt, RootOpt, UnitOpt, pick, present
from pohon_cli.i18n import N_, _

if TYPE_CHECKING:
    from pohon_cli.diff import Change
    from pohon_cli.filters import Filter
    from pohon_cli.model import Tree
    from pohon_cli.problem import Problem


OldArg = Annotated[
    str,
    typer.Argument(
        help=N_(
            "The earlier tree: a file, or REV:PATH as in git show "
            "(e.g. v2024:data/pohon_kinerja.yaml); or a folder of offices' files "
            "(a directory, or REV:DIR)."
        ),
        metavar="OLD",
        show_default=False,
    ),
]
NewArg = Annotated[
    str,
    typer.Argument(
        help=N_("The later tree: a file, or REV:PATH; or a folder (a directory, or REV:DIR)."),
        metavar="NEW",
        show_default=False,
    ),
]


@app.command()
def diff(
    old: OldArg,
    new: NewArg,
    *,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help=N_("Output format: text, markdown or json."))
    ] = "text",
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code", help=N_("Exit 1 when there are changes, 0 when none (as git diff).")
        ),
    ] = False,
    order: Annotated[
        bool, typer.Option("--order", help=N_("Also report siblings whose order changed."))
    ] = False,
    misi: MisiOpt = None,
    unit: UnitOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    """Show what changed between two versions of a pohon kinerja, matched on kode.

    Nodes and indicators added, removed, renamed, moved or re-coded; changed owners and satuan.

    Changed targets, with the difference. Not compared: key order, quoting, style, comments.

    Both files are validated first (exit 1 when broken); a value lint refuses is marked.

    Two folders: each file found in both compared so, and the files added and removed.
    """
    from pohon_cli.cli.diff_folders import diff_folders, folder_of
    from pohon_cli.filters import Filter
    from pohon_cli.gc_pause import gc_paused
    from pohon_cli.load import gitfile, load_bytes
    from pohon_cli.output import diff as view
    from pohon_cli.output.problems import write_load_problems
    from pohon_cli.output.terminal import detect

    writer = pick(view.FORMATS, output_format)
    _revision_without_path(old, new)
    folders = (folder_of(old), folder_of(new))
    if any(folders):
        diff_folders(
            (old, new),
            folders,
            output_format=output_format,
            exit_code=exit_code,
            order=order,
            chosen=Filter(misi=misi, unit=unit, root=root),
        )
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
        changes = compared(before, after, new, order, Filter(misi=misi, unit=unit, root=root))
        verdict = EXIT_PROBLEMS if exit_code and changes else EXIT_OK
        present(writer, view.Comparison(old, new, changes), verdict)
    raise typer.Exit(verdict)


def compared(before: Tree, after: Tree, new: str, order: bool, chosen: Filter) -> list[Change]:
    """The changes from ``before`` to ``after`` within the filter, each marked where lint
    refuses its new value (``new`` names the later side, for its configuration)."""
    from pohon_cli.diff import diff as compare
    from pohon_cli.diff import refusals, scope, within

    kept = scope(before, after, chosen)
    changes = compare(before, after, order=order)
    if kept is not None:
        changes = within(changes, kept)
    if changes:
        changes = refusals(changes, after, _lint(after, new))
    return changes


def _lint(tree: Tree, spec: str) -> list[Problem]:
    """The lint problems of NEW, with the settings of the configuration nearest to it."""
    from pohon_cli.config import Finder, Overrides
    from pohon_cli.load import gitfile
    from pohon_cli.rules.lint import lint_tree

    where = gitfile.parse(spec)
    near = where if isinstance(where, Path) else Path.cwd() / "pohon.yaml"
    return lint_tree(tree, Finder(Overrides()).settings_for(near))


def _revision_without_path(old: str, new: str) -> None:
    """``pohon diff HEAD~1 data/x.yaml``: one side is a revision of the other's repository,
    not a file, and the user meant ``HEAD~1:data/x.yaml`` (exit 2, saying so)."""
    for spec, other in ((old, new), (new, old)):
        file = Path(other)
        if ":" in spec or spec.startswith("-") or Path(spec).exists() or not file.is_file():
            continue
        folder = file.absolute().parent
        found = _git(
            folder, "rev-parse", "--verify", "--quiet", "--end-of-options", spec + "^{commit}"
        )
        prefix = _git(folder, "rev-parse", "--show-prefix")
        if found is not None and prefix is not None:
            fail(
                _(
                    "`{spec}` is a revision, not a file: did you mean `{spec}:{path}`? "
                    "(REV:PATH, the path from the top of the repository)",
                    spec=spec,
                    path=prefix + file.name,
                )
            )


def _git(folder: Path, *args: str) -> str | None:
    """What git prints in ``folder`` (stripped), or None when it fails or is missing."""
    env = {**os.environ, "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=folder,
            env=env,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.decode(errors="replace").strip() if done.returncode == 0 else None
