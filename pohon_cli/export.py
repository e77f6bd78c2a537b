"""The tree as the spreadsheets planners exchange: the cascading matrix, the indicator
manual (*manual IK*), accountability per unit kerja, and the achievement of a year.

Pure: a tree in, sheets of typed cells out; writing them (xlsx, CSV, Markdown) is the
output layer's. Every sheet has fixed headers in a fixed order and its rows in the order
of the file, so that the same tree always gives the same sheets and a later import can
read them back by header. Each column has two names: its ``header``, the key a program
reads (CSV), and its ``label``, the words a planner prints (the workbook, Markdown).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from pohon_cli.model import (
    QUARTERS,
    Actual,
    Indicator,
    Node,
    Tree,
    Value,
    polarity_label,
    value_text,
)
from pohon_cli.model.budget import serapan
from pohon_cli.report import Report, Summary

# text: a short text; long: a text that wraps; value: a target or realisasi (a number as
# written, or a text, or a range as text); number: a count; percent: an achievement
Kind = Literal["text", "long", "value", "number", "percent"]
Cell = str | Decimal | int | None


# The words a planner prints above each column, by header; a header with a year
# (target_2025) is labelled by its stem (Target 2025).
LABELS: dict[str, str] = {
    "jenjang": "Jenjang",
    "kode": "Kode",
    "uraian": "Uraian",
    "induk": "Induk",
    "misi": "Misi",
    "penanggung_jawab": "Penanggung Jawab",
    "kode_indikator": "Kode Indikator",
    "indikator": "Indikator Kinerja",
    "satuan": "Satuan",
    "polaritas": "Polaritas",
    "baseline": "Baseline",
    "penanggung_jawab_indikator": "Penanggung Jawab Indikator",
    "simpul": "Kode Kinerja",
    "konsolidasi": "Konsolidasi",
    "definisi": "Definisi",
    "formula": "Formula",
    "sumber_data": "Sumber Data",
    "unit_kerja": "Unit Kerja",
    "nasional": "Nasional",
    "unit": "Kode Unit",
    "nama_unit": "Unit Kerja",
    "atasan": "Atasan",
    "jenis": "Jenis",
    "hasil": "Hasil",
    "tw1": "TW I",
    "tw2": "TW II",
    "tw3": "TW III",
    "tw4": "TW IV",
    "target_tw1": "Target TW I",
    "target_tw2": "Target TW II",
    "target_tw3": "Target TW III",
    "target_tw4": "Target TW IV",
    "dasar": "Dasar Perhitungan",
    "capaian": "Capaian",
    "capaian_dibatasi": "Capaian (Dibatasi)",
    "predikat": "Predikat",
    "status": "Status",
    "keterangan": "Keterangan",
    "per": "Per",
    "dinilai": "Dinilai",
    "tanpa_realisasi": "Tanpa Realisasi",
    "tidak_dinilai": "Tidak Dinilai",
    "tanpa_target": "Tanpa Target",
    "rata_rata": "Rata-rata Capaian",
    "target": "Target",
    "realisasi": "Realisasi",
    "anggaran": "Pagu Anggaran",
    "realisasi_anggaran": "Realisasi Anggaran",
    "serapan": "Serapan Anggaran",
}
_WITH_YEAR = re.compile(r"([a-z_]+)_(\d{4})")
# a quarter of a year's target: target_2026_tw1 -> Target 2026 TW I
_WITH_QUARTER = re.compile(r"([a-z_]+_\d{4})_(tw[1-4])")


def label(header: str) -> str:
    """The words a planner prints for a column: ``target_2025`` -> ``Target 2025``."""
    found = LABELS.get(header)
    if found is not None:
        return found
    with_quarter = _WITH_QUARTER.fullmatch(header)
    if with_quarter is not None:
        return f"{label(with_quarter.group(1))} {LABELS[with_quarter.group(2)]}"
    with_year = _WITH_YEAR.fullmatch(header)
    if with_year is not None and with_year.group(1) in LABELS:
        return f"{LABELS[with_year.group(1)]} {with_year.group(2)}"
    return header.replace("_", " ").capitalize()


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    kind: Kind = "text"
    # width in characters, as a spreadsheet measures it
    width: int = 14

    @property
    def label(self) -> str:
        return label(self.header)


@dataclass(frozen=True, slots=True)
class Sheet:
    """One table: ``name`` is the sheet's (xlsx) and, as ``slug``, the CSV file's;
    ``title`` says what it is, in the words printed above it."""

    name: str
    slug: str
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    title: str = ""

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(c.label for c in self.columns)


@dataclass(frozen=True, slots=True)
class Cover:
    """What the top of every printed sheet says: the office and the year of the file."""

    instansi: str
    tahun: int


def cover(tree: Tree) -> Cover:
    return Cover(tree.header.institution.name, tree.header.year)


def sheets(tree: Tree, report: Report | None = None) -> list[Sheet]:
    """Every sheet of the workbook, the achievement ones only when ``report`` has a
    realisasi to show, the budget last when a node or indicator has one."""
    found = [cascading(tree), manual(tree), accountability(tree)]
    if report is not None and any(r.written is not None for r in report.rows):
        found += [achievement(report), summaries(report)]
    budget = budgets(tree)
    if budget.rows:
        found.append(budget)
    return found


def value_cell(value: Value | None) -> Cell:
    """A target or realisasi: a number as written, a text, a range as ``[80, 90]``."""
    if isinstance(value, tuple):
        return value_text(value)
    return value


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
    for y in years:
        yield value_cell(indicator.targets.get(y))
        if y in quarterly:
            yield from _quarter_cells(indicator.written_targets.get(y))


def _ordered_nodes(tree: Tree) -> Iterator[Node]:
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
    for node in _ordered_nodes(tree):
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
    for node in _ordered_nodes(tree):
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
    for node in _ordered_nodes(tree):
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
    marked ``(mitra)``."""
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
    for node in _ordered_nodes(tree):
        for i, owner in enumerate(node.owners or (None,)):
            items.setdefault(owner, []).append(
                (_role("simpul", i), node.code, node.description, node.level, None, *blank_targets)
            )
        for indicator in node.indicators:
            for i, owner in enumerate(tree.owners_of(indicator) or (None,)):
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


