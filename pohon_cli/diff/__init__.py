"""What changed in a pohon kinerja between two versions: its meaning, not its lines.

Nodes and indicators are matched on ``kode`` (one namespace for both), so a moved
indicator is one "moved", not a deletion and an unrelated insertion. Key order,
quoting, flow or block style, comments and sibling order are not changes; sibling
order is reported only when asked. One pass over each tree, with dict lookups: the
comparison costs less than loading the two files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from operator import attrgetter
from typing import Any

from pydantic import BaseModel

from pohon_cli.diff.change import ITEM_RANK as _ITEM_RANK
from pohon_cli.diff.change import KIND_RANK as _KIND_RANK
from pohon_cli.diff.change import (
    KINDS,
    TOP_LEVEL,
    Change,
    Item,
    Kind,
    Shown,
    count_by_kind,
    difference,
)
from pohon_cli.diff.change import same as _same
from pohon_cli.diff.change import shown as _shown
from pohon_cli.diff.recode import RECODE_PAIR_LIMIT, RECODE_SIMILARITY, Candidate, recodes
from pohon_cli.diff.scope import Scope, scope, within
from pohon_cli.model import Header, Indicator, Node, Tree, Value

_HEADER_FIELDS = (
    "versi",
    "tahun",
    "periode",
    "instansi.nama",
    "instansi.singkatan",
    "visi",
    "induk.nama",
    "induk.singkatan",
    "induk.visi",
    "induk.misi",
    "jenjang",
    "misi",
    "unit_kerja",
)
_HEADER_RANK = {name: i for i, name in enumerate(_HEADER_FIELDS)}
__all__ = [
    "KINDS",
    "RECODE_PAIR_LIMIT",
    "RECODE_SIMILARITY",
    "TOP_LEVEL",
    "Change",
    "Item",
    "Kind",
    "Scope",
    "Shown",
    "count_by_kind",
    "diff",
    "difference",
    "scope",
    "within",
]


def diff(old: Tree, new: Tree, *, order: bool = False) -> list[Change]:
    """Every change from ``old`` to ``new``, sorted by where it happened.

    With ``order`` the relative order of siblings present on both sides is compared too.
    """
    return _Differ(old, new).run(order=order)


def _keys(model: type[BaseModel]) -> dict[str, str]:
    """YAML key -> attribute, for every field of a model."""
    return {info.alias or name: name for name, info in model.model_fields.items()}


# Fields are compared by YAML key, so that a field added to the format is compared (as
# `changed`) without a change here. A few keys have a kind of their own; a few are
# compared apart: kode and the children, lists whose order means nothing, values per year.
_NODE_KEYS = _keys(Node)
_INDICATOR_KEYS = _keys(Indicator)
_HEADER_KEYS = _keys(Header)
_OWN_KIND: dict[str, Kind] = {
    "uraian": "renamed",
    "jenjang": "jenjang",
    "penanggung_jawab": "penanggung_jawab",
    "satuan": "satuan",
    "polaritas": "polaritas",
    "baseline": "baseline",
}
_NODE_APART = frozenset(("kode", "indikator"))
_INDICATOR_APART = frozenset(("kode", "target", "target_induk", "realisasi"))
_HEADER_APART = frozenset(
    ("versi", "tahun", "periode", "instansi", "visi", "induk", "jenjang", "misi", "unit_kerja")
)
# An indicator's values per year, by YAML key; the target is compared across plan years,
# the others year by year (target_induk reported as a target, with its own field).
_PER_YEAR = {k: attrgetter(_INDICATOR_KEYS[k]) for k in ("target", "target_induk", "realisasi")}
_TARGETS = _PER_YEAR["target"]
_SAME_YEAR: tuple[tuple[str, Kind], ...] = (("target_induk", "target"), ("realisasi", "realisasi"))
# Every field at once: a fast way past the many items that did not change.
_node_fields = attrgetter(*(a for k, a in _NODE_KEYS.items() if k not in ("kode", "indikator")))
_indicator_fields = attrgetter(*(a for k, a in _INDICATOR_KEYS.items() if k != "kode"))


class _Differ:
    def __init__(self, old: Tree, new: Tree) -> None:
        self.old = old
        self.new = new
        self.changes: list[Change] = []
        # old node kode <-> new node kode, for nodes that look re-coded
        self.recoded: dict[str, str] = {}
        self.recoded_back: dict[str, str] = {}
        self.old_paths: dict[str, tuple[str, ...]] = {}
        self.new_paths: dict[str, tuple[str, ...]] = {}

    def run(self, *, order: bool) -> list[Change]:
        self._header(order=order)
        self._nodes(order=order)
        self._indicators(order=order)
        return sorted(self.changes, key=self._sort_key)

    # -- where things are

    def _path(self, tree: Tree, kode: str) -> tuple[str, ...]:
        """Root-to-node chain of kodes through each node's first parent (where it is written)."""
        memo = self.old_paths if tree is self.old else self.new_paths
        found = memo.get(kode)
        if found is not None:
            return found
        chain = [kode]
        above = tree.parents.get(kode, ())
        while above and above[0] not in memo and len(chain) <= len(tree.nodes):
            chain.append(above[0])
            above = tree.parents.get(above[0], ())
        base = memo[above[0]] if above and above[0] in memo else ()
        for step in reversed(chain):
            base = (*base, step)
            memo[step] = base
        return memo[kode]

    def _node_path(self, kode: str) -> tuple[str, ...]:
        if kode in self.new.nodes:
            return self._path(self.new, kode)
        return self._path(self.old, kode)

    def _sort_key(self, change: Change) -> tuple[Any, ...]:
        rank = _KIND_RANK[change.kind]
        if change.top_level:
            return (
                0,
                _ITEM_RANK[change.item],
                _HEADER_RANK.get(change.field or "", len(_HEADER_RANK)),
                change.kode or "",
                rank,
                change.field or "",
            )
        group = change.path if change.item == "node" else change.path[:-1]
        return (
            1,
            group,
            _ITEM_RANK[change.item],
            change.kode or "",
            rank,
            change.field or "",
            change.year or 0,
        )

    def _to_new(self, kode: str) -> str:
        return self.recoded.get(kode, kode)

    def _to_old(self, kode: str) -> str | None:
        """The OLD kode of a node of NEW, or None when it is new."""
        if kode in self.old.nodes:
            return kode
        return self.recoded_back.get(kode)

    # -- the top of the file

    def _header(self, *, order: bool) -> None:
        old, new = self.old.header, self.new.header
        for key, a, b in _header_fields(old, new):
            if not _same(a, b):
                self._top("changed", "file", None, field=key, old=a, new=b, at=key.split("."))
        before = {m.code: m.description for m in _induk(old)}
        after = {m.code: m.description for m in _induk(new)}
        for kode in {**before, **after}:
            a, b = before.get(kode), after.get(kode)
            if a != b:
                at: tuple[str, ...] = ("induk", "misi", kode, "uraian")
                self._top("changed", "file", kode, field="induk.misi", old=a, new=b, at=at)
        self._entries(
            "misi",
            {m.code: m.description for m in old.missions},
            {m.code: m.description for m in new.missions},
        )
        old_units = {u.code: u for u in old.units}
        new_units = {u.code: u for u in new.units}
        self._entries(
            "unit",
            {k: u.name for k, u in old_units.items()},
            {k: u.name for k, u in new_units.items()},
        )
        for kode, unit in new_units.items():
            was = old_units.get(kode)
            if was is None:
                continue
            if was.parent != unit.parent:
                at = ("unit_kerja", kode, "atasan")
                a, b = _tuple(was.parent), _tuple(unit.parent)
                self._top("moved", "unit", kode, field="atasan", old=a, new=b, at=at)
            if sorted(was.duties) != sorted(unit.duties):
                at = ("unit_kerja", kode, "tugas")
                a, b = was.duties, unit.duties
                self._top("changed", "unit", kode, field="tugas", old=a, new=b, at=at)
        if order:
            self._order(
                None, "misi", [m.code for m in old.missions], [m.code for m in new.missions]
            )
            self._order(None, "unit_kerja", list(old_units), list(new_units))

    def _entries(self, item: Item, before: Mapping[str, str], after: Mapping[str, str]) -> None:
        """Misi or unit kerja by kode: added, removed, renamed (``uraian`` or ``nama``)."""
        key, text = ("misi", "uraian") if item == "misi" else ("unit_kerja", "nama")
        for kode, now in after.items():
            if kode not in before:
                self._top("added", item, kode, new=now, at=(key, kode))
            elif before[kode] != now:
                at = (key, kode, text)
                self._top("renamed", item, kode, field=text, old=before[kode], new=now, at=at)
        for kode, was in before.items():
            if kode not in after:
                self._top("removed", item, kode, old=was, at=(key, kode))

    def _top(
        self,
        kind: Kind,
        item: Item,
        kode: str | None,
        *,
        field: str | None = None,
        old: Shown = None,
        new: Shown = None,
        at: Sequence[str],
    ) -> None:
        """A change at the top of the file; ``at`` is its YAML path, where a kode after
        ``misi`` or ``unit_kerja`` stands for the index of its entry."""
        self.changes.append(
            Change(
                kind,
                item,
                kode,
                field,
                old,
                new,
                old_line=None if old is None else _top_line(self.old, at),
                new_line=None if new is None else _top_line(self.new, at),
            )
        )

    # -- nodes

    def _nodes(self, *, order: bool) -> None:
        old, new = self.old, self.new
        gone = [k for k in old.nodes if k not in new.nodes]
        come = {k for k in new.nodes if k not in old.nodes}
        self.recoded = recodes(
            (self._candidate(old, kode) for kode in gone),
            (self._candidate(new, kode) for kode in new.nodes if kode in come),
        )
        self.recoded_back = {b: a for a, b in self.recoded.items()}
        for kode, node in new.nodes.items():
            was = self._to_old(kode)
            if was is None:
                self._add("added", "node", now=kode, new=node.description)
                continue
            if was != kode:
                at = ("kode",)
                self._add(
                    "recoded", "node", was=was, now=kode, field="kode", old=was, new=kode, at=at
                )
            self._node(old.nodes[was], node)
        for kode in gone:
            if kode not in self.recoded:
                self._add("removed", "node", was=kode, old=old.nodes[kode].description)
        if not order:
            return
        self._order(None, "pohon", [self._to_new(k) for k in old.roots], new.roots)
        for kode in new.nodes:
            was = self._to_old(kode)
            if was is not None:
                before = [self._to_new(k) for k in old.children.get(was, ())]
                self._order(kode, "anak", before, new.children.get(kode, ()))

    def _candidate(self, tree: Tree, kode: str) -> Candidate:
        """A node on one side only: one level under the same parent is where its twin would be."""
        node = tree.nodes[kode]
        above = tree.parents.get(kode, ())
        return Candidate(kode, above[0] if above else None, node.level, node.description)

    def _node(self, before: Node, after: Node) -> None:
        was, kode = before.code, after.code
        old_parents = self.old.parents.get(was, ())
        new_parents = self.new.parents.get(kode, ())
        if {self._to_new(p) for p in old_parents} != set(new_parents):
            self._add(
                "moved", "node", was=was, now=kode, field="anak", old=old_parents, new=new_parents
            )
        if _node_fields(before) == _node_fields(after):  # most nodes stop here
            return
        self._fields("node", before, after, _NODE_KEYS, _NODE_APART)

    # -- indicators

    def _indicators(self, *, order: bool) -> None:
        old, new = self.old, self.new
        before = {i.code: i for _, i in old.indicators()}
        after = {i.code: i for _, i in new.indicators()}
        gone = [k for k in before if k not in after]
        come = {k for k in after if k not in before}
        recoded = recodes(
            (Candidate(k, old.indicator_node[k], "", before[k].description) for k in gone),
            (
                Candidate(k, new.indicator_node[k], "", after[k].description)
                for k in after
                if k in come
            ),
            self.recoded,
        )
        back = {b: a for a, b in recoded.items()}
        for kode, indicator in after.items():
            node = new.indicator_node[kode]
            was = back.get(kode, kode)
            if was not in before:
                self._add("added", "indicator", now=kode, new=indicator.description, node=node)
                continue
            if was != kode:
                self._add(
                    "recoded",
                    "indicator",
                    was=was,
                    now=kode,
                    field="kode",
                    old=was,
                    new=kode,
                    node=node,
                    at=("kode",),
                )
            self._indicator(before[was], indicator, node)
        for kode in gone:
            if kode not in recoded:
                node = self._to_new(old.indicator_node[kode])
                self._add("removed", "indicator", was=kode, old=before[kode].description, node=node)
        if not order:
            return
        for kode, now in new.nodes.items():
            was_node = self._to_old(kode)
            if was_node is not None:
                earlier = [recoded.get(i.code, i.code) for i in old.nodes[was_node].indicators]
                self._order(kode, "indikator", earlier, [i.code for i in now.indicators])

    def _indicator(self, before: Indicator, after: Indicator, node: str) -> None:
        was, kode = before.code, after.code
        old_node = self.old.indicator_node[was]
        if self._to_new(old_node) != node:
            a, b = (old_node,), (node,)
            self._add(
                "moved", "indicator", was=was, now=kode, field="indikator", old=a, new=b, node=node
            )
        # one comparison of all fields, in C; the number 100 never equals the text "100"
        if _indicator_fields(before) == _indicator_fields(after):
            return
        self._fields("indicator", before, after, _INDICATOR_KEYS, _INDICATOR_APART, node=node)
        years = _year_pairs(
            _TARGETS(before), _TARGETS(after), self.old.header.year, self.new.header.year
        )
        for old_year, year in years:
            self._value("target", before, after, node, years=(old_year, year))
        for key, kind in _SAME_YEAR:
            values = _PER_YEAR[key]
            for year in sorted(set(values(before)) | set(values(after))):
                self._value(kind, before, after, node, years=(year, year), key=key)

    def _value(
        self,
        kind: Kind,
        before: Indicator,
        after: Indicator,
        node: str,
        *,
        years: tuple[int, int],
        key: str | None = None,
    ) -> None:
        """One year of a value per year (``key``, by default the kind's own: target,
        realisasi, or target_induk reported as a target): old -> new, with the difference."""
        old_year, year = years
        key = key or kind
        values = _PER_YEAR[key]
        a, b = values(before).get(old_year), values(after).get(year)
        if _same(a, b):
            return
        self._add(
            kind,
            "indicator",
            was=before.code,
            now=after.code,
            field=key,
            old=_shown(a),
            new=_shown(b),
            node=node,
            at=(key, year),
            old_at=(key, old_year),
            year=year,
            old_year=old_year if old_year != year else None,
            delta=difference(a, b),
        )

    # -- shared

    def _fields(
        self,
        item: Item,
        before: Node | Indicator,
        after: Node | Indicator,
        keys: Mapping[str, str],
        apart: frozenset[str],
        *,
        node: str | None = None,
    ) -> None:
        """Each field compared under its YAML key (those in ``apart`` are compared elsewhere)."""
        for key, attr in keys.items():
            a, b = getattr(before, attr), getattr(after, attr)
            if key in apart or _same(a, b):
                continue
            if key == "misi" and set(a) == set(b):
                continue  # the same misi in another order
            self._add(
                _OWN_KIND.get(key, "changed"),
                item,
                was=before.code,
                now=after.code,
                field=key,
                old=_shown(a),
                new=_shown(b),
                node=node,
                at=(key,),
            )

    def _add(
        self,
        kind: Kind,
        item: Item,
        *,
        was: str | None = None,
        now: str | None = None,
        field: str | None = None,
        old: Shown = None,
        new: Shown = None,
        node: str | None = None,
        at: tuple[str | int, ...] = (),
        old_at: tuple[str | int, ...] | None = None,
        year: int | None = None,
        old_year: int | None = None,
        delta: Decimal | None = None,
    ) -> None:
        """A change to a node, or (``node`` given) to an indicator of that node. ``was`` and
        ``now`` are its kode in OLD and NEW (None on the side it is missing from); ``at`` is
        the key of the field within it, for the line numbers."""
        kode = now if now is not None else was
        assert kode is not None
        if node is None:
            where, path = kode, self._node_path(kode)
        else:
            where, path = node, (*self._node_path(node), kode)
        self.changes.append(
            Change(
                kind,
                item,
                kode,
                field,
                old,
                new,
                path=path,
                node=where,
                old_line=None if was is None else _line(self.old, was, old_at or at),
                new_line=None if now is None else _line(self.new, now, at),
                year=year,
                old_year=old_year,
                delta=delta,
            )
        )

    def _order(
        self, parent: str | None, key: str, before: Sequence[str], after: Sequence[str]
    ) -> None:
        """The relative order of the siblings present on both sides, when it differs."""
        on_both = set(before) & set(after)
        a = tuple(k for k in before if k in on_both)
        b = tuple(k for k in after if k in on_both)
        if a == b:
            return
        if parent is None:
            self._top("order", "file", None, field=key, old=a, new=b, at=(key,))
        else:
            was = self._to_old(parent)
            self._add("order", "node", was=was, now=parent, field=key, old=a, new=b, at=(key,))


