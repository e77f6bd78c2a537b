"""Positioned values to models: the header, then every node, then how they fit together.

The fourth step of loading. Each part is validated on its own (a node, each of its
indicators), so that one mistake hides nothing else; Pydantic's errors are worded by
``wording``, the checks between parts are in ``references``. The tree is made only when
every part is valid; the problems are returned either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from pohon_cli.i18n import N_, _, tr
from pohon_cli.load import construct, references
from pohon_cli.load.references import Graph
from pohon_cli.load.wording import (
    describe,
    level_name,
    node_among_indicators,
    problem_from,
    problems_from,
)
from pohon_cli.model import (
    DEFAULT_LEVELS,
    Carried,
    CarriedIndicator,
    Header,
    Indicator,
    Node,
    Reference,
    Tree,
)
from pohon_cli.problem import (
    MISSING_KEY,
    TOO_LARGE,
    UNKNOWN_KEY,
    WRONG_VALUE,
    Problem,
    error_at,
)
from pohon_cli.source import Pos, Source, YList, YMap, locate
from pohon_cli.suggest import did_you_mean

# A pohon kinerja has a handful of levels; the walk stops far deeper than any tree goes.
MAX_TREE_DEPTH = 64
_CARRIED_HINT = N_(
    "it is the indicator as written above: change it there, or write a new "
    "indicator with its own `kode` (and `target_induk` for the target above)"
)


@dataclass(frozen=True, slots=True)
class Loaded:
    """A file as loaded: the tree when it could be built, and every problem found."""

    path: str
    tree: Tree | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.tree is not None and not any(p.severity == "error" for p in self.problems)


def build(name: str, text: str, document: YMap) -> Loaded:
    """The tree of a document (a mapping at the top), or the problems that keep it from one."""
    problems: list[Problem] = []
    header = _header(name, document, problems)
    walk = _Walk(name, document, problems)
    walk.run()
    graph = walk.graph
    levels = header.levels if header else _levels_guess(document)
    indicator_node = {
        ind.code: node.code for node in graph.nodes.values() for ind in node.indicators
    }
    problems += references.check(graph, header, levels, document, name)
    carried = {
        kode: tuple(Carried(ref, at) for at, ref, _pos in entries)
        for kode, entries in graph.carried.items()
        if entries
    }
    source = Source(name, text, document, graph.items)
    tree = None
    if header is not None and "pohon" in document and walk.schema_ok:
        tree = Tree(
            header=header,
            nodes=graph.nodes,
            roots=tuple(graph.roots),
            children={k: tuple(v) for k, v in graph.children.items()},
            parents={k: tuple(v) for k, v in graph.parents.items()},
            indicator_node=indicator_node,
            carried=carried,
            source=source,
        )
    problems.sort()
    return Loaded(name, tree, problems)


def _header(name: str, document: YMap, problems: list[Problem]) -> Header | None:
    """Everything but the tree, validated as one model; a missing ``pohon`` is said here."""
    fields = {k: v for k, v in document.items() if k != "pohon"}
    # a misspelt `pohn:` is reported once, as an unknown key that means `pohon`
    if "pohon" not in document and not any(
        isinstance(k, str) and did_you_mean(k, ["pohon"]) for k in document
    ):
        problems.append(
            error_at(
                name,
                document.pos,
                MISSING_KEY,
                _("the file has no `pohon` (the tree)"),
                _("add `pohon:`"),
            )
        )
    try:
        return Header.model_validate(fields)
    except ValidationError as error:
        problems += problems_from(error, document, "top level", name)
        return None


def _levels_guess(document: YMap) -> tuple[str, ...]:
    """The levels when the header did not load: as written, a name that is not a level
    name in the form its error suggests, so that nodes already written that way are
    not each told their level is unknown."""
    raw = document.get("jenjang")
    if isinstance(raw, YList) and all(isinstance(v, str) for v in raw):
        return tuple(level_name(v) or v for v in raw)
    return DEFAULT_LEVELS


class _Walk:
    """The walk over ``pohon``, without recursion: each node validated and its kode
    claimed, each reference recorded, each list of children put on the stack."""

    def __init__(self, name: str, document: YMap, problems: list[Problem]) -> None:
        self.name = name
        self.document = document
        self.problems = problems
        self.graph = Graph()
        # False once a part is invalid: the problems are reported, no tree is made
        self.schema_ok = True

    def error(self, pos: Pos, code: str, message: str, hint: str | None = None) -> None:
        self.problems.append(error_at(self.name, pos, code, message, hint))
        self.schema_ok = False

    def run(self) -> None:
        if "pohon" not in self.document:
            return
        raw_tree = self.document["pohon"]
        if not isinstance(raw_tree, YList):
            self.error(
                locate(self.document, ("pohon",)),
                WRONG_VALUE,
                _("`pohon` must be a list of nodes, not {value}", value=describe(raw_tree)),
                _("write the nodes under it as `- kode: ...` items; `pohon: []` for none yet"),
            )
            return
        # (raw node, its position, parent kode or None, depth)
        pending: list[tuple[Any, Pos, str | None, int]] = [
            (raw, raw_tree.item_pos(i), None, 1) for i, raw in reversed(list(enumerate(raw_tree)))
        ]
        while pending:
            raw, pos, parent, depth = pending.pop()
            if not isinstance(raw, YMap):
                self.error(
                    pos,
                    WRONG_VALUE,
                    _("a node must be a mapping, not {value}", value=describe(raw)),
                )
            elif "rujuk" in raw and "kode" not in raw:
                self._reference(raw, pos, parent)
            elif depth > MAX_TREE_DEPTH:
                self.error(
                    pos,
                    TOO_LARGE,
                    _("the tree is nested deeper than {depth} levels", depth=MAX_TREE_DEPTH),
                    _("a pohon kinerja has a handful of levels: check the indentation of `anak`"),
                )
            else:
                kode = self._place(raw, parent)
                if "anak" in raw:
                    # a node that is not in the tree (invalid, or a second use of a kode)
                    # still has its children checked, under a name of its own
                    under = f"\x00{len(pending)}:{pos}" if kode is None else kode
                    self._push_children(raw, under, depth, pending)

    def _place(self, raw: YMap, parent: str | None) -> str | None:
        """Validate a node and put it in the graph; its kode, or None when it is not there."""
        graph = self.graph
        node, carries, places = self._node(raw)
        if node is None:
            self._claim_broken(raw)
            return None
        if not self._claim(node.code, raw):
            return None
        kode = node.code
        graph.nodes[kode] = node
        if parent is None:
            graph.roots.append(kode)
        else:
            graph.children.setdefault(parent, []).append(kode)
            graph.parents.setdefault(kode, []).append(parent)
        # each indicator with the item it was read from: an item that did not validate
        # (reported) has no indicator, and must not shift the later ones onto it
        for i, indicator in zip(places, node.indicators, strict=True):
            self._claim(indicator.code, raw["indikator"][i])
        if carries:
            graph.carried[kode] = [(i, ref, pos) for i, (ref, pos) in carries.items()]
        return kode

    def _push_children(
        self, raw: YMap, parent: str, depth: int, pending: list[tuple[Any, Pos, str | None, int]]
    ) -> None:
        kids = raw["anak"]
        if not isinstance(kids, YList):
            self.error(
                locate(raw, ("anak",)),
                WRONG_VALUE,
                _("`anak` must be a list of nodes, not {value}", value=describe(kids)),
                _children_hint(kids),
            )
            return
        for i in range(len(kids) - 1, -1, -1):
            pending.append((kids[i], kids.item_pos(i), parent, depth + 1))

    def _claim(self, kode: str, raw: YMap) -> bool:
        problem = references.claim(self.graph, kode, raw, self.name)
        if problem is not None:
            self.problems.append(problem)  # reported; the tree is still made
        return problem is None

    def _claim_broken(self, raw: YMap) -> None:
        """The kodes of an invalid node and of its indicators, as written, so that a kode
        used twice is reported now rather than after the node is mended."""
        kode = _raw_kode(raw)
        if kode is not None and self._claim(kode, raw):
            self.graph.broken[kode] = raw
        indicators = raw.get("indikator")
        if isinstance(indicators, YList):
            for item in indicators:
                written = _raw_kode(item) if isinstance(item, YMap) else None
                if written is not None:
                    self._claim(written, item)

    def _node(self, raw: YMap) -> tuple[Node | None, dict[int, tuple[str, Pos]], list[int]]:
        """Validate a node; its indicators one by one, so one bad indicator hides nothing else.
        Also the indicators it carries down (``- rujuk: KODE``), by their place in the list,
        and the place in the list of each indicator that validated."""
        if (made := construct.whole(raw)) is not None:  # each value's shape known: no Pydantic
            return made[0], {}, made[1]
        fields = {k: v for k, v in raw.items() if k != "anak"}
        raw_indicators = raw.get("indikator")
        carries: dict[int, tuple[str, Pos]] = {}
        places: list[int] = []
        if isinstance(raw_indicators, YList):
            valid: list[Indicator] = []
            told = False
            for i, item in enumerate(raw_indicators):
                misplaced = node_among_indicators(item, raw, self.name, i)
                if misplaced is not None:
                    # said once for the list: the nodes after the first share its cause
                    self._invalid([] if told else [misplaced])
                    told = True
                    continue
                if isinstance(item, YMap) and "rujuk" in item:
                    carried = self._carried(item)
                    if carried is not None:
                        carries[i] = (carried, locate(item, ("rujuk",)))
                    continue
                try:
                    valid.append(Indicator.model_validate(item))
                    places.append(i)
                except ValidationError as error:
                    self._invalid(problems_from(error, raw, "node", self.name, ("indikator", i)))
            fields["indikator"] = valid
        try:
            return Node.model_validate(fields), carries, places
        except ValidationError as error:
            self._invalid(problems_from(error, raw, "node", self.name))
            return None, carries, places

    def _carried(self, raw: YMap) -> str | None:
        """``- rujuk: KODE`` among a node's indicators: the kode, once its form is right
        (``references`` then checks that it names an indicator of an ancestor)."""
        for key in raw:
            if key != "rujuk":
                self.error(
                    locate(raw, (key,), key=True),
                    UNKNOWN_KEY,
                    _("a carried indicator takes only `rujuk`, not `{key}`", key=key),
                    tr(_CARRIED_HINT),
                )
        try:
            ref = CarriedIndicator.model_validate({"rujuk": raw["rujuk"]})
        except ValidationError as error:
            details = error.errors(include_url=False)
            self._invalid([problem_from(d, raw, "carried indicator", self.name) for d in details])
            return None
        return None if len(raw) > 1 else ref.ref

    def _reference(self, raw: YMap, pos: Pos, parent: str | None) -> None:
        """``- rujuk: KODE`` under a parent: validated, then recorded for ``references``."""
        if parent is None:
            self.error(
                pos, WRONG_VALUE, _("a reference `rujuk:` belongs in a parent's `anak`, not here")
            )
            return
        try:
            ref = Reference.model_validate(raw)
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                if detail["type"] != "extra_forbidden":
                    self._invalid([problem_from(detail, raw, "reference", self.name)])
                    continue
                key = detail["loc"][-1]
                self.error(
                    locate(raw, (key,), key=True),
                    UNKNOWN_KEY,
                    _("a reference takes only `rujuk`, not `{key}`", key=key),
                    _("change the node where it is defined, or define a new node with `kode`"),
                )
            return
        problem = references.refer(self.graph, parent, ref.ref, locate(raw, ("rujuk",)), self.name)
        if problem is not None:
            self.problems.append(problem)

    def _invalid(self, problems: list[Problem]) -> None:
        self.problems += problems
        self.schema_ok = False


def _children_hint(kids: Any) -> str:
    """How to write ``anak`` when its value is no list (an empty value may also go)."""
    if kids is None:
        return _(
            "write the child nodes under it as `- kode: ...` or `- rujuk: KODE` items, "
            "or remove `anak:`"
        )
    return _("write the child nodes under it as `- kode: ...` or `- rujuk: KODE` items")


def _raw_kode(raw: YMap) -> str | None:
    """A kode as written, where the node or indicator is not valid."""
    kode = raw.get("kode")
    return str(kode) if isinstance(kode, str | Decimal) else None
