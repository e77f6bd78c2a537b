"""Cross-file rules: the cascade between offices' trees (``induk.berkas``, ``mendukung``,
``kolaborasi``), checked over a workspace (``load/workspace.py``).

Each rule runs once over the workspace and reports at the file that must change; the
engine (``lint.py``) hands each problem to its file's settings and suppressions, and drops
those of a file that was only linked, not given. A file whose own load failed is left out:
its own problems say why. The parent's nodes and indicators are indexed by kode once per
run (``_Index``); no rule compares all pairs of offices.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from decimal import Decimal

from pohon_cli.load.workspace import Office, Workspace, links_of
from pohon_cli.model import Indicator, Tree, Value
from pohon_cli.problem import Problem
from pohon_cli.rules.base import Rule, at, clip, show, span, top
from pohon_cli.suggest import did_you_mean


def _fold(text: str) -> str:
    return " ".join(text.split())


def _name(workspace: Workspace, office: Office, other: Office) -> str:
    """The other file as a reader of ``office`` finds it: relative to its folder."""
    return os.path.relpath(other.path, os.path.dirname(office.path) or ".")


# -- PK124 -----------------------------------------------------------------------------------


def _links_unknown(workspace: Workspace) -> Iterator[Problem]:
    for office, tree in workspace.loaded():
        if not office.given:
            continue
        yield from _parent_link(workspace, office, tree)
        yield from _node_links(workspace, office, tree)


def _parent_link(workspace: Workspace, office: Office, tree: Tree) -> Iterator[Problem]:
    induk = tree.header.parent_organisation
    if induk is None or induk.file is None:
        return
    pos = top(tree, "induk", "berkas")
    parent = workspace.find(office, induk.file)
    if parent is None:
        yield LINK_UNKNOWN.problem(
            tree,
            pos,
            f"`induk.berkas` names `{induk.file}`, which is not there",
            "write the parent's file as a path relative to this file's folder",
        )
        return
    if parent.tree is None:
        yield LINK_UNKNOWN.problem(
            tree,
            pos,
            f"`induk.berkas` names `{induk.file}`, which does not load",
            "fix that file first: `pohon validate` on it says what is wrong",
        )
        return
    chain = _cycle(workspace, office)
    if chain:
        yield LINK_UNKNOWN.problem(
            tree,
            pos,
            "the `induk.berkas` chain comes back to this file: " + " → ".join(chain),
            "a parent's file names its own parent, never a child's",
        )


def _cycle(workspace: Workspace, office: Office) -> list[str]:
    """The files of an ``induk.berkas`` chain that returns to ``office`` (empty if none)."""
    seen = [office.key]
    names = [os.path.basename(office.path)]
    here: Office | None = workspace.parent(office)
    while here is not None and here.tree is not None:
        names.append(os.path.basename(here.path))
        if here.key == office.key:
            return names
        if here.key in seen:
            return []  # a cycle further up: reported on the files in it
        seen.append(here.key)
        here = workspace.parent(here)
    return []


def _node_links(workspace: Workspace, office: Office, tree: Tree) -> Iterator[Problem]:
    parent = workspace.parent(office)
    ptree = parent.tree if parent is not None else None
    for node in tree.nodes.values():
        if ptree is not None:
            for i, kode in enumerate(node.supports):
                if kode not in ptree.nodes:
                    yield _unknown_kode(
                        workspace, tree, at(tree, node.code, "mendukung", i), kode, ptree
                    )
            for indicator in node.indicators:
                carries = indicator.supports
                if carries is not None and carries not in workspace.indicators(ptree):
                    pos = at(tree, indicator.code, "mendukung")
                    yield _unknown_kode(workspace, tree, pos, carries, ptree, indicator=True)
        for i, partner in enumerate(node.partners):
            other = workspace.find(office, partner.file)
            if other is None or other.tree is None:
                yield LINK_UNKNOWN.problem(
                    tree,
                    at(tree, node.code, "kolaborasi", i, "berkas"),
                    f"`kolaborasi` names `{partner.file}`, which "
                    + ("is not there" if other is None else "does not load"),
                    "write the partner's file as a path relative to this file's folder"
                    if other is None
                    else "fix that file first: `pohon validate` on it says what is wrong",
                )
            elif partner.code not in other.tree.nodes:
                pos = at(tree, node.code, "kolaborasi", i, "kode")
                yield _unknown_kode(workspace, tree, pos, partner.code, other.tree)


def _unknown_kode(
    workspace: Workspace,
    tree: Tree,
    pos: tuple[int, int],
    kode: str,
    other: Tree,
    *,
    indicator: bool = False,
) -> Problem:
    what = "an indicator" if indicator else "a node"
    known = workspace.indicators(other) if indicator else other.nodes
    hint = did_you_mean(kode, known)
    if hint is None and indicator and kode in other.nodes:
        hint = f"`{kode}` is a node there: `mendukung` on an indicator names an indicator"
    file = other.source.path if other.source is not None else "the other file"
    return LINK_UNKNOWN.problem(
        tree,
        pos,
        f"`{kode}` is not {what} of {os.path.basename(file)}",
        hint or f"use a kode of {what} written in that file",
    )


# -- PK125, PK126: an indicator carried down from the parent's file --------------------------


def _carried(workspace: Workspace) -> Iterator[tuple[Office, Tree, Indicator, Tree, Indicator]]:
    """Every indicator of a given file with ``mendukung``, and the parent's indicator."""
    for office, tree in workspace.loaded():
        parent = workspace.parent(office) if office.given else None
        if parent is None or parent.tree is None:
            continue
        known = workspace.indicators(parent.tree)
        for _node, indicator in tree.indicators():
            if indicator.supports is not None and indicator.supports in known:
                yield office, tree, indicator, parent.tree, known[indicator.supports]


