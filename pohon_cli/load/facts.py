"""What the cross-file rules need of one file, and nothing else: its links, names, kodes,
wordings and targets, each with the place it is written.

A workspace of 553 offices holds one ``Facts`` per file instead of its tree and its
positioned document: the worker process that checked the file builds them and sends
them back, and the cache keeps them for a file that has not changed. So they are kept
in columns, not in an object per node: the kodes in one tuple, every uraian in one text
(a cross-file rule looks for other offices' names in all of them at once), each place
packed in one int (``source.pack``), and only the few links a file writes in maps by
position. An indicator's targets are kept as JSON text and decoded only for the
indicators a rule compares: most of a workspace's indicators are never carried across
files. Places are resolved in the worker, where the file's positions are.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate
from typing import Any, cast

from pohon_cli.model import Collaboration, Indicator, Polarity, Tree, Value
from pohon_cli.source import Pos, YList, YMap, pack, unpack

NOWHERE = pack((1, 1))
# between the uraian of two kodes in ``Facts.texts``: a character no uraian can hold
# (the loader refuses control characters), and not white space, so that no name
# matched across two of them
SEPARATOR = "\x00"
_POLARITY: dict[str, Polarity] = {"n": "naik", "t": "turun", "s": "stabil"}
_LETTER = {word: letter for letter, word in _POLARITY.items()}


@dataclass(frozen=True, slots=True)
class Partner:
    """A ``kolaborasi`` item: the partner's file and node, the places of the item and of
    its ``berkas`` and ``kode``."""

    file: str
    code: str
    at: int
    file_at: int
    code_at: int


@dataclass(slots=True)
class Facts:
    """One file as the cross-file rules see it (see the module).

    ``codes`` holds the ``node_count`` nodes, then the indicators; ``at`` and ``text_at``
    the places of each one's kode and uraian, ``texts`` their uraian joined by
    ``SEPARATOR``. Per node: ``levels``; per indicator: ``owners`` (its node's index),
    ``polarities`` (one letter each, ``-`` when not written) and ``targets`` (JSON texts
    joined by ``SEPARATOR``). By index, only where written: ``supports`` (a node's
    ``mendukung``: kode and place), ``partners``, ``carries`` (an indicator's
    ``mendukung``) and ``splits`` (its ``pembagian``).
    """

    path: str
    names: tuple[str, ...]
    parent_file: str | None
    parent_at: int
    comments: bool
    codes: tuple[str, ...]
    node_count: int
    at: list[int]
    text_at: list[int]
    texts: str
    levels: tuple[str, ...]
    owners: list[int]
    polarities: str
    targets: str
    supports: dict[int, tuple[tuple[str, int], ...]]
    partners: dict[int, tuple[Partner, ...]]
    carries: dict[int, tuple[str, int]]
    splits: dict[int, str]
    _index: dict[str, int] | None = field(default=None, compare=False, repr=False)
    _uraian: list[str] | None = field(default=None, compare=False, repr=False)
    _starts: list[int] | None = field(default=None, compare=False, repr=False)
    _targets: list[str] | None = field(default=None, compare=False, repr=False)

    def index(self, code: str) -> int | None:
        """Where ``code`` stands in ``codes`` (None when the file has no such kode)."""
        if self._index is None:
            self._index = {code: i for i, code in enumerate(self.codes)}
        return self._index.get(code)

    def node(self, code: str) -> int | None:
        i = self.index(code)
        return i if i is not None and i < self.node_count else None

    def indicator(self, code: str) -> int | None:
        i = self.index(code)
        return i if i is not None and i >= self.node_count else None

    def node_codes(self) -> tuple[str, ...]:
        return self.codes[: self.node_count]

    def indicator_codes(self) -> tuple[str, ...]:
        return self.codes[self.node_count :]

    def indicators_of(self, node: int) -> list[int]:
        """The indicators written on the node at ``node``, in the file's order."""
        first = self.node_count
        return [first + k for k, owner in enumerate(self.owners) if owner == node]

    def _parts(self) -> list[str]:
        if self._uraian is None:
            self._uraian = self.texts.split(SEPARATOR)
        return self._uraian

    def _offsets(self) -> list[int]:
        """Where each uraian starts in ``texts``."""
        if self._starts is None:
            self._starts = [0, *accumulate(len(text) + 1 for text in self._parts()[:-1])]
        return self._starts

    def text_index(self, offset: int) -> int:
        """Whose uraian holds ``texts[offset]``."""
        return bisect_right(self._offsets(), offset) - 1

    def text_start(self, i: int) -> int:
        return self._offsets()[i]

    def description(self, i: int) -> str:
        return self._parts()[i]

    def targets_of(self, i: int) -> list[tuple[int, Value, Pos]]:
        """The indicator's target of each year as one value, with the place of the year."""
        if self._targets is None:
            self._targets = self.targets.split(SEPARATOR)
        written = json.loads(self._targets[i - self.node_count])
        return [(year, value_from(v), unpack(at)) for year, v, at in written]

    def polarity(self, i: int) -> Polarity | None:
        return _POLARITY.get(self.polarities[i - self.node_count])

    def polarity_for(self, i: int, target: Value | None) -> Polarity:
        """As ``Indicator.polarity_for``: written, else stabil for a range and naik."""
        written = self.polarity(i)
        if written is not None:
            return written
        return "stabil" if isinstance(target, tuple) else "naik"

    def links(self) -> list[str]:
        """Every file path written: ``induk.berkas`` and each ``kolaborasi`` berkas."""
        found = [] if self.parent_file is None else [self.parent_file]
        found += [p.file for items in self.partners.values() for p in items]
        return found


def value_json(value: Value) -> str | list[str]:
    """A target exactly as read (``1.10`` stays ``1.10``): a number as its text, a range
    as two, a text value as a list of one."""
    if value.__class__ is Decimal:
        return str(value)
    if isinstance(value, tuple):
        return [str(value[0]), str(value[1])]
    return [str(value)]


def value_from(item: str | list[str]) -> Value:
    if isinstance(item, str):
        return Decimal(item)
    if len(item) == 2:
        return (Decimal(item[0]), Decimal(item[1]))
    return item[0]


def reread(path: str) -> str:
    """A file's text read again, for the few places a cross-file problem needs it (a
    suppression comment, the line a span is in); empty when it cannot be read now."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as stream:
            return stream.read()
    except (OSError, UnicodeError):
        return ""


def facts_of(tree: Tree) -> Facts:
    """The facts of a loaded tree (every place (1, 1) for a tree built in memory)."""
    source = tree.source
    items: dict[str, YMap] = source.items if source is not None else {}
    nodes = list(tree.nodes.values())
    written = [(i, ind) for i, node in enumerate(nodes) for ind in node.indicators]
    count = len(nodes)
    codes = tuple([n.code for n in nodes] + [ind.code for _i, ind in written])
    texts = [n.description for n in nodes] + [ind.description for _i, ind in written]
    mapped = [items.get(code) for code in codes]
    supports: dict[int, tuple[tuple[str, int], ...]] = {}
    partners: dict[int, tuple[Partner, ...]] = {}
    for i, node in enumerate(nodes):
        if node.supports:
            places = _places(mapped[i], "mendukung", len(node.supports))
            supports[i] = tuple(zip(node.supports, places, strict=True))
        if node.partners:
            partners[i] = _partners(node.partners, mapped[i])
    carries: dict[int, tuple[str, int]] = {}
    splits: dict[int, str] = {}
    targets: list[str] = []
    for k, (_i, ind) in enumerate(written):
        j = count + k
        if ind.supports is not None:
            carries[j] = (ind.supports, _at(mapped[j], "mendukung"))
        if ind.split is not None:
            splits[j] = ind.split
        targets.append(_targets(ind, mapped[j]))
    induk = tree.header.parent_organisation
    parent_file = None if induk is None else induk.file
    parent_at = NOWHERE
    if parent_file is not None and source is not None:
        parent_at = pack(source.top("induk", "berkas"))
    institution = tree.header.institution
    return Facts(
        path=source.path if source is not None else "<tree>",
        names=tuple(n for n in (institution.name, institution.short_name) if n),
        parent_file=parent_file,
        parent_at=parent_at,
        comments=source is not None and "pohon:" in source.text,
        codes=codes,
        node_count=count,
        at=[_at(m, "kode") for m in mapped],
        text_at=[_at(m, "uraian") for m in mapped],
        texts=SEPARATOR.join(t.replace(SEPARATOR, " ") if SEPARATOR in t else t for t in texts),
        levels=tuple(n.level for n in nodes),
        owners=[i for i, _ind in written],
        polarities="".join(
            "-" if ind.polarity is None else _LETTER[ind.polarity] for _i, ind in written
        ),
        targets=SEPARATOR.join(targets),
        supports=supports,
        partners=partners,
        carries=carries,
        splits=splits,
    )


def _partners(written: tuple[Collaboration, ...], item: YMap | None) -> tuple[Partner, ...]:
    listed = item.get("kolaborasi") if item is not None else None
    found: list[Partner] = []
    for i, p in enumerate(written):
        entry = None
        here = _at(item, "kolaborasi")
        if isinstance(listed, YList) and i < len(listed):
            entry, here = listed[i], listed.at[i]
        found.append(
            Partner(p.file, p.code, here, _at(entry, "berkas", here), _at(entry, "kode", here))
        )
    return tuple(found)


def _at(item: Any, key: str, default: int | None = None) -> int:
    """The packed place of ``item[key]``'s value; else ``default`` or the item's own."""
    if isinstance(item, YMap):
        if key in item:
            return item.packed_value_pos(key)
        return pack(item.pos) if default is None else default
    return NOWHERE if default is None else default


def _places(item: YMap | None, key: str, count: int) -> list[int]:
    """The packed place of each of the ``count`` items of the list ``item[key]``."""
    listed = item.get(key) if item is not None else None
    if isinstance(listed, YList) and len(listed.at) == count:
        return list(listed.at)
    return [_at(item, key)] * count


def _targets(indicator: Indicator, item: YMap | None) -> str:
    """``[[year, value, place], ...]`` as JSON text."""
    written = item.get("target") if item is not None else None
    places: dict[int, int] = {}
    if isinstance(written, YMap):
        for name in written:
            if name.strip().isdigit():
                places.setdefault(int(name), written.packed_value_pos(name))
    here = _at(item, "target")
    # quarters need `konsolidasi`: without it, the targets are the years as written
    per_year = (
        indicator.targets
        if indicator.consolidation
        else cast("dict[int, Value]", indicator.written_targets)
    )
    return json.dumps(
        [[year, value_json(value), places.get(year, here)] for year, value in per_year.items()],
        ensure_ascii=False,
        separators=(",", ":"),
    )
