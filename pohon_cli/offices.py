"""The offices of a workspace under their parents (``induk.berkas``), with what each file
holds and how it links to the others: what ``pohon show DIR``, ``pohon units DIR`` and
``pohon render DIR`` are built from.

Pure: the workspace is loaded and the problems counted by the command; this only
arranges them. An office appears once, under the parent its ``induk.berkas`` names when
that parent is shown; a parent that was not given but exists is shown (``given`` False)
so that its children hang where they belong; any other office not given (a crosscutting
partner's file) is left out. A loop of ``induk.berkas`` is cut where it closes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from pohon_cli.load.workspace import Office, Workspace
from pohon_cli.model import Tree


@dataclass(frozen=True, slots=True)
class Problems:
    """How many problems ``pohon validate`` reports for a file, by severity."""

    errors: int = 0
    warnings: int = 0

    @property
    def total(self) -> int:
        return self.errors + self.warnings


@dataclass(frozen=True, slots=True)
class Counts:
    """What one loaded file holds: its nodes and indicators (as written), and its links
    to other files: ``mendukung`` entries of its nodes, indicators carried with
    ``mendukung``, ``kolaborasi`` entries."""

    nodes: int
    indicators: int
    supports: int
    carried: int
    partners: int


def counts(tree: Tree) -> Counts:
    nodes = tree.nodes.values()
    written = [i for node in nodes for i in node.indicators]
    return Counts(
        nodes=len(tree.nodes),
        indicators=len(written),
        supports=sum(len(node.supports) for node in nodes),
        carried=sum(1 for i in written if i.supports is not None),
        partners=sum(len(node.partners) for node in nodes),
    )


@dataclass(slots=True)
class Branch:
    """An office at its place in the cascade: its file (as named), its tree (None when
    it did not load), whether it was given, its problems (None when not given: it was
    not checked), the file of its parent when that is shown, and the offices under it."""

    office: Office
    problems: Problems | None
    parent: str | None = None
    below: list[Branch] = field(default_factory=list)

    @property
    def tree(self) -> Tree | None:
        return self.office.tree

    @property
    def counts(self) -> Counts | None:
        return None if self.office.tree is None else counts(self.office.tree)


@dataclass(frozen=True, slots=True)
class Cascade:
    """The top offices (each with those under it) and the workspace they come from."""

    tops: list[Branch]
    workspace: Workspace

    def walk(self) -> Iterator[Branch]:
        """Every office, each before those under it, in the order given."""
        stack = list(reversed(self.tops))
        while stack:
            branch = stack.pop()
            yield branch
            stack.extend(reversed(branch.below))


def cascade(workspace: Workspace, problems: Mapping[str, Problems] | None = None) -> Cascade:
    """The offices of ``workspace`` under their parents. ``problems`` is keyed by real
    path (``Office.key``); an office given but missing from it counts none."""
    shown = _shown(workspace)
    branches = {
        key: Branch(office, None if not office.given else (problems or {}).get(key, Problems()))
        for key, office in shown.items()
    }
    parent_of: dict[str, str] = {}
    for key, office in shown.items():
        parent = workspace.parent(office)
        if parent is not None and parent.key in shown and parent.key != key:
            parent_of[key] = parent.key
    under: dict[str, list[str]] = {}
    for key in shown:
        if key in parent_of:
            under.setdefault(parent_of[key], []).append(key)
    tops: list[Branch] = []
    placed: set[str] = set()

    def place(top: str) -> None:
        # iterative: a cascade may be deep; a loop of induk.berkas is cut where it closes
        tops.append(branches[top])
        placed.add(top)
        stack = [top]
        while stack:
            here = stack.pop()
            for child in under.get(here, []):
                if child not in placed:
                    placed.add(child)
                    branches[child].parent = branches[here].office.path
                    branches[here].below.append(branches[child])
                    stack.append(child)

    for key in shown:
        if key not in parent_of:
            place(key)
    for key in shown:  # only offices in a loop of induk.berkas are left
        if key not in placed:
            place(key)
    return Cascade(tops, workspace)


def _shown(workspace: Workspace) -> dict[str, Office]:
    """The offices given, then the parents of those (and of their parents) that were not
    given but exist, in the workspace's order."""
    wanted = {key for key, office in workspace.offices.items() if office.given}
    frontier = list(wanted)
    while frontier:
        office = workspace.offices[frontier.pop()]
        parent = workspace.parent(office)
        if parent is not None and parent.key not in wanted:
            wanted.add(parent.key)
            frontier.append(parent.key)
    return {key: office for key, office in workspace.offices.items() if key in wanted}


def common_folder(paths: list[str]) -> str:
    """The folder every path lies under ("" when none, or when relative and absolute
    paths are mixed): the views print each file relative to it."""
    folders = [os.path.dirname(os.path.normpath(p)) for p in paths]
    if not folders:
        return ""
    try:
        return os.path.commonpath(folders)
    except ValueError:
        return ""


def shown_path(path: str, folder: str) -> str:
    """``path`` relative to ``folder``, with ``/`` between the parts wherever it runs."""
    relative = os.path.relpath(path, folder) if folder else os.path.normpath(path)
    return relative.replace(os.sep, "/")
