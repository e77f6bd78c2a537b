"""Cross-file rules: the cascade between offices' trees (``induk.berkas``, ``mendukung``,
``kolaborasi``), checked over a workspace (``load/workspace.py``).

Each rule runs once over the workspace and reports at the file that must change; the
engine (``lint.py``) hands each problem to its file's settings and suppressions, and drops
those of a file that was only linked, not given. A file whose own load failed is left out:
its own problems say why. The parent's nodes and indicators are indexed by kode once per
run (``_Index``); no rule compares all pairs of offices. The two rules of an indicator
carried down (PK125, PK126) are a family of their own (``rules/inherited.py``), run here.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from pohon_cli.i18n import N_, _
from pohon_cli.load.facts import Facts
from pohon_cli.load.workspace import Office, Workspace
from pohon_cli.problem import Problem
from pohon_cli.rules import inherited, office_names
from pohon_cli.rules.base import Rule, clip
from pohon_cli.rules.inherited import replaced_copies
from pohon_cli.source import unpack
from pohon_cli.suggest import did_you_mean


def _fold(text: str) -> str:
    return " ".join(text.split())


def _name(office: Office, other: Office) -> str:
    """The other file as a reader of ``office`` finds it: relative to its folder."""
    return os.path.relpath(other.path, os.path.dirname(office.path) or ".")


# -- PK124 -----------------------------------------------------------------------------------


def _links_unknown(workspace: Workspace) -> Iterator[Problem]:
    for office, facts in workspace.known():
        if not office.given:
            continue
        yield from _parent_link(workspace, office, facts)
        yield from _node_links(workspace, office, facts)


def _parent_link(workspace: Workspace, office: Office, facts: Facts) -> Iterator[Problem]:
    written = facts.parent_file
    if written is None:
        return
    pos = unpack(facts.parent_at)
    parent = workspace.find(office, written)
    if parent is None:
        yield LINK_UNKNOWN.problem(
            facts,
            pos,
            _("`induk.berkas` names `{file}`, which is not there", file=written),
            _("write the parent's file as a path relative to this file's folder"),
        )
        return
    if parent.facts is None:
        yield LINK_UNKNOWN.problem(
            facts,
            pos,
            _("`induk.berkas` names `{file}`, which does not load", file=written),
            _("fix that file first: `pohon validate` on it says what is wrong"),
        )
        return
    chain = _cycle(workspace, office)
    if chain:
        yield LINK_UNKNOWN.problem(
            facts,
            pos,
            _("the `induk.berkas` chain comes back to this file: {chain}", chain=" → ".join(chain)),
            _("a parent's file names its own parent, never a child's"),
        )


def _cycle(workspace: Workspace, office: Office) -> list[str]:
    """The files of an ``induk.berkas`` chain that returns to ``office`` (empty if none)."""
    seen = [office.key]
    names = [os.path.basename(office.path)]
    here: Office | None = workspace.parent(office)
    while here is not None and here.facts is not None:
        names.append(os.path.basename(here.path))
        if here.key == office.key:
            return names
        if here.key in seen:
            return []  # a cycle further up: reported on the files in it
        seen.append(here.key)
        here = workspace.parent(here)
    return []


def _node_links(workspace: Workspace, office: Office, facts: Facts) -> Iterator[Problem]:
    parent = workspace.parent(office)
    theirs = parent.facts if parent is not None else None
    if theirs is not None:
        for links in facts.supports.values():
            for code, at in links:
                if theirs.node(code) is None:
                    yield _unknown_kode(facts, unpack(at), code, theirs)
    for items in facts.partners.values():
        for partner in items:
            other = workspace.find(office, partner.file)
            if other is None:
                yield LINK_UNKNOWN.problem(
                    facts,
                    unpack(partner.file_at),
                    _("`kolaborasi` names `{file}`, which is not there", file=partner.file),
                    _("write the partner's file as a path relative to this file's folder"),
                )
            elif other.facts is None:
                yield LINK_UNKNOWN.problem(
                    facts,
                    unpack(partner.file_at),
                    _("`kolaborasi` names `{file}`, which does not load", file=partner.file),
                    _("fix that file first: `pohon validate` on it says what is wrong"),
                )
            elif other.facts.node(partner.code) is None:
                yield _unknown_kode(facts, unpack(partner.code_at), partner.code, other.facts)
    if theirs is not None:
        for code, at in facts.carries.values():
            if theirs.indicator(code) is None:
                yield _unknown_kode(facts, unpack(at), code, theirs, indicator=True)


def _unknown_kode(
    facts: Facts,
    pos: tuple[int, int],
    kode: str,
    other: Facts,
    *,
    indicator: bool = False,
) -> Problem:
    known = other.indicator_codes() if indicator else other.node_codes()
    hint = did_you_mean(kode, known)
    if hint is None and indicator and other.node(kode) is not None:
        hint = _(
            "`{kode}` is a node there: `mendukung` on an indicator names an indicator", kode=kode
        )
    name = os.path.basename(other.path)
    if indicator:
        message = _("`{kode}` is not an indicator of {file}", kode=kode, file=name)
        hint = hint or _("use a kode of an indicator written in that file")
    else:
        message = _("`{kode}` is not a node of {file}", kode=kode, file=name)
        hint = hint or _("use a kode of a node written in that file")
    return LINK_UNKNOWN.problem(facts, pos, message, hint)


# -- PK127 ------------------------------------------------------------------------------------


def _unserved(workspace: Workspace) -> Iterator[Problem]:
    for key, children in workspace.children().items():
        parent = workspace.offices.get(key)
        if parent is None or not parent.given or parent.facts is None:
            continue
        if not any(child.given for child in children):
            continue
        yield from _unserved_in(parent.facts, [c.facts for c in children if c.facts is not None])


def _unserved_in(theirs: Facts, children: list[Facts]) -> Iterator[Problem]:
    served = {code for f in children for links in f.supports.values() for code, _at in links}
    carried = {code for f in children for code, _at in f.carries.values()}
    levels = {theirs.levels[i] for k in served if (i := theirs.node(k)) is not None}
    for i, code in enumerate(theirs.node_codes()):
        level = theirs.levels[i]
        if level not in levels:
            continue
        if code not in served:
            yield UNSERVED.problem(
                theirs,
                unpack(theirs.at[i]),
                _(
                    "no child office serves the {level} `{kode}`: {uraian}",
                    level=level,
                    kode=code,
                    uraian=clip(theirs.description(i)),
                ),
                _("name it in `mendukung` of a child office's node, or drop it"),
            )
        if not carried:
            continue  # the children carry no indicator down: only the nodes are checked
        for j in theirs.indicators_of(i):
            if theirs.codes[j] not in carried:
                yield UNSERVED.problem(
                    theirs,
                    unpack(theirs.at[j]),
                    _(
                        "no child office carries the indicator `{kode}` of `{node}`",
                        kode=theirs.codes[j],
                        node=code,
                    ),
                    _("name it in `mendukung` of a child office's indicator"),
                )


# -- PK128 ------------------------------------------------------------------------------------


def _one_sided(workspace: Workspace) -> Iterator[Problem]:
    for office, facts in workspace.known():
        if not office.given:
            continue
        for i, items in facts.partners.items():
            code = facts.codes[i]
            for partner in items:
                other = workspace.find(office, partner.file)
                theirs = other.facts if other is not None else None
                j = theirs.node(partner.code) if theirs is not None else None
                if other is None or theirs is None or j is None:
                    continue  # PK124
                if any(
                    p.code == code and workspace.target(other, p.file) == office.key
                    for p in theirs.partners.get(j, ())
                ):
                    continue
                yield ONE_SIDED.problem(
                    facts,
                    unpack(partner.at),
                    _(
                        "`{kode}` of {file} does not name `{own}` back in its `kolaborasi`",
                        kode=partner.code,
                        file=_name(office, other),
                        own=code,
                    ),
                    _(
                        "add to `{kode}` there: kolaborasi: [{{berkas: {file}, kode: {own}}}]",
                        kode=partner.code,
                        file=_name(other, office),
                        own=code,
                    ),
                )


# -- PK129 ------------------------------------------------------------------------------------


def _names(facts: Facts) -> set[str]:
    return {_fold(n).casefold() for n in facts.names}


def _other_office(workspace: Workspace) -> Iterator[Problem]:
    for group in office_names.groups(workspace):
        owners: dict[str, set[str]] = {}
        for office in group:
            if office.facts is not None:
                for name in _names(office.facts):
                    owners.setdefault(name, set()).add(office.key)
        if not owners:
            continue
        pattern = office_names.pattern(owners)
        for office in group:
            if office.given and office.facts is not None:
                yield from _names_in(office, office.facts, pattern, owners)


def _names_in(
    office: Office, facts: Facts, pattern: re.Pattern[str], owners: dict[str, set[str]]
) -> Iterator[Problem]:
    own = _names(facts)
    for i, match, (start, end) in office_names.mentions(facts, pattern):
        name = _fold(match.group(0)).casefold()
        if office.key in owners[name]:
            continue
        # another office's name found inside this office's own is not another office
        if any(re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", n) for n in own):
            continue
        yield OTHER_OFFICE.problem(
            facts,
            start,
            _(
                "`{kode}` names another office of the cascade: {name}",
                kode=facts.codes[i],
                name=match.group(0),
            ),
            _("write this office's own name, or leave the name out"),
            end,
        )


# -- the rules --------------------------------------------------------------------------------

# Each rationale ends with the same note on cross-file rules, written out in each so that a
# translator sees one whole text per rule.

LINK_UNKNOWN = Rule(
    code="PK124",
    name="cascade-link-unknown",
    severity="error",
    summary=N_(
        "A link to another file names a file that is not there (or does not load), or "
        "a kode that file does not have."
    ),
    rationale=N_(
        "`induk.berkas`, `mendukung` and `kolaborasi` tie this office's tree to "
        "another's; a link to nothing ties it to nothing, and the checks of the cascade cannot "
        "run. A chain of `induk.berkas` that comes back to its start is reported here too."
    ),
    bad="",
    good="",
    across=_links_unknown,
)
UNSERVED = Rule(
    code="PK127",
    name="parent-unserved",
    severity="warning",
    summary=N_(
        "A node of the parent, at a level the child offices link to, or an indicator "
        "on it, that no child office serves."
    ),
    rationale=N_(
        "The evaluator's first question: is every sasaran of the office above served "
        "by some office below? Only the levels the children's `mendukung` use are asked about, "
        "and indicators only once some child carries an indicator down. Reported on the "
        "parent, and only when the parent's file and its children's are checked together."
    ),
    bad="",
    good="",
    across=_unserved,
)
ONE_SIDED = Rule(
    code="PK128",
    name="crosscutting-one-sided",
    severity="warning",
    summary=N_("A `kolaborasi` whose partner node does not name this node back."),
    rationale=N_(
        "A crosscutting partnership is agreed by both offices: when only one writes "
        "it, the other does not plan for it. Reported on the link that is written."
    ),
    bad="",
    good="",
    across=_one_sided,
)
OTHER_OFFICE = Rule(
    code="PK129",
    name="names-other-office",
    severity="warning",
    summary=N_(
        "A node's or indicator's uraian names another office of the cascade "
        "(its `instansi` nama or singkatan)."
    ),
    rationale=N_(
        "Copied from another office's tree and not rewritten: an indicator of a "
        "kabupaten that speaks of the provinsi. The names are those of the files linked "
        "together (as words, in any case), except this office's own. Where PK108 (from the "
        "file alone) flags the same name, only PK129 is said: one mistake, one problem."
    ),
    bad="",
    good="",
    across=_other_office,
)

RULES: tuple[Rule, ...] = (LINK_UNKNOWN, UNSERVED, ONE_SIDED, OTHER_OFFICE)
# every cross-file rule, in code order: this family's and the carried indicators' (PK125, PK126)
_ACROSS = tuple(sorted((*RULES, *inherited.RULES), key=lambda rule: rule.code))


def run(workspace: Workspace) -> Iterator[tuple[Rule, Problem]]:
    """Every cross-file problem of the workspace, with its rule."""
    for rule in _ACROSS:
        assert rule.across is not None
        for problem in rule.across(workspace):
            yield rule, problem


# ``replaced_copies`` is PK126's, told to the engine with the rest of the cascade's
__all__ = ["RULES", "replaced_copies", "run"]
