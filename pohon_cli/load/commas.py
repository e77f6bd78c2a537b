"""A decimal comma inside `{...}` or `[...]`: one message at the number, not two wrong ones.

Part of parsing. In flow style a comma separates items, so YAML reads `{2024: 80,5}` as
the year 2024 with 80 and a second key `5` with no value, and `[80,5, 90,5]` as four
numbers. Those values never stand in a valid file (a key with no value where years or
quarters are expected, a "range" of four), so this step finds them by the written text
(a number, a comma and digits with no space between) and says once, at the number, which
number to write. It then mends the values the next steps see, so that they do not also
report "`5` is not a year": the loader's error already keeps the tree from being built,
so the mended value is never used. Valid forms are left alone: `{2024: 80,2025: 85}` (the
next key has its value) and `[80,90]` (a range as written).
"""

from __future__ import annotations

import re
from array import array
from decimal import Decimal
from typing import Any

from pohon_cli.i18n import _
from pohon_cli.model.numbers import plain_number
from pohon_cli.problem import WRONG_VALUE, Problem, error_at
from pohon_cli.source import Pos, YList, YMap

# The number as written, the comma, the digits after it, then the end of the flow item.
_GLUED = re.compile(r"(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?),([0-9]+)(?=\s*(?:[,}\]#]|$))")
# The keys whose values are years (or a year's quarters), and the one value on its own.
_BY_YEAR = frozenset(("target", "target_induk", "realisasi"))
_BASELINE = "baseline"
# `{2024: 80,2025}`: a year whose value is missing, more likely than a decimal comma
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")


def decimal_commas(root: Any, text: str, name: str) -> tuple[list[Problem], set[Pos]]:
    """The flow-style decimal commas in a parsed document, each at its number, and where
    their fractions stand (a fraction read as a key twice is no duplicate key to report).
    Mends the values: see the module's docstring."""
    if not isinstance(root, YMap | YList) or not re.search(r"[0-9],[0-9]", text):
        return [], set()  # the usual file: no pair of digits around a comma, nothing to walk
    finder = _Finder(text.split("\n"), name)
    finder.walk(root)
    return finder.problems, finder.fractions


class _Finder:
    def __init__(self, lines: list[str], name: str) -> None:
        self.lines = lines
        self.name = name
        self.problems: list[Problem] = []
        self.fractions: set[Pos] = set()

    def walk(self, root: YMap | YList) -> None:
        # iterative: a document may nest far deeper than Python's recursion allows
        stack: list[Any] = [root]
        seen: set[int] = set()  # an anchored value is met again at each alias
        while stack:
            here = stack.pop()
            if id(here) in seen:
                continue
            seen.add(id(here))
            if isinstance(here, YMap):
                self._mapping(here)
                for key, value in here.items():
                    if isinstance(value, YList) and key == _BASELINE:
                        self._range(value)
                    elif isinstance(value, YMap) and key in _BY_YEAR:
                        for year_value in value.values():
                            if isinstance(year_value, YList):
                                self._range(year_value)
                stack.extend(v for v in here.values() if isinstance(v, YMap | YList))
            else:
                stack.extend(v for v in here if isinstance(v, YMap | YList))

    def _glued(self, pos: Pos) -> re.Match[str] | None:
        """The number written at ``pos`` with a comma and digits right after it."""
        line = self.lines[pos[0] - 1] if 0 < pos[0] <= len(self.lines) else ""
        return _GLUED.match(line, pos[1] - 1)

    def _report(self, pos: Pos, found: re.Match[str]) -> Decimal:
        whole, fraction = found.group(1), found.group(2)
        written = plain_number(f"{whole},{fraction}") or f"{whole}.{fraction}"
        self.fractions.add((pos[0], pos[1] + len(whole) + 1))
        self.problems.append(
            error_at(
                self.name,
                pos,
                WRONG_VALUE,
                _(
                    "`{whole},{fraction}` has a decimal comma: inside `{{...}}` or `[...]` "
                    "YAML reads it as two values, {whole} and {fraction}",
                    whole=whole,
                    fraction=fraction,
                ),
                _("write {number}", number=written),
            )
        )
        return Decimal(written)

    def _mapping(self, mapping: YMap) -> None:
        """`{2024: 80,5}`: a number, then digits with no `:` after them, a key with no
        value (or a key read twice, `{2024: 80,5, 2025: 81,5}`, dropped by the parser)."""
        for key in list(mapping):
            if mapping.get(key).__class__ is not Decimal:
                continue
            pos = mapping.value_pos(key)
            found = self._glued(pos)
            if found is None or _YEAR.fullmatch(found.group(2)):
                continue
            fraction = found.group(2)
            mapping[key] = self._report(pos, found)
            if (
                fraction in mapping
                and mapping[fraction] is None
                and mapping.key_pos(fraction) in self.fractions
            ):
                mapping.drop(fraction)

    def _range(self, items: YList) -> None:
        """`[80,5, 90,5]`: numbers glued in pairs, which read as two make a range."""
        if len(items) == 2 and all(v.__class__ is Decimal for v in items) and items[0] <= items[1]:
            return  # `[80,90]`: a valid range as written
        merged: list[tuple[Any, int, tuple[Pos, re.Match[str]] | None]] = []
        i = 0
        while i < len(items):
            pos = items.item_pos(i)
            found = self._glued(pos) if items[i].__class__ is Decimal else None
            if (
                found is not None
                and i + 1 < len(items)
                and _written(items[i + 1]) == found.group(2)
                and items.item_pos(i + 1) == (pos[0], pos[1] + len(found.group(1)) + 1)
            ):
                merged.append((None, items.at[i], (pos, found)))
                i += 2
            else:
                merged.append((items[i], items.at[i], None))
                i += 1
        if len(merged) != 2 or len(merged) == len(items):
            return  # not a range once read with decimal commas: the model says what it is
        values = [value if glued is None else self._report(*glued) for value, _at, glued in merged]
        items[:] = values
        items.at[:] = array("Q", [at for _value, at, _glued in merged])


def _written(value: Any) -> str | None:
    """The digits of a value as the text wrote them (`5`, `05`), or None for anything else."""
    if value.__class__ is Decimal:
        return format(value, "f")
    return value if isinstance(value, str) and value.isdigit() else None
