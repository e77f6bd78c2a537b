"""YAML text to plain values that remember where they stand: the only module that touches YAML.

The third step of loading. It reads the event stream of libyaml's safe parser and builds
the values itself (YMap, YList, str, Decimal, None), so that it can keep every position,
refuse tags, merge keys and duplicate keys, bound what aliases expand to, and resolve
scalars by pohon's strict rules (no YAML 1.1 surprises: ``no`` stays text, ``1.10`` keeps
its digits). Every problem becomes a ``Problem`` at a line and column; nothing raises.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from decimal import Decimal
from typing import Any

import yaml

from pohon_cli.i18n import N_, _, tr
from pohon_cli.load.commas import decimal_commas
from pohon_cli.load.decode import ESCAPED_CONTROL, escaped_control
from pohon_cli.load.syntax import YamlError, word
from pohon_cli.problem import (
    DUPLICATE_KEY,
    TOO_LARGE,
    UNSUPPORTED_YAML,
    WRONG_VALUE,
    YAML_SYNTAX,
    Problem,
    error_at,
)
from pohon_cli.source import BITS, Pos, YList, YMap, pack, unpack

# Bounds that keep any input within seconds and well under 2 GB of memory.
MAX_VALUES = 6_000_000
# Lists and mappings cost twice what a scalar does: 6,000,000 empty `{}` would take 2 GB.
# A realistic tree of 100,000 nodes holds 610,000 of them.
MAX_CONTAINERS = 1_500_000
# About where libyaml stops reading nested lists and mappings (it counts flow and block
# nesting apart); only the message names it.
YAML_MAX_DEPTH = 1000
# Aliases may expand to this many values beyond the number written in the file.
ALIAS_ALLOWANCE = 10_000

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_NUMBER_START = frozenset("-0123456789")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
# A line break to libyaml but not to git or GitHub, which count lines by "\n".
_ODD_BREAKS = re.compile("\r(?!\n)")
# Keys whose value is one mapping of years: written twice, the years are meant together.
_BY_YEAR = frozenset(("target", "target_induk", "realisasi", "anggaran", "realisasi_anggaran"))
_YEARS_HINT = N_("merge the years into one mapping: `target: {2025: 80, 2026: 85}`")
# Numbers and plain texts up to _SHORT long written again are one object each (units,
# levels, targets; not uraian), for the first _SHARED of them.
_SHARED = 1 << 16
_SHORT = 32
# A key that is reported and dropped: its value is read but never stored.
_BAD_KEY = object()
# What a document is when a limit stopped the reading: no value, and no more events read.
_STOPPED = object()


class _MergeKey(str):
    """A plain ``<<``: a merge key where a key is expected, the text "<<" elsewhere."""

    __slots__ = ()


_MERGE = _MergeKey("<<")
# The events inside a document, besides the ends of mappings and lists.
_NODE_EVENTS = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.AliasEvent)


def parse(text: str, name: str) -> tuple[Any, list[Problem]]:
    """Build YMap/YList/str/Decimal/None from the event stream, with every position kept.

    The value is None when the text is no YAML at all (a YAML_SYNTAX problem says why)."""
    problems: list[Problem] = []
    loader = _Loader(text)
    try:
        root = _values(loader, text, name, problems)
        commas, fractions = decimal_commas(root, text, name)
        if commas:
            # `{2024: 80,5, 2025: 81,5}` reads `5` as a key twice: one mistake, said once
            problems[:] = [
                p
                for p in problems
                if p.code != DUPLICATE_KEY or (p.line, p.column) not in fractions
            ]
        return root, problems + commas
    except yaml.MarkedYAMLError as error:
        problems.append(_syntax_problem(name, error, text))
    except yaml.YAMLError as error:
        problems.append(
            error_at(
                name,
                (1, 1),
                YAML_SYNTAX,
                _("the file cannot be read as YAML: {error}", error=error),
            )
        )
    finally:
        loader.dispose()
    return None, problems


def _values(loader: Any, text: str, name: str, problems: list[Problem]) -> Any:
    """The stream's one document as values; None when it is empty or reading stopped."""
    where = _Lines(text) if _ODD_BREAKS.search(text) else None
    root: Any = None
    documents = 0
    while (event := loader.get_event()) is not None:
        if event.__class__ is not yaml.DocumentStartEvent:
            continue
        documents += 1
        if documents > 1:
            mark: Any = event.start_mark
            pos = (mark.line + 1, mark.column + 1) if where is None else where.at(mark.index)
            problems.append(_second_document(name, pos))
            break
        root = _document(loader, text, name, where, problems)
        if root is _STOPPED:
            return None
    return root


