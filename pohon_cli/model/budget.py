"""Budgets (*anggaran*): the pagu and the amount spent of a year, and their *serapan*.

Pure arithmetic over a loaded tree, shared by ``report``, the rules, the views and the
sheets. A missing realisasi anggaran is missing, never 0; a serapan needs both amounts.

Totals never count money twice: a parent's pagu normally holds its children's, so a total
sums the *top-most* budgeted items only: a node (or an indicator) whose pagu for the year
is written and none of whose ancestors (through any parent, ``rujuk`` included) carries a
pagu for that year among the nodes looked at. An indicator's node is its parent here.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal

from pohon_cli.i18n import _
from pohon_cli.model.document import Indicator, Node
from pohon_cli.model.tree import Tree
from pohon_cli.model.values import number_text

# wide enough for any sum of rupiah written with their digits
_CONTEXT = Context(prec=60)
_PLACES = Decimal("0.01")


def serapan(pagu: Decimal | None, spent: Decimal | None) -> Decimal | None:
    """realisasi anggaran / pagu × 100, rounded to two places (halves away from zero);
    None when either is missing or the pagu is 0."""
    if pagu is None or spent is None or pagu == 0:
        return None
    ratio = _CONTEXT.divide(_CONTEXT.multiply(spent, Decimal(100)), pagu)
    return ratio.quantize(_PLACES, rounding=ROUND_HALF_UP, context=_CONTEXT)


def total(amounts: Iterable[Decimal]) -> Decimal:
    """The exact sum of rupiah amounts (no digit lost)."""
    found = Decimal(0)
    for amount in amounts:
        found = _CONTEXT.add(found, amount)
    return found


def rupiah(value: Decimal) -> str:
    """An amount for people, the Indonesian way: ``Rp 31.704.046.735``, cents after a
    comma (``Rp 1.500,50``). For human text only; files and programs get the digits."""
    text = number_text(value)
    whole, _dot, cents = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return f"Rp {sign}{'.'.join(groups)}" + (f",{cents}" if cents else "")


@dataclass(frozen=True, slots=True)
class Line:
    """The budget of one node or indicator for a year: its pagu and realisasi as written
    (None when not written), the serapan, and whether a total counts it (top-most)."""

    kode: str
    name: str
    node: str
    is_indicator: bool
    pagu: Decimal | None
    spent: Decimal | None
    serapan: Decimal | None
    counted: bool


@dataclass(frozen=True, slots=True)
class Sum:
    """The counted lines of a group added up: the pagu of all; the realisasi and the
    serapan over those whose realisasi is written (``without`` counts the others)."""

    kode: str
    name: str
    pagu: Decimal
    pagu_measured: Decimal
    spent: Decimal
    serapan: Decimal | None
    counted: int
    without: int


def lines(tree: Tree, year: int, keep: Container[str] | None = None) -> tuple[Line, ...]:
    """Every node and indicator with a pagu or a realisasi anggaran for ``year``, in file
    order, among the nodes in ``keep`` (every node when None)."""
    budgeted = {
        k for k, n in tree.nodes.items() if year in n.budget and (keep is None or k in keep)
    }
    covered = _covered(tree, budgeted)
    found: list[Line] = []
    for kode, node in tree.nodes.items():
        if keep is not None and kode not in keep:
            continue
        if year in node.budget or year in node.spent:
            found.append(_line(kode, node, year, kode in budgeted and not covered[kode]))
        above = kode in budgeted or covered[kode]
        for indicator in node.indicators:
            if year in indicator.budget or year in indicator.spent:
                counted = year in indicator.budget and not above
                found.append(_line(kode, indicator, year, counted))
    return tuple(found)


def _line(node: str, item: Node | Indicator, year: int, counted: bool) -> Line:
    pagu, spent = item.budget.get(year), item.spent.get(year)
    return Line(
        kode=item.code,
        name=item.description,
        node=node,
        is_indicator=isinstance(item, Indicator),
        pagu=pagu,
        spent=spent,
        serapan=serapan(pagu, spent),
        counted=counted,
    )


def _covered(tree: Tree, budgeted: Container[str]) -> dict[str, bool]:
    """For each node, whether an ancestor (through any parent) is budgeted. Iterative and
    memoised: each node is settled once, parents before children."""
    memo: dict[str, bool] = {}
    for start in tree.nodes:
        stack = [start]
        while stack:
            kode = stack[-1]
            if kode in memo:
                stack.pop()
                continue
            parents = tree.parents.get(kode, ())
            pending = [p for p in parents if p not in memo]
            if pending:
                stack.extend(pending)
                continue
            memo[kode] = any(p in budgeted or memo[p] for p in parents)
            stack.pop()
    return memo


def summed(kode: str, name: str, found: Iterable[Line]) -> Sum:
    """The counted lines added up (see ``Sum``)."""
    counted = [line for line in found if line.counted and line.pagu is not None]
    measured = [line for line in counted if line.spent is not None]
    pagu = total(line.pagu for line in counted if line.pagu is not None)
    pagu_measured = total(line.pagu for line in measured if line.pagu is not None)
    spent = total(line.spent for line in measured if line.spent is not None)
    return Sum(
        kode=kode,
        name=name,
        pagu=pagu,
        pagu_measured=pagu_measured,
        spent=spent,
        serapan=serapan(pagu_measured, spent) if measured else None,
        counted=len(counted),
        without=len(counted) - len(measured),
    )


def by_mission(
    tree: Tree, found: Iterable[Line], missions: Mapping[str, frozenset[str]]
) -> tuple[Sum, ...]:
    """One sum per misi of the file, over the counted lines of the nodes serving it (a node
    serving several misi counts in each, as in the capaian per misi)."""
    grouped: dict[str, list[Line]] = {}
    for line in found:
        for misi in missions.get(line.node, ()):
            grouped.setdefault(misi, []).append(line)
    return tuple(
        summed(m.code, m.description, grouped[m.code])
        for m in tree.header.missions
        if m.code in grouped
    )


def budget_text(item: Node | Indicator, year: int) -> str | None:
    """A node's or indicator's budget of ``year`` in one short line for people:
    ``pagu 2026 Rp 1.000.000.000; realisasi Rp 850.000.000; serapan 85.00%`` (None when
    neither amount is written for the year)."""
    pagu, spent = item.budget.get(year), item.spent.get(year)
    if pagu is None and spent is None:
        return None
    parts = [
        _("pagu {year} {amount}", year=year, amount=rupiah(pagu))
        if pagu is not None
        else _("no pagu for {year}", year=year)
    ]
    if spent is not None:
        parts.append(_("realisasi {amount}", amount=rupiah(spent)))
    share = serapan(pagu, spent)
    if share is not None:
        parts.append(_("serapan {share}%", share=number_text(share)))
    return "; ".join(parts)
