"""A workspace: the files given to ``pohon validate``, and the files their links name.

The cross-file rules (``rules/cascade.py``) read a workspace, never the disk: each office
by its ``Facts`` (``load/facts.py``), the little of its file they need; the views over a
directory also find the office's whole tree there. A link
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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from pohon_cli.load import load_path
from pohon_cli.load.facts import Facts, facts_of
from pohon_cli.model import Tree
from pohon_cli.problem import InputError

# A file that writes none of these keys takes part in no cascade (unless another file
# links to it): a whole run without them needs no workspace at all.
_LINK_WORDS = ("berkas", "mendukung", "kolaborasi")
_LINK_WORD = re.compile(rf"(?:{'|'.join(_LINK_WORDS)})\s*:")
_LINK_KEYS = re.compile(rf"^\s*(?:-\s+)?(?:\{{\s*)?{_LINK_WORD.pattern}", re.M)


def writes_links(text: str) -> bool:
    """Whether a file's text may hold a link to another file (a cheap test on the text).

    True exactly when ``_LINK_KEYS`` matches, found from the words rather than from every
    line start: ``_LINK_KEYS`` searched alone tries each of 200,000 indented lines of a
    large tree (a quarter of a second at 10,000 nodes); a match always holds a word, and
    matches from the start of that word's line when it matches at all."""
    if not any(word in text for word in _LINK_WORDS):
        return False
    for found in _LINK_WORD.finditer(text):
        line = text.rfind("\n", 0, found.start()) + 1
        if _LINK_KEYS.match(text, line) is not None:
            return True
    return False


def real(path: str) -> str:
    """The key two names of one file share."""
    return os.path.normcase(os.path.realpath(path))


@dataclass(slots=True)
class Office:
    """One file of the workspace: the name its problems use, its facts (None when it did
    not load), whether it was given (its problems are reported) or only linked, and its
    whole tree when the workspace was built from trees (the views), else None."""

    path: str
    key: str
    facts: Facts | None
    given: bool
    tree: Tree | None = None


@dataclass(slots=True)
class Workspace:
    """The offices by real path, in the order given (linked ones after)."""

    offices: dict[str, Office] = field(default_factory=dict)
    # (folder, link as written) -> real path: every rule asks again, the disk once
    _targets: dict[tuple[str, str], str] = field(default_factory=dict)

    def given(self) -> Iterator[Office]:
        return (o for o in self.offices.values() if o.given)

    def known(self) -> Iterator[tuple[Office, Facts]]:
        """Every office whose file loaded, with its facts."""
        for office in self.offices.values():
            if office.facts is not None:
                yield office, office.facts

    def target(self, office: Office, written: str) -> str:
        """The real path a link written in ``office`` names."""
        folder = os.path.dirname(office.path)
        found = self._targets.get((folder, written))
        if found is None:
            found = self._targets[folder, written] = real(os.path.join(folder, written))
        return found

    def find(self, office: Office, written: str) -> Office | None:
        """The office a link names: None when the file is not there."""
        return self.offices.get(self.target(office, written))

    def parent(self, office: Office) -> Office | None:
        """The office ``induk.berkas`` names, when it is written and the file is there."""
        facts = office.facts
        if facts is None or facts.parent_file is None:
            return None
        return self.find(office, facts.parent_file)

    def children(self) -> dict[str, list[Office]]:
        """Real path of a parent -> the loaded offices whose ``induk.berkas`` names it."""
        found: dict[str, list[Office]] = {}
        for office, facts in self.known():
            if facts.parent_file is not None:
                found.setdefault(self.target(office, facts.parent_file), []).append(office)
        return found


def build(given: Iterable[tuple[str, Tree | None]]) -> Workspace:
    """The workspace of the files given with their trees (None for one that did not
    load), and the files they link to that exist, loaded but not given: for the views,
    which need each office's whole tree."""
    trees = dict(given)
    linked: dict[str, Tree | None] = {}

    def load(path: str) -> Facts | None:
        tree = linked[path] = _load(path)
        return None if tree is None else facts_of(tree)

    workspace = build_facts(
        ((path, None if tree is None else facts_of(tree)) for path, tree in trees.items()), load
    )
    for office in workspace.offices.values():
        office.tree = trees[office.path] if office.given else linked.get(office.path)
    return workspace


def build_facts(
    given: Iterable[tuple[str, Facts | None]], load: Callable[[str], Facts | None]
) -> Workspace:
    """The workspace of the files given with their facts, and the files they link to
    that exist, whose facts ``load`` gives (None when the file does not load)."""
    workspace = Workspace()
    for path, facts in given:
        key = real(path)
        workspace.offices.setdefault(key, Office(path, key, facts, True))
    for office in list(workspace.offices.values()):
        if office.facts is None:
            continue
        for written in office.facts.links():
            key = workspace.target(office, written)
            if key in workspace.offices or not os.path.isfile(key):
                continue
            path = os.path.normpath(os.path.join(os.path.dirname(office.path), written))
            workspace.offices[key] = Office(path, key, load(path), False)
    return workspace


def _load(path: str) -> Tree | None:
    """A linked file's tree for the views; None when it has errors, as one file given
    alone with errors is not shown (its own check says why)."""
    try:
        loaded = load_path(path)
    except InputError:
        return None
    return loaded.tree if loaded.ok else None