def _document(
    loader: Any, text: str, name: str, where: _Lines | None, problems: list[Problem]
) -> Any:
    """The document's value, from one pass over its events (_STOPPED at a limit)."""
    # the hot path: each value is made and put in its container here, with few calls
    budget = min(len(text) + ALIAS_ALLOWANCE, MAX_VALUES)
    count = containers = 0
    anchors: dict[str, tuple[Any, int]] = {}
    # per open container, innermost last: [it, anchor, count when opened, key, key's place]
    frames: list[list[Any]] = []
    key_texts: dict[str, str] = {}  # one string object per distinct key, not one per use
    shared: dict[str, Any] = {}  # a number or short plain text written again: one object
    scalar_event, mapping_start, sequence_start, alias_event = _NODE_EVENTS
    while (event := loader.get_event()) is not None:
        cls = event.__class__
        mark = event.start_mark
        # the place packed in one int (source.pack); a tuple only for a problem
        at = (mark.line + 1) << BITS | (mark.column + 1) if where is None else where.packed(mark)
        if cls is scalar_event:
            count += 1
            if (count > MAX_VALUES or event.tag is not None) and _refused(
                name, at, event.tag, count, 0, problems=problems
            ):
                return _STOPPED
            value: Any = event.value
            if event.style:  # quoted or block: always text
                if event.style == '"' and ESCAPED_CONTROL.search(value):
                    value = _escaped(name, at, value, problems)
            elif value in _NULLS:
                value = None
            elif value == "<<":
                value = _MERGE  # only a plain << merges; a quoted "<<" is text
            elif (known := shared.get(value)) is not None:
                value = known
            else:
                value = _plain(value, shared)
            if event.anchor is not None:
                anchors[event.anchor] = (value, 1)
        elif cls is mapping_start or cls is sequence_start:
            count += 1
            containers += 1
            if (
                count > MAX_VALUES or containers > MAX_CONTAINERS or event.tag is not None
            ) and _refused(name, at, event.tag, count, containers, problems=problems):
                return _STOPPED
            opened = YMap(at) if cls is mapping_start else YList(at)
            frames.append([opened, event.anchor, count, None, at])
            continue
        elif cls is alias_event:
            value, count = _alias(
                event.anchor, at, count, budget, anchors=anchors, problems=problems, name=name
            )
            if value is _STOPPED:
                return _STOPPED
        else:  # the end of a mapping or a list: nothing else comes inside a document
            value, anchor, opened_at, _waiting, at = frames.pop()
            at = value.place  # where it opened
            if anchor is not None:
                anchors[anchor] = (value, count - opened_at + 1)
        # put the finished value in its container
        if not frames:
            return value
        frame = frames[-1]
        parent = frame[0]
        if parent.__class__ is YList:
            parent.put(value, at)
            continue
        key = frame[3]
        if key is None:  # this value is a key: text not yet in the mapping, without a call
            if value.__class__ is not str or value in parent:
                value = _key(value, unpack(at), parent, name, problems)  # a number, null, refused
            frame[3] = key_texts.setdefault(value, value) if value is not _BAD_KEY else value
            frame[4] = at
        else:
            if key is not _BAD_KEY:
                parent.put(key, frame[4], value, at)
            frame[3] = None
    return None


def _refused(
    name: str, at: int, tag: str | None, count: int, containers: int, *, problems: list[Problem]
) -> bool:
    """Past a limit: its problem, and True (the reading stops); else the tag's problem."""
    if count > MAX_VALUES or containers > MAX_CONTAINERS:
        problems.append(_too_many(name, unpack(at), containers > MAX_CONTAINERS))
        return True
    if tag is not None:
        problems.append(_tag_problem(name, unpack(at), tag))
    return False


def _plain(value: str, shared: dict[str, Any]) -> Any:
    """A plain scalar met for the first time: a number or text, kept to share when short."""
    made = Decimal(value) if value[0] in _NUMBER_START and _NUMBER.fullmatch(value) else value
    if len(value) <= _SHORT and len(shared) < _SHARED:
        shared[value] = made
    return made


def _alias(
    anchor: str,
    at: int,
    count: int,
    budget: int,
    *,
    anchors: dict[str, tuple[Any, int]],
    problems: list[Problem],
    name: str,
) -> tuple[Any, int]:
    """An alias's value and the count with what it expands to; _STOPPED past the budget."""
    found = anchors.get(anchor)
    if found is None or count + found[1] > budget:
        problems.append(_alias_problem(name, unpack(at), anchor, found is None, budget))
        return _STOPPED, count
    return found[0], count + found[1]


def _escaped(name: str, at: int, value: str, problems: list[Problem]) -> str:
    """A control character written as an escape: its problem, and the text without it (no
    tree is built; the other messages must not carry it either)."""
    problems.append(escaped_control(name, unpack(at), value))
    return ESCAPED_CONTROL.sub("\ufffd", value)


