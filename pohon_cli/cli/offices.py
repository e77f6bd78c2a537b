"""What ``show``, ``units`` and ``render`` share when given a directory (or several
files): the files, expanded as ``pohon validate`` expands them; the workspace of their
offices; and the problems ``pohon validate`` reports for each.

One file given is not a workspace: the commands keep their one-file view for it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pohon_cli.cli.app import fail
from pohon_cli.i18n import _, n_

if TYPE_CHECKING:
    from pohon_cli.load.workspace import Workspace
    from pohon_cli.offices import Cascade, Problems


def office_files(paths: Sequence[Path]) -> list[Path] | None:
    """The files of a directory view, or None for one file given (the one-file view).
    A directory with no pohon file is a usage error, as in ``pohon validate``."""
    if len(paths) == 1 and not paths[0].is_dir():
        return None
    from pohon_cli.cli.validate import once, yaml_files

    files = once(yaml_files(paths))
    if not files:
        fail(_("no *.yaml or *.yml files found in {paths}", paths=", ".join(map(str, paths))))
    return files


def options_given(**values: object) -> dict[str, bool]:
    """``--name`` -> whether it was given, in the order named: an option is given when it
    holds a value or a flag is on (``no_indicators`` is ``--no-indicators``)."""
    return {
        "--" + name.replace("_", "-"): value is not None and value is not False
        for name, value in values.items()
    }


def refuse_for_offices(command: str, given: dict[str, bool]) -> None:
    """Exit 2 naming the options given that only make sense for one file's tree."""
    named = [option for option, on in given.items() if on]
    if named:
        options = named[0]
        for option in named[1:]:
            options = _("{options} and {option}", options=options, option=option)
        fail(
            n_(
                "{options} chooses within one file's tree: `pohon {command}` of a directory "
                "or several files shows the offices; give one file to use them",
                "{options} choose within one file's tree: `pohon {command}` of a directory "
                "or several files shows the offices; give one file to use them",
                len(named),
                options=options,
                command=command,
            )
        )


def workspace_of(files: Sequence[Path]) -> Workspace:
    """The offices of ``files`` (a file that does not load has no tree) and the files
    their links name that exist."""
    from pohon_cli.load import load_path
    from pohon_cli.load.workspace import build

    # a file that cannot be read at all (missing, a folder) stops the command as it stops
    # `pohon validate` (InputError: exit 2); one that reads but has errors has no tree to
    # show, as `show FILE` shows none: it is listed with its errors
    loaded = [(str(path), load_path(path)) for path in files]
    return build((path, side.tree if side.ok else None) for path, side in loaded)


def problems_of(files: Sequence[Path]) -> dict[str, Problems]:
    """Errors and warnings of each file as ``pohon validate`` reports them (each file's
    own settings, the cross-file rules included), by real path."""
    from pohon_cli.config import Finder, Overrides
    from pohon_cli.load.workspace import real
    from pohon_cli.offices import Problems
    from pohon_cli.rules.lint import check_files

    finder = Finder(Overrides())
    jobs = [(str(path), finder.settings_for(path)) for path in files]
    found: dict[str, Problems] = {}
    for report in check_files(jobs, os.cpu_count() or 1):
        severities = [p.severity for p in report.problems]
        found[real(report.path)] = Problems(severities.count("error"), severities.count("warning"))
    return found


def checked_cascade(files: Sequence[Path]) -> Cascade:
    """The offices of ``files`` under their parents, with their problems."""
    from pohon_cli.offices import cascade

    return cascade(workspace_of(files), problems_of(files))