def units_cell(owners: Sequence[str]) -> str | None:
    """The units of a node or indicator in one cell, lead first: ``A`` or ``A, B``."""
    return ", ".join(owners) if owners else None


def _indicator_item(indicator: Indicator, node: Node, years: Sequence[int]) -> tuple[Cell, ...]:
    return (
        "indikator",
        indicator.code,
        indicator.description,
        node.level,
        indicator.unit,
        *(value_cell(indicator.targets.get(y)) for y in years),
    )


def achievement(report: Report) -> Sheet:
    """The achievement of the report's year, one row per indicator, quarters included."""
    year = report.year
    quarterly = any(isinstance(r.written, dict) for r in report.rows)
    # a target written per quarter gets its own quarter columns, beside the year's target
    planned = any(isinstance(r.target_written, dict) for r in report.rows)
    sheet = Sheet(
        f"Capaian {year}",
        f"capaian_{year}",
        (
            Column("kode", width=22),
            Column("indikator", "long", 48),
            Column("simpul", width=18),
            Column("satuan", width=10),
            Column("polaritas", width=10),
            Column("penanggung_jawab", width=18),
            Column(f"target_{year}", "value", 11),
            *(Column(f"target_{q}", "value", 9) for q in QUARTERS if planned),
            *(Column(q, "value", 9) for q in QUARTERS if quarterly),
            Column(f"realisasi_{year}", "value", 11),
            Column("dasar", "long", 24),
            Column("capaian", "percent", 11),
            Column("capaian_dibatasi", "percent", 11),
            Column("predikat", width=14),
            Column("status", width=16),
            Column("keterangan", "long", 40),
        ),
        title=f"Capaian Kinerja Tahun {year}",
    )
    for row in report.rows:
        written = row.written
        quarters: tuple[Cell, ...] = ()
        if quarterly:
            quarters = tuple(
                written.get(q) if isinstance(written, dict) else None for q in QUARTERS
            )
        sheet.rows.append(
            (
                row.indicator.code,
                row.indicator.description,
                row.node,
                row.indicator.unit,
                polarity_label(
                    row.indicator.polarity_for(row.target), row.indicator.polarity_written
                ),
                units_cell((row.owner, *row.partners) if row.owner else ()),
                value_cell(row.target),
                *(_quarter_cells(row.target_written) if planned else ()),
                *quarters,
                value_cell(row.realisasi),
                row.basis or None,
                row.raw,
                row.capped,
                row.band,
                row.status,
                row.reason,
            )
        )
    return sheet


