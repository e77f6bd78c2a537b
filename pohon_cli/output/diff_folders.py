"""What changed between two folders of offices' files: the files added and removed, and
for each file in both, the changes ``pohon diff`` writes for two files, under a header
naming the file (text, Markdown) or in a list of files (JSON)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from pohon_cli.diff import Change
from pohon_cli.i18n import N_, _, n_, tr
from pohon_cli.output import diff as single
from pohon_cli.output.tables import json_text, markdown_cell
from pohon_cli.output.terminal import Screen, detect
from pohon_cli.output.writer import Writer


@dataclass(frozen=True, slots=True)
class FileChanges:
    """A file found in both folders: its path inside them, the two sides as read (a path
    or ``REV:PATH``) and the changes between them."""

    path: str
    old: str
    new: str
    changes: Sequence[Change]


@dataclass(frozen=True, slots=True)
class FolderComparison:
    old: str
    new: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    files: tuple[FileChanges, ...]

    def differs(self) -> bool:
        return bool(self.added or self.removed or any(f.changes for f in self.files))


def summary(result: FolderComparison) -> str:
    changed = sum(1 for f in result.files if f.changes)
    total = sum(len(f.changes) for f in result.files)
    return n_(
        "{count} file in both: {changed} changed ({changes}), {unchanged} unchanged; "
        "{added} added, {removed} removed",
        "{count} files in both: {changed} changed ({changes}), {unchanged} unchanged; "
        "{added} added, {removed} removed",
        len(result.files),
        changed=changed,
        changes=n_("{count} change", "{count} changes", total),
        unchanged=len(result.files) - changed,
        added=len(result.added),
        removed=len(result.removed),
    )


def write_text(result: FolderComparison, out: TextIO, screen: Screen | None = None) -> None:
    screen = screen or detect(out)
    title = _("pohon diff {old} → {new} (folders)", old=result.old, new=result.new)
    out.write(screen.paint(title, "header") + "\n")
    for name in result.added:
        out.write("  " + _("added: {name}", name=name) + "\n")
    for name in result.removed:
        out.write("  " + _("removed: {name}", name=name) + "\n")
    for file in result.files:
        if not file.changes:
            continue
        out.write("\n" + screen.paint(f"== {file.path} ==", "header") + "\n")
        single.write_text(single.Comparison(file.old, file.new, file.changes), out, screen)
    out.write("\n" + screen.paint(summary(result), "header") + "\n")


def write_markdown(result: FolderComparison, out: TextIO, screen: Screen | None = None) -> None:
    old, new = single.code_span(result.old), single.code_span(result.new)
    out.write(f"## pohon diff: {old} → {new}\n\n**{markdown_cell(summary(result))}**\n")
    for heading, names in (
        (N_("Files added ({count})"), result.added),
        (N_("Files removed ({count})"), result.removed),
    ):
        if names:
            out.write(f"\n#### {tr(heading, count=len(names))}\n\n")
            out.write("".join(f"- {single.code_span(n)}\n" for n in names))
    for file in result.files:
        if file.changes:
            out.write("\n")
            single.write_markdown(single.Comparison(file.old, file.new, file.changes), out)


def file_json(file: FileChanges) -> dict[str, Any]:
    return {
        "path": file.path,
        "old": file.old,
        "new": file.new,
        "changes": [single.as_dict(c) for c in file.changes],
    }


def write_json(result: FolderComparison, out: TextIO, screen: Screen | None = None) -> None:
    """One object: the two folders, the paths added and removed, and every file in both
    with its changes as the JSON of ``pohon diff`` for two files writes them."""
    data = {
        "old": result.old,
        "new": result.new,
        "added": list(result.added),
        "removed": list(result.removed),
        "files": [file_json(f) for f in result.files],
    }
    out.write(json_text(data))


FORMATS: dict[str, Writer[FolderComparison]] = {
    "text": write_text,
    "markdown": write_markdown,
    "json": write_json,
}
