"""How the parts of a file fit together: kodes, references, levels and cycles (PK020–PK024).

The last step of loading. The walk over the tree (in ``build``) claims each kode here and
records each ``rujuk``; once every node is read, ``check`` resolves the references, puts
each node's ``jenjang`` against the declared levels and its parent's, drops each edge
that closes a cycle, and checks the kodes the header declares (misi, unit kerja, atasan).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from pohon_cli.i18n import _
from pohon_cli.model import Header, Mission, Node, Unit
from pohon_cli.problem import (
    CYCLE,
    DUPLICATE_KODE,
    LEVEL_ORDER,
    UNKNOWN_LEVEL,
    UNKNOWN_REFERENCE,
    Problem,
    error_at,
)
from pohon_cli.source import Pos, YList, YMap, locate
from pohon_cli.suggest import did_you_mean


@dataclass(slots=True)
class Graph:
    """What the walk over the tree finds: the nodes, and the edges as written. ``check``
    drops the edges it reports, so that every walk over the tree ends."""

    nodes: dict[str, Node] = field(default_factory=dict)
    # node and indicator kode -> the mapping that defines it (they share one namespace)
    items: dict[str, YMap] = field(default_factory=dict)
    # nodes reported invalid: their kode is still taken and their level still checked,
    # so that one mistake in a node does not hide the others (a second run per problem)
    broken: dict[str, YMap] = field(default_factory=dict)
    roots: list[str] = field(default_factory=list)
    children: dict[str, list[str]] = field(default_factory=dict)
    parents: dict[str, list[str]] = field(default_factory=dict)
    # (parent kode, referenced kode, position of the `rujuk` value)
    refs: list[tuple[str, str, Pos]] = field(default_factory=list)
    # node kode -> (place in its `indikator`, indicator kode, position of the `rujuk`
    # value) of each indicator it carries down; ``check`` drops those it reports
    carried: dict[str, list[tuple[int, str, Pos]]] = field(default_factory=dict)


def claim(graph: Graph, kode: str, raw: YMap, file: str) -> Problem | None:
    """Claim a kode in the one namespace of nodes and indicators; a second use is a problem."""
    first = graph.items.get(kode)
    if first is not None:
        return error_at(
            file,
            locate(raw, ("kode",)),
            DUPLICATE_KODE,
            _(
                "the kode `{kode}` is used twice: first on line {line}",
                kode=kode,
                line=first.pos[0],
            ),
            _("every node and indicator needs its own kode"),
        )
    graph.items[kode] = raw
    return None


def refer(graph: Graph, parent: str, kode: str, pos: Pos, file: str) -> Problem | None:
    """Record ``rujuk: kode`` under ``parent``, to be resolved by ``check``."""
    siblings = graph.children.setdefault(parent, [])
    if kode in siblings:
        return error_at(
            file,
            pos,
            DUPLICATE_KODE,
            _("`{kode}` is listed twice under `{parent}`", kode=kode, parent=parent),
            _("remove one of the two"),
        )
    siblings.append(kode)
    graph.refs.append((parent, kode, pos))
    return None


def check(
    graph: Graph, header: Header | None, levels: tuple[str, ...], document: YMap, file: str
) -> list[Problem]:
    """Every problem of how the parts fit together; the edges reported are dropped."""
    rank: dict[str, int] = {}
    for i, name in enumerate(levels):
        rank.setdefault(name, i)  # a name written twice (reported) keeps its first place
    problems = _unknown_levels(graph, rank, levels, file)
    problems += _resolve_references(graph, file)
    problems += _levels_in_order(graph, rank, levels, file)
    problems += _break_cycles(graph, file)
    problems += _carried(graph, file)
    missions, induk_missions, units = _declared(header, document)
    problems += _unknown_kodes(graph, (missions, induk_missions), units, file)
    if header is not None:
        problems += _header_kodes(header, document, units, file)
    return problems


def _unknown_levels(
    graph: Graph, rank: dict[str, int], levels: tuple[str, ...], file: str
) -> list[Problem]:
    if not rank:  # `jenjang: []`, reported: no level to check against
        return []
    written = [(node.level, graph.items[node.code]) for node in graph.nodes.values()]
    written += [
        (raw["jenjang"], raw)
        for raw in graph.broken.values()
        if isinstance(raw.get("jenjang"), str)
    ]
    return [
        error_at(
            file,
            locate(raw, ("jenjang",)),
            UNKNOWN_LEVEL,
            _("`{level}` is not one of the levels in `jenjang`", level=level),
            did_you_mean(level, levels) or _("levels: {levels}", levels=", ".join(levels)),
        )
        for level, raw in written
        if level not in rank
    ]


def _resolve_references(graph: Graph, file: str) -> list[Problem]:
    """Each ``rujuk`` made an edge, or reported and dropped when it names no node."""
    nodes, items, children, parents = graph.nodes, graph.items, graph.children, graph.parents
    problems: list[Problem] = []
    for parent, ref, pos in graph.refs:
        if ref in nodes:
            parents.setdefault(ref, []).append(parent)
            continue
        if ref in graph.broken:
            pass  # the node itself is reported: nothing more to say of the reference
        elif ref not in items:
            message = _("`rujuk: {ref}` names no node in this file", ref=ref)
            problems.append(
                error_at(file, pos, UNKNOWN_REFERENCE, message, did_you_mean(ref, nodes))
            )
        else:
            message = _("`rujuk: {ref}` names an indicator, not a node", ref=ref)
            problems.append(error_at(file, pos, UNKNOWN_REFERENCE, message))
        children[parent].remove(ref)
    return problems


def _levels_in_order(
    graph: Graph, rank: dict[str, int], levels: tuple[str, ...], file: str
) -> list[Problem]:
    """A child must sit below its parent."""
    nodes, refs = graph.nodes, graph.refs
    problems: list[Problem] = []
    for parent_kode, kids in graph.children.items():
        above = nodes.get(parent_kode)
        if above is None or above.level not in rank:
            continue
        for kid_kode in kids:
            kid = nodes.get(kid_kode)
            if kid is None or kid.level not in rank or rank[kid.level] > rank[above.level]:
                continue
            pos = next(
                (p for par, r, p in refs if par == parent_kode and r == kid_kode),
                locate(graph.items[kid_kode], ("jenjang",)),
            )
            problems.append(
                error_at(
                    file,
                    pos,
                    LEVEL_ORDER,
                    _(
                        "a `{level}` cannot sit under a `{above}` (`{kode}` under `{parent}`)",
                        level=kid.level,
                        above=above.level,
                        kode=kid_kode,
                        parent=parent_kode,
                    ),
                    _(
                        "a child's jenjang must come after its parent's in `jenjang`: {levels}",
                        levels=" > ".join(levels),
                    ),
                )
            )
    return problems


def _break_cycles(graph: Graph, file: str) -> list[Problem]:
    """Drop and report each reference that leads back to an ancestor, so walks end."""
    children, parents = graph.children, graph.parents
    ref_pos = {(p, r): pos for p, r, pos in graph.refs}
    problems: list[Problem] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    starts = list(graph.roots) + [k for k in children if k not in parents]
    for start in starts:
        if start in state:
            continue
        state[start] = 1
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(list(children.get(start, ()))))]
        while stack:
            kode, it = stack[-1]
            kid = next(it, None)
            if kid is None:
                state[kode] = 2
                stack.pop()
                continue
            seen = state.get(kid)
            if seen == 1:
                problems.append(
                    error_at(
                        file,
                        ref_pos.get((kode, kid), (1, 1)),
                        CYCLE,
                        _(
                            "`rujuk: {kid}` under `{kode}` makes a cycle: `{kid}` is above it",
                            kid=kid,
                            kode=kode,
                        ),
                        _("a node cannot be its own ancestor; remove this reference"),
                    )
                )
                children[kode].remove(kid)
                if kode in parents.get(kid, ()):
                    parents[kid].remove(kode)
            elif seen is None:
                state[kid] = 1
                stack.append((kid, iter(list(children.get(kid, ())))))
    return problems


def _carried(graph: Graph, file: str) -> list[Problem]:
    """Each ``- rujuk: KODE`` among a node's indicators names an indicator written on a
    node above it (through any of its parents), once; the others are reported and dropped."""
    home = {ind.code: node.code for node in graph.nodes.values() for ind in node.indicators}
    problems: list[Problem] = []
    for kode, entries in graph.carried.items():
        above = _ancestors(graph, kode)
        kept: list[tuple[int, str, Pos]] = []
        for entry in entries:
            problem = _carried_problem(graph, kode, entry, home=home, above=above, kept=kept)
            if problem is None:
                kept.append(entry)
            elif problem[1]:
                problems.append(error_at(file, entry[2], problem[0], problem[1], problem[2]))
        entries[:] = kept
    return problems


# (problem code, message, hint) of a carried indicator; a message "" when the cause is
# reported elsewhere
_Said = tuple[str, str, str | None]


def _carried_problem(
    graph: Graph,
    kode: str,
    entry: tuple[int, str, Pos],
    *,
    home: dict[str, str],
    above: set[str],
    kept: list[tuple[int, str, Pos]],
) -> _Said | None:
    """What is wrong with one carried indicator of the node ``kode``, if anything."""
    ref = entry[1]
    owner = home.get(ref)
    if owner is None:
        if ref in graph.nodes or ref in graph.broken:
            return (
                UNKNOWN_REFERENCE,
                _(
                    "`rujuk: {ref}` among the indicators of `{kode}` names a node, not an "
                    "indicator",
                    ref=ref,
                    kode=kode,
                ),
                _(
                    "to put the node `{ref}` under `{kode}`, write `- rujuk: {ref}` in its `anak`",
                    ref=ref,
                    kode=kode,
                ),
            )
        if ref in graph.items:
            return (UNKNOWN_REFERENCE, "", None)  # an indicator of a node reported invalid
        return (
            UNKNOWN_REFERENCE,
            _("`rujuk: {ref}` names no indicator in this file", ref=ref),
            did_you_mean(ref, home) or _("name an indicator of a node above this one"),
        )
    if owner == kode:
        return (
            UNKNOWN_REFERENCE,
            _(
                "`{ref}` is an indicator of `{kode}` itself: it is already listed there",
                ref=ref,
                kode=kode,
            ),
            _("remove this `rujuk`; carry down only an indicator of a node above"),
        )
    if owner not in above:
        return (
            UNKNOWN_REFERENCE,
            _(
                "`{ref}` is an indicator of `{owner}`, which is not above `{kode}`: only an "
                "indicator of a node above can be carried down",
                ref=ref,
                owner=owner,
                kode=kode,
            ),
            _(
                "write a new indicator with its own `kode` (with `target_induk` when it takes "
                "over a target from above), or carry it under a node below `{owner}`",
                owner=owner,
            ),
        )
    if any(ref == other for _index, other, _pos in kept):
        return (
            DUPLICATE_KODE,
            _("`{ref}` is carried into `{kode}` twice", ref=ref, kode=kode),
            _("remove one of the two"),
        )
    return None


def _ancestors(graph: Graph, kode: str) -> set[str]:
    """Every node above ``kode``, through each of its parents."""
    found: set[str] = set()
    stack = list(graph.parents.get(kode, ()))
    while stack:
        top = stack.pop()
        if top not in found:
            found.add(top)
            stack.extend(graph.parents.get(top, ()))
    return found


def _declared(header: Header | None, document: YMap) -> tuple[set[str], set[str], set[str]]:
    """The kodes of the misi, of the induk's misi (a node may name those too) and of the
    unit kerja: from the header, or as written when the header did not load, so that the
    nodes are still checked against them."""
    if header is not None:
        induk = header.parent_organisation
        return (
            {m.code for m in header.missions},
            {m.code for m in induk.missions} if induk is not None else set(),
            {u.code for u in header.units},
        )
    missions: set[str] = set()
    induk_missions: set[str] = set()
    units: set[str] = set()
    raw_induk = document.get("induk")
    places = [(document.get("misi"), missions), (document.get("unit_kerja"), units)]
    if isinstance(raw_induk, YMap):
        places.append((raw_induk.get("misi"), induk_missions))
    for raw, bucket in places:
        if isinstance(raw, YList):
            for item in raw:
                if isinstance(item, YMap) and isinstance(item.get("kode"), str | Decimal):
                    bucket.add(str(item["kode"]))
    return missions, induk_missions, units


def _unknown_kodes(
    graph: Graph, declared: tuple[set[str], set[str]], units: set[str], file: str
) -> list[Problem]:
    """The misi and unit kerja the nodes and indicators name, each declared in the header
    (a misi in the file's own `misi` or in its induk's)."""
    own, induk = declared
    missions = own | induk
    what = "misi" if not induk else "misi_induk"
    items = graph.items
    problems: list[Problem] = []
    for node in graph.nodes.values():
        raw = items[node.code]
        problems += _unknown_units(node.owners, raw, units, file)
        for i, misi in enumerate(node.missions):
            if misi not in missions:
                problems.append(_unknown(locate(raw, ("misi", i)), what, misi, missions, file))
        for ind in node.indicators:
            problems += _unknown_units(ind.owners, items.get(ind.code, raw), units, file)
    return problems


def _unknown_units(owners: tuple[str, ...], raw: YMap, units: set[str], file: str) -> list[Problem]:
    """Each kode of a ``penanggung_jawab`` a declared unit, each reported at its own place:
    the value itself, or its item in a list ``[LEAD, OTHER]``."""
    listed = isinstance(raw.get("penanggung_jawab"), YList)
    return [
        _unknown(
            locate(raw, ("penanggung_jawab", i) if listed else ("penanggung_jawab",)),
            "unit_kerja",
            kode,
            units,
            file,
        )
        for i, kode in enumerate(owners)
        if kode not in units
    ]


def _header_kodes(header: Header, document: YMap, units: set[str], file: str) -> list[Problem]:
    """The header's own kodes: each used once, each atasan a unit, no chain of atasan a loop."""
    problems = _unique(header.missions, "misi", document, file)
    problems += _unique(header.units, "unit_kerja", document, file)
    by_code = {u.code: u for u in header.units}
    for i, unit in enumerate(header.units):
        if unit.parent is not None and unit.parent not in by_code:
            pos = locate(document, ("unit_kerja", i, "atasan"))
            problems.append(_unknown(pos, "unit_kerja", unit.parent, units, file))
    # a chain of atasan must end
    for i, unit in enumerate(header.units):
        seen = {unit.code}
        above = unit.parent
        while above is not None and above in by_code:
            if above == unit.code:
                problems.append(
                    error_at(
                        file,
                        locate(document, ("unit_kerja", i, "atasan")),
                        CYCLE,
                        _("the atasan of `{kode}` lead back to `{kode}`", kode=unit.code),
                        _("the chain of atasan must end at a unit without one"),
                    )
                )
                break
            if above in seen:
                break
            seen.add(above)
            above = by_code[above].parent
    return problems


