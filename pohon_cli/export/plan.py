"""The sheets of the plan: the cascading matrix, the indicator manual and accountability
per unit kerja, read from the tree alone."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from pohon_cli.export.sheet import Cell, Column, Sheet, quarter_cells, units_cell, value_cell
from pohon_cli.model import QUARTERS, Indicator, Node, Tree, polarity_label


def plan_years(tree: Tree) -> tuple[int, ...]:
    """The years of the target columns: every year some indicator has a target for (a
    year of the periode without any is an empty column, left out)."""
    years: set[int] = set()
    for _, indicator in tree.indicators():
        years.update(indicator.targets)
    return tuple(sorted(years))


def quarterly_years(tree: Tree) -> frozenset[int]:
    """The years some indicator's target is written per quarter (target triwulan)."""
    return frozenset(
        y
        for _, indicator in tree.indicators()
        for y, v in indicator.written_targets.items()
        if isinstance(v, dict)
    )


def _target_columns(years: Sequence[int], quarterly: frozenset[int]) -> Iterator[Column]:
    """A column per year's target; a year with quarterly targets adds tw1..tw4 after it."""
    for y in years:
        yield Column(f"target_{y}", "value", 11)
        if y in quarterly:
            yield from (Column(f"target_{y}_{q}", "value", 9) for q in QUARTERS)


def _target_cells(
    indicator: Indicator, years: Sequence[int], quarterly: frozenset[int]
) -> Iterator[Cell]:
    targets = indicator.targets  # a property that combines quarters: read it once
    for y in years:
        yield value_cell(targets.get(y))
        if y in quarterly:
            yield from quarter_cells(indicator.written_targets.get(y))


def ordered_nodes(tree: Tree) -> Iterator[Node]:
    """Every node once, top-down in file order (a shared node where it is written first),
    then any node no root reaches."""
    seen: set[str] = set()
    for step in tree.walk():
        if step.first:
            seen.add(step.node.code)
            yield step.node
    for kode, node in tree.nodes.items():
        if kode not in seen:
            yield node


def cascading(tree: Tree) -> Sheet:
    """The cascading matrix: one row per indicator of each node from the top level down
    (one row for a node without indicators), with the node's parents, misi and unit; and
    its ``hasil`` in a last column when any node of the tree has one."""
    years = plan_years(tree)
    # the result statements beside nomenclature names: a column only for trees that write them
    results = any(node.result is not None for node in tree.nodes.values())
    quarterly = quarterly_years(tree)
    sheet = Sheet(
        "Cascading",
        "cascading",
        (
            Column("jenjang", width=18),
            Column("kode", width=18),
            Column("uraian", "long", 48),
            Column("induk", width=18),
            Column("misi", width=10),
            Column("penanggung_jawab", width=18),
            Column("kode_indikator", width=22),
            Column("indikator", "long", 48),
            Column("satuan", width=10),
            Column("polaritas", width=10),
            Column("baseline", "value", 10),
            *_target_columns(years, quarterly),
            Column("penanggung_jawab_indikator", width=18),
            *_carried_column(tree),
            *((Column("hasil", "long", 48),) if results else ()),
        ),
        title="Matriks Cascading Kinerja",
    )
    into = _carried_into(tree)
    missions = tree.all_missions()
    order = {m.code: i for i, m in enumerate(tree.mission_list())}
    for node in ordered_nodes(tree):
        kode = node.code
        served = sorted(missions.get(kode, ()), key=lambda m: order.get(m, len(order)))
        head: tuple[Cell, ...] = (
            node.level,
            kode,
            node.description,
            ", ".join(tree.parents.get(kode, ())),
            ", ".join(served),
            units_cell(node.owners),
        )
        tail: tuple[Cell, ...] = (node.result,) if results else ()
        if not node.indicators:
            blank = (None,) * (len(sheet.columns) - len(head) - len(tail))
            sheet.rows.append(head + blank + tail)
            continue
        for indicator in node.indicators:
            sheet.rows.append(
                (
                    *head,
                    indicator.code,
                    indicator.description,
                    indicator.unit,
                    polarity_label(indicator.overall_polarity, indicator.polarity_written),
                    value_cell(indicator.baseline),
                    *_target_cells(indicator, years, quarterly),
                    units_cell(tree.owners_of(indicator)),
                    *into(indicator),
                    *tail,
                )
            )
    return sheet


def _carried_column(tree: Tree) -> tuple[Column, ...]:
    """``dibawa_ke``, the nodes an indicator is carried down into, when the file carries
    any (an indicator is one row, under the node it is written on)."""
    return (Column("dibawa_ke", width=22),) if tree.carried else ()


