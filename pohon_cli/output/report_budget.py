"""The serapan anggaran part of ``pohon report``: its tables (rupiah for people, digits for
programs) and its JSON. Nothing is printed for a year no node or indicator budgets."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from pohon_cli.i18n import _
from pohon_cli.model import Indicator, Node, number_text
from pohon_cli.model.budget import Line, Sum, rupiah, serapan
from pohon_cli.output import tables
from pohon_cli.report import Budget, Efficiency


def _money(value: Decimal | None, people: bool) -> str:
    if value is None:
        return ""
    return rupiah(value) if people else number_text(value)


def _number(value: Decimal | None) -> str:
    return "" if value is None else number_text(value)


def lines_table(lines: Sequence[Line], people: bool = True) -> tables.Table:
    """One row per budgeted node or indicator; ``dihitung`` marks what the totals sum."""
    headers = ("kode", "uraian", "jenis", "pagu", "realisasi", "serapan (%)", "dihitung")
    body = [
        (
            line.kode,
            line.name,
            "indikator" if line.is_indicator else "simpul",
            _money(line.pagu, people),
            _money(line.spent, people),
            _number(line.serapan),
            "ya" if line.counted else "",
        )
        for line in lines
    ]
    return tables.Table(headers, body, frozenset({3, 4, 5}), flexible=1)


def sums_table(sums: Sequence[Sum], people: bool = True) -> tables.Table:
    headers = ("misi", "uraian", "pagu", "realisasi", "serapan (%)", "tanpa realisasi")
    body = [
        (
            s.kode,
            s.name,
            _money(s.pagu, people),
            _money(s.spent, people),
            _number(s.serapan),
            str(s.without),
        )
        for s in sums
    ]
    return tables.Table(headers, body, frozenset({2, 3, 4, 5}), flexible=1)


def efficiency_table(rows: Sequence[Efficiency]) -> tables.Table:
    headers = ("kode", "uraian", "capaian (%)", "serapan (%)", "selisih")
    body = [
        (e.kode, e.name, number_text(e.capaian), number_text(e.serapan), number_text(e.gap))
        for e in rows
    ]
    return tables.Table(headers, body, frozenset({2, 3, 4}), flexible=1)


def office_text(budget: Budget, year: int) -> str:
    """The office's line: what its pagu holds, what was spent, the serapan."""
    office = budget.office
    if office is None:
        return _("anggaran {year}: no pagu written for the nodes reported", year=year)
    parts = [f"anggaran {year}: pagu {rupiah(office.pagu)}"]
    if office.serapan is not None:
        parts.append(f"realisasi {rupiah(office.spent)}, serapan {number_text(office.serapan)}%")
    if office.without:
        parts.append(
            _(
                "{without} of {counted} without realisasi anggaran "
                "(not counted as 0: serapan is over the others)",
                without=office.without,
                counted=office.counted,
            )
        )
    return "; ".join(parts)


def sections(budget: Budget) -> list[tuple[str, tables.Table]]:
    """The headed tables a person reads, in order; none for a year without budgets."""
    if not budget.lines:
        return []
    found = [("Serapan anggaran per simpul dan indikator", lines_table(budget.lines))]
    if budget.missions:
        found.append(("Serapan anggaran per misi", sums_table(budget.missions)))
    if budget.efficiency:
        found.append(
            ("Efisiensi: capaian kinerja dan serapan anggaran", efficiency_table(budget.efficiency))
        )
    return found


def _sum_json(s: Sum) -> dict[str, Any]:
    return {
        "kode": s.kode,
        "uraian": s.name,
        "pagu": s.pagu,
        "realisasi": s.spent,
        "pagu_terukur": s.pagu_measured,
        "serapan": s.serapan,
        "dihitung": s.counted,
        "tanpa_realisasi": s.without,
    }


def budget_json(budget: Budget) -> dict[str, Any]:
    """The ``serapan_anggaran`` key of the report's JSON (always present)."""
    office = None
    if budget.office is not None:
        office = _sum_json(budget.office)
        del office["kode"], office["uraian"]
    return {
        "simpul_dan_indikator": [
            {
                "kode": line.kode,
                "uraian": line.name,
                "jenis": "indikator" if line.is_indicator else "simpul",
                "simpul": line.node,
                "pagu": line.pagu,
                "realisasi": line.spent,
                "serapan": line.serapan,
                "dihitung": line.counted,
            }
            for line in budget.lines
        ],
        "misi": [_sum_json(s) for s in budget.missions],
        "keseluruhan": office,
        "efisiensi": [
            {
                "kode": e.kode,
                "uraian": e.name,
                "jenis": "indikator" if e.is_indicator else "simpul",
                "capaian": e.capaian,
                "serapan": e.serapan,
                "selisih": e.gap,
            }
            for e in budget.efficiency
        ],
    }


def amounts_json(item: Node | Indicator) -> dict[str, Any]:
    """The budget keys of a node or indicator in the views' JSON: every year's pagu and
    realisasi anggaran as written, and the serapan of each year that has both."""
    shares = {y: serapan(item.budget.get(y), spent) for y, spent in item.spent.items()}
    return {
        "anggaran": {str(y): v for y, v in item.budget.items()},
        "realisasi_anggaran": {str(y): v for y, v in item.spent.items()},
        "serapan_anggaran": {str(y): v for y, v in shares.items() if v is not None},
    }
