"""``pohon report DIR`` (or several files): the offices' capaian rolled up the cascade.

The files are found as ``pohon validate`` finds them (a directory stands for every
*.yaml / *.yml under it); a file the loader finds broken is reported on stderr as
``pohon validate`` reports it, and nothing is written on stdout (exit 1).
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from pohon_cli.cli.app import EXIT_PROBLEMS, fail
from pohon_cli.cli.options import pick, present, report_settings
from pohon_cli.i18n import _


def report_cascade(paths: list[Path], year: int | None, filtered: bool, output_format: str) -> None:
    """Load every file, build the workspace of offices and hand the roll-up to the writer."""
    from pohon_cli.cli.validate import once, yaml_files
    from pohon_cli.load import load_path
    from pohon_cli.load.workspace import build
    from pohon_cli.output import rollup as view
    from pohon_cli.rollup import roll_up

    writer = pick(view.FORMATS, output_format)
    if filtered:
        fail(
            _(
                "--misi, --unit, --root, --depth and --level choose within one file: "
                "give one file to filter its report"
            )
        )
    files = once(yaml_files(paths))
    if not files:
        fail(_("no *.yaml or *.yml file in {paths}", paths=", ".join(str(p) for p in paths)))
    loaded = [load_path(path) for path in files]
    broken = [side for side in loaded if side.tree is None or not side.ok]
    if broken:
        from pohon_cli.output.problems import write_load_problems
        from pohon_cli.output.terminal import detect

        write_load_problems(broken, sys.stderr, detect(sys.stderr))
        raise typer.Exit(EXIT_PROBLEMS)
    workspace = build((str(path), side.tree) for path, side in zip(files, loaded, strict=True))
    settings = {
        key: report_settings(Path(office.path))
        for key, office in workspace.offices.items()
        if office.tree is not None
    }
    cascade = roll_up(workspace, settings, year)
    present(writer, view.CascadeRequest(tuple(str(p) for p in files), year, cascade))