def _unique(
    entries: Sequence[Mission | Unit], key: str, document: YMap, file: str
) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for i, entry in enumerate(entries):
        if entry.code in first:
            line = locate(document, (key, first[entry.code], "kode"))[0]
            problems.append(
                error_at(
                    file,
                    locate(document, (key, i, "kode")),
                    DUPLICATE_KODE,
                    _(
                        "the misi kode `{kode}` is used twice: first on line {line}",
                        kode=entry.code,
                        line=line,
                    )
                    if key == "misi"
                    else _(
                        "the unit kerja kode `{kode}` is used twice: first on line {line}",
                        kode=entry.code,
                        line=line,
                    ),
                )
            )
        else:
            first[entry.code] = i
    return problems


def _unknown(pos: Pos, what: str, kode: str, known: set[str], file: str) -> Problem:
    """``kode`` names no ``what``: ``misi``, ``misi_induk`` (a misi of the file or of its
    induk) or ``unit_kerja``."""
    hint = did_you_mean(kode, known)
    if hint is None and known and len(known) <= 12:
        hint = _("use one of {kodes}", kodes=", ".join(f"`{k}`" for k in sorted(known)))
    elif hint is None:
        key = "unit_kerja" if what == "unit_kerja" else "misi"
        hint = _("declare it under `{key}`", key=key)
    if what == "misi":
        message = _("`{kode}` is not a misi of this file", kode=kode)
    elif what == "misi_induk":
        message = _("`{kode}` is not a misi of this file or of its induk", kode=kode)
    else:
        message = _("`{kode}` is not a unit kerja of this file", kode=kode)
    return error_at(file, pos, UNKNOWN_REFERENCE, message, hint)
