"""A workspace: the files given to ``pohon validate``, and the files their links name.

The cross-file rules (``rules/cascade.py``) read a workspace, never the disk. A link
(``induk.berkas``, ``kolaborasi[].berkas``) is a path relative to the file that writes it;
it is normalised and compared as a real path, so ``./a.yaml``, ``../x/a.yaml`` and a
symbolic link to it name one office. A linked file outside the given set is loaded once
when it exists (so that a file given alone is checked against its parent), but it is not
itself checked, and the links it writes are not followed further: one level is enough for
the checks of the file given.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from pohon_cli.load import load_path
from pohon_cli.model import Indicator, Tree
from pohon_cli.problem import InputError

# A file that writes none of these keys takes part in no cascade (unless another file
# links to it): a whole run without them needs no workspace at all.
_LINK_KEYS = re.compile(r"^\s*(?:-\s+)?(?:\{\s*)?(?:berkas|mendukung|kolaborasi)\s*:", re.M)


def writes_links(text: str) -> bool:
    """Whether a file's text may hold a link to another file (a cheap test on the text)."""
    return _LINK_KEYS.search(text) is not None


def real(path: str) -> str:
    """The key two names of one file share."""
    return os.path.normcase(os.path.realpath(path))


@dataclass(slots=True)
class Office:
    """One file of the workspace: the name its problems use, its tree (None when it did
    not load), and whether it was given (its problems are reported) or only linked."""

    path: str
    key: str
    tree: Tree | None
    given: bool


@dataclass(slots=True)
class Workspace:
    """The offices by real path, in the order given (linked ones after)."""

    offices: dict[str, Office] = field(default_factory=dict)
    # a tree's indicators by kode, built once per tree however many children ask
    _indicators: dict[int, dict[str, Indicator]] = field(default_factory=dict)

    def indicators(self, tree: Tree) -> dict[str, Indicator]:
        """Every indicator written in ``tree``, by kode."""
        found = self._indicators.get(id(tree))
        if found is None:
            found = {ind.code: ind for _node, ind in tree.indicators()}
            self._indicators[id(tree)] = found
        return found

    def given(self) -> Iterator[Office]:
        return (o for o in self.offices.values() if o.given)

    def loaded(self) -> Iterator[tuple[Office, Tree]]:
        """Every office whose file loaded, with its tree."""
        for office in self.offices.values():
            if office.tree is not None:
                yield office, office.tree

    def target(self, office: Office, written: str) -> str:
        """The real path a link written in ``office`` names."""
        return real(os.path.join(os.path.dirname(office.path), written))

    def find(self, office: Office, written: str) -> Office | None:
        """The office a link names: None when the file is not there."""
        return self.offices.get(self.target(office, written))

    def parent(self, office: Office) -> Office | None:
        """The office ``induk.berkas`` names, when it is written and the file is there."""
        written = _parent_file(office.tree)
        return None if written is None else self.find(office, written)

    def children(self) -> dict[str, list[Office]]:
        """Real path of a parent -> the loaded offices whose ``induk.berkas`` names it."""
        found: dict[str, list[Office]] = {}
        for office, tree in self.loaded():
            written = _parent_file(tree)
            if written is not None:
                found.setdefault(self.target(office, written), []).append(office)
        return found


def _parent_file(tree: Tree | None) -> str | None:
    if tree is None or tree.header.parent_organisation is None:
        return None
    return tree.header.parent_organisation.file


def links_of(tree: Tree) -> Iterator[str]:
    """Every file path ``tree`` writes: its ``induk.berkas`` and each ``kolaborasi`` berkas."""
    parent = _parent_file(tree)
    if parent is not None:
        yield parent
    for node in tree.nodes.values():
        for partner in node.partners:
            yield partner.file


def build(given: Iterable[tuple[str, Tree | None]]) -> Workspace:
    """The workspace of the files given (with their trees, None for one that did not
    load), and the files they link to that exist, loaded but not given."""
    workspace = Workspace()
    for path, tree in given:
        key = real(path)
        workspace.offices.setdefault(key, Office(path, key, tree, True))
    for office in list(workspace.offices.values()):
        if office.tree is None:
            continue
        for written in links_of(office.tree):
            key = workspace.target(office, written)
            if key in workspace.offices or not os.path.isfile(key):
                continue
            path = os.path.normpath(os.path.join(os.path.dirname(office.path), written))
            workspace.offices[key] = Office(path, key, _load(path), False)
    return workspace


def _load(path: str) -> Tree | None:
    try:
        return load_path(path).tree
    except InputError:
        return None