def _wording_drift(workspace: Workspace) -> Iterator[Problem]:
    for _office, tree, mine, _ptree, theirs in _carried(workspace):
        if _fold(mine.description) != _fold(theirs.description):
            yield WORDING_DRIFT.problem(
                tree,
                at(tree, mine.code, "uraian"),
                f"`{mine.code}` carries `{theirs.code}` of the parent's file, "
                f"whose uraian reads otherwise: {clip(theirs.description)}",
                "write the parent's uraian word for word",
            )


def _target_weaker(workspace: Workspace) -> Iterator[Problem]:
    for _office, tree, mine, _ptree, theirs in _carried(workspace):
        if theirs.split is not None:
            continue  # a split target is checked on the parent, against all its carriers
        mine_targets = mine.targets
        for year, wanted in theirs.targets.items():
            planned = mine_targets.get(year)
            if planned is None or not _weaker(planned, wanted, theirs.polarity_for(wanted)):
                continue
            polarity = theirs.polarity_for(wanted)
            yield TARGET_WEAKER.problem(
                tree,
                at(tree, mine.code, "target", year),
                f"the {year} target {show(planned)} plans worse than the parent's "
                f"{show(wanted)} for `{theirs.code}` (polaritas {polarity})",
                "plan at least the parent's target, or say in `catatan` why not",
            )
    yield from _split_sums(workspace)


def _weaker(planned: Value, wanted: Value, polarity: str) -> bool:
    """Whether ``planned`` aims lower than ``wanted`` for ``polarity`` (numbers only)."""
    if isinstance(planned, str) or isinstance(wanted, str):
        return False
    if isinstance(wanted, tuple):
        low, high = wanted
        lo, hi = planned if isinstance(planned, tuple) else (planned, planned)
        return lo < low or hi > high
    if isinstance(planned, tuple):
        return False
    return planned < wanted if polarity != "turun" else planned > wanted


def _split_sums(workspace: Workspace) -> Iterator[Problem]:
    """``pembagian`` on a given parent's indicator: its carriers' targets, each year."""
    carriers: dict[tuple[str, str], list[Indicator]] = {}
    for office, _tree, carrier, _ptree, split in _carried(workspace):
        if split.split is not None:
            parent = workspace.parent(office)
            assert parent is not None
            carriers.setdefault((parent.key, split.code), []).append(carrier)
    for (key, kode), mine in carriers.items():
        parent = workspace.offices[key]
        if not parent.given or parent.tree is None:
            continue
        theirs = workspace.indicators(parent.tree)[kode]
        for year, wanted in theirs.targets.items():
            found = [m.targets.get(year) for m in mine]
            if not isinstance(wanted, Decimal) or not all(isinstance(v, Decimal) for v in found):
                continue
            total = sum((v for v in found if isinstance(v, Decimal)), Decimal(0))
            aimed = wanted * len(found) if theirs.split == "rata_rata" else wanted
            if total == aimed:
                continue
            made = "add up to" if theirs.split == "jumlah" else "average"
            got = total if theirs.split == "jumlah" else total / len(found)
            yield TARGET_WEAKER.problem(
                parent.tree,
                at(parent.tree, kode, "target", year),
                f"the {_offices(len(found))} carrying `{kode}` plan {year} targets that "
                f"{made} {show(got)}, not {show(wanted)} (pembagian: {theirs.split})",
                "share the target among the offices so that it "
                + ("adds up" if theirs.split == "jumlah" else "averages out"),
            )


