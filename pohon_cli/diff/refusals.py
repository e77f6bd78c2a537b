"""Changes whose new value the lint rules refuse: a reviewer should see, in the diff
itself, that the persen raised to 120 is one ``pohon validate`` will fail.

Pure: the lint problems of NEW come in (the command runs the rules), and each change is
marked with the errors at the line of its new value; an added indicator with those at
any of its values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from pohon_cli.diff.change import Change, Refusal
from pohon_cli.model import Tree
from pohon_cli.problem import Problem

# The values of an added indicator a rule can refuse, besides its targets by year.
_ADDED_FIELDS = ("satuan", "polaritas", "baseline", "penanggung_jawab")


def refusals(changes: Sequence[Change], new: Tree, problems: Iterable[Problem]) -> list[Change]:
    """``changes`` with ``refused`` set where NEW has an error at the changed value.

    A problem is matched to a change by the line it points at in NEW, which is the line
    of the value (or of the item, when a change has no value of its own there).
    """
    by_line: dict[int, list[Refusal]] = {}
    for problem in problems:
        if problem.severity == "error":
            by_line.setdefault(problem.line, []).append(Refusal(problem.code, problem.message))
    if not by_line:
        return list(changes)
    marked: list[Change] = []
    for change in changes:
        found: list[Refusal] = []
        for line in _lines(change, new):
            found += by_line.get(line, ())
        marked.append(replace(change, refused=tuple(dict.fromkeys(found))) if found else change)
    return marked


def _lines(change: Change, new: Tree) -> list[int]:
    if change.new_line is None or change.kind == "removed":
        return []
    if change.added is None or new.source is None or change.kode is None:
        return [change.new_line]
    kode, source = change.kode, new.source
    lines = [change.new_line]
    lines += [source.at(kode, key)[0] for key in _ADDED_FIELDS]
    lines += [source.at(kode, "target", year)[0] for year, _ in change.added.targets]
    return sorted(set(lines))