def _carried_into(tree: Tree) -> Callable[[Indicator], tuple[Cell, ...]]:
    """The cell of ``dibawa_ke`` for an indicator (none when the file carries nothing)."""
    if not tree.carried:
        return lambda _indicator: ()
    into: dict[str, list[str]] = {}
    for node in ordered_nodes(tree):
        for entry in tree.carried.get(node.code, ()):
            into.setdefault(entry.code, []).append(node.code)
    return lambda indicator: (", ".join(into.get(indicator.code, ())) or None,)


def manual(tree: Tree) -> Sheet:
    """The indicator manual: what each indicator means and who answers for it."""
    names = {u.code: u.name for u in tree.header.units}
    sheet = Sheet(
        "Manual IK",
        "manual_ik",
        (
            Column("kode", width=22),
            Column("indikator", "long", 48),
            Column("simpul", width=18),
            Column("satuan", width=10),
            Column("polaritas", width=10),
            Column("konsolidasi", width=12),
            Column("definisi", "long", 40),
            Column("formula", "long", 32),
            Column("sumber_data", "long", 28),
            Column("penanggung_jawab", width=18),
            Column("unit_kerja", "long", 32),
            Column("nasional", width=9),
            *_carried_column(tree),
        ),
        title="Manual Indikator Kinerja",
    )
    into = _carried_into(tree)
    for node in ordered_nodes(tree):
        for indicator in node.indicators:
            owners = tree.owners_of(indicator)
            sheet.rows.append(
                (
                    indicator.code,
                    indicator.description,
                    node.code,
                    indicator.unit,
                    polarity_label(indicator.overall_polarity, indicator.polarity_written),
                    indicator.consolidation,
                    indicator.definition,
                    indicator.formula,
                    indicator.data_source,
                    units_cell(owners),
                    units_cell(tuple(names.get(kode, kode) for kode in owners)),
                    "ya" if indicator.national else "tidak",
                    *into(indicator),
                )
            )
    return sheet


def accountability(tree: Tree) -> Sheet:
    """Who answers for what, unit by unit in the order of ``unit_kerja`` (the page
    *Cascading Akuntabilitas Kinerja*): each unit's duties, then the nodes and indicators
    it answers for. A unit with none of these still has its row. A node or indicator of
    several units is listed under each; under a partner (not the lead) its ``jenis`` is
    marked ``(mitra)``. An indicator carried down is also listed under the units of the
    node carrying it (their IKU too), once per unit."""
    years = plan_years(tree)
    sheet = Sheet(
        "Akuntabilitas",
        "akuntabilitas",
        (
            Column("unit", width=18),
            Column("nama_unit", "long", 32),
            Column("atasan", width=16),
            Column("jenis", width=10),
            Column("kode", width=22),
            Column("uraian", "long", 56),
            Column("jenjang", width=18),
            Column("satuan", width=10),
            *(Column(f"target_{y}", "value", 11) for y in years),
        ),
        title="Cascading Akuntabilitas Kinerja per Unit Kerja",
    )
    items: dict[str | None, list[tuple[Cell, ...]]] = {}
    blank_targets: tuple[Cell, ...] = (None,) * len(years)
    listed: set[tuple[str | None, str]] = set()
    for node in ordered_nodes(tree):
        for i, owner in enumerate(node.owners or (None,)):
            items.setdefault(owner, []).append(
                (_role("simpul", i), node.code, node.description, node.level, None, *blank_targets)
            )
        for indicator in tree.listed(node):
            for i, owner in enumerate(tree.owners_under(node, indicator) or (None,)):
                if (owner, indicator.code) in listed:
                    continue
                listed.add((owner, indicator.code))
                row = _indicator_item(indicator, node, years)
                items.setdefault(owner, []).append((_role("indikator", i), *row[1:]))
    for unit in tree.header.units:
        head: tuple[Cell, ...] = (unit.code, unit.name, unit.parent)
        rows = [("tugas", None, duty, None, None, *blank_targets) for duty in unit.duties]
        rows += items.get(unit.code, [])
        if not rows:
            rows = [(None, None, None, None, None, *blank_targets)]
        sheet.rows.extend(head + row for row in rows)
    for row in items.get(None, []):
        sheet.rows.append((None, "(tanpa penanggung jawab)", None, *row))
    return sheet


def _role(kind: str, place: int) -> str:
    """``simpul`` or ``indikator`` under its lead unit; ``simpul (mitra)`` under a partner."""
    return kind if place == 0 else f"{kind} (mitra)"


def _indicator_item(indicator: Indicator, node: Node, years: Sequence[int]) -> tuple[Cell, ...]:
    targets = indicator.targets
    return (
        "indikator",
        indicator.code,
        indicator.description,
        node.level,
        indicator.unit,
        *(value_cell(targets.get(y)) for y in years),
    )
