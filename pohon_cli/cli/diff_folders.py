"""``pohon diff OLD NEW`` where OLD and NEW are folders, on disk or at a git revision
(``REV:DIR``): the files paired by their path inside the folder, each pair compared as
``pohon diff`` compares two files, and the files added and removed.

A file renamed or moved between the two is a file removed and a file added: offices are
files, and nothing says that two paths are one office.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from pohon_cli.cli.app import EXIT_OK, EXIT_PROBLEMS, fail
from pohon_cli.cli.options import pick, present
from pohon_cli.i18n import _
from pohon_cli.problem import InputError

if TYPE_CHECKING:
    from pohon_cli.filters import Filter


@dataclass(frozen=True, slots=True)
class Folder:
    """A folder's *.yaml / *.yml files: path inside the folder -> how to read it (a path
    on disk, or ``REV:PATH``)."""

    files: dict[str, str]


def folder_of(spec: str) -> Folder | None:
    """The folder ``spec`` names (a directory, or ``REV:DIR``); None for a file."""
    from pohon_cli.cli.validate import yaml_files
    from pohon_cli.load import gitfile

    where = gitfile.parse(spec)
    if isinstance(where, Path):
        if not where.is_dir():
            return None
        return Folder({p.relative_to(where).as_posix(): str(p) for p in yaml_files([where])})
    if not where.rev or gitfile.kind(where) != "tree":
        return None
    top = where.path.rstrip("/")
    names = gitfile.files_in(where)
    return Folder({name: f"{where.rev}:{top}/{name}" for name in names})


def diff_folders(
    specs: tuple[str, str],
    folders: tuple[Folder | None, Folder | None],
    *,
    output_format: str,
    exit_code: bool,
    order: bool,
    chosen: Filter,
) -> NoReturn:
    """Compare every file found in both folders, list those found in one only, and write
    it all in one document (exit 1 with ``--exit-code`` when anything differs)."""
    from pohon_cli.cli.diff import compared
    from pohon_cli.gc_pause import gc_paused
    from pohon_cli.load import gitfile, load_bytes
    from pohon_cli.output import diff_folders as view
    from pohon_cli.output.problems import write_load_problems
    from pohon_cli.output.terminal import detect

    writer = pick(view.FORMATS, output_format)
    before, after = folders
    if before is None or after is None:
        folder, other = specs if before is not None else specs[::-1]
        raise InputError(
            _(
                "`{folder}` is a folder but `{other}` is not: compare two folders (a "
                "directory, or REV:DIR at a revision; the index, :PATH, holds files only) or "
                "two files",
                folder=folder,
                other=other,
            )
        )
    if not chosen.is_empty():
        fail(_("--misi, --unit and --root choose within one file: compare two files to filter"))
    paired = [name for name in before.files if name in after.files]
    reads = [(before.files[n], after.files[n]) for n in paired]
    loaded = [(load_bytes(gitfile.read(a), a), load_bytes(gitfile.read(b), b)) for a, b in reads]
    broken = [side for pair in loaded for side in pair if side.tree is None or not side.ok]
    if broken:
        write_load_problems(broken, sys.stderr, detect(sys.stderr))
        raise typer.Exit(EXIT_PROBLEMS)
    files = []
    with gc_paused():
        for name, (a, b), (old, new) in zip(paired, reads, loaded, strict=True):
            assert old.tree is not None and new.tree is not None
            changes = compared(old.tree, new.tree, b, order, chosen)
            files.append(view.FileChanges(name, a, b, changes))
    result = view.FolderComparison(
        old=specs[0],
        new=specs[1],
        added=tuple(n for n in after.files if n not in before.files),
        removed=tuple(n for n in before.files if n not in after.files),
        files=tuple(files),
    )
    verdict = EXIT_PROBLEMS if exit_code and result.differs() else EXIT_OK
    present(writer, result, verdict)
    raise typer.Exit(verdict)
