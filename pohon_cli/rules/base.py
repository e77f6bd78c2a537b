"""What a lint rule is: a stable code, its documentation, its options, and a check.

A rule's ``check(tree, options)`` is a generator of ``Problem`` at the exact place of the
offending value. It never prints, never reads the environment and stays silent where the
file lacks a value it would need (it does not guess). The engine (``lint.py``) decides
which rules run, at which severity, and what inline comments silence.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate, count
from operator import add
from typing import TYPE_CHECKING, Literal

from pohon_cli.i18n import N_, tr
from pohon_cli.load.facts import Facts
from pohon_cli.model import Indicator, Tree, Value, value_text
from pohon_cli.problem import Problem, Severity
from pohon_cli.source import Pos

if TYPE_CHECKING:
    from pohon_cli.load.workspace import Workspace

# What an option holds once read from the defaults or a config file.
OptionValue = tuple[str, ...] | Decimal | bool | None
OptionKind = Literal["words", "number", "flag"]


@dataclass(frozen=True, slots=True)
class Option:
    """One setting of a rule: ``words`` (a list of text), ``number`` or ``flag``; its
    ``help`` is marked with ``N_`` and shown with ``tr``."""

    name: str
    kind: OptionKind
    default: OptionValue
    help: str


@dataclass(frozen=True, slots=True)
class Options:
    """A rule's options, defaults merged with the configuration, read with typed accessors."""

    values: Mapping[str, OptionValue] = field(default_factory=dict)

    def words(self, name: str) -> tuple[str, ...]:
        value = self.values.get(name)
        return value if isinstance(value, tuple) else ()

    def folded(self, name: str) -> frozenset[str]:
        """The words of an option, case-folded, for matching written text."""
        return frozenset(w.casefold() for w in self.words(name))

    def chosen(self, name: str) -> frozenset[str] | None:
        """The folded words of an option whose default is None (the rule's own default)."""
        return self.folded(name) if self.values.get(name) is not None else None

    def number(self, name: str) -> Decimal:
        value = self.values.get(name)
        return value if isinstance(value, Decimal) else Decimal(0)

    def flag(self, name: str) -> bool:
        return self.values.get(name) is True


# what every cross-file rule's documentation ends with (``Rule.explained``)
ACROSS_NOTE = N_(
    "A cross-file rule: it runs when files that link to each other are checked together "
    "(a directory, or several files), and for a file given alone against the parent its "
    "`induk.berkas` names. See Trees across files in the format's page."
)

Check = Callable[[Tree, Options], Iterator[Problem]]
# A cross-file rule reads the whole workspace; each problem names the file that must change.
CrossCheck = Callable[["Workspace"], Iterator[Problem]]


def _nothing(tree: Tree, options: Options) -> Iterator[Problem]:
    """For rules the engine applies itself (unused suppressions)."""
    return iter(())


@dataclass(frozen=True, slots=True)
class Rule:
    """A lint rule and its documentation: what ``pohon rules CODE`` prints.

    ``summary`` and ``rationale`` are marked with ``N_`` where a rule is defined and
    translated where they are shown (``tr``). The examples are YAML data, shown as written,
    except those named in ``worded``: they hold words (a comment), are marked with ``N_``
    too, and are shown in the language spoken (``example``)."""

    code: str
    name: str
    severity: Severity
    summary: str
    rationale: str
    bad: str
    good: str
    check: Check = _nothing
    options: tuple[Option, ...] = ()
    # set for a cross-file rule (``rules/cascade.py``): run once over the workspace
    across: CrossCheck | None = None
    worded: tuple[Literal["bad", "good"], ...] = ()

    def example(self, which: Literal["bad", "good"]) -> str:
        """The bad or the good example, as shown in the language spoken."""
        text = self.bad if which == "bad" else self.good
        return tr(text) if which in self.worded else text

    def explained(self) -> str:
        """The rationale as shown in the language spoken; a cross-file rule says so after
        it, in one sentence all of them share."""
        text = tr(self.rationale)
        return f"{text} {tr(ACROSS_NOTE)}" if self.across is not None else text

    def defaults(self) -> dict[str, OptionValue]:
        return {option.name: option.default for option in self.options}

    def problem(
        self,
        tree: Tree | Facts,
        pos: Pos,
        message: str,
        hint: str | None = None,
        end: Pos | None = None,
    ) -> Problem:
        """A problem of this rule at ``pos`` (the engine applies the configured severity)."""
        return Problem(
            path_of(tree),
            pos[0],
            pos[1],
            self.code,
            self.severity,
            message,
            hint,
            end[0] if end else None,
            end[1] if end else None,
        )


# -- places in the file ---------------------------------------------------------------------


def path_of(tree: Tree | Facts) -> str:
    """The file a tree was read from, as its problems name it."""
    if isinstance(tree, Facts):
        return tree.path
    return tree.source.path if tree.source is not None else "<tree>"


def at(tree: Tree, kode: str, *path: str | int, key: bool = False) -> Pos:
    """Where a field of a node or indicator is written ((1, 1) for a tree built in memory)."""
    if tree.source is None:
        return (1, 1)
    return tree.source.at(kode, *path, key=key)


def top(tree: Tree, *path: str | int) -> Pos:
    """Where a value outside the nodes is written, e.g. ``top(tree, "misi", 2, "kode")``."""
    if tree.source is None:
        return (1, 1)
    return tree.source.top(*path)