def _offices(count: int) -> str:
    return "1 office" if count == 1 else f"{count} offices"


# -- PK127 ------------------------------------------------------------------------------------


def _unserved(workspace: Workspace) -> Iterator[Problem]:
    for key, children in workspace.children().items():
        parent = workspace.offices.get(key)
        if parent is None or not parent.given or parent.tree is None:
            continue
        if not any(child.given for child in children):
            continue
        yield from _unserved_in(parent.tree, [c.tree for c in children if c.tree is not None])


def _unserved_in(ptree: Tree, children: list[Tree]) -> Iterator[Problem]:
    served = {kode for tree in children for node in tree.nodes.values() for kode in node.supports}
    carried = {ind.supports for tree in children for _n, ind in tree.indicators() if ind.supports}
    levels = {ptree.nodes[k].level for k in served if k in ptree.nodes}
    for node in ptree.nodes.values():
        if node.level not in levels:
            continue
        if node.code not in served:
            yield UNSERVED.problem(
                ptree,
                at(ptree, node.code, "kode"),
                f"no child office serves the {node.level} `{node.code}`: {clip(node.description)}",
                "name it in `mendukung` of a child office's node, or drop it",
            )
        if not carried:
            continue  # the children carry no indicator down: only the nodes are checked
        for indicator in node.indicators:
            if indicator.code not in carried:
                yield UNSERVED.problem(
                    ptree,
                    at(ptree, indicator.code, "kode"),
                    f"no child office carries the indicator `{indicator.code}` of `{node.code}`",
                    "name it in `mendukung` of a child office's indicator",
                )


# -- PK128 ------------------------------------------------------------------------------------


def _one_sided(workspace: Workspace) -> Iterator[Problem]:
    for office, tree in workspace.loaded():
        if not office.given:
            continue
        for node in tree.nodes.values():
            for i, partner in enumerate(node.partners):
                other = workspace.find(office, partner.file)
                if other is None or other.tree is None or partner.code not in other.tree.nodes:
                    continue  # PK124
                back = other.tree.nodes[partner.code].partners
                if any(
                    p.code == node.code and workspace.target(other, p.file) == office.key
                    for p in back
                ):
                    continue
                yield ONE_SIDED.problem(
                    tree,
                    at(tree, node.code, "kolaborasi", i),
                    f"`{partner.code}` of {_name(workspace, office, other)} does not name "
                    f"`{node.code}` back in its `kolaborasi`",
                    f"add to `{partner.code}` there: kolaborasi: [{{berkas: "
                    f"{_name(workspace, other, office)}, kode: {node.code}}}]",
                )


# -- PK129 ------------------------------------------------------------------------------------


def _groups(workspace: Workspace) -> list[list[Office]]:
    """The offices linked to each other, directly or not (a cascade): its own group
    per set of files that name each other, so unrelated files given together never meet."""
    boss: dict[str, str] = {key: key for key in workspace.offices}

    def find(key: str) -> str:
        while boss[key] != key:
            boss[key] = boss[boss[key]]
            key = boss[key]
        return key

    for office, tree in workspace.loaded():
        for written in links_of(tree):
            other = workspace.target(office, written)
            if other in boss:
                boss[find(office.key)] = find(other)
    groups: dict[str, list[Office]] = {}
    for office in workspace.offices.values():
        groups.setdefault(find(office.key), []).append(office)
    return [group for group in groups.values() if len(group) > 1]


def _names(tree: Tree) -> set[str]:
    institution = tree.header.institution
    return {_fold(n).casefold() for n in (institution.name, institution.short_name) if n}


def _other_office(workspace: Workspace) -> Iterator[Problem]:
    for group in _groups(workspace):
        owners: dict[str, set[str]] = {}
        for office in group:
            if office.tree is not None:
                for name in _names(office.tree):
                    owners.setdefault(name, set()).add(office.key)
        if not owners:
            continue
        words = sorted(owners, key=len, reverse=True)
        pattern = re.compile(
            r"(?<!\w)(?:"
            + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
            + r")(?!\w)",
            re.IGNORECASE,
        )
        for office in group:
            if office.given and office.tree is not None:
                yield from _names_in(office, office.tree, pattern, owners)


