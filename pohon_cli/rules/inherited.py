"""The cross-file rules of an indicator carried down from the parent's file (``mendukung`` on
an indicator): its wording (PK125) and its targets (PK126), against the parent's.

Cross-file rules as the cascade's (``rules/cascade.py``, whose ``run`` runs them too): each
runs once over the workspace and reports at the file that must change.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from pohon_cli.i18n import N_, _, n_
from pohon_cli.load.facts import Facts
from pohon_cli.load.workspace import Office, Workspace
from pohon_cli.model import Value
from pohon_cli.problem import Problem
from pohon_cli.rules.base import Rule, clip, show
from pohon_cli.source import unpack


class Carried(NamedTuple):
    """An indicator of a given file with ``mendukung`` (``mine``, an index in ``facts``)
    and the parent's indicator it names (``theirs`` in ``parent``)."""

    office: Office
    facts: Facts
    mine: int
    parent: Facts
    theirs: int


def _carried(workspace: Workspace) -> Iterator[Carried]:
    """Every indicator of a given file with ``mendukung``, and the parent's indicator."""
    for office, facts in workspace.known():
        parent = workspace.parent(office) if office.given and facts.carries else None
        if parent is None or parent.facts is None:
            continue
        for i, (code, _at) in facts.carries.items():
            j = parent.facts.indicator(code)
            if j is not None:
                yield Carried(office, facts, i, parent.facts, j)


def _wording_drift(workspace: Workspace) -> Iterator[Problem]:
    for c in _carried(workspace):
        theirs = c.parent.description(c.theirs)
        # white space apart: the same words
        if c.facts.description(c.mine).split() != theirs.split():
            yield WORDING_DRIFT.problem(
                c.facts,
                unpack(c.facts.text_at[c.mine]),
                _(
                    "`{kode}` carries `{parent_kode}` of the parent's file, whose uraian reads "
                    "otherwise: {uraian}",
                    kode=c.facts.codes[c.mine],
                    parent_kode=c.parent.codes[c.theirs],
                    uraian=clip(theirs),
                ),
                _("write the parent's uraian word for word"),
            )


def _target_weaker(workspace: Workspace) -> Iterator[Problem]:
    for c in _carried(workspace):
        if c.theirs in c.parent.splits:
            continue  # a split target is checked on the parent, against all its carriers
        planned_at = {year: (value, pos) for year, value, pos in c.facts.targets_of(c.mine)}
        for year, wanted, _pos in c.parent.targets_of(c.theirs):
            planned, pos = planned_at.get(year, (None, (1, 1)))
            polarity = c.parent.polarity_for(c.theirs, wanted)
            if planned is None or not _weaker(planned, wanted, polarity):
                continue
            yield TARGET_WEAKER.problem(
                c.facts,
                pos,
                _(
                    "the {year} target {planned} plans worse than the parent's {wanted} for "
                    "`{kode}` (polaritas {polarity})",
                    year=year,
                    planned=show(planned),
                    wanted=show(wanted),
                    kode=c.parent.codes[c.theirs],
                    polarity=polarity,
                ),
                _("plan at least the parent's target, or say in `catatan` why not"),
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
    carriers: dict[tuple[str, int], list[dict[int, Value]]] = {}
    for c in _carried(workspace):
        if c.theirs in c.parent.splits:
            parent = workspace.parent(c.office)
            assert parent is not None
            mine = {year: value for year, value, _pos in c.facts.targets_of(c.mine)}
            carriers.setdefault((parent.key, c.theirs), []).append(mine)
    for (key, j), targets in carriers.items():
        parent = workspace.offices[key]
        theirs = parent.facts
        if not parent.given or theirs is None:
            continue
        split = theirs.splits[j]
        kode = theirs.codes[j]
        for year, wanted, pos in theirs.targets_of(j):
            found = [t.get(year) for t in targets]
            if not isinstance(wanted, Decimal) or not all(isinstance(v, Decimal) for v in found):
                continue
            total = sum((v for v in found if isinstance(v, Decimal)), Decimal(0))
            aimed = wanted * len(found) if split == "rata_rata" else wanted
            if total == aimed:
                continue
            yield TARGET_WEAKER.problem(
                theirs,
                pos,
                *_split_words(split, len(found), kode=kode, year=year, total=total, wanted=wanted),
            )


def _split_words(
    split: str, count: int, *, kode: str, year: int, total: Decimal, wanted: Decimal
) -> tuple[str, str]:
    """The message and hint of a split target its carriers do not make up."""
    if split == "jumlah":
        message = n_(
            "the {count} office carrying `{kode}` plan {year} targets that add up to {got}, "
            "not {wanted} (pembagian: {split})",
            "the {count} offices carrying `{kode}` plan {year} targets that add up to {got}, "
            "not {wanted} (pembagian: {split})",
            count,
            kode=kode,
            year=year,
            got=show(total),
            wanted=show(wanted),
            split=split,
        )
        return message, _("share the target among the offices so that it adds up")
    message = n_(
        "the {count} office carrying `{kode}` plan {year} targets that average {got}, "
        "not {wanted} (pembagian: {split})",
        "the {count} offices carrying `{kode}` plan {year} targets that average {got}, "
        "not {wanted} (pembagian: {split})",
        count,
        kode=kode,
        year=year,
        got=show(total / count),
        wanted=show(wanted),
        split=split,
    )
    return message, _("share the target among the offices so that it averages out")


WORDING_DRIFT = Rule(
    code="PK125",
    name="inherited-wording-drift",
    severity="warning",
    summary=N_(
        "An indicator carried from the parent's file (`mendukung`) is worded "
        "otherwise than the parent's."
    ),
    rationale=N_(
        "An IKU passed down is the same indicator: an evaluator adds the offices' "
        "realisasi up under the parent's wording. Differences of white space are not "
        "counted."
    ),
    bad="",
    good="",
    across=_wording_drift,
)
TARGET_WEAKER = Rule(
    code="PK126",
    name="inherited-target-weaker",
    severity="warning",
    summary=N_(
        "A carried indicator plans a year's target worse than the parent's, or the "
        "offices sharing a split target (`pembagian`) do not make it up."
    ),
    rationale=N_(
        "A child office carrying an IKU must plan at least the parent's target, by "
        "the parent's polaritas (within the parent's range for a range). Where the parent's "
        "indicator says `pembagian: jumlah` (or `rata_rata`), the carrying offices' targets of "
        "a year must add up to (or average) the parent's; that is reported on the parent's "
        "target, and only when the parent's file is among the files checked. Text targets are "
        "not compared."
    ),
    bad="",
    good="",
    across=_target_weaker,
)

# Every rule of this family: the registry (``pohon_cli.rules``) reads them from here only.
RULES: tuple[Rule, ...] = (WORDING_DRIFT, TARGET_WEAKER)


def replaced_copies(workspace: Workspace) -> set[tuple[str, int, int]]:
    """Where a carried indicator's targets are written, when the parent's file is there:
    its own target then replaces the hand-copied ``target_induk`` (PK120 gives way)."""
    return {
        (c.facts.path, *pos)
        for c in _carried(workspace)
        for _year, _value, pos in c.facts.targets_of(c.mine)
    }
