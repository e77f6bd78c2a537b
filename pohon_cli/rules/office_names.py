"""Finding the offices of a cascade named in each other's uraian (PK129's search).

The offices linked to each other, directly or not, form one group; every office's
``instansi`` nama and singkatan become one regular expression, built as a trie (a
cascade of 553 offices has 1,100 names: an alternation of them all would try each at
every word), run once over each file's uraian joined (``Facts.texts``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from pohon_cli.load.facts import Facts, reread
from pohon_cli.load.workspace import Office, Workspace
from pohon_cli.rules.base import Span, span_in
from pohon_cli.source import unpack


def groups(workspace: Workspace) -> list[list[Office]]:
    """The offices linked to each other, directly or not (a cascade): its own group
    per set of files that name each other, so unrelated files given together never meet."""
    boss: dict[str, str] = {key: key for key in workspace.offices}

    def find(key: str) -> str:
        while boss[key] != key:
            boss[key] = boss[boss[key]]
            key = boss[key]
        return key

    for office, facts in workspace.known():
        for written in facts.links():
            other = workspace.target(office, written)
            if other in boss:
                boss[find(office.key)] = find(other)
    found: dict[str, list[Office]] = {}
    for office in workspace.offices.values():
        found.setdefault(find(office.key), []).append(office)
    return [group for group in found.values() if len(group) > 1]


def pattern(names: Iterable[str]) -> re.Pattern[str]:
    """Any of ``names`` (case-folded) as whole words, in any case, the longest first,
    white space inside a name matching any run of white space."""
    root: dict[str, Any] = {}
    for name in names:
        here = root
        for char in name:
            here = here.setdefault(char, {})
        here[""] = {}  # a name ends here
    return re.compile(r"(?<!\w)" + _branch(root) + r"(?!\w)", re.IGNORECASE)


def _branch(node: dict[str, Any]) -> str:
    ends = "" in node
    parts = [
        (r"\s+" if char.isspace() else re.escape(char)) + _branch(rest)
        for char, rest in sorted(node.items())
        if char
    ]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    # greedy: the longer name first, the shorter when the longer does not end a word
    return f"(?:{body})?" if ends else body


def mentions(facts: Facts, names: re.Pattern[str]) -> Iterator[tuple[int, re.Match[str], Span]]:
    """Each name found in an uraian of ``facts``: whose uraian (its index), the match,
    and its place in the file (the line read again only when a name is found)."""
    lines: list[str] | None = None
    for match in names.finditer(facts.texts):
        i = facts.text_index(match.start())
        first = facts.text_start(i)
        pos = unpack(facts.text_at[i])
        if lines is None:
            lines = reread(facts.path).split("\n")
        line = lines[pos[0] - 1] if 0 < pos[0] <= len(lines) else ""
        text = facts.description(i)
        yield i, match, span_in(line, pos, text, match.start() - first, match.end() - first)
