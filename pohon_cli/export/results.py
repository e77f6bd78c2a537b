"""The sheets of results: the achievement of a year, its summaries, and the budget."""

from __future__ import annotations

from collections.abc import Sequence

from pohon_cli.export.plan import ordered_nodes
from pohon_cli.export.sheet import Cell, Column, Sheet, quarter_cells, units_cell, value_cell
from pohon_cli.model import QUARTERS, Indicator, Node, Tree, polarity_label
from pohon_cli.model.budget import serapan
from pohon_cli.report import Report, Summary


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
                *(quarter_cells(row.target_written) if planned else ()),
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
    for node in ordered_nodes(tree):
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