def _quarter_cells(written: Actual | None) -> tuple[Cell, ...]:
    """tw1..tw4 of a value written per quarter; blanks for one value of the year."""
    return tuple(written.get(q) if isinstance(written, dict) else None for q in QUARTERS)


def summaries(report: Report) -> Sheet:
    """The averages of capped achievements per node, unit kerja and misi, and overall."""
    year = report.year
    sheet = Sheet(
        f"Ringkasan {year}",
        f"ringkasan_{year}",
        (
            Column("per", width=10),
            Column("kode", width=22),
            Column("uraian", "long", 56),
            Column("dinilai", "number", 9),
            Column("tanpa_realisasi", "number", 9),
            Column("tidak_dinilai", "number", 9),
            Column("tanpa_target", "number", 9),
            Column("rata_rata", "percent", 11),
            Column("predikat", width=14),
        ),
        title=f"Ringkasan Capaian Kinerja Tahun {year}",
    )
    groups: list[tuple[str, Sequence[Summary]]] = [
        ("simpul", report.nodes),
        ("unit", report.units),
        ("misi", report.missions),
        ("semua", (report.overall,)),
    ]
    for per, group in groups:
        for s in group:
            sheet.rows.append(
                (
                    per,
                    s.kode or None,
                    s.name or None,
                    s.rated,
                    s.missing,
                    s.unrated,
                    s.no_target,
                    s.average,
                    s.band,
                )
            )
    return sheet


def budgets(tree: Tree) -> Sheet:
    """The pagu and realisasi anggaran of every node and indicator that has one, per year,
    with the serapan (%) of each year some realisasi anggaran is written for."""
    items: list[tuple[Node, Node | Indicator]] = []
    for node in _ordered_nodes(tree):
        members: list[Node | Indicator] = [node, *node.indicators]
        items += [(node, item) for item in members if item.budget or item.spent]
    years = sorted({y for _, item in items for y in (*item.budget, *item.spent)})
    spent = {y for _, item in items for y in item.spent}
    sheet = Sheet(
        "Anggaran",
        "anggaran",
        (
            Column("jenis", width=10),
            Column("kode", width=22),
            Column("uraian", "long", 48),
            Column("simpul", width=18),
            Column("jenjang", width=18),
            *(
                column
                for y in years
                for column in (
                    Column(f"anggaran_{y}", "value", 16),
                    Column(f"realisasi_anggaran_{y}", "value", 16),
                    *((Column(f"serapan_{y}", "percent", 11),) if y in spent else ()),
                )
            ),
        ),
        title="Pagu dan Realisasi Anggaran",
    )
    for node, item in items:
        money: list[Cell] = []
        for y in years:
            pagu, used = item.budget.get(y), item.spent.get(y)
            money += [pagu, used, *((serapan(pagu, used),) if y in spent else ())]
        jenis = "indikator" if isinstance(item, Indicator) else "simpul"
        sheet.rows.append((jenis, item.code, item.description, node.code, node.level, *money))
    return sheet