def _names_in(
    office: Office, tree: Tree, pattern: re.Pattern[str], owners: dict[str, set[str]]
) -> Iterator[Problem]:
    own = _names(tree)
    texts: list[tuple[str, str]] = [(n.code, n.description) for n in tree.nodes.values()]
    texts += [(i.code, i.description) for _n, i in tree.indicators()]
    for kode, text in texts:
        for match in pattern.finditer(text):
            name = _fold(match.group(0)).casefold()
            if office.key in owners[name]:
                continue
            # another office's name found inside this office's own is not another office
            if any(re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", n) for n in own):
                continue
            start, end = span(tree, at(tree, kode, "uraian"), text, match.start(), match.end())
            yield OTHER_OFFICE.problem(
                tree,
                start,
                f"`{kode}` names another office of the cascade: {match.group(0)}",
                "write this office's own name, or leave the name out",
                end,
            )


# -- the rules --------------------------------------------------------------------------------

_ACROSS = (
    "A cross-file rule: it runs when files that link to each other are checked together "
    "(a directory, or several files), and for a file given alone against the parent its "
    "`induk.berkas` names. See Trees across files in the format's page."
)

LINK_UNKNOWN = Rule(
    code="PK124",
    name="cascade-link-unknown",
    severity="error",
    summary="A link to another file names a file that is not there (or does not load), or "
    "a kode that file does not have.",
    rationale="`induk.berkas`, `mendukung` and `kolaborasi` tie this office's tree to "
    "another's; a link to nothing ties it to nothing, and the checks of the cascade cannot "
    "run. A chain of `induk.berkas` that comes back to its start is reported here too. " + _ACROSS,
    bad="",
    good="",
    across=_links_unknown,
)
WORDING_DRIFT = Rule(
    code="PK125",
    name="inherited-wording-drift",
    severity="warning",
    summary="An indicator carried from the parent's file (`mendukung`) is worded "
    "otherwise than the parent's.",
    rationale="An IKU passed down is the same indicator: an evaluator adds the offices' "
    "realisasi up under the parent's wording. Differences of white space are not "
    "counted. " + _ACROSS,
    bad="",
    good="",
    across=_wording_drift,
)
TARGET_WEAKER = Rule(
    code="PK126",
    name="inherited-target-weaker",
    severity="warning",
    summary="A carried indicator plans a year's target worse than the parent's, or the "
    "offices sharing a split target (`pembagian`) do not make it up.",
    rationale="A child office carrying an IKU must plan at least the parent's target, by "
    "the parent's polaritas (within the parent's range for a range). Where the parent's "
    "indicator says `pembagian: jumlah` (or `rata_rata`), the carrying offices' targets of "
    "a year must add up to (or average) the parent's; that is reported on the parent's "
    "target, and only when the parent's file is among the files checked. Text targets are "
    "not compared. " + _ACROSS,
    bad="",
    good="",
    across=_target_weaker,
)
UNSERVED = Rule(
    code="PK127",
    name="parent-unserved",
    severity="warning",
    summary="A node of the parent, at a level the child offices link to, or an indicator "
    "on it, that no child office serves.",
    rationale="The evaluator's first question: is every sasaran of the office above served "
    "by some office below? Only the levels the children's `mendukung` use are asked about, "
    "and indicators only once some child carries an indicator down. Reported on the "
    "parent, and only when the parent's file and its children's are checked together. " + _ACROSS,
    bad="",
    good="",
    across=_unserved,
)
ONE_SIDED = Rule(
    code="PK128",
    name="crosscutting-one-sided",
    severity="warning",
    summary="A `kolaborasi` whose partner node does not name this node back.",
    rationale="A crosscutting partnership is agreed by both offices: when only one writes "
    "it, the other does not plan for it. Reported on the link that is written. " + _ACROSS,
    bad="",
    good="",
    across=_one_sided,
)
OTHER_OFFICE = Rule(
    code="PK129",
    name="names-other-office",
    severity="warning",
    summary="A node's or indicator's uraian names another office of the cascade "
    "(its `instansi` nama or singkatan).",
    rationale="Copied from another office's tree and not rewritten: an indicator of a "
    "kabupaten that speaks of the provinsi. The names are those of the files linked "
    "together (as words, in any case), except this office's own. Where PK108 (from the "
    "file alone) flags the same name, only PK129 is said: one mistake, one problem. " + _ACROSS,
    bad="",
    good="",
    across=_other_office,
)

RULES = (LINK_UNKNOWN, WORDING_DRIFT, TARGET_WEAKER, UNSERVED, ONE_SIDED, OTHER_OFFICE)


def run(workspace: Workspace) -> Iterator[tuple[Rule, Problem]]:
    """Every cross-file problem of the workspace, with its rule."""
    for rule in RULES:
        assert rule.across is not None
        for problem in rule.across(workspace):
            yield rule, problem