def _line(tree: Tree, kode: str, at: Sequence[str | int]) -> int | None:
    """The line of a field of a node or indicator (of the item itself when ``at`` is empty)."""
    if tree.source is None:
        return None
    return tree.source.at(kode, *at)[0]


def _top_line(tree: Tree, at: Sequence[str]) -> int | None:
    if tree.source is None:
        return None
    steps: list[str | int] = []
    entries: tuple[Any, ...] | None = None
    for step in at:
        if entries is not None:
            index = next((i for i, e in enumerate(entries) if e.code == step), None)
            if index is None:
                return None
            steps.append(index)
            entries = None
            continue
        steps.append(step)
        if step == "misi":
            entries = _induk(tree.header) if at[0] == "induk" else tree.header.missions
        elif step == "unit_kerja":
            entries = tree.header.units
    return tree.source.top(*steps)[0]


def _tuple(kode: str | None) -> tuple[str, ...]:
    return () if kode is None else (kode,)


def _induk(header: Header) -> tuple[Any, ...]:
    return header.parent_organisation.missions if header.parent_organisation else ()


def _header_fields(old: Header, new: Header) -> Iterator[tuple[str, Shown, Shown]]:
    def period(header: Header) -> str | None:
        p = header.period
        return None if p is None else f"{p.start}-{p.end}"

    def induk(header: Header, attr: str) -> str | None:
        parent = header.parent_organisation
        return None if parent is None else getattr(parent, attr)

    getters: tuple[tuple[str, Callable[[Header], Shown]], ...] = (
        ("versi", lambda h: h.version),
        ("tahun", lambda h: h.year),
        ("periode", period),
        ("instansi.nama", lambda h: h.institution.name),
        ("instansi.singkatan", lambda h: h.institution.short_name),
        ("visi", lambda h: h.vision),
        ("induk.nama", lambda h: induk(h, "name")),
        ("induk.singkatan", lambda h: induk(h, "short_name")),
        ("induk.visi", lambda h: induk(h, "vision")),
        ("jenjang", lambda h: h.levels),
    )
    for key, get in getters:
        yield key, get(old), get(new)
    for key, attr in _HEADER_KEYS.items():
        if key not in _HEADER_APART:
            yield key, _shown(getattr(old, attr)), _shown(getattr(new, attr))


def _year_pairs(
    before: Mapping[int, Value], after: Mapping[int, Value], old_year: int, new_year: int
) -> list[tuple[int, int]]:
    """Which OLD year to compare with which NEW year.

    Year by year; but when the files are for different plan years (``tahun``) and an
    indicator has a target for its own plan year only on each side, those two are
    compared: a tree rolled over from 2024 to 2025 shows a raised target, not a 2024
    target removed and a 2025 target added for every indicator.
    """
    years = set(before) | set(after)
    pairs: list[tuple[int, int]] = []
    if (
        old_year != new_year
        and old_year in before
        and new_year in after
        and old_year not in after
        and new_year not in before
    ):
        pairs.append((old_year, new_year))
        years -= {old_year, new_year}
    pairs.extend((y, y) for y in sorted(years))
    return pairs