# Lines are indexed a piece of about this many characters at a time.
_PIECE = 1 << 20


@lru_cache(maxsize=4)
def _line_starts(text: str) -> array[int]:
    """Where each line of ``text`` starts, and where a line after the last would.

    Keyed by the text itself: one index per file, however many problems point into it.
    An array of offsets, not the lines themselves: 2.4 million line objects of a
    100,000-node tree took more memory than the text (the index is 8 bytes a line), and
    the text is split a piece at a time so that no copy of it is whole at once."""
    starts = array("Q", [0])
    begin = 0
    while True:
        end = text.find("\n", begin + _PIECE) + 1  # just past a newline; 0 when none is left
        piece = text[begin:end] if end else text[begin:]
        # past each line's newline (past the text's end for its last line): computed in C
        starts.extend(map(add, accumulate(map(len, piece.split("\n"))), count(begin + 1)))
        if not end:
            return starts
        starts.pop()  # the piece ends with a newline: its empty last part is no line
        begin = end


def line_text(tree: Tree, line: int) -> str:
    if tree.source is None:
        return ""
    text = tree.source.text
    starts = _line_starts(text)
    if not 0 < line < len(starts):
        return ""
    return text[starts[line - 1] : starts[line] - 1]


# where a span starts, and where it ends when that is known
Span = tuple[Pos, Pos | None]


def span(tree: Tree, pos: Pos, written: str, start: int = 0, stop: int | None = None) -> Span:
    """The exact place of ``written[start:stop]`` inside the scalar that starts at ``pos``.

    Exact when the scalar is written on one line, plain or quoted without escapes before
    the span; otherwise the start of the scalar, with no end.
    """
    return span_in(line_text(tree, pos[0]), pos, written, start, stop)


def span_in(line: str, pos: Pos, written: str, start: int = 0, stop: int | None = None) -> Span:
    """``span`` where the caller has the text of the line ``pos`` is on."""
    stop = len(written) if stop is None else stop
    column = pos[1] - 1
    for quote in ("", '"', "'"):
        if quote and not line.startswith(quote, column):
            continue
        offset = column + len(quote)
        if line.startswith(written[:stop], offset):
            return (pos[0], offset + start + 1), (pos[0], offset + stop + 1)
    return pos, None


# -- values ---------------------------------------------------------------------------------

# Units of measure, as planners write them (compared case-folded, first word only).
PERCENT_UNITS: tuple[str, ...] = ("persen", "%", "persentase", "prosentase")
COUNT_UNITS: tuple[str, ...] = (
    "jumlah",
    "dokumen",
    "laporan",
    "orang",
    "kegiatan",
    "kali",
    "unit",
    "paket",
    "buah",
    "berkas",
    "perkara",
    "aplikasi",
)

_UNIT_WORD = re.compile(r"\s*(%|[^\W\d_]+)")


@lru_cache(maxsize=256)
def unit_word(satuan: str | None) -> str | None:
    """The word that names a unit: ``"Persen (%)"`` → ``persen``, ``"%"`` → ``%``."""
    if satuan is None:
        return None
    match = _UNIT_WORD.match(satuan.casefold())
    return match.group(1) if match else None


def leading_words(text: str, count: int) -> list[str]:
    """The first words of a statement, case-folded, without punctuation around them."""
    words = [_bare(word) for word in text.split(None, count)[:count]]
    if all(words):
        return words
    # punctuation standing alone among the first words: skip it, looking a little further
    found = [bare for word in text.split(None, 8)[:8] if (bare := _bare(word))]
    return found[:count]


def _bare(word: str) -> str:
    return word.strip("\"'“”‘’()[]{}.,;:!?-–—").casefold()


def first_word(text: str) -> str:
    words = leading_words(text, 1)
    return words[0] if words else ""


def is_number(value: Value | None) -> bool:
    return isinstance(value, Decimal)


# Where a value of an indicator is written: ("target", 2024), ("baseline",), ("realisasi", 2023)
ValuePath = tuple[str] | tuple[str, int]


def values_of(
    indicator: Indicator, kind: type | tuple[type, ...] = object
) -> Iterator[tuple[ValuePath, Value]]:
    """Every target, the baseline and every realisasi of ``kind``, in file order.

    Plain tuples, not objects, and only the values asked for: rules walk every value of
    every indicator, and most are numbers.
    """
    for year, value in indicator.targets.items():
        if isinstance(value, kind):
            yield ("target", year), value
    if indicator.baseline is not None and isinstance(indicator.baseline, kind):
        yield ("baseline",), indicator.baseline
    for year, value in indicator.actuals.items():
        if isinstance(value, kind):
            yield ("realisasi", year), value


def has_values(indicator: Indicator, kind: type | tuple[type, ...]) -> bool:
    """Whether ``values_of(indicator, kind)`` yields anything: most indicators hold numbers
    only, and a rule looking for text or ranges passes over them at once."""
    return any(issubclass(found, kind) for found in indicator.value_kinds)


def show(value: Value) -> str:
    """A value as the planner wrote it."""
    return value_text(value)


def clip(text: str, width: int = 60) -> str:
    """A text cut to ``width`` characters, to quote it in a message."""
    return text if len(text) <= width else text[: width - 1] + "…"
