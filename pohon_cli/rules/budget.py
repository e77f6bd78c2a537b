"""Budgets (*anggaran*) that cannot be right: more spent than the pagu, or children whose
pagu adds up to more than their parent's."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pohon_cli.i18n import N_, _
from pohon_cli.model import Indicator, Node, Tree, number_text
from pohon_cli.model.budget import total
from pohon_cli.problem import Problem
from pohon_cli.rules.base import Options, Rule, at


def _items(tree: Tree) -> Iterator[Node | Indicator]:
    for node in tree.nodes.values():
        yield node
        yield from node.indicators


def _overspent(tree: Tree, options: Options) -> Iterator[Problem]:
    for item in _items(tree):
        indicator = isinstance(item, Indicator)
        for year, spent in item.spent.items():
            pagu = item.budget.get(year)
            where = at(tree, item.code, "realisasi_anggaran", year)
            if pagu is None:
                yield REALISASI_ABOVE_PAGU.problem(
                    tree,
                    where,
                    _no_pagu(indicator, item.code, year, spent),
                    _("write its pagu: `anggaran: {{{year}: ...}}`", year=year),
                )
            elif spent > pagu:
                yield REALISASI_ABOVE_PAGU.problem(
                    tree,
                    where,
                    _above_pagu(indicator, item.code, year, spent, pagu),
                    _(
                        "spending cannot exceed the pagu: check both amounts, for a digit too "
                        "many or a pagu not updated after the anggaran perubahan"
                    ),
                )


def _no_pagu(indicator: bool, kode: str, year: int, spent: Decimal) -> str:
    values = {"kode": kode, "year": year, "spent": number_text(spent)}
    if indicator:
        return _(
            "the indicator `{kode}` spent {spent} in {year}, but has no `anggaran` for "
            "{year}: serapan cannot be measured",
            **values,
        )
    return _(
        "the node `{kode}` spent {spent} in {year}, but has no `anggaran` for {year}: "
        "serapan cannot be measured",
        **values,
    )


def _above_pagu(indicator: bool, kode: str, year: int, spent: Decimal, pagu: Decimal) -> str:
    values = {"kode": kode, "year": year, "spent": number_text(spent), "pagu": number_text(pagu)}
    if indicator:
        return _(
            "the indicator `{kode}` spent {spent} in {year}, more than its pagu of {pagu}",
            **values,
        )
    return _("the node `{kode}` spent {spent} in {year}, more than its pagu of {pagu}", **values)


REALISASI_ABOVE_PAGU = Rule(
    code="PK121",
    name="realisasi-above-pagu",
    severity="warning",
    summary=N_("A realisasi anggaran is above the pagu of its year, or has no pagu."),
    rationale=N_(
        "An office spends within its pagu: a realisasi anggaran above it is a typo (a digit "
        "too many) or a pagu not updated after the anggaran perubahan, and its serapan above "
        "100% misleads the report. A realisasi anggaran for a year without `anggaran` cannot "
        "give a serapan at all: the same rule says so, on nodes and on indicators."
    ),
    bad="""\
pohon:
  - kode: P1
    jenjang: tujuan
    uraian: Meningkatnya keselamatan lalu lintas
    anggaran: {2024: 1000000000}
    realisasi_anggaran: {2024: 10500000000}
""",
    good="""\
pohon:
  - kode: P1
    jenjang: tujuan
    uraian: Meningkatnya keselamatan lalu lintas
    anggaran: {2024: 1000000000}
    realisasi_anggaran: {2024: 950000000}
""",
    check=_overspent,
)


def _children_above(tree: Tree, options: Options) -> Iterator[Problem]:
    for kode, node in tree.nodes.items():
        kids = [tree.nodes[k] for k in tree.children.get(kode, ())]
        for year, pagu in node.budget.items():
            written = [kid for kid in kids if year in kid.budget]
            if not written:
                continue
            added = total(kid.budget[year] for kid in written)
            if added > pagu:
                yield CHILDREN_ABOVE_PARENT_PAGU.problem(
                    tree,
                    at(tree, kode, "anggaran", year),
                    _(
                        "the pagu of the children of `{kode}` for {year} adds up to {total} "
                        "({children}), more than its own pagu of {pagu}",
                        kode=kode,
                        year=year,
                        total=number_text(added),
                        children=", ".join(f"`{k.code}`" for k in written),
                        pagu=number_text(pagu),
                    ),
                    _(
                        "a parent's pagu holds its children's: correct the parent's pagu or "
                        "the children's"
                    ),
                )


CHILDREN_ABOVE_PARENT_PAGU = Rule(
    code="PK122",
    name="children-above-parent-pagu",
    severity="warning",
    summary=N_("The children's pagu of a year adds up to more than their parent's pagu."),
    rationale=N_(
        "A program's pagu is the sum of its kegiatan's, a kegiatan's the sum of its sub "
        "kegiatan's: children that together hold more than their parent means one of the "
        "amounts is wrong. Less is fine (part of the parent's pagu may not be broken down). "
        "Only nodes whose pagu for the year is written are added; a child that serves "
        "several parents (`rujuk`) counts toward each of them, its whole pagu in each. "
        "Indicators' pagu are not added: a kegiatan's indicators often each repeat it."
    ),
    bad="""\
pohon:
  - kode: P1
    jenjang: tujuan
    uraian: Meningkatnya keselamatan lalu lintas
    anggaran: {2024: 1000000000}
    anak:
      - kode: K1
        jenjang: sasaran_strategis
        uraian: Meningkatnya kelaikan kendaraan
        anggaran: {2024: 700000000}
      - kode: K2
        jenjang: sasaran_strategis
        uraian: Meningkatnya ketertiban parkir
        anggaran: {2024: 400000000}
""",
    good="""\
pohon:
  - kode: P1
    jenjang: tujuan
    uraian: Meningkatnya keselamatan lalu lintas
    anggaran: {2024: 1100000000}
    anak:
      - kode: K1
        jenjang: sasaran_strategis
        uraian: Meningkatnya kelaikan kendaraan
        anggaran: {2024: 700000000}
      - kode: K2
        jenjang: sasaran_strategis
        uraian: Meningkatnya ketertiban parkir
        anggaran: {2024: 400000000}
""",
    check=_children_above,
)

RULES: tuple[Rule, ...] = (REALISASI_ABOVE_PAGU, CHILDREN_ABOVE_PARENT_PAGU)