def _key(value: Any, pos: Pos, mapping: YMap, name: str, problems: list[Problem]) -> Any:
    """Check a mapping key: text, not a merge key, not a duplicate."""
    if isinstance(value, YMap | YList):
        problems.append(
            error_at(name, pos, WRONG_VALUE, _("a key must be a word, not a list or a mapping"))
        )
        return _BAD_KEY
    text = "null" if value is None else str(value)
    if value.__class__ is _MergeKey:
        problems.append(
            error_at(
                name,
                pos,
                UNSUPPORTED_YAML,
                _("merge keys (<<) are not supported: they hide where a value comes from"),
                _("write the keys out in full"),
            )
        )
        return _BAD_KEY
    if text in mapping:
        first = mapping.key_pos(text)[0]
        problems.append(
            error_at(
                name,
                pos,
                DUPLICATE_KEY,
                _(
                    "duplicate key `{key}`: it is already set on line {first}, "
                    "and one of the two values would be lost",
                    key=text,
                    first=first,
                ),
                tr(_YEARS_HINT) if text in _BY_YEAR else _("keep one of them"),
            )
        )
        return _BAD_KEY
    return text


# -- problems met on the way, each where the reading stops or goes on without the value


def _too_many(name: str, pos: Pos, containers: bool = False) -> Problem:
    if containers:
        message = _(
            "the file holds more than {count} lists and mappings; pohon stops here to stay "
            "within memory",
            count=format(MAX_CONTAINERS, ","),
        )
    else:
        message = _(
            "the file holds more than {count} values; pohon stops here to stay within memory",
            count=format(MAX_VALUES, ","),
        )
    return error_at(
        name,
        pos,
        TOO_LARGE,
        message,
        _("a tree of 100,000 nodes fits: split a larger one into several files"),
    )


def _alias_problem(name: str, pos: Pos, anchor: str, undefined: bool, budget: int) -> Problem:
    if undefined:
        return error_at(
            name,
            pos,
            YAML_SYNTAX,
            _("the alias *{anchor} names no anchor defined before it", anchor=anchor),
            _("define &{anchor} first, or write the value out", anchor=anchor),
        )
    return error_at(
        name,
        pos,
        TOO_LARGE,
        _(
            "aliases expand to more than {count} values (an 'alias bomb'); pohon stops here",
            count=format(budget, ","),
        ),
        _("write the values out instead of nesting aliases"),
    )


def _second_document(name: str, pos: Pos) -> Problem:
    return error_at(
        name,
        pos,
        UNSUPPORTED_YAML,
        _("a second YAML document starts here; a pohon file holds one tree"),
        _("remove the `---` line and what follows, or move it to its own file"),
    )


def _tag_problem(name: str, pos: Pos, tag: str) -> Problem:
    tag = tag.replace("tag:yaml.org,2002:", "!!")
    if "python" in tag:
        message = _("the tag {tag} would run code; pohon never runs code from a file", tag=tag)
    else:
        message = _("tags such as {tag} are not supported", tag=tag)
    return error_at(
        name, pos, UNSUPPORTED_YAML, message, _("remove the tag and write the plain value")
    )


def _syntax_problem(name: str, error: yaml.MarkedYAMLError, text: str) -> Problem:
    lines = _Lines(text)
    # from the index: libyaml puts the end of a file without a final newline on a line
    # past it, and counts a lone CR as a line break
    at = None if error.problem_mark is None else lines.at(min(error.problem_mark.index, len(text)))
    context_at = None if error.context_mark is None else lines.at(error.context_mark.index)
    problem = (error.problem or "").strip()
    if "maximum nesting depth" in problem:
        # not a mistake in the syntax but a file too deep to read: TOO_LARGE, as aliases
        # that expand too far
        return error_at(
            name,
            at or context_at or (1, 1),
            TOO_LARGE,
            _(
                "lists and mappings are nested too deep here: the YAML reader stops at "
                "about {count} levels",
                count=format(YAML_MAX_DEPTH, ","),
            ),
            _("flatten the structure: a pohon file needs only a few dozen levels"),
        )
    said = YamlError(problem, (error.context or "").strip(), at, context_at)
    if error.problem_mark is not None and "quoted scalar" not in said.context:
        quoted = _quoted_before(text, error.problem_mark.index)
        if quoted is not None:
            said = replace(said, quoted_from=lines.at(quoted))
    pos, message, hint = word(said, text)
    return error_at(name, pos, YAML_SYNTAX, message, hint)


def _quoted_before(text: str, index: int) -> int | None:
    """Where a quoted text starts when it spans lines and is the last token before
    ``index``: a quote left open that closes only at the next quote, lines below."""
    scanner = _Loader(text)
    last: Any = None
    try:
        while (token := scanner.get_token()) is not None and token.start_mark.index < index:
            last = token
    except yaml.YAMLError:
        pass
    finally:
        scanner.dispose()
    if (
        last.__class__ is yaml.ScalarToken
        and last.style in ("'", '"')
        and last.start_mark.line < last.end_mark.line
        and "\n" not in text[last.end_mark.index : index]
    ):
        return int(last.start_mark.index)
    return None


class _Lines:
    """Positions counted as git counts them (lines end at "\\n"), from a character index:
    for syntax errors, and for the rare text with a lone CR, which libyaml counts as a line
    break."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, index: int) -> Pos:
        line = bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1

    def packed(self, mark: Any) -> int:
        return pack(self.at(mark.index))
